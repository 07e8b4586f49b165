"""Redaction hides personal data behind stable placeholders and restores it afterwards."""

from __future__ import annotations

import pytest

from guideagent.schemas.transcript import Role, Transcript, Utterance
from guideagent.synthesis.redact import Redactor, redact_transcript

SAID = (
    "Email me at dana.lee@example.com or call +44 20 7946 0958. "
    "Dana Lee paid with 4111 1111 1111 1111."
)


def test_round_trip_restores_the_exact_text():
    redactor = Redactor(["Dana Lee"])
    hidden = redactor.redact(SAID)
    assert hidden == "Email me at [EMAIL_1] or call [PHONE_1]. [NAME_1] paid with [CARD_1]."
    assert redactor.restore(hidden) == SAID


def test_no_false_positives_on_years_prices_times_and_small_numbers():
    text = (
        "In 2019 I paid $1,200 at 10:30. We met on 2021-03-12 from 14:30-15:00, "
        "version 3.10.2, 12.5% of 1,234,567 users, order 20230115, room 101, 4 of 6 people."
    )
    assert Redactor(["Dana Lee"]).redact(text) == text


@pytest.mark.parametrize(
    "phone",
    [
        "+1 (415) 555-0134",
        "(415) 555-0134",
        "415-555-0134",
        "415.555.0134",
        "020 7946 0958",
        "07700 900123",
        "+44 7700 900123",
        "06 12 34 56 78",
        "01.23.45.67.89",
        "+33 6 12 34 56 78",
    ],
)
def test_phone_formats(phone):
    assert Redactor().redact(f"Reach me on {phone}, thanks.") == "Reach me on [PHONE_1], thanks."


def test_cards_must_pass_the_luhn_check():
    redactor = Redactor()
    assert redactor.redact("Card 5500-0000-0000-0004 ok") == "Card [CARD_1] ok"
    assert (
        redactor.redact("Ref 4111 1111 1111 1112 not a card")
        == "Ref 4111 1111 1111 1112 not a card"
    )


def test_names_whole_word_any_case_and_first_names_alone():
    redactor = Redactor(["Dana Lee", "Will"])
    said = "dana lee said Dana's plan beats Danareth's; Will says I will."
    hidden = redactor.redact(said)
    assert hidden == "[NAME_1] said [NAME_2]'s plan beats Danareth's; [NAME_3] says I will."
    assert redactor.restore(hidden) == said  # each placeholder gives back the words as said


def test_placeholders_are_stable_across_calls():
    redactor = Redactor(["Marco Bianchi"])
    first = redactor.redact("Marco wrote from marco@example.org")
    second = redactor.redact("marco@example.org is Marco Bianchi; Marco agreed")
    assert first == "[NAME_1] wrote from [EMAIL_1]"
    assert second == "[EMAIL_1] is [NAME_2]; [NAME_1] agreed"


def test_restore_in_a_longer_model_written_text():
    redactor = Redactor(["Priya Shah", "Tom Reed"])
    redactor.redact("Priya Shah (priya@corp.example, 415-555-0134) and Tom Reed joined.")
    report = (
        "## Theme: payment friction\n\n[NAME_1] described losing receipts, and NAME_2 agreed. "
        "Follow up with [NAME_1] at [EMAIL_1] or [PHONE_1]. [NAME_7] is not ours."
    )
    assert redactor.restore(report) == (
        "## Theme: payment friction\n\nPriya Shah described losing receipts, and Tom Reed agreed. "
        "Follow up with Priya Shah at priya@corp.example or 415-555-0134. [NAME_7] is not ours."
    )


def test_redact_transcript_returns_a_redacted_copy():
    transcript = Transcript(
        id="P1",
        utterances=[
            Utterance(
                id="u1",
                speaker="Sam Rivera",
                role=Role.interviewer,
                text="Hi Dana, thanks!",
                start=1.5,
            ),
            Utterance(
                id="u2", speaker="Dana Lee", text="Hi Sam. Text me on 415-555-0134.", start=3.0
            ),
        ],
    )
    redactor = Redactor(["Sam Rivera", "Dana Lee"])
    hidden = redact_transcript(transcript, redactor)
    assert [(u.id, u.speaker, u.text, u.start) for u in hidden.utterances] == [
        ("u1", "[NAME_1]", "Hi [NAME_2], thanks!", 1.5),
        ("u2", "[NAME_3]", "Hi [NAME_4]. Text me on [PHONE_1].", 3.0),
    ]
    assert [redactor.restore(u.text) for u in hidden.utterances] == [
        u.text for u in transcript.utterances
    ]
    assert transcript.utterances[1].speaker == "Dana Lee"
    assert hidden.participant_ids() == ["P1"]
