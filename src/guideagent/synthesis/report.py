"""The synthesis report a PM reads and shares: report.md, synthesis.json and the CSVs.

Every count in it comes from the Synthesis (computed by code, DESIGN rule 2), every quote
carries who said it, its file and turn (the source's own turn number where it has one) or
time, and a link to the transcript; the report says plainly what was left out: uncited
words, unthemed insights, quotes grounding dropped (rule 1), and in "Sources" every file
of the transcripts folder with its status, speakers and warnings, so none is skipped in
silence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from guideagent.atomic import atomic_write_text
from guideagent.ingest.status import FileStatus, Status
from guideagent.schemas.synthesis import CoverageRow, Quote, Synthesis, Theme
from guideagent.synthesis.csv_export import write_csvs

CELL_WORDS = 12


@dataclass(frozen=True)
class ReportFiles:
    report: Path
    json: Path
    themes_csv: Path
    quotes_csv: Path


def write_reports(
    synthesis: Synthesis, folder: Path, sources: list[FileStatus] | None = None
) -> ReportFiles:
    """Write every report file into `folder` (the study's synthesis/), atomically;
    `sources` (ingest's status of every file) becomes the report's "Sources" section."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    report, data = folder / "report.md", folder / "synthesis.json"
    atomic_write_text(report, render_report(synthesis, folder, sources))
    atomic_write_text(data, synthesis.model_dump_json(indent=2) + "\n")
    themes, quotes = write_csvs(synthesis, folder)
    return ReportFiles(report=report, json=data, themes_csv=themes, quotes_csv=quotes)


def timestamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _short(text: str, words: int = CELL_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def turn_label(utterance_id: str) -> str:
    """ "turn 12" for u12 (ids follow the source's turn numbers where it has them)."""
    number = utterance_id[1:] if utterance_id[:1] == "u" else ""
    return f"turn {number}" if number.isdigit() else utterance_id


def quote_source(synthesis: Synthesis, quote: Quote) -> str:
    """Where to find a quote in the original: "P1.txt, turn 12, 03:05"."""
    source = synthesis.transcript_sources.get(quote.transcript_id)
    name = Path(source).name if source else quote.transcript_id
    when = timestamp(quote.start)
    return ", ".join(x for x in (name, turn_label(quote.utterance_id), when) if x)


def _link(synthesis: Synthesis, quote: Quote, folder: Path) -> str:
    source = synthesis.transcript_sources.get(quote.transcript_id)
    turn = turn_label(quote.utterance_id)
    if not source:
        return f"{quote.transcript_id}, {turn}"
    try:
        target = os.path.relpath(Path(source).resolve(), folder.resolve())
    except ValueError:  # another drive on Windows
        target = str(Path(source).resolve())
    return f"[{Path(source).name}](<{Path(target).as_posix()}>), {turn}"


def _quote_line(synthesis: Synthesis, quote: Quote, folder: Path) -> str:
    when = timestamp(quote.start)
    where = ", ".join(x for x in (quote.participant_id, when) if x)
    return (
        f'> "{" ".join(quote.text.split())}"  \n> — {where} ({_link(synthesis, quote, folder)})\n'
    )


def _theme(synthesis: Synthesis, theme: Theme, folder: Path, n: int) -> list[str]:
    lines = [f"### {n}. {theme.label} — {synthesis.prevalence(theme)} participants", ""]
    if theme.description:
        lines += [theme.description, ""]
    lines += [f"Participants: {', '.join(theme.participant_ids)}", ""]
    for quote in theme.quotes:
        lines += [_quote_line(synthesis, quote, folder)]
    if theme.disagreements:
        lines += ["Disagreements:", *[f"- {d}" for d in theme.disagreements], ""]
    return lines


def _grid(synthesis: Synthesis, rows: list[CoverageRow], label: str) -> list[str]:
    pids = synthesis.participant_ids
    lines = [f"| {label} | " + " | ".join(pids) + " |", "|---|" + "---|" * len(pids)]
    for row in rows:
        cells = []
        for cell in row.cells:
            if cell.quote is not None:
                where = quote_source(synthesis, cell.quote)
                cells.append(_cell(f'"{_short(cell.quote.text)}" ({where})'))
            else:
                cells.append("answered" if cell.answered else "—")
        head = _cell(f"{row.id}: {row.text}" if row.text else row.id)
        lines.append(f"| {head} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _left_out(synthesis: Synthesis) -> list[str]:
    lines = [
        "## What was left out",
        "",
        "Share of each participant's words quoted in this report:",
        "",
    ]
    lines += ["| Participant | Words quoted |", "|---|---|"]
    for pid in synthesis.participant_ids:
        lines.append(f"| {pid} | {synthesis.cited_share.get(pid, 0.0):.0%} |")
    lines.append("")
    insights = {i.id: i for n in synthesis.notes for i in n.insights}
    unthemed = [insights[i] for i in synthesis.unthemed_insight_ids if i in insights]
    if unthemed:
        lines += [f"Insights in no theme ({len(unthemed)}):", ""]
        lines += [
            f"- {i.participant_id} ({i.kind.value}): {' '.join(i.text.split())}" for i in unthemed
        ]
    else:
        lines.append("Every insight is in a theme or a signal.")
    quotes = synthesis.dropped_quotes
    lines += [
        "",
        f"Grounding dropped {quotes} {'quote' if quotes == 1 else 'quotes'} that could not be "
        "found word for word in what the participant said"
        + (
            f", and {synthesis.dropped_insights} insights left with no verified quote."
            if synthesis.dropped_insights
            else "."
        ),
        "",
    ]
    return lines


def _speakers(status: FileStatus) -> str:
    return "; ".join(f"{s.speaker} ({s.role.value}, {s.turns})" for s in status.speakers)


def sources_section(sources: list[FileStatus]) -> list[str]:
    """Every file of the transcripts folder: status, speakers with roles, and why."""
    counts = {state: sum(1 for f in sources if f.status == state) for state in Status}
    summary = ", ".join(f"{n} {state.value}" for state, n in counts.items() if n)
    lines = ["## Sources", "", f"{len(sources)} files: {summary}.", ""]
    lines += ["| File | Status | Speakers (role, turns) | Why |", "|---|---|---|---|"]
    for f in sources:
        why = f.reason or (f"{len(f.warnings)} warning(s), below" if f.warnings else "")
        lines.append(
            f"| {_cell(f.name)} | {f.status.value} | {_cell(_speakers(f)) or '—'} | {_cell(why)} |"
        )
    lines.append("")
    warned = [f for f in sources if f.warnings]
    if warned:
        lines += ["Warnings:", ""]
        for f in warned:
            lines.append(f"- {f.name}")
            lines += [f"  - {' '.join(w.split())}" for w in f.warnings]
        lines.append("")
    return lines


def render_report(
    synthesis: Synthesis, folder: Path, sources: list[FileStatus] | None = None
) -> str:
    """report.md's text; links to transcripts are relative to `folder`."""
    n = len(synthesis.participant_ids)
    lines = [f"# {synthesis.title or 'Study'}: synthesis", ""]
    lines += [
        f"Participants: {n} ({', '.join(synthesis.participant_ids)}). Engine: {synthesis.engine}.",
        "",
    ]
    lines += ["## Themes", ""]
    if not synthesis.themes:
        lines += ["No pattern was shared by enough participants to count as a theme.", ""]
    for k, theme in enumerate(synthesis.themes, 1):
        lines += _theme(synthesis, theme, folder, k)
    if synthesis.signals:
        lines += [
            "## Signals",
            "",
            "Points too few participants made to call a theme: kept, not promoted.",
            "",
        ]
        for k, signal in enumerate(synthesis.signals, 1):
            lines += _theme(synthesis, signal, folder, k)
    for title, items in (
        ("Recommendations", synthesis.recommendations),
        ("Open questions", synthesis.open_questions),
    ):
        if items:
            lines += [f"## {title}", "", *[f"- {item}" for item in items], ""]
    if synthesis.objective_coverage:
        lines += ["## Objectives × participants", ""] + _grid(
            synthesis, synthesis.objective_coverage, "Objective"
        )
    if synthesis.question_coverage:
        lines += ["## Guide questions × participants", ""] + _grid(
            synthesis, synthesis.question_coverage, "Question"
        )
    lines += _left_out(synthesis)
    if sources:
        lines += sources_section(sources)
    return "\n".join(lines).rstrip() + "\n"
