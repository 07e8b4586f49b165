"""`guideagent demo`: the bundled study loads cleanly, `--no-tui` runs the whole flow, and
the study and the app's stylesheet ship in the wheel."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from tui_support import DEMO

from guideagent.cli import main


def test_bundled_study_loads_without_problems():
    from guideagent.ingest.transcripts import load_folder
    from guideagent.store import open_study

    # read a copy: opening a study writes its .last-good files beside it
    with tempfile.TemporaryDirectory() as tmp:
        folder = open_study(shutil.copytree(DEMO, Path(tmp) / "demo"))
        assert folder.study.objectives and folder.guide is not None
        ingested = load_folder(folder.transcripts_dir)
        assert len(ingested.transcripts) == 5 and not ingested.problems
        assert {t.format for t in ingested.transcripts} == {"txt", "md", "vtt", "json", "docx"}


def test_demo_without_the_app_prints_the_report_and_top_themes(tmp_path, capsys):
    target = tmp_path / "demo"
    assert main(["demo", "--no-tui", "--dir", str(target)]) == 0
    out = capsys.readouterr().out
    report = target / "synthesis" / "report.md"
    assert report.is_file() and f"Report: {report}" in out
    assert "Top themes:" in out and " of 5 " in out
    assert (target / "synthesis" / "themes.csv").is_file()
    # a second run reuses the folder (and its cache) instead of refusing it
    assert main(["demo", "--no-tui", "--dir", str(target)]) == 0


def test_demo_refuses_a_folder_that_holds_something_else(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["demo", "--no-tui", "--dir", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err


def test_tui_command_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such study folder" in capsys.readouterr().err


@pytest.mark.slow
def test_wheel_ships_the_demo_study_and_the_stylesheet(wheel_names):
    for path in DEMO.rglob("*"):
        if path.is_file():
            assert f"guideagent/demo/study/{path.relative_to(DEMO).as_posix()}" in wheel_names
    assert "guideagent/tui/app.tcss" in wheel_names
