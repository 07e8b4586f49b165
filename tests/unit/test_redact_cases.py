"""The redaction dev set (tests/data/redaction/dev_cases.json): hard cases written for this
project, each with what must go and what must stay, and an exact restore."""

from __future__ import annotations

import json

import pytest
from paths import DATA

from guideagent.synthesis.redact import Redactor

CASES = json.loads((DATA / "redaction" / "dev_cases.json").read_text())


def failures(case: dict, redactor_class=Redactor) -> list[str]:
    redactor = redactor_class(case.get("names", []))
    hidden = redactor.redact(case["text"])
    problems = [f"not redacted: {s!r}" for s in case["redact"] if s in hidden]
    problems += [f"over-redacted: {s!r}" for s in case["keep"] if s not in hidden]
    if redactor.restore(hidden) != case["text"]:
        problems.append("restore is not exact")
    return [f"{p} in {hidden!r}" for p in problems]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case(case):
    assert failures(case) == []


def test_the_dev_set_is_big_enough():
    assert len(CASES) >= 20
