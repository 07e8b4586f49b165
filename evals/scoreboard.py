"""`python -m evals all`: every suite, one scoreboard, and a regression check.

The offline engine's last scoreboard is committed in evals/results/offline.{json,md};
`--check` fails when a metric falls more than the tolerance below it (or, for
lower-is-better metrics, rises above it). With `--engine llm` and no provider
configured, the LLM path runs against a loopback server: plumbing, not quality. With an
LLM engine the judge (evals/judge.py) adds `judge.*` rows beside the metrics.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
DATASETS = Path(__file__).parent / "datasets"
BASELINE_ENV = "GUIDEAGENT_EVALS_BASELINE"
LOWER_IS_BETTER = {
    "critique.false_positive_rate",
    "critique_real.false_positive_rate",
    "critique_retired.false_positive_rate",
    "critique_holdout.false_positive_rate",
    "drafting.duplicate_questions",
    "drafting.error_findings",
    "synthesis.dropped_quotes",
    "synthesis_holdout.dropped_quotes",
}
# Descriptive figures with no better direction: shown, never checked.
NOT_CHECKED = {"drafting.minutes_ratio", "drafting.questions", "drafting.main_questions"}
QUESTION_CODES = (
    "closed",
    "leading",
    "double_barreled",
    "hypothetical",
    "jargon",
    "rating_scale",
)
SYNTHESIS_METRICS = (
    "theme_recall",
    "theme_precision",
    "attribution_f1",
    "grounding_rate",
    "dropped_quotes",
)


@dataclass
class Datasets:
    """What one run reads; the defaults are the committed datasets the baseline was made on."""

    questions: Path | None = DATASETS / "questions.jsonl"
    # Training sets too: questions from real guides, and the retired (leaked) hold-out.
    real: Path | None = DATASETS / "questions-realguides.jsonl"
    retired: Path | None = DATASETS / "questions-retired-holdout.jsonl"
    # The sealed hold-out (datasets/holdout/) is run by hand, once per round: not by default.
    holdout: Path | None = None
    studies: list[Path] = field(
        default_factory=lambda: sorted(
            p for p in (DATASETS / "studies").glob("*") if (p / "gold.json").exists()
        )
    )
    briefs: Path | None = DATASETS / "briefs"


def direction(key: str) -> str:
    if key in NOT_CHECKED:
        return ""
    return "lower" if key in LOWER_IS_BETTER else "higher"


def checked(key: str) -> bool:
    """Judge rows exist only on LLM runs and vary run to run: shown, never checked."""
    return bool(direction(key)) and not key.startswith("judge.")


class _Meter:
    """Seconds and tokens per suite, from the process-wide LLM usage record."""

    def __init__(self) -> None:
        self.suites: dict[str, dict[str, float]] = {}

    def run(self, name: str, fn, *args, **kwargs):
        from guideagent.llm import PROCESS_USAGE

        calls, started = len(PROCESS_USAGE.calls), time.monotonic()
        result = fn(*args, **kwargs)
        new = PROCESS_USAGE.calls[calls:]
        entry = self.suites.setdefault(name, {"seconds": 0.0, "tokens": 0, "calls": 0})
        entry["seconds"] = round(entry["seconds"] + time.monotonic() - started, 1)
        entry["tokens"] += sum(c.prompt_tokens + c.completion_tokens for c in new)
        entry["calls"] += len(new)
        return result


def _critique(meter: _Meter, engine: str, data: Datasets, metrics: dict, sizes: dict) -> None:
    from evals import critique_suite

    sets = (
        ("critique", data.questions),
        ("critique_real", data.real),
        ("critique_retired", data.retired),
        ("critique_holdout", data.holdout),
    )
    for label, path in sets:
        if path is None or not path.exists():
            continue
        result = meter.run(label, critique_suite.evaluate, path, engine=engine)
        sizes[f"{label} questions"] = result["n"]
        for code in QUESTION_CODES:
            metrics[f"{label}.f1.{code}"] = result["codes"][code]["f1"]
        for key in ("precision", "recall", "f1"):
            metrics[f"{label}.macro_{key}"] = sum(
                result["codes"][c][key] for c in QUESTION_CODES
            ) / len(QUESTION_CODES)
        metrics[f"{label}.false_positive_rate"] = result["false_positive_rate"]


def _synthesis(meter: _Meter, engine: str, data: Datasets, metrics: dict, sizes: dict) -> None:
    """Means over the development studies as synthesis.*, over held-out ones (folder name
    starting "holdout") as synthesis_holdout.*, like critique and critique_holdout."""
    from evals import synthesis_suite

    per_study = [
        meter.run("synthesis", synthesis_suite.evaluate_study, p, engine=engine)
        for p in data.studies
    ]
    sizes["studies"] = len(per_study)
    sizes["transcripts"] = sum(len(list((p / "transcripts").iterdir())) for p in data.studies)
    for label, held_out in (("synthesis", False), ("synthesis_holdout", True)):
        group = [s for s in per_study if s["study"].startswith("holdout") == held_out]
        for key in SYNTHESIS_METRICS:
            if group:
                metrics[f"{label}.{key}"] = sum(s[key] for s in group) / len(group)
    for s in per_study:
        metrics[f"synthesis[{s['study']}].theme_recall"] = s["theme_recall"]
        metrics[f"synthesis[{s['study']}].attribution_f1"] = s["attribution_f1"]


def run_suites(engine: str, data: Datasets | None = None, judge_studies: int = 1) -> dict:
    """One engine over every dataset: the scoreboard as a JSON-ready dict."""
    from evals import drafting_suite
    from evals.loopback import llm_or_loopback

    data = data or Datasets()
    metrics: dict[str, float] = {}
    sizes: dict[str, int] = {}
    meter = _Meter()
    started = time.monotonic()
    with llm_or_loopback(engine) as (model, note):
        _critique(meter, engine, data, metrics, sizes)
        _synthesis(meter, engine, data, metrics, sizes)
        guides: list = []
        if data.briefs is not None:
            drafting = meter.run(
                "drafting", drafting_suite.evaluate, data.briefs, engine=engine, keep=guides
            )
            sizes["briefs"] = drafting["briefs"]
            metrics.update({f"drafting.{k}": v for k, v in drafting["mean"].items()})
        if engine == "llm" and judge_studies >= 0:
            from evals.judge import judge_all
            from guideagent.config import load_settings

            preferred = sorted(data.studies, key=lambda p: p.name.startswith("holdout"))
            metrics.update(
                meter.run(
                    "judge",
                    judge_all,
                    load_settings({"engine": "llm"}),
                    guides,
                    preferred[:judge_studies],
                )
            )
    return {
        "engine": engine,
        "model": model,
        "note": note,
        "sizes": sizes,
        "metrics": {k: round(float(v), 4) for k, v in metrics.items()},
        "tokens": sum(int(s["tokens"]) for s in meter.suites.values()),
        "seconds": round(time.monotonic() - started, 1),
        "suites": meter.suites,
    }


def regressions(current: dict, baseline: dict, tolerance: float) -> list[str]:
    """Every checked baseline metric that got worse by more than `tolerance` (absolute),
    or that this run no longer produced."""
    problems = []
    for key, old in baseline["metrics"].items():
        if not checked(key):
            continue
        if key not in current["metrics"]:
            problems.append(f"{key}: {old:.3f} -> missing from this run")
            continue
        new = current["metrics"][key]
        worse = new - old if direction(key) == "lower" else old - new
        if worse > tolerance:
            problems.append(f"{key}: {old:.3f} -> {new:.3f} ({direction(key)} is better)")
    return problems


def summary_line(board: dict) -> str:
    sizes = ", ".join(f"{k} {v}" for k, v in board["sizes"].items())
    return (
        f"engine {board['engine']} | model {board['model']} | {board['note']} | datasets: {sizes} "
        f"| tokens {board['tokens']:,} | wall time {board['seconds']} s"
    )


def to_markdown(board: dict) -> str:
    lines = [f"# Eval scoreboard: {board['engine']} engine", "", summary_line(board) + ".", ""]
    lines += ["| metric | better | value |", "|---|---|---|"]
    lines += [f"| {k} | {direction(k) or '-'} | {v:.3f} |" for k, v in board["metrics"].items()]
    lines += ["", "| suite | seconds | tokens | LLM calls |", "|---|---|---|---|"]
    lines += [
        f"| {k} | {s['seconds']} | {s['tokens']} | {s['calls']} |"
        for k, s in board["suites"].items()
    ]
    return "\n".join(lines) + "\n"


def print_board(boards: list[dict], baseline: dict | None, tolerance: float) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)  # logs and CI: no squeezing
    table = Table(title="guideagent eval scoreboard")
    table.add_column("metric")
    table.add_column("better")
    for board in boards:
        table.add_column(board["engine"], justify="right")
    offline = next((b for b in boards if b["engine"] == "offline"), None)
    if baseline:
        table.add_column("baseline", justify="right")
        table.add_column("Δ offline", justify="right")
    keys = list(dict.fromkeys(k for b in boards for k in b["metrics"]))
    for key in keys:
        row = [escape(key), direction(key)] + [
            f"{b['metrics'][key]:.3f}" if key in b["metrics"] else "" for b in boards
        ]
        if baseline:
            old = baseline["metrics"].get(key)
            row.append("" if old is None else f"{old:.3f}")
            row.append(_delta(key, old, offline, tolerance))
        table.add_row(*row)
    console.print(table)
    for board in boards:
        console.print(summary_line(board), markup=False)


def _delta(key: str, old: float | None, offline: dict | None, tolerance: float) -> str:
    if old is None or offline is None or key not in offline["metrics"]:
        return ""
    change = offline["metrics"][key] - old
    if abs(change) < 5e-4:
        return "="
    worse = change > 0 if direction(key) == "lower" else change < 0
    colour = (
        "red"
        if checked(key) and worse and abs(change) > tolerance
        else ("yellow" if worse else "green")
    )
    return f"[{colour}]{change:+.3f}[/]"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m evals all", description=__doc__)
    parser.add_argument("--engine", choices=["offline", "llm", "both"], default="offline")
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="also write the scoreboard as JSON"
    )
    parser.add_argument(
        "--check", action="store_true", help="fail when a metric regresses past the baseline"
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.02,
        help="allowed change for the worse (absolute), default 0.02",
    )
    parser.add_argument(
        "--save", action="store_true", help="store the offline scoreboard as the new baseline"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=Path(os.environ.get(BASELINE_ENV) or RESULTS / "offline.json"),
        help=f"baseline JSON (default: ${BASELINE_ENV} or evals/results/offline.json); .md is written beside it",
    )
    parser.add_argument(
        "--questions", type=Path, help="labelled questions (JSONL) instead of the dataset's"
    )
    parser.add_argument(
        "--holdout", type=Path, help="held-out questions (JSONL) instead of the dataset's"
    )
    parser.add_argument("--studies", type=Path, help="one study folder, or a folder of them")
    parser.add_argument("--briefs", type=Path, help="one brief (JSON), or a folder of them")
    parser.add_argument(
        "--judge-studies",
        type=int,
        default=1,
        help="studies the LLM judge synthesizes and scores (-1: no judge)",
    )
    return parser.parse_args(argv)


def datasets_from(args: argparse.Namespace) -> Datasets:
    data = Datasets()
    if args.questions:
        data.questions, data.holdout = args.questions, args.holdout
        data.real = data.retired = None
    elif args.holdout:
        data.holdout = args.holdout
    if args.studies:
        from evals.synthesis_suite import study_dirs

        data.studies = study_dirs(args.studies)
    if args.briefs:
        data.briefs = args.briefs
    return data


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from guideagent.errors import GuideAgentError

    engines = ["offline", "llm"] if args.engine == "both" else [args.engine]
    try:
        boards = [run_suites(engine, datasets_from(args), args.judge_studies) for engine in engines]
    except GuideAgentError as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1) or 1
    baseline = json.loads(args.baseline.read_text()) if args.baseline.exists() else None
    print_board(boards, baseline, args.tolerance)
    if args.json:
        args.json.write_text(json.dumps(boards if len(boards) > 1 else boards[0], indent=2) + "\n")
    offline = next((b for b in boards if b["engine"] == "offline"), None)
    if args.save:
        if offline is None:
            print(
                "--save stores the offline scoreboard: run with --engine offline or both",
                file=sys.stderr,
            )
            return 2
        from guideagent.atomic import atomic_write_text

        atomic_write_text(args.baseline, json.dumps(offline, indent=2) + "\n")
        atomic_write_text(args.baseline.with_suffix(".md"), to_markdown(offline))
        print(f"saved the baseline to {args.baseline}")
    if args.check:
        return check(offline, baseline, args.tolerance)
    return 0


def check(offline: dict | None, baseline: dict | None, tolerance: float) -> int:
    if offline is None or baseline is None:
        print(
            "--check needs the offline engine and a saved baseline (run with --save once)",
            file=sys.stderr,
        )
        return 2
    if offline["sizes"] != baseline.get("sizes"):
        print(
            f"note: dataset sizes changed since the baseline ({baseline.get('sizes')} -> {offline['sizes']})"
        )
    problems = regressions(offline, baseline, tolerance)
    if problems:
        print(
            "check FAILED: regressions beyond the tolerance:\n  " + "\n  ".join(problems),
            file=sys.stderr,
        )
        return 1
    print(f"check passed: no metric got worse than the baseline by more than {tolerance}")
    return 0
