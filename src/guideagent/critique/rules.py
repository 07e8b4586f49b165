"""The deterministic critic: question checks and guide checks, used by both engines.

`critique_question` runs the five question-level checks (closed, leading,
double_barreled, hypothetical, jargon) on one question; `critique_guide` runs them on
every question of a guide and adds the guide-level checks (objectives, rapport, wrap-up,
probes, timing, participant spread). No I/O, no model: the same input always gives the
same findings, fast enough to run on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable

from guideagent.critique import closed, double, hypothetical, jargon, leading
from guideagent.critique.guide_checks import guide_findings
from guideagent.critique.rewrite import restore_case
from guideagent.critique.text import Hit, parse
from guideagent.schemas import Critique, Finding, Guide, Study
from guideagent.schemas.critique import Code


def critique_question(
    text: str, question_id: str | None = None, allowed_terms: Iterable[str] = ()
) -> list[Finding]:
    """Findings for one question, in a stable order: closed, leading, double, hypothetical, jargon."""
    if not text or not text.strip():
        return []
    p = parse(text)
    if not p.core:
        return []
    hits: list[tuple[Code, Hit | None]] = [
        (Code.closed, closed.check(p)),
        (Code.leading, leading.check(p)),
        (Code.double_barreled, double.check(p)),
        (Code.hypothetical, hypothetical.check(p)),
        (Code.jargon, jargon.check(p, allowed_terms)),
    ]
    findings = [
        Finding.make(
            code,
            hit.explanation,
            question_id=question_id,
            rewrite=restore_case(hit.rewrite, p.core) if hit.rewrite else None,
        )
        for code, hit in hits
        if hit is not None
    ]
    return _share_rewrites(findings)


def _share_rewrites(findings: list[Finding]) -> list[Finding]:
    """One question, one suggested wording: a closed+hypothetical question gets the same
    story prompt under both codes, so the PM does not see two competing rewrites."""
    by_code = {f.code: f for f in findings}
    story = next(
        (
            by_code[c].rewrite
            for c in (Code.hypothetical, Code.leading, Code.closed)
            if c in by_code and by_code[c].rewrite
        ),
        None,
    )
    if story is None or Code.double_barreled in by_code:
        return findings
    return [
        f.model_copy(update={"rewrite": story})
        if f.code in (Code.closed, Code.leading, Code.hypothetical)
        else f
        for f in findings
    ]


def critique_guide(guide: Guide, study: Study | None = None) -> Critique:
    """Every question's findings in reading order, then the guide-level findings."""
    allowed = list(study.jargon_allowed) if study else []
    findings: list[Finding] = []
    for question in guide.questions():
        findings += critique_question(question.text, question.id, allowed)
    findings += guide_findings(guide, study)
    return Critique(findings=findings, engine="offline")


def without_allowed_jargon(
    critique: Critique, guide: Guide, allowed_terms: Iterable[str]
) -> Critique:
    """Drop jargon findings on questions whose every flagged term is now allowed.

    For a guide critiqued without a study (where `jargon_allowed` lives), so `--allow`
    still applies without inventing a study that would trigger study-level checks."""
    allowed = list(allowed_terms)
    cleared = {q.id for q in guide.questions() if not jargon.jargon_terms(parse(q.text), allowed)}
    kept = [
        f for f in critique.findings if not (f.code == Code.jargon and f.question_id in cleared)
    ]
    return critique.model_copy(update={"findings": kept})


__all__ = ["critique_guide", "critique_question", "without_allowed_jargon"]
