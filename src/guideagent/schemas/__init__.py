"""Pydantic domain models, one module per noun. No I/O here.

Named "schemas" because "model" already means the LLM. Field descriptions double as
guidance for the LLM: instructor sends them with the schema.
"""

from guideagent.schemas.critique import Code, Critique, Finding, FindingSource, Severity
from guideagent.schemas.guide import Guide, Probe, Question, Revision, Section, SectionKind
from guideagent.schemas.study import (
    Context,
    Objective,
    ObjectiveKind,
    ParticipantPlan,
    Segment,
    Study,
)
from guideagent.schemas.transcript import Role, Transcript, Utterance

__all__ = [
    "Code",
    "Context",
    "Critique",
    "Finding",
    "FindingSource",
    "Guide",
    "Objective",
    "ObjectiveKind",
    "ParticipantPlan",
    "Probe",
    "Question",
    "Revision",
    "Role",
    "Section",
    "SectionKind",
    "Segment",
    "Severity",
    "Study",
    "Transcript",
    "Utterance",
]
