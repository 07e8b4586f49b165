"""A first-time user's keys land where they expect: tab switching never focuses a text
field, undo and redo on guide edits, the usual text keys, and the layout at 80x24."""

from __future__ import annotations

import pytest
from tui_support import (
    SIZE,
    copy_demo,
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
        assert app.focused is screen.query_one("ObjectivesPane")  # the form, not a field
        await pilot.press("tab")  # tab enters the form
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


@pytest.mark.skip(
    reason="flaky on a fresh CI clone: races between lazy panes, autosave and the 1 s disk "
    "check (GuidePane queried mid-rebuild); see the issue 9/11 notes. Undo is covered in "
    "tests/unit/test_workspace_history.py."
)
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


async def test_fast_typing_in_session_minutes_keeps_every_key(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        screen.query_one("#minutes").focus()
        await pilot.press("end", "backspace", "backspace", *"1234567890", *["backspace"] * 7)
        await pilot.press(*"0")
        assert screen.query_one("#minutes").value == "1230"
        await wait_until(pilot, lambda: load_folder(study).study.session_minutes == 1230)


async def test_a_key_right_after_a_tab_number_is_the_new_tabs(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2", "down", "down")
        assert screen.query_one("GuideTree").cursor_data[1] != ""
        await pilot.press("4", "s")  # at once: s starts the synthesis
        await wait_until(pilot, lambda: screen.session.synthesis is not None, timeout=60)
        await settle(pilot, app)


# -- layout ---------------------------------------------------------------------------------
async def test_at_80x24_the_themes_list_shows_five_themes_and_the_title_the_engine(tmp_path):
    from tui_support import write_synthesis

    study = copy_demo(tmp_path / "demo")
    write_synthesis(study, themes=12)
    app = make_app(study)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot, app)
        assert screen.title.endswith("…") and screen.sub_title == "offline engine"
        header = screen.query_one("HeaderTitle")
        assert "offline engine" in str(header.render())
        await pilot.press("4")
        await settle(pilot, app)
        themes = screen.query_one("ThemeList")
        assert themes.option_count == 12
        assert themes.virtual_size.height == 12  # one line a theme
        assert themes.scrollable_content_region.height >= 5
        assert app.focused is themes
        await pilot.press(*["down"] * 11)  # and it scrolls to the last
        await settle(pilot, app)
        assert themes.highlighted == 11 and themes.scroll_offset.y > 0
        heading = str(screen.query_one("#quotes-heading").render())
        assert themes.current.label in heading  # the clipped label, whole beside its quotes


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((254, 166, 43), (224, 224, 224)), 2) == 1.49  # the old light heading


# Headings and muted text, as the app's CSS styles them (app.tcss and widgets' DEFAULT_CSS).
STYLED_TEXT = (
    ".heading",
    ".hint",
    ".editor-title",
    "#home-intro",
    "#no-recent",
    "#guide-empty Static",
    ".toolbar > Static",
    "ObjectiveRow > Label",
    ".viewer-title",
)


@pytest.mark.skip(
    reason="flaky on a fresh CI clone: races between lazy panes, autosave and the 1 s disk "
    "check (GuidePane queried mid-rebuild); see the issue 9/11 notes."
)
async def test_headings_and_muted_text_have_4_5_to_1_contrast_in_both_themes(tmp_path):
    from tui_support import write_synthesis

    study = copy_demo(tmp_path / "demo")
    write_synthesis(study, themes=3)
    app = make_app()
    measured: dict[tuple[str, str], float] = {}

    def measure(theme: str) -> None:
        for selector in STYLED_TEXT:
            for widget in app.screen.query(selector):
                if not widget.region:
                    continue  # not shown
                style = widget.rich_style
                fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
                ratio = contrast(tuple(fg), tuple(bg))
                key = (theme, selector)
                measured[key] = min(ratio, measured.get(key, ratio))

    async with app.run_test(size=SIZE) as pilot:
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await settle(pilot, app)
            measure(theme)  # Home
            app.open_study(study)
            await open_study(pilot, app)
            for key in "12345":
                await pilot.press(key)
                await settle(pilot, app)
                measure(theme)
            await pilot.press("ctrl+o")
            await settle(pilot, app)
    low = {key: round(ratio, 2) for key, ratio in measured.items() if ratio < 4.5}
    assert not low, low
    for theme in ("textual-dark", "textual-light"):
        assert {(theme, ".heading"), (theme, ".hint"), (theme, "#home-intro")} <= set(measured)


# -- launch ---------------------------------------------------------------------------------
async def test_home_says_which_study_it_is_opening_until_it_shows(tmp_path, monkeypatch):
    import threading

    from guideagent.tui.screens.home import HomeScreen
    from guideagent.workspace import Workspace

    study = copy_demo(tmp_path / "demo")
    release = threading.Event()
    real_open = Workspace.open.__func__

    def slow_open(cls, *args, **kwargs):
        release.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Workspace, "open", classmethod(slow_open))
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        opening = app.screen.query_one("#opening")
        await wait_until(pilot, lambda: opening.display)
        assert isinstance(app.screen, HomeScreen)
        assert str(study) in str(opening.render())
        release.set()
        await open_study(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen) and not opening.display
        # a study that fails to open clears it too
        broken = tmp_path / "broken"
        broken.mkdir()
        (broken / "study.toml").write_text("title = \n")
        app.open_study(broken)
        await settle(pilot, app)
        assert not opening.display


async def test_the_embedding_model_loads_in_a_worker_when_synthesis_is_shown(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        pane = screen.query_one("SynthesisPane")
        assert pane._prepared is None  # not before the tab is shown
        await pilot.press("4")
        assert pane._prepared is not None
        await settle(pilot, app)
        assert pane._prepared is True
        assert "transcripts ready" in str(screen.query_one("#synthesis-status").render())
    from guideagent.synthesis.embeddings import get_embedder

    assert get_embedder.cache_info().currsize == 1
