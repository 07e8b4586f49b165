"""LLM drafting: draft, revise and regenerate a guide through prompts/*.md.

The model answers in small LLM-facing schemas (no ids); code assigns ids and keeps only
objective ids the study has (DESIGN rule 3: the model references, code resolves). Revision
sends only the questions with error findings, so every other question stays byte-identical.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from guideagent.llm import StructuredLLM
from guideagent.schemas import (
    Critique,
    Guide,
    Probe,
    Question,
    Revision,
    Section,
    SectionKind,
    Severity,
    Study,
)


class DraftQuestion(BaseModel):
    text: str = Field(
        description="One open question about the participant's own past experience, worded as the interviewer says it."
    )
    probes: list[str] = Field(
        default_factory=list,
        description="Two or three follow-ups: a specific example, how they felt, what happened next.",
    )
    objective_ids: list[str] = Field(
        default_factory=list,
        description="Ids of the study objectives this question serves, from the list given.",
    )
    minutes: float = Field(
        default=4.0, description="Estimated minutes to ask it and hear the answer, probes included."
    )
    note: str | None = Field(default=None, description="A note to the interviewer, not read aloud.")


class DraftSection(BaseModel):
    title: str
    kind: SectionKind = Field(
        default=SectionKind.main,
        description="warm_up for the first section, wrap_up for the last, main otherwise.",
    )
    objective_ids: list[str] = Field(
        default_factory=list, description="The objectives this section serves."
    )
    notes: list[str] = Field(
        default_factory=list, description="Notes to the interviewer for this section."
    )
    questions: list[DraftQuestion] = Field(default_factory=list)


class DraftAnswer(BaseModel):
    plan: str = Field(
        default="",
        description="Think first: how the sections cover every objective within the session length.",
    )
    title: str = Field(description="A short title for the guide.")
    intro: list[str] = Field(
        default_factory=list,
        description="Notes before the first question: consent, recording, no right answers.",
    )
    sections: list[DraftSection]


class Rewrite(BaseModel):
    reasoning: str = Field(
        default="",
        description="Think first: what the findings say is wrong, and how to keep the intent.",
    )
    question_id: str = Field(description="The id of a question you were asked to rewrite.")
    text: str = Field(
        description="The new wording: open, neutral, one thing at a time, about past experience."
    )


class ReviseAnswer(BaseModel):
    rewrites: list[Rewrite] = Field(default_factory=list)


# -- drafting -------------------------------------------------------------------------------


def draft_guide(llm: StructuredLLM, study: Study) -> Guide:
    answer = llm.call("draft_guide", DraftAnswer, study=_study_vars(study))
    known = {o.id for o in study.objectives}
    guide = Guide(
        title=answer.title.strip() or f"{study.title}: interview guide",
        intro=[n for n in answer.intro if n.strip()],
        sections=[_section(s, "", known) for s in answer.sections],
    )
    return guide.renumbered()


def _section(
    draft: DraftSection, section_id: str, known: set[str], ids: list[str] | None = None
) -> Section:
    ids = list(ids or [])
    return Section(
        id=section_id,
        title=draft.title.strip(),
        kind=draft.kind,
        objective_ids=[i for i in draft.objective_ids if i in known],
        notes=[n for n in draft.notes if n.strip()],
        questions=[
            _question(q, ids.pop(0) if ids else "", known)
            for q in draft.questions
            if q.text.strip()
        ],
    )


def _question(draft: DraftQuestion, question_id: str, known: set[str]) -> Question:
    return Question(
        id=question_id,
        text=draft.text.strip(),
        probes=[Probe(text=p.strip()) for p in draft.probes if p.strip()],
        objective_ids=[i for i in draft.objective_ids if i in known],
        minutes=draft.minutes if draft.minutes > 0 else None,
        note=(draft.note or "").strip() or None,
    )


# -- revising -------------------------------------------------------------------------------


def revise_guide(
    llm: StructuredLLM, guide: Guide, critique: Critique, study: Study | None = None
) -> Guide:
    """Send the questions with error findings (only those) to be rewritten; apply the answers
    to those ids alone, and record each change as a Revision."""
    flagged = {
        q.id: [f for f in critique.for_question(q.id) if f.severity == Severity.error]
        for q in guide.questions()
    }
    flagged = {qid: errors for qid, errors in flagged.items() if errors}
    if not flagged:
        return guide
    questions = {q.id: q for q in guide.questions()}
    items = [
        {
            "id": qid,
            "text": questions[qid].text,
            "objectives": _objective_texts(study, questions[qid].objective_ids),
            "findings": [
                {"code": f.code.value, "explanation": f.explanation, "rewrite": f.rewrite}
                for f in errors
            ],
        }
        for qid, errors in flagged.items()
    ]
    answer = llm.call(
        "revise_guide", ReviseAnswer, study=_study_vars(study) if study else None, questions=items
    )
    round_no = max((r.round for r in guide.revisions), default=0) + 1
    revised = guide.model_copy(deep=True)
    for rewrite in answer.rewrites:
        question = revised.question(rewrite.question_id)
        text = " ".join(rewrite.text.split())
        if (
            rewrite.question_id not in flagged
            or question is None
            or not text
            or text == question.text
        ):
            continue
        reason = "; ".join(f"{f.code.value}: {f.explanation}" for f in flagged[rewrite.question_id])
        revised.revisions.append(
            Revision(
                question_id=question.id,
                before=question.text,
                after=text,
                reason=reason,
                round=round_no,
            )
        )
        question.text = text
        flagged.pop(rewrite.question_id)  # one rewrite per question
    return revised


# -- regenerating ---------------------------------------------------------------------------


def regenerate(llm: StructuredLLM, guide: Guide, study: Study, target_id: str) -> Guide:
    """Redraft one question (q-id) or section (s-id); everything else is left as it was."""
    from guideagent.errors import GuideAgentError

    known = {o.id for o in study.objectives}
    redrafted = guide.model_copy(deep=True)
    question = redrafted.question(target_id)
    section = (
        redrafted.section_of(target_id)
        if question
        else next((s for s in redrafted.sections if s.id == target_id), None)
    )
    if section is None:
        raise GuideAgentError(
            f"The guide has no question or section {target_id!r}.", title="Nothing to regenerate"
        )
    replaced = {target_id} if question else {q.id for q in section.questions}
    others = [q.text for q in guide.questions() if q.id not in replaced]
    variables: dict[str, Any] = {
        "study": _study_vars(study),
        "section": {
            "title": section.title,
            "kind": section.kind.value,
            "objective_ids": section.objective_ids,
        },
        "current": [q.text for q in ([question] if question else section.questions)],
        "others": others,
        "target": "question" if question else "section",
    }
    if question is not None:
        answer = llm.call("regenerate", DraftQuestion, **variables)
        fresh = _question(answer, question.id, known)
        fresh.objective_ids = fresh.objective_ids or question.objective_ids
        section.questions[section.questions.index(question)] = fresh
        return redrafted
    answer = llm.call("regenerate", DraftSection, **variables)
    answer.kind = section.kind  # a warm-up stays a warm-up
    ids = [q.id for q in section.questions]
    top = max((int(q.id[1:]) for q in guide.questions() if q.id[1:].isdigit()), default=0)
    ids += [f"q{top + n}" for n in range(1, len(answer.questions) + 1)]
    fresh_section = _section(answer, section.id, known, ids)
    fresh_section.objective_ids = fresh_section.objective_ids or section.objective_ids
    redrafted.sections[redrafted.sections.index(section)] = fresh_section
    return redrafted


# -- prompt variables -----------------------------------------------------------------------


def _study_vars(study: Study) -> dict[str, Any]:
    """Plain data for the prompt: the sandbox sees dicts and strings, not our models."""
    return {
        "title": study.title,
        "product": study.context.product,
        "audience": study.context.audience,
        "session_minutes": study.session_minutes,
        "objectives": [
            {"id": o.id, "text": o.text, "kind": o.kind.value} for o in study.objectives
        ],
        "segments": [s.name for s in study.participants.segments],
        "jargon_allowed": list(study.jargon_allowed),
    }


def _objective_texts(study: Study | None, ids: list[str]) -> list[str]:
    if study is None:
        return []
    return [f"{o.id}: {o.text}" for i in ids if (o := study.objective(i))]
