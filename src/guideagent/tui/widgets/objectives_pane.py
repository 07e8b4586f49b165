"""Step 1, preparation: the brief, its objectives and the participant plan, as a form.

Every change rebuilds the Study from the form and posts StudyChanged (the screen
autosaves). The plan's own checks come from the rules critic and show inline.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from guideagent.schemas import Context, Objective, ParticipantPlan, Study
from guideagent.tui.messages import StudyChanged
from guideagent.tui.widgets.objective_row import ObjectiveRow
from guideagent.tui.widgets.segment_row import SegmentRow
from guideagent.tui.widgets.severity import finding_text
from guideagent.workspace import Workspace


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _terms(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class ObjectivesPane(VerticalScroll):
    # Focusable itself, so switching to this tab lands here (its keys work, arrows scroll)
    # and never in a field; tab goes on to the first field.
    can_focus = True
    BINDINGS = [
        Binding("ctrl+n", "add_objective", "Add objective"),
        Binding("ctrl+g", "add_segment", "Add segment"),
    ]

    def __init__(self, session: Workspace) -> None:
        super().__init__(id="objectives-pane")
        self.session = session
        self._ready = False

    def compose(self) -> ComposeResult:
        study = self.session.study
        yield Label("Study", classes="heading")
        with Grid(id="brief-grid"):
            yield Label("Title")
            yield Input(study.title, id="title", compact=True, select_on_focus=False)
            yield Label("Product")
            yield Input(
                study.context.product,
                placeholder="What the study is about",
                id="product",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Audience")
            yield Input(
                study.context.audience,
                placeholder="Who you will talk to",
                id="audience",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Session minutes")
            yield Input(
                str(study.session_minutes),
                type="integer",
                id="minutes",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Terms they know")
            yield Input(
                ", ".join(study.jargon_allowed),
                placeholder="comma-separated; not flagged as jargon",
                id="jargon",
                compact=True,
                select_on_focus=False,
            )
            yield Label("Names to redact")
            yield Input(
                ", ".join(study.redact_names),
                placeholder="comma-separated; hidden from the provider",
                id="redact",
                compact=True,
                select_on_focus=False,
            )
        with Horizontal(classes="heading-row"):
            yield Label("Objectives", classes="heading")
            yield Static("ctrl+↑/↓ reorder · tab to ✕ to remove", classes="hint")
        with Vertical(id="objective-rows"):
            for objective in study.objectives:
                yield ObjectiveRow(objective)
        yield Button("+ Add objective (ctrl+n)", id="add-objective", classes="add", compact=True)
        yield Label("Participants", classes="heading")
        yield Static(id="plan-check")
        with Vertical(id="segment-rows"):
            for segment in study.participants.segments:
                yield SegmentRow(segment)
        yield Button("+ Add segment (ctrl+g)", id="add-segment", classes="add", compact=True)
        with Horizontal(id="plan-lists"):
            with Vertical():
                yield Label("Screener (one criterion a line)")
                yield TextArea(
                    "\n".join(study.participants.screener),
                    id="screener",
                    soft_wrap=True,
                    compact=True,
                )
            with Vertical():
                yield Label("Diversity to aim for (one a line)")
                yield TextArea(
                    "\n".join(study.participants.diversity),
                    id="diversity",
                    soft_wrap=True,
                    compact=True,
                )

    def on_mount(self) -> None:
        self._show_plan_check()
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self._ready = True

    def focus_target(self) -> ObjectivesPane:
        """What switching to this tab focuses: the form itself, not one of its fields."""
        return self

    # -- form -> study --------------------------------------------------------------------
    def collect(self) -> Study:
        old = self.session.study
        raw_minutes = self.query_one("#minutes", Input).value.strip()
        minutes = (
            int(raw_minutes)
            if raw_minutes.isdigit() and int(raw_minutes) > 0
            else old.session_minutes
        )
        objectives = [row.value() for row in self.query(ObjectiveRow)]
        segments = [row.value() for row in self.query(SegmentRow)]
        return old.model_copy(
            update={
                "title": self.query_one("#title", Input).value.strip() or "Untitled study",
                "context": Context(
                    product=self.query_one("#product", Input).value.strip(),
                    audience=self.query_one("#audience", Input).value.strip(),
                ),
                "session_minutes": minutes,
                "objectives": [o for o in objectives if o.text],
                "participants": ParticipantPlan(
                    segments=[s for s in segments if s is not None],
                    screener=_lines(self.query_one("#screener", TextArea).text),
                    diversity=_lines(self.query_one("#diversity", TextArea).text),
                ),
                "jargon_allowed": _terms(self.query_one("#jargon", Input).value),
                "redact_names": _terms(self.query_one("#redact", Input).value),
            }
        )

    def commit(self) -> bool:
        """Take what the form shows now into the session, even if its Changed events
        are still queued (the app is quitting). True when the study changed."""
        if not self._ready:
            return False
        study = self.collect()
        return self.session.set_study(study)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        if not self._ready:
            return
        if self.session.set_study(self.collect()):
            self._show_plan_check()
            self.post_message(StudyChanged())

    def _show_plan_check(self) -> None:
        findings = self.session.plan_findings()
        check = self.query_one("#plan-check", Static)
        if not findings:
            check.update(
                Text("✔ The plan names objectives and a spread of participants.", style="green")
            )
        else:
            check.update(Text("\n").join(finding_text(f) for f in findings))

    # -- rows -----------------------------------------------------------------------------
    def _next_objective_id(self) -> str:
        numbers = [
            int(r.objective_id[1:])
            for r in self.query(ObjectiveRow)
            if r.objective_id[1:].isdigit()
        ]
        return f"o{max(numbers, default=0) + 1}"

    @on(Button.Pressed, "#add-objective")
    async def action_add_objective(self) -> None:
        row = ObjectiveRow(Objective(id=self._next_objective_id(), text=""))
        await self.query_one("#objective-rows").mount(row)
        row.query_one(Input).focus()
        row.scroll_visible()

    @on(Button.Pressed, "#add-segment")
    async def action_add_segment(self) -> None:
        from guideagent.schemas import Segment

        row = SegmentRow(Segment(name="", count=1))
        await self.query_one("#segment-rows").mount(row)
        row.query_one(Input).focus()
        row.scroll_visible()

    @on(ObjectiveRow.Move)
    def _move(self, event: ObjectiveRow.Move) -> None:
        rows = list(self.query(ObjectiveRow))
        index = rows.index(event.row)
        target = index + event.delta
        if not 0 <= target < len(rows):
            return
        container = self.query_one("#objective-rows")
        if event.delta < 0:
            container.move_child(event.row, before=rows[target])
        else:
            container.move_child(event.row, after=rows[target])
        self._changed()

    @on(ObjectiveRow.Remove)
    @on(SegmentRow.Remove)
    async def _remove(self, event: ObjectiveRow.Remove | SegmentRow.Remove) -> None:
        add = "#add-objective" if isinstance(event, ObjectiveRow.Remove) else "#add-segment"
        await event.row.remove()
        self._changed()
        self.query_one(add).focus()
