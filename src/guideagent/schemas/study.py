"""A study: what the PM wants to learn, from whom, and in how long a session."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from guideagent.schemas.transcript import Role

# A misspelt key in a hand-written brief is an error, not silently ignored.
_STRICT = ConfigDict(extra="forbid")


class ObjectiveKind(StrEnum):
    discover_needs = "discover_needs"
    validate_idea = "validate_idea"
    improve_feature = "improve_feature"
    other = "other"


class Objective(BaseModel):
    model_config = _STRICT

    id: str = Field(description="Stable id, e.g. 'o1'.")
    text: str = Field(description="What the team wants to learn, in one sentence.")
    kind: ObjectiveKind = ObjectiveKind.other


class Context(BaseModel):
    model_config = _STRICT

    product: str = ""
    audience: str = ""


class Segment(BaseModel):
    model_config = _STRICT

    name: str
    count: int = Field(default=1, ge=0)


class ParticipantPlan(BaseModel):
    model_config = _STRICT

    segments: list[Segment] = Field(default_factory=list)
    screener: list[str] = Field(default_factory=list)
    diversity: list[str] = Field(
        default_factory=list, description="The spread the plan aims for (tenure, region, ability…)."
    )

    def total(self) -> int:
        return sum(s.count for s in self.segments)


class Study(BaseModel):
    """The study brief. Its JSON form is DESIGN.md's brief, so briefs load directly."""

    model_config = _STRICT

    title: str = "Untitled study"
    context: Context = Field(default_factory=Context)
    objectives: list[Objective] = Field(default_factory=list)
    session_minutes: int = Field(default=45, gt=0)
    participants: ParticipantPlan = Field(default_factory=ParticipantPlan)
    jargon_allowed: list[str] = Field(
        default_factory=list,
        description="Terms the participants share, so the critic does not flag them as jargon.",
    )
    redact_names: list[str] = Field(
        default_factory=list, description="Names to redact before text goes to a provider."
    )
    roles: dict[str, Role] = Field(
        default_factory=dict,
        description="Speaker roles that override detection: 'Name' for every transcript, "
        "'file-stem:Name' for one (roles: interviewer, participant, observer, unknown).",
    )

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)
