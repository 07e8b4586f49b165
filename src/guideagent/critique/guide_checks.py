"""Guide-level checks: objectives, rapport, wrap-up, probes, timing and participant spread.

Timing estimate, when a question has no `minutes`: 2.5 minutes for the question and its
answer plus 1 minute per probe. It is a planning figure (a 45-minute session holds about
12 main questions with a couple of probes each), deliberately on the short side so the
check only fires when a guide clearly will not fit.
"""

from __future__ import annotations

import re

from guideagent.critique.keywords import overlaps
from guideagent.language.sections import (
    is_rapport_question,
    is_warm_up,
    is_wrap_up,
    is_wrap_up_question,
)
from guideagent.schemas import Finding, Guide, Question, Study
from guideagent.schemas.critique import Code

MINUTES_PER_QUESTION = 2.5
MINUTES_PER_PROBE = 1.0

_PROBE_LIKE = re.compile(
    r"\b(?:specific|an?)\s+example\b|\btell\s+me\s+more\b|\bwhat\s+happened\s+(?:next|then|after)\b|\bsay\s+more\b"
    r"|\bhow\s+did\s+(?:that|it)\s+(?:make\s+you\s+feel|feel)\b|\bwhat\s+was\s+that\s+like\b|\bwhy\s+was\s+that\b"
    r"|\bwhat\s+did\s+you\s+do\s+(?:then|next)\b|\bwalk\s+me\s+through\s+(?:that|it)\b",
    re.I,
)


def estimated_minutes(question: Question) -> float:
    if question.minutes is not None:
        return question.minutes
    return MINUTES_PER_QUESTION + MINUTES_PER_PROBE * len(question.probes)


def _objectives(guide: Guide, study: Study | None) -> list[Finding]:
    if study is None or not study.objectives:
        why = (
            "There are no study objectives, so nothing says what the interviews must learn or "
            "whether each question earns its time. Add two or three objectives to the study."
        )
        return [Finding.make(Code.no_objectives, why)]
    linked = {oid for s in guide.sections for oid in s.objective_ids}
    linked |= {oid for q in guide.questions() for oid in q.objective_ids}
    unlinked = [(s, q) for s in guide.sections for q in s.questions if not q.objective_ids]
    findings = []
    for objective in study.objectives:
        if objective.id in linked:
            continue
        if any(
            overlaps(objective.text, " ".join([s.title, q.text, *(p.text for p in q.probes)]))
            for s, q in unlinked
        ):
            continue
        why = (
            f'No question serves objective {objective.id} ("{objective.text}"), so the interviews '
            "will not answer it. Add a question about a specific past experience that bears on it."
        )
        findings.append(Finding.make(Code.objective_uncovered, why))
    return findings


def _rapport(guide: Guide) -> list[Finding]:
    if guide.sections and is_warm_up(guide.sections[0]):
        return []
    first = list(guide.questions())[:2]
    if any(is_rapport_question(q.text) for q in first):
        return []
    why = (
        "The guide goes straight to the topic. Start with a short warm-up (their role, a typical day) "
        "so the participant is at ease before you ask about their experiences."
    )
    return [Finding.make(Code.no_rapport, why)]


def _wrap_up(guide: Guide) -> list[Finding]:
    if guide.sections and is_wrap_up(guide.sections[-1]):
        return []
    last = list(guide.questions())[-2:]
    if any(is_wrap_up_question(q.text) for q in last):
        return []
    why = (
        "The guide has no wrap-up. End by asking whether there is anything else they want to share: "
        "it is where unexpected insights come from, and it closes the conversation well."
    )
    return [Finding.make(Code.no_wrap_up, why)]


def _probes(guide: Guide) -> list[Finding]:
    main = [q for s in guide.sections if not (is_warm_up(s) or is_wrap_up(s)) for q in s.questions]
    main = main or list(guide.questions())
    if any(q.probes for q in main) or any(_PROBE_LIKE.search(q.text) for q in guide.questions()):
        return []
    why = (
        'No question has follow-up probes. Plan a few ("Can you give me a specific example?", '
        '"What happened next?", "How did that feel?") so answers go past the surface.'
    )
    return [Finding.make(Code.no_probes, why)]


def _timing(guide: Guide, study: Study | None) -> list[Finding]:
    if study is None:
        return []
    total = sum(estimated_minutes(q) for q in guide.questions())
    if total <= study.session_minutes:
        return []
    why = (
        f"The questions need about {total:.0f} minutes but the session is {study.session_minutes}. "
        f"(Estimate: the minutes set on each question, else {MINUTES_PER_QUESTION:g} per question plus "
        f"{MINUTES_PER_PROBE:g} per probe.) Cut or merge questions, keeping those that serve the objectives."
    )
    return [Finding.make(Code.over_time, why)]


def _participants(study: Study | None) -> list[Finding]:
    if study is None:
        return []
    plan = study.participants
    if len(plan.segments) >= 2 or plan.diversity:
        return []
    why = (
        "The participant plan names fewer than two segments and no diversity criteria, so the "
        "interviews may hear one kind of user. Name the segments and the spread you want (tenure, "
        "region, ability, how often they use the product)."
    )
    return [Finding.make(Code.participants_not_diverse, why)]


def guide_findings(guide: Guide, study: Study | None = None) -> list[Finding]:
    if not any(True for _ in guide.questions()):
        return _objectives(guide, study) + _participants(study)
    return (
        _objectives(guide, study)
        + _rapport(guide)
        + _wrap_up(guide)
        + _probes(guide)
        + _timing(guide, study)
        + _participants(study)
    )
