"""Critique findings, in the taxonomy of DESIGN.md, tied to the seed's principles."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Code(StrEnum):
    # question-level
    closed = "closed"
    leading = "leading"
    double_barreled = "double_barreled"
    hypothetical = "hypothetical"
    jargon = "jargon"
    rating_scale = "rating_scale"  # a rating whose scale is unlabelled or unbalanced
    # guide-level
    no_objectives = "no_objectives"
    objective_uncovered = "objective_uncovered"
    no_rapport = "no_rapport"
    no_wrap_up = "no_wrap_up"
    no_probes = "no_probes"
    over_time = "over_time"
    participants_not_diverse = "participants_not_diverse"


QUESTION_CODES: tuple[Code, ...] = (
    Code.closed,
    Code.leading,
    Code.double_barreled,
    Code.hypothetical,
    Code.jargon,
    Code.rating_scale,
)
GUIDE_CODES: tuple[Code, ...] = tuple(c for c in Code if c not in QUESTION_CODES)

# The seed's principles and steps, as the product names them to a PM.
PRINCIPLE: dict[Code, str] = {
    Code.closed: "Ask open-ended questions",
    Code.leading: "Ask open-ended questions",
    Code.double_barreled: "Ask open-ended questions",
    Code.hypothetical: "Uncover insights (specific examples)",
    Code.jargon: "Build rapport",
    Code.rating_scale: "Ask open-ended questions",
    Code.no_objectives: "Define clear objectives",
    Code.objective_uncovered: "Define clear objectives",
    Code.no_rapport: "Build rapport",
    Code.no_wrap_up: "Adaptability",
    Code.no_probes: "Uncover insights (specific examples)",
    Code.over_time: "Preparation",
    Code.participants_not_diverse: "Identify the right participants",
}

DEFAULT_SEVERITY: dict[Code, Severity] = {
    Code.closed: Severity.error,
    Code.leading: Severity.error,
    Code.double_barreled: Severity.error,
    Code.hypothetical: Severity.warning,
    Code.jargon: Severity.warning,
    Code.rating_scale: Severity.warning,
    Code.no_objectives: Severity.warning,
    Code.objective_uncovered: Severity.error,
    Code.no_rapport: Severity.warning,
    Code.no_wrap_up: Severity.warning,
    Code.no_probes: Severity.warning,
    Code.over_time: Severity.error,
    Code.participants_not_diverse: Severity.warning,
}


class FindingSource(StrEnum):
    rules = "rules"  # the deterministic critic alone
    llm = "llm"  # added by the model
    confirmed = "confirmed"  # a rules finding the model confirmed


class Finding(BaseModel):
    """One problem with a question or the guide as a whole."""

    explanation: str = Field(description="Why this is a problem, in words a PM understands.")
    code: Code
    severity: Severity
    principle: str = Field(description="The interviewing principle the finding serves.")
    question_id: str | None = Field(
        default=None, description="The question concerned; None for guide-level findings."
    )
    rewrite: str | None = Field(
        default=None, description="A better wording that keeps the intent, where one makes sense."
    )
    probe: int | None = Field(
        default=None,
        description="For a finding about one of the question's probes: its index (0-based).",
    )
    parts: list[str] = Field(
        default_factory=list,
        description="For a double-barreled question: each half as a question of its own.",
    )
    source: FindingSource = FindingSource.rules

    @classmethod
    def make(
        cls,
        code: Code,
        explanation: str,
        *,
        question_id: str | None = None,
        rewrite: str | None = None,
        severity: Severity | None = None,
        source: FindingSource = FindingSource.rules,
        probe: int | None = None,
        parts: list[str] | None = None,
    ) -> Finding:
        return cls(
            code=code,
            severity=severity or DEFAULT_SEVERITY[code],
            principle=PRINCIPLE[code],
            question_id=question_id,
            explanation=explanation,
            rewrite=rewrite,
            source=source,
            probe=probe,
            parts=parts or [],
        )


class Critique(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    engine: str = "offline"

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.error for f in self.findings)

    def for_question(self, question_id: str) -> list[Finding]:
        return [f for f in self.findings if f.question_id == question_id]

    def guide_level(self) -> list[Finding]:
        return [f for f in self.findings if f.question_id is None]

    def codes_for(self, question_id: str) -> set[Code]:
        return {f.code for f in self.for_question(question_id)}
