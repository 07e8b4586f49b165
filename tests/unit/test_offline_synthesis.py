"""The offline engine's notes and themes, on small transcripts a reader can check by eye."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from paths import ROOT

from guideagent.schemas import Role, Study, Transcript, Utterance
from guideagent.schemas.study import Objective
from guideagent.schemas.synthesis import InsightKind
from guideagent.synthesis.offline import extract_notes, synthesize_themes

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

    kept: list = []
    result = evaluate_study(_eval_study(), engine="offline", keep=kept)
    [(study, synthesis)] = kept  # the synthesis scored, for the LLM judge to reuse
    assert study is not None and len(synthesis.themes) == result["themes_predicted"]
    assert result["grounding_rate"] == 1.0
    assert result["dropped_quotes"] == 0
    # With five quotes a theme (as many as the LLM engine shows), a theme must quote two of
    # the gold snippets to match; the scoreboard baseline guards the real numbers.
    assert result["theme_recall"] >= 0.2
    assert result["themes_predicted"] <= 3 * result["themes_gold"]


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


def _insight(pid: str, n: int, text: str):
    from guideagent.schemas.synthesis import Insight, Quote

    quote = Quote(transcript_id=pid, utterance_id=f"u{n}", participant_id=pid, text=text)
    return Insight(
        id=f"{pid}-i{n}",
        transcript_id=pid,
        participant_id=pid,
        kind=InsightKind.pain_point,
        text=text,
        quotes=[quote],
    )


def test_a_theme_quotes_at_most_two_per_participant_and_ten_in_all():
    import numpy as np

    from guideagent.synthesis import llm, themes

    assert themes.MAX_QUOTES == llm.QUOTES_PER_THEME == 10  # the engines show as much evidence
    insights = [
        _insight(pid, n, f"{pid} sentence number {n} about the export problem in detail")
        for pid in ("P1", "P2", "P3", "P4", "P5", "P6")
        for n in range(1, 5)
    ]
    strength = np.arange(len(insights), 0, -1, dtype=float)  # P1's first is the strongest
    quotes = themes._strongest_quotes(insights, strength)
    assert len(quotes) == themes.MAX_QUOTES
    # Everyone's strongest first, in order of strength; then second quotes; never a third.
    assert [q.utterance_id for q in quotes[:6]] == ["u1"] * 6
    assert [q.participant_id for q in quotes] == [
        "P1",
        "P2",
        "P3",
        "P4",
        "P5",
        "P6",
        "P1",
        "P2",
        "P3",
        "P4",
    ]
    assert max(Counter(q.participant_id for q in quotes).values()) <= 2


def test_short_low_information_sentences_do_not_make_themes():
    from guideagent.synthesis.themes import substantive

    short = _insight("P1", 1, "Yeah, it was fine most of the time.")
    thin = _insight("P1", 2, "I mean, it was just a bit of a thing for us, you know.")
    full = _insight("P1", 3, "Exporting the report to Excel takes me an hour every Friday.")
    assert not substantive(short) and not substantive(thin) and substantive(full)
    said = [
        interview(pid, "How did the last month go?", "It was fine, mostly fine really.")
        for pid in ("P1", "P2", "P3")
    ]
    notes = [extract_notes(t) for t in said]
    assert all(n.insights for n in notes)  # notes keep them...
    synthesis = synthesize_themes(notes)
    assert synthesis.themes == []  # ...but three people saying "fine" is no theme


def test_a_theme_needs_evidence_in_proportion_to_what_people_said():
    import numpy as np

    from guideagent.schemas.synthesis import InterviewNotes
    from guideagent.synthesis import themes

    def pairs(per_person: int):
        """P1 and P2 each say `per_person` things; their k-th points are the same."""
        insights = [
            _insight(p, k, f"point number {k} about the report export, said in full here")
            for p in ("P1", "P2")
            for k in range(1, per_person + 1)
        ]
        vectors = np.zeros((len(insights), per_person), np.float32)
        for n in range(len(insights)):
            vectors[n, n % per_person] = 1.0
        return insights, vectors

    insights, vectors = pairs(8)
    clusters, min_evidence = themes._clusters(insights, vectors, 0.5)
    assert sorted(len(c) for c in clusters) == [2] * 8
    assert min_evidence == 2  # a quarter of 8 substantive insights a person, at least 2
    # People who said 20 things each share 2-insight points by chance: not themes.
    insights, vectors = pairs(20)
    assert themes._clusters(insights, vectors, 0.5)[1] == 5
    notes = [
        InterviewNotes(
            transcript_id=p, participant_ids=[p], insights=insights[k * 20 : k * 20 + 20]
        )
        for k, p in enumerate(("P1", "P2"))
    ]
    synthesis = themes.build_synthesis(notes, vectors=vectors)
    assert synthesis.themes == [] and len(synthesis.unthemed_insight_ids) == 40
