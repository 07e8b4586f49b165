"""The core of "the app never loses an edit" (issue 11): changes made on disk by others,
the per-study lock, and a cancel honoured between steps. No UI here (see test_tui_watch.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
from fakes.engine import FakeEngine, SlowThemesEngine
from studies import copy_demo, set_minutes, toml_demo

from guideagent.synthesis import cancel as cancelling
from guideagent.synthesis.pipeline import SynthesisCancelled
from guideagent.workspace import Workspace
from guideagent.workspace.lock import HOLDER_NAME, StudyBusy, StudyLock, read_holder


def open_demo(tmp_path, engine=None) -> Workspace:
    return Workspace.open(toml_demo(tmp_path / "demo"), engine=engine or FakeEngine())


# -- changes on disk ------------------------------------------------------------------------
def test_a_hand_edit_with_no_unsaved_edit_is_reloaded(tmp_path):
    ws = open_demo(tmp_path)
    assert ws.reconcile().changed is False
    guide = ws.guide_path
    guide.write_text(
        guide.read_text() + "\n- What did you try last time it went wrong?\n", encoding="utf-8"
    )
    set_minutes(ws.path / "study.toml", 50)
    result = ws.reconcile()
    assert sorted(result.reloaded) == ["guide", "study"] and not result.conflicts
    assert ws.study.session_minutes == 50
    assert any("What did you try last time" in q.text for q in ws.guide.questions())
    assert "reloaded" in result.describe()
    assert ws.reconcile().changed is False  # seen once


def test_a_hand_edit_meeting_an_unsaved_edit_is_a_conflict_and_nothing_is_lost(tmp_path):
    ws = open_demo(tmp_path)
    first = next(ws.guide.questions())
    ws.set_question_text(first.id, "Walk me through your last week at work.")
    disk = ws.guide_path.read_text() + "\n- A question added by hand?\n"
    ws.guide_path.write_text(disk, encoding="utf-8")
    result = ws.reconcile({"guide"})
    assert result.conflicts == ["guide"] and not result.reloaded
    assert ws.guide_path.read_text() == disk  # untouched until the user chooses
    diff = ws.see_both("guide")
    assert "+" in diff and "Walk me through your last week" in diff
    kept = ws.take_theirs("guide")
    assert "Walk me through your last week" in kept.read_text()  # mine, beside the file
    assert any("added by hand" in q.text for q in ws.guide.questions())


def test_keep_mine_keeps_the_files_version_beside(tmp_path):
    ws = open_demo(tmp_path)
    ws.set_study(ws.study.model_copy(update={"title": "Mine"}))
    toml = ws.path / "study.toml"
    theirs = set_minutes(toml, 60)
    assert ws.reconcile({"study"}).conflicts == ["study"]
    kept = ws.keep_mine("study")
    assert kept is not None and kept.read_text() == theirs
    assert 'title = "Mine"' in toml.read_text()
    assert ws.reconcile().changed is False


def test_a_broken_hand_edit_is_reported_once_and_the_study_kept(tmp_path):
    ws = open_demo(tmp_path)
    before = ws.study
    (ws.path / "study.toml").write_text("title = [unclosed\n", encoding="utf-8")
    result = ws.reconcile()
    assert result.error is not None and "study.toml" in str(result.error.path)
    assert ws.study == before
    assert ws.reconcile().changed is False


def test_transcripts_copied_in_are_seen_and_not_skipped_wrongly(tmp_path):
    source = copy_demo(tmp_path / "source")
    folder = copy_demo(tmp_path / "demo", transcripts=False)
    ws = Workspace.open(folder, engine=FakeEngine())
    assert ws.transcripts == []
    (ws.transcripts_dir / "P1.txt").write_bytes((source / "transcripts" / "P1.txt").read_bytes())
    result = ws.reconcile()
    assert result.transcripts and [t.id for t in ws.transcripts] == ["P1"]
    report = ws.import_transcripts([source / "transcripts"])
    assert sorted(t.id for t in report.added) == ["P2", "P3", "P4", "P5"]
    assert [p.message for p in report.skipped] == ["the study already has interview 'P1'; skipped"]
    assert sorted(t.id for t in ws.transcripts) == ["P1", "P2", "P3", "P4", "P5"]


def test_an_unchanged_check_costs_stats_not_reads(tmp_path):
    ws = open_demo(tmp_path)
    start = time.perf_counter()
    for _ in range(200):
        ws.reconcile()
    per_check = (time.perf_counter() - start) / 200
    assert per_check < 0.01  # measured about 0.1 ms: a 1 s timer costs nothing


# -- the lock -------------------------------------------------------------------------------
def test_the_lock_names_its_holder_and_a_second_synthesis_is_refused(tmp_path):
    ws = open_demo(tmp_path)
    with StudyLock(ws.path, "synthesize"):
        holder = read_holder(ws.path)
        assert holder is not None and holder.pid == os.getpid()
        with pytest.raises(StudyBusy) as refused:
            ws.synthesize()
        assert f"pid {os.getpid()}" in refused.value.message
        assert "cannot synthesize" in refused.value.message
    assert not (ws.path / HOLDER_NAME).exists()
    assert ws.synthesize().synthesis.themes  # free again


def test_a_second_run_may_wait_for_the_lock(tmp_path):
    ws = open_demo(tmp_path)
    lock = StudyLock(ws.path, "synthesize").acquire()
    threading.Timer(0.3, lock.release).start()
    assert ws.synthesize(lock_wait=10).synthesis.themes


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    ws = open_demo(tmp_path)
    script = (
        "import sys, os; from guideagent.workspace.lock import StudyLock; "
        "StudyLock(sys.argv[1], 'synthesize').acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(ws.path)], check=True)
    dead = read_holder(ws.path)
    assert dead is not None and not dead.alive()
    lock = StudyLock(ws.path, "synthesize").acquire()
    assert lock.taken_over == dead
    assert json.loads((ws.path / HOLDER_NAME).read_text())["pid"] == os.getpid()
    lock.release()


# -- cancel -----------------------------------------------------------------------------------
def test_cancel_during_themes_is_honoured_and_keeps_every_interview(tmp_path):
    engine = SlowThemesEngine()
    ws = open_demo(tmp_path, engine)
    stop = threading.Event()
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            ws.synthesize(cancel=stop)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    assert engine.themes_started.wait(20)
    stop.set()
    worker.join(5)  # generous; the themes step would otherwise run for 30 s
    assert not worker.is_alive()
    assert isinstance(outcome.get("error"), SynthesisCancelled)
    assert engine.themes_cancelled.wait(2)  # the step itself stopped, not just abandoned
    assert len(list(ws.cache_dir.glob("*.json"))) == len(ws.transcripts)
    assert read_holder(ws.path) is None  # the lock went with the run


def test_the_offline_themes_step_checks_cancel_between_stages(tmp_path):
    from guideagent.synthesis.themes import build_synthesis

    ws = Workspace.open(copy_demo(tmp_path / "demo", synthesis=False))
    notes = [ws.engine.extract_notes(t, ws.study, ws.guide) for t in ws.transcripts[:2]]
    stop = threading.Event()
    stop.set()
    with cancelling.cancellable(stop), pytest.raises(cancelling.Cancelled):
        build_synthesis(notes, ws.study)


def test_the_cli_refuses_a_second_synthesis_before_asking_anything(tmp_path, capsys):
    from guideagent.cli import main

    ws = open_demo(tmp_path)
    with StudyLock(ws.path, "synthesize"):
        assert main(["synthesize", str(ws.path), "--engine", "offline"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Study busy: cannot synthesize") and f"pid {os.getpid()}" in err
    assert not ws.cache_dir.exists() or not list(ws.cache_dir.glob("*.json"))
