"""Home: open a recent study, open a folder, or create a new study."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from guideagent.tui import recent
from guideagent.tui.typed import UsesApp


class HomeScreen(UsesApp, Screen):
    BINDINGS = [
        Binding("o", "open_folder", "Open folder"),
        Binding("n", "new_study", "New study"),
        Binding("delete,x", "forget", "Forget recent", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(
                "Plan, critique and synthesize user interviews: clear objectives, open "
                "questions, grounded themes.",
                id="home-intro",
            )
            yield Label("Recent studies", classes="heading")
            yield OptionList(id="recent")
            yield Static("No recent studies yet. Open a folder or create a study.", id="no-recent")
            yield Static(id="opening")
            with Horizontal(id="home-actions"):
                yield Button("Open folder… (o)", id="open-folder", variant="primary")
                yield Button("New study… (n)", id="new-study")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.opening(None)
        self.refresh_recent(recent.load_recent(self.guideagent.recent_path))

    def on_screen_resume(self) -> None:
        self.opening(None)
        self.refresh_recent(recent.load_recent(self.guideagent.recent_path))

    def opening(self, path: Path | None) -> None:
        """Say which study is being read (None: nothing is)."""
        shown = self.query_one("#opening", Static)
        shown.display = path is not None
        if path is not None:
            shown.update(Text(f"⏳ Opening {path}…", style="bold"))

    def refresh_recent(self, items: list[recent.RecentStudy]) -> None:
        options = self.query_one("#recent", OptionList)
        options.clear_options()
        for item in items:
            prompt = Text.assemble(
                (item.title or Path(item.path).name, "bold"), "\n", (item.path, "dim")
            )
            options.add_option(Option(prompt, id=item.path))
        options.display = bool(items)
        self.query_one("#no-recent").display = not items
        if items:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#open-folder").focus()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return [
            ("Open a study folder", "Pick a study folder to open", "screen.open_folder"),
            ("New study", "Create a study in a new folder", "screen.new_study"),
        ]

    @on(OptionList.OptionSelected, "#recent")
    def _open_recent(self, event: OptionList.OptionSelected) -> None:
        path = Path(event.option.id or "")
        if not path.is_dir():
            self.notify(
                f"{path} is gone. It was moved or deleted; press x to forget it.",
                title="Study not found",
                severity="warning",
            )
            return
        self.guideagent.open_study(path)

    @on(Button.Pressed, "#open-folder")
    def action_open_folder(self) -> None:
        from guideagent.tui.screens.path_picker import PathPicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.guideagent.open_study(path)

        self.guideagent.push_screen(
            PathPicker("Open a study folder", action="Open", folders_only=True), chosen
        )

    @on(Button.Pressed, "#new-study")
    def action_new_study(self) -> None:
        from guideagent.tui.screens.new_study import NewStudyScreen

        def chosen(result: tuple[Path, str] | None) -> None:
            if result is not None:
                path, title = result
                self.guideagent.open_study(path, create=True, title=title)

        self.guideagent.push_screen(NewStudyScreen(), chosen)

    def action_forget(self) -> None:
        options = self.query_one("#recent", OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        try:
            self.refresh_recent(recent.forget(option.id or "", self.guideagent.recent_path))
        except OSError as exc:
            self.notify(str(exc), title="Could not update the recent list", severity="error")
