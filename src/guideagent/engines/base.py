"""The Engine protocol every face programs against."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import InterviewNotes, Synthesis

# Called with (done, total, label) as long work advances; faces draw progress bars from it.
Progress = Callable[[int, int, str], None]


@runtime_checkable
class Engine(Protocol):
    name: str

    def critique_guide(self, guide: Guide, study: Study | None = None) -> Critique: ...

    def draft_guide(self, study: Study) -> Guide: ...

    def revise_guide(self, guide: Guide, critique: Critique, study: Study | None = None) -> Guide:
        """Rewrite the questions that carry error findings; leave the others as they are."""
        ...

    def regenerate(self, guide: Guide, study: Study, target_id: str) -> Guide:
        """Redraft one question (q-id) or one section (s-id); the rest stays as it was."""
        ...

    def extract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes: ...

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis: ...
