"""Issue 16, items 1-5: notes and exports as researchers have them, roles from every cue,
every file accounted for, findable quotes, and the study folder as the boundary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from paths import DATA as TEST_DATA

from guideagent.errors import InputError
from guideagent.ingest.guide import load_guide
from guideagent.ingest.script import Script
from guideagent.ingest.status import (
    IngestResult,
    Status,
    require_participants,
    roles_for,
    source_lines,
)
from guideagent.ingest.transcripts import load_folder, load_transcript
from guideagent.schemas import Study
from guideagent.schemas.synthesis import Quote, Synthesis
from guideagent.schemas.transcript import Role
from guideagent.studyfile import dumps_study, loads_study
from guideagent.synthesis.report import quote_source, render_report

DATA = TEST_DATA / "transcripts"
GUIDE = TEST_DATA / "guides" / "facility_guide.md"
INT, PAR, OBS, UNK = Role.interviewer, Role.participant, Role.observer, Role.unknown


def turns(path: Path, **kwargs) -> list[tuple[str, Role, str]]:
    t = load_transcript(path, **kwargs)
    return [(u.speaker, u.role, u.text) for u in t.utterances]


# item 1: formats


def test_bold_questions_and_italic_answers_are_two_voices():
    got = turns(DATA / "notes_bold.md")
    assert [(s, r) for s, r, _ in got] == [("Interviewer", INT), ("Participant", PAR)] * 4
    assert got[1][2] == "Sure, no problem."  # "Response:" is a marker, not words
    assert got[3][2] == (
        "I went for a blood test last month. The wait was long, and nobody told me where to park."
    )
    assert got[4][2] == "How did you choose that clinic?"
    assert got[6][2] == "Thank you\nWhat would you expect on the map?"


def test_heading_questions_with_plain_answers():
    got = turns(DATA / "notes_heading.md")
    assert [(s, r) for s, r, _ in got] == [("Interviewer", INT), ("Participant", PAR)] * 2
    assert got[1][2].startswith("I start with a spreadsheet") and "confirmation" in got[1][2]


def test_plain_notes_use_the_guide_and_questions_and_say_so():
    t = load_transcript(DATA / "notes_plain.md", script=Script.from_guide(load_guide(GUIDE)))
    assert [(u.role, u.text[:24]) for u in t.utterances] == [
        (INT, "Thanks for joining us to"),
        (PAR, "I drove my father to the"),
        (INT, "How did you learn about "),
        (PAR, "A veterans group told my"),
        (INT, "Great, well thank you so"),
    ]
    assert any("match the guide" in w for w in t.warnings)
    assert any("ask a question" in w and "check the roles" in w for w in t.warnings)


def test_plain_notes_without_the_guide_are_skipped_with_the_reason():
    with pytest.raises(InputError, match="unlabelled notes are read only with the study's guide"):
        load_transcript(DATA / "notes_plain.md")


def test_a_copy_of_the_guide_among_transcripts_is_ignored(tmp_path):
    (tmp_path / "guide-copy.md").write_bytes(GUIDE.read_bytes())
    (tmp_path / "numbered.txt").write_bytes((DATA / "numbered.txt").read_bytes())
    result = load_folder(tmp_path, guide=load_guide(GUIDE))
    assert [(f.name, f.status) for f in result.files] == [
        ("guide-copy.md", Status.ignored),
        ("numbered.txt", Status.warnings),
    ]


def test_guide_lines_without_a_label_are_the_interviewers_never_the_participants():
    script = Script.from_guide(load_guide(GUIDE))
    t = load_transcript(DATA / "labelled_unknown.md", script=script)
    first, last = t.utterances[0], t.utterances[-1]
    assert (first.speaker, first.role) == ("Moderator", INT) and first.text.startswith("Thanks")
    assert (last.speaker, last.role) == ("Moderator", INT) and last.text.startswith("Great, well")
    assert not any("Great, well" in u.text for u in t.utterances if u.role == PAR)
    without = load_transcript(DATA / "labelled_unknown.md")  # no guide, no cue: a paragraph
    assert without.utterances[-1].role == PAR  # after a turn continues it
    assert without.utterances[-1].text.endswith("enjoy the rest of your day!")


def test_script_matching_needs_most_of_a_line():
    script = Script(["Think back to a recent time when you visited a facility."])
    assert script.matches("Think back to a recent time when you visited a facilty.")
    assert not script.matches("a recent time")
    assert not script.matches(
        "I think back to a recent time when you visited a facility and my dad was with me "
        "and the parking was terrible and we waited two hours for the doctor"
    )


def test_unknown_speakers_and_note_takers_are_kept_apart():
    got = turns(DATA / "labelled_unknown.md")
    roles = {s: r for s, r, _ in got}
    assert roles == {"Moderator": INT, "Participant": PAR, "???": UNK, "Brian (note-taker)": OBS}
    t = load_transcript(DATA / "labelled_unknown.md")
    assert t.participant_speakers() == ["Participant"]
    assert any("unknown speaker '???'" in w for w in t.warnings)


def test_generic_speaker_beside_a_named_participant_is_unknown(tmp_path):
    path = tmp_path / "ana.txt"
    path.write_text(
        "Dan: How do you plan a trip?\nAna: With a spreadsheet.\nSpeaker 3: Can I add one thing?\n"
        "Dan: Sure. What went wrong last time?\nAna: The hotel lost my booking.\n"
        "Unknown: (laughs) that always happens\n",
        encoding="utf-8",
    )
    roles = {s: r for s, r, _ in turns(path)}
    assert roles == {"Dan": INT, "Ana": PAR, "Speaker 3": UNK, "Unknown": UNK}


def test_numbered_turns_keep_the_sources_numbers():
    t = load_transcript(DATA / "numbered.txt")
    assert [(u.id, u.speaker, u.role) for u in t.utterances] == [
        ("u2", "Dan", INT),
        ("u3", "Participant", PAR),
        ("u4", "Dan", INT),
        ("u5", "Participant", PAR),
    ]
    assert t.utterances[1].text.endswith("we use them a lot.")


@pytest.mark.parametrize(
    ("name", "speakers", "starts"),
    [
        ("otter.txt", ["Jamie Chen", "Speaker 2"], [5.0, 12.0, 30.0, 41.0]),
        ("zoom.txt", ["Jamie Chen", "Ana Ruiz"], [50585.0, 50592.0, 50610.0, 50621.0]),
        ("teams.txt", ["Jamie Chen", "Ana Ruiz"], [5.0, 12.0, 30.0, 41.0]),
    ],
)
def test_plain_text_exports_with_a_header_line_per_speaker(name, speakers, starts):
    t = load_transcript(DATA / name)
    assert [u.speaker for u in t.utterances] == speakers * 2
    assert [u.role for u in t.utterances] == [INT, PAR] * 2
    assert [u.start for u in t.utterances] == starts
    assert t.utterances[3].text.startswith("The hotel lost my booking")


def test_interviewer_name_variants_are_all_the_interviewer():
    got = turns(DATA / "name_variants.txt")
    assert [r for _, r, _ in got] == [INT, PAR] * 3
    assert {s for s, r, _ in got if r == PAR} == {"Ana"}


def test_docx_tables_speaker_rows_and_question_answer_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Session 4 notes")
    table = document.add_table(rows=0, cols=3)
    for cells in [
        ("Time", "Speaker", "Text"),
        ("00:01", "Dan", "How do you plan a trip?"),
        ("00:09", "Ana", "With a spreadsheet and many tabs."),
    ]:
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    path = tmp_path / "P4.docx"
    document.save(path)
    t = load_transcript(path)
    assert [(u.speaker, u.role, u.start, u.text) for u in t.utterances] == [
        ("Dan", INT, 1.0, "How do you plan a trip?"),
        ("Ana", PAR, 9.0, "With a spreadsheet and many tabs."),
    ]

    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for cells in [
        ("Question", "Answer"),
        ("What do you track?", "Holidays, in a sheet."),
        ("What went wrong?", "Two people took the same week."),
    ]:
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    path = tmp_path / "P5.docx"
    document.save(path)
    got = [(u.role, u.text) for u in load_transcript(path).utterances]
    assert got == [
        (INT, "What do you track?"),
        (PAR, "Holidays, in a sheet."),
        (INT, "What went wrong?"),
        (PAR, "Two people took the same week."),
    ]


# item 2: roles from every cue


def test_a_speaker_named_in_the_file_name_is_the_participant(tmp_path):
    path = tmp_path / "terri-2-full.md"
    path.write_text(  # both ask questions; the file says who the participant is
        "TERRI: Can I ask why you record this?\nMEL: Sure. For the study. Ready?\n"
        "TERRI: Yes. What do you want to know?\nMEL: How do you use the index?\n"
        "TERRI: Mostly for releases, and I check it every week.\n",
        encoding="utf-8",
    )
    t = load_transcript(path)
    assert {u.speaker: u.role for u in t.utterances} == {"TERRI": PAR, "MEL": INT}
    assert not any("ask questions about as often" in w for w in t.warnings)


def test_roles_from_study_toml_override_detection(tmp_path):
    study = Study(
        title="x",
        roles={"Brian (note-taker)": "participant", "labelled_unknown:???": "interviewer"},
    )
    text = dumps_study(study)
    assert (
        '[roles]\n"Brian (note-taker)" = "participant"\n"labelled_unknown:???" = "interviewer"'
        in text
    )
    assert loads_study(text, tmp_path / "study.toml") == study
    assert roles_for(study.roles, "labelled_unknown") == {"Brian (note-taker)": PAR, "???": INT}
    assert roles_for(study.roles, "other") == {"Brian (note-taker)": PAR}
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "labelled_unknown.md").write_bytes((DATA / "labelled_unknown.md").read_bytes())
    result = load_folder(folder, roles=study.roles)
    roles = {row.speaker: row.role for row in result.files[0].speakers}
    assert roles == {"Moderator": INT, "Participant": PAR, "???": INT, "Brian (note-taker)": PAR}


# item 3: never silent


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "study" / "transcripts"
    folder.mkdir(parents=True)
    for name in ("numbered.txt", "labelled_unknown.md"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    (folder / "numbered.pdf").write_bytes(b"%PDF-1.4 not read")
    (folder / "P9.txt").write_bytes(b"\x00\x01binary")
    (folder / "old").mkdir()
    return folder


def test_every_file_gets_a_status_with_the_reason(tmp_path):
    result = load_folder(make_folder(tmp_path))
    got = {f.name: (f.status, f.reason) for f in result.files}
    assert got["numbered.txt"] == (Status.warnings, "")
    assert got["labelled_unknown.md"][0] == Status.warnings
    assert got["numbered.pdf"] == (
        Status.ignored,
        ".pdf is not read; numbered.txt holds the same interview",
    )
    assert got["P9.txt"][0] == Status.skipped and "not a text file" in got["P9.txt"][1]
    assert got["old"] == (Status.ignored, "a folder: subfolders are not read")
    assert [f.name for f in result.skipped] == ["P9.txt"]
    lines = source_lines(result.files)
    assert any(line.startswith("numbered.txt") and "Dan (interviewer, 2)" in line for line in lines)
    assert any("warning: unknown speaker '???'" in line for line in lines)


def test_the_report_lists_every_source_with_its_warnings(tmp_path):
    result = load_folder(make_folder(tmp_path))
    report = render_report(Synthesis(title="x", engine="offline"), tmp_path, result.files)
    sources = report.split("## Sources")[1]
    assert "5 files: 2 read with warnings, 1 skipped, 2 ignored." in sources
    assert "| P9.txt | skipped | — | not a text file" in sources
    assert "| labelled_unknown.md | read with warnings | Moderator (interviewer, 2); " in sources
    assert "- labelled_unknown.md\n  - skipped the text before the first speaker turn" in sources


def test_no_participant_turns_is_an_error_that_says_why(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("Interviewer: Hello?\nModerator: Anyone there?\n")
    result = load_folder(folder)
    with pytest.raises(InputError, match="no speaker in them is a participant"):
        require_participants(result, folder)
    with pytest.raises(InputError, match="it holds no transcript"):
        require_participants(IngestResult(), folder)


# item 4: findable quotes


def test_quotes_name_their_file_and_turn_or_time():
    synthesis = Synthesis(title="x", transcript_sources={"P1": "/s/transcripts/P1.txt"})
    numbered = Quote(transcript_id="P1", utterance_id="u12", participant_id="P1", text="x")
    timed = Quote(transcript_id="P1", utterance_id="u3", participant_id="P1", text="x", start=185.0)
    assert quote_source(synthesis, numbered) == "P1.txt, turn 12"
    assert quote_source(synthesis, timed) == "P1.txt, turn 3, 03:05"


# item 5: the study is the boundary


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_links_that_leave_the_study_are_refused(tmp_path):
    folder = make_folder(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("Ana: my bank password is hunter2\nDan: thanks\n", encoding="utf-8")
    (folder / "P7.txt").symlink_to(outside)
    (folder / "P8.txt").symlink_to(folder / "numbered.txt")  # inside the study: fine
    (folder / "P6.txt").symlink_to(tmp_path / "missing.txt")
    result = load_folder(folder, root=folder.parent)
    got = {f.name: (f.status, f.reason) for f in result.files}
    assert got["P7.txt"][0] == Status.skipped
    assert "outside the study folder" in got["P7.txt"][1]
    assert got["P8.txt"][0] == Status.warnings
    assert got["P6.txt"][0] == Status.skipped
    assert not any("hunter2" in u.text for t in result.transcripts for u in t.utterances)
