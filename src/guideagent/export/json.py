"""JSON export: the Guide model as data, for scripts and other tools."""

from __future__ import annotations

from pathlib import Path

from guideagent.atomic import atomic_write_text
from guideagent.schemas import Guide


def to_json(guide: Guide) -> str:
    return guide.model_dump_json(indent=2) + "\n"


def export_json(guide: Guide, path: Path) -> Path:
    atomic_write_text(path, to_json(guide))
    return path
