"""`python -m evals synthesis`: theme quality on labelled studies (DESIGN.md data formats).

A study is a folder with transcripts/, an optional study.json and gold.json. Per study the
engine extracts notes from every transcript and synthesizes themes; `evals.scoring`
compares them with the gold themes. Grounding is checked against the transcripts here,
independently of the engine's own grounding step.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from statistics import mean
from typing import Any

from evals.scoring import GoldTheme, PredictedTheme, grounding_rate, score_themes
from guideagent.schemas import Role, Study, Transcript
from guideagent.schemas.synthesis import Synthesis

STUDIES = Path(__file__).parent / "datasets" / "studies"
METRICS = ("theme_recall", "theme_precision", "attribution_f1", "grounding_rate", "dropped_quotes")


def load_transcripts(folder: Path) -> list[Transcript]:
    from guideagent.ingest.transcripts import load_folder

    result = load_folder(folder)
    if result.problems:
        for problem in result.problems:
            print(f"warning: {problem}", file=sys.stderr)
    return list(result.transcripts)


def load_gold(path: Path) -> list[GoldTheme]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldTheme(
            id=t["id"],
            label=t.get("label", ""),
            evidence=list(t.get("evidence", [])),
            participants=frozenset(t.get("participants", [])),
        )
        for t in data["themes"]
    ]


def participant_turns(transcripts: list[Transcript]) -> dict[str, list[str]]:
    """Each participant's own turns, keyed by the participant id quotes must cite."""
    turns: dict[str, list[str]] = {}
    for t in transcripts:
        for u in t.utterances:
            if u.role == Role.participant:
                turns.setdefault(t.participant_id(u.speaker), []).append(u.text)
    return turns


def output_quotes(synthesis: Synthesis) -> list[tuple[str, str]]:
    """Every distinct quote a reader of the synthesis sees: notes, themes and signals."""
    seen: dict[tuple[str, str, str], None] = {}
    for theme in synthesis.themes + synthesis.signals:
        for q in theme.quotes:
            seen.setdefault((q.participant_id, q.utterance_id, q.text), None)
    for notes in synthesis.notes:
        for insight in notes.insights:
            for q in insight.quotes:
                seen.setdefault((q.participant_id, q.utterance_id, q.text), None)
    return [(pid, text) for pid, _, text in seen]


def run_engine(transcripts: list[Transcript], study: Study | None, engine: str) -> Synthesis:
    from guideagent.factory import build_engine

    built = build_engine(engine=engine)
    notes = [built.extract_notes(t, study) for t in transcripts]
    return built.synthesize_themes(notes, study)


def evaluate_study(
    folder: Path | str,
    engine: str = "offline",
    keep: list[tuple[Study | None, Synthesis]] | None = None,
) -> dict[str, Any]:
    """Scores for one study folder, as the JSON object `--json` prints. Pass `keep` to
    collect the (study, synthesis) scored, for the LLM judge; it stays out of the dict."""
    folder = Path(folder)
    study_file = folder / "study.json"
    study = (
        Study.model_validate_json(study_file.read_text(encoding="utf-8"))
        if study_file.exists()
        else None
    )
    gold = load_gold(folder / "gold.json")
    transcripts = load_transcripts(folder / "transcripts")
    started = time.monotonic()
    synthesis = run_engine(transcripts, study, engine)
    seconds = time.monotonic() - started
    if keep is not None:
        keep.append((study, synthesis))
    predicted = [
        PredictedTheme(t.id, [q.text for q in t.quotes], frozenset(t.participant_ids))
        for t in synthesis.themes
    ]
    scores = score_themes(predicted, gold)
    return {
        "study": folder.name,
        "theme_recall": round(scores.theme_recall, 4),
        "theme_precision": round(scores.theme_precision, 4),
        "attribution_f1": round(scores.attribution_f1, 4),
        "grounding_rate": round(
            grounding_rate(output_quotes(synthesis), participant_turns(transcripts)), 4
        ),
        "dropped_quotes": synthesis.dropped_quotes,
        "themes_predicted": len(predicted),
        "themes_gold": len(gold),
        "matches": [{"predicted": p, "gold": g, "score": s} for p, g, s in scores.matches],
        "seconds": round(seconds, 2),
        "engine": engine,
    }


def study_dirs(data: Path) -> list[Path]:
    if (data / "gold.json").exists():
        return [data]
    return sorted(p for p in data.iterdir() if (p / "gold.json").exists())


def mean_row(results: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {key: round(mean(r[key] for r in results), 4) for key in METRICS}
    row["themes_predicted"] = sum(r["themes_predicted"] for r in results)
    row["themes_gold"] = sum(r["themes_gold"] for r in results)
    row["seconds"] = round(sum(r["seconds"] for r in results), 2)
    return row


def print_table(results: list[dict[str, Any]], engine: str, note: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Synthesis evals ({engine} engine)")
    table.add_column("study", no_wrap=True)
    for header in (
        "recall",
        "precision",
        "attribution F1",
        "grounding",
        "dropped",
        "themes pred/gold",
        "seconds",
    ):
        table.add_column(header, justify="right")
    rows = [(r["study"], r) for r in results]
    if len(results) > 1:
        rows.append(("mean", mean_row(results)))
    for name, r in rows:
        table.add_row(
            name,
            f"{r['theme_recall']:.2f}",
            f"{r['theme_precision']:.2f}",
            f"{r['attribution_f1']:.2f}",
            f"{r['grounding_rate']:.2f}",
            f"{r['dropped_quotes']:g}",
            f"{r['themes_predicted']}/{r['themes_gold']}",
            f"{r['seconds']:.1f}",
        )
    console = Console()
    console.width = max(console.width, 120)  # never squeeze the numbers when piped
    console.print(table)
    if note:
        console.print(note, markup=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals synthesis", description=__doc__)
    parser.add_argument(
        "--data", type=Path, default=STUDIES, help="one study folder, or a folder of studies"
    )
    parser.add_argument("--engine", choices=("offline", "llm"), default="offline")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object and nothing else"
    )
    args = parser.parse_args(argv)
    from evals.loopback import llm_or_loopback
    from guideagent.errors import GuideAgentError

    dirs = study_dirs(args.data)
    if not dirs:
        print(f"no studies (folders with gold.json) under {args.data}", file=sys.stderr)
        return 2
    try:
        # With --engine llm and no provider configured, the run goes to a loopback server
        # and the note says the numbers measure plumbing, not quality.
        with llm_or_loopback(args.engine) as (model, note):
            results = [evaluate_study(d, engine=args.engine) for d in dirs]
    except GuideAgentError as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1) or 1
    if args.json:
        if len(results) == 1:
            out: dict[str, Any] = results[0]
        else:
            out = {"studies": results, "mean": mean_row(results), "engine": args.engine}
        print(json.dumps({**out, "model": model, "note": note}, indent=2))
    else:
        print_table(results, args.engine, note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
