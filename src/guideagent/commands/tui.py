"""`guideagent [tui] [STUDY]`: open the app, on a study folder if one is given."""

from __future__ import annotations

from guideagent.config import Settings
from guideagent.errors import StudyError


def run(args, settings: Settings) -> int:
    from guideagent.tui import run_app

    path = getattr(args, "path", None)
    if path is not None and not path.expanduser().is_dir():
        raise StudyError(
            "no such study folder. Create one with `guideagent new`, or open the app and press n.",
            path,
        )
    return run_app(settings, path.expanduser() if path is not None else None)
