"""The deterministic critic: question checks and guide checks, used by both engines.

`critique_question` runs the five question-level checks (closed, leading,
double_barreled, hypothetical, jargon) on one question; `critique_guide` runs them on
every question of a guide and adds the guide-level checks (objectives, rapport, wrap-up,
probes, timing, participant spread). No I/O, no model: the same input always gives the
same findings, fast enough to run on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from guideagent.critique import (
    audience,
    closed,
    double,
    hypothetical,
    jargon,
    leading,
    rating,
    suggest,
    usability,
)
from guideagent.critique.audience import allowed_for
from guideagent.critique.guide_checks import guide_findings
from guideagent.critique.text import Hit, Parsed, parse
from guideagent.schemas import Critique, Finding, Guide, Study
from guideagent.schemas.critique import Code, Severity

# How many fixes a rewrite may stack (plain words, then a split, then opening it up).
_MAX_DEPTH = 3


def _hits(p: Parsed, allowed: tuple[str, ...], rewrites: bool = True) -> list[tuple[Code, Hit]]:
    # A usability task or think-aloud prompt ("Find last month's statement.", "Where would
    # you go from here?") asks about what the participant does now, on screen: not a
    # prediction, and the product's own labels on that screen are not jargon.
    task = usability.is_task(p)
    # A scale's slant ("from good to excellent") is the rating-scale finding, not leading.
    scale = rating.check(p)
    found: list[tuple[Code, Hit | None]] = [
        (Code.closed, closed.check(p, suggest=rewrites)),
        (Code.leading, None if scale else leading.check(p, suggest=rewrites)),
        (Code.double_barreled, double.check(p, suggest=rewrites)),
        (Code.hypothetical, None if task else hypothetical.check(p, suggest=rewrites)),
        (Code.jargon, None if task else jargon.check(p, allowed, suggest=rewrites)),
        (Code.rating_scale, scale),
    ]
    return [(code, hit) for code, hit in found if hit is not None]


def _clean(p: Parsed, allowed: tuple[str, ...]) -> bool:
    """No finding at all, the cheapest checks first and stopping at the first one found: the
    same answer as `not _hits(p, allowed)`, for the many candidate rewrites that fail."""
    if closed.check(p, suggest=False) or double.check(p, suggest=False):
        return False
    scale = rating.check(p)
    if scale:
        return False
    task = usability.is_task(p)
    if not task and hypothetical.check(p, suggest=False):
        return False
    if leading.check(p, suggest=False):
        return False
    return task or not jargon.check(p, allowed, suggest=False)


@lru_cache(maxsize=8192)
def _offerable(text: str, allowed: tuple[str, ...], original: str) -> bool:
    """A rewrite we can offer: it reads well and the critic finds nothing in it."""
    return suggest.well_formed(text, original) and _clean(parse(text), allowed)


def _candidates(
    p: Parsed, hits: list[tuple[Code, Hit]], allowed: tuple[str, ...], original: str, depth: int
) -> Iterator[str | None]:
    """Rewrites to try, in order. Fixes compose: plain words first (every other candidate
    would keep the jargon), then the split of a double-barreled question, each partial fix
    then opened up, de-led or brought back to the past in turn; then the checks' own
    rewrites, the question without its loaded words, and templates built from its topic."""
    by_code = dict(hits)
    deeper = depth < _MAX_DEPTH
    if Code.jargon in by_code and deeper:
        plain = jargon.plain_wording(p, allowed)
        if plain:
            yield from _and_its_fixes(plain, allowed, original, depth + 1)
    if Code.double_barreled in by_code:
        first = by_code[Code.double_barreled].rewrite
        if first and deeper:
            yield from _and_its_fixes(first, allowed, original, depth + 1)
    for code in (Code.hypothetical, Code.leading, Code.closed):
        own = by_code[code].rewrite if code in by_code else None
        if own:  # a story about "our amazing new feature" keeps the loaded word: drop it
            yield suggest.neutral_wording(own) or own
    if Code.leading in by_code and deeper:
        neutral = suggest.neutral_wording(p.core)
        if neutral:
            yield from _and_its_fixes(neutral, allowed, original, depth + 1)
    yield from suggest.templates(p)


def _and_its_fixes(
    text: str, allowed: tuple[str, ...], original: str, depth: int
) -> Iterator[str | None]:
    """A partial fix as it stands, then with the critic's remaining findings fixed too."""
    text = suggest.polish(text, original)  # names and acronyms back in their case first
    yield text
    p = parse(text)
    hits = _hits(p, allowed)
    if hits:
        yield from _candidates(p, hits, allowed, original, depth)


def _best(candidates: Iterable[str | None], original: str, allowed: tuple[str, ...]) -> str | None:
    tried: set[str] = set()
    for candidate in candidates:
        if not candidate:
            continue
        text = suggest.polish(candidate, original)
        if text in tried:
            continue
        tried.add(text)
        if _offerable(text, allowed, original):
            return text
    return None


def _repaired(text: str, original: str, allowed: tuple[str, ...]) -> str | None:
    """One part of a double-barreled question, fit to ask on its own."""
    return _best(_and_its_fixes(text, allowed, original, 1), original, allowed)


def _double_explanation(
    hit: Hit, original: str, allowed: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """The explanation, and both halves as questions of their own when each can stand alone
    (applying the finding then keeps both, as two questions)."""
    if len(hit.parts) != 2:
        return hit.explanation, ()
    first, later = (_repaired(part, original, allowed) for part in hit.parts)
    if not (first and later) or first == later:
        return (
            "It asks two things at once, so the participant will answer one and skip the other. "
            "Ask about each separately.",
            (),
        )
    return (
        "It asks two things at once, so the participant will answer one and skip the other. "
        f'Ask "{first}" now and "{later}" separately.',
        (first, later),
    )


def critique_question(
    text: str, question_id: str | None = None, allowed_terms: Iterable[str] = ()
) -> list[Finding]:
    """Findings for one question, in a stable order: closed, leading, double, hypothetical,
    jargon, rating scale.

    One question gets one suggested wording, shared by its findings, and only one the
    critic itself passes: applying it clears every finding. When no candidate passes, the
    findings carry no rewrite rather than a flawed one."""
    if not text or not text.strip():
        return []
    return [
        Finding.make(code, why, question_id=question_id, rewrite=rewrite, parts=list(parts))
        for code, why, rewrite, parts in _judged(text, tuple(allowed_terms))
    ]


@lru_cache(maxsize=16384)
def _judged(
    text: str, allowed: tuple[str, ...]
) -> tuple[tuple[Code, str, str | None, tuple[str, ...]], ...]:
    """The findings of one wording, remembered: a guide is critiqued again after every edit
    and most of its questions have not changed."""
    p = parse(text)
    if not p.core:
        return ()
    hits = _hits(p, allowed)
    if not hits:
        return ()
    rewrite = _best(_candidates(p, hits, allowed, p.core, 0), p.core, allowed)
    judged = []
    for code, hit in hits:
        parts: tuple[str, ...] = ()
        why = hit.explanation
        if code == Code.double_barreled:
            why, parts = _double_explanation(hit, p.core, allowed)
        judged.append((code, why, rewrite, parts))
    return tuple(judged)


# A probe is a follow-up the interviewer may skip: its findings rank one step lower.
_PROBE_SEVERITY = {
    Severity.error: Severity.warning,
    Severity.warning: Severity.info,
    Severity.info: Severity.info,
}


def critique_guide(guide: Guide, study: Study | None = None) -> Critique:
    """Every question's findings in reading order (each question, then its probes), then the
    guide-level findings. Terms the study and the guide make plain are not jargon."""
    allowed = allowed_for(guide, study)
    findings: list[Finding] = []
    for question in guide.questions():
        findings += critique_question(question.text, question.id, allowed)
        for index, probe in enumerate(question.probes):
            for f in critique_question(probe.text, question.id, allowed):
                findings.append(
                    f.model_copy(update={"probe": index, "severity": _PROBE_SEVERITY[f.severity]})
                )
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


def clear_caches() -> None:
    """Forget every judged wording and tried rewrite (for benchmarks and tests)."""
    _judged.cache_clear()
    _offerable.cache_clear()
    parse.cache_clear()
    jargon.clear_cache()
    audience.clear_caches()


__all__ = ["clear_caches", "critique_guide", "critique_question", "without_allowed_jargon"]
