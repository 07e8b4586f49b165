"""The demo study as tests in every layer use it: copied, trimmed, with its brief as TOML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import guideagent

DEMO = Path(guideagent.__file__).parent / "demo" / "study"


def copy_demo(
    target: Path, *, guide: bool = True, transcripts: bool = True, synthesis: bool = True
) -> Path:
    """The demo study as `guideagent demo` copies it; optionally without some of its parts."""
    from guideagent.workspace import prepare_demo

    prepare_demo(target)
    if not synthesis:
        shutil.rmtree(target / "synthesis")
        (target / "synthesis").mkdir()
    if not guide:
        (target / "guide.md").unlink(missing_ok=True)
    if not transcripts:
        shutil.rmtree(target / "transcripts")
        (target / "transcripts").mkdir()
    return target


def toml_demo(target):
    """The demo study with its brief as study.toml, the file the README invites edits to."""
    from guideagent.store import open_study
    from guideagent.studyfile import dumps_study

    folder = copy_demo(target)
    study = open_study(folder).study
    (folder / "study.json").unlink(missing_ok=True)
    (folder / "study.toml").write_text(dumps_study(study), encoding="utf-8")
    return folder


def set_minutes(toml, minutes: int) -> str:
    text = re.sub(r"session_minutes = \d+", f"session_minutes = {minutes}", toml.read_text())
    toml.write_text(text, encoding="utf-8")
    return text
