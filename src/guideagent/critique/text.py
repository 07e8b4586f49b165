"""How the critic reads one question: notes removed, spelling normalised, sentences found.

Only the question as the interviewer says it aloud is judged, so notes in brackets or
after a dash, ">>", "NOTE:" or "MODERATOR:" are cut off first. Each sentence gets a
*head*: where its question really starts, after discourse words ("So,", "OK,") and after
a leading subordinate clause ("When the app crashed, what did you do?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from guideagent.critique.lexicon import AUX, DISCOURSE, OPEN_VERBS, WH
from guideagent.language.sentences import split_sentences
from guideagent.language.tokens import terms

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|<[^<>]*>")
_NOTE_PREFIX = re.compile(
    r"^\s*(?:interviewer|moderator|facilitator|note|notes|pm note|probe|q\d+(?:\.\d+)*)\s*[:.)\]]\s*",
    re.I,
)
_NOTE_TAIL = re.compile(
    r"\s+(?:-|–|—|>>|\|)\s+.*$|\s*>>.*$|\s+(?:NOTE|Note|MODERATOR|Moderator|INTERVIEWER|Interviewer|"
    r"PM note|Probe|PROBE|probe)\s*:.*$"
)
_SPACES = re.compile(r"\s+")
_INFORMAL = [
    (re.compile(p, re.I), r)
    for p, r in [
        (r"[‘’´`]", "'"),
        (r"[“”]", '"'),
        (r"…", "..."),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
        (r"\bya\b", "you"),
        (r"\bwhats\b", "what's"),
        (r"\b(how|what|where|who|why|when)'d\b(?=\s+(?:you|they|we|he|she|it)\b)", r"\1 did"),
        (r"\bhows\b", "how's"),
        (r"\bwhos\b", "who's"),
        (r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|wo|ca)nt\b", r"\1n't"),
        (r"\bdont\b", "don't"),
        (r"\bcant\b", "can't"),
        (r"\bwont\b", "won't"),
        (r"\bim\b", "i'm"),
        (r"\bwanna\b", "want to"),
        (r"\bgonna\b", "going to"),
        (r"\bgotta\b", "have to"),
    ]
]
OPEN_REQUEST = _OPEN_REQUEST = re.compile(
    r"^(?:(?:(?:can|could|would|will)\s+you\s+(?:please\s+|maybe\s+|just\s+|first\s+)?"
    r"(?:be\s+(?:up\s+for|willing\s+to|happy\s+to|able\s+to|ok|okay)\s+|start\s+by\s+|try\s+to\s+)?"
    r"|(?:would|do)\s+you\s+mind\s+|mind\s+|any\s+chance\s+you\s+(?:could|can|would|might)\s+"
    r"|please\s+|go\s+ahead\s+and\s+|feel\s+free\s+to\s+|start\s+by\s+)?"
    rf"(?:{OPEN_VERBS})"
    r"|(?:(?:can|could|would|will)\s+you|any\s+chance\s+you\s+(?:could|can|would|might))\s+(?:[\w'-]+\s+){1,8}?and\s+"
    rf"(?:{OPEN_VERBS})"
    r"|(?:i'd|i\s+would|we'd|we\s+would)\s+(?:love|like)\s+(?:you\s+)?to\s+(?:hear|know|learn|understand|talk|go)"
    r"|(?:i'm|i\s+am|we're)\s+curious|let's\s+(?:talk|chat|start|go|look|dig|turn)|let\s+us\s+talk)\b"
)


# A wh-phrase after a preposition still opens a wh-question: "In what ways…", "To what
# extent…", "At what point…", "For which…".
PREP_WH = re.compile(
    r"^(?:in|to|at|on|for|from|by|with|under|of|about|after|during)\s+(?:what|which|whose|how\s+(?:many|much))\b"
)


class Hit(NamedTuple):
    """What one check found: the explanation for the PM and, where it makes sense, a rewrite."""

    explanation: str
    rewrite: str | None = None
    parts: tuple[str, ...] = ()  # a double-barreled question's parts, each asked alone


@dataclass
class Sentence:
    text: str  # lowercased, normalised
    head: str  # where the question itself starts
    words: list[str] = field(default_factory=list)

    @property
    def is_question(self) -> bool:
        first = self.head.split(" ", 1)[0] if self.head else ""
        return (
            self.text.endswith("?")
            or first in WH
            or first in AUX
            or bool(PREP_WH.match(self.head))
            or bool(_OPEN_REQUEST.match(self.head))
        )

    @property
    def open_request(self) -> bool:
        return bool(_OPEN_REQUEST.match(self.head))


def strip_notes(text: str) -> str:
    """The question without interviewer notes; the notes alone are not a question."""
    core = _NOTE_PREFIX.sub("", text.strip())
    previous = None
    while previous != core:  # nested brackets
        previous = core
        core = _BRACKETS.sub(" ", core)
    core = _NOTE_TAIL.sub("", core)
    core = _SPACES.sub(" ", core).strip()
    core = re.sub(r"\s+([?.!,;:])", r"\1", core)
    return core.strip(" ,;:-–—")


# One pass to see whether any informal spelling is there at all: most questions have none,
# and the substitutions are the costliest part of reading a question.
_ANY_INFORMAL = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _INFORMAL), re.I)


def normalise(text: str) -> str:
    if _ANY_INFORMAL.search(text):
        for pattern, repl in _INFORMAL:
            text = pattern.sub(repl, text)
    return _SPACES.sub(" ", text).strip()


def _head(sentence: str) -> str:
    """Skip discourse words and a leading clause so the question's own stem comes first."""
    s = sentence
    while True:
        first, _, rest = s.partition(" ")
        if first.rstrip(",") in DISCOURSE and rest:
            s = rest
            continue
        break
    words = s.split(" ", 2)
    first = words[0].rstrip(",")
    second = words[1].rstrip(",") if len(words) > 1 else ""
    # "When did you…?" asks; "When the app crashed, what…?" sets a scene first.
    subordinate = first in ("when", "where") and second not in AUX
    if not subordinate and (
        first in WH or first in AUX or PREP_WH.match(s) or _OPEN_REQUEST.match(s)
    ):
        return s
    # "When the payment failed, what did you do?" / "If we built it, would you use it?"
    # A semicolon joins a premise to its question the same way.
    for m in re.finditer(r"[,;]\s+", s):
        tail = s[m.end() :]
        while tail.split(" ", 1)[0].rstrip(",") in DISCOURSE and " " in tail:
            tail = tail.split(" ", 1)[1]  # "…, so how do you cope?"
        word = tail.split(" ", 1)[0].rstrip(",?")
        if word in WH or word in AUX or PREP_WH.match(tail) or _OPEN_REQUEST.match(tail):
            return tail
    return s


@dataclass
class Parsed:
    """One question, read for the rules. `core` keeps case (acronyms); `low` is lowercased."""

    original: str
    core: str
    low: str
    sentences: list[Sentence]

    @cached_property
    def questions(self) -> list[Sentence]:
        """The sentences that ask something; preamble statements are left out."""
        asked = [s for s in self.sentences if s.is_question]
        return asked or self.sentences[-1:]

    @cached_property
    def words(self) -> list[str]:
        return terms(self.low)


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """The question read for the rules; remembered, since a rewrite is read several times
    while the critic tries it (treat the result as read-only)."""
    return _parse(text)


def _parse(text: str) -> Parsed:
    core = normalise(strip_notes(text)) or normalise(text)
    low = core.lower()
    sentences = []
    for chunk in split_sentences(low, at_colons=True):
        chunk = chunk.strip()
        if chunk:
            sentences.append(Sentence(chunk, _head(chunk), terms(chunk)))
    return Parsed(text, core, low, sentences)


def open_request(text: str) -> bool:
    return bool(_OPEN_REQUEST.match(text))
