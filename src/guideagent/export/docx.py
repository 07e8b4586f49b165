"""Word export: the guide as an interviewer prints it.

Heading 1 title; intro notes in italics; Heading 2 per section with its minutes; main
questions numbered (List Number); probes as sub-bullets (List Bullet 2); notes to the
interviewer in italics. The revision log stays in guide.md: it is for the PM, not the room.
"""

from __future__ import annotations

import io
from pathlib import Path

from guideagent.atomic import atomic_write_bytes
from guideagent.schemas import Guide


def _minutes(value: float) -> str:
    return f"{value:g}"


def to_docx(guide: Guide) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(guide.title or "Interview guide", level=1)
    total = guide.total_minutes()
    if total:
        document.add_paragraph(f"About {_minutes(total)} minutes in all.")
    for note in guide.intro:
        document.add_paragraph().add_run(note).italic = True
    for section in guide.sections:
        minutes = sum(q.minutes or 0.0 for q in section.questions)
        heading = f"{section.title} (~{_minutes(minutes)} min)" if minutes else section.title
        document.add_heading(heading, level=2)
        for note in section.notes:
            document.add_paragraph().add_run(note).italic = True
        for question in section.questions:
            document.add_paragraph(question.text, style="List Number")
            for probe in question.probes:
                document.add_paragraph(probe.text, style="List Bullet 2")
            if question.note:
                document.add_paragraph().add_run(question.note).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_docx(guide: Guide, path: Path) -> Path:
    atomic_write_bytes(path, to_docx(guide))
    return path
