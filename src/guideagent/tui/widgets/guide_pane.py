"""Steps 3-4, the guide: sections and questions in a tree, edited in place, with the
critic's findings beside the selected question and a minutes meter against the session.

Drafting, critiquing and regenerating run in workers that call the engine off the event
loop and post the result; the handlers here own the tree, editor and findings.

Longer than 400 lines because the tree, the editor and the findings react to each other;
the logic behind every edit is in guideagent.workspace, this file only wires the widgets.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from guideagent.schemas import Finding, Guide
from guideagent.tui.messages import (
    GuideChanged,
    GuideCritiqued,
    GuideDrafted,
    GuideRegenerated,
    WorkEnded,
    WorkProgress,
)
from guideagent.tui.typed import UsesApp
from guideagent.tui.widgets.findings_list import FindingsList
from guideagent.tui.widgets.guide_tree import GuideTree, NodeData
from guideagent.tui.widgets.minutes_meter import MinutesMeter
from guideagent.tui.widgets.question_editor import QuestionEditor
from guideagent.tui.widgets.severity import summary
from guideagent.workspace import Workspace


class GuidePane(UsesApp, Horizontal):
    BINDINGS = [
        Binding("d", "draft", "Draft"),
        Binding("c", "critique", "Critique"),
        Binding("a", "apply_rewrite", "Apply rewrite"),
        Binding("r", "regenerate", "Regenerate"),
        Binding("e", "edit", "Edit"),
        Binding("p", "add_probe", "Add probe"),
        Binding("n", "add_question", "New question", show=False),
        Binding("delete", "delete", "Delete", show=False),
        Binding("ctrl+up", "move(-1)", "Move up", show=False),
        Binding("ctrl+down", "move(1)", "Move down", show=False),
        Binding("escape", "to_tree", "To tree", show=False),
        # Priority: in the question editor too, undo is the guide's (one step per field).
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, priority=True),
    ]
    busy: reactive[str] = reactive("")

    def __init__(self, session: Workspace) -> None:
        super().__init__(id="guide-pane")
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="guide-left"):
            yield MinutesMeter()
            yield GuideTree(id="guide-tree")
            with Vertical(id="guide-empty"):
                yield Static(
                    "No guide yet. Draft one from your objectives: the critic checks it and the "
                    "draft is revised until the questions are open, neutral and about real past events."
                )
                yield Button("Draft the guide (d)", id="draft", variant="primary")
        with Vertical(id="guide-right"):
            yield Static(id="guide-status")
            yield QuestionEditor(id="question-editor")
            yield Label("Findings", classes="heading")
            yield FindingsList(id="findings")

    async def on_mount(self) -> None:
        await self._rebuild(select=None)

    def focus_target(self) -> Widget:
        """What switching to this tab focuses."""
        if self.guide is None:
            return self.query_one("#draft", Button)
        return self.query_one(GuideTree)

    # -- state -> widgets -----------------------------------------------------------------
    @property
    def guide(self) -> Guide | None:
        return self.session.guide

    def _findings(self, question_id: str | None) -> list[Finding]:
        critique = self.session.critique
        if critique is None:
            return []
        return critique.guide_level() if question_id is None else critique.for_question(question_id)

    async def _rebuild(self, select: str | None) -> None:
        tree = self.query_one(GuideTree)
        guide = self.guide
        has_guide = guide is not None and bool(guide.sections)
        tree.display = has_guide
        self.query_one("#guide-empty").display = not has_guide
        self._update_meter()
        self._update_status()
        if guide is None or not has_guide:
            tree.clear()
            await self.query_one(QuestionEditor).show_nothing("Draft a guide to start (d).")
            await self.query_one(FindingsList).show([])
            return
        target = tree.show(guide, self.session.critique, select)
        self.call_after_refresh(tree.move_cursor, target)
        await self._show(target.data)

    def _refresh_labels(self) -> None:
        if self.guide is not None:
            self.query_one(GuideTree).relabel(self.guide, self.session.critique)
        self._update_meter()
        self._update_status()

    def _update_meter(self) -> None:
        meter = self.query_one(MinutesMeter)
        meter.limit = self.session.study.session_minutes
        meter.minutes = self.guide.total_minutes() if self.guide else 0.0

    def _update_status(self) -> None:
        status = self.query_one("#guide-status", Static)
        if self.busy:
            status.update(Text(f"⏳ {self.busy}", style="bold yellow"))
            return
        if self.guide is None:
            status.update(Text("No guide yet.", style="dim"))
            return
        status.update(summary(self.guide, self.session.critique))

    def watch_busy(self) -> None:
        if self.is_mounted:
            self._update_status()

    async def _show(self, data: NodeData | None) -> None:
        editor = self.query_one(QuestionEditor)
        findings = self.query_one(FindingsList)
        guide = self.guide
        if guide is None or data is None:
            return
        kind, item_id, _ = data
        if kind in ("q", "p"):
            question, section = guide.question(item_id), guide.section_of(item_id)
            if question is not None and section is not None:
                revision = next(
                    (r for r in reversed(guide.revisions) if r.question_id == question.id), None
                )
                if revision is not None and revision.after != question.text:
                    revision = None  # edited since: the note no longer describes the text
                await editor.show_question(section, question, revision)
                await findings.show(self._findings(question.id))
                return
        if kind == "s":
            section = next((s for s in guide.sections if s.id == item_id), None)
            if section is not None:
                await editor.show_section(section)
                await findings.show(self._findings(None))
                return
        await editor.show_nothing("The whole guide: findings about its shape")
        await findings.show(self._findings(None))

    def _cursor(self) -> NodeData | None:
        return self.query_one(GuideTree).cursor_data

    def _cursor_question(self) -> str | None:
        data = self._cursor()
        return data[1] if data and data[0] in ("q", "p") else None

    # -- edits ----------------------------------------------------------------------------
    def _edited(self, *, backup: bool = False) -> None:
        """The workspace took an edit: autosave it."""
        self.post_message(GuideChanged(backup=backup))

    @on(GuideTree.NodeHighlighted)
    async def _highlighted(self, event: GuideTree.NodeHighlighted) -> None:
        await self._show(event.node.data)

    @on(GuideTree.NodeSelected)
    def _selected(self) -> None:
        self.action_edit()

    @on(QuestionEditor.TextEdited)
    async def _text_edited(self, event: QuestionEditor.TextEdited) -> None:
        question = self.guide.question(event.question_id) if self.guide else None
        if question is None or question.text == event.text:
            return
        if self.query_one(QuestionEditor).current_text() != event.text:
            return  # stale: the editor has been reloaded since (an undo, say)
        self.session.set_question_text(event.question_id, event.text)
        self._edited()
        self._refresh_labels()
        await self.query_one(FindingsList).show(self._findings(event.question_id))

    @on(QuestionEditor.SectionRenamed)
    def _section_renamed(self, event: QuestionEditor.SectionRenamed) -> None:
        if self.guide is None:
            return
        self.session.set_section_title(event.section_id, event.title)
        self._edited()
        self._refresh_labels()

    @on(QuestionEditor.ProbeEdited)
    def _probe_edited(self, event: QuestionEditor.ProbeEdited) -> None:
        if self.guide is None:
            return
        shown = self.query_one(QuestionEditor).current_probes()
        if (event.question_id, event.index, event.text) not in shown:
            return  # stale: the editor has been reloaded since (an undo, say)
        self.session.set_probe(event.question_id, event.index, event.text)
        self._edited()
        self.query_one(GuideTree).relabel_probe(event.question_id, event.index, event.text)

    @on(QuestionEditor.ProbeAdded)
    async def _probe_added(self, event: QuestionEditor.ProbeAdded) -> None:
        await self._add_probe(event.question_id)

    @on(QuestionEditor.ProbeRemoved)
    async def _probe_removed(self, event: QuestionEditor.ProbeRemoved) -> None:
        if self.guide is None:
            return
        self.session.remove_probe(event.question_id, event.index)
        self._edited()
        await self._rebuild(select=event.question_id)

    async def _add_probe(self, question_id: str) -> None:
        self.session.add_probe(question_id)
        self._edited()
        self.query_one(GuideTree).expand_question(question_id)
        await self._rebuild(select=question_id)
        question = self.guide.question(question_id) if self.guide else None
        self.query_one(QuestionEditor).focus_probe(len(question.probes) - 1 if question else 0)

    async def action_add_probe(self) -> None:
        question_id = self._cursor_question() or self.query_one(QuestionEditor).question_id
        if question_id is None:
            self.notify("Select a question first.", severity="warning")
            return
        await self._add_probe(question_id)

    async def action_add_question(self) -> None:
        if self.guide is None:
            self.notify("Draft a guide first (d).", severity="warning")
            return
        data = self._cursor()
        after = data[1] if data and data[0] in ("q", "p") else None
        section = data[1] if data and data[0] == "s" else None
        new_id = self.session.add_question(after, section)
        if not new_id:
            return
        self._edited()
        await self._rebuild(select=new_id)
        self.query_one(QuestionEditor).focus_text(select=True)

    async def action_delete(self) -> None:
        data = self._cursor()
        if self.guide is None or data is None:
            return
        kind, item_id, index = data
        if kind == "p":
            self.session.remove_probe(item_id, index)
            self._edited()
            await self._rebuild(select=item_id)
        elif kind == "q":
            from guideagent.tui.screens.confirm import ConfirmScreen

            question = self.guide.question(item_id)

            async def answer(yes: bool | None) -> None:
                if yes:
                    self.session.remove_question(item_id)
                    self._edited()
                    await self._rebuild(select=None)

            self.guideagent.push_screen(
                ConfirmScreen(
                    "Delete question?", f"{item_id}: {question.text if question else ''}", "Delete"
                ),
                answer,
            )

    async def action_move(self, delta: int) -> None:
        data = self._cursor()
        if self.guide is None or data is None:
            return
        kind, item_id, _ = data
        if kind == "q":
            moved = self.session.move_question(item_id, delta)
        elif kind == "s":
            moved = self.session.move_section(item_id, delta)
        else:
            return
        if not moved:
            return
        self._edited()
        await self._rebuild(select=item_id)

    async def action_undo(self) -> None:
        await self._step_history(redo=False)

    async def action_redo(self) -> None:
        await self._step_history(redo=True)

    async def _step_history(self, *, redo: bool) -> None:
        if self.guide is None:
            return
        self.commit()  # what the editor shows but has not reported yet is part of the step
        stepped = self.session.redo() if redo else self.session.undo()
        if not stepped:
            self.notify(f"Nothing to {'redo' if redo else 'undo'}.", timeout=2)
            return
        data = self._cursor()
        self._edited()
        await self._rebuild(select=data[1] if data else None)
        self.notify("Redone." if redo else "Undone (ctrl+y redoes).", timeout=2)

    def action_edit(self) -> None:
        if self.guide is not None and self._cursor() is not None:
            self.query_one(QuestionEditor).focus_text()

    def action_to_tree(self) -> None:
        self.query_one(GuideTree).focus()

    async def action_apply_rewrite(self) -> None:
        findings = self.query_one(FindingsList)
        chosen = findings.selected
        if chosen is None or not chosen.rewrite:
            chosen = next((f for f in findings.findings() if f.rewrite), None)
        if self.guide is None or chosen is None or chosen.question_id is None or not chosen.rewrite:
            self.notify(
                "No rewrite to apply here: select a question whose finding suggests one.",
                severity="warning",
            )
            return
        question_id = chosen.question_id
        self.session.apply_rewrite(chosen)
        self._edited()
        self._refresh_labels()
        await self._show(("q", question_id, 0))
        self.notify(
            f"{question_id} now reads: {chosen.rewrite}", title="Rewrite applied", timeout=4
        )

    # -- workers --------------------------------------------------------------------------
    @on(Button.Pressed, "#draft")
    def action_draft(self) -> None:
        if not self.session.study.objectives:
            self.notify(
                "Add at least one objective first (tab 1): the guide is drafted to serve them.",
                title="No objectives",
                severity="warning",
            )
            return
        if self.guide is None:
            self._start_draft()
            return
        from guideagent.tui.screens.confirm import ConfirmScreen

        self.guideagent.push_screen(
            ConfirmScreen(
                "Replace the guide?",
                "Drafting writes a new guide. The current one is kept as guide.md.bak.",
                "Draft",
            ),
            lambda yes: self._start_draft() if yes else None,
        )

    def _start_draft(self) -> None:
        self.busy = f"Drafting with the {self.session.engine_name} engine…"
        self.guideagent.draft_guide(self, self.session)

    def action_critique(self) -> None:
        if self.guide is None:
            self.notify("Draft a guide first (d).", severity="warning")
            return
        self.busy = f"Critiquing with the {self.session.engine_name} engine…"
        self.guideagent.critique_guide(self, self.session, self.guide)

    def action_regenerate(self) -> None:
        data = self._cursor()
        if self.guide is None or data is None or data[0] not in ("q", "p", "s"):
            self.notify("Select a question or a section to regenerate.", severity="warning")
            return
        target = data[1]
        self.busy = f"Regenerating {target} with the {self.session.engine_name} engine…"
        self.guideagent.regenerate(self, self.session, target)

    @on(WorkProgress)
    def _progress(self, event: WorkProgress) -> None:
        if self.busy:
            self.busy = event.label

    @on(GuideDrafted)
    async def _drafted(self, event: GuideDrafted) -> None:
        self.busy = ""
        self.session.set_guide(event.guide, critique=event.critique)
        self.post_message(GuideChanged(backup=True))
        await self._rebuild(select=None)
        self._take_focus(self.query_one(GuideTree))
        revised = len(event.revisions)
        self.notify(
            f"{sum(1 for _ in event.guide.questions())} questions"
            + (f"; the critic's findings led to {revised} rewrites." if revised else "."),
            title="Guide drafted",
        )

    @on(GuideRegenerated)
    async def _regenerated(self, event: GuideRegenerated) -> None:
        self.busy = ""
        self.session.adopt_regenerated(event.guide, event.target_id)
        self._edited()
        await self._rebuild(select=event.target_id)
        self.notify(f"{event.target_id} was redrafted.", title="Regenerated", timeout=3)

    @on(GuideCritiqued)
    async def _critiqued(self, event: GuideCritiqued) -> None:
        self.busy = ""
        self.session.set_critique(event.critique)
        self._refresh_labels()
        await self._show(self._cursor())
        n = len(event.critique.findings)
        self.notify(f"{n} finding{'s' if n != 1 else ''}.", title="Critique done", timeout=3)

    @on(WorkEnded)
    def _work_ended(self, event: WorkEnded) -> None:
        still_running = any(
            w.group == "guide" and not w.is_finished for w in self.guideagent.workers
        )
        if event.group == "guide" and not event.ok and not still_running:
            self.busy = ""

    def commit(self) -> bool:
        """Take what the editor shows now into the session, even if its edit messages are
        still queued (the app is quitting). True when the guide changed."""
        editor = self.query_one(QuestionEditor)
        if self.guide is None:
            return False
        changed = False
        text = editor.current_text()
        if editor.question_id and text:
            changed |= self.session.set_question_text(editor.question_id, text)
        elif editor.section_id and text:
            changed |= self.session.set_section_title(editor.section_id, text)
        for question_id, index, probe in editor.current_probes():
            changed |= self.session.set_probe(question_id, index, probe)
        return changed

    def _take_focus(self, widget) -> None:
        """Focus `widget` unless the user is busy elsewhere (results never steal focus)."""
        focused = self.guideagent.focused
        if focused is None or self in focused.ancestors_with_self:
            widget.focus()

    def study_changed(self) -> None:
        """The brief changed: guide-level checks (coverage, time) may have too; the
        workspace rechecked them when it took the new brief."""
        self._refresh_labels()
