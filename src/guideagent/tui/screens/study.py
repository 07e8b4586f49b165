"""The study screen: the seed's steps as tabs, and autosave of every edit.

Panes post StudyChanged / GuideChanged after each edit; this screen writes the study
folder (atomically, via the store) half a second after the last one, when the study is
closed, and when the app quits. Every second, and before each save, it asks the
workspace what changed on disk (workspace/sync.py): a change with no unsaved edit here
reloads that pane with a notice; one that meets an unsaved edit opens ConflictScreen.

Longer than 400 lines because it coordinates the five panes with autosave, the disk
watch and its conflict dialog; the logic behind each lives in guideagent.workspace.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, TabbedContent, TabPane, TextArea

from guideagent.errors import GuideAgentError
from guideagent.tui.messages import (
    GuideChanged,
    QuoteChosen,
    SettingsChanged,
    StudyChanged,
    TranscriptsImported,
)
from guideagent.tui.typed import UsesApp
from guideagent.tui.widgets.guide_pane import GuidePane
from guideagent.tui.widgets.objectives_pane import ObjectivesPane
from guideagent.tui.widgets.settings_pane import SettingsPane
from guideagent.tui.widgets.synthesis_pane import SynthesisPane
from guideagent.tui.widgets.transcripts_pane import TranscriptsPane
from guideagent.workspace import Workspace
from guideagent.workspace.sync import Part, Reconciled

TABS = ("objectives", "guide", "transcripts", "synthesis", "settings")
P = TypeVar("P", bound=Widget)
AUTOSAVE_DELAY = 0.5
WATCH_SECONDS = 1.0  # how often the study's files are checked for changes by others


class StudyScreen(UsesApp, Screen):
    # app.tcss fits a short terminal (80x24) with "-short": less padding, smaller tables.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        *(
            Binding(str(i), f"tab('{tab}')", tab.title(), show=False)
            for i, tab in enumerate(TABS, 1)
        ),
        Binding("ctrl+pagedown", "next_tab(1)", "Next tab", show=False, priority=True),
        Binding("ctrl+pageup", "next_tab(-1)", "Previous tab", show=False, priority=True),
        Binding("escape", "focus_tabs", "Leave field", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "close", "Studies"),
    ]

    def __init__(self, session: Workspace) -> None:
        super().__init__()
        self.session = session
        self._dirty: set[str] = set()
        self._timer: Timer | None = None
        self._backup_guide = False
        self._asking: set[str] = set()  # parts with a conflict dialog open
        self._stale: set[str] = set()  # parts reloaded from disk whose pane is being rebuilt

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane("1 Objectives & participants", id="objectives"):
                yield ObjectivesPane(self.session)
            # All panes mount with the screen: mounting the hidden ones lazily raced keys
            # pressed right after a tab switch (a half-mounted GuidePane); _pane stays safe.
            with TabPane("2 Guide", id="guide"):
                yield GuidePane(self.session)
            with TabPane("3 Transcripts", id="transcripts"):
                yield TranscriptsPane(self.session)
            with TabPane("4 Synthesis", id="synthesis"):
                yield SynthesisPane(self.session)
            with TabPane("5 Settings", id="settings"):
                yield SettingsPane()
        yield Footer()

    def on_mount(self) -> None:
        self._update_title()
        self._focus_pane(TABS[0])
        self.set_interval(WATCH_SECONDS, self.check_disk)

    def _update_title(self) -> None:
        """The title, clipped so the engine's name after it always shows in the header."""
        self.sub_title = f"{self.session.engine_name} engine"
        title = self.session.study.title or "Untitled study"
        # The header centres "title — sub title" between its icon and the right edge.
        room = max(12, (self.size.width or self.app.size.width) - 24 - len(self.sub_title))
        self.title = title if len(title) <= room else title[: room - 1].rstrip() + "…"

    def on_resize(self) -> None:
        self._update_title()

    def _pane(self, kind: type[P]) -> P | None:
        try:
            return self.query_one(kind)
        except NoMatches:
            return None

    # -- navigation -----------------------------------------------------------------------
    def action_tab(self, tab: str) -> None:
        # Focus moves at once (not after a refresh), to the pane's list or button or else
        # the tab bar, so a key pressed right after is the pane's (s, d, ...) or another
        # tab's number, and is never typed into a field that happened to keep focus.
        self.query_one(TabbedContent).active = tab
        self._focus_pane(tab)

    def action_next_tab(self, step: int) -> None:
        current = TABS.index(self.query_one(TabbedContent).active or TABS[0])
        self.action_tab(TABS[(current + step) % len(TABS)])

    def action_focus_tabs(self) -> None:
        """Escape from a field: focus the tab bar, where 1-5 and ←/→ switch tabs."""
        self.set_focus(self.query_one(TabbedContent).query_one("ContentTabs"))

    def _focus_pane(self, tab: str) -> None:
        """Focus the pane's list or button (`focus_target`), never a text field: switching
        tabs must not put the cursor where the next key would be typed."""
        pane = self.query_one(f"#{tab} > *")
        target_of = getattr(pane, "focus_target", None)
        target = target_of() if callable(target_of) else None
        if target is not None and not isinstance(target, Input | TextArea):
            self.set_focus(target)
            return
        self.action_focus_tabs()
        focus_first = getattr(pane, "focus_first", None)  # a pane that names no target
        if target_of is None and callable(focus_first):
            focus_first()

    def action_pane(self, tab: str, action: str) -> None:
        """Switch to a tab and run one of its pane's actions (used by the palette)."""
        self.query_one(TabbedContent).active = tab
        pane = self.query_one(f"#{tab} > *")
        self.call_after_refresh(pane.run_action, action)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        commands = [
            (f"Go to {name}", f"Show the {name} tab", f"screen.tab('{tab}')")
            for tab, name in zip(
                TABS,
                ("Objectives & participants", "Guide", "Transcripts", "Synthesis", "Settings"),
                strict=True,
            )
        ]
        for tab, action, name, help_text in (
            (
                "objectives",
                "add_objective",
                "Add an objective",
                "A new objective at the end of the list",
            ),
            (
                "guide",
                "draft",
                "Draft the guide",
                "Draft, critique and revise a guide from the objectives",
            ),
            ("guide", "critique", "Critique the guide", "Run the critic on the current guide"),
            (
                "guide",
                "undo",
                "Undo the last guide edit",
                "ctrl+z; typing in one field is one step",
            ),
            ("guide", "redo", "Redo the guide edit undone", "ctrl+y"),
            (
                "guide",
                "regenerate",
                "Regenerate the selected question or section",
                "Redraft just that part",
            ),
            (
                "guide",
                "apply_rewrite",
                "Apply the selected finding's rewrite",
                "Replace the question text",
            ),
            (
                "transcripts",
                "import_transcripts",
                "Import transcripts",
                "Copy transcript files into the study",
            ),
            ("synthesis", "synthesize", "Synthesize themes", "Notes per interview, then themes"),
            ("synthesis", "cancel", "Cancel synthesis", "Stop; finished interviews are kept"),
            (
                "synthesis",
                "export_report",
                "Export the report (Markdown)",
                "report.md and synthesis.json",
            ),
            (
                "synthesis",
                "export_csv",
                "Export themes and quotes (CSV)",
                "themes.csv and quotes.csv",
            ),
            (
                "synthesis",
                "export_docx",
                "Export the guide (docx)",
                "A Word file for the interviewer",
            ),
            ("settings", "save", "Save settings", "Write the settings file"),
            (
                "settings",
                "test_connection",
                "Test the provider connection",
                "List the provider's models",
            ),
        ):
            commands.append((name, help_text, f"screen.pane('{tab}', '{action}')"))
        commands += [
            ("Save the study now", "Autosave runs anyway; this writes at once", "screen.save"),
            ("Close the study", "Back to Home", "screen.close"),
        ]
        return commands

    # -- autosave -------------------------------------------------------------------------
    @on(StudyChanged)
    def _study_changed(self) -> None:
        self._dirty.add("study")
        self._update_title()
        if (guide := self._pane(GuidePane)) is not None:
            guide.study_changed()
        self._schedule_save()

    @on(GuideChanged)
    def _guide_changed(self, event: GuideChanged) -> None:
        if event.backup:
            self._backup_guide = True
        self._dirty.add("guide")
        self._schedule_save()

    def _schedule_save(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    def _commit_panes(self) -> None:
        # A pane not mounted (yet, or any more) holds nothing uncommitted; a pane about to be
        # rebuilt from disk shows stale values, which are not committed.
        objectives, guide = self._pane(ObjectivesPane), self._pane(GuidePane)
        if "study" not in self._stale and objectives is not None and objectives.commit():
            self._dirty.add("study")
        if "guide" not in self._stale and guide is not None and guide.commit():
            self._dirty.add("guide")

    def flush(self, *, closing: bool = False) -> None:
        """Write what changed since the last save. Safe to call any time. A part changed
        on disk too is not written over: it is asked about (or, `closing`, kept beside)."""
        self._commit_panes()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        held = self._take_disk_changes(closing=closing)
        if not self._dirty - held:
            return
        try:
            if "study" in self._dirty and "study" not in held:
                self.session.save_study()
                self._dirty.discard("study")
            if "guide" in self._dirty and "guide" not in held and self.session.guide is not None:
                self.session.save_guide(backup=self._backup_guide)
                self._backup_guide = False
            self._dirty -= {"guide"} - held
        except (GuideAgentError, OSError) as exc:
            self.guideagent.report_error(exc)

    def stop_work(self) -> None:
        """Stop a running synthesis (finished interviews stay cached); for quitting."""
        with suppress(NoMatches):
            self.query_one(SynthesisPane).action_cancel()

    # -- changes made on disk by others ---------------------------------------------------
    def check_disk(self) -> None:
        """The timer's check: reload what others changed, ask where it meets an edit."""
        self._commit_panes()
        self._take_disk_changes()

    def _take_disk_changes(self, *, closing: bool = False) -> set[str]:
        """Reconcile with the disk; the parts not to save now (conflicts) are returned."""
        try:
            result = self.session.reconcile(frozenset(self._dirty))
        except (GuideAgentError, OSError) as exc:
            self.guideagent.report_error(exc)
            return set(self._dirty)
        if result.changed:
            self._stale |= set(result.reloaded)
            self.call_later(self._show_disk_changes, result)
        held = set(result.conflicts) | self._asking
        if closing:
            for part in result.conflicts:  # nobody left to ask: keep both versions
                kept = self.session.take_theirs(part)
                self._dirty.discard(part)
                name = self.session.part_file(part).name
                self.notify(f"{name} changed on disk; your version is kept as {kept.name}.")
        else:
            for part in result.conflicts:
                self._ask(part)
        return held

    async def _show_disk_changes(self, result: Reconciled) -> None:
        if result.error is not None:
            self.guideagent.report_error(result.error)
        for part in result.reloaded:
            await self._rebuild(part)
        if result.transcripts:
            await self._replace_pane("transcripts", TranscriptsPane(self.session))
            with suppress(NoMatches):
                self.query_one(SynthesisPane).refresh_status()
        if result.describe():
            self.notify(result.describe(), title="Changed on disk", timeout=6)

    async def _rebuild(self, part: Part) -> None:
        self._stale.add(part)
        try:
            await self._rebuild_pane(part)
        finally:
            self._stale.discard(part)

    async def _rebuild_pane(self, part: Part) -> None:
        if part == "study":
            await self._replace_pane("objectives", ObjectivesPane(self.session))
            self._update_title()
            with suppress(NoMatches):
                self.query_one(GuidePane).study_changed()
        else:
            await self._replace_pane("guide", GuidePane(self.session))

    async def _replace_pane(self, tab: str, pane) -> None:
        try:
            holder = self.query_one(f"#{tab}", TabPane)
        except NoMatches:
            return
        await holder.remove_children()
        await holder.mount(pane)

    def _ask(self, part: Part) -> None:
        if part in self._asking:
            return
        self._asking.add(part)
        from guideagent.tui.screens.conflict import ConflictScreen

        name = self.session.part_file(part).name

        async def settle(choice: str | None) -> None:
            self._asking.discard(part)
            try:
                if choice == "mine":
                    kept = self.session.keep_mine(part)
                    where = f" The file's version is kept as {kept.name}." if kept else ""
                    self.notify(f"Kept your version of {name}.{where}")
                else:
                    kept = self.session.take_theirs(part)
                    await self._rebuild(part)
                    self.notify(f"Loaded {name} from disk. Your version is kept as {kept.name}.")
            except (GuideAgentError, OSError) as exc:
                self.guideagent.report_error(exc)
                return
            self._dirty.discard(part)

        screen = ConflictScreen(name, lambda: self.session.see_both(part))
        self.guideagent.push_screen(screen, settle)

    def action_save(self) -> None:
        self.flush()
        self.notify("Saved.", timeout=2)

    async def close(self) -> None:
        self.flush(closing=True)
        if (synthesis := self._pane(SynthesisPane)) is not None:
            synthesis.action_cancel()
        self.dismiss()

    async def action_close(self) -> None:
        await self.close()

    def on_unmount(self) -> None:
        self.flush(closing=True)

    # -- between tabs ---------------------------------------------------------------------
    @on(QuoteChosen)
    async def _show_quote(self, event: QuoteChosen) -> None:
        self.query_one(TabbedContent).active = "transcripts"
        await self.query_one(TranscriptsPane).show_quote(event.quote)

    @on(TranscriptsImported)
    def _transcripts_changed(self) -> None:
        if (synthesis := self._pane(SynthesisPane)) is not None:
            synthesis.refresh_status()

    @on(SettingsChanged)
    def _settings_changed(self, event: SettingsChanged) -> None:
        self.guideagent.use_settings(event.settings)
        self.session.use_settings(event.settings)
        self._update_title()
