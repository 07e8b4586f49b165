"""Step 2's output, the transcripts: import files or a folder, see what was read (speakers,
roles, warnings), and read one with speakers in colour."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from guideagent.schemas import Role, Transcript
from guideagent.schemas.synthesis import Quote
from guideagent.tui.messages import TranscriptsImported
from guideagent.tui.typed import UsesApp
from guideagent.tui.widgets.transcript_viewer import TranscriptViewer
from guideagent.workspace import Workspace


def roles_cell(transcript: Transcript) -> str:
    interviewers = list(
        dict.fromkeys(u.speaker for u in transcript.utterances if u.role == Role.interviewer)
    )
    participants = transcript.participant_speakers()
    parts = []
    if interviewers:
        parts.append("I: " + ", ".join(interviewers))
    if participants:
        parts.append("P: " + ", ".join(participants))
    for role, tag in ((Role.observer, "observer"), (Role.unknown, "unknown")):
        others = list(dict.fromkeys(u.speaker for u in transcript.utterances if u.role == role))
        if others:
            parts.append(f"{tag}: " + ", ".join(others))
    return " · ".join(parts)


class TranscriptsPane(UsesApp, Vertical):
    BINDINGS = [
        Binding("i", "import_transcripts", "Import"),
        Binding("v", "view", "Read"),
        Binding("escape", "to_table", "To table", show=False),
    ]

    def __init__(self, session: Workspace) -> None:
        super().__init__(id="transcripts-pane")
        self.session = session

    def compose(self) -> ComposeResult:
        with Horizontal(classes="toolbar"):
            yield Button(
                "Import files or a folder… (i)", id="import", variant="primary", compact=True
            )
            yield Static(id="transcripts-summary")
        yield DataTable(id="transcripts-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="transcripts-problems")
        yield TranscriptViewer(id="viewer")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            "Interview", "Participants", "Format", "Utterances", "Words", "Roles", "Warnings"
        )
        self._fill()
        self._show_problems([str(p) for p in self.session.problems])

    def focus_first(self) -> None:
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for t in self.session.transcripts:
            warnings = Text(
                f"{len(t.warnings)}: {t.warnings[0]}" if t.warnings else "–",
                style="yellow" if t.warnings else "dim",
            )
            table.add_row(
                t.id,
                ", ".join(t.participant_ids()),
                t.format,
                str(len(t.utterances)),
                str(t.word_count(Role.participant)),
                roles_cell(t),
                warnings,
                key=t.id,
            )
        n = len(self.session.transcripts)
        people = len({p for t in self.session.transcripts for p in t.participant_ids()})
        self.query_one("#transcripts-summary", Static).update(
            f"{n} interview{'s' if n != 1 else ''}, {people} participant{'s' if people != 1 else ''}"
            if n
            else "No transcripts yet: .txt, .md, .vtt, .srt, .docx or .json, one file per interview."
        )

    def _show_problems(self, problems: list[str]) -> None:
        box = self.query_one("#transcripts-problems", Static)
        box.display = bool(problems)
        box.update(Text("Skipped:\n" + "\n".join(f"  {p}" for p in problems), style="yellow"))

    @on(DataTable.RowHighlighted)
    async def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        transcript = self.session.transcript(str(event.row_key.value))
        viewer = self.query_one(TranscriptViewer)
        if transcript is not None and viewer.transcript_id != transcript.id:
            await viewer.show(transcript)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_view()

    def action_view(self) -> None:
        self.query_one(TranscriptViewer).focus_utterances()

    def action_to_table(self) -> None:
        self.query_one(DataTable).focus()

    async def show_quote(self, quote: Quote) -> None:
        transcript = self.session.transcript(quote.transcript_id)
        if transcript is None:
            self.notify(
                f"Transcript {quote.transcript_id} is not in this study any more.",
                severity="warning",
            )
            return
        viewer = self.query_one(TranscriptViewer)
        await viewer.show(transcript, quote.utterance_id, quote.text)
        table = self.query_one(DataTable)
        if transcript.id in table.rows:
            table.move_cursor(row=table.get_row_index(transcript.id))
        self.call_after_refresh(viewer.focus_utterances)

    # -- import ---------------------------------------------------------------------------
    @on(Button.Pressed, "#import")
    def action_import_transcripts(self) -> None:
        from guideagent.tui.screens.path_picker import PathPicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.import_paths([path])

        self.guideagent.push_screen(
            PathPicker("Import a transcript file, or every file in a folder", action="Import"),
            chosen,
        )

    def import_paths(self, paths: list[Path]):
        return self.guideagent.import_transcripts(self, self.session, paths)

    @on(TranscriptsImported)
    def _imported(self, event: TranscriptsImported) -> None:
        self._fill()  # the workspace already holds the new transcripts
        self._show_problems(event.problems)
        n = len(event.transcripts)
        self.notify(
            f"{n} transcript{'s' if n != 1 else ''} added to the study"
            + (
                f"; {len(event.problems)} skipped (listed under the table)."
                if event.problems
                else "."
            ),
            title="Imported",
            severity="information" if n else "warning",
        )
        if n:
            table = self.query_one(DataTable)
            table.move_cursor(row=table.get_row_index(event.transcripts[0].id))
            focused = self.guideagent.focused
            if focused is None or self in focused.ancestors_with_self:
                table.focus()
