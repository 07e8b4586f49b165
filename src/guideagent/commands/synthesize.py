"""`guideagent synthesize STUDY_OR_FOLDER`: transcripts in, grounded themes and reports out.

The order is the user's protection: read every transcript (a bad file is a warning, not
the end), say what the LLM will cost and ask before the first call, show each interview's
progress, keep finished interviews on Ctrl-C, then write the reports and say where.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

from guideagent.commands import announce_engine
from guideagent.config import Settings
from guideagent.workspace import Workspace

if TYPE_CHECKING:  # rich and the pipeline load only when the command runs
    from rich.console import Console

    from guideagent.synthesis.plan import SynthesisPlan
    from guideagent.workspace import SynthesisOutcome

CANCEL_GRACE_SECONDS = 0.8  # Ctrl-C returns within about a second, whatever the run is doing
STATUS_STYLE = {
    "waiting": "[dim]waiting[/]",
    "cached": "[cyan]cached[/]",
    "running": "[yellow]working…[/]",
    "done": "[green]done[/]",
    "failed": "[red]failed[/]",
    "cancelled": "[dim]stopped[/]",
}


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

    from guideagent.synthesis.pipeline import SynthesisCancelled
    from guideagent.workspace.lock import StudyBusy, busy

    out, err = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    workspace = Workspace.for_transcripts(args.path, settings)
    from guideagent.ingest.status import EXIT_SKIPPED, require_participants, source_lines

    wait = getattr(args, "wait", 0.0)
    if not wait and (holder := busy(workspace.path)) is not None:
        raise StudyBusy(workspace.path, "synthesize", holder)  # before any cost is asked
    ingested = workspace.ingested
    if ingested is not None:  # every file accounted for: the per-file table on stderr
        for line in source_lines(ingested.files):
            err.print(line, markup=False, highlight=False)
        require_participants(ingested, workspace.transcripts_dir)
    workspace.require_transcripts()
    plan = workspace.plan_synthesis(fresh=args.fresh)
    announce_engine(settings)
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
        outcome = _run_with_progress(out, workspace, plan, args.fresh, wait)
    except SynthesisCancelled as stopped:
        err.print(
            f"Stopped after {stopped.done} of {stopped.total} interviews; their notes are saved in "
            f"{workspace.cache_dir}. Run `guideagent synthesize {args.path}` again to resume.",
            markup=False,
        )
        return 130
    _summary(out, outcome)
    if ingested is not None and ingested.skipped:
        names = ", ".join(f.name for f in ingested.skipped)
        err.print(f"warning: skipped {len(ingested.skipped)} file(s): {names}", markup=False)
        return EXIT_SKIPPED  # the report is written; a file was left out
    return 0


def _run_with_progress(
    out: Console, workspace: Workspace, plan: SynthesisPlan, fresh: bool, wait: float
) -> SynthesisOutcome:
    """Run the synthesis in a worker thread so Ctrl-C here can stop it cleanly."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from guideagent.synthesis.pipeline import SynthesisCancelled

    transcripts = plan.transcripts
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

        statuses: dict[str, str] = {}

        def on_interview(transcript_id: str, status: str) -> None:
            statuses[transcript_id] = status
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
                box["outcome"] = workspace.synthesize(
                    plan,
                    fresh=fresh,
                    progress=progress,
                    on_interview=on_interview,
                    cancel=cancel,
                    lock_wait=wait,
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
            # The run checks `cancel` between batches; past the grace period the daemon
            # thread is left behind (its finished interviews are already cached).
            if not finished.wait(CANCEL_GRACE_SECONDS):
                done = sum(s in ("cached", "done") for s in statuses.values())
                box["error"] = SynthesisCancelled(done, len(transcripts))
        if "outcome" in box:
            bar.update(overall, status=f"{len(transcripts)}/{len(transcripts)}, themes found")
    if "error" in box:
        raise box["error"]
    return box["outcome"]


def _summary(out: Console, outcome: SynthesisOutcome) -> None:
    result, files = outcome.run, outcome.files
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
