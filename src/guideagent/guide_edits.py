"""Hand edits to a guide, as pure functions: each returns a new Guide (or Critique) and
leaves its input untouched, so any face (the TUI's guide tab, a script, a test) can edit
a guide and keep the old one for undo or comparison.

Ids stay stable across edits, because findings, notes and coverage refer to them; a new
question gets the next free id. An edit naming an id or index that does not exist changes
nothing. After an edit, `recheck` runs the rules critic again without throwing away what
the model said about the questions the edit did not touch.
"""

from __future__ import annotations

from guideagent.schemas import Critique, Finding, Guide, Probe, Question, Study
from guideagent.schemas.critique import FindingSource

NEW_QUESTION = "Tell me about the last time you …"
NEW_PROBE = "Can you walk me through a specific example?"


def next_question_id(guide: Guide) -> str:
    numbers = [int(q.id[1:]) for q in guide.questions() if q.id[1:].isdigit()]
    return f"q{max(numbers, default=0) + 1}"


def set_question_text(guide: Guide, question_id: str, text: str) -> Guide:
    guide = guide.model_copy(deep=True)
    question = guide.question(question_id)
    if question is not None:
        question.text = text
    return guide


def apply_rewrite(guide: Guide, finding: Finding) -> Guide:
    """The question (or probe) a finding is about, reworded as the finding suggests (if it
    does). A double-barreled question whose finding offers both halves becomes two
    questions, the second right after the first, so neither half is lost."""
    if finding.question_id is None or not (finding.rewrite or finding.parts):
        return guide.model_copy(deep=True)
    if finding.probe is not None:
        if not finding.rewrite:
            return guide.model_copy(deep=True)
        return set_probe(guide, finding.question_id, finding.probe, finding.rewrite)
    if len(finding.parts) == 2:
        first, second = finding.parts
        guide, new_id = add_question(
            set_question_text(guide, finding.question_id, first), finding.question_id
        )
        if not new_id:
            return guide
        original, added = guide.question(finding.question_id), guide.question(new_id)
        if original is not None and added is not None:
            added.text, added.objective_ids = second, list(original.objective_ids)
        return guide
    return set_question_text(guide, finding.question_id, finding.rewrite or "")


def set_section_title(guide: Guide, section_id: str, title: str) -> Guide:
    guide = guide.model_copy(deep=True)
    for section in guide.sections:
        if section.id == section_id:
            section.title = title
    return guide


def add_question(
    guide: Guide, after_id: str | None, section_id: str | None = None
) -> tuple[Guide, str]:
    """A new question after `after_id` (or at the end of the section, or of the last one).
    Returns the guide and the new id ("" when the guide has no section to put it in)."""
    guide = guide.model_copy(deep=True)
    new = Question(id=next_question_id(guide), text=NEW_QUESTION, minutes=3)
    section = guide.section_of(after_id) if after_id else None
    if section is None:
        section = next((s for s in guide.sections if s.id == section_id), None)
    if section is None:
        if not guide.sections:
            return guide, ""
        section = guide.sections[-1]
    index = next(
        (i for i, q in enumerate(section.questions) if q.id == after_id), len(section.questions) - 1
    )
    section.questions.insert(index + 1, new)
    return guide, new.id


def remove_question(guide: Guide, question_id: str) -> Guide:
    guide = guide.model_copy(deep=True)
    for section in guide.sections:
        section.questions = [q for q in section.questions if q.id != question_id]
    return guide


def move_question(guide: Guide, question_id: str, delta: int) -> Guide:
    """Move a question up or down one place; past a section's edge it joins the next one."""
    guide = guide.model_copy(deep=True)
    sections = guide.sections
    for si, section in enumerate(sections):
        for qi, question in enumerate(section.questions):
            if question.id != question_id:
                continue
            target = qi + delta
            if 0 <= target < len(section.questions):
                section.questions.insert(target, section.questions.pop(qi))
            elif 0 <= si + delta < len(sections):
                section.questions.pop(qi)
                other = sections[si + delta]
                other.questions.insert(len(other.questions) if delta < 0 else 0, question)
            return guide
    return guide


def move_section(guide: Guide, section_id: str, delta: int) -> Guide:
    guide = guide.model_copy(deep=True)
    index = next((i for i, s in enumerate(guide.sections) if s.id == section_id), None)
    if index is not None and 0 <= index + delta < len(guide.sections):
        guide.sections.insert(index + delta, guide.sections.pop(index))
    return guide


def set_probe(guide: Guide, question_id: str, index: int, text: str) -> Guide:
    guide = guide.model_copy(deep=True)
    question = guide.question(question_id)
    if question is not None and 0 <= index < len(question.probes):
        question.probes[index].text = text
    return guide


def add_probe(guide: Guide, question_id: str, text: str = NEW_PROBE) -> Guide:
    guide = guide.model_copy(deep=True)
    question = guide.question(question_id)
    if question is not None:
        question.probes.append(Probe(text=text))
    return guide


def remove_probe(guide: Guide, question_id: str, index: int) -> Guide:
    guide = guide.model_copy(deep=True)
    question = guide.question(question_id)
    if question is not None and 0 <= index < len(question.probes):
        question.probes.pop(index)
    return guide


def redrafted_ids(guide: Guide, target_id: str) -> set[str]:
    """What regenerating `target_id` changes: that question, or a section and its questions
    (the set to pass to `recheck` afterwards)."""
    section = next((s for s in guide.sections if s.id == target_id), None)
    return {target_id} | ({q.id for q in section.questions} if section else set())


def recheck(
    guide: Guide, study: Study, previous: Critique | None, changed: set[str] | None
) -> Critique:
    """Run the rules critic again after an edit, keeping what the model said about questions
    that did not change (`changed` None means everything changed).

    Kept: earlier findings on questions still in the guide and not in `changed`, and the
    model's guide-level findings. Fresh from the rules: findings on changed questions and
    the rules' guide-level findings (time, coverage and warm-up may move with any edit)."""
    from guideagent.critique.rules import critique_guide

    rules = critique_guide(guide, study)
    if previous is None or changed is None:
        return rules
    ids = {q.id for q in guide.questions()}
    kept: list[Finding] = [
        f
        for f in previous.findings
        if f.question_id is not None and f.question_id in ids and f.question_id not in changed
    ]
    kept += [
        f for f in previous.findings if f.question_id is None and f.source == FindingSource.llm
    ]
    fresh = [f for f in rules.findings if f.question_id is None or f.question_id in changed]
    return Critique(findings=kept + fresh, engine=previous.engine)
