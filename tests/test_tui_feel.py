"""A first-time user's keys land where they expect: tab switching never focuses a text
field, undo and redo on guide edits, the usual text keys, and the layout at 80x24."""

from __future__ import annotations

from test_tui_support import (  # noqa: F401  (data_dir registers the fixture)
    SIZE,
    copy_demo,
    data_dir,
    make_app,
    open_study,
    settle,
    wait_until,
)

from guideagent.store import open_study as load_folder


# -- focus ----------------------------------------------------------------------------------
async def test_switching_tabs_never_focuses_a_text_field(tmp_path):
    from textual.widgets import Input, TabbedContent, TextArea

    study = copy_demo(tmp_path / "demo")
    title = load_folder(study).study.title
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        tabs = screen.query_one(TabbedContent)
        for key in "2135412345":
            await pilot.press(key)
            await settle(pilot, app)
            assert not isinstance(app.focused, Input | TextArea), (key, app.focused)
        # the case: 1 then 4 at once; the 4 switches tabs and types nothing
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("1", "4")
        await settle(pilot, app)
        assert tabs.active == "synthesis"
        assert screen.query_one("#title", Input).value == title
        await pilot.press("1")
        await settle(pilot, app)
        await pilot.press("tab")  # tab from the tab bar enters the form
        assert app.focused is screen.query_one("#title", Input)
        await pilot.press("ctrl+s")
    assert load_folder(study).study.title == title


# -- editing --------------------------------------------------------------------------------
async def _guide_at(pilot, app, question_id: str):
    screen = await open_study(pilot, app)
    await pilot.press("2")
    await settle(pilot, app)
    screen.query_one("GuideTree").select_id(question_id)
    await settle(pilot, app)
    return screen


async def test_undo_and_redo_typing_a_probe_and_a_rewrite(tmp_path):
    from guideagent.guide_edits import NEW_PROBE

    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _guide_at(pilot, app, "q3")
        guide = lambda: screen.session.guide  # noqa: E731
        original = guide().question("q3").text
        # typing in the question is one step, undone and redone from inside the editor
        await pilot.press("e", *" Today.")
        await settle(pilot, app)
        assert guide().question("q3").text == original + " Today."
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert guide().question("q3").text == original
        assert screen.query_one("#question-text").text == original
        await pilot.press("ctrl+y")
        await settle(pilot, app)
        assert guide().question("q3").text == original + " Today."
        await pilot.press("ctrl+shift+z")  # nothing more to redo: no change
        await pilot.press("ctrl+z", "escape")
        await settle(pilot, app)
        # a new probe's template is selected, so typing replaces it
        probes = len(guide().question("q3").probes)
        await pilot.press("p")
        await settle(pilot, app)
        await pilot.press(*"What did you do next?")
        await settle(pilot, app)
        assert guide().question("q3").probes[-1].text == "What did you do next?"
        screen.query_one("GuideTree").focus()
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert guide().question("q3").probes[-1].text == NEW_PROBE
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert len(guide().question("q3").probes) == probes
        # an applied rewrite comes back with ctrl+z
        screen.query_one("#question-text").load_text("Do you love how the app checks your budget?")
        await settle(pilot, app)
        await pilot.press("escape", "a")
        await settle(pilot, app)
        rewritten = guide().question("q3").text
        assert rewritten != "Do you love how the app checks your budget?"
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert guide().question("q3").text == "Do you love how the app checks your budget?"
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert guide().question("q3").text == original
        await wait_until(pilot, lambda: load_folder(study).guide.question("q3").text == original)


async def test_ctrl_a_selects_the_whole_question(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _guide_at(pilot, app, "q3")
        await pilot.press("e", "ctrl+a", *"Tell me about a time.")
        await settle(pilot, app)
        assert screen.session.guide.question("q3").text == "Tell me about a time."
        # and a new question's template is selected when its field is focused
        await pilot.press("escape", "n")
        await settle(pilot, app)
        await pilot.press(*"Walk me through it.")
        await settle(pilot, app)
        assert screen.query_one("#question-text").text == "Walk me through it."
