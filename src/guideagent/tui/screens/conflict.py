"""The modal that settles a file changed on disk and in the app: keep mine, take the
file's, or see both first. Dismisses with "mine" or "theirs"; the choice's work (and
keeping the losing version beside the file) is the workspace's (workspace/sync.py)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConflictScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    ConflictScreen #conflict-diff-box { height: auto; max-height: 16; display: none; }
    ConflictScreen #conflict-diff-box.shown { display: block; }
    """
    BINDINGS = [
        Binding("m", "choose('mine')", "Keep mine"),
        Binding("t", "choose('theirs')", "Take the file's"),
        Binding("b", "see_both", "See both"),
    ]

    def __init__(self, file_name: str, diff: Callable[[], str]) -> None:
        super().__init__()
        self.file_name = file_name
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(f"{self.file_name} changed on disk", classes="heading")
            yield Static(
                f"{self.file_name} was changed by another program while you had unsaved "
                "edits here. Keep mine writes your version (the file's is kept beside it as "
                f"{self.file_name}.edited-…); take the file's loads it (yours is kept as "
                f"{self.file_name}.mine-…).",
                id="conflict-body",
            )
            with VerticalScroll(id="conflict-diff-box"):
                yield Static(id="conflict-diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("See both (b)", id="both")
                yield Button("Take the file's (t)", id="theirs")
                yield Button("Keep mine (m)", id="mine", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#both").focus()

    @on(Button.Pressed, "#mine")
    @on(Button.Pressed, "#theirs")
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    @on(Button.Pressed, "#both")
    def action_see_both(self) -> None:
        diff = self.diff() or "The two versions have the same text.\n"
        text = Text()
        for line in diff.splitlines(keepends=True):
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            text.append(line, style=style)
        self.query_one("#conflict-diff", Static).update(text)
        self.query_one("#conflict-diff-box").add_class("shown")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
