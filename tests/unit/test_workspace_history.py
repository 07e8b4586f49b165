"""Undo and redo of guide changes in the core (guideagent.workspace), for any face."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import guideagent
from guideagent.config import load_settings
from guideagent.store import open_study as load_folder
from guideagent.workspace import Workspace
from guideagent.workspace.history import GuideHistory, GuideState

DEMO = Path(guideagent.__file__).parent / "demo" / "study"


@pytest.fixture
def ws(tmp_path) -> Workspace:
    shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("transcripts"))
    return Workspace.open(tmp_path / "demo", load_settings({"engine": "offline"}))


def test_undo_and_redo_each_kind_of_guide_edit(ws):
    original = ws.guide
    q1 = next(ws.guide.questions()).id
    assert not ws.history.can_undo
    ws.set_question_text(q1, "Tell me about your week.")
    new_id = ws.add_question(q1)
    ws.move_question(new_id, 1)
    ws.add_probe(q1)
    ws.remove_question(new_id)
    after = ws.guide
    for _ in range(5):
        assert ws.undo()
    assert ws.guide == original
    assert not ws.undo()  # nothing left; the guide stays
    assert ws.guide == original
    for _ in range(5):
        assert ws.redo()
    assert ws.guide == after
    assert not ws.redo()


def test_typing_in_one_field_is_one_step(ws):
    q1, q2 = [q.id for q in ws.guide.questions()][:2]
    before = ws.guide.question(q1).text
    for text in ("T", "Te", "Tel", "Tell me"):
        ws.set_question_text(q1, text)
    ws.set_question_text(q2, "Walk me through it.")
    ws.set_question_text(q1, "Tell me more")  # the same field again, after another: a new step
    ws.undo()
    assert ws.guide.question(q1).text == "Tell me"
    ws.undo()
    assert ws.guide.question(q2).text != "Walk me through it."
    ws.undo()
    assert ws.guide.question(q1).text == before


def test_an_applied_rewrite_is_undone_with_its_critique(ws):
    ws.set_question_text("q3", "Do you love how the app checks your budget?")
    flawed = ws.critique
    finding = next(f for f in ws.critique.for_question("q3") if f.rewrite)
    assert ws.apply_rewrite(finding)
    assert ws.guide.question("q3").text == finding.rewrite
    assert ws.undo()
    assert ws.guide.question("q3").text == "Do you love how the app checks your budget?"
    assert ws.critique.for_question("q3") == flawed.for_question("q3")
    assert ws.redo()
    assert ws.guide.question("q3").text == finding.rewrite


def test_a_new_edit_drops_the_redo_steps_and_undo_is_saved_like_an_edit(ws):
    q1 = next(ws.guide.questions()).id
    before = ws.guide.question(q1).text
    ws.set_question_text(q1, "First.")
    ws.undo()
    ws.set_section_title(ws.guide.sections[0].id, "Hello")
    assert not ws.redo()
    ws.undo()
    ws.save_guide()
    assert load_folder(ws.path).guide.question(q1).text == before


def test_the_history_is_bounded():
    history = GuideHistory(limit=3)
    for i in range(10):
        history.record(GuideState(None, None), key=i)
    steps = 0
    while history.undo(GuideState(None, None)) is not None:
        steps += 1
    assert steps == 3
