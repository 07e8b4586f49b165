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
