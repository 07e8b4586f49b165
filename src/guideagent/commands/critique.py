"""`guideagent critique PATH`: critique a guide file or a study's guide.

Exit codes: 0 when no finding is an error, 1 when one is, 2 for bad input (raised as
InputError/StudyError and printed by cli.main as one line).
"""

from __future__ import annotations

import sys
from pathlib import Path

from guideagent.config import Settings
from guideagent.errors import InputError
from guideagent.schemas import Guide, Study


def read_guide(path: Path) -> Guide:
    """A guide file as the app sees it.

    A study's `guide.md`, or any Markdown carrying guidefile's metadata comments, is read
    by guidefile, the reader the study and the app use, so ids and questions match;
    anything else a PM wrote (plain Markdown, text, .docx) goes through the importer."""
    from guideagent import guidefile, store
    from guideagent.ingest.guide import load_guide

    path = Path(path)
    if path.suffix.lower() in {".md", ".markdown"}:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load_guide(path)  # the importer names what is wrong with the file
        if path.name == store.GUIDE_MD or guidefile.is_guidefile(text):
            guide = guidefile.loads_guide(text, path)
            if not any(True for _ in guide.questions()):
                raise InputError("no interview questions found in it.", path)
            return guide
    return load_guide(path)


def load_target(path: Path) -> tuple[Guide, Study | None]:
    """A guide file, or a study folder (study.toml/study.json + guide.md)."""
    path = Path(path)
    if not path.is_dir():
        return read_guide(path), None
    from guideagent import store

    has_study = any((path / name).is_file() for name in (store.STUDY_TOML, store.STUDY_JSON))
    if not has_study and (path / store.GUIDE_MD).is_file():
        return read_guide(path / store.GUIDE_MD), None
    folder = store.open_study(path)
    if folder.guide is None:
        raise InputError("the study has no guide.md yet; run `guideagent draft` first.", path)
    if not any(True for _ in folder.guide.questions()):
        raise InputError("no interview questions found in guide.md.", folder.guide_path)
    return folder.guide, folder.study


def run(args, settings: Settings) -> int:
    from rich.console import Console

    from guideagent.cli import announce_engine
    from guideagent.critique.rules import without_allowed_jargon
    from guideagent.factory import build_engine
    from guideagent.render_critique import render_markdown, render_text, to_json

    guide, study = load_target(args.path)
    allowed = [t for t in (args.allow or []) if t.strip()]
    if study is not None and allowed:
        study = study.model_copy(update={"jargon_allowed": [*study.jargon_allowed, *allowed]})
    announce_engine(settings)
    critique = build_engine(settings).critique_guide(guide, study)
    if study is None and allowed:
        critique = without_allowed_jargon(critique, guide, allowed)

    if args.format == "json":
        print(to_json(guide, critique, str(args.path)))
    elif args.format == "markdown":
        print(render_markdown(guide, critique))
    else:
        console = Console(soft_wrap=not sys.stdout.isatty(), highlight=False)
        render_text(guide, critique, console)
    return 1 if critique.has_errors else 0
