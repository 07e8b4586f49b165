"""The app: settings, which study is open, and the one place errors surface.

Screens and panes do the rest. Workers only call the core and post messages; failures
of any worker arrive in `on_worker_state_changed` and become notifications.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from guideagent.config import Settings
from guideagent.errors import GuideAgentError
from guideagent.tui import recent
from guideagent.tui.commands import GuideAgentCommands
from guideagent.tui.messages import StudyOpened, StudyOpening, WorkEnded
from guideagent.tui.screens.home import HomeScreen
from guideagent.tui.workers import CoreWorkers

if TYPE_CHECKING:
    from guideagent.engines.base import Engine

DARK, LIGHT = "textual-dark", "textual-light"


class GuideAgentApp(CoreWorkers, App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "guideagent"
    COMMANDS = App.COMMANDS | {GuideAgentCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        study: Path | None = None,
        engine: Engine | None = None,
        recent_path: Path | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.settings = settings
        self.start_study = study
        self.recent_path = recent_path
        self._engine = engine  # given at start (the demo's offline engine), or None
        self._reply_to: dict[Any, MessagePump] = {}

    def use_settings(self, settings: Settings) -> None:
        """New settings take effect for studies opened from now on; the open study's
        workspace is told by its screen."""
        self.settings = settings

    # -- lifecycle ------------------------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A steady cursor for people who ask for no animation, and for screenshots that
        # must not depend on when the blink timer last fired.
        if not self.cursor_blink or self.animation_level == "none":
            widget = event.widget
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False

    def on_mount(self) -> None:
        # instructor logs every failed attempt at ERROR; the app reports failures itself.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
        self.push_screen(HomeScreen())
        if self.start_study is not None:
            self.open_study(self.start_study)

    def _home(self) -> HomeScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    @on(StudyOpening)
    def _study_opening(self, event: StudyOpening) -> None:
        home = self._home()
        if home is not None:
            home.opening(event.path)

    @on(StudyOpened)
    async def show_study(self, event: StudyOpened) -> None:
        from guideagent.tui.screens.study import StudyScreen

        try:
            recent.remember(event.session.path, event.session.study.title, self.recent_path)
        except OSError as exc:
            self.notify(f"Could not update the recent-studies list: {exc}", severity="warning")
        if isinstance(self.screen, StudyScreen):
            await self.screen.close()
        await self.push_screen(StudyScreen(event.session))

    async def action_quit(self) -> None:
        from guideagent.tui.screens.study import StudyScreen

        for screen in self.screen_stack:
            if isinstance(screen, StudyScreen):
                screen.stop_work()  # a running synthesis stops; finished interviews stay cached
                screen.flush(closing=True)
        self.exit(0)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    # -- the one place failures surface ---------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker is the App's (see workers.py), so every failure arrives here."""
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        if event.worker.group == "open-study" and (home := self._home()) is not None:
            home.opening(None)
        reply_to = self._reply_to.pop(event.worker, None)
        error = event.worker.error
        if reply_to is not None:
            message = getattr(error, "message", str(error)) if error is not None else None
            reply_to.post_message(
                WorkEnded(event.worker.group, event.state == WorkerState.SUCCESS, message)
            )
        if event.state == WorkerState.ERROR and error is not None:
            self.report_error(error)

    def notify(self, message: str, *, markup: bool = True, **kwargs: Any) -> None:
        """Every notification is plain text: they carry paths, titles and question text,
        whose brackets must show as typed, not be read as markup."""
        super().notify(message, markup=False, **kwargs)

    def report_error(self, error: BaseException) -> None:
        if isinstance(error, GuideAgentError):
            self.notify(error.message, title=error.title, severity="error", timeout=12)
            return
        logging.getLogger("guideagent.tui").exception("unexpected error", exc_info=error)
        self.notify(
            f"{type(error).__name__}: {error}. Your work is saved; try again, and report this "
            "if it keeps happening.",
            title="Something went wrong",
            severity="error",
            timeout=12,
        )
