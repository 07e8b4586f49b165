"""The synthesis run end to end on the offline engine, and the run's own bookkeeping
(cache, resume, counts, coverage, failures, concurrency, usage) with the fake engine at
our own protocol (tests/fakes/engine.py)."""

from __future__ import annotations

import csv
import json
import threading

from fakes.engine import PAID_REMOTE, FakeEngine

from guideagent.engines.offline import OfflineEngine
from guideagent.schemas import Guide, Objective, Question, Section, Study, Transcript, Utterance
from guideagent.schemas.synthesis import Synthesis
from guideagent.schemas.transcript import Role
from guideagent.synthesis.pipeline import pending_transcripts, synthesize_study
from guideagent.synthesis.report import write_reports

STUDY = Study(
    title="Invoicing",
    objectives=[
        Objective(id="o1", text="Learn how freelancers prepare invoices"),
        Objective(id="o2", text="Learn how freelancers get paid on time"),
    ],
)
GUIDE = Guide(
    sections=[
        Section(
            id="s1",
            title="Main",
            questions=[
                Question(
                    id="q1", text="Walk me through the last invoice you sent.", objective_ids=["o1"]
                ),
                Question(
                    id="q2",
                    text="Tell me about the last time a client paid late.",
                    objective_ids=["o2"],
                ),
            ],
        )
    ]
)
ANSWERS = {
    "P1": [
        "Every Friday I copy my hours from the calendar into a spreadsheet, which takes an hour.",
        "The worst part is chasing clients who pay late, I send three reminder emails on average.",
    ],
    "P2": [
        "I copy hours from my calendar into a spreadsheet every week and it eats my Friday afternoon.",
        "Clients pay late all the time and chasing them with reminder emails is exhausting.",
    ],
    "P3": [
        "Honestly I just export my calendar hours to a spreadsheet and tidy it up by hand each Friday.",
        "Late payments are the worst, I have to chase clients with reminders for weeks.",
    ],
    "P4": ["Yes.", "No."],  # said nothing quotable: still a participant, counted in N
}


def interview(pid: str) -> Transcript:
    utterances = []
    for n, answer in enumerate(ANSWERS[pid]):
        utterances += [
            Utterance(
                id=f"u{2 * n + 1}",
                speaker="Interviewer",
                role=Role.interviewer,
                text=GUIDE.sections[0].questions[n].text,
                start=60.0 * n,
            ),
            Utterance(id=f"u{2 * n + 2}", speaker=pid, text=answer, start=60.0 * n + 7),
        ]
    return Transcript(id=pid, source=f"/study/transcripts/{pid}.txt", utterances=utterances)


TRANSCRIPTS = [interview(p) for p in ANSWERS]


def test_offline_study_writes_reports_that_parse(tmp_path):
    run = synthesize_study(
        TRANSCRIPTS, OfflineEngine(), study=STUDY, guide=GUIDE, cache_dir=tmp_path / "cache"
    )
    synthesis = run.synthesis
    assert synthesis.participant_ids == [
        "P1",
        "P2",
        "P3",
        "P4",
    ]  # P4 gave no insight, still counted
    assert synthesis.themes and all(
        synthesis.prevalence(t).endswith("of 4") for t in synthesis.themes
    )
    assert synthesis.cited_share["P4"] == 0.0 and 0 < synthesis.cited_share["P1"] <= 1
    assert [row.id for row in synthesis.objective_coverage] == ["o1", "o2"]
    assert [c.participant_id for c in synthesis.question_coverage[0].cells] == [
        "P1",
        "P2",
        "P3",
        "P4",
    ]

    files = write_reports(synthesis, tmp_path / "synthesis")
    report = files.report.read_text(encoding="utf-8")
    assert "# Invoicing: synthesis" in report and "What was left out" in report
    assert "Grounding dropped 0 quotes" in report
    with files.themes_csv.open(encoding="utf-8", newline="") as handle:
        themes = list(csv.DictReader(handle))
    with files.quotes_csv.open(encoding="utf-8", newline="") as handle:
        quotes = list(csv.DictReader(handle))
    assert themes and all(row["participants_total"] == "4" for row in themes)
    spoken = {(t.id, u.id): u.text for t in TRANSCRIPTS for u in t.utterances}
    assert quotes and all(
        row["quote"] in spoken[(row["transcript_id"], row["utterance_id"])] for row in quotes
    )
    assert Synthesis.model_validate(json.loads(files.json.read_text(encoding="utf-8"))) == synthesis


def test_rerun_uses_the_cache_and_changed_transcripts_are_redone(tmp_path):
    engine = FakeEngine()
    first = synthesize_study(TRANSCRIPTS, engine, study=STUDY, cache_dir=tmp_path)
    assert engine.extracted == ["P1", "P2", "P3", "P4"] and first.cached == 0

    engine.extracted = []
    again = synthesize_study(TRANSCRIPTS, engine, study=STUDY, cache_dir=tmp_path)
    assert engine.extracted == [] and again.cached == 4
    assert again.synthesis.model_dump() == first.synthesis.model_dump()

    edited = [t.model_copy(deep=True) for t in TRANSCRIPTS]
    edited[1].utterances[1].text = "I now use an invoicing app, which fixed the Friday copying."
    assert [t.id for t in pending_transcripts(edited, engine, cache_dir=tmp_path, study=STUDY)] == [
        "P2"
    ]
    synthesize_study(edited, engine, study=STUDY, cache_dir=tmp_path)
    assert engine.extracted == ["P2"]
    assert len(list(tmp_path.glob("P2.*.json"))) == 1  # the stale P2 notes are gone

    engine.extracted = []
    synthesize_study(edited, engine, study=STUDY, cache_dir=tmp_path, fresh=True)
    assert engine.extracted == ["P1", "P2", "P3", "P4"]


def test_damaged_cache_file_is_redone_not_fatal(tmp_path):
    engine = FakeEngine()
    synthesize_study(TRANSCRIPTS, engine, cache_dir=tmp_path)
    next(tmp_path.glob("P3.*.json")).write_text("{ half a file", encoding="utf-8")
    engine.extracted = []
    run = synthesize_study(TRANSCRIPTS, engine, cache_dir=tmp_path)
    assert engine.extracted == ["P3"] and run.status["P3"] == "done"


def test_cancel_before_start_raises_and_sends_nothing(tmp_path):
    from guideagent.synthesis.pipeline import SynthesisCancelled

    engine = FakeEngine()
    cancel = threading.Event()
    cancel.set()
    try:
        synthesize_study(TRANSCRIPTS, engine, cache_dir=tmp_path, cancel=cancel)
    except SynthesisCancelled as stopped:
        assert (stopped.done, stopped.total) == (0, 4)
        assert "run the same command again" in stopped.message
    else:
        raise AssertionError("a cancelled run must say so")
    assert engine.extracted == []


def test_redaction_hides_pii_from_the_engine_and_restores_it(tmp_path):
    class Redactor:  # the protocol the pipeline needs; the real one has its own tests
        def redact(self, text: str) -> str:
            return text.replace("dana@example.com", "[EMAIL_1]")

        def restore(self, text: str) -> str:
            return text.replace("[EMAIL_1]", "dana@example.com")

    leaky = interview("P1")
    leaky.utterances[1].text = "Send it to dana@example.com, that is where invoices go."
    engine = FakeEngine()
    run = synthesize_study(
        [leaky, interview("P2")], engine, cache_dir=tmp_path, redactor=Redactor()
    )
    assert not any("dana@example.com" in text for text in engine.seen_text)
    quotes = [q.text for t in run.synthesis.themes for q in t.quotes]
    assert "Send it to dana@example.com" in quotes  # restored, and verified against the original
    assert run.synthesis.dropped_quotes == 0


def test_progress_and_statuses_are_reported(tmp_path):
    seen, statuses = [], []
    synthesize_study(
        TRANSCRIPTS[:2],
        FakeEngine(),
        cache_dir=tmp_path,
        progress=lambda d, t, label: seen.append((d, t, label)),
        on_interview=lambda tid, status: statuses.append((tid, status)),
    )
    assert seen == [(1, 2, "P1"), (2, 2, "P2"), (2, 2, "themes")]
    assert statuses == [("P1", "running"), ("P1", "done"), ("P2", "running"), ("P2", "done")]


def test_a_failure_on_one_interview_keeps_the_others_and_a_rerun_resumes(tmp_path):
    from guideagent.errors import ProviderError

    engine = FakeEngine(fail_on=2)
    try:
        synthesize_study(TRANSCRIPTS, engine, study=STUDY, cache_dir=tmp_path)
    except ProviderError as exc:
        assert "injected failure on interview 2" in exc.message
        assert "1 of 4 interviews are saved" in exc.message
    else:
        raise AssertionError("the failure must surface")
    assert engine.extracted == ["P1", "P2"]  # one at a time: nothing started after the failure
    again = FakeEngine()
    run = synthesize_study(TRANSCRIPTS, again, study=STUDY, cache_dir=tmp_path)
    assert again.extracted == ["P2", "P3", "P4"] and run.cached == 1


def test_a_concurrent_engine_runs_interviews_at_once_and_a_serial_one_does_not(tmp_path):
    parallel = FakeEngine(delay=0.2, capabilities=PAID_REMOTE)
    synthesize_study(TRANSCRIPTS, parallel, cache_dir=tmp_path / "a", concurrency=3)
    assert parallel.in_flight_max == 3
    serial = FakeEngine(delay=0.05)
    synthesize_study(TRANSCRIPTS, serial, cache_dir=tmp_path / "b", concurrency=3)
    assert serial.in_flight_max == 1


def test_run_usage_is_this_runs_calls_only(tmp_path):
    engine = FakeEngine(capabilities=PAID_REMOTE)
    first = synthesize_study(TRANSCRIPTS, engine, cache_dir=tmp_path)
    assert len(first.usage.calls) == 4 and first.usage.prompt_tokens > 0
    again = synthesize_study(TRANSCRIPTS[:2], engine, cache_dir=tmp_path, fresh=True)
    assert len(again.usage.calls) == 2 and len(engine.usage.calls) == 6


def test_the_cache_tag_comes_from_the_engine(tmp_path):
    synthesize_study(TRANSCRIPTS, FakeEngine(tag="model-a"), cache_dir=tmp_path)
    same = FakeEngine(tag="model-a")
    assert pending_transcripts(TRANSCRIPTS, same, cache_dir=tmp_path) == []
    other = FakeEngine(tag="model-b")
    assert len(pending_transcripts(TRANSCRIPTS, other, cache_dir=tmp_path)) == 4
