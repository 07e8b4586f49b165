"""Content-word stems, to tell whether a question serves an objective when no id links them.

A light suffix stripper is enough here: "splitting bills" and "split a bill" must meet,
and research verbs ("understand", "learn", "explore") must not count as topic words.
"""

from __future__ import annotations

from guideagent.language.stopwords import QUESTION_FRAME, STOPWORDS
from guideagent.language.tokens import letter_words

_STOP = STOPWORDS | QUESTION_FRAME
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ness",
    "ies",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


def stem(word: str) -> str:
    w = word.lower().strip("'-")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # planning -> plann -> plan
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # save / saving -> sav
    return w


def content_stems(text: str) -> set[str]:
    words = letter_words(text)
    return {stem(w) for w in words if w not in _STOP and len(w) > 2}


def overlaps(objective: str, text: str) -> bool:
    """True when the text shares enough topic words with the objective to serve it."""
    wanted = content_stems(objective)
    if not wanted:
        return False
    shared = wanted & content_stems(text)
    return len(shared) >= min(2, len(wanted))
