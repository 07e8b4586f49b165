"""SVG snapshots of every screen and tab at 120x40, deterministic: a fixed config path and
recent list, notifications cleared, workers waited for. Regenerate with
`pytest tests/tui/test_tui_snapshots.py --snapshot-update` (on one Python) after a deliberate
change, and look at the diff report before committing."""

from __future__ import annotations

import json

import pytest
from tui_support import SIZE, copy_demo, make_app, open_study, settle


@pytest.fixture(autouse=True)
def fixed_paths(monkeypatch, data_dir):
    # Shown on the settings tab: a fixed path, not a temp one.
    monkeypatch.setenv("GUIDEAGENT_CONFIG", "/nonexistent/guideagent/config.toml")


@pytest.fixture
def demo(tmp_path):
    return copy_demo(tmp_path / "demo")


def tab(key: str, *then: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await open_study(pilot, app)
        await pilot.press(key, *then)
        await settle(pilot, app)
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_home(snap_compare, data_dir):
    recent = [
        {"path": "/home/pm/studies/pocketwise", "title": "Pocketwise budgeting app"},
        {"path": "/home/pm/studies/shift-handoff", "title": "Nurse shift handoff"},
    ]
    (data_dir / "recent.json").write_text(json.dumps(recent))
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_new_study_dialog(snap_compare):
    async def run_before(pilot) -> None:
        await settle(pilot, pilot.app)
        await pilot.press("n")
        await settle(pilot, pilot.app)
        await pilot.press(*"Shared calendars")
        pilot.app.screen.query_one("#new-path").value = "~/studies/shared-calendars"
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_objectives_tab(snap_compare, demo):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=tab("1"))


def test_guide_tab(snap_compare, demo):
    assert snap_compare(
        make_app(demo), terminal_size=SIZE, run_before=tab("2", "down", "down", "down")
    )


def test_guide_tab_with_findings(snap_compare, demo):
    async def run_before(pilot) -> None:
        app = pilot.app
        screen = await open_study(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        screen.query_one("GuideTree").select_id("q3")
        await settle(pilot, app)
        screen.query_one("#question-text").load_text(
            "Do you love how the app checks your budget and your savings?"
        )
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)

    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run_before)


def test_transcripts_tab(snap_compare, demo):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=tab("3", "down", "down"))


def fixed_synthesis():
    """A hand-made synthesis, so this snapshot shows the tab, not the engine of the day."""
    from guideagent.schemas.synthesis import CoverageCell, CoverageRow, Quote, Synthesis, Theme

    people = ["P1", "P2", "P3", "P4", "P5"]

    def quote(pid: str, uid: str, text: str, start: float | None = None) -> Quote:
        return Quote(
            transcript_id=pid, utterance_id=uid, participant_id=pid, text=text, start=start
        )

    themes = [
        Theme(
            id="t1",
            label="Balances lag behind the bank, so people stop trusting them",
            participant_ids=["P1", "P2", "P3", "P5"],
            quotes=[
                quote("P1", "u30", "So it was showing me money that wasn't really there anymore."),
                quote(
                    "P3",
                    "u20",
                    "I always open my actual bank app afterwards just to be sure",
                    160.0,
                ),
            ],
        ),
        Theme(
            id="t2",
            label="Over-budget alerts feel like scolding",
            participant_ids=["P1", "P4"],
            quotes=[
                quote(
                    "P1",
                    "u36",
                    "It feels like it's scolding me for something I'd already decided was fine.",
                )
            ],
        ),
    ]
    coverage = [
        CoverageRow(
            id=f"o{i}",
            text=text,
            cells=[CoverageCell(participant_id=p, answered=p not in gaps) for p in people],
        )
        for i, (text, gaps) in enumerate(
            [
                ("Understand how people check week to week whether they are on track.", set()),
                ("Learn what makes people trust or distrust the balances.", {"P4"}),
                ("Validate whether couples would use a shared budget.", {"P1", "P2", "P5"}),
            ],
            1,
        )
    ]
    signals = [Theme(id="s1", label="Wants a classroom budget category", participant_ids=["P1"])]
    return Synthesis(
        title="Pocketwise",
        participant_ids=people,
        themes=themes,
        signals=signals,
        objective_coverage=coverage,
    )


def test_synthesis_tab(snap_compare, demo):
    (demo / "synthesis").mkdir(exist_ok=True)
    (demo / "synthesis" / "synthesis.json").write_text(fixed_synthesis().model_dump_json())
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=tab("4"))


def test_settings_tab(snap_compare, demo):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=tab("5"))


def test_light_theme(snap_compare, demo):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=tab("2", "ctrl+t"))


def test_small_terminal(snap_compare, demo):
    async def run_before(pilot) -> None:
        await tab("2")(pilot)

    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=run_before)


def test_small_terminal_synthesis(snap_compare, demo):
    """At 80x24 the themes list shows at least five themes, one line each, and scrolls."""
    from tui_support import write_synthesis

    write_synthesis(demo, themes=9)
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=tab("4", "down"))


def test_small_terminal_synthesis_light(snap_compare, demo):
    from tui_support import write_synthesis

    write_synthesis(demo, themes=9)
    assert snap_compare(
        make_app(demo), terminal_size=(80, 24), run_before=tab("4", "down", "ctrl+t")
    )
