"""Each transcript format loads with the speakers, roles, words and times a user would see."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from paths import DATA

from guideagent.ingest.transcripts import load_transcript
from guideagent.schemas.transcript import Role

DATA = DATA / "transcripts"
INT, PAR = Role.interviewer, Role.participant


def rows(path: Path, **kwargs) -> list[tuple[str, Role, str]]:
    return [(u.speaker, u.role, u.text) for u in load_transcript(path, **kwargs).utterances]


def test_zoom_vtt_merges_a_speakers_consecutive_cues_and_keeps_milliseconds():
    t = load_transcript(DATA / "zoom.vtt")
    assert (t.id, t.format, t.source) == ("zoom", "vtt", str(DATA / "zoom.vtt"))
    assert [u.id for u in t.utterances] == ["u1", "u2", "u3", "u4", "u5", "u6"]
    assert rows(DATA / "zoom.vtt")[:2] == [
        (
            "Sam Rivera",
            INT,
            "Thanks for joining. Could you tell me about the last time you booked a trip?",
        ),
        (
            "Dana Lee",
            PAR,
            "Sure. Last March I planned a weekend in Lisbon and I spent ages comparing hotel prices.",
        ),
    ]
    assert [u.start for u in t.utterances] == [1.25, 5.5, 13.4, 17.003, 25.0, 27.65]
    assert t.utterances[3].text == (
        "Every site showed a different total once taxes were added, so I kept a spreadsheet."
    )
    assert t.warnings == []


def test_teams_vtt_reads_every_voice_in_a_cue():
    t = load_transcript(DATA / "teams.vtt")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Priya Shah", INT, 0.0),
        ("Marco Bianchi", PAR, 3.48),
        ("Priya Shah", INT, 6.12),
        ("Marco Bianchi", PAR, 10.64),
        ("Priya Shah", INT, 10.64),  # the second voice of the same cue
        ("Marco Bianchi", PAR, 15.005),
    ]
    assert t.utterances[2].text == "What happened the last time you filed an expense report?"
    assert t.utterances[4].text == "What did you do then?"
    assert t.utterances[5].text == (
        "I emailed finance & asked for an exception. It took three weeks to get the money back."
    )


def test_srt_with_speaker_prefixes():
    t = load_transcript(DATA / "session.srt")
    assert t.format == "srt"
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Interviewer", INT, 1.0),
        ("Jo Park", PAR, 5.12),
        ("Interviewer", INT, 13.01),
        ("Jo Park", PAR, 62.007),
    ]
    assert t.utterances[1].text == (
        "Mostly on Sunday evenings, with a paper planner. I tried apps but they never stuck."
    )


def test_otter_docx_made_with_python_docx(tmp_path):
    document = docx.Document()
    for paragraph in [
        "Product interview — March",
        "Jamie Chen  0:05",
        "Thanks for joining. What happened the last time you paid a supplier late?",
        "Speaker 2  0:12",
        "It was in January. The invoice sat in someone's inbox for a week.",
        "Nobody noticed until they called us.",
        "Jamie Chen  1:03",
        "How did you find out?",
        "Speaker 2  1:07",
        "The supplier phoned our CEO, which was awkward.",
    ]:
        document.add_paragraph(paragraph)
    path = tmp_path / "P4.docx"
    document.save(path)
    t = load_transcript(path)
    assert (t.id, t.format) == ("P4", "docx")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Jamie Chen", INT, 5.0),
        ("Speaker 2", PAR, 12.0),
        ("Jamie Chen", INT, 63.0),
        ("Speaker 2", PAR, 67.0),
    ]
    assert t.utterances[1].text == (
        "It was in January. The invoice sat in someone's inbox for a week.\n"
        "Nobody noticed until they called us."
    )
    assert t.warnings[0] == "skipped the text before the first speaker turn (paragraph 1)"
    assert t.warnings[1].startswith("'Speaker 2' has no name: the role was guessed")


def test_teams_docx_with_time_lines_and_name_colon_paragraphs(tmp_path):
    document = docx.Document()
    for paragraph in [
        "[00:00:05] Ravi Patel",
        "Can you tell me about your last delivery?",
        "Lucia Gómez   0:00:09.250",
        "It arrived two days late.",
        "Ravi Patel: What did you do about it?",
        "Lucia Gómez: I complained on the app, and nothing happened.",
    ]:
        document.add_paragraph(paragraph)
    path = tmp_path / "teams.docx"
    document.save(path)
    assert [(u.speaker, u.role, u.start) for u in load_transcript(path).utterances] == [
        ("Ravi Patel", INT, 5.0),
        ("Lucia Gómez", PAR, 9.25),
        ("Ravi Patel", INT, None),
        ("Lucia Gómez", PAR, None),
    ]


def test_txt_with_bracketed_timestamps_and_continuation_lines():
    t = load_transcript(DATA / "bracketed.txt")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Maya", INT, 4.0),
        ("Tom", PAR, 11.0),
        ("Maya", INT, 83.0),
        ("Tom", PAR, 95.0),
        ("Maya", INT, 112.0),
        ("Tom", PAR, 124.5),
    ]
    assert t.utterances[1].text == (
        "I wake up around six and check the weather app first, because I cycle to work."
    )
    assert t.utterances[3].text == "Mostly the rain radar.\nIt's the only part I trust."


def test_q_and_a_lines():
    assert rows(DATA / "qa.txt")[:2] == [
        ("Q", INT, "How do you currently track your team's holidays?"),
        ("A", PAR, "We use a shared spreadsheet that my manager updates."),
    ]


def test_markdown_with_bold_names_ignores_the_heading():
    t = load_transcript(DATA / "bold.md")
    assert t.format == "md"
    assert [(u.speaker, u.role) for u in t.utterances] == [
        ("Interviewer", INT),
        ("Grace Okafor", PAR),
        ("Interviewer", INT),
        ("Grace Okafor", PAR),
    ]
    assert (
        t.utterances[3].text
        == "I called them twice. The second time someone finally found the order."
    )
    assert t.warnings == []


def test_name_with_time_in_parentheses():
    t = load_transcript(DATA / "timed.txt")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Lena", INT, 3.0),
        ("Omar", PAR, 9.0),
        ("Lena", INT, 75.0),
        ("Omar", PAR, 81.0),
    ]


def test_json_object_and_bare_list(tmp_path):
    t = load_transcript(DATA / "p3.json")
    assert (t.id, t.format) == ("p3", "json")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Ana", INT, 12.5),
        ("Ben", PAR, 15.25),
        ("Ana", INT, 21.04),
        ("Ben", PAR, None),
    ]
    bare = tmp_path / "P9.json"
    bare.write_text(
        '[{"speaker": "Kim", "text": "What do you do first each morning?"},'
        ' {"speaker": "Lou", "text": "Coffee, then email."}]'
    )
    assert rows(bare) == [
        ("Kim", INT, "What do you do first each morning?"),
        ("Lou", PAR, "Coffee, then email."),
    ]


def test_lower_case_interviewer_and_interviewee(tmp_path):
    path = tmp_path / "Interview 10.txt"
    path.write_text(
        "interviewer: So, uh, what is your current role?\n\n"
        "interviewee: I lead a data team.\n\ninterviewer: Okay.\n"
    )
    assert [(s, r) for s, r, _ in rows(path)] == [
        ("interviewer", INT),
        ("interviewee", PAR),
        ("interviewer", INT),
    ]


def test_roles_come_from_questions_when_labels_are_plain_names(tmp_path):
    path = tmp_path / "P2.txt"
    path.write_text(
        "NAOMI: Thanks, happy to be here.\n"
        "MEL: How would you describe your relationship with the community?\n"
        "NAOMI: I organise events and I chair the board, so I see a lot of the community side.\n"
        "MEL: When did you last publish a package?\n"
        "NAOMI: Last spring, and the docs were much better than I remembered.\n"
    )
    assert [(s, r) for s, r, _ in rows(path)][:2] == [("NAOMI", PAR), ("MEL", INT)]
    flipped = rows(path, roles={"naomi": INT, "Mel": PAR})
    assert [(s, r) for s, r, _ in flipped][:2] == [("NAOMI", INT), ("MEL", PAR)]


def test_paired_interview_keeps_each_participant(tmp_path):
    path = tmp_path / "P5.txt"
    path.write_text(
        "Moderator: How do the two of you split the household budget?\n"
        "Ana: I do the bills, mostly because I check the bank app every day.\n"
        "Luis: And I handle anything to do with the car or the house.\n"
        "Moderator: When did you last disagree about a purchase?\n"
        "Ana: The new fridge, last month.\n"
        "Luis: I wanted the cheaper one.\n"
    )
    t = load_transcript(path)
    assert t.participant_speakers() == ["Ana", "Luis"]
    assert t.participant_ids() == ["P5-Ana", "P5-Luis"]


def test_numbered_turns_from_a_pdf_export(tmp_path):
    """Numbered turns, wrapped lines, page numbers, and a line repeated across a page break."""
    path = tmp_path / "P1.txt"
    path.write_text(
        "1\n     Interview\n"
        "2    Dan: Okay. So my first question is if you use ICE plots in your work?\n\n"
        "3    Participant: Yeah. Not all the time, but in our initial data explorations, we\n"
        "     tend to use ICE plots.\n\n"
        "24\n\f4    Dan: And do you look at both one way and two way plots?\n\n"
        "5    Participant: So you don't have to resize every time in code, you can just\n"
        "\f     Participant: So you don't have to resize every time in code, you can just\n"
        "     throw it on another screen.\n"
    )
    t = load_transcript(path)
    assert [(u.speaker, u.role) for u in t.utterances] == [("Dan", INT), ("Participant", PAR)] * 2
    assert t.utterances[1].text == (
        "Yeah. Not all the time, but in our initial data explorations, we tend to use ICE plots."
    )
    assert t.utterances[3].text == (
        "So you don't have to resize every time in code, you can just throw it on another screen."
    )
    assert "skipped the text before the first speaker turn (line 2)" in t.warnings
    assert any(w.startswith("line 12: repeats the line before it") for w in t.warnings)


def test_speaker_spelling_variants_are_one_person(tmp_path):
    lines = [
        "MEL: What does a maintainer need most?",
        "ERNEST: Time, mostly, and fewer meetings.",
    ] * 3
    lines += ["MEL, TYPING: Did the audio cut out on your end?", "ERNEST: A little, yes."]
    path = tmp_path / "ernest-1.md"
    path.write_text("\n\n".join(lines) + "\n")
    t = load_transcript(path)
    assert {u.speaker for u in t.utterances} == {"MEL", "ERNEST"}
    assert "read speaker 'MEL, TYPING' as 'MEL' (1 turn)" in t.warnings


@pytest.mark.parametrize(
    "line", ["But he also talked about: money.", "So the first one is: trust."]
)
def test_sentences_with_a_colon_are_words_not_speakers(tmp_path, line):
    path = tmp_path / "P6.txt"
    path.write_text(f"Interviewer: What matters most?\nParticipant: Two things.\n{line}\n")
    assert rows(path)[-1] == ("Participant", PAR, f"Two things. {line}")
