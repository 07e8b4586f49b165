"""The offline engine's notes and themes, on small transcripts a reader can check by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from guideagent.schemas import Role, Study, Transcript, Utterance
from guideagent.schemas.study import Objective
from guideagent.schemas.synthesis import InsightKind
from guideagent.synthesis.offline import extract_notes, synthesize_themes

ROOT = Path(__file__).resolve().parents[1]
STUDIES = ROOT / "evals" / "datasets" / "studies"


def interview(pid: str, *turns: str) -> Transcript:
    """Alternating interviewer / participant turns, starting with the interviewer."""
    utterances = [
        Utterance(
            id=f"u{n}",
            speaker="Interviewer" if n % 2 else pid.lower(),
            role=Role.interviewer if n % 2 else Role.participant,
            text=text,
        )
        for n, text in enumerate(turns, 1)
    ]
    return Transcript(id=pid, utterances=utterances)


WARM_UP = (
    "Hi, thanks for joining. How are you today?",
    "Good thanks, a bit tired but happy to chat today.",
)

P1 = interview(
    "P1",
    *WARM_UP,
    "Walk me through the last time you shared the monthly report.",
    "Exporting the report to Excel takes me an hour every Friday because all the columns come out in the wrong order.",
    "What else happened that week?",
    "The screen is painfully bright when I use the app late at night in bed. "
    "I really wish there was a dark mode for the evenings, my eyes hurt after a few minutes.",
    "Anything else?",
    "No.",
)
P2 = interview(
    "P2",
    *WARM_UP,
    "Tell me about the last time you sent numbers to your manager.",
    "Every week I waste ages fixing the spreadsheet export, since the columns are all jumbled up when I open it in Excel.",
)
P3 = interview(
    "P3",
    *WARM_UP,
    "Tell me about the last time the app helped you.",
    "My favourite part is the weekly summary email, I read it every Monday morning with my coffee.",
)


@pytest.fixture(scope="module")
def notes():
    return [extract_notes(t) for t in (P1, P2, P3)]


def test_notes_quote_participants_exactly_and_skip_small_talk(notes):
    p1 = notes[0]
    assert p1.transcript_id == "P1" and p1.participant_ids == ["P1"]
    assert p1.dropped_quotes == 0
    texts = [i.quotes[0].text for i in p1.insights]
    # Every quote is a verbatim slice of the participant turn it cites.
    for insight in p1.insights:
        [quote] = insight.quotes
        assert quote.text in P1.utterance(quote.utterance_id).text
        assert P1.utterance(quote.utterance_id).role == Role.participant
    # Warm-up chatter and one-word answers are not insights.
    assert not any("tired" in t or t == "No." for t in texts)
    assert any(t.startswith("Exporting the report to Excel") for t in texts)
    assert len({i.id for n in notes for i in n.insights}) == sum(len(n.insights) for n in notes)


def test_kinds_come_from_cue_words(notes):
    kinds = {i.quotes[0].text.split()[0]: i.kind for i in notes[0].insights}
    assert kinds["I"] == InsightKind.need  # "I really wish there was a dark mode"
    assert kinds["The"] == InsightKind.pain_point  # "painfully bright"


def test_same_point_in_different_words_is_one_theme_with_computed_counts(notes):
    synthesis = synthesize_themes(notes)
    assert synthesis.participant_ids == ["P1", "P2", "P3"]
    [theme] = synthesis.themes
    assert sorted(theme.participant_ids) == ["P1", "P2"]
    assert synthesis.prevalence(theme) == "2 of 3"
    # Counts come from the insights behind the theme, never from text.
    by_id = {i.id: i for n in notes for i in n.insights}
    assert sorted({by_id[i].participant_id for i in theme.insight_ids}) == sorted(
        theme.participant_ids
    )
    assert {q.participant_id for q in theme.quotes} == {"P1", "P2"}
    assert any("Excel" in q.text for q in theme.quotes)
    assert synthesis.recommendations and "2 of 3 participants" in synthesis.recommendations[0]


def test_a_topic_only_one_person_raised_is_a_signal_not_a_theme(notes):
    synthesis = synthesize_themes(notes)
    assert all(len(t.participant_ids) >= 2 for t in synthesis.themes)
    [signal] = synthesis.signals
    assert signal.participant_ids == ["P1"]
    assert any("dark mode" in q.text for q in signal.quotes)
    assert any(q.startswith("Only P1 raised") for q in synthesis.open_questions)
    # P3's lone remark is neither: it is listed as unthemed, not lost.
    p3_ids = [i.id for i in notes[2].insights]
    assert p3_ids and set(p3_ids) <= set(synthesis.unthemed_insight_ids)


def test_synthesis_is_deterministic(notes):
    first = synthesize_themes(notes).model_dump()
    assert synthesize_themes(notes).model_dump() == first
    assert synthesize_themes(list(notes), min_participants=3).themes == []


def test_objectives_with_little_evidence_become_open_questions(notes):
    study = Study(
        title="Reporting",
        objectives=[
            Objective(
                id="o1", text="Learn how people export and share monthly reports from the app."
            ),
            Objective(id="o2", text="Understand how people choose a pension provider."),
        ],
    )
    p1 = extract_notes(P1, study)
    export = next(i for i in p1.insights if "Excel" in i.text)
    assert export.objective_ids == ["o1"]
    synthesis = synthesize_themes([p1, extract_notes(P2, study)], study)
    assert synthesis.title == "Reporting"
    assert any("o2" in q for q in synthesis.open_questions)


def _eval_study() -> Path | None:
    studies = sorted(
        p
        for p in STUDIES.glob("*")
        if (p / "gold.json").exists() and not p.name.startswith("holdout")
    )
    return studies[0] if studies else None


@pytest.mark.slow
@pytest.mark.skipif(_eval_study() is None, reason="no eval studies in evals/datasets/studies")
def test_offline_engine_on_an_eval_study_is_grounded_and_finds_the_themes():
    import sys

    sys.path.insert(0, str(ROOT))
    from evals.synthesis_suite import evaluate_study

    result = evaluate_study(_eval_study(), engine="offline")
    assert result["grounding_rate"] == 1.0
    assert result["dropped_quotes"] == 0
    assert result["theme_recall"] >= 0.6


def test_embeddings_rank_paraphrases_above_unrelated_sentences():
    from guideagent.synthesis.embeddings import embed

    a, b, c = embed(
        [
            "Transfers take three days to show up in my account.",
            "It takes days before the money I moved actually appears.",
            "My favourite part is the weekly summary email.",
        ]
    )
    assert abs(float(a @ a) - 1.0) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.2


def test_a_missing_tokenizer_is_a_presentable_error(monkeypatch, tmp_path):
    from guideagent.errors import GuideAgentError
    from guideagent.synthesis import embeddings

    monkeypatch.setattr(embeddings, "TOKENIZER_PATH", tmp_path / "missing.json")
    with pytest.raises(GuideAgentError, match="tokenizer"):
        embeddings._load_tokenizer()


def test_answers_map_to_the_guide_and_warm_up_answers_are_skipped():
    from guideagent.schemas import Guide, Question, Section, SectionKind

    guide = Guide(
        sections=[
            Section(
                id="s1",
                title="Warm-up",
                kind=SectionKind.warm_up,
                questions=[Question(id="q1", text="Tell me a little about your job.")],
            ),
            Section(
                id="s2",
                title="Reports",
                questions=[
                    Question(
                        id="q2",
                        text="Walk me through the last time you shared the monthly report.",
                        objective_ids=["o1"],
                    )
                ],
            ),
        ]
    )
    transcript = interview(
        "P9",
        "So, tell me a little about your job.",
        "I run the finance team at a small logistics company in Leeds.",
        "Walk me through the last time you shared the monthly report.",
        "Exporting the report to Excel takes me an hour because all the columns come out wrong.",
    )
    notes = extract_notes(transcript, guide=guide)
    [insight] = notes.insights
    assert "Excel" in insight.text
    assert insight.question_ids == ["q2"] and insight.objective_ids == ["o1"]
    assert notes.answered_question_ids == ["q2"]
