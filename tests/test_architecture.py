"""The core never imports Textual (only guideagent.tui does), and importing is cheap."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import guideagent

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(guideagent.__path__, "guideagent.")
    if not m.name.startswith("guideagent.tui")
)


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_import_defers_heavy_libraries():
    code = (
        "import sys, guideagent.cli, guideagent.factory\n"
        "heavy = [m for m in ('openai', 'instructor', 'onnxruntime', 'textual') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
