"""`python -m evals critique`: score the question-level critic on labelled questions.

Data: JSON Lines, `{"id", "text", "labels"}` (DESIGN.md); an empty `labels` list is a good
question. Optional `allowed_terms`: the words the study makes plain for this audience (its
product, audience and objectives, terms its guide defines), as a study's `jargon_allowed`. For each code: precision, recall, F1 and support (gold positives); and the
false-positive rate: the share of good questions that got any question-level finding.
A code with no gold positives and no predictions scores 1.0 (nothing to find, nothing
wrongly found); with predictions but no positives, precision and F1 are 0.

Engines: `offline` runs the rules critic per question. `llm` builds the LLM engine and
critiques the questions in batches of BATCH (20) as one-section guides, which keeps the
number of calls (and tokens spent on instructions) down while each batch stays small
enough for the model to judge every question; guide-level findings are ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from guideagent.errors import GuideAgentError, InputError
from guideagent.schemas.critique import QUESTION_CODES

DEFAULT_DATA = Path(__file__).parent / "datasets" / "questions.jsonl"
CODES = tuple(c.value for c in QUESTION_CODES)
BATCH = 20


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Validated rows; a malformed line raises InputError naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such dataset file.", path)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg}).", path, n) from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError('each line must be an object with a "text" string.', path, n)
        labels = row.get("labels", [])
        if not isinstance(labels, list) or any(label not in CODES for label in labels):
            raise InputError(f'"labels" must be a list drawn from {", ".join(CODES)}.', path, n)
        allowed = row.get("allowed_terms", [])
        if not isinstance(allowed, list) or not all(isinstance(t, str) for t in allowed):
            raise InputError('"allowed_terms" must be a list of strings.', path, n)
        rows.append(
            {
                "id": str(row.get("id", f"line{n}")),
                "text": row["text"],
                "labels": set(labels),
                "allowed_terms": tuple(allowed),
            }
        )
    if not rows:
        raise InputError("the dataset has no questions.", path)
    return rows


def predict_offline(rows: list[dict[str, Any]]) -> list[set[str]]:
    from guideagent.critique.rules import critique_question

    return [
        {f.code.value for f in critique_question(r["text"], r["id"], r["allowed_terms"])}
        for r in rows
    ]


def predict_llm(rows: list[dict[str, Any]]) -> list[set[str]]:
    from guideagent.factory import build_engine
    from guideagent.schemas import Guide, Question, Section

    engine = build_engine(engine="llm")
    predicted: list[set[str]] = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = [f"q{i + 1}" for i in range(len(batch))]
        questions = [Question(id=qid, text=r["text"]) for qid, r in zip(ids, batch, strict=True)]
        guide = Guide(
            title="Eval batch", sections=[Section(id="s1", title="Questions", questions=questions)]
        )
        critique = engine.critique_guide(guide, None)
        predicted += [{c.value for c in critique.codes_for(qid) if c.value in CODES} for qid in ids]
    return predicted


def score(rows: list[dict[str, Any]], predicted: list[set[str]], engine: str) -> dict[str, Any]:
    codes = {}
    for code in CODES:
        tp = sum(
            1 for r, p in zip(rows, predicted, strict=True) if code in p and code in r["labels"]
        )
        fp = sum(
            1 for r, p in zip(rows, predicted, strict=True) if code in p and code not in r["labels"]
        )
        support = sum(1 for r in rows if code in r["labels"])
        if support == 0 and tp + fp == 0:
            precision = recall = f1 = 1.0
        else:
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / support if support else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        codes[code] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    good = [p for r, p in zip(rows, predicted, strict=True) if not r["labels"]]
    fpr = sum(1 for p in good if p) / len(good) if good else 0.0
    return {"n": len(rows), "codes": codes, "false_positive_rate": round(fpr, 4), "engine": engine}


def evaluate(path: Path | str = DEFAULT_DATA, engine: str = "offline") -> dict[str, Any]:
    """The suite's numbers as a dict (the scoreboard's entry point)."""
    rows = load_questions(Path(path))
    predicted = predict_llm(rows) if engine == "llm" else predict_offline(rows)
    return score(rows, predicted, engine)


def print_table(result: dict[str, Any], path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"Critique eval: {path.name} ({result['n']} questions, engine {result['engine']})"
    )
    for column in ("code", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "code" else "right")
    for code, m in result["codes"].items():
        table.add_row(
            code, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"])
        )
    console = Console()
    console.print(table)
    console.print(f"false-positive rate on good questions: {result['false_positive_rate']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals critique", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="labelled questions (JSON Lines)"
    )
    parser.add_argument("--engine", choices=["offline", "llm"], default="offline")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object and nothing else"
    )
    args = parser.parse_args(argv)
    from evals.loopback import llm_or_loopback

    try:
        # With --engine llm and no provider configured, the run goes to a loopback server
        # and the note says the numbers measure plumbing, not quality.
        with llm_or_loopback(args.engine) as (model, note):
            result = evaluate(args.data, engine=args.engine)
    except GuideAgentError as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    if args.json:
        print(json.dumps({**result, "model": model, "note": note}))
    else:
        print_table(result, args.data)
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
