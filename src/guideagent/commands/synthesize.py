"""`guideagent synthesize STUDY_OR_FOLDER`: transcripts in, grounded themes and reports out.

The order is the user's protection: read every transcript (a bad file is a warning, not
the end), say what the LLM will cost and ask before the first call, show each interview's
progress, keep finished interviews on Ctrl-C, then write the reports and say where.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guideagent.config import Settings
from guideagent.errors import StudyError
from guideagent.schemas import Guide, Study, Transcript

if TYPE_CHECKING:  # rich and the pipeline load only when the command runs
    from rich.console import Console

    from guideagent.engines.base import Engine
    from guideagent.ingest.status import IngestResult
    from guideagent.synthesis.pipeline import Redactor, SynthesisRun
    from guideagent.synthesis.report import ReportFiles

# Files of a study that sit beside transcripts when a study keeps them in its own folder.
STUDY_FILES = {"study.toml", "study.json", "guide.md", "gold.json"}
STATUS_STYLE = {
    "waiting": "[dim]waiting[/]",
    "cached": "[cyan]cached[/]",
    "running": "[yellow]working…[/]",
    "done": "[green]done[/]",
    "failed": "[red]failed[/]",
    "cancelled": "[dim]stopped[/]",
}


@dataclass
class Source:
    study: Study
    guide: Guide | None
    transcripts_dir: Path
    output_dir: Path
    root: Path | None = None  # nothing outside it is read (links are refused)


def resolve_source(path: Path) -> Source:
    """A study folder (study.toml or study.json) or a plain folder of transcripts."""
    from guideagent.store import STUDY_JSON, STUDY_TOML, open_study

    if not path.is_dir():
        raise StudyError("no such folder. Give a study folder or a folder of transcripts.", path)
    if (path / STUDY_TOML).is_file() or (path / STUDY_JSON).is_file():
        folder = open_study(path)
        transcripts = folder.transcripts_dir if folder.transcripts_dir.is_dir() else path
        return Source(folder.study, folder.guide, transcripts, folder.synthesis_dir, path)
    transcripts = path / "transcripts" if (path / "transcripts").is_dir() else path
    return Source(Study(title=path.resolve().name), None, transcripts, path / "synthesis", path)


def load_transcripts(source: Source, err: Console) -> IngestResult:
    """Every file accounted for: the per-file table on stderr, an error if no participant
    said anything."""
    from guideagent.ingest.status import require_participants, source_lines
    from guideagent.ingest.transcripts import load_folder

    ingested = load_folder(
        source.transcripts_dir,
        root=source.root,
        guide=source.guide,
        roles=source.study.roles,
        ignore=STUDY_FILES,
    )
    for line in source_lines(ingested.files):
        err.print(line, markup=False, highlight=False)
    require_participants(ingested, source.transcripts_dir)
    return ingested


def confirm(question: str) -> bool | None:
    """True/False from the user; None when nobody can answer (no terminal on stdin)."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return None


def run(args, settings: Settings) -> int:
    from rich.console import Console

    from guideagent.cli import announce_engine
    from guideagent.factory import build_engine
    from guideagent.synthesis.pipeline import SynthesisCancelled
    from guideagent.synthesis.plan import plan_synthesis
    from guideagent.synthesis.report import write_reports

    out, err = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    source = resolve_source(args.path)
    ingested = load_transcripts(source, err)
    transcripts = ingested.transcripts

    announce_engine(settings)
    engine = build_engine(settings)
    cache_dir = source.output_dir / "cache"
    plan = plan_synthesis(
        transcripts,
        engine,
        settings,
        study=source.study,
        guide=source.guide,
        cache_dir=cache_dir,
        fresh=args.fresh,
    )
    redactor = plan.redactor
    if plan.estimate is not None:
        out.print(f"Estimate: {' '.join(plan.describe())}", markup=False)
        if not args.yes:
            answer = confirm("Send the transcripts to the model? [y/N] ")
            if answer is None:
                err.print(
                    "Not asking: stdin is not a terminal, so nobody can confirm the cost. "
                    "Re-run with --yes to go ahead.",
                    markup=False,
                )
                return 2
            if not answer:
                out.print("Nothing was sent.")
                return 1

    try:
        result = _run_with_progress(
            out, transcripts, engine, source, settings, cache_dir, redactor, args.fresh
        )
    except SynthesisCancelled as stopped:
        err.print(
            f"Stopped after {stopped.done} of {stopped.total} interviews; their notes are saved in {cache_dir}. "
            f"Run `guideagent synthesize {args.path}` again to resume.",
            markup=False,
        )
        return 130
    files = write_reports(result.synthesis, source.output_dir, ingested.files)
    _summary(out, result, files)
    if ingested.skipped:
        from guideagent.ingest.status import EXIT_SKIPPED

        names = ", ".join(f.name for f in ingested.skipped)
        err.print(f"warning: skipped {len(ingested.skipped)} file(s): {names}", markup=False)
        return EXIT_SKIPPED
    return 0


def _run_with_progress(
    out: Console,
    transcripts: list[Transcript],
    engine: Engine,
    source: Source,
    settings: Settings,
    cache_dir: Path,
    redactor: Redactor | None,
    fresh: bool,
) -> SynthesisRun:
    """Run the pipeline in a worker thread so Ctrl-C here can stop it cleanly."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from guideagent.synthesis.pipeline import synthesize_study

    cancel = threading.Event()
    box: dict[str, Any] = {}
    columns = (
        SpinnerColumn(finished_text=" "),
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        TextColumn("{task.fields[status]}"),
    )
    with Progress(*columns, console=out) as bar:
        overall = bar.add_task("[bold]all interviews[/]", total=len(transcripts), status="")
        rows = {
            t.id: bar.add_task(f"  {t.id}", total=1, status=STATUS_STYLE["waiting"])
            for t in transcripts
        }

        def on_interview(transcript_id: str, status: str) -> None:
            finished = status in ("cached", "done")
            bar.update(
                rows[transcript_id],
                status=STATUS_STYLE.get(status, status),
                completed=1 if finished else 0,
            )

        def progress(done: int, total: int, label: str) -> None:
            status = "finding themes…" if label == "themes" else f"{done}/{total}"
            bar.update(overall, completed=done, status=status)

        def work() -> None:
            try:
                box["run"] = synthesize_study(
                    transcripts,
                    engine,
                    study=source.study,
                    guide=source.guide,
                    cache_dir=cache_dir,
                    concurrency=settings.concurrency,
                    progress=progress,
                    on_interview=on_interview,
                    cancel=cancel,
                    redactor=redactor,
                    fresh=fresh,
                )
            except BaseException as exc:  # handed to the main thread, which raises it
                box["error"] = exc
            finally:
                finished.set()

        # An Event, not Thread.join: a join interrupted by Ctrl-C can wrongly report the
        # thread as finished.
        finished = threading.Event()
        threading.Thread(target=work, name="synthesis", daemon=True).start()
        try:
            while not finished.wait(0.1):
                pass
        except KeyboardInterrupt:
            cancel.set()
            finished.wait()
        if "run" in box:
            bar.update(overall, status=f"{len(transcripts)}/{len(transcripts)}, themes found")
    if "error" in box:
        raise box["error"]
    return box["run"]


def _summary(out: Console, result: SynthesisRun, files: ReportFiles) -> None:
    synthesis = result.synthesis
    total = len(synthesis.participant_ids)
    out.print()
    out.print(f"[bold]{len(synthesis.themes)} themes[/] across {total} participants:")
    for theme in synthesis.themes:
        out.print(
            f"  {synthesis.prevalence(theme):>8}  {theme.label}", markup=False, highlight=False
        )
    if synthesis.signals:
        out.print(f"  and {len(synthesis.signals)} signal(s) from a single participant.")
    dropped = synthesis.dropped_quotes
    out.print(
        f"Grounding dropped {dropped} {'quote' if dropped == 1 else 'quotes'} that were not in the transcripts."
    )
    if result.usage.calls:
        out.print(
            f"Used {result.usage.prompt_tokens:,} prompt + {result.usage.completion_tokens:,} completion tokens "
            f"in {len(result.usage.calls)} calls ({result.cached} interview(s) from cache)."
        )
    out.print(f"Report: {files.report}", markup=False, highlight=False)
    out.print(
        f"Also: {files.json.name}, {files.themes_csv.name}, {files.quotes_csv.name} beside it.",
        markup=False,
    )
