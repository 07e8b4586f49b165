"""The app's workers: each awaits one core call off the event loop and posts the result
to the widget that asked (`reply_to`). They live on the App so that the App's one
Worker.StateChanged handler sees every failure (StateChanged does not bubble).
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from guideagent.tui.messages import (
    ConnectionTested,
    Exported,
    GuideCritiqued,
    GuideDrafted,
    GuideRegenerated,
    InterviewStatus,
    StudyOpened,
    SynthesisFinished,
    SynthesisProgress,
    TranscriptsImported,
    WorkProgress,
)

if TYPE_CHECKING:
    from guideagent.config import Settings
    from guideagent.schemas import Guide, Study


class CoreWorkers:
    """Mixed into the App, which provides `engine`, `settings` and `_reply_to`."""

    _reply_to: dict[Any, MessagePump]

    def _track(self, reply_to: MessagePump) -> None:
        self._reply_to[get_current_worker()] = reply_to

    @work(exclusive=True, exit_on_error=False, group="open-study")
    async def open_study(self, path: Path, create: bool = False, title: str | None = None) -> None:
        from guideagent.tui.session import load_session

        session = await asyncio.to_thread(load_session, Path(path), create=create, title=title)
        self.post_message(StudyOpened(session))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def draft_guide(self, reply_to: MessagePump, study: Study, rounds: int) -> None:
        from guideagent.drafting.revise import draft_and_revise

        self._track(reply_to)
        engine = self.engine

        def progress(done: int, total: int, label: str) -> None:
            reply_to.post_message(WorkProgress(f"{label}… ({engine.name} engine)"))

        result = await asyncio.to_thread(draft_and_revise, engine, study, rounds, progress)
        reply_to.post_message(GuideDrafted(result.guide, result.critique, list(result.revisions)))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def critique_guide(self, reply_to: MessagePump, guide: Guide, study: Study) -> None:
        self._track(reply_to)
        critique = await asyncio.to_thread(self.engine.critique_guide, guide, study)
        reply_to.post_message(GuideCritiqued(critique))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def regenerate(
        self, reply_to: MessagePump, guide: Guide, study: Study, target_id: str
    ) -> None:
        self._track(reply_to)
        guide = await asyncio.to_thread(self.engine.regenerate, guide, study, target_id)
        reply_to.post_message(GuideRegenerated(guide, target_id))

    @work(exclusive=True, exit_on_error=False, group="import")
    async def import_transcripts(
        self, reply_to: MessagePump, folder: Any, paths: list[Path]
    ) -> None:
        self._track(reply_to)
        report = await asyncio.to_thread(folder.add_transcripts, paths)
        reply_to.post_message(TranscriptsImported(report.added, [str(p) for p in report.skipped]))

    @work(exclusive=True, exit_on_error=False, group="synthesis")
    async def synthesize(
        self, reply_to: MessagePump, session, *, fresh: bool, redactor, cancel: threading.Event
    ) -> None:
        from guideagent.synthesis.pipeline import SynthesisCancelled, synthesize_study
        from guideagent.synthesis.report import write_reports

        self._track(reply_to)
        folder = session.folder

        def progress(done: int, total: int, label: str) -> None:
            reply_to.post_message(SynthesisProgress(done, total, label))

        def on_interview(transcript_id: str, status: str) -> None:
            reply_to.post_message(InterviewStatus(transcript_id, status))

        try:
            run = await asyncio.to_thread(
                synthesize_study,
                list(session.transcripts),
                self.engine,
                study=session.study,
                guide=session.guide,
                cache_dir=Path(folder.synthesis_dir) / "cache",
                concurrency=self.settings.concurrency,
                progress=progress,
                on_interview=on_interview,
                cancel=cancel,
                redactor=redactor,
                fresh=fresh,
            )
        except SynthesisCancelled as stopped:
            reply_to.post_message(SynthesisFinished(done=stopped.done, total=stopped.total))
            return
        files = await asyncio.to_thread(write_reports, run.synthesis, Path(folder.synthesis_dir))
        reply_to.post_message(SynthesisFinished(run, files))

    @work(exclusive=True, exit_on_error=False, group="export")
    async def export(self, reply_to: MessagePump, what: str, subject: Any, folder: Any) -> None:
        self._track(reply_to)
        if what == "report":
            from guideagent.synthesis.report import write_reports

            path = (
                await asyncio.to_thread(write_reports, subject, Path(folder.synthesis_dir))
            ).report
        elif what == "csv":
            from guideagent.synthesis.csv_export import write_csvs

            themes, _quotes = await asyncio.to_thread(write_csvs, subject, Path(folder.exports_dir))
            path = themes.parent
        else:
            from guideagent.export.docx import export_docx

            path = await asyncio.to_thread(
                export_docx, subject, Path(folder.exports_dir) / "guide.docx"
            )
        reply_to.post_message(Exported(what, path))

    @work(exclusive=True, exit_on_error=False, group="test-connection")
    async def test_connection(self, reply_to: MessagePump, settings: Settings) -> None:
        from guideagent.connection import describe_models, list_models

        self._track(reply_to)
        models = await asyncio.to_thread(list_models, settings)
        reply_to.post_message(ConnectionTested(True, describe_models(settings, models)))
