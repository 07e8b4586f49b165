"""Verb inflection from lemminflect: "commit" -> "committed", "committing", "commits".

Hand-written suffix rules had drifted into misspellings ("commited", "controled"); a
maintained lexicon with rules for unknown words does this better. Where lemminflect offers
several spellings the first (the more common, American) one is used. Results are cached:
the lexicon loads on first use (about a second) and rewrites ask for the same verbs often.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getInflection, getLemma

# Where lemminflect's first form is wrong for how a participant speaks.
_OVERRIDES: dict[tuple[str, str], str] = {
    ("be", "VBD"): "was",
    ("enrol", "VBD"): "enrolled",
    ("enrol", "VBN"): "enrolled",
    ("enrol", "VBG"): "enrolling",
    ("quit", "VBN"): "quit",
}


@lru_cache(maxsize=4096)
def _inflect(verb: str, tag: str) -> str:
    v = verb.lower()
    if (v, tag) in _OVERRIDES:
        return _OVERRIDES[(v, tag)]
    forms = getInflection(v, tag=tag)
    if forms:
        return str(forms[0])
    return v + {"VBD": "ed", "VBN": "ed", "VBG": "ing", "VBZ": "s"}[tag]


def past(verb: str) -> str:
    """Simple past: use -> used, commit -> committed, buy -> bought."""
    return _inflect(verb, "VBD")


def participle(verb: str) -> str:
    """Past participle: go -> gone, control -> controlled."""
    return _inflect(verb, "VBN")


def gerund(verb: str) -> str:
    """The -ing form: plan -> planning, manage -> managing, lie -> lying."""
    return _inflect(verb, "VBG")


def third_person(verb: str) -> str:
    """Present tense after he/she/it: check -> checks, have -> has, be -> is."""
    return _inflect(verb, "VBZ")


@lru_cache(maxsize=4096)
def base(word: str) -> str:
    """The base form of any verb form: checks -> check, went -> go, applying -> apply."""
    w = word.lower()
    return str(getLemma(w, upos="VERB")[0]) if w.isalpha() else w


def base_of_gerund(word: str) -> str | None:
    """applying -> apply, comparing -> compare, running -> run; None if not a gerund."""
    w = word.lower()
    if not w.endswith("ing") or len(w) < 5:
        return None
    return base(w)


def base_of_third(verb: str) -> str:
    """checks -> check, tidies -> tidy, has -> have; other words unchanged."""
    v = verb.lower()
    if not v.endswith("s") or v.endswith("ss"):
        return v
    return base(v)


def _is_form(word: str, tag: str) -> bool:
    """True when the word's most likely lemma is another word with this form ("saw": see),
    not when it is a verb of its own that rare lemmas share ("rent", not "rend")."""
    w = word.lower()
    lemma = base(w)
    return lemma != w and w in getAllInflections(lemma, upos="VERB").get(tag, ())


def is_past(word: str) -> bool:
    """Already past: used, saw, went (not "need" or "feed", not "read": its base is the same)."""
    w = word.lower()
    return (w.endswith("ed") and base(w) != w) or _is_form(w, "VBD")


def is_irregular_participle(word: str) -> bool:
    """seen, gone, bought, been, run, cut (not "used")."""
    w = word.lower()
    return not w.endswith("ed") and w in getAllInflections(base(w), upos="VERB").get("VBN", ())


def is_irregular(verb: str) -> bool:
    """A known verb whose past or participle does not end in -ed: go, buy, show."""
    forms = getAllInflections(verb.lower(), upos="VERB")
    return any(not f.endswith("ed") for tag in ("VBD", "VBN") for f in forms.get(tag, ()))


def participle_to_past(word: str) -> str:
    """Present perfect to simple past, for "Have you ever been…" -> "the last time you went…"."""
    w = word.lower()
    if w == "been":
        return "were"
    if is_irregular_participle(w):
        return past(base(w))  # "run" -> "ran", "gone" -> "went"
    return w
