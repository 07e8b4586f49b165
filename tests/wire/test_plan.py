"""The synthesis plan both faces show before a run: what costs money, and what is redacted."""

from __future__ import annotations

from fakes.engine import PAID_REMOTE, FakeEngine

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


def test_the_plan_follows_capabilities_not_names(llm_settings, tmp_path):
    llm_settings.redact = None
    paid = plan_synthesis(
        [transcript("P1")],
        FakeEngine(capabilities=PAID_REMOTE),
        llm_settings.model_copy(update={"base_url": "https://llm.example.com/v1"}),
        study=None,
        guide=None,
        cache_dir=tmp_path,
    )
    assert paid.needs_confirmation and paid.estimate.usd == 0.25 and paid.redactor is not None
    free = plan_synthesis(
        [transcript("P1")], FakeEngine(), llm_settings, study=None, guide=None, cache_dir=tmp_path
    )
    assert free.estimate is None and free.redactor is None and not free.needs_confirmation


def test_a_local_llm_is_estimated_but_not_redacted_by_default(llm_settings, tmp_path):
    llm_settings.redact = None  # the loopback server is local
    engine = LLMEngine(llm_settings)
    assert engine.capabilities.metered and not engine.capabilities.off_machine
    plan = plan_synthesis(
        [transcript("P1")], engine, llm_settings, study=None, guide=None, cache_dir=tmp_path
    )
    assert plan.needs_confirmation and plan.redactor is None


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
