"""Step 5, analyse and synthesize: run the pipeline with a bar per interview (cancel keeps
what finished), then themes by prevalence, their quotes, objective coverage and exports.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Label,
    ListItem,
    ListView,
    OptionList,
    ProgressBar,
    Static,
)

from guideagent.schemas.synthesis import Quote, Synthesis
from guideagent.tui.messages import (
    Exported,
    InterviewStatus,
    QuoteChosen,
    SynthesisFinished,
    SynthesisProgress,
    WorkEnded,
)
from guideagent.tui.typed import UsesApp
from guideagent.tui.widgets.interview_progress import InterviewProgress
from guideagent.tui.widgets.theme_list import ThemeList
from guideagent.tui.widgets.transcript_viewer import clock
from guideagent.workspace import Workspace

if TYPE_CHECKING:
    from guideagent.synthesis.plan import SynthesisPlan


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class QuoteItem(ListItem):
    def __init__(self, quote: Quote) -> None:
        when = clock(quote.start)
        text = Text.assemble(
            ("“", "dim"), quote.text, ("”", "dim"), (f"  {quote.participant_id}", "bold cyan")
        )
        if when:
            text.append(f" {when}", style="dim")
        super().__init__(Static(text))
        self.quote = quote


class SynthesisPane(UsesApp, Vertical):
    BINDINGS = [
        Binding("s", "synthesize", "Synthesize"),
        Binding("x", "cancel", "Cancel run"),
        Binding("m", "export_report", "Report .md"),
        Binding("v", "export_csv", "CSV"),
        Binding("w", "export_docx", "Guide .docx"),
        Binding("f", "synthesize(True)", "Fresh run", show=False),
    ]

    def __init__(self, session: Workspace) -> None:
        super().__init__(id="synthesis-pane")
        self.session = session
        self._cancel: threading.Event | None = None
        self._prepared: bool | None = None  # the embedding model: None not asked, False loading
        self._plan: SynthesisPlan | None = (
            None  # the workspace's synthesis plan (cost, redaction) for the next run
        )

    def compose(self) -> ComposeResult:
        with Horizontal(classes="toolbar"):
            yield Button("Synthesize (s)", id="run", variant="primary", compact=True)
            yield Button("Cancel (x)", id="cancel", disabled=True, compact=True)
            yield Button("Report (m)", id="export-md", compact=True)
            yield Button("CSV (v)", id="export-csv", compact=True)
            yield Button("Guide .docx (w)", id="export-docx", compact=True)
        yield Static(id="synthesis-status")
        with Vertical(id="synthesis-progress"):
            yield ProgressBar(id="overall", show_eta=False)
            yield Vertical(id="interview-rows")
        with Horizontal(id="synthesis-results"):
            with Vertical(id="themes-col"):
                yield Label("Themes (by how many raised them)", classes="heading")
                yield ThemeList(id="themes")
            with Vertical(id="quotes-col"):
                yield Label(
                    "Quotes (enter opens the transcript)", id="quotes-heading", classes="heading"
                )
                yield ListView(id="quotes")
        yield Label("Objective coverage", classes="heading")
        yield DataTable(id="coverage", cursor_type="row", zebra_stripes=True)

    async def on_mount(self) -> None:
        self.query_one("#synthesis-progress").display = False
        await self._show(self.session.synthesis)

    def focus_target(self) -> Widget:
        """What switching to this tab focuses."""
        themes = self.query_one(ThemeList)
        return themes if themes.option_count else self.query_one("#run", Button)

    def on_show(self) -> None:
        """First shown: load the offline embedding model in a worker, saying so, so the
        first synthesis does not start with a silent pause."""
        if self._prepared is None and self.session.engine_name == "offline":
            self._prepared = False
            self.guideagent.prepare_synthesis(self, self.session)
            self.refresh_status()

    def refresh_status(self) -> None:
        status = self.query_one("#synthesis-status", Static)
        synthesis = self.session.synthesis
        n = len(self.session.transcripts)
        if self._cancel is not None:
            return
        if self._prepared is False:
            status.update(
                Text("⏳ Loading the offline embedding model… (s starts anyway)", style="bold")
            )
            return
        if synthesis is None:
            status.update(
                f"{n} transcript{'s' if n != 1 else ''} ready. Press s to find themes."
                if n
                else "Import transcripts first (tab 3), then press s."
            )
            return
        total = len(synthesis.participant_ids)
        themes, signals = len(synthesis.themes), len(synthesis.signals)
        text = Text(
            f"{themes} theme{'s' if themes != 1 else ''} and {signals} signal{'s' if signals != 1 else ''} "
            f"(one participant each) across {total} participants"
        )
        text.append(f" · {synthesis.engine} engine", style="dim")
        text.append(
            f" · grounding dropped {synthesis.dropped_quotes} quote{'s' if synthesis.dropped_quotes != 1 else ''}",
            style="yellow" if synthesis.dropped_quotes else "dim",
        )
        status.update(text)

    async def _show(self, synthesis: Synthesis | None) -> None:
        self.refresh_status()
        self.query_one(ThemeList).show(synthesis)
        await self._show_quotes()
        table = self.query_one("#coverage", DataTable)
        table.clear(columns=True)
        if synthesis is None:
            return
        participants = synthesis.participant_ids
        width = max(
            20,
            min(70, (self.size.width or self.guideagent.size.width) - 16 - 5 * len(participants)),
        )
        table.add_column("Objective", width=width)
        table.add_column("Answered", width=9)
        for participant in participants:
            table.add_column(participant)
        for row in synthesis.objective_coverage:
            answered = sum(c.answered for c in row.cells)
            marks = {c.participant_id: c.answered for c in row.cells}
            table.add_row(
                _clip(f"{row.id} {row.text}", width),
                Text(f"{answered} of {len(participants)}", style="green" if answered else "red"),
                *(
                    Text("✔", style="green") if marks.get(p) else Text("·", style="dim")
                    for p in participants
                ),
                key=row.id,
            )

    async def _show_quotes(self) -> None:
        theme = self.query_one(ThemeList).current
        quotes = self.query_one("#quotes", ListView)
        heading = Text("Quotes")
        if theme is not None:  # the theme's whole label: the list clips it to one line
            heading = Text.assemble(
                (theme.label, "bold"), " ", ("(enter opens the transcript)", "")
            )
        self.query_one("#quotes-heading", Label).update(heading)
        await quotes.clear()
        if theme is not None:
            await quotes.extend(QuoteItem(q) for q in theme.quotes)
            quotes.index = 0 if theme.quotes else None

    @on(OptionList.OptionHighlighted, "#themes")
    async def _theme_highlighted(self) -> None:
        await self._show_quotes()

    @on(OptionList.OptionSelected, "#themes")
    def _theme_selected(self) -> None:
        self.query_one("#quotes", ListView).focus()

    @on(ListView.Selected, "#quotes")
    def _quote_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, QuoteItem):
            self.post_message(QuoteChosen(event.item.quote))

    # -- the run --------------------------------------------------------------------------
    @on(Button.Pressed, "#run")
    async def action_synthesize(self, fresh: bool = False) -> None:
        if self._cancel is not None:
            self.notify("A synthesis is already running; x cancels it.", severity="warning")
            return
        transcripts = self.session.transcripts
        if not transcripts:
            self.notify(
                "Import transcripts first (tab 3, then i).",
                title="Nothing to synthesize",
                severity="warning",
            )
            return
        from guideagent.tui.screens.confirm import ConfirmScreen

        plan = self._plan = self.session.plan_synthesis(fresh=fresh)
        if not plan.needs_confirmation:
            await self._start(fresh)
            return
        body = "\n".join(plan.describe())

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._start(fresh)

        self.guideagent.push_screen(
            ConfirmScreen("Send the transcripts to the model?", body, "Send"), answered
        )

    async def _start(self, fresh: bool) -> None:
        self._cancel = threading.Event()
        rows = self.query_one("#interview-rows")
        await rows.remove_children()
        await rows.mount_all(InterviewProgress(t.id) for t in self.session.transcripts)
        overall = self.query_one("#overall", ProgressBar)
        overall.update(total=len(self.session.transcripts), progress=0)
        self.query_one("#synthesis-progress").display = True
        self.query_one("#cancel", Button).disabled = False
        self.query_one("#run", Button).disabled = True
        self.query_one("#synthesis-status", Static).update(
            Text(
                f"Synthesizing with the {self.session.engine_name} engine… x cancels (finished interviews are kept).",
                style="yellow",
            )
        )
        self.guideagent.synthesize(self, self.session, self._plan, fresh=fresh, cancel=self._cancel)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.query_one("#synthesis-status", Static).update(
                Text("Stopping… finished interviews are kept.", style="yellow")
            )

    @on(InterviewStatus)
    def _interview(self, event: InterviewStatus) -> None:
        for row in self.query(InterviewProgress):
            if row.transcript_id == event.transcript_id:
                row.set_status(event.status)

    @on(SynthesisProgress)
    def _progress(self, event: SynthesisProgress) -> None:
        self.query_one("#overall", ProgressBar).update(total=event.total, progress=event.done)
        if event.label == "themes":
            self.query_one("#synthesis-status", Static).update(
                Text("Finding themes across interviews…", style="yellow")
            )

    def _stopped(self) -> None:
        self._cancel = None
        self.query_one("#cancel", Button).disabled = True
        self.query_one("#run", Button).disabled = False

    @on(SynthesisFinished)
    async def _finished(self, event: SynthesisFinished) -> None:
        self._stopped()
        if event.cancelled:
            self.refresh_status()
            self.notify(
                f"Stopped after {event.done} of {event.total} interviews. Their notes are kept; "
                "press s to resume without redoing them.",
                title="Synthesis cancelled",
                severity="warning",
            )
            return
        self.query_one("#synthesis-progress").display = False
        await self._show(event.run.synthesis)
        focused = self.guideagent.focused
        if focused is None or self in focused.ancestors_with_self:
            self.query_one(ThemeList).focus()
        cached = f" ({event.run.cached} from cache)" if event.run.cached else ""
        self.notify(
            f"{len(event.run.synthesis.themes)} themes{cached}. Report: {event.files.report}",
            title="Synthesis done",
        )

    @on(WorkEnded)
    def _worker_ended(self, event: WorkEnded) -> None:
        if event.group == "prepare-synthesis":
            self._prepared = True  # a failure is the app's notification; synthesis retries
            self.refresh_status()
        if event.group == "synthesis" and not event.ok:
            self._stopped()
            self.refresh_status()

    # -- exports --------------------------------------------------------------------------
    def _need_synthesis(self) -> Synthesis | None:
        if self.session.synthesis is None:
            self.notify("Run the synthesis first (s).", severity="warning")
        return self.session.synthesis

    @on(Button.Pressed, "#export-md")
    def action_export_report(self) -> None:
        synthesis = self._need_synthesis()
        if synthesis is not None:
            self.export("synthesis", "report")

    @on(Button.Pressed, "#export-csv")
    def action_export_csv(self) -> None:
        synthesis = self._need_synthesis()
        if synthesis is not None:
            self.export("synthesis", "csv")

    @on(Button.Pressed, "#export-docx")
    def action_export_docx(self) -> None:
        if self.session.guide is None:
            self.notify("Draft a guide first (tab 2, then d).", severity="warning")
            return
        self.export("guide", "docx")

    def export(self, subject: str, fmt: str) -> None:
        self.guideagent.export(self, self.session, subject, fmt)

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        label = {
            "report": "Report written",
            "csv": "themes.csv and quotes.csv written",
            "docx": "Guide written",
        }
        self.notify(str(event.path), title=label.get(event.what, "Exported"), timeout=8)
