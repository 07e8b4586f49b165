"""`guideagent new PATH [--brief FILE] [--title T]`: create a study folder."""

from __future__ import annotations

from pathlib import Path

from guideagent.config import Settings
from guideagent.errors import StudyError
from guideagent.schemas import Study


def load_brief(path: Path) -> Study:
    """A study brief (DESIGN.md's JSON); a bad one is reported with file and line."""
    from guideagent.studyfile import loads_study

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StudyError("no such brief file.", path) from None
    except UnicodeDecodeError:
        raise StudyError("the brief is not UTF-8 text.", path) from None
    return loads_study(text, path, "toml" if path.suffix == ".toml" else "json")


def run(args, settings: Settings) -> int:
    from rich.console import Console
    from rich.markup import escape

    from guideagent.store import create_study

    study = load_brief(args.brief) if args.brief else Study(title=args.path.resolve().name)
    if args.title:
        study = study.model_copy(update={"title": args.title})
    folder = create_study(args.path, study)
    console = Console(highlight=False)
    objectives = len(study.objectives)
    console.print(
        f"Created study [bold]{escape(study.title)}[/] at {escape(str(folder.path))} "
        f"({objectives} objective{'s' if objectives != 1 else ''}, {study.session_minutes}-minute sessions)."
    )
    if not objectives:
        console.print(
            f"Add objectives to {folder.study_path} (one [[objectives]] table each), then:",
            markup=False,
        )
    console.print(f"Next: guideagent draft {folder.path}", markup=False)
    return 0
