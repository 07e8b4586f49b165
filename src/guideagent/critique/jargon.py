"""jargon: internal or specialist terms a participant may not share.

Whether a term is jargon depends on who is asked, so the allow-list (the study's
`jargon_allowed` plus `--allow` terms) always wins. Without it, the check flags what a
participant clearly would not share: acronyms outside a list everyone (or every member
of the trade that meets them) knows, product codenames ("Project Falcon", "the Nova
console", "Borealis v2"), version and variant labels, and a modest internal-speak lexicon
of growth metrics and team terms. Acronyms inside compounds ("CDP-driven") count, and
engineering words ("webhook", "feature flag") count unless the question is itself about
code, builds or deploys. A question that names the participant's trade ("As a physio, …")
uses that trade's acronyms, so bare acronyms are not flagged there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from guideagent.critique.lexicon import (
    BRANDS,
    CALENDAR,
    CAPS_WORDS,
    COMMON_ACRONYMS,
    COMPONENTS,
    DEV_CONTEXT,
    INTERNAL_SPEAK,
    TECH_SPEAK,
    words,
)
from guideagent.critique.text import Hit, Parsed
from guideagent.critique.text import parse as parse_text

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&+'.\-]*")
_INTERNAL = re.compile(rf"\b(?:{INTERNAL_SPEAK})\b")
_METRIC = re.compile(r"^[dDpP]\d{1,3}$")
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")
_MIXED = re.compile(r"^[a-z][A-Z]{2,}[a-z]*$")
_PROJECT = re.compile(r"\b(?:Project|Operation|Programme)\s+[A-Z][a-z]+\b")
_VERSION = re.compile(
    r"\bv\d+(?:\.\d+)*\b|\b[A-Z][\w]*\s+\d+\.\d+\b|\bvariant\s+[A-Z]\b|\btier-\d\b"
)
_HYPHEN_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)+-[A-Z][a-z]+\b")
# "Atlas-2", "Kestrel-3": a name with a build number is an internal label ("Covid-19",
# "Year-3", "Gate-12" are not).
_NUMBERED_NAME = re.compile(r"\b[A-Z][a-z]{2,}-\d{1,3}\b")
_NUMBERED_PLAIN = words(
    """
    covid year form level grade page room gate platform route bus flight terminal zone ward
    bay line unit floor block section stage phase step class size type tier band key
    """
)
_TECH = re.compile(rf"\b(?:{TECH_SPEAK})\b")
_DEV_CONTEXT = re.compile(rf"\b(?:{DEV_CONTEXT})\b")
# "As a physio, …", "Being a nurse, …": the question names the participant's trade, so
# that trade's acronyms ("SOAP notes") are theirs, not ours.
_ROLE_FRAME = re.compile(r"^(?:as|being|for\s+you\s+as)\s+(?:an?|the)\s+[\w' -]{2,40}?,")


def _is_acronym(part: str) -> bool:
    if part.islower() or part.isdigit():
        return False
    letters = [c for c in part if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= 0.6 * len(letters) and len(part) <= 9


def _clean(token: str) -> str:
    token = re.sub(r"'(?:s|d|ve|ll|re)$", "", token.rstrip(".'-"))
    return token


def _terms(core: str) -> list[str]:
    return list(_terms_of(core))


@lru_cache(maxsize=8192)
def _terms_of(core: str) -> tuple[str, ...]:
    return tuple(_find_terms(core))


def _find_terms(core: str) -> list[str]:
    found: list[str] = []
    tokens = list(_TOKEN.finditer(core))
    low = core.lower()
    shouting = sum(_is_acronym(t.group()) for t in tokens) > max(2, len(tokens) // 2)
    trade = bool(_ROLE_FRAME.match(low))
    for i, m in enumerate(tokens):
        if m.group().isalpha() and m.group().islower():
            continue  # plain lowercase words: only the lexicon below can flag them
        token = _clean(m.group())
        parts = re.split(r"-to-|/|-", token) if "-" in token or "/" in token else [token]
        for part in parts:
            if _is_acronym(part) and not shouting:
                if trade:
                    continue  # "As a physio, …": the trade's own acronyms
                if part.upper() not in COMMON_ACRONYMS and part.upper() not in CAPS_WORDS:
                    found.append(part)
            elif _METRIC.match(part) or _MIXED.match(part):
                if part.upper() not in COMMON_ACRONYMS:
                    found.append(part)
            elif _CAMEL.match(part) and part.lower() not in BRANDS:
                found.append(part)
        # A capitalised name, not opening a sentence, right before a product component.
        if (
            token[:1].isupper()
            and i > 0
            and not core[: m.start()].rstrip().endswith((".", "?", "!", ":", '"'))
        ):
            name = token.lower()
            if name in BRANDS or name in CALENDAR or token == "I" or _is_acronym(token):
                continue
            following = [_clean(t.group()) for t in tokens[i + 1 : i + 4]]
            for j, word in enumerate(following):
                if word.lower() in COMPONENTS and all(
                    w[:1].isupper() or "-" in w for w in following[:j]
                ):
                    found.append(" ".join([token, *following[: j + 1]]))
                    break
    found += [m.group() for m in _PROJECT.finditer(core)]
    found += [m.group() for m in _VERSION.finditer(core)]
    found += [m.group() for m in _HYPHEN_NAME.finditer(core)]
    found += [
        m.group()
        for m in _NUMBERED_NAME.finditer(core)
        if m.group().split("-")[0].lower() not in BRANDS | _NUMBERED_PLAIN
    ]
    found += [m.group() for m in _INTERNAL.finditer(low)]
    if not _DEV_CONTEXT.search(low):
        found += [m.group() for m in _TECH.finditer(low)]
    return found


def clear_cache() -> None:
    _terms_of.cache_clear()


def _allowed(term: str, allowed: set[str]) -> bool:
    low = term.lower()
    return low in allowed or any(
        a and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", low) for a in allowed
    )


def jargon_terms(p: Parsed, allowed_terms: Iterable[str] = ()) -> list[str]:
    allowed = {a.strip().lower() for a in allowed_terms if a and a.strip()}
    seen: dict[str, None] = {}
    for term in _terms(p.core):
        if not _allowed(term, allowed) and not any(term.lower() in s.lower() for s in seen):
            seen.setdefault(term, None)
    # Keep the longest of overlapping terms ("Project Falcon" over "Falcon").
    terms = list(seen)
    return [t for t in terms if not any(t != o and t.lower() in o.lower() for o in terms)]


def check(p: Parsed, allowed_terms: Iterable[str] = (), *, suggest: bool = True) -> Hit | None:
    terms = jargon_terms(p, allowed_terms)
    if not terms:
        return None
    quoted = ", ".join(f'"{t}"' for t in terms[:4])
    why = (
        f"{quoted} may be internal or specialist language the participant does not use, which "
        "makes them feel tested and guess at meanings. Describe the thing in their words, or add "
        "the term to the study's allowed terms (--allow) if your participants use it."
    )
    return Hit(why)


# Internal terms with plain words a participant would use for the same thing.
_PLAIN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b", re.I), plain)
    for pattern, plain in (
        (r"drip[- ]campaign\s+emails?|drip\s+emails?", "emails"),
        (r"drip\s+(?:campaigns?|sequences?|marketing)", "series of emails"),
        (
            r"win-?back\s+(?:campaign\s+)?(?:emails?|offers?|messages?)",
            "emails asking you to come back",
        ),
        (r"re-?engagement\s+(?:campaign\s+)?(?:emails?|messages?)", "reminder emails"),
        (r"a/b(?:/n)?\s?(?:tests?|experiments?)|split[- ]tests?", "trial"),
        (r"feature\s+(?:flag|toggle)s?", "setting"),
        (r"modal(?:\s+(?:window|dialog|box|pop-?up))?", "pop-up"),
        (r"interstitial(?:\s+(?:ad|page|screen|banner))?", "pop-up"),
        (r"last[- ]mile(?:\s+delivery)?", "delivery"),
        (r"touchpoints?", "messages"),
        (r"omnichannel\s+(?=experience|service|shopping)", ""),
        (r"top[- ]of[- ](?:the[- ])?funnel\s+(?=ads?|campaigns?|marketing)", ""),
        (r"ux\s+debt|design\s+debt", "rough edges"),
        (r"tool-?tips?", "hints"),
        (r"hamburger\s+menu", "menu"),
        (r"(?:customer|user)\s+journey", "experience"),
        (r"mvps?", "early version"),
        (r"ctas?", "button"),
        (
            r"kyc(?:\s+step-up)?(?:\s+(?:checks?|flow|process))?|step-up\s+(?:flow|checks?)",
            "identity checks",
        ),
        (r"beta", "early version"),
    )
)
_FUNCTION_WORDS = words(
    """
    and or but of to for with from by in on at into than versus vs is are was were has
    have had do does did will would can could should that which who show shows showed
    work works worked go goes went affect affects affected come comes came
    """
)


def _drop(text: str, term: str) -> str | None:
    """Leave out a label that only names or numbers the thing: "the CSAT widget" -> "the
    widget", "the Nova console" -> "the console", "FieldSense 2.0's index" -> "the index".
    None when the term is the thing itself ("the CTA on our homepage") and cannot just go."""
    m = re.search(
        rf"(?<![\w-]){re.escape(term)}(?:-based|-driven|-powered|-led)?('s)?(?![\w-])", text
    )
    if not m:
        return None
    after = text[m.end() :]
    words_ = term.split()
    named = all(w[:1].isupper() or re.match(r"^v?\d", w) for w in words_)
    if len(words_) > 1 and not named:
        # a codename and its component: keep the component ("Nova console" -> "console")
        if all(w[:1].isupper() or re.match(r"^v?\d", w) for w in words_[:-1]) and (
            words_[-1].lower() in COMPONENTS
        ):
            return text[: m.start()] + words_[-1].lower() + after
        return None
    if term.islower() and not re.match(r"^(?:v\d|tier-\d|\d)", term):
        return None  # internal speak has no plain stand-in here
    if m.group(1):  # "FieldSense 2.0's zone-yield index" -> "the zone-yield index"
        before = text[: m.start()]
        if re.search(r"\b(?:the|a|an|our|your|their)\s+$", before, re.I):
            return before + after.lstrip()
        return before + "the" + after
    nxt = re.match(r"^\s+(?:v?\d[\w.]*\s+)?([a-z][\w'-]*)", after)
    if nxt and nxt.group(1) not in _FUNCTION_WORDS:  # a modifier before a noun
        return (text[: m.start()] + after.lstrip()).replace("  ", " ")
    if re.match(r"^(?:v\d+(?:\.\d+)*|\d+\.\d+|variant\s+[A-Z])$", term):
        return (text[: m.start()].rstrip() + " " + after.lstrip()).strip()
    return None


def plain_wording(p: Parsed, allowed_terms: Iterable[str] = ()) -> str | None:
    """The question in plain words: internal terms swapped for the participant's words and
    names, codes and version labels left out. None when a term has no plain stand-in."""
    allowed = list(allowed_terms)
    text = p.core
    for pattern, plain in _PLAIN_WORDS:
        text = pattern.sub(plain, text)
    for _ in range(6):
        terms = jargon_terms(parse_text(text), allowed)
        if not terms:
            return re.sub(r"\s+", " ", text).strip() if text != p.core else None
        dropped = _drop(text, terms[0])
        if dropped is None or dropped == text:
            return None
        text = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s+", " ", dropped)).strip()
    return None
