"""Time from launching guideagent to its first frame, and to a study shown.

The measurement lives in evals/startup.py (`python -m evals bench --only startup` runs it
with the other benchmarks); this script runs just that part:

    python benchmarks/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.startup import bench_startup, describe  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for line in describe(bench_startup(args.runs)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
