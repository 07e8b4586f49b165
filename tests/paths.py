"""Where things are, for tests in any of the layer folders (unit/, wire/, cli/, tui/)."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent  # the checkout: evals/, prompts/, pyproject.toml
DATA = TESTS / "data"
REALDATA = ROOT.parent / "shared" / "realdata"
