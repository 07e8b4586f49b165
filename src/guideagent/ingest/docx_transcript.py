"""Speaker turns from Word transcripts (Otter.ai and Microsoft Teams exports), via python-docx.

Both exports are paragraphs that follow the text conventions: Otter writes
"Speaker Name  0:05" then the words; Teams writes "Name   0:00:05" or "[00:00:05] Name"
lines, or "Name: text" paragraphs. So the paragraphs go through the text reader, with
warnings counting paragraphs instead of lines.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from guideagent.errors import InputError
from guideagent.ingest import decode
from guideagent.ingest.script import Script
from guideagent.ingest.text import parse_lines
from guideagent.ingest.turns import Parsed

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


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
    paragraphs stay paragraphs of the turn."""
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for line in paragraph.text.split("\n"):
            yield number, line
        yield number, ""


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
