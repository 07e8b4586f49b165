"""The synthesis plan both faces show before a run: what costs money, and what is redacted."""

from __future__ import annotations

from guideagent.engines.llm import LLMEngine
from guideagent.engines.offline import OfflineEngine
from guideagent.schemas import Study, Transcript, Utterance
from guideagent.schemas.transcript import Role
from guideagent.synthesis.plan import REDACTION_NOTE, plan_synthesis


def transcript(tid: str) -> Transcript:
    return Transcript(
        id=tid,
        utterances=[
            Utterance(
                id="u1",
                speaker="Interviewer",
                role=Role.interviewer,
                text="Tell me about invoicing.",
            ),
            Utterance(
                id="u2",
                speaker="Ann",
                text="I send invoices on Fridays from a spreadsheet, ann@example.com.",
            ),
        ],
    )


def test_offline_plan_spends_nothing_and_asks_nothing(llm_settings, tmp_path):
    plan = plan_synthesis(
        [transcript("P1")],
        OfflineEngine(),
        llm_settings,
        study=None,
        guide=None,
        cache_dir=tmp_path,
    )
    assert plan.estimate is None and not plan.needs_confirmation and plan.redactor is None
    assert plan.describe() == []


def test_llm_plan_estimates_and_redacts_for_remote_providers(llm_settings, tmp_path):
    llm_settings.redact = True
    study = Study(redact_names=["Ann"])
    plan = plan_synthesis(
        [transcript("P1"), transcript("P2")],
        LLMEngine(llm_settings),
        llm_settings,
        study=study,
        guide=None,
        cache_dir=tmp_path,
    )
    assert plan.needs_confirmation and len(plan.pending) == 2 and plan.cached == 0
    assert "2 interview(s) to process" in plan.describe()[0]
    assert REDACTION_NOTE in plan.describe()
    assert "[NAME_1]" in plan.redactor.redact("Ann said so")


def test_speaker_names_are_redacted_by_default_but_role_labels_are_not(llm_settings, tmp_path):
    llm_settings.redact = True
    plan = plan_synthesis(
        [transcript("P1")],
        LLMEngine(llm_settings),
        llm_settings,
        study=None,
        guide=None,
        cache_dir=tmp_path,
    )
    assert plan.redactor.redact("Ann said so to the Interviewer") == (
        "[NAME_1] said so to the Interviewer"
    )
