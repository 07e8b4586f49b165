"""One participant segment in the plan: a name, how many, and a remove button."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input

from guideagent.schemas import Segment


class SegmentRow(Horizontal):
    DEFAULT_CSS = """
    SegmentRow { height: auto; }
    SegmentRow > .segment-name { width: 1fr; }
    SegmentRow > .segment-count { width: 12; }
    SegmentRow > Button { min-width: 3; width: 3; margin-left: 1; }
    """

    class Remove(Message):
        def __init__(self, row: SegmentRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, segment: Segment) -> None:
        super().__init__(classes="segment-row")
        self._segment = segment

    def compose(self) -> ComposeResult:
        yield Input(
            self._segment.name,
            placeholder="Segment, e.g. new admins",
            classes="segment-name",
            compact=True,
            select_on_focus=False,
        )
        yield Input(
            str(self._segment.count),
            type="integer",
            placeholder="count",
            classes="segment-count",
            compact=True,
            select_on_focus=False,
        )
        yield Button("✕", compact=True, variant="error", tooltip="Remove segment")

    def value(self) -> Segment | None:
        name = self.query_one(".segment-name", Input).value.strip()
        raw = self.query_one(".segment-count", Input).value.strip()
        count = int(raw) if raw.isdigit() else 0
        return Segment(name=name, count=count) if name or count else None

    @on(Button.Pressed)
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Remove(self))
