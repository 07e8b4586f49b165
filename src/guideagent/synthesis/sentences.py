"""Tidy insight text for the extractive offline engine: fillers, false starts, stutters.

`tidy` makes the readable insight text; it never feeds a quote (sentence spans, which do,
are in guideagent.language.sentences).
"""

from __future__ import annotations

import re

# Always noise: hesitations. Noise only when set off by commas: "like", "you know"...
_HESITATION = re.compile(r",?\s*\b(?:u+m+|u+h+|h+m+|e+r+m+|mm+)\b,?", re.IGNORECASE)
_FILLER_RE = re.compile(
    r",\s*(?:like|you know|i mean|basically|honestly|actually|literally|kind of|sort of),"
    r"|^\s*(?:like|you know|i mean|basically|honestly|actually|literally),",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:yeah|yes|yep|no|nope|okay|ok|so|and|but|well|right|oh|sure|um+|uh+|mm+)\b[,.!]?\s*)+",
    re.IGNORECASE,
)
_REPEAT = re.compile(r"\b(\w+)(?:[\s,]+\1\b)+", re.IGNORECASE)


def tidy(sentence: str) -> str:
    """A readable sentence: fillers, false starts and stutters removed, capitalised."""
    text = re.sub(r"\[[^\]]*\]", " ", sentence)
    text = _HESITATION.sub(" ", text)
    text = _FILLER_RE.sub(" ", text)
    text = re.sub(r"^\s*,", "", text)
    text = _REPEAT.sub(r"\1", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"([,;:])\s*(?=[,.;:!?])", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—")
    text = _LEADING.sub("", text).strip(" ,;:-—")
    if not text:
        return sentence.strip()
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…":
        text += "."
    return text
