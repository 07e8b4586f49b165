"""The recently opened studies: a short JSON list in the user data dir.

GUIDEAGENT_DATA_DIR points it elsewhere (tests do). Plain Python, no Textual.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

LIMIT = 10


@dataclass(frozen=True)
class RecentStudy:
    path: str
    title: str


def recent_file() -> Path:
    explicit = os.environ.get("GUIDEAGENT_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser() / "recent.json"
    from platformdirs import user_data_path

    return user_data_path("guideagent") / "recent.json"


def load_recent(path: Path | None = None) -> list[RecentStudy]:
    """The list, most recent first; a missing or broken file is an empty list."""
    path = path or recent_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [RecentStudy(str(item["path"]), str(item.get("title", ""))) for item in raw][:LIMIT]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def remember(study_path: Path, title: str, path: Path | None = None) -> list[RecentStudy]:
    """Put a study at the top of the list and write the list atomically."""
    from guideagent.atomic import atomic_write_text

    path = path or recent_file()
    key = str(Path(study_path).expanduser().resolve())
    items = [RecentStudy(key, title)] + [r for r in load_recent(path) if r.path != key]
    items = items[:LIMIT]
    atomic_write_text(path, json.dumps([asdict(r) for r in items], indent=2) + "\n")
    return items


def forget(study_path: str, path: Path | None = None) -> list[RecentStudy]:
    from guideagent.atomic import atomic_write_text

    path = path or recent_file()
    items = [r for r in load_recent(path) if r.path != study_path]
    atomic_write_text(path, json.dumps([asdict(r) for r in items], indent=2) + "\n")
    return items
