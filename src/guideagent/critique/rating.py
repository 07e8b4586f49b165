"""rating_scale: a rating question whose scale is unlabelled or unbalanced.

A rating can be a fine quick measure, but only when the participant knows what the
numbers mean and both directions are on offer. "On a scale of 1 to 5, how satisfied…"
leaves 1 and 5 undefined (each participant picks their own meaning); "from good to
excellent" or "excellent, very good or good" has no room for a bad answer. A numeric scale
with both ends named ("from 1, very difficult, to 5, very easy", "where 1 is… and 5 is…")
and a word scale running from one pole to its opposite ("strongly disagree to strongly
agree") pass. The original wording is read, brackets included, because the labels often
sit in brackets ("1 (very difficult) to 5 (very easy)").
"""

from __future__ import annotations

import re

from guideagent.critique.text import Hit, Parsed

_NUMERIC = re.compile(
    r"\b(?:on\s+a\s+(?:\d+[- ]point\s+)?scale|scale\s+(?:of|from)\s+\w+(?:\s*[-–]\s*\w+)?|rate\b|rating\b|score\b|out\s+of\s+(?:five|ten|5|10|100))"
    r"|\b(?:from\s+)?(?:0|1|one|zero)\s*(?:-|–|to)\s*(?:5|7|10|five|seven|ten|100)\b",
    re.I,
)
_RANGE = re.compile(
    r"\b(0|1|one|zero)\s*(?:\([^)]*\)\s*)?(?:-|–|to)\s*(5|7|10|five|seven|ten|100)\b", re.I
)
# Both ends named: "1 (very poor) to 5 (excellent)", "where 1 is … and 5 is …",
# "1 being … and 10 being …", "1 = … 5 = …", "from 1, very hard, to 5, very easy".
_ENDS_NAMED = re.compile(
    r"\b(?:0|1|one|zero)\s*(?:\(\s*[a-z][^)]*\)|=\s*[a-z]|,\s*[a-z][\w\s'-]*,|\s+(?:is|being|means)\s+[a-z])"
    r".*\b(?:5|7|10|five|seven|ten|100)\s*(?:\(\s*[a-z][^)]*\)|=\s*[a-z]|,\s*[a-z]|\s+(?:is|being|means)\s+[a-z])",
    re.I,
)
_WORD_SCALE = re.compile(
    r"\bfrom\s+((?:very\s+|extremely\s+|strongly\s+|completely\s+|not\s+at\s+all\s+|somewhat\s+)?[a-z-]+)\s+to\s+"
    r"((?:very\s+|extremely\s+|strongly\s+|completely\s+|somewhat\s+)?[a-z-]+)\b",
    re.I,
)
_OPTIONS = re.compile(
    r"(?:rate|rating|scale|score)[^:?]*?[:,]\s*((?:[a-z -]+,\s*)+[a-z -]+\s+or\s+[a-z -]+)\s*[?.]?$",
    re.I,
)
_NEGATIVE = re.compile(
    r"\b(?:not|never|un\w+|dis\w+|poor|bad|terrible|awful|worst|difficult|hard|low|useless|slow|"
    r"disagree|dissatisfied|unlikely|unhappy|negative|weak|none|nothing)\b",
    re.I,
)


def _balanced(ends: list[str]) -> bool:
    """A scale is balanced when at least one label points each way."""
    negative = [bool(_NEGATIVE.search(e)) for e in ends]
    return any(negative) and not all(negative)


def check(p: Parsed) -> Hit | None:
    text = p.original
    words = _WORD_SCALE.search(text)
    options = _OPTIONS.search(text)
    if (words or options) and re.search(r"\b(?:rate|rating|scale|score|grade)\b", text, re.I):
        ends = (
            [words.group(1), words.group(2)]
            if words
            else re.split(r",\s*|\s+or\s+", options.group(1))  # type: ignore[union-attr]
        )
        if _balanced(ends):
            return None
        return Hit(
            "The scale only runs one way (every answer on offer is positive, or every one "
            "negative), so it leads the participant to the end you named. Offer both "
            "directions with a neutral middle, or ask them to describe their experience."
        )
    if (
        not _NUMERIC.search(text)
        or not _RANGE.search(text)
        and not re.search(r"\bscale\b|\bout\s+of\b", text, re.I)
    ):
        return None
    if _ENDS_NAMED.search(text):
        return None
    return Hit(
        "The scale's points are not named, so each participant decides for themselves what "
        'a 3 or a 7 means and the numbers cannot be compared. Name both ends ("where 1 is '
        'very difficult and 5 is very easy"), and ask why they chose the number.'
    )
