"""The LLM engine: openai + instructor over any OpenAI-compatible endpoint.

A facade: each step lives beside its offline twin (critique/llm.py, drafting/llm.py,
synthesis/llm.py) and takes the one StructuredLLM this engine owns, so usage adds up in one
place. What the engine means for a run (text leaves the machine unless the endpoint is
local, tokens are spent) is said by `capabilities`, from the settings in force.
"""

from __future__ import annotations

from guideagent.config import Settings
from guideagent.llm import CostEstimate, StructuredLLM, Usage
from guideagent.protocol import Capabilities
from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import InterviewNotes, Synthesis


class LLMEngine:
    name = "llm"

    def __init__(self, settings: Settings, llm: StructuredLLM | None = None) -> None:
        self.settings = settings
        self.llm = llm or StructuredLLM(settings)

    # -- what running it means ------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(
            abstract_labels=True,
            sends_text=True,
            off_machine=not self.settings.is_local(),
            metered=True,
            concurrent=True,
        )

    @property
    def usage(self) -> Usage:
        return self.llm.usage

    def cache_tag(self) -> str:
        from guideagent.synthesis import llm

        return llm.cache_tag(self.settings)

    def estimate_cost(
        self,
        pending: list[Transcript],
        *,
        study: Study | None = None,
        guide: Guide | None = None,
        participants: int = 0,
    ) -> CostEstimate:
        from guideagent.synthesis.cost import estimate_cost

        return estimate_cost(
            pending, self.settings, study=study, guide=guide, participants=participants
        )

    # -- critique -------------------------------------------------------------------------
    def critique_guide(self, guide: Guide, study: Study | None = None) -> Critique:
        from guideagent.critique import llm

        return llm.critique_guide(self.llm, guide, study)

    # -- drafting -------------------------------------------------------------------------
    def draft_guide(self, study: Study) -> Guide:
        from guideagent.drafting import llm

        return llm.draft_guide(self.llm, study)

    def revise_guide(self, guide: Guide, critique: Critique, study: Study | None = None) -> Guide:
        from guideagent.drafting import llm

        return llm.revise_guide(self.llm, guide, critique, study)

    def regenerate(self, guide: Guide, study: Study, target_id: str) -> Guide:
        from guideagent.drafting import llm

        return llm.regenerate(self.llm, guide, study, target_id)

    # -- synthesis ------------------------------------------------------------------------
    def extract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        from guideagent.synthesis import llm

        return llm.extract_notes(self.llm, transcript, study, guide)

    async def aextract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        from guideagent.synthesis import llm

        return await llm.aextract_notes(self.llm, transcript, study, guide)

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis:
        from guideagent.synthesis import llm

        return llm.synthesize_themes(
            self.llm, notes, study, min_participants=self.settings.min_participants
        )
