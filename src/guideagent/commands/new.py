"""`guideagent new PATH [--brief FILE] [--title T]`: create a study folder."""

from __future__ import annotations

from guideagent.config import Settings
from guideagent.workspace import Workspace


def run(args, settings: Settings) -> int:
    from rich.console import Console
    from rich.markup import escape

    workspace = Workspace.create(args.path, brief=args.brief, title=args.title, settings=settings)
    study = workspace.study
    console = Console(highlight=False)
    objectives = len(study.objectives)
    console.print(
        f"Created study [bold]{escape(study.title)}[/] at {escape(str(workspace.path))} "
        f"({objectives} objective{'s' if objectives != 1 else ''}, {study.session_minutes}-minute sessions)."
    )
    if not objectives:
        where = workspace.folder.study_path if workspace.folder else workspace.path
        console.print(
            f"Add objectives to {where} (one [[objectives]] table each), then:", markup=False
        )
    console.print(f"Next: guideagent draft {workspace.path}", markup=False)
    return 0
