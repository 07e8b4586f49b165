"""Speaker turns from Word transcripts (Otter.ai and Microsoft Teams exports), via python-docx.

Both exports are paragraphs that follow the text conventions: Otter writes
"Speaker Name  0:05" then the words; Teams writes "Name   0:00:05" or "[00:00:05] Name"
lines, or "Name: text" paragraphs. So the paragraphs go through the text reader, with
warnings counting paragraphs instead of lines.

Tables, as researchers lay out notes and some tools export: a row of speaker | words
(with or without a time cell) becomes "[time] Speaker: words"; a table headed
Question | Answer becomes "Q:" / "A:" lines. Paragraphs and tables are read in document
order; a table row counts as one paragraph in warnings.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from guideagent.errors import InputError
from guideagent.ingest import decode
from guideagent.ingest.script import Script
from guideagent.ingest.text import is_speaker_label, parse_lines
from guideagent.ingest.turns import Parsed, clock_seconds

_QUESTION_HEADS = {"q", "question", "questions", "interviewer", "moderator"}
_ANSWER_HEADS = {"a", "answer", "answers", "response", "responses", "participant", "notes"}
_COLUMN_HEADS = {"speaker", "name", "who", "time", "timestamp", "text", "words", "transcript"}

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table


def parse_docx(path: Path, script: Script | None = None) -> Parsed:
    """Turns from a .docx; raises InputError when the file is not a readable Word document."""
    # python-docx pulls in lxml (~70 ms): load it only when a .docx is actually read.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"not a readable .docx file ({error})", path) from error
    numbered = list(_numbered_lines(document))
    if not any(line.strip() for _, line in numbered):
        raise InputError("empty file (the document has no text)", path)
    numbered, warnings = _limit(numbered)
    parsed = parse_lines(numbered, unit="paragraph", script=script)
    parsed.warnings[:0] = warnings
    return parsed


def _numbered_lines(document: DocxDocument) -> Iterator[tuple[int, str]]:
    """Each paragraph's lines under its paragraph number, then a blank line so Word
    paragraphs stay paragraphs of the turn; each table row as one line of its own."""
    from docx.table import Table

    number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for line in _table_lines(block):
                number += 1
                yield number, line
                yield number, ""
            continue
        number += 1
        for line in block.text.split("\n"):
            yield number, line
        yield number, ""


def _table_lines(table: Table) -> Iterator[str]:
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))  # merged cells
        if any(cells):
            rows.append(cells)
    if not rows:
        return
    header = [c.casefold().rstrip(":") for c in rows[0]]
    if len(header) >= 2 and header[0] in _QUESTION_HEADS and header[1] in _ANSWER_HEADS:
        for row in rows[1:]:
            if row[0]:
                yield f"Q: {row[0]}"
            if len(row) > 1 and row[1]:
                yield f"A: {' '.join(row[1:])}"
        return
    if set(header) & _COLUMN_HEADS:
        rows = rows[1:]
    for row in rows:
        yield _row_line(row)


def _row_line(cells: list[str]) -> str:
    """ "[time] Speaker: words" from a row's cells, whatever their order."""
    clock = next((c for c in cells if clock_seconds(c) is not None), "")
    rest = [c for c in cells if c and c != clock]
    speaker = next((c for c in rest[:-1] if is_speaker_label(c.rstrip(":"))), "")
    words = " ".join(c for c in rest if c != speaker)
    if not speaker:
        return words
    return f"{f'[{clock}] ' if clock else ''}{speaker.rstrip(':')}: {words}"


def _limit(numbered: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[str]]:
    """Keep the first decode.MAX_TEXT_BYTES of text, as for text files (see decode.py)."""
    total = 0
    for index, (_, line) in enumerate(numbered):
        total += len(line.encode("utf-8")) + 1
        if total > decode.MAX_TEXT_BYTES:
            limit_mb = f"{decode.MAX_TEXT_BYTES / 1024 / 1024:g}"
            return numbered[:index], [
                f"the document holds more than {limit_mb} MB of text: only the first "
                f"{limit_mb} MB were read and the rest was skipped"
            ]
    return numbered, []
