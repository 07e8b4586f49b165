"""`python -m evals bench`: how fast guideagent is on this machine, and how it scales.

Not a test (it takes minutes); numbers for the README and for noticing a slowdown:
- the rules critic's questions per second on a 10,000-question guide;
- offline synthesis time and peak memory for 10, 30 and 100 transcripts, each size in a
  fresh subprocess so its peak RSS (ru_maxrss, from os.wait4) is its own, and how time
  grows from the smallest size to the largest;
- launch time: first paint and a study shown, each run a fresh process (evals/startup.py);
- the LLM path against the loopback server: prompt tokens per transcript on the eval
  studies, and the wall time of a 10-transcript synthesis at concurrency 1, 4 and 8 with a
  fixed delay per call (the speed-up concurrency buys when the provider is the bottleneck).

Transcripts for the scaling runs are made from the eval studies' transcripts: participant
k of a run takes the first half of one interview and the second half of another from the
same study, with the participants renamed. Deterministic: the same k, the same text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from guideagent.schemas import (
    Guide,
    Question,
    Role,
    Section,
    SectionKind,
    Study,
    Transcript,
    Utterance,
)

DATASETS = Path(__file__).parent / "datasets"
NAMES = ("Alex", "Sam", "Jordan", "Robin", "Kim", "Noa")


# -- the rules critic ------------------------------------------------------------------------
def big_guide(n: int) -> Guide:
    """n questions cycled from the labelled datasets, ten to a section, warm-up to wrap-up."""
    texts = [
        json.loads(line)["text"]
        for name in ("questions.jsonl", "questions-retired-holdout.jsonl")
        for line in (DATASETS / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    questions = [
        Question(id=f"q{i + 1}", text=texts[i % len(texts)], minutes=0.5) for i in range(n)
    ]
    sections = [
        Section(id=f"s{k // 10 + 1}", title=f"Part {k // 10 + 1}", questions=questions[k : k + 10])
        for k in range(0, n, 10)
    ]
    sections[0].kind, sections[-1].kind = SectionKind.warm_up, SectionKind.wrap_up
    return Guide(title="Benchmark guide", sections=sections)


def bench_rules(n: int = 10_000) -> dict[str, Any]:
    """The n-question guide, critiqued once from cold caches. Its questions cycle through the
    datasets, so a wording seen before is answered from the critic's memory of it (as when
    the TUI critiques a guide again after an edit); `cold_questions_per_second` is the rate
    for wordings the critic has not seen, each distinct text critiqued once."""
    from guideagent.critique import rules

    guide = big_guide(n)
    study = Study(title="Benchmark", session_minutes=60)
    rules.clear_caches()
    started = time.perf_counter()
    critique = rules.critique_guide(guide, study)
    seconds = time.perf_counter() - started
    distinct = list(dict.fromkeys(q.text for q in guide.questions()))
    rules.clear_caches()
    started = time.perf_counter()
    for text in distinct:
        rules.critique_question(text)
    cold = time.perf_counter() - started
    return {
        "questions": n,
        "seconds": round(seconds, 3),
        "questions_per_second": round(n / seconds),
        "findings": len(critique.findings),
        "distinct_questions": len(distinct),
        "cold_questions_per_second": round(len(distinct) / cold),
    }


# -- transcripts for the scaling runs --------------------------------------------------------
def study_pools() -> list[list[Transcript]]:
    from guideagent.ingest.transcripts import load_folder

    folders = sorted(
        p / "transcripts" for p in (DATASETS / "studies").glob("*") if (p / "gold.json").exists()
    )
    return [list(load_folder(f).transcripts) for f in folders]


def _half(transcript: Transcript, first: bool) -> list[Utterance]:
    """Split at the interviewer turn nearest the middle, so each half is whole exchanges."""
    turns = transcript.utterances
    asks = [i for i, u in enumerate(turns) if u.role == Role.interviewer] or [len(turns) // 2]
    cut = min(asks, key=lambda i: abs(i - len(turns) // 2))
    return turns[:cut] if first else turns[cut:]


def _renamed(utterances: list[Utterance], source: Transcript) -> list[Utterance]:
    names = {s: NAMES[i % len(NAMES)] for i, s in enumerate(source.participant_speakers())}
    return [
        u.model_copy(update={"speaker": names.get(u.speaker, "Interviewer")}) for u in utterances
    ]


def make_transcript(k: int, pools: list[list[Transcript]]) -> Transcript:
    """Participant k: one whole interview and half of another from study k mod S, so each
    runs about 1,500 words (the eval interviews are 900-1,200), as long as a real hour."""
    pool = pools[k % len(pools)]
    a = pool[(k // len(pools)) % len(pool)]
    b = pool[(k // len(pools) + 1 + k % 3) % len(pool)]
    turns = _renamed(a.utterances, a) + _renamed(_half(b, False), b)
    turns = [u.model_copy(update={"id": f"u{i + 1}"}) for i, u in enumerate(turns)]
    return Transcript(
        id=f"G{k + 1:03d}", source=f"bench:{a.id}+{b.id}", format="txt", utterances=turns
    )


def make_transcripts(n: int) -> list[Transcript]:
    pools = study_pools()
    return [make_transcript(k, pools) for k in range(n)]


# -- offline synthesis, one size per subprocess ----------------------------------------------
def child_synthesis(n: int) -> None:
    """Runs in the subprocess: print one JSON line with the synthesis time."""
    from guideagent.engines.offline import OfflineEngine
    from guideagent.synthesis.pipeline import synthesize_study

    transcripts = make_transcripts(n)
    started = time.perf_counter()
    run = synthesize_study(transcripts, OfflineEngine())
    seconds = time.perf_counter() - started
    s = run.synthesis
    print(
        json.dumps(
            {
                "transcripts": n,
                "words_per_transcript": round(sum(t.word_count() for t in transcripts) / n),
                # Recombined from the eval interviews, so turns repeat across transcripts and
                # the embedder's memo serves the repeats: say how much text was really new.
                "distinct_turns": len({u.text for t in transcripts for u in t.utterances}),
                "turns": sum(len(t.utterances) for t in transcripts),
                "seconds": round(seconds, 2),
                "themes": len(s.themes),
                "participants": len(s.participant_ids),
            }
        )
    )


def bench_synthesis(sizes: list[int]) -> dict[str, Any]:
    rows = []
    for n in sizes:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "evals.bench", "--child-synthesis", str(n)],
            cwd=Path(__file__).resolve().parents[1],
            stdout=subprocess.PIPE,
            text=True,
        )
        out = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(
                f"the synthesis benchmark for {n} transcripts failed (exit {proc.returncode})"
            )
        row = json.loads(out.strip().splitlines()[-1])
        row["process_seconds"] = round(time.perf_counter() - started, 2)
        row["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # Linux reports KiB
        rows.append(row)
    growth = (
        rows[-1]["seconds"] / rows[0]["seconds"] if len(rows) > 1 and rows[0]["seconds"] else None
    )
    return {
        "runs": rows,
        "time_ratio": round(growth, 2) if growth else None,
        "size_ratio": sizes[-1] / sizes[0] if len(sizes) > 1 else None,
    }


# -- the LLM path against the loopback server ------------------------------------------------
def bench_llm(concurrencies: list[int], delay: float, n: int) -> dict[str, Any]:
    from evals.loopback import delayed_responder, loopback_settings
    from guideagent.engines.llm import LLMEngine
    from guideagent.ingest.transcripts import load_folder
    from guideagent.synthesis.pipeline import synthesize_study

    result: dict[str, Any] = {"delay_seconds": delay, "transcripts": n}
    with loopback_settings() as (settings, server):
        prompt = completion = count = map_calls = 0
        for folder in sorted((DATASETS / "studies").glob("*/transcripts")):
            transcripts = list(load_folder(folder).transcripts)
            study_file = folder.parent / "study.json"
            study = (
                Study.model_validate_json(study_file.read_text(encoding="utf-8"))
                if study_file.exists()
                else None
            )
            run = synthesize_study(transcripts, LLMEngine(settings), study=study)
            calls = [c for c in run.usage.calls if c.prompt == "extract_notes"]
            prompt += sum(c.prompt_tokens for c in calls)
            completion += sum(c.completion_tokens for c in calls)
            count, map_calls = count + len(transcripts), map_calls + len(calls)
        result["tokens_per_transcript"] = {
            "transcripts": count,
            "prompt_tokens": round(prompt / count),
            "completion_tokens": round(completion / count),
            "calls": round(map_calls / count, 2),
        }
        server.responder = delayed_responder(delay)
        transcripts = make_transcripts(n)
        rows = []
        for c in concurrencies:
            server.reset()
            started = time.perf_counter()
            synthesize_study(transcripts, LLMEngine(settings), concurrency=c)
            rows.append(
                {
                    "concurrency": c,
                    "seconds": round(time.perf_counter() - started, 2),
                    "in_flight_max": server.in_flight_max,
                }
            )
        for row in rows:
            row["speed_up"] = round(rows[0]["seconds"] / row["seconds"], 2)
        result["concurrency"] = rows
    return result


# -- output ----------------------------------------------------------------------------------
def print_tables(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)  # logs and CI: no squeezing
    console.print(f"[bold]guideagent bench[/] on {report['machine']}")
    if "rules" in report:
        r = report["rules"]
        console.print(
            f"Rules critic: {r['questions']:,} questions in {r['seconds']} s = [bold]{r['questions_per_second']:,} questions/s[/] ({r['findings']:,} findings)"
        )
        console.print(
            f"  wordings not seen before ({r['distinct_questions']:,} distinct): {r['cold_questions_per_second']:,} questions/s"
        )
    if "synthesis" in report:
        table = Table(title="Offline synthesis (fresh subprocess per size)")
        for col in (
            "transcripts",
            "words each",
            "distinct turns",
            "synthesis s",
            "process s",
            "peak RSS MB",
            "themes",
        ):
            table.add_column(col, justify="right")
        for row in report["synthesis"]["runs"]:
            table.add_row(
                str(row["transcripts"]),
                str(row["words_per_transcript"]),
                f"{row['distinct_turns']:,} of {row['turns']:,}",
                f"{row['seconds']:.2f}",
                f"{row['process_seconds']:.2f}",
                f"{row['peak_rss_mb']:.0f}",
                str(row["themes"]),
            )
        console.print(table)
        s = report["synthesis"]
        console.print(
            "Transcripts are recombined from the eval interviews, so turns repeat and repeated "
            "sentences are embedded once: at 100 transcripts this understates the embedding cost "
            "of unique text (see benchmarks/bench_embeddings.py for sentences per second)."
        )
        if s["time_ratio"]:
            console.print(f"Time grows x{s['time_ratio']} for x{s['size_ratio']:g} transcripts.")
    if "startup" in report:
        from evals.startup import describe

        console.print("[bold]Launch[/] (fresh process per run, headless at 120x40)")
        for line in describe(report["startup"]):
            console.print(line, highlight=False)
    if "llm" in report:
        llm = report["llm"]
        t = llm["tokens_per_transcript"]
        console.print(
            f"LLM path (loopback server; prompt tokens are ceil(chars/4) of the real prompts, completions are fake): "
            f"{t['prompt_tokens']:,} prompt tokens and {t['calls']} calls per transcript over {t['transcripts']} transcripts"
        )
        table = Table(
            title=f"LLM synthesis of {llm['transcripts']} transcripts, {llm['delay_seconds']} s per call"
        )
        for col in ("concurrency", "wall s", "speed-up", "max in flight"):
            table.add_column(col, justify="right")
        for row in llm["concurrency"]:
            table.add_row(
                str(row["concurrency"]),
                f"{row['seconds']:.2f}",
                f"x{row['speed_up']:.2f}",
                str(row["in_flight_max"]),
            )
        console.print(table)


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument(
        "--only",
        choices=("rules", "synthesis", "startup", "llm"),
        action="append",
        help="run only these parts",
    )
    parser.add_argument(
        "--questions", type=int, default=10_000, help="questions in the rules critic's guide"
    )
    parser.add_argument(
        "--sizes", type=_ints, default=[10, 30, 100], help="offline synthesis sizes, e.g. 10,30,100"
    )
    parser.add_argument(
        "--concurrency", type=_ints, default=[1, 4, 8], help="LLM concurrency levels, e.g. 1,4,8"
    )
    parser.add_argument("--delay", type=float, default=0.2, help="loopback seconds per LLM call")
    parser.add_argument("--llm-transcripts", type=int, default=10)
    parser.add_argument("--startup-runs", type=int, default=5, help="launches per startup figure")
    parser.add_argument("--child-synthesis", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_synthesis:
        child_synthesis(args.child_synthesis)
        return 0
    parts = args.only or ["rules", "synthesis", "startup", "llm"]
    report: dict[str, Any] = {
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}"
    }
    if "rules" in parts:
        report["rules"] = bench_rules(args.questions)
    if "synthesis" in parts:
        report["synthesis"] = bench_synthesis(args.sizes)
    if "startup" in parts:
        from evals.startup import bench_startup

        report["startup"] = bench_startup(args.startup_runs)
    if "llm" in parts:
        report["llm"] = bench_llm(args.concurrency, args.delay, args.llm_transcripts)
    print_tables(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
