"""Sentences of spoken and written text: transcript spans and question sentences.

Transcript spans are (start, end) offsets into the utterance, so a quote cut from them is
the participant's exact words; a sentence ends at . ! ? … (plus closing quotes), not after
an abbreviation ("Dr."), and spoken run-ons are cut at clause boundaries when a sentence
gets too long to quote. Questions are short and typed, so `split_sentences` needs less:
a break after . ? ! (and, in a guide, after a colon that introduces the question).
"""

from __future__ import annotations

import re

from guideagent.language.tokens import word_count

__all__ = ["MAX_WORDS", "sentence_spans", "split_sentences", "word_count"]

MAX_WORDS = 40

# A sentence ends at . ! ? … (plus closing quotes) followed by whitespace.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)")
# Where a spoken run-on can be cut: after a comma/semicolon/dash before a conjunction.
_CLAUSE_CUT = re.compile(
    r"(?:[;:]|\s[—–-]{1,2}|,(?=\s+(?:and|but|so|because|which|though|although|whereas|or)\b))\s+",
    re.IGNORECASE,
)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "vs", "etc", "eg", "ie", "e.g", "i.e", "approx"}
_BREAK = re.compile(r"(?<=[.?!])\s+(?=\S)")
_BREAK_OR_COLON = re.compile(r"(?<=[.?!])\s+(?=\S)|(?<=:)\s+(?=[A-Za-z])")


_LEADING_NOTE = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))\s*")  # [laughs], (pause)
_TRAILING_NOTE = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))\s*$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and transcriber notes such as "[laughs]"."""
    while True:
        m = _LEADING_NOTE.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start:
        m = _TRAILING_NOTE.search(text, start, end)
        if not m or m.start() == end:
            break
        end = m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a long span at clause boundaries into pieces of at most MAX_WORDS words."""
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _CLAUSE_CUT.finditer(text, start, end):
        piece = text[cur : m.start()]
        if len(piece.split()) >= 8:
            pieces.append((cur, m.start()))
            cur = m.end()
    pieces.append((cur, end))
    return [_trim(text, s, e) for s, e in pieces if text[s:e].strip()]


def _after_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:dot])
    return word is not None and word.group(1).lower() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences (or clauses of long ones) in `text`, in order."""
    spans: list[tuple[int, int]] = []
    cur = 0
    ends = [
        m.end() for m in _SENTENCE_END.finditer(text) if not _after_abbreviation(text, m.start())
    ]
    if not ends or ends[-1] < len(text.rstrip()):
        ends.append(len(text))
    for end in ends:
        s, e = _trim(text, cur, end)
        cur = end
        if s >= e:
            continue
        if len(text[s:e].split()) > MAX_WORDS:
            spans.extend(_clauses(text, s, e))
        else:
            spans.append((s, e))
    return spans


def split_sentences(text: str, *, at_colons: bool = False) -> list[str]:
    """Typed text into sentences: "Hi. How do you pay?" -> ["Hi.", "How do you pay?"]."""
    return (_BREAK_OR_COLON if at_colons else _BREAK).split(text)
