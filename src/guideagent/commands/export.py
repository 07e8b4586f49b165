"""`guideagent export STUDY --format md|docx|json [-o OUT]`: write the study's guide out."""

from __future__ import annotations

from pathlib import Path

from guideagent.config import Settings
from guideagent.errors import StudyError
from guideagent.schemas import Guide

EXTENSIONS = {"md": ".md", "docx": ".docx", "json": ".json"}


def export_guide(guide: Guide, fmt: str, path: Path) -> Path:
    """Write `guide` as `fmt` to `path`, atomically."""
    if fmt == "docx":
        from guideagent.export.docx import export_docx

        return export_docx(guide, path)
    if fmt == "json":
        from guideagent.export.json import export_json

        return export_json(guide, path)
    from guideagent.export.markdown import export_markdown

    return export_markdown(guide, path)


def run(args, settings: Settings) -> int:
    from rich.console import Console

    from guideagent.store import open_study

    folder = open_study(args.path)
    if folder.guide is None:
        raise StudyError(
            f"the study has no guide.md yet. Draft one with `guideagent draft {args.path}`.",
            args.path,
        )
    if not any(True for _ in folder.guide.questions()):
        raise StudyError(
            "the guide has no questions, so there is nothing to export. "
            f"Add questions to guide.md or draft one with `guideagent draft {args.path} --force`.",
            folder.guide_path,
        )
    out = args.output or folder.exports_dir / f"guide{EXTENSIONS[args.format]}"
    if out.is_dir():
        out = out / f"guide{EXTENSIONS[args.format]}"
    export_guide(folder.guide, args.format, out)
    Console().print(f"Exported the guide ({args.format}) to {out}", markup=False, highlight=False)
    return 0
