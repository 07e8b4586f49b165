"""The app as a PM drives it, on the offline engine: each screen's main path, autosave,
errors as notifications, and (through the loopback server) a UI that stays responsive
while a slow model call runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes.engine import FakeEngine
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


# -- home ---------------------------------------------------------------------------------
async def test_home_opens_a_recent_study(tmp_path):
    from guideagent.tui import recent
    from guideagent.tui.screens.home import HomeScreen
    from guideagent.tui.screens.study import StudyScreen

    study = copy_demo(tmp_path / "demo")
    recent.remember(study, "Pocketwise")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        screen = await open_study(pilot, app)
        assert isinstance(screen, StudyScreen)
        assert screen.session.study.title.startswith("Pocketwise")


async def test_home_creates_a_study(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        await pilot.press(*"Shared calendars")
        await pilot.press("enter")
        screen = await open_study(pilot, app)
        assert screen.session.study.title == "Shared calendars"
    folder = tmp_path / "shared-calendars"
    assert (folder / "study.toml").is_file()
    from guideagent.tui import recent

    assert recent.load_recent()[0].path == str(folder.resolve())


async def test_home_opens_a_folder_typed_in_the_picker(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        picker = app.screen
        picker.query_one("#picker-path").value = str(study)
        picker.query_one("#picker-path").focus()
        await pilot.press("enter")
        screen = await open_study(pilot, app)
        assert screen.session.path == study


async def test_a_broken_study_is_a_notification_not_a_crash(tmp_path):
    from guideagent.tui.screens.home import HomeScreen

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "study.toml").write_text("title = [unclosed\n")
    app = make_app(broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert any("Study problem" in n and "study.toml" in n for n in notes(app))


# -- objectives & participants -------------------------------------------------------------
def without_plan(study: Path) -> Path:
    """The demo study with no product, audience or participant plan, to fill in."""
    path = study / "study.json"
    data = json.loads(path.read_text())
    data.pop("context")
    data.pop("participants")
    path.write_text(json.dumps(data))
    return study


async def test_objectives_form_autosaves_every_edit(tmp_path):
    study = without_plan(copy_demo(tmp_path / "demo"))
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        pane = screen.query_one("ObjectivesPane")
        pane.query_one("#product").focus()
        await pilot.press(*"Pocketwise")
        await pilot.press("ctrl+n")
        await pilot.press(*"Learn how couples split bills")
        await settle(pilot, app)
        row = list(pane.query("ObjectiveRow"))[-1]
        row.query_one("Select").value = "validate_idea"
        await pilot.press("ctrl+up")  # the new objective moves above o4
        await pilot.press("ctrl+g")
        await pilot.press(*"Couples")
        await pilot.press("ctrl+g")
        await pilot.press(*"Students")
        # the autosave timer fires half a second after the last keystroke, with the app still open
        await wait_until(pilot, lambda: "Students" in (study / "study.json").read_text())
        saved = load_folder(study).study
    assert saved.context.product == "Pocketwise"
    assert [o.id for o in saved.objectives] == ["o1", "o2", "o3", "o5", "o4"]
    assert saved.objectives[3].text == "Learn how couples split bills"
    assert saved.objectives[3].kind.value == "validate_idea"
    assert [s.name for s in saved.participants.segments] == ["Couples", "Students"]


async def test_participant_check_shows_inline_and_clears(tmp_path):
    study = without_plan(copy_demo(tmp_path / "demo"))
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        check = screen.query_one("#plan-check")
        assert "participants not diverse" in str(check.render())
        await pilot.press("ctrl+g")
        await pilot.press(*"Couples")
        await pilot.press("ctrl+g")
        await pilot.press(*"Students")
        screen.query_one("ObjectivesPane").query_one("#diversity").focus()
        await pilot.press(*"tenure")
        await settle(pilot, app)
        assert "participants not diverse" not in str(check.render())


async def test_quitting_mid_edit_loses_nothing(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        screen.query_one("#title").focus()
        await pilot.press("end", *" (round 2)")
        await pilot.press("ctrl+q")  # before the debounce fires
    assert load_folder(study).study.title.endswith("(round 2)")
    # and the reopened app shows it
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        assert screen.query_one("#title").value.endswith("(round 2)")
        # a keystroke whose Changed event is still queued when quit arrives is kept too
        screen.query_one("#product").value = "Pocketwise app"
        screen.query_one("#question-text").load_text("Tell me about your week with money.")
        await app.action_quit()
    assert load_folder(study).study.context.product == "Pocketwise app"
    assert load_folder(study).guide.question("q1").text == "Tell me about your week with money."


# -- guide ----------------------------------------------------------------------------------
async def test_draft_edit_and_apply_a_rewrite(tmp_path):
    study = copy_demo(tmp_path / "demo", guide=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert any("Guide drafted" in n for n in notes(app))
        guide = screen.session.guide
        assert guide is not None and len(list(guide.questions())) >= 8
        # q3 is a main question: make it closed and leading, then apply the critic's rewrite
        screen.query_one("GuideTree").select_id("q3")
        await settle(pilot, app)
        await pilot.press("e")
        editor = screen.query_one("#question-text")
        editor.load_text("Do you love how the app checks your budget?")
        await settle(pilot, app)
        codes = screen.session.critique.codes_for("q3")
        assert {"closed", "leading"} & {c.value for c in codes}
        await pilot.press("escape")
        await pilot.press("a")
        await settle(pilot, app)
        text = screen.session.guide.question("q3").text
        assert text != "Do you love how the app checks your budget?"
        assert not {"closed", "leading"} & {
            c.value for c in screen.session.critique.codes_for("q3")
        }
        await wait_until(pilot, lambda: text in (study / "guide.md").read_text())
    saved = load_folder(study).guide
    assert saved is not None and saved.question("q3").text == text


async def test_probes_reorder_regenerate_and_delete(tmp_path):
    from textual.widgets import Tree

    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        tree = screen.query_one(Tree)
        screen.query_one("GuideTree").select_id("q3")
        await settle(pilot, app)
        before = len(screen.session.guide.question("q3").probes)
        await pilot.press("p")
        await settle(pilot, app)
        await pilot.press("ctrl+a", "ctrl+k", *"What did you do next?")
        await settle(pilot, app)
        probes = screen.session.guide.question("q3").probes
        assert len(probes) == before + 1 and probes[-1].text == "What did you do next?"
        tree.focus()
        screen.query_one("GuideTree").select_id("q3")
        await pilot.press("ctrl+down")
        await settle(pilot, app)
        section = screen.session.guide.section_of("q3")
        assert [q.id for q in section.questions][:2] == ["q4", "q3"]
        screen.query_one("GuideTree").select_id("q4")
        await pilot.press("r")  # the offline bank may give the same wording back; the id stays
        await settle(pilot, app)
        assert any("Regenerated" in n for n in notes(app))
        assert screen.session.guide.question("q4") is not None
        screen.query_one("GuideTree").select_id("q4")
        await pilot.press("delete")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert screen.session.guide.question("q4") is None
        await wait_until(pilot, lambda: "id=q4 " not in (study / "guide.md").read_text())
    saved = load_folder(study).guide
    assert saved.question("q4") is None
    assert saved.question("q3").probes[-1].text == "What did you do next?"
    assert (study / "guide.md").is_file()


async def test_minutes_meter_follows_session_length(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        meter = screen.query_one("MinutesMeter")
        assert meter.limit == 45 and meter.minutes > 0
        minutes = screen.query_one("#minutes")
        minutes.focus()
        await pilot.press("ctrl+a", "ctrl+k", "3", "0")
        await settle(pilot, app)
        assert meter.limit == 30
        assert "over_time" in {f.code.value for f in screen.session.critique.guide_level()}


# -- transcripts -----------------------------------------------------------------------------
async def test_import_a_folder_of_transcripts(tmp_path):
    from textual.widgets import DataTable

    source = copy_demo(tmp_path / "source")
    (source / "transcripts" / "notes.pdf").write_bytes(b"%PDF-1.4 not a transcript")
    study = copy_demo(tmp_path / "demo", transcripts=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        table = screen.query_one(DataTable)
        assert table.row_count == 0
        await pilot.press("i")
        await settle(pilot, app)
        app.screen.query_one("#picker-path").value = str(source / "transcripts")
        app.screen.query_one("#picker-path").focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert table.row_count == 5
        assert table.get_row("P3")[2] == "vtt"
        assert "notes.pdf" in str(screen.query_one("#transcripts-problems").render())
        assert sorted(p.name for p in (study / "transcripts").iterdir()) == [
            "P1.txt",
            "P2.md",
            "P3.vtt",
            "P4.json",
            "P5.docx",
        ]
        # importing again skips what the study already has
        await (
            screen.query_one("TranscriptsPane")
            .import_paths([source / "transcripts" / "P1.txt"])
            .wait()
        )
        await settle(pilot, app)
        assert table.row_count == 5
        assert "already has interview 'P1'" in str(
            screen.query_one("#transcripts-problems").render()
        )


# -- synthesis -------------------------------------------------------------------------------
async def test_synthesize_then_open_a_quote_in_its_transcript(tmp_path):
    from textual.widgets import ListView, TabbedContent

    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        synthesis = screen.session.synthesis
        assert synthesis is not None and synthesis.themes
        themes = screen.query_one("ThemeList")
        first = themes.current
        assert len(first.participant_ids) == max(len(t.participant_ids) for t in synthesis.themes)
        assert (study / "synthesis" / "report.md").is_file()
        coverage = screen.query_one("#coverage")
        assert coverage.row_count == len(screen.session.study.objectives)
        await pilot.press("enter")  # into the theme's quotes
        await settle(pilot, app)
        quotes = screen.query_one("#quotes", ListView)
        assert app.focused is quotes
        quote = quotes.highlighted_child.quote
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen.query_one(TabbedContent).active == "transcripts"
        viewer = screen.query_one("TranscriptViewer")
        assert viewer.transcript_id == quote.transcript_id
        utterances = viewer.query_one(ListView)
        assert utterances.highlighted_child.utterance.id == quote.utterance_id
        assert utterances.highlighted_child.has_class("quoted")
        assert app.focused is utterances


async def test_cancel_keeps_finished_interviews_and_resume_uses_them(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    engine = FakeEngine(delay=0.4)
    app = make_app(study, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        rows = lambda: [r for r in screen.query("InterviewProgress")]  # noqa: E731
        await wait_until(pilot, lambda: sum(r.status == "done" for r in rows()) >= 2)
        await pilot.press("x")
        await settle(pilot, app)
        assert any("Synthesis cancelled" in n for n in notes(app))
        assert screen.session.synthesis is None
        cached = list((study / "synthesis" / "cache").glob("*.json"))
        assert 2 <= len(cached) < 5
        app.clear_notifications()
        engine.delay = 0.0
        await pilot.press("s")
        await settle(pilot, app)
        assert screen.session.synthesis is not None
        assert any("from cache" in n for n in notes(app))


async def test_a_failed_interview_is_a_notification_and_the_others_stay_cached(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    engine = FakeEngine(fail_on=3)
    app = make_app(study, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        assert any("injected failure on interview 3" in n for n in notes(app))
        assert any("2 of 5 interviews are saved" in n for n in notes(app))
        statuses = {r.status for r in screen.query("InterviewProgress")}
        assert "failed" in statuses
        assert screen.session.synthesis is None
        assert len(list((study / "synthesis" / "cache").glob("*.json"))) == 2


async def test_exports(tmp_path):
    study = copy_demo(tmp_path / "demo", synthesis=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("w")  # the guide needs no synthesis
        await settle(pilot, app)
        assert (study / "exports" / "guide.docx").is_file()
        await pilot.press("v")
        await settle(pilot, app)
        assert any("Run the synthesis first" in n for n in notes(app))
        await pilot.press("s")
        await settle(pilot, app)
        await pilot.press("v", "m")
        await settle(pilot, app)
        assert (study / "exports" / "themes.csv").is_file()
        assert (study / "synthesis" / "report.md").is_file()


# -- settings, palette, theme ------------------------------------------------------------------
async def test_settings_save_writes_toml_without_the_key(tmp_path, isolated_config, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-do-not-write")
    from guideagent.config import load_settings

    study = copy_demo(tmp_path / "demo")
    app = make_app(study, settings=load_settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("5")
        await settle(pilot, app)
        assert "present" in str(screen.query_one("#key-state").render())
        screen.query_one("#model").value = "llama3.1"
        screen.query_one("#concurrency").value = "2"
        screen.query_one("#engine").value = "offline"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    text = isolated_config.read_text()
    assert 'model = "llama3.1"' in text and "concurrency = 2" in text
    assert "sk-secret" not in text
    assert app.settings.model == "llama3.1"


async def test_test_connection_lists_models_and_reports_errors(tmp_path, fake_openai):
    from tui_support import offline_settings

    study = copy_demo(tmp_path / "demo")
    app = make_app(study, settings=offline_settings(api_key=fake_openai.api_key))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("5")
        await settle(pilot, app)
        screen.query_one("#base_url").value = fake_openai.base_url
        await pilot.press("ctrl+e")
        await settle(pilot, app)
        status = str(screen.query_one("#connection").render())
        assert "Connected" in status
        screen.query_one("#base_url").value = "http://127.0.0.1:9/v1"
        await pilot.press("ctrl+e")
        await settle(pilot, app)
        assert "Could not reach" in str(screen.query_one("#connection").render())
        assert any("Provider error" in n for n in notes(app))


async def test_palette_offers_the_main_actions(tmp_path):
    from textual.command import CommandList, CommandPalette

    study = copy_demo(tmp_path / "demo", guide=False)
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"draft the guide")
        palette = app.screen
        results = palette.query_one(CommandList)

        def searched() -> bool:
            searching = any(w.node is palette and not w.is_finished for w in app.workers)
            return not searching and results.option_count > 0

        await wait_until(pilot, searched)
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert screen.session.guide is not None


async def test_theme_toggles_between_light_and_dark():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_every_tab_is_reachable_by_keyboard(tmp_path):
    from textual.widgets import TabbedContent

    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        tabs = screen.query_one(TabbedContent)
        for key, tab in zip(
            "23451", ("guide", "transcripts", "synthesis", "settings", "objectives"), strict=True
        ):
            await pilot.press("escape")
            app.set_focus(None)
            await pilot.press(key)
            await settle(pilot, app)
            assert tabs.active == tab
            assert app.focused is not None
        # digits typed into a field stay in the field
        screen.query_one("#minutes").focus()
        await pilot.press("end", "0")
        assert tabs.active == "objectives"
        assert screen.query_one("#minutes").value == "450"
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "HomeScreen"


# -- the LLM engine, through the loopback server -------------------------------------------------
DRAFT = {
    "plan": "one section per objective",
    "title": "Budget check-ins",
    "intro": ["Confirm consent to record."],
    "sections": [
        {
            "title": "Warm-up",
            "kind": "warm_up",
            "questions": [{"text": "Tell me a bit about your role.", "minutes": 2}],
        },
        {
            "title": "Checking the budget",
            "kind": "main",
            "objective_ids": ["o1"],
            "questions": [
                {
                    "text": "Tell me about the last time you checked your budget.",
                    "probes": ["What happened next?"],
                    "objective_ids": ["o1"],
                    "minutes": 6,
                }
            ],
        },
        {
            "title": "Wrap-up",
            "kind": "wrap_up",
            "questions": [{"text": "What else should we have asked?", "minutes": 2}],
        },
    ],
}


async def test_ui_stays_responsive_while_the_model_thinks(tmp_path, fake_openai, llm_settings):
    from fakes import Held, Reply

    settings = llm_settings.model_copy(update={"revise_rounds": 0, "timeout": 30.0})
    draft = Held(Reply(DRAFT))
    fake_openai.push(draft, Reply({"findings": []}))
    study = without_plan(copy_demo(tmp_path / "demo", guide=False))
    app = make_app(study, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        assert screen.sub_title == "llm engine"
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("d")
        await pilot.pause()
        pane = screen.query_one("GuidePane")
        assert pane.busy  # the draft worker is waiting on the model
        await pilot.press("1")
        screen.query_one("#audience").focus()
        await pilot.press(*"couples")
        assert screen.query_one("#audience").value == "couples"
        assert pane.busy  # typing went on while the model was still thinking
        draft.release()
        await settle(pilot, app)
        assert not pane.busy
        assert screen.session.guide.title == "Budget check-ins"
        assert screen.session.study.context.audience == "couples"
    assert len(fake_openai.chat_requests) == 2


async def test_a_provider_failure_is_a_notification_that_says_what_to_do(
    tmp_path, fake_openai, llm_settings
):
    from fakes import Fault

    fake_openai.push(Fault(401))
    study = copy_demo(tmp_path / "demo", guide=False)
    app = make_app(study, settings=llm_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert any("Provider error" in n and "OPENAI_API_KEY" in n for n in notes(app))
        assert not screen.query_one("GuidePane").busy
        assert screen.session.guide is None


def test_instructor_errors_are_silenced_in_the_app():
    import logging

    app = make_app()

    async def run():
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert logging.getLogger("instructor").getEffectiveLevel() > logging.ERROR

    import asyncio

    asyncio.run(run())


def test_recent_list_is_small_and_survives_a_broken_file(tmp_path):
    from guideagent.tui import recent

    path = tmp_path / "recent.json"
    for i in range(15):
        recent.remember(tmp_path / f"s{i}", f"S{i}", path)
    items = recent.load_recent(path)
    assert len(items) == recent.LIMIT and items[0].title == "S14"
    recent.remember(tmp_path / "s3", "S3 again", path)
    assert recent.load_recent(path)[0].title == "S3 again"
    assert len({r.path for r in recent.load_recent(path)}) == recent.LIMIT
    path.write_text("{not json")
    assert recent.load_recent(path) == []
    assert json.loads(json.dumps([1])) == [1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_study_screen_fits_small_and_large_terminals(tmp_path, size):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=size) as pilot:
        screen = await open_study(pilot, app)
        for key in "12345":
            await pilot.press(key)
            await settle(pilot, app)
        assert screen.query_one("Footer").region.bottom == size[1]


async def test_llm_revisions_show_beside_the_question(tmp_path, fake_openai, llm_settings):
    import copy

    from fakes import Reply

    draft = copy.deepcopy(DRAFT)
    draft["sections"][1]["questions"][0]["text"] = "Do you check your budget every week?"
    fake_openai.push(
        Reply(draft),
        Reply({"findings": []}),
        Reply(
            {
                "rewrites": [
                    {
                        "reasoning": "closed",
                        "question_id": "q2",
                        "text": "Tell me about the last time you checked your budget.",
                    }
                ]
            }
        ),
        Reply({"findings": []}),
    )
    settings = llm_settings.model_copy(update={"revise_rounds": 1, "timeout": 10.0})
    study = without_plan(copy_demo(tmp_path / "demo", guide=False))
    app = make_app(study, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert any("1 rewrites" in n or "led to 1" in n for n in notes(app))
        screen.query_one("GuideTree").select_id("q2")
        await settle(pilot, app)
        revision = str(screen.query_one("#revision").render())
        assert (
            "Revised (round 1)" in revision and "Do you check your budget every week?" in revision
        )


async def test_llm_synthesis_asks_before_sending(tmp_path, fake_openai, llm_settings):
    from guideagent.tui.screens.confirm import ConfirmScreen

    study = copy_demo(tmp_path / "demo")
    app = make_app(study, settings=llm_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        body = str(app.screen.query_one("#confirm-body").render())
        assert "5 interview(s) to process" in body and "token" in body
        await pilot.press("n")
        await settle(pilot, app)
        assert app.screen is screen
    assert fake_openai.chat_requests == []


async def test_regenerate_a_whole_section(tmp_path):
    study = copy_demo(tmp_path / "demo")
    app = make_app(study)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        screen.query_one("GuideTree").select_id("s3")
        await settle(pilot, app)
        before = [q.id for q in screen.session.guide.sections[2].questions]
        await pilot.press("r")
        await settle(pilot, app)
        assert any("s3 was redrafted" in n for n in notes(app))
        assert screen.session.guide.sections[2].questions
        assert [s.id for s in screen.session.guide.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
        assert before
