"""Markdown export: the study's own guide.md format, so an export opens again as a guide."""

from __future__ import annotations

from pathlib import Path

from guideagent.atomic import atomic_write_text
from guideagent.guidefile import dumps_guide
from guideagent.schemas import Guide


def to_markdown(guide: Guide) -> str:
    return dumps_guide(guide)


def export_markdown(guide: Guide, path: Path) -> Path:
    atomic_write_text(path, to_markdown(guide))
    return path
