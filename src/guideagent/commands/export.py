"""`guideagent export STUDY --format md|docx|json [-o OUT]`: write the study's guide out."""

from __future__ import annotations

from guideagent.config import Settings
from guideagent.workspace import Workspace


def run(args, settings: Settings) -> int:
    from rich.console import Console

    workspace = Workspace.open(args.path, settings, full=False)
    out = workspace.export_guide(args.format, args.output)
    Console().print(f"Exported the guide ({args.format}) to {out}", markup=False, highlight=False)
    return 0
