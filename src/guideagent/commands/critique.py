"""`guideagent critique PATH`: critique a guide file or a study's guide.

Exit codes: 0 when no finding is an error, 1 when one is, 2 for bad input (raised as
InputError/StudyError and printed by cli.main as one line).
"""

from __future__ import annotations

import sys

from guideagent.commands import announce_engine
from guideagent.config import Settings
from guideagent.workspace import critique_target


def run(args, settings: Settings) -> int:
    from rich.console import Console

    from guideagent.render_critique import render_markdown, render_text, to_json

    result = critique_target(args.path, settings=settings, allow=args.allow or [])
    guide, critique = result.guide, result.critique
    announce_engine(settings)

    if args.format == "json":
        print(to_json(guide, critique, str(args.path)))
    elif args.format == "markdown":
        print(render_markdown(guide, critique))
    else:
        console = Console(soft_wrap=not sys.stdout.isatty(), highlight=False)
        render_text(guide, critique, console)
    return 1 if critique.has_errors else 0
