"""Helpers shared by the app's tests (no tests here)."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from studies import DEMO, copy_demo  # noqa: F401  (re-exported for the app's tests)

SIZE = (120, 40)


def offline_settings(**overrides):
    from guideagent.config import load_settings

    return load_settings({"engine": "offline", **overrides})


def make_app(study: Path | None = None, *, settings=None, engine=None):
    from guideagent.tui.app import GuideAgentApp

    app = GuideAgentApp(
        settings or offline_settings(), study=study, engine=engine, cursor_blink=False
    )
    app.animation_level = "none"
    return app


async def settle(pilot, app) -> None:
    """Let messages flow and every worker finish (but DirectoryTree's loader, which
    runs as long as its tree is open)."""
    from textual.widgets import DirectoryTree
    from textual.worker import WorkerFailed

    await pilot.pause()
    ours = [w for w in app.workers if not isinstance(w.node, DirectoryTree)]
    if ours:
        # A worker that fails is the app's to report (as a notification), not the test's.
        with contextlib.suppress(WorkerFailed):
            await app.workers.wait_for_complete(ours)
    await pilot.pause()
    await pilot.pause()


async def open_study(pilot, app):
    from guideagent.tui.screens.study import StudyScreen

    for _ in range(50):
        await settle(pilot, app)
        if isinstance(app.screen, StudyScreen):
            return app.screen
    raise AssertionError(f"study screen did not open; notifications: {notes(app)}")


def notes(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


THEME_LABELS = (
    "Weekly check-ins happen on Sunday evenings, dragging transactions into categories",
    "The app's numbers drift from the bank balance, and trust goes with them",
    "Couples keep separate budgets and settle shared bills by hand",
    "Categorising a transaction takes several taps",
    "Alerts arrive after the money is already spent",
    "People keep a spreadsheet beside the app as the real record",
    "Savings goals feel abstract without a date",
    "Subscriptions are found months late",
)


def write_synthesis(study: Path, themes: int = 8) -> None:
    """A finished synthesis of five participants in `study`, without running one."""
    from guideagent.schemas.synthesis import CoverageCell, CoverageRow, Quote, Synthesis, Theme

    people = [f"P{i}" for i in range(1, 6)]
    made = [
        Theme(
            id=f"t{k + 1}",
            label=THEME_LABELS[k % len(THEME_LABELS)],
            participant_ids=people[: 5 - k % 4],
            quotes=[
                Quote(
                    transcript_id=p,
                    utterance_id="u2",
                    participant_id=p,
                    text=f"A quote from {p} about theme {k + 1}.",
                )
                for p in people[:2]
            ],
        )
        for k in range(themes)
    ]
    coverage = [
        CoverageRow(
            id=f"o{i}",
            text=f"Objective {i} of the study, stated in a full sentence",
            cells=[
                CoverageCell(participant_id=p, answered=(i + j) % 3 != 0)
                for j, p in enumerate(people)
            ],
        )
        for i in range(1, 5)
    ]
    synthesis = Synthesis(
        title="Pocketwise", participant_ids=people, themes=made, objective_coverage=coverage
    )
    folder = study / "synthesis"
    folder.mkdir(exist_ok=True)
    (folder / "synthesis.json").write_text(synthesis.model_dump_json(indent=2), encoding="utf-8")
