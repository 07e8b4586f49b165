"""The Engine protocol: everything a face or a step's loop needs from an engine.

An engine computes each step of the flow (critique, drafting, notes per interview, themes)
and says what running it means: its capabilities (does text leave the machine, does it
cost money, can it write abstract theme labels, may interviews run at once), the tag that
makes cached notes comparable, the tokens it has spent and what a run would cost. The
synthesis pipeline and the draft/revise loop program against this and nothing else, so a
new engine (a local model, another provider) implements it rather than imitating one.

This module sits below the step packages (drafting, critique, synthesis) and the engines
above them; it imports only schemas and the LLM client's usage records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from guideagent.llm.usage import CostEstimate, Usage
from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import InterviewNotes, Synthesis

# Called with (done, total, label) as long work advances; faces draw progress bars from it.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Capabilities:
    """What running an engine means, for the faces and the pipeline to decide by."""

    abstract_labels: bool = False  # names themes in its own words (not keyphrases)
    sends_text: bool = False  # guides and transcripts go to a model server, local or not
    off_machine: bool = False  # ...and that server is not on this machine
    metered: bool = False  # spends provider tokens: estimate a run and ask before it
    concurrent: bool = False  # several interviews' notes may be extracted at once


@runtime_checkable
class Engine(Protocol):
    name: str  # for display only ("offline engine", "llm engine"): never branched on

    @property
    def capabilities(self) -> Capabilities: ...

    @property
    def usage(self) -> Usage:
        """Every provider call this engine made, in order (empty for engines that make none)."""
        ...

    def cache_tag(self) -> str:
        """What makes two runs' notes comparable: engine, version, model, prompt. Notes
        cached under another tag are redone."""
        ...

    def estimate_cost(
        self,
        pending: list[Transcript],
        *,
        study: Study | None = None,
        guide: Guide | None = None,
        participants: int = 0,
    ) -> CostEstimate | None:
        """What synthesizing `pending` would spend; None for an engine that spends nothing."""
        ...

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

    async def aextract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        """The per-interview step as the pipeline awaits it; runs `capabilities.concurrent`
        at a time or one at a time."""
        ...

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis: ...
