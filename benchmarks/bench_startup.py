"""Time from launching guideagent to the first interactive screen.

Each run is a fresh Python process (imports included, nothing cached in memory) that
starts the real app headless, at 120x40, and reports the moment the first frame of the
target screen has been drawn; it then quits. Two targets: Home (`guideagent`) and a study
(`guideagent STUDY`, which also reads the guide and five transcripts). Prints each run
and the median; the goal is under one second.

    python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time, json
target = sys.argv[1]
study = sys.argv[2] if len(sys.argv) > 2 else None
from pathlib import Path
from guideagent.config import load_settings
from guideagent.tui.app import GuideAgentApp

class Timed(GuideAgentApp):
    def on_mount(self):
        super().on_mount()
        self._probe = self.set_interval(0.002, self._check)

    def _check(self):
        if type(self.screen).__name__ == target and self.screen.is_mounted:
            self._probe.stop()
            self.call_after_refresh(self._ready)

    def _ready(self):
        self._ready_at = time.time()
        self.exit()

app = Timed(load_settings(), study=Path(study) if study else None)
app.run(headless=True, size=(120, 40))
print(json.dumps({"ready": app._ready_at}), flush=True)
"""


def one_run(target: str, study: Path | None, env: dict[str, str]) -> float:
    args = [sys.executable, "-c", CHILD, target] + ([str(study)] if study else [])
    started = time.time()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise SystemExit(f"the app failed to start:\n{done.stderr}")
    out = done.stdout
    ready = json.loads(out.strip().splitlines()[-1])["ready"]
    return ready - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
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
        for label, target, path in (("home", "HomeScreen", None), ("study", "StudyScreen", study)):
            one_run(target, path, env)  # warm the OS file cache; not counted
            times = [one_run(target, path, env) for _ in range(args.runs)]
            shown = " ".join(f"{t:.3f}" for t in times)
            print(
                f"{label:>5}: median {statistics.median(times):.3f} s over {args.runs} runs ({shown})"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
