"""Launch time of the app: first paint, and a study open (`python -m evals bench --only startup`).

Each run is a fresh Python process (imports included, nothing cached in memory) that
starts the real app headless at 120x40 and notes when the first frame of each screen is
rendered (App._display is handed it; headless, it is not written out), then quits:
- `guideagent`: first paint, the Home screen;
- `guideagent STUDY` (the demo study: brief, guide, five transcripts): first paint (Home,
  saying which study it opens) and the study screen shown.
Times are from the moment the process is spawned. Goals (issue 11): first paint under
0.5 s and a study open under 1 s on 2 cores. The load average is printed beside them:
on a shared machine the same code measures slower.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOALS = {"first_paint": 0.5, "study_open": 1.0}

CHILD = r"""
import sys, time, json
study = sys.argv[1] if len(sys.argv) > 1 else None
from pathlib import Path
from guideagent.config import load_settings
from guideagent.tui.app import GuideAgentApp

class Timed(GuideAgentApp):
    # _display receives every frame the compositor renders (headless too: it just does
    # not write it out): the first one of each screen is when the user would see it.
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        frames = self.__dict__.setdefault("_frames", {})
        name = type(screen).__name__
        if renderable is not None and name not in frames and screen.is_mounted:
            frames[name] = time.time()
            if name == ("StudyScreen" if study else "HomeScreen"):
                self.call_later(self.exit)

app = Timed(load_settings(), study=Path(study) if study else None)
app.run(headless=True, size=(120, 40))
print(json.dumps(app._frames), flush=True)
"""


def one_run(study: Path | None, env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning the process to each screen's first frame."""
    args = [sys.executable, "-c", CHILD] + ([str(study)] if study else [])
    started = time.time()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"the app failed to start:\n{done.stderr}")
    frames = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: at - started for name, at in frames.items() if at is not None}


def bench_startup(runs: int = 5) -> dict[str, Any]:
    scratch = Path(tempfile.mkdtemp(prefix="guideagent-bench-"))
    env = dict(
        os.environ,
        GUIDEAGENT_DATA_DIR=str(scratch / "data"),
        GUIDEAGENT_CONFIG=str(scratch / "config.toml"),
    )
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GUIDEAGENT_ENGINE"):
        env.pop(var, None)
    from guideagent.workspace import prepare_demo

    study = prepare_demo(scratch / "study")
    try:
        one_run(study, env)  # warm the OS file cache; not counted
        home = [one_run(None, env)["HomeScreen"] for _ in range(runs)]
        with_study = [one_run(study, env) for _ in range(runs)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def summary(times: list[float]) -> dict[str, Any]:
        return {"median": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times]}

    return {
        "runs": runs,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "first_paint": summary(home),
        "first_paint_with_study": summary([r["HomeScreen"] for r in with_study]),
        "study_open": summary([r["StudyScreen"] for r in with_study]),
        "goals": GOALS,
    }


def describe(result: dict[str, Any]) -> list[str]:
    lines = []
    for key, label, goal in (
        ("first_paint", "first paint (guideagent)", GOALS["first_paint"]),
        ("first_paint_with_study", "first paint (guideagent STUDY)", GOALS["first_paint"]),
        ("study_open", "study shown (guideagent STUDY)", GOALS["study_open"]),
    ):
        row = result[key]
        verdict = "ok" if row["median"] <= goal else "over"
        shown = " ".join(f"{t:.3f}" for t in row["runs"])
        lines.append(
            f"{label:>31}: median {row['median']:.3f} s (goal {goal} s, {verdict}; runs {shown})"
        )
    load = ", ".join(f"{x:g}" for x in result["load_average"])
    lines.append(
        f"{'':>31}  {result['runs']} runs each; load average {load} on {os.cpu_count()} CPUs"
    )
    return lines
