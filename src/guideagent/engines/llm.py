"""The LLM engine: openai + instructor over any OpenAI-compatible endpoint.

The rules critic always runs first; the model confirms, adds and rewrites (DESIGN rule 5).
The model references ids; code resolves them (rule 3).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from guideagent.config import Settings
from guideagent.llm import StructuredLLM
from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.critique import Code, Finding, FindingSource
from guideagent.schemas.synthesis import InterviewNotes, Synthesis


class ReviewedFinding(BaseModel):
    reasoning: str = Field(
        description="Think first: why the question does or does not break the principle."
    )
    verdict: Literal["confirm", "add"] = Field(
        description="'confirm' a finding you were given, or 'add' one the rules missed."
    )
    code: Code
    question_id: str | None = Field(description="The question's id, or null for the whole guide.")
    explanation: str = Field(description="One or two sentences a PM understands.")
    rewrite: str | None = Field(
        default=None, description="A better, open, neutral wording that keeps the intent."
    )


class CritiqueAnswer(BaseModel):
    findings: list[ReviewedFinding] = Field(default_factory=list)


class LLMEngine:
    name = "llm"

    def __init__(self, settings: Settings, llm: StructuredLLM | None = None) -> None:
        self.settings = settings
        self.llm = llm or StructuredLLM(settings)

    # -- critique -------------------------------------------------------------------------
    def critique_guide(self, guide: Guide, study: Study | None = None) -> Critique:
        from guideagent.critique.rules import critique_guide

        rules = critique_guide(guide, study)
        answer = self.llm.call(
            "critique_guide",
            CritiqueAnswer,
            guide=guide,
            study=study,
            rules_findings=rules.findings,
        )
        return Critique(findings=merge_findings(guide, rules.findings, answer), engine=self.name)

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


def merge_findings(guide: Guide, rules: list[Finding], answer: CritiqueAnswer) -> list[Finding]:
    """Rules findings always stay; the model can confirm them (and improve their wording)
    and add its own. Findings about questions that do not exist are dropped."""
    known_ids = {q.id for q in guide.questions()}
    merged = [f.model_copy() for f in rules]
    index = {(f.code, f.question_id): f for f in merged}
    for item in answer.findings:
        if item.question_id is not None and item.question_id not in known_ids:
            continue
        existing = index.get((item.code, item.question_id))
        if existing is not None:
            existing.source = FindingSource.confirmed
            existing.explanation = item.explanation or existing.explanation
            existing.rewrite = item.rewrite or existing.rewrite
            continue
        if item.verdict != "add":
            continue
        finding = Finding.make(
            item.code,
            item.explanation,
            question_id=item.question_id,
            rewrite=item.rewrite,
            source=FindingSource.llm,
        )
        merged.append(finding)
        index[(finding.code, finding.question_id)] = finding
    return merged
