"""A modal that picks a path: type it, or walk a DirectoryTree. Dismisses with a Path or None."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label


class FolderTree(DirectoryTree):
    """A DirectoryTree that can hide files."""

    def __init__(self, path: Path, *, folders_only: bool, **kwargs) -> None:
        self.folders_only = folders_only
        super().__init__(path, **kwargs)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = [p for p in paths if not p.name.startswith(".")]
        return [p for p in shown if p.is_dir()] if self.folders_only else shown


class PathPicker(ModalScreen[Path | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+u", "up", "Parent folder"),
    ]

    def __init__(
        self,
        title: str,
        *,
        action: str = "Choose",
        folders_only: bool = False,
        start: Path | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.action_text = action
        self.folders_only = folders_only
        self.start = start if start is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(self.title_text, classes="heading")
            yield Input(str(self.start), placeholder="a path; Enter to choose", id="picker-path")
            yield FolderTree(self.start, folders_only=self.folders_only, id="picker-tree")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="picker-cancel")
                yield Button(self.action_text, id="picker-choose", variant="primary")

    def on_mount(self) -> None:
        # The path field first: a typed or pasted path is the quickest way in.
        self.query_one("#picker-path", Input).focus()

    @on(DirectoryTree.DirectorySelected)
    @on(DirectoryTree.FileSelected)
    def _selected(
        self, event: DirectoryTree.FileSelected | DirectoryTree.DirectorySelected
    ) -> None:
        self.query_one("#picker-path", Input).value = str(event.path)

    @on(Input.Submitted, "#picker-path")
    @on(Button.Pressed, "#picker-choose")
    def _choose(self) -> None:
        raw = self.query_one("#picker-path", Input).value.strip()
        if not raw:
            self.notify("Type a path or pick one in the tree.", severity="warning")
            return
        path = Path(raw).expanduser()
        if not path.exists():
            self.notify(
                f"{path} does not exist. Check the path.", title="Not found", severity="warning"
            )
            return
        if self.folders_only and not path.is_dir():
            self.notify(f"{path} is a file; pick a folder.", severity="warning")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#picker-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_up(self) -> None:
        """Show the parent folder in the tree; the path field follows only while it still
        shows the tree's folder, so a typed path is never replaced."""
        tree = self.query_one(FolderTree)
        field = self.query_one("#picker-path", Input)
        follows = field.value.strip() in ("", str(tree.path))
        parent = Path(tree.path).resolve().parent
        tree.path = parent
        if follows:
            field.value = str(parent)
