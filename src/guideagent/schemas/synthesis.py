"""Notes per interview and themes across interviews.

Trust rules live in the shape: a quote cites a transcript and an utterance; a theme
holds insight ids, and its participants and counts are computed by code from them.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

# A theme shows each participant's strongest quotes first, at most this many from one
# person (so one talkative participant cannot fill it) and this many in all. Both engines
# use these, so their outputs and eval scores compare like with like.
QUOTES_PER_THEME = 10
QUOTES_PER_PARTICIPANT = 2


class InsightKind(StrEnum):
    pain_point = "pain_point"
    need = "need"
    behaviour = "behaviour"
    goal = "goal"
    workaround = "workaround"
    delight = "delight"


class Quote(BaseModel):
    transcript_id: str
    utterance_id: str = Field(description="The id of the utterance the quote is taken from.")
    participant_id: str
    text: str = Field(description="Words copied exactly from that utterance.")
    start: float | None = None


class Insight(BaseModel):
    id: str = Field(description="Unique across the study, e.g. 'P3-i2'.")
    transcript_id: str
    participant_id: str
    kind: InsightKind
    text: str = Field(description="The insight in one plain sentence.")
    quotes: list[Quote] = Field(default_factory=list)
    objective_ids: list[str] = Field(default_factory=list)
    question_ids: list[str] = Field(default_factory=list)


class InterviewNotes(BaseModel):
    """The map step's result for one transcript; cached in the study folder."""

    transcript_id: str
    participant_ids: list[str] = Field(default_factory=list)
    summary: str = ""
    insights: list[Insight] = Field(default_factory=list)
    answered_question_ids: list[str] = Field(default_factory=list)
    answered_objective_ids: list[str] = Field(default_factory=list)
    dropped_quotes: int = Field(default=0, description="Quotes the grounding step rejected.")
    dropped_insights: int = Field(
        default=0, description="Insights the grounding step removed: none of their quotes verified."
    )
    engine: str = "offline"


class Theme(BaseModel):
    id: str
    label: str
    description: str = ""
    insight_ids: list[str] = Field(default_factory=list)
    participant_ids: list[str] = Field(
        default_factory=list, description="Computed from the insights, never from model text."
    )
    quotes: list[Quote] = Field(default_factory=list)
    objective_ids: list[str] = Field(default_factory=list)
    disagreements: list[str] = Field(default_factory=list)


class CoverageCell(BaseModel):
    """Whether one participant answered one objective or guide question, and a quote showing it."""

    participant_id: str
    answered: bool = False
    quote: Quote | None = None


class CoverageRow(BaseModel):
    """One objective or guide question across all participants. Computed from the notes."""

    id: str
    text: str = ""
    cells: list[CoverageCell] = Field(default_factory=list)


class Synthesis(BaseModel):
    title: str = ""
    engine: str = "offline"
    participant_ids: list[str] = Field(default_factory=list)
    notes: list[InterviewNotes] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    signals: list[Theme] = Field(
        default_factory=list, description="Said by one participant only: kept, not promoted."
    )
    unthemed_insight_ids: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)
    dropped_quotes: int = 0
    dropped_insights: int = 0
    cited_share: dict[str, float] = Field(
        default_factory=dict, description="Per participant, the share of their words quoted."
    )
    objective_coverage: list[CoverageRow] = Field(
        default_factory=list, description="Objectives x participants: where each was answered."
    )
    question_coverage: list[CoverageRow] = Field(
        default_factory=list, description="Guide questions x participants: where each was answered."
    )
    transcript_sources: dict[str, str] = Field(
        default_factory=dict, description="Transcript id -> the file it was read from, for links."
    )

    def prevalence(self, theme: Theme) -> str:
        return f"{len(theme.participant_ids)} of {len(self.participant_ids)}"
