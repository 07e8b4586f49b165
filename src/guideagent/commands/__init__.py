"""One module per CLI subcommand, each with `run(args, settings) -> exit code`.

Commands parse nothing (cli.py does), call guideagent.workspace and print; they hold no
flow logic of their own.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guideagent.config import Settings


def announce_engine(settings: Settings, stream=None) -> None:
    """Say once, on stderr, when the offline engine is used because nothing is configured."""
    from guideagent.workspace import engine_notice

    notice = engine_notice(settings)
    if notice:
        print(notice, file=stream or sys.stderr)
