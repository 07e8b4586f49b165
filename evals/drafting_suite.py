"""Drafting metrics over the study briefs in evals/datasets/briefs/.

Per brief: draft (and revise) a guide, then measure it with the rules critic, which
the critique suite validates. Metrics, averaged over briefs:
- open_share: main questions with no closed/leading/double_barreled/hypothetical finding
- objectives_covered: objectives served by >= 2 main questions
- warm_up / wrap_up: the guide opens with rapport and closes with a wrap-up
- probes_per_question: probes per main question
- minutes_ratio: estimated minutes / session minutes (<= 1 fits); fits: share that fit
- duplicate_questions: pairs of near-identical questions (rapidfuzz token_sort_ratio >= 90:
  the same words in any order; token_set_ratio would call a question a duplicate of any
  longer one that contains its words)
- error_findings: error-severity findings left after revision
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path
from statistics import mean

from guideagent.config import Settings
from guideagent.schemas import Guide, SectionKind, Study
from guideagent.schemas.critique import Code, Critique, Severity

BRIEFS = Path(__file__).parent / "datasets" / "briefs"
NOT_OPEN = {Code.closed, Code.leading, Code.double_barreled, Code.hypothetical}


def measure_guide(guide: Guide, critique: Critique, study: Study) -> dict:
    from rapidfuzz import fuzz

    main = [q for s in guide.sections if s.kind == SectionKind.main for q in s.questions]
    texts = [q.text for q in guide.questions()]
    served = {o.id: sum(o.id in q.objective_ids for q in main) for o in study.objectives}
    duplicates = sum(
        1 for a, b in combinations(texts, 2) if fuzz.token_sort_ratio(a.lower(), b.lower()) >= 90
    )
    minutes = guide.total_minutes()
    return {
        "questions": len(texts),
        "main_questions": len(main),
        "open_share": _share([not (critique.codes_for(q.id) & NOT_OPEN) for q in main]),
        "objectives_covered": _share([n >= 2 for n in served.values()]),
        "warm_up": float(bool(guide.sections) and guide.sections[0].kind == SectionKind.warm_up),
        "wrap_up": float(bool(guide.sections) and guide.sections[-1].kind == SectionKind.wrap_up),
        "probes_per_question": mean([len(q.probes) for q in main]) if main else 0.0,
        "minutes_ratio": minutes / study.session_minutes,
        "fits": float(minutes <= study.session_minutes),
        "duplicate_questions": duplicates,
        "error_findings": sum(f.severity == Severity.error for f in critique.findings),
    }


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def load_briefs(data: Path) -> list[tuple[str, Study]]:
    paths = [data] if data.is_file() else sorted(data.glob("*.json"))
    return [(p.stem, Study.model_validate_json(p.read_text(encoding="utf-8"))) for p in paths]


def evaluate(
    data: Path = BRIEFS,
    engine: str = "offline",
    settings: Settings | None = None,
    keep: list[tuple[Study, Guide]] | None = None,
) -> dict:
    """Draft, revise and measure every brief. Pass `keep` to collect the (brief, guide) pairs
    produced, for the LLM judge; they stay out of the returned JSON-ready dict."""
    from guideagent.config import load_settings
    from guideagent.drafting.revise import draft_and_revise
    from guideagent.factory import build_engine

    settings = settings or load_settings({"engine": engine})
    built = build_engine(settings)
    started = time.monotonic()
    per_brief = []
    for name, study in load_briefs(data):
        result = draft_and_revise(built, study, settings.revise_rounds)
        per_brief.append({"brief": name, **measure_guide(result.guide, result.critique, study)})
        if keep is not None:
            keep.append((study, result.guide))
    keys = [k for k in per_brief[0] if k != "brief"] if per_brief else []
    summary = {k: round(mean(b[k] for b in per_brief), 4) for k in keys}
    return {
        "engine": built.name,
        "briefs": len(per_brief),
        "mean": summary,
        "per_brief": per_brief,
        "seconds": round(time.monotonic() - started, 2),
    }


COLUMNS = {
    "main_questions": "main q",
    "open_share": "open",
    "objectives_covered": "obj. covered",
    "warm_up": "warm-up",
    "wrap_up": "wrap-up",
    "probes_per_question": "probes/q",
    "minutes_ratio": "min/session",
    "duplicate_questions": "dupes",
    "error_findings": "errors",
}


def print_table(result: dict, note: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Drafting, {result['engine']} engine, {result['briefs']} briefs")
    table.add_column("brief", overflow="fold")
    for header in COLUMNS.values():
        table.add_column(header, justify="right")
    for row in [*result["per_brief"], {"brief": "mean", **result["mean"]}]:
        table.add_row(row["brief"], *[f"{float(row[c]):.2f}" for c in COLUMNS])
    console = Console(width=None if sys.stdout.isatty() else 120)  # logs and CI: no squeezing
    console.print(table)
    console.print(note, markup=False)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals drafting", description=__doc__)
    parser.add_argument(
        "--data", type=Path, default=BRIEFS, help="a brief (JSON) or a folder of them"
    )
    parser.add_argument("--engine", choices=["offline", "llm"], default="offline")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object and nothing else"
    )
    args = parser.parse_args(argv)
    from evals.loopback import llm_or_loopback
    from guideagent.errors import GuideAgentError

    try:
        with llm_or_loopback(args.engine) as (model, note):
            result = evaluate(args.data, args.engine)
    except GuideAgentError as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1) or 1
    if args.json:
        print(json.dumps({**result, "model": model, "note": note}))
    else:
        print_table(result, note)
    return 0
