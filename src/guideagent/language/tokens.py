"""Words in text, three ways, each named for what it is for.

- `WORD`: any run of letters or digits, inner apostrophes kept ("don't", "don’t" are one
  word). Counting words and matching quotes verbatim use it.
- `terms`: the critic's tokens in a lowercased question; "r&d", "b2b", "check-in" stay whole
  so jargon and product names survive.
- `letter_words`: lowercase words of letters only (inner ' and - kept, ’ made '), the
  vocabulary of topics and key phrases.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’‘`]\w+)*")
TERM = re.compile(r"[a-z0-9][a-z0-9'&+\-]*")
_LETTER_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def terms(low: str) -> list[str]:
    """Tokens of already lowercased question text."""
    return TERM.findall(low)


def letter_words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _LETTER_WORD.findall(text.lower())]
