"""Export format dispatch, in one place: which writer each format uses and where it goes.

Guide formats: md (guide.md's own convention, so it opens again), docx (for the
interviewer), json (the Guide model). Synthesis formats: report (report.md, written with
synthesis.json and the CSVs into the study's synthesis/), json (synthesis.json, the same
set of files), csv (themes.csv and quotes.csv into exports/).
"""

from __future__ import annotations

from pathlib import Path

from guideagent.errors import InputError
from guideagent.schemas import Guide
from guideagent.schemas.synthesis import Synthesis

GUIDE_FORMATS = {"md": ".md", "docx": ".docx", "json": ".json"}
SYNTHESIS_FORMATS = ("report", "json", "csv")


def guide_file_name(fmt: str) -> str:
    """The default file name for a guide export: guide.md, guide.docx, guide.json."""
    return f"guide{GUIDE_FORMATS[_guide_format(fmt)]}"


def export_guide(guide: Guide, fmt: str, path: Path) -> Path:
    """Write `guide` as `fmt` (md, docx, json) to `path`, atomically; returns the path."""
    fmt = _guide_format(fmt)
    path = Path(path)
    if fmt == "docx":
        from guideagent.export.docx import export_docx

        return export_docx(guide, path)
    if fmt == "json":
        from guideagent.export.json import export_json

        return export_json(guide, path)
    from guideagent.export.markdown import export_markdown

    return export_markdown(guide, path)


def export_synthesis(
    synthesis: Synthesis, fmt: str, *, synthesis_dir: Path, exports_dir: Path
) -> Path:
    """Write the synthesis as `fmt` (report, json, csv); returns the file (or, for csv, the
    folder holding themes.csv and quotes.csv)."""
    if fmt == "csv":
        from guideagent.synthesis.csv_export import write_csvs

        themes, _quotes = write_csvs(synthesis, Path(exports_dir))
        return themes.parent
    if fmt not in ("report", "json"):
        raise InputError(
            f"unknown synthesis export format {fmt!r}; use one of {', '.join(SYNTHESIS_FORMATS)}."
        )
    from guideagent.synthesis.report import write_reports

    files = write_reports(synthesis, Path(synthesis_dir))
    return files.report if fmt == "report" else files.json


def _guide_format(fmt: str) -> str:
    if fmt not in GUIDE_FORMATS:
        raise InputError(
            f"unknown guide export format {fmt!r}; use one of {', '.join(GUIDE_FORMATS)}."
        )
    return fmt
