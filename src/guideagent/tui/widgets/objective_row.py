"""One objective in the form: its text, its kind, and buttons to move or remove it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label, Select

from guideagent.schemas import Objective, ObjectiveKind

KIND_LABELS = {
    ObjectiveKind.discover_needs: "Discover needs",
    ObjectiveKind.validate_idea: "Validate an idea",
    ObjectiveKind.improve_feature: "Improve a feature",
    ObjectiveKind.other: "Other",
}


class ObjectiveRow(Horizontal):
    DEFAULT_CSS = """
    ObjectiveRow { height: auto; }
    ObjectiveRow > Label { width: 5; padding: 0 1; color: $text-muted; }
    ObjectiveRow > Input { width: 1fr; }
    ObjectiveRow > Select { width: 22; margin-left: 1; }
    ObjectiveRow > Button { min-width: 3; width: 3; margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+up", "move(-1)", "Move up"),
        Binding("ctrl+down", "move(1)", "Move down"),
    ]

    class Move(Message):
        def __init__(self, row: ObjectiveRow, delta: int) -> None:
            super().__init__()
            self.row, self.delta = row, delta

    class Remove(Message):
        def __init__(self, row: ObjectiveRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, objective: Objective) -> None:
        super().__init__(classes="objective-row")
        self.objective_id = objective.id
        self._objective = objective

    def compose(self) -> ComposeResult:
        yield Label(self.objective_id)
        yield Input(
            self._objective.text,
            placeholder="What do you want to learn?",
            classes="objective-text",
            compact=True,
            select_on_focus=False,
        )
        yield Select(
            [(label, kind.value) for kind, label in KIND_LABELS.items()],
            value=self._objective.kind.value,
            allow_blank=False,
            compact=True,
            classes="objective-kind",
        )
        yield Button("↑", compact=True, classes="move-up", tooltip="Move up (ctrl+up)")
        yield Button("↓", compact=True, classes="move-down", tooltip="Move down (ctrl+down)")
        yield Button("✕", compact=True, classes="remove", variant="error", tooltip="Remove")

    def value(self) -> Objective:
        kind = self.query_one(Select).value
        return Objective(
            id=self.objective_id,
            text=self.query_one(Input).value.strip(),
            kind=ObjectiveKind(kind) if isinstance(kind, str) else ObjectiveKind.other,
        )

    def action_move(self, delta: int) -> None:
        self.post_message(self.Move(self, delta))

    @on(Button.Pressed, ".move-up")
    def _up(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Move(self, -1))

    @on(Button.Pressed, ".move-down")
    def _down(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Move(self, 1))

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Remove(self))
