"""The offline drafter: a sound guide from the question bank, no key, no network.

Structure (the seed's implementation steps): consent and listening notes, a warm-up that
builds rapport, one section per objective with open questions about past experience and
probes for specific examples and feelings, then a wrap-up. Each question is checked with
the rules critic as it is picked, so an offline draft carries no error-severity finding,
and near-duplicates are skipped so the guide never asks the same thing twice.

Time: the largest plan that fits the session (more questions, then more probes, then a
longer warm-up and wrap-up), never fewer than two main questions per objective. If even
that does not fit, the draft keeps them and the critic reports `over_time`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guideagent.drafting import bank
from guideagent.drafting.bank import Candidate
from guideagent.drafting.topic import Topic, kind_of, topic_of
from guideagent.errors import GuideAgentError
from guideagent.schemas import (
    Critique,
    Guide,
    Objective,
    ObjectiveKind,
    Probe,
    Question,
    Revision,
    Section,
    SectionKind,
    Severity,
    Study,
)

MAIN_MAX = 4  # main questions per objective; the plans never go below 2
SIDE_MINUTES = 2.0  # one warm-up or wrap-up question
DUPLICATE = (
    90  # rapidfuzz token-set ratio at which two questions ask the same thing (as the evals count)
)


def main_minutes(probes: int) -> float:
    """A main question takes about 2 minutes, plus 1 for each probe asked."""
    return 2.0 + probes


@dataclass(frozen=True)
class Plan:
    questions: int  # main questions per objective
    probes: int  # probes per main question
    warm: int
    wrap: int

    def minutes(self, objectives: int) -> float:
        main = objectives * self.questions * main_minutes(self.probes)
        return main + (self.warm + self.wrap) * SIDE_MINUTES


LADDER = [
    Plan(4, 3, 3, 3),
    Plan(3, 3, 3, 3),
    Plan(3, 2, 3, 3),
    Plan(3, 2, 2, 2),
    Plan(2, 3, 2, 2),
    Plan(2, 2, 2, 2),
    Plan(2, 2, 1, 1),
    Plan(2, 1, 2, 2),
    Plan(2, 1, 1, 1),
]


def plan_for(objectives: int, session_minutes: int) -> tuple[Plan, list[int]]:
    """The plan that fits, and main questions per objective after topping up spare time."""
    n = max(1, objectives)
    plan = next((p for p in LADDER if p.minutes(n) <= session_minutes), LADDER[-1])
    counts = [plan.questions] * n
    spare = session_minutes - plan.minutes(n)
    for i in range(n):
        if counts[i] < MAIN_MAX and spare >= main_minutes(plan.probes):
            counts[i] += 1
            spare -= main_minutes(plan.probes)
    return plan, counts


class Picker:
    """Picks questions that pass the rules critic and repeat nothing already in the guide.

    Questions with no finding at all come first; ones with only warnings (a product name
    the critic does not know, say) are taken when nothing clean is left."""

    def __init__(self, allowed_terms: Iterable[str] = (), used: Iterable[str] = ()) -> None:
        self.allowed = list(allowed_terms)
        self.used: list[str] = list(used)

    def findings(self, text: str) -> list | None:
        """The critic's findings, or None when the text repeats a question already used."""
        from rapidfuzz import fuzz

        from guideagent.critique.rules import critique_question

        if any(fuzz.token_set_ratio(text.lower(), u.lower()) >= DUPLICATE for u in self.used):
            return None
        return critique_question(text, "q", self.allowed)

    def take(self, candidates: Iterable[Candidate], n: int) -> list[Candidate]:
        candidates = list(candidates)
        chosen: dict[int, Candidate] = {}
        for strict in (True, False):
            for i, candidate in enumerate(candidates):
                if len(chosen) == n:
                    break
                if i in chosen:
                    continue
                found = self.findings(candidate.text)
                if found is None or (
                    found if strict else any(f.severity == Severity.error for f in found)
                ):
                    continue
                chosen[i] = candidate
                self.used.append(candidate.text)
        return [chosen[i] for i in sorted(chosen)]


def kind_for(objective: Objective | None) -> ObjectiveKind:
    """The objective's kind; "other" (the default, and what eval studies carry) is read
    from the objective's wording instead."""
    if objective is None:
        return ObjectiveKind.other
    return objective.kind if objective.kind != ObjectiveKind.other else kind_of(objective.text)


def topic_for(objective: Objective | None, study: Study) -> Topic:
    if objective is None:
        return Topic(subject=product_name(study) or "your work")
    idea = kind_for(objective) == ObjectiveKind.validate_idea
    return topic_of(objective.text, study.context.audience, idea=idea)


def product_name(study: Study) -> str:
    """ "FreshCrate, a weekly meal-kit subscription (web and mobile)" -> "FreshCrate"."""
    return re.split(r",|\s+[(–—-]\s*", study.context.product.strip(), maxsplit=1)[0].strip()


def candidates_for(objective: Objective | None, study: Study) -> list[Candidate]:
    """Every bank question for an objective, best first: its own kind with the full topic,
    then a simpler topic (cut before "and"), then the other kinds' wordings."""
    topic = topic_for(objective, study)
    topics = [t for t in (topic, topic.simpler()) if t is not None]
    kind = kind_for(objective)
    kinds = [kind, *(k for k in (ObjectiveKind.discover_needs, ObjectiveKind.other) if k != kind)]
    return [c for k in kinds for t in topics for c in bank.main_questions(k, t)]


def side_candidates(kind: SectionKind, study: Study) -> list[Candidate]:
    if kind == SectionKind.wrap_up:
        return [Candidate(t) for t in bank.WRAP_UP]
    texts = list(bank.WARM_UP)
    if product_name(study) and any(
        kind_for(o) == ObjectiveKind.improve_feature for o in study.objectives
    ):
        texts.insert(2, bank.WARM_UP_PRODUCT.format(product=product_name(study)))
    return [Candidate(t) for t in texts]


def _objective_questions(picker: Picker, candidates: list[Candidate], n: int) -> list[Candidate]:
    """n questions; a validate_idea concept question (it has a note) goes last, if n >= 3."""
    regular = [c for c in candidates if c.note is None]
    closing = [c for c in candidates if c.note is not None]
    if n >= 3 and closing:
        first = picker.take(regular, n - 1)
        return first + (picker.take(closing, 1) or picker.take(regular, 1))
    return picker.take(regular, n)


def _main_question(candidate: Candidate, n: int, probes: int, objective_ids: list[str]) -> Question:
    texts = list(candidate.probes[:probes]) or bank.probes(n, probes)
    return Question(
        id="",
        text=candidate.text,
        note=candidate.note,
        probes=[Probe(text=p) for p in texts],
        objective_ids=objective_ids,
        minutes=main_minutes(probes),
    )


def _side_question(text: str) -> Question:
    return Question(id="", text=text, minutes=SIDE_MINUTES)


def draft_guide(study: Study) -> Guide:
    """A guide for the study, about its own topics, that fits its session."""
    plan, counts = plan_for(len(study.objectives), study.session_minutes)
    picker = Picker(study.jargon_allowed)
    warm = picker.take(side_candidates(SectionKind.warm_up, study), plan.warm)
    sections = [
        Section(
            id="",
            title="Warm-up",
            kind=SectionKind.warm_up,
            notes=["Build rapport: keep it light, and show you are listening."],
            questions=[_side_question(c.text) for c in warm],
        )
    ]
    objectives: list[Objective | None] = list(study.objectives) or [None]
    asked = 0
    for objective, count in zip(objectives, counts, strict=False):
        topic = topic_for(objective, study)
        ids = [objective.id] if objective else []
        kind = kind_for(objective)
        chosen = _objective_questions(picker, candidates_for(objective, study), count)
        questions = []
        for candidate in chosen:
            questions.append(_main_question(candidate, asked, plan.probes, ids))
            asked += 1
        notes = [f"Objective {objective.id}: {objective.text}"] if objective else []
        notes.append(bank.SECTION_NOTE[kind].format(idea=topic.idea or topic.subject))
        sections.append(
            Section(id="", title=topic.title, objective_ids=ids, notes=notes, questions=questions)
        )
    wrap = picker.take(side_candidates(SectionKind.wrap_up, study), plan.wrap)
    sections.append(
        Section(
            id="",
            title="Wrap-up",
            kind=SectionKind.wrap_up,
            notes=[bank.WRAP_NOTE],
            questions=[_side_question(c.text) for c in wrap],
        )
    )
    intro = [note.format(minutes=study.session_minutes) for note in bank.INTRO]
    guide = Guide(title=f"{study.title}: interview guide", intro=intro, sections=sections)
    return guide.renumbered()


def alternatives(guide: Guide, study: Study | None, question: Question) -> list[Candidate]:
    """The bank's other wordings for a question, judged by its section and objective."""
    section = guide.section_of(question.id)
    if study is None or section is None:
        return []
    if section.kind != SectionKind.main:
        return side_candidates(section.kind, study)
    objective = next(
        (study.objective(i) for i in question.objective_ids if study.objective(i)), None
    )
    return candidates_for(objective, study)


def revise_guide(guide: Guide, critique: Critique, study: Study | None = None) -> Guide:
    """Rewrite each question with an error finding: the critic's own rewrite when it passes,
    else another wording from the bank. Each change is recorded as a Revision."""
    round_no = max((r.round for r in guide.revisions), default=0) + 1
    revised = guide.model_copy(deep=True)
    picker = Picker(study.jargon_allowed if study else (), [q.text for q in revised.questions()])
    for question in revised.questions():
        errors = [f for f in critique.for_question(question.id) if f.severity == Severity.error]
        if not errors:
            continue
        rewrites = [Candidate(f.rewrite) for f in errors if f.rewrite]
        chosen = picker.take([*rewrites, *alternatives(guide, study, question)], 1)
        if not chosen:
            continue
        reason = "; ".join(f"{f.code.value}: {f.explanation}" for f in errors)
        revised.revisions.append(
            Revision(
                question_id=question.id,
                before=question.text,
                after=chosen[0].text,
                reason=reason,
                round=round_no,
            )
        )
        question.text, question.note = chosen[0].text, chosen[0].note or question.note
    return revised


def regenerate(guide: Guide, study: Study, target_id: str) -> Guide:
    """Redraft one question (q-id) or one section (s-id) with other bank wordings; every
    other part of the guide stays exactly as it was, ids included."""
    redrafted = guide.model_copy(deep=True)
    picker = Picker(study.jargon_allowed, [q.text for q in guide.questions()])
    question = redrafted.question(target_id)
    if question is not None:
        chosen = picker.take(alternatives(guide, study, question), 1)
        if not chosen:
            raise GuideAgentError(
                f"The offline bank has no other wording for {target_id}; edit it by hand or use the LLM engine.",
                title="Nothing to regenerate",
            )
        _replace(question, chosen[0])
        return redrafted
    section = next((s for s in redrafted.sections if s.id == target_id), None)
    if section is None:
        raise GuideAgentError(
            f"The guide has no question or section {target_id!r}.", title="Nothing to regenerate"
        )
    for question in section.questions:
        chosen = picker.take(alternatives(guide, study, question), 1)
        if chosen:
            _replace(question, chosen[0])
    return redrafted


def _replace(question: Question, candidate: Candidate) -> None:
    """New wording and a different set of probes, same id, objectives and length."""
    count = len(question.probes)
    current = [p.text for p in question.probes]
    options = [list(candidate.probes[:count])] if candidate.probes else []
    options += [bank.probes(n, count) for n in range(len(bank.PROBES["example"]))]
    fresh = next((o for o in options if o != current), current)
    question.probes = [Probe(text=p) for p in fresh]
    question.text, question.note = candidate.text, candidate.note
