"""Quotes are never invented: what survives grounding is the participant's exact words."""

from __future__ import annotations

import pytest

from guideagent.schemas import Role, Transcript, Utterance
from guideagent.schemas.synthesis import Insight, InsightKind, InterviewNotes, Quote
from guideagent.synthesis.grounding import ground_notes, verify_quote

SAID = "Honestly?  I HATE waiting for transfers — it takes, like, three days."


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("I hate waiting for transfers", "I HATE waiting for transfers"),
        (
            "i hate waiting for transfers it takes like three days.",
            "I HATE waiting for transfers — it takes, like, three days.",
        ),
        ("I  hate\nwaiting", "I HATE waiting"),
        ("honestly, I hate", "Honestly?  I HATE"),
    ],
)
def test_repairs_whitespace_case_and_punctuation_to_the_source(quote, expected):
    verified = verify_quote(quote, SAID)
    assert verified == expected
    assert verified in SAID


@pytest.mark.parametrize(
    "quote",
    [
        "I hate waiting for payments",  # a changed word
        "I really hate waiting for transfers",  # an added word
        "I hate for transfers",  # a dropped word
        "it takes three days",  # "like" dropped from the middle
        "",
        "...",
    ],
)
def test_rejects_any_change_to_the_words(quote):
    assert verify_quote(quote, SAID) is None


def _transcript() -> Transcript:
    return Transcript(
        id="P7",
        utterances=[
            Utterance(
                id="u1", speaker="Sam", role=Role.interviewer, text="How do transfers go for you?"
            ),
            Utterance(id="u2", speaker="Ana", text=SAID, start=12.5),
            Utterance(
                id="u3", speaker="Sam", role=Role.interviewer, text="So the app is too slow?"
            ),
            Utterance(
                id="u4",
                speaker="Ana",
                text="I keep a spreadsheet of what is still pending.",
                start=40.0,
            ),
        ],
    )


def _insight(n: int, *quotes: tuple[str, str]) -> Insight:
    return Insight(
        id=f"P7-i{n}",
        transcript_id="P7",
        participant_id="whoever the model said",
        kind=InsightKind.pain_point,
        text="Transfers are slow.",
        quotes=[
            Quote(transcript_id="P7", utterance_id=u, participant_id="P99", text=t)
            for u, t in quotes
        ],
    )


def test_ground_notes_keeps_verified_quotes_and_takes_facts_from_the_transcript():
    notes = InterviewNotes(
        transcript_id="P7", insights=[_insight(1, ("u2", "i hate waiting for transfers"))]
    )
    grounded = ground_notes(notes, _transcript())
    [insight] = grounded.insights
    [quote] = insight.quotes
    assert quote.text == "I HATE waiting for transfers"
    assert quote.participant_id == "P7" and insight.participant_id == "P7"
    assert quote.start == 12.5
    assert grounded.participant_ids == ["P7"]
    assert grounded.dropped_quotes == 0 and grounded.dropped_insights == 0


def test_wrong_utterance_interviewer_and_invented_quotes_are_dropped_and_counted():
    notes = InterviewNotes(
        transcript_id="P7",
        insights=[
            # Real words, but cited to the wrong utterance.
            _insight(1, ("u4", "I hate waiting for transfers")),
            # The interviewer's words are not evidence.
            _insight(2, ("u3", "the app is too slow")),
            # Invented by the model; one good quote keeps the insight alive.
            _insight(
                3, ("u4", "I keep a spreadsheet of everything"), ("u4", "I keep a spreadsheet")
            ),
            # An utterance id that does not exist.
            _insight(4, ("u99", "I keep a spreadsheet")),
        ],
    )
    grounded = ground_notes(notes, _transcript())
    assert [i.id for i in grounded.insights] == ["P7-i3"]
    assert [q.text for q in grounded.insights[0].quotes] == ["I keep a spreadsheet"]
    assert grounded.dropped_quotes == 4
    assert grounded.dropped_insights == 3


def test_group_session_quotes_go_to_the_speaker_who_said_them():
    transcript = Transcript(
        id="P4",
        utterances=[
            Utterance(
                id="u1", speaker="Mod", role=Role.interviewer, text="Who chases late invoices?"
            ),
            Utterance(id="u2", speaker="Ines", text="Nobody really owns chasing late payments."),
            Utterance(id="u3", speaker="Kofi", text="I assumed Ines was doing it, honestly."),
        ],
    )
    insight = Insight(
        id="P4-i1",
        transcript_id="P4",
        participant_id="P4",
        kind=InsightKind.pain_point,
        text="No one owns chasing.",
        quotes=[
            Quote(
                transcript_id="P4",
                utterance_id="u2",
                participant_id="P4",
                text="nobody really owns chasing late payments",
            ),
            Quote(
                transcript_id="P4",
                utterance_id="u3",
                participant_id="P4",
                text="I assumed Ines was doing it",
            ),
        ],
    )
    grounded = ground_notes(InterviewNotes(transcript_id="P4", insights=[insight]), transcript)
    assert grounded.participant_ids == ["P4-Ines", "P4-Kofi"]
    by_participant = {i.participant_id: [q.text for q in i.quotes] for i in grounded.insights}
    assert by_participant == {
        "P4-Ines": ["Nobody really owns chasing late payments"],
        "P4-Kofi": ["I assumed Ines was doing it"],
    }
    assert len({i.id for i in grounded.insights}) == 2
