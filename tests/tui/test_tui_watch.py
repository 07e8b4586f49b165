"""The app never loses an edit (issue 11): hand edits and CLI runs while the app is open,
transcripts copied in, a typed import path, the study lock, and stopping within a second.
Waits are on conditions (`wait_until`), never on the machine's speed."""

from __future__ import annotations

import asyncio
import time

from fakes.engine import FakeEngine, SlowThemesEngine
from studies import set_minutes, toml_demo
from tui_support import (
    SIZE,
    copy_demo,
    make_app,
    notes,
    open_study,
    settle,
    wait_until,
)

from guideagent.store import open_study as load_folder
from guideagent.workspace.lock import StudyLock

HAND_QUESTION = "What did you try the last time it went wrong?"


def add_question_by_hand(study) -> None:
    guide = study / "guide.md"
    guide.write_text(guide.read_text() + f"\n- {HAND_QUESTION}\n", encoding="utf-8")


def tree_labels(node):
    yield str(node.label)
    for child in node.children:
        yield from tree_labels(child)


def questions(session) -> list[str]:
    return [q.text for q in session.guide.questions()]


async def test_hand_edits_with_no_unsaved_edit_reload_with_a_notice(tmp_path):
    study = toml_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        add_question_by_hand(study)
        set_minutes(study / "study.toml", 50)
        await wait_until(pilot, lambda: HAND_QUESTION in questions(screen.session))
        await wait_until(pilot, lambda: screen.session.study.session_minutes == 50)
        await wait_until(pilot, lambda: any("changed on disk" in n for n in notes(app)))
        await settle(pilot, app)
        assert screen.query_one("#minutes").value == "50"  # the form shows the file's value
        tree = screen.query_one("GuideTree")
        assert any(HAND_QUESTION in label for label in tree_labels(tree.root))
        await pilot.press("ctrl+s")  # saving now writes nothing over the hand edits
        await settle(pilot, app)
    assert HAND_QUESTION in (study / "guide.md").read_text()
    assert "session_minutes = 50" in (study / "study.toml").read_text()
    assert not list(study.glob("*.edited-*"))


async def test_a_hand_edit_meeting_an_unsaved_edit_asks_and_keeps_both(tmp_path, monkeypatch):
    from guideagent.tui.screens import study as study_screen
    from guideagent.tui.screens.conflict import ConflictScreen

    monkeypatch.setattr(study_screen, "AUTOSAVE_DELAY", 600)  # the app's edit stays unsaved
    study = toml_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        screen.query_one("#title").value = "My unsaved title"
        await settle(pilot, app)
        theirs = set_minutes(study / "study.toml", 55)
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert (study / "study.toml").read_text() == theirs  # nothing written over it
        await pilot.press("b")  # see both
        await settle(pilot, app)
        diff = str(app.screen.query_one("#conflict-diff").render())
        assert "My unsaved title" in diff
        await pilot.press("t")  # take the file's
        await wait_until(pilot, lambda: screen.session.study.session_minutes == 55)
        await settle(pilot, app)
        assert screen.query_one("#title").value != "My unsaved title"
        mine = list(study.glob("study.toml.mine-*"))
        assert len(mine) == 1 and "My unsaved title" in mine[0].read_text()
        assert any("Your version is kept as" in n for n in notes(app))


async def test_keep_mine_writes_mine_and_keeps_the_files_version(tmp_path, monkeypatch):
    from guideagent.tui.screens import study as study_screen
    from guideagent.tui.screens.conflict import ConflictScreen

    monkeypatch.setattr(study_screen, "AUTOSAVE_DELAY", 600)
    study = toml_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        screen.query_one("#title").value = "Mine wins"
        await settle(pilot, app)
        theirs = set_minutes(study / "study.toml", 55)
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("m")
        await wait_until(pilot, lambda: 'title = "Mine wins"' in (study / "study.toml").read_text())
    edited = list(study.glob("study.toml.edited-*"))
    assert len(edited) == 1 and edited[0].read_text() == theirs


async def test_a_cli_draft_force_while_the_app_is_open_is_taken(tmp_path):
    from guideagent.cli import main

    study = copy_demo(tmp_path / "demo", synthesis=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        before = questions(screen.session)
        code = await asyncio.to_thread(
            main, ["draft", str(study), "--force", "--engine", "offline"]
        )
        assert code == 0
        drafted = [q.text for q in load_folder(study).guide.questions()]
        assert drafted != before
        await wait_until(pilot, lambda: questions(screen.session) == drafted)
        await wait_until(pilot, lambda: any("guide.md changed on disk" in n for n in notes(app)))
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert [q.text for q in load_folder(study).guide.questions()] == drafted


async def test_transcripts_copied_in_appear_and_import_does_not_skip_wrongly(tmp_path):
    from textual.widgets import DataTable

    source = copy_demo(tmp_path / "source")
    study = copy_demo(tmp_path / "demo", transcripts=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        assert screen.query_one(DataTable).row_count == 0
        for name in ("P1.txt", "P2.md"):
            (study / "transcripts" / name).write_bytes((source / "transcripts" / name).read_bytes())
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 2)
        await screen.query_one("TranscriptsPane").import_paths([source / "transcripts"]).wait()
        await settle(pilot, app)
        assert screen.query_one(DataTable).row_count == 5
        problems = str(screen.query_one("#transcripts-problems").render())
        assert "already has interview 'P1'" in problems
        assert "P3" not in problems


async def test_the_import_dialog_takes_a_typed_path(tmp_path):
    from textual.widgets import DataTable, Input

    source = copy_demo(tmp_path / "source")
    study = copy_demo(tmp_path / "demo", transcripts=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        field = app.screen.query_one("#picker-path", Input)
        assert app.focused is field  # the path field first
        await pilot.press("ctrl+a")
        typed = str(source / "transcripts" / "P1.txt")
        field.value = ""
        await pilot.press(*typed)
        assert field.value == typed
        app.screen.query_one("FolderTree").focus()
        await pilot.press("ctrl+u")  # the tree goes up; the typed path stays
        await settle(pilot, app)
        assert field.value == typed
        field.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.query_one(DataTable).row_count == 1


async def test_a_second_synthesis_is_refused_while_another_holds_the_study(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    app = make_app(study, engine=FakeEngine())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        with StudyLock(study, "synthesize"):
            await pilot.press("s")
            await settle(pilot, app)
            assert any(n.startswith("Study busy") and "pid" in n for n in notes(app))
            assert screen.session.synthesis is None
        await pilot.press("s")  # free again
        await settle(pilot, app)
        assert screen.session.synthesis is not None


async def test_cancel_during_themes_keeps_every_interview_and_returns_at_once(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    engine = SlowThemesEngine()
    app = make_app(study, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        await wait_until(pilot, engine.themes_started.is_set)
        await pilot.press("x")
        # The themes step would run 30 s: these hold only if the cancel was honoured.
        await wait_until(pilot, lambda: any("Synthesis cancelled" in n for n in notes(app)))
        assert engine.themes_cancelled.is_set()
        cached = list((study / "synthesis" / "cache").glob("*.json"))
        assert len(cached) == len(screen.session.transcripts)
        assert any(f"{len(cached)} of {len(cached)} interviews" in n for n in notes(app))


async def test_quit_during_a_synthesis_does_not_wait_for_it(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    engine = SlowThemesEngine()
    app = make_app(study, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        await wait_until(pilot, engine.themes_started.is_set)
        started = time.monotonic()
        await pilot.press("ctrl+q")
    assert time.monotonic() - started < 10  # generous: the themes step alone runs 30 s
    assert engine.themes_cancelled.wait(5)  # and it was told to stop, not left running
