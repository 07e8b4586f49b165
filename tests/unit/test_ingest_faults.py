"""Faulty files: read what can be read, and tell the user plainly what could not be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import DATA

from guideagent.errors import InputError
from guideagent.ingest import decode
from guideagent.ingest.transcripts import load_folder, load_transcript
from guideagent.schemas.transcript import Role

DATA = DATA / "transcripts"
GOOD = "Interviewer: What did you buy last week?\nParticipant: A café au lait machine, sadly.\n"


def reason(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_transcript(path)
    assert caught.value.path == path
    return caught.value.reason


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "P1.txt"
    path.write_bytes(content)
    assert reason(path) == "empty file"


def test_binary_file(tmp_path):
    path = tmp_path / "P1.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert reason(path).startswith("not a text file")


def test_cp1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "P1.txt"
    path.write_bytes(GOOD.encode("cp1252"))
    t = load_transcript(path)
    assert t.utterances[1].text == "A café au lait machine, sadly."
    assert any("Windows-1252" in w for w in t.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_marks(tmp_path, encoding):
    path = tmp_path / "P1.txt"
    path.write_bytes(GOOD.encode(encoding))
    t = load_transcript(path)
    assert [u.speaker for u in t.utterances] == ["Interviewer", "Participant"]
    assert t.utterances[1].text == "A café au lait machine, sadly."
    assert t.warnings == []


def test_malformed_vtt_keeps_the_cues_that_read_and_names_the_bad_line():
    t = load_transcript(DATA / "malformed.vtt")
    assert [(u.speaker, u.role, u.start) for u in t.utterances] == [
        ("Sam", Role.interviewer, 1.0),
        ("Alex", Role.participant, None),
        ("Sam", Role.interviewer, 7.5),
        ("Alex", Role.participant, 9.5),
    ]
    assert t.utterances[1].text == "A friend at work told me about it."
    assert t.warnings == [
        "line 6: cannot read the cue timing '00:00:0x.000 --> 00:00:06.000'; "
        "its words were kept without a start time"
    ]


def test_vtt_without_any_readable_timing_is_a_problem():
    assert reason(DATA / "broken.vtt") == (
        "no cue timing could be read (lines 3, 6): expected a timing line like "
        "'00:00:01.000 --> 00:00:04.000' followed by the words"
    )


def test_vtt_missing_its_header_is_still_read(tmp_path):
    path = tmp_path / "P2.vtt"
    path.write_text((DATA / "zoom.vtt").read_text().replace("WEBVTT\n", "", 1))
    t = load_transcript(path)
    assert len(t.utterances) == 6
    assert t.warnings == ["line 1: the 'WEBVTT' header line is missing"]


def test_captions_without_speaker_names(tmp_path):
    path = tmp_path / "P3.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nhello there\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nthe issue: it broke\n"
    )
    assert reason(path).startswith("no speaker names in the captions")


def test_text_without_speaker_turns():
    assert (
        reason(DATA / "no_speakers.txt")
        == "no speaker turns found (expected 'Name: text' lines, or notes with bold questions "
        "and italic answers; unlabelled notes are read only with the study's guide)"
    )


def test_unknown_extension(tmp_path):
    path = tmp_path / "P1.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert reason(path) == (
        "unsupported file type '.pdf': expected .txt, .md, .vtt, .srt, .docx or .json; skipped"
    )


def test_not_really_a_docx(tmp_path):
    path = tmp_path / "P1.docx"
    path.write_text(GOOD)
    assert reason(path).startswith("not a readable .docx file")


def test_json_problems(tmp_path):
    path = tmp_path / "P1.json"
    path.write_text('{"utterances": [\n{"speaker": "A"}\n')
    with pytest.raises(InputError) as caught:
        load_transcript(path)
    assert caught.value.line == 3 and caught.value.reason.startswith("not valid JSON")
    path.write_text('{"turns": []}')
    assert reason(path) == 'expected {"utterances": [...]} or a list of utterances'
    path.write_text(
        json.dumps(
            [
                {"speaker": "Kim", "role": "interviewer", "text": "What happened next?"},
                {"speaker": "Lou", "text": ""},
                {"speaker": "Lou", "role": "boss", "text": "We shipped it.", "start": "soon"},
            ]
        )
    )
    t = load_transcript(path)
    assert [(u.speaker, u.role) for u in t.utterances] == [
        ("Kim", Role.interviewer),
        ("Lou", Role.participant),
    ]
    assert t.warnings == [
        "utterance 1: no text; skipped",
        "utterance 2: unknown role 'boss' (expected 'interviewer' or 'participant'); role guessed",
    ]


def test_huge_text_file_is_read_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_TEXT_BYTES", 4000)
    path = tmp_path / "P1.txt"
    turns = "".join(
        f"Interviewer: Question {n}?\nParticipant: Answer number {n}.\n" for n in range(400)
    )
    path.write_text(turns)
    t = load_transcript(path)
    assert 50 < len(t.utterances) < 400
    assert t.utterances[-1].text.endswith((".", "?"))  # cut at a whole line
    assert any("only the first" in w and "the rest was skipped" in w for w in t.warnings)
    big_json = tmp_path / "P2.json"
    big_json.write_text(json.dumps([{"speaker": "A", "text": "x" * 100}] * 100))
    assert reason(big_json).startswith("file is larger than")


def test_load_folder_reports_bad_files_and_keeps_going(tmp_path):
    (tmp_path / "P10.txt").write_text(GOOD)
    (tmp_path / "P2.md").write_text(GOOD)
    (tmp_path / "P3.txt").write_bytes(b"")
    (tmp_path / "P4.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "P5.vtt").write_text((DATA / "broken.vtt").read_text())
    (tmp_path / "P6.txt").write_bytes(GOOD.encode("cp1252"))
    (tmp_path / "P2.txt").write_text(GOOD)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "~$P7.docx").write_bytes(b"lock")
    (tmp_path / "notes").mkdir()
    result = load_folder(tmp_path)
    assert [t.id for t in result.transcripts] == ["P2", "P6", "P10"]
    assert [
        (Path(p.path).name, p.message.split(" (")[0].split(":")[0]) for p in result.problems
    ] == [
        ("P2.txt", "another file already gives interview 'P2'"),
        ("P3.txt", "empty file"),
        ("P4.pdf", "unsupported file type '.pdf'"),
        ("P5.vtt", "no cue timing could be read"),
    ]
    assert str(result.problems[1]) == f"{tmp_path / 'P3.txt'}: empty file"


def test_load_folder_needs_a_folder(tmp_path):
    with pytest.raises(InputError, match="folder not found"):
        load_folder(tmp_path / "missing")
