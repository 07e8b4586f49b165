"""One interview's progress in a synthesis run: its id, a bar, and its status."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

STATUS = {
    "waiting": ("waiting", "dim"),
    "cached": ("cached", "cyan"),
    "running": ("working…", "yellow"),
    "done": ("done", "green"),
    "failed": ("failed", "red"),
    "cancelled": ("stopped", "dim"),
}


class InterviewProgress(Horizontal):
    DEFAULT_CSS = """
    InterviewProgress { height: 1; }
    InterviewProgress > .interview-id { width: 14; }
    InterviewProgress > ProgressBar { width: 30; }
    InterviewProgress > .interview-status { width: 12; padding-left: 1; }
    """

    def __init__(self, transcript_id: str) -> None:
        super().__init__()
        self.transcript_id = transcript_id
        self.status = "waiting"

    def compose(self) -> ComposeResult:
        yield Label(self.transcript_id, classes="interview-id")
        yield ProgressBar(total=1, show_eta=False, show_percentage=False)
        yield Label(Text(*STATUS["waiting"]), classes="interview-status")

    def on_mount(self) -> None:
        self.set_status(self.status)

    def set_status(self, status: str) -> None:
        self.status = status
        if not self.is_mounted or not self.children:
            return  # shown on mount
        label, style = STATUS.get(status, (status, ""))
        self.query_one(".interview-status", Label).update(Text(label, style=style))
        bar = self.query_one(ProgressBar)
        if status in ("cached", "done"):
            bar.update(total=1, progress=1)
        elif status == "running":
            bar.update(total=None)  # indeterminate while the interview is in flight
        elif status in ("failed", "cancelled"):
            bar.update(total=1, progress=0)
