"""`guideagent critique`: exit codes, the three formats, allow-lists and study folders."""

from __future__ import annotations

import json
import subprocess
import sys

from paths import DATA, ROOT

from guideagent.cli import main

GUIDES = DATA / "guides"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["critique", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_guide_without_errors_exits_0(capsys):
    code, out, err = run(capsys, str(GUIDES / "open-guide.md"))
    assert code == 0
    assert "4 questions" in out and "0 errors" in out
    assert "offline engine" in err  # said once, on stderr, when nothing is configured


def test_errors_exit_1_and_text_shows_question_finding_and_rewrite(capsys):
    code, out, _ = run(capsys, str(GUIDES / "onboarding.md"))
    assert code == 1
    assert "Do you use a budgeting app?" in out
    assert "closed" in out and "Ask open-ended questions" in out
    assert "→ Tell me about the last time you used a budgeting app." in out
    assert "Whole guide" in out and "no_objectives" in out


def test_json_parses_and_carries_findings_and_questions(capsys):
    code, out, _ = run(capsys, str(GUIDES / "onboarding.md"), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["engine"] == "offline"
    assert [q["id"] for q in data["questions"]][:2] == ["q1", "q2"]
    closed = [f for f in data["findings"] if f["code"] == "closed"]
    assert closed and closed[0]["question_id"] == "q4" and closed[0]["severity"] == "error"
    assert data["summary"]["questions"] == 7 and data["summary"]["errors"] >= 1


def test_markdown_report(capsys):
    code, out, _ = run(capsys, str(GUIDES / "onboarding.md"), "--format", "markdown")
    assert code == 1
    assert out.startswith("# Critique: Savings app onboarding interviews")
    assert "### q4: Do you use a budgeting app?" in out
    assert "Suggested: → Tell me about the last time you used a budgeting app." in out


def test_allow_terms_silence_jargon(capsys, tmp_path):
    guide = tmp_path / "kyc.md"
    guide.write_text("1. Walk me through your last KYC check.\n", encoding="utf-8")
    _, out, _ = run(capsys, str(guide), "--format", "json")
    assert "jargon" in {f["code"] for f in json.loads(out)["findings"]}
    _, out, _ = run(capsys, str(guide), "--format", "json", "--allow", "KYC")
    assert "jargon" not in {f["code"] for f in json.loads(out)["findings"]}


def test_empty_file_exits_2_with_one_line_naming_it(capsys, tmp_path):
    empty = tmp_path / "empty-guide.md"
    empty.write_bytes(b"")
    code, out, err = run(capsys, str(empty))
    lines = [line for line in err.splitlines() if "offline engine" not in line]
    assert code == 2 and out == ""
    assert len(lines) == 1 and "empty-guide.md" in lines[0]


def test_bad_input_in_a_real_process_prints_no_traceback(tmp_path):
    missing = tmp_path / "nowhere.md"
    done = subprocess.run(
        [sys.executable, "-m", "guideagent.cli", "critique", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "nowhere.md" in done.stderr


def test_study_folder_uses_the_brief(capsys, tmp_path):
    from guideagent.ingest.guide import load_guide
    from guideagent.schemas import Objective, ParticipantPlan, Segment, Study
    from guideagent.store import create_study

    study = Study(
        title="Weekly shop",
        objectives=[Objective(id="o1", text="Understand how families do their weekly shop")],
        session_minutes=30,
        participants=ParticipantPlan(
            segments=[Segment(name="families", count=3), Segment(name="singles", count=3)]
        ),
        jargon_allowed=["KYC"],
    )
    folder = create_study(tmp_path / "shop", study)
    folder.save_guide(load_guide(GUIDES / "open-guide.md"))
    code, out, _ = run(capsys, str(tmp_path / "shop"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert not {f["code"] for f in data["findings"]} & {
        "no_objectives",
        "participants_not_diverse",
        "objective_uncovered",
    }


def test_folder_with_only_a_guide(capsys, tmp_path):
    (tmp_path / "guide.md").write_text("1. Do you shop online?\n", encoding="utf-8")
    code, out, _ = run(capsys, str(tmp_path), "--format", "json")
    assert code == 1 and json.loads(out)["findings"][0]["code"] == "closed"


# -- python -m evals critique -------------------------------------------------------------------


def _evals_main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))  # evals/ is a top-level folder
    from evals.__main__ import main as evals_main

    return evals_main(argv)


def test_evals_critique_json_prints_one_object(capsys, tmp_path):
    data = tmp_path / "tiny.jsonl"
    rows = [
        {"id": "a", "text": "Do you use a budgeting app?", "labels": ["closed"]},
        {"id": "b", "text": "Tell me about the last time you moved money.", "labels": []},
        {"id": "c", "text": "How frustrating is checkout?", "labels": ["leading"]},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert _evals_main(["critique", "--data", str(data), "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)  # the whole of stdout is one JSON object
    assert result["n"] == 3 and result["engine"] == "offline"
    assert set(result["codes"]) == {
        "closed",
        "leading",
        "double_barreled",
        "hypothetical",
        "jargon",
        "rating_scale",
    }
    assert result["codes"]["closed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert result["codes"]["jargon"]["support"] == 0
    assert result["false_positive_rate"] == 0.0


def test_evals_critique_names_a_malformed_line(capsys, tmp_path):
    data = tmp_path / "broken.jsonl"
    data.write_text('{"text": "Do you cook?", "labels": ["closed"]}\n{not json\n', encoding="utf-8")
    assert _evals_main(["critique", "--data", str(data), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "broken.jsonl:2:" in captured.err
