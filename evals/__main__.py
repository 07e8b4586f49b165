"""`python -m evals SUITE …`: each suite lives in its own module with `main(argv) -> int`."""

from __future__ import annotations

import importlib
import sys

SUITES = {
    "critique": "evals.critique_suite",
    "synthesis": "evals.synthesis_suite",
    "drafting": "evals.drafting_suite",
    "all": "evals.scoreboard",
    "bench": "evals.bench",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in SUITES:
        print(f"usage: python -m evals {{{','.join(SUITES)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(SUITES[argv[0]])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
