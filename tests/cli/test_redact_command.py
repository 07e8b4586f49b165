"""`guideagent redact`: redacted copies beside the originals, never over them; stdin to
stdout; bad input as one line."""

from __future__ import annotations

import subprocess
import sys

import docx
import pytest

from guideagent.cli import main
from guideagent.errors import InputError
from guideagent.redacted_copies import write_redacted_copies

SAID = (
    "Interviewer: How do you send invoices?\n"
    "Dana Lee: I email them from dana dot lee at gmail dot com, or Tom calls 020 7946 0958.\n"
    "Dana Lee: Last year I sent 1,240 invoices at $35.00 each, version 2.4.1.\n"
)


@pytest.fixture
def study(tmp_path):
    folder = tmp_path / "study"
    (folder / "transcripts").mkdir(parents=True)
    (folder / "study.toml").write_text('title = "Invoicing"\nredact_names = ["Tom"]\n')
    (folder / "transcripts" / "P1.txt").write_text(SAID)
    (folder / "transcripts" / "P2.md").write_text("Interviewer: hi\nOmar: Dana Lee helped me.\n")
    return folder


def test_a_study_gets_a_redacted_transcripts_folder(study, capsys):
    assert main(["redact", str(study)]) == 0
    out, err = capsys.readouterr()
    copies = study / "transcripts-redacted"
    one = (copies / "P1.txt").read_text()
    assert one == (
        "Interviewer: How do you send invoices?\n"
        "[NAME_1]: I email them from [EMAIL_1], or [NAME_2] calls [PHONE_1].\n"
        "[NAME_1]: Last year I sent 1,240 invoices at $35.00 each, version 2.4.1.\n"
    )
    # One table for the run: the same person has one placeholder in every copy.
    assert (copies / "P2.md").read_text() == "Interviewer: hi\n[NAME_3]: [NAME_1] helped me.\n"
    assert (study / "transcripts" / "P1.txt").read_text() == SAID  # original untouched
    assert "2 redacted copies" in err and "originals unchanged" in err
    assert str(copies / "P1.txt") in out


def test_a_file_gets_a_copy_beside_it(tmp_path):
    source = tmp_path / "P7.txt"
    source.write_text(SAID)
    result = write_redacted_copies(source, names=["Tom"])
    assert result.written == [(source, tmp_path / "P7.redacted.txt")]
    assert "dana" not in (tmp_path / "P7.redacted.txt").read_text().lower()
    assert result.counts == {"EMAIL": 1, "NAME": 2, "PHONE": 1}


def test_a_plain_folder_gets_a_sibling_folder(tmp_path):
    folder = tmp_path / "calls"
    (folder / "week1").mkdir(parents=True)
    (folder / "week1" / "P1.txt").write_text(SAID)
    (folder / "notes.pdf").write_bytes(b"%PDF")
    write_redacted_copies(folder)
    assert (tmp_path / "calls-redacted" / "week1" / "P1.txt").is_file()
    assert not (tmp_path / "calls-redacted" / "notes.pdf").exists()


def test_docx_copies_are_redacted(tmp_path):
    source = tmp_path / "P4.docx"
    document = docx.Document()
    document.add_paragraph("Interviewer: Where can we reach you?")
    document.add_paragraph("Ana Ruiz: On ana.ruiz@example.org, any day after 10:00.")
    document.save(str(source))
    write_redacted_copies(source)
    text = [p.text for p in docx.Document(str(tmp_path / "P4.redacted.docx")).paragraphs]
    assert text == [
        "Interviewer: Where can we reach you?",
        "[NAME_1]: On [EMAIL_1], any day after 10:00.",
    ]


def test_originals_are_never_overwritten(tmp_path, study):
    source = tmp_path / "P1.txt"
    source.write_text(SAID)
    with pytest.raises(InputError, match="overwrite an original"):
        write_redacted_copies(source, source)
    with pytest.raises(InputError, match="outside the folder"):
        write_redacted_copies(study / "transcripts", study / "transcripts" / "out")
    assert source.read_text() == SAID


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.txt", None, "no such file"),
        ("guide.pdf", b"%PDF-1.4", "not a transcript type"),
        ("empty.txt", b"", "empty.txt"),
    ],
)
def test_bad_input_is_one_line(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["redact", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and expected in err


def test_stdin_to_stdout():
    done = subprocess.run(
        [sys.executable, "-m", "guideagent.cli", "redact", "-", "--name", "Ann"],
        input="Mia: Ann said write to mia [at] acme [dot] io by 5 pm.\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[NAME_1]: [NAME_2] said write to [EMAIL_1] by 5 pm.\n"
    assert "Traceback" not in done.stderr
