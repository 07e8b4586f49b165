"""The offline engine: rules, templates and shipped embeddings. No key, no network, no cost.

Each method delegates to the module that owns the step; heavy modules (embeddings) are
imported on first use so the app starts fast.
"""

from __future__ import annotations

from guideagent.llm.usage import CostEstimate, Usage
from guideagent.protocol import Capabilities
from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import InterviewNotes, Synthesis


class OfflineEngine:
    name = "offline"
    # Interviews one at a time: the embedding model already uses both cores.
    capabilities = Capabilities()

    def __init__(self, min_participants: int = 2) -> None:
        self.min_participants = min_participants
        self.usage = Usage()  # stays empty: no provider calls

    def cache_tag(self) -> str:
        from guideagent import __version__

        return f"{self.name}|{__version__}"

    def estimate_cost(
        self,
        pending: list[Transcript],
        *,
        study: Study | None = None,
        guide: Guide | None = None,
        participants: int = 0,
    ) -> CostEstimate | None:
        return None

    def critique_guide(self, guide: Guide, study: Study | None = None) -> Critique:
        from guideagent.critique.rules import critique_guide

        return critique_guide(guide, study)

    def draft_guide(self, study: Study) -> Guide:
        from guideagent.drafting import offline

        return offline.draft_guide(study)

    def revise_guide(self, guide: Guide, critique: Critique, study: Study | None = None) -> Guide:
        from guideagent.drafting import offline

        return offline.revise_guide(guide, critique, study)

    def regenerate(self, guide: Guide, study: Study, target_id: str) -> Guide:
        from guideagent.drafting import offline

        return offline.regenerate(guide, study, target_id)

    def extract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        from guideagent.synthesis import offline

        return offline.extract_notes(transcript, study, guide)

    async def aextract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        from guideagent.synthesis.cancel import in_daemon_thread

        # A daemon thread: an interview abandoned on cancel never delays the exit.
        return await in_daemon_thread(self.extract_notes, transcript, study, guide)

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis:
        from guideagent.synthesis import offline

        return offline.synthesize_themes(notes, study, min_participants=self.min_participants)
