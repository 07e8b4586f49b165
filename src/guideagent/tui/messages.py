"""Messages the workers and panes post; @on handlers turn them into widget state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the first frame does not wait for the core's models
    from pathlib import Path

    from guideagent.schemas import Critique, Guide, Revision, Transcript
    from guideagent.schemas.synthesis import Quote
    from guideagent.workspace import Workspace


class StudyOpening(Message):
    """A study is being read (Home shows it until StudyOpened, or the failure)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class StudyOpened(Message):
    def __init__(self, session: Workspace) -> None:
        super().__init__()
        self.session = session


class StudyChanged(Message):
    """The study brief was edited: autosave it."""


class GuideChanged(Message):
    """The guide was edited or replaced: autosave it (keeping a .bak first if `backup`)."""

    def __init__(self, backup: bool = False) -> None:
        super().__init__()
        self.backup = backup


class WorkEnded(Message):
    """A worker this widget started has finished, failed or been cancelled."""

    def __init__(self, group: str, ok: bool, error: str | None = None) -> None:
        super().__init__()
        self.group = group
        self.ok = ok
        self.error = error


class WorkProgress(Message):
    """A long step says where it is, e.g. "Revising flagged questions (round 1 of 2)"."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label


class GuideDrafted(Message):
    def __init__(self, guide: Guide, critique: Critique, revisions: list[Revision]) -> None:
        super().__init__()
        self.guide = guide
        self.critique = critique
        self.revisions = revisions


class GuideRegenerated(Message):
    def __init__(self, guide: Guide, target_id: str) -> None:
        super().__init__()
        self.guide = guide
        self.target_id = target_id


class GuideCritiqued(Message):
    def __init__(self, critique: Critique) -> None:
        super().__init__()
        self.critique = critique


class TranscriptsImported(Message):
    def __init__(self, transcripts: list[Transcript], problems: list[Any]) -> None:
        super().__init__()
        self.transcripts = transcripts
        self.problems = problems


class SynthesisProgress(Message):
    def __init__(self, done: int, total: int, label: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.label = label


class InterviewStatus(Message):
    """One interview's step in a synthesis run: cached, running, done, failed, cancelled."""

    def __init__(self, transcript_id: str, status: str) -> None:
        super().__init__()
        self.transcript_id = transcript_id
        self.status = status


class SynthesisFinished(Message):
    """A run ended: with `run` and its report files, or cancelled after `done` of `total`."""

    def __init__(
        self, run: Any = None, files: Any = None, *, done: int = 0, total: int = 0
    ) -> None:
        super().__init__()
        self.run = run
        self.files = files
        self.done = done
        self.total = total

    @property
    def cancelled(self) -> bool:
        return self.run is None


class QuoteChosen(Message):
    """Show this quote in its transcript."""

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote


class Exported(Message):
    def __init__(self, what: str, path: Any) -> None:
        super().__init__()
        self.what = what
        self.path = path


class ConnectionTested(Message):
    def __init__(self, ok: bool, detail: str) -> None:
        super().__init__()
        self.ok = ok
        self.detail = detail


class SettingsChanged(Message):
    def __init__(self, settings: Any) -> None:
        super().__init__()
        self.settings = settings
