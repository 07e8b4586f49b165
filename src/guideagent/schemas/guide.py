"""An interview guide: sections of open-ended questions with probes and interviewer notes."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import BaseModel, Field


class SectionKind(StrEnum):
    warm_up = "warm_up"
    main = "main"
    wrap_up = "wrap_up"


class Probe(BaseModel):
    """A follow-up the interviewer asks when the answer needs depth."""

    text: str = Field(
        description="The follow-up, asking for a specific example, a feeling or what happened next."
    )


class Question(BaseModel):
    """A main question, asked of every participant."""

    id: str = Field(description="Stable id, unique in the guide, e.g. 'q7'.")
    text: str = Field(description="The question exactly as the interviewer would say it.")
    probes: list[Probe] = Field(default_factory=list, description="Follow-ups for depth.")
    objective_ids: list[str] = Field(
        default_factory=list, description="Ids of the study objectives this question serves."
    )
    minutes: float | None = Field(
        default=None,
        description="Estimated minutes to ask it and hear the answer, probes included.",
    )
    note: str | None = Field(default=None, description="A note to the interviewer, not read aloud.")


class Section(BaseModel):
    id: str = Field(description="Stable id, unique in the guide, e.g. 's2'.")
    title: str
    kind: SectionKind = SectionKind.main
    objective_ids: list[str] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="Notes to the interviewer that are not questions."
    )
    questions: list[Question] = Field(default_factory=list)


class Revision(BaseModel):
    """One change the revise loop made, so the PM can see what changed and why."""

    question_id: str
    before: str
    after: str
    reason: str = Field(description="The finding codes and explanation that caused the change.")
    round: int = 1


class Guide(BaseModel):
    title: str = ""
    intro: list[str] = Field(
        default_factory=list, description="Notes before the first section (consent, recording)."
    )
    sections: list[Section] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def section_of(self, question_id: str) -> Section | None:
        return next(
            (s for s in self.sections if any(q.id == question_id for q in s.questions)), None
        )

    def total_minutes(self) -> float:
        return sum(q.minutes or 0.0 for q in self.questions())

    def renumbered(self) -> Guide:
        """A copy with ids s1.., q1.. in reading order: ids stay unique after edits."""
        guide = self.model_copy(deep=True)
        n = 0
        for i, section in enumerate(guide.sections, 1):
            section.id = f"s{i}"
            for question in section.questions:
                n += 1
                question.id = f"q{n}"
        return guide
