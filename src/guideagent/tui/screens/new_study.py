"""A modal that asks where to create a study and what to call it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class NewStudyScreen(ModalScreen[tuple[Path, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, parent: Path | None = None) -> None:
        super().__init__()
        self.parent_dir = parent if parent is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="new-study-dialog", classes="dialog"):
            yield Label("New study", classes="heading")
            yield Label("Title")
            yield Input(placeholder="e.g. Why teams stop using shared calendars", id="new-title")
            yield Label("Folder (created if missing; must be empty)")
            yield Input(str(self.parent_dir / "new-study"), id="new-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="new-cancel")
                yield Button("Create", id="new-create", variant="primary")

    @on(Input.Changed, "#new-title")
    def _suggest_folder(self, event: Input.Changed) -> None:
        slug = "-".join("".join(c if c.isalnum() else " " for c in event.value.lower()).split())
        self.query_one("#new-path", Input).value = str(self.parent_dir / (slug[:40] or "new-study"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#new-create")
    def _create(self) -> None:
        title = self.query_one("#new-title", Input).value.strip() or "Untitled study"
        raw = self.query_one("#new-path", Input).value.strip()
        if not raw:
            self.notify("Say where to create the study.", severity="warning")
            return
        path = Path(raw).expanduser()
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            self.notify(
                f"{path} already exists and is not empty. Pick a new folder, or open it from Home.",
                title="Folder in use",
                severity="warning",
            )
            return
        self.dismiss((path, title))

    @on(Button.Pressed, "#new-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
