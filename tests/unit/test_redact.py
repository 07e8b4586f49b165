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


def test_speaker_names_skip_role_labels():
    from guideagent.synthesis.redact import speaker_names

    labels = ["Interviewer", "Speaker 2", "P3", "Participant", "Moderator", "Dana Lee", "Tom", "R"]
    said = Transcript(
        id="s",
        utterances=[
            Utterance(id=f"u{i}", speaker=label, role=Role.participant, text="hi")
            for i, label in enumerate(labels)
        ],
    )
    assert speaker_names([said]) == ["Dana Lee", "Tom"]


@pytest.mark.parametrize(
    "text",
    [
        "We shipped 2.14.3 on 2024-06-01 at 09:15 for $1,299.99 (SKU 4410-2231, part 350-1120).",
        "Order 1234567 took 3-4 weeks; 120-1500 tickets a day; 555 users in 2023.",
        "I paid £45.50 for the A4 8GB model, M2 chip, 4K screen, in Q3, 10:30-11:45.",
        "It took 2 hours, 15 minutes and 30 seconds, 1 234 567 rows, 99.9% uptime.",
        "We looked at it at home, then at work at 5 pm, at the store at 10.",
        "The team grew from 12 to 40 people across 3 floors on 2 sites.",
        "He walked 10 minutes down the road and 2 blocks along Main Street.",
        "We had 90210 downloads and 10001 signups; build 23E224, error 0x80070005.",
        "One, two, three, four: we counted the steps.",
        "OK, 50000 is the number we hit in Spring 2024.",
        "We use 2 Google Drive accounts; we did 2 via Zoom and 3 in person.",
        "I buy stuff at target dot com and sometimes at amazon dot co dot uk.",
        "The number went from 300-1000 a month, then 1200-1500.",
        "Sales, 2023 Annual Report showed 4500 Customers.",
        "I zip 4000 files a week; there's a cap of 5000 users.",
        "My passport renewal cost 120000 rupees. It's a sin, 100000 people use it.",
        "We had one, two, three, four, five, six people in the room.",
        "The iPhone 15 Pro Max, 256 GB, cost £1,199 in September 2023.",
        "On 12.03.2024 we paid 1.299,00 EUR, order DE-2024-00123, commit 3f2a9c1.",
        "I called support about 10 times, ref 1234567, and they said 3-5 business days.",
        "Room 302, floor 3, gate 12, seat 14C, flight BA 2490, back at 10.30 or 11.45.",
        "I live in London, work in SW London, and the A4 road is busy at 5PM.",
    ],
)
def test_ordinary_numbers_and_words_are_kept(text):
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("it's ana dot silva at gmail dot com ok", "EMAIL"),
        ("ana [at] firm [dot] co [dot] uk", "EMAIL"),
        ("ring me on oh one one three, four nine six, two two one eight", "PHONE"),
        ("my number is 555-0199", "PHONE"),
        ("IBAN DE89 3704 0044 0532 0130 00", "IBAN"),
        ("post to Leeds LS6 2QB soon", "POSTCODE"),
        ("Austin, TX 78704", "POSTCODE"),
        ("SSN 078-05-1120", "ID"),
        ("NHS number 943 476 5919", "ID"),
        ("NI number AB 12 34 56 C", "ID"),
        ("my passport is X1234567", "ID"),
        ("we live at 221B Baker Street", "ADDRESS"),
        ("Hauptstraße 12", "ADDRESS"),
    ],
)
def test_each_kind_is_caught_and_restored_exactly(text, kind):
    redactor = Redactor()
    hidden = redactor.redact(text)
    assert f"[{kind}_1]" in hidden
    assert redactor.restore(hidden) == text


def test_a_bare_zip_is_a_code_when_it_names_one_and_a_verb_otherwise():
    from guideagent.synthesis.redact import Redactor

    text = "I live in zip 02139. We zip 12345 files a day. My zip is 10001, by the park."
    out = Redactor([]).redact(text)
    assert "02139" not in out and "10001" not in out
    assert "zip 12345 files" in out
