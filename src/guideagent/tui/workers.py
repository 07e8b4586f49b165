"""The app's workers: each awaits one core call off the event loop and posts the result
to the widget that asked (`reply_to`). They live on the App so that the App's one
Worker.StateChanged handler sees every failure (StateChanged does not bubble).
"""

from __future__ import annotations

import asyncio
import threading
from functools import partial
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
    StudyOpening,
    SynthesisFinished,
    SynthesisProgress,
    TranscriptsImported,
    WorkProgress,
)

if TYPE_CHECKING:
    from textual.message import Message

    from guideagent.config import Settings
    from guideagent.protocol import Engine
    from guideagent.schemas import Guide
    from guideagent.synthesis.plan import SynthesisPlan
    from guideagent.workspace import Workspace


class CoreWorkers:
    """Mixed into the App, which provides `settings`, `_engine` (an engine given at start,
    or None) and `_reply_to`. Each worker is one call into guideagent.workspace."""

    _reply_to: dict[Any, MessagePump]
    settings: Settings
    _engine: Engine | None

    if TYPE_CHECKING:

        def post_message(self, message: Message) -> bool: ...

    def _track(self, reply_to: MessagePump) -> None:
        self._reply_to[get_current_worker()] = reply_to

    @work(exclusive=True, exit_on_error=False, group="open-study")
    async def open_study(self, path: Path, create: bool = False, title: str | None = None) -> None:
        from guideagent.workspace import Workspace

        path, settings, engine = Path(path), self.settings, self._engine
        self.post_message(StudyOpening(path))
        if create:
            opening = partial(Workspace.create, path, title=title, settings=settings, engine=engine)
        else:
            opening = partial(Workspace.open, path, settings, engine=engine)
        self.post_message(StudyOpened(await asyncio.to_thread(opening)))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def draft_guide(self, reply_to: MessagePump, session: Workspace) -> None:
        self._track(reply_to)

        def progress(done: int, total: int, label: str) -> None:
            reply_to.post_message(WorkProgress(f"{label}… ({session.engine_name} engine)"))

        result = await asyncio.to_thread(session.draft, None, progress)
        reply_to.post_message(GuideDrafted(result.guide, result.critique, list(result.revisions)))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def critique_guide(self, reply_to: MessagePump, session: Workspace, guide: Guide) -> None:
        self._track(reply_to)
        critique = await asyncio.to_thread(session.critique_guide, guide)
        reply_to.post_message(GuideCritiqued(critique))

    @work(exclusive=True, exit_on_error=False, group="guide")
    async def regenerate(self, reply_to: MessagePump, session: Workspace, target_id: str) -> None:
        self._track(reply_to)
        guide = await asyncio.to_thread(session.regenerate, target_id)
        reply_to.post_message(GuideRegenerated(guide, target_id))

    @work(exclusive=True, exit_on_error=False, group="import")
    async def import_transcripts(
        self, reply_to: MessagePump, session: Workspace, paths: list[Path]
    ) -> None:
        self._track(reply_to)
        report = await asyncio.to_thread(session.import_transcripts, paths)
        reply_to.post_message(TranscriptsImported(report.added, [str(p) for p in report.skipped]))

    @work(exclusive=True, exit_on_error=False, group="synthesis")
    async def synthesize(
        self,
        reply_to: MessagePump,
        session: Workspace,
        plan: SynthesisPlan | None,
        *,
        fresh: bool,
        cancel: threading.Event,
    ) -> None:
        from guideagent.synthesis.pipeline import SynthesisCancelled

        self._track(reply_to)

        def progress(done: int, total: int, label: str) -> None:
            reply_to.post_message(SynthesisProgress(done, total, label))

        def on_interview(transcript_id: str, status: str) -> None:
            reply_to.post_message(InterviewStatus(transcript_id, status))

        from guideagent.synthesis.cancel import in_daemon_thread

        try:
            # A daemon thread: quitting mid-run never waits for it (quit sets `cancel`).
            outcome = await in_daemon_thread(
                partial(
                    session.synthesize,
                    plan,
                    fresh=fresh,
                    progress=progress,
                    on_interview=on_interview,
                    cancel=cancel,
                )
            )
        except SynthesisCancelled as stopped:
            reply_to.post_message(SynthesisFinished(done=stopped.done, total=stopped.total))
            return
        reply_to.post_message(SynthesisFinished(outcome.run, outcome.files))

    @work(exclusive=True, exit_on_error=False, group="prepare-synthesis")
    async def prepare_synthesis(self, reply_to: MessagePump, session: Workspace) -> None:
        self._track(reply_to)
        await asyncio.to_thread(session.prepare_synthesis)

    @work(exclusive=True, exit_on_error=False, group="export")
    async def export(
        self, reply_to: MessagePump, session: Workspace, subject: str, fmt: str
    ) -> None:
        self._track(reply_to)
        path = await asyncio.to_thread(session.export, subject, fmt)
        reply_to.post_message(Exported(fmt, path))

    @work(exclusive=True, exit_on_error=False, group="test-connection")
    async def test_connection(self, reply_to: MessagePump, settings: Settings) -> None:
        from guideagent.connection import describe_models, list_models

        self._track(reply_to)
        models = await asyncio.to_thread(list_models, settings)
        reply_to.post_message(ConnectionTested(True, describe_models(settings, models)))
