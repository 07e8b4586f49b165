"""Edit the selected question (text and probes) or section (title) in place.

Each input maps to one precise edit message, so a late Changed event can never
overwrite more than the one field it came from.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static, TextArea

from guideagent.guide_edits import NEW_PROBE, NEW_QUESTION
from guideagent.schemas import Question, Revision, Section

# ctrl+a selects all, as in most editors (Textual's default is "line start"; home does that).
SELECT_ALL = Binding("ctrl+a", "select_all", "Select all", show=False)


class QuestionText(TextArea):
    """The question (or section title) field: a new question's template is selected when
    the field is focused, so typing replaces it."""

    BINDINGS = [SELECT_ALL]

    def on_focus(self, event: events.Focus) -> None:  # Textual also runs TextArea's own
        if self.text == NEW_QUESTION:
            self.select_all()


class ProbeInput(Input):
    """A probe: the new-probe template is selected on focus, so typing replaces it."""

    BINDINGS = [SELECT_ALL]

    def on_focus(self, event: events.Focus) -> None:  # Textual also runs Input's own
        if self.value == NEW_PROBE:
            self.select_all()


class ProbeRow(Horizontal):
    DEFAULT_CSS = """
    ProbeRow { height: auto; }
    ProbeRow > Input { width: 1fr; }
    ProbeRow > Button { min-width: 3; width: 3; margin-left: 1; }
    """

    def __init__(self, question_id: str, index: int, text: str) -> None:
        super().__init__()
        self.question_id, self.index, self.text = question_id, index, text

    def compose(self) -> ComposeResult:
        yield ProbeInput(
            self.text,
            placeholder="A follow-up: a specific example, a feeling, what happened next",
            compact=True,
            select_on_focus=False,
        )
        yield Button("✕", compact=True, variant="error", tooltip="Remove probe")


class QuestionEditor(Vertical):
    DEFAULT_CSS = """
    QuestionEditor { height: auto; max-height: 60%; }
    QuestionEditor #probe-rows { height: auto; max-height: 12; overflow-y: auto; }
    QuestionEditor .editor-title { color: $text-muted; }
    QuestionEditor #question-text { height: auto; max-height: 6; margin-bottom: 1; }
    QuestionEditor #add-probe { min-width: 12; }
    QuestionEditor #revision { color: $text-muted; margin-bottom: 1; }
    """

    class TextEdited(Message):
        def __init__(self, question_id: str, text: str) -> None:
            super().__init__()
            self.question_id, self.text = question_id, text

    class ProbeEdited(Message):
        def __init__(self, question_id: str, index: int, text: str) -> None:
            super().__init__()
            self.question_id, self.index, self.text = question_id, index, text

    class ProbeRemoved(Message):
        def __init__(self, question_id: str, index: int) -> None:
            super().__init__()
            self.question_id, self.index = question_id, index

    class ProbeAdded(Message):
        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    class SectionRenamed(Message):
        def __init__(self, section_id: str, title: str) -> None:
            super().__init__()
            self.section_id, self.title = section_id, title

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.question_id: str | None = None
        self.section_id: str | None = None
        self._showing = asyncio.Lock()  # one show_* at a time, or probe rows interleave

    def compose(self) -> ComposeResult:
        yield Label("", classes="editor-title")
        yield QuestionText(id="question-text", soft_wrap=True, compact=True, tab_behavior="focus")
        yield Static(id="revision")
        yield Label("Probes", id="probes-label")
        yield Vertical(id="probe-rows")
        yield Button("+ Probe (p)", id="add-probe", compact=True)

    async def show_question(
        self, section: Section, question: Question, revision: Revision | None = None
    ) -> None:
        async with self._showing:
            await self._show_question(section, question)
            self._show_revision(revision)

    async def show_section(self, section: Section) -> None:
        async with self._showing:
            await self._show_section(section)
            self._show_revision(None)

    async def show_nothing(self, title: str) -> None:
        async with self._showing:
            await self._show_nothing(title)
            self._show_revision(None)

    def _show_revision(self, revision: Revision | None) -> None:
        box = self.query_one("#revision", Static)
        box.display = revision is not None
        if revision is not None:
            box.update(
                Text.assemble(
                    (f"Revised (round {revision.round}) from: ", "bold"),
                    (revision.before, "strike"),
                    f"\nWhy: {revision.reason}",
                )
            )

    async def _show_question(self, section: Section, question: Question) -> None:
        self.question_id, self.section_id = question.id, None
        self.query_one(".editor-title", Label).update(
            f"{question.id} · {section.title}"
            + (f" · ~{question.minutes:g} min" if question.minutes else "")
        )
        text = self.query_one("#question-text", TextArea)
        text.placeholder = "The question, as you would say it"
        if text.text != question.text:
            text.load_text(question.text)
        await self._show_probes(question)
        self._probes_visible(True)

    async def _show_section(self, section: Section) -> None:
        self.question_id, self.section_id = None, section.id
        self.query_one(".editor-title", Label).update(
            f"{section.id} · section ({section.kind.value.replace('_', '-')})"
        )
        text = self.query_one("#question-text", TextArea)
        text.placeholder = "Section title"
        if text.text != section.title:
            text.load_text(section.title)
        await self.query_one("#probe-rows").remove_children()
        self._probes_visible(False)

    async def _show_nothing(self, title: str) -> None:
        self.question_id = self.section_id = None
        self.query_one(".editor-title", Label).update(title)
        await self.query_one("#probe-rows").remove_children()
        self._probes_visible(False)
        self.query_one("#question-text").display = False

    async def _show_probes(self, question: Question) -> None:
        rows = self.query_one("#probe-rows")
        await rows.remove_children()
        await rows.mount_all(
            ProbeRow(question.id, i, p.text) for i, p in enumerate(question.probes)
        )

    def _probes_visible(self, visible: bool) -> None:
        self.query_one("#question-text").display = True
        for selector in ("#probes-label", "#probe-rows", "#add-probe"):
            self.query_one(selector).display = visible

    def current_text(self) -> str:
        return " ".join(self.query_one("#question-text", TextArea).text.split())

    def current_probes(self) -> list[tuple[str, int, str]]:
        """(question id, index, text) for each probe field as it reads now."""
        return [
            (row.question_id, row.index, row.query_one(Input).value) for row in self.query(ProbeRow)
        ]

    def focus_text(self, select: bool = False) -> None:
        """Focus the question text: the cursor at its end, or all of it selected so typing
        replaces it (a new question's template)."""
        text = self.query_one("#question-text", TextArea)
        text.focus()
        if select:
            text.select_all()
        else:
            text.move_cursor(text.document.end)

    def focus_probe(self, index: int) -> None:
        rows = list(self.query(ProbeRow))
        if 0 <= index < len(rows):
            rows[index].query_one(Input).focus()

    @on(TextArea.Changed, "#question-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        value = " ".join(event.text_area.text.split())  # a question is one line in guide.md
        if self.question_id is not None and value:
            self.post_message(self.TextEdited(self.question_id, value))
        elif self.section_id is not None and value:
            self.post_message(self.SectionRenamed(self.section_id, value))

    @on(Input.Changed, "ProbeRow Input")
    def _probe_changed(self, event: Input.Changed) -> None:
        event.stop()
        row = event.input.parent
        if event.value != event.input.value or not event.input.is_attached:
            return
        if isinstance(row, ProbeRow) and event.value != row.text:
            row.text = event.value
            self.post_message(self.ProbeEdited(row.question_id, row.index, event.value))

    @on(Button.Pressed, "ProbeRow Button")
    def _probe_remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, ProbeRow):
            self.post_message(self.ProbeRemoved(row.question_id, row.index))

    @on(Button.Pressed, "#add-probe")
    def _probe_add(self, event: Button.Pressed) -> None:
        event.stop()
        if self.question_id is not None:
            self.post_message(self.ProbeAdded(self.question_id))
