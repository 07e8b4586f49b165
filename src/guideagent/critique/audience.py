"""Words a study makes plain for its participants, so the jargon check leaves them alone.

Jargon depends on who is asked. A term is the participants' own when the study names it
(its title, product, audience, objectives, segments and screener: "VA" in a study of
Veterans, "FOSS" in one of maintainers), when the guide defines it ("Free and Open Source
(FOSS)", "DPG stands for digital public good"), or when it is an organisation's or
product's own name the guide uses throughout (in a quarter of its questions and at least
three, or in its title and a question).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from guideagent.schemas import Guide, Study

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&+.\-]*[A-Za-z0-9+]|[A-Za-z]")
# "Free and Open Source (FOSS)", "the ASL (American Sign Language) alphabet"
_DEFINED_AFTER = re.compile(
    r"\b([A-Z][\w-]*(?:\s+(?:and|of|for|the|&)?\s*[A-Z][\w-]*)+)\s+\(([A-Z][A-Za-z0-9&]{1,9})\)"
)
_DEFINED_BEFORE = re.compile(r"\b([A-Z][A-Za-z0-9&]{1,9})\s+\(([A-Za-z][\w -]{3,60})\)")
_STANDS_FOR = re.compile(
    r"\b([A-Z][A-Za-z0-9&]{1,9})\s*(?:stands\s+for|means|is\s+short\s+for|refers\s+to|[:=—–-])\s+[a-z\"']",
)
# A name: capitalised or an acronym, not a sentence opener we cannot tell from a name.
_NAME = re.compile(r"^(?:[A-Z0-9][A-Za-z0-9&+.\-]*[A-Z0-9a-z+]|[A-Z]{2,})$")


@lru_cache(maxsize=16384)
def _names(text: str) -> frozenset[str]:
    """Capitalised words and acronyms, except the first word of each sentence."""
    found = set()
    for sentence in re.split(r"(?<=[.?!:])\s+|\n+", text):
        tokens = _TOKEN.findall(sentence)
        for token in tokens[1:]:
            if _NAME.match(token) and token != "I":
                found.add(token)
    return frozenset(found)


def defined_terms(texts: Iterable[str]) -> set[str]:
    """Acronyms and terms the text itself explains."""
    found: set[str] = set()
    for text in texts:
        found |= _defined_in(text)
    return found


@lru_cache(maxsize=16384)
def _defined_in(text: str) -> frozenset[str]:
    found: set[str] = set()
    if "(" in text:
        found |= {m.group(2) for m in _DEFINED_AFTER.finditer(text)}
        found |= {m.group(1) for m in _DEFINED_BEFORE.finditer(text)}
    found |= {m.group(1) for m in _STANDS_FOR.finditer(text)}
    return frozenset(found)


def study_terms(study: Study | None) -> set[str]:
    """Every word of the study's own description, as allowed terms: a word the PM uses to
    describe the product, the audience or what to learn is one the participants share."""
    if study is None:
        return set()
    texts = [
        study.title,
        study.context.product,
        study.context.audience,
        *(o.text for o in study.objectives),
        *(s.name for s in study.participants.segments),
        *study.participants.screener,
    ]
    return {t for text in texts for t in _TOKEN.findall(text) if len(t) > 1 and not t.islower()}


def guide_terms(guide: Guide) -> set[str]:
    """Terms the guide defines, and names it uses throughout."""
    texts = [guide.title, *guide.intro]
    for section in guide.sections:
        texts += [section.title, *section.notes]
        for q in section.questions:
            texts += [q.text, *(p.text for p in q.probes)]
            if q.note:
                texts.append(q.note)
    allowed = defined_terms(texts)
    per_question = Counter(
        name
        for q in guide.questions()
        for name in _names(" ".join([q.text, *(p.text for p in q.probes)]))
    )
    title = _names(". " + guide.title) | set(_TOKEN.findall(guide.title))
    questions = sum(1 for _ in guide.questions())
    throughout = max(3, questions // 4)  # a name in a quarter of the questions, at least 3
    allowed |= {n for n, count in per_question.items() if count >= throughout or n in title}
    return allowed


def clear_caches() -> None:
    _names.cache_clear()
    _defined_in.cache_clear()


def allowed_for(guide: Guide, study: Study | None) -> tuple[str, ...]:
    """The study's allow-list plus every term the study and the guide make plain."""
    allowed = set(study.jargon_allowed) if study else set()
    allowed |= study_terms(study) | guide_terms(guide)
    return tuple(sorted(allowed))
