"""LLM critique: the rules critic always runs first; the model confirms, adds and rewrites
(DESIGN rule 5), and every finding says which it came from. The model references question
ids; code keeps only ids the guide has (rule 3).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from guideagent.llm import StructuredLLM
from guideagent.schemas import Critique, Guide, Study
from guideagent.schemas.critique import Code, Finding, FindingSource


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


def critique_guide(llm: StructuredLLM, guide: Guide, study: Study | None = None) -> Critique:
    from guideagent.critique.rules import critique_guide as rules_critique

    rules = rules_critique(guide, study)
    answer = llm.call(
        "critique_guide", CritiqueAnswer, guide=guide, study=study, rules_findings=rules.findings
    )
    return Critique(findings=merge_findings(guide, rules.findings, answer), engine="llm")


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
