"""Replace personal data with placeholders before text leaves the machine, and put it back.

Emails, phone numbers, card numbers and the names the user lists become stable tokens
("[EMAIL_1]", "[PHONE_2]", "[CARD_1]", "[NAME_3]"): the same text always gets the same
token from one `Redactor`, across calls and transcripts, so the model can still follow who
is who, and `restore` swaps the originals back into whatever the model wrote.

Precision matters as much as recall here: a year, a price or a time turned into
"[PHONE_1]" would corrupt quotes, so phone shapes are matched per convention
(international "+", US, UK, FR) and card numbers must pass the Luhn check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from guideagent.schemas.transcript import Transcript

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}"  # international
    r"|(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"  # US
    r"|0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}"  # UK
    r"|0\d(?:[\s.-]?\d{2}){4}"  # FR
    r")(?![\w-]|\.\d)"
)
_TOKEN = re.compile(r"\[?\b(EMAIL|PHONE|CARD|NAME)_(\d+)\b\]?")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    kind: str
    original: str


class Redactor:
    """Redacts and restores with one consistent table of placeholders.

    A placeholder stands for the exact text it replaced ("Dana", "Dana Lee" and "DANA LEE"
    get one each), so `restore` gives back the words as spoken and a restored quote still
    matches its transcript verbatim (DESIGN.md rule 1).

    Full names match whole-word in any case; a single word (a listed first name, or the
    first name of a listed full name) matches when written with a capital ("Dana", "DANA"),
    so a listed "Will" does not swallow the verb "will".
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._token_for: dict[tuple[str, str], str] = {}  # (kind, exact text) -> token
        self._original: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._names = _name_patterns(names)

    def redact(self, text: str) -> str:
        parts: list[str] = []
        position = 0
        for match in _non_overlapping(self._matches(text)):
            parts.append(text[position : match.start])
            parts.append(self._token(match))
            position = match.end
        parts.append(text[position:])
        return "".join(parts)

    def restore(self, text: str) -> str:
        """Originals back in place of every placeholder this redactor handed out."""

        def original(match: re.Match[str]) -> str:
            token = f"[{match[1]}_{match[2]}]"
            return self._original.get(token, match[0])

        return _TOKEN.sub(original, text)

    @property
    def table(self) -> dict[str, str]:
        """Placeholder -> original, e.g. for a report appendix kept on the user's machine."""
        return dict(self._original)

    def _token(self, match: _Match) -> str:
        key = (match.kind, match.original)
        if key not in self._token_for:
            self._counts[match.kind] = self._counts.get(match.kind, 0) + 1
            token = f"[{match.kind}_{self._counts[match.kind]}]"
            self._token_for[key] = token
            self._original[token] = match.original
        return self._token_for[key]

    def _matches(self, text: str) -> Iterator[_Match]:
        for m in _EMAIL.finditer(text):
            yield _Match(m.start(), m.end(), "EMAIL", m[0])
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m[0])
            if 13 <= len(digits) <= 19 and _luhn_ok(digits):
                yield _Match(m.start(), m.end(), "CARD", m[0])
        for m in _PHONE.finditer(text):
            digits = re.sub(r"\D", "", m[0])
            if (8 if m[0].startswith("+") else 9) <= len(digits) <= 15:
                yield _Match(m.start(), m.end(), "PHONE", m[0])
        for pattern, needs_capital in self._names:
            for m in pattern.finditer(text):
                if not needs_capital or m[0][0].isupper():
                    yield _Match(m.start(), m.end(), "NAME", m[0])


def redact_transcript(transcript: Transcript, redactor: Redactor) -> Transcript:
    """A copy with every utterance's text and speaker redacted; ids and times unchanged."""
    utterances = []
    for u in transcript.utterances:
        speaker = redactor.redact(u.speaker)  # first, so numbering follows reading order
        utterances.append(
            u.model_copy(update={"speaker": speaker, "text": redactor.redact(u.text)})
        )
    return transcript.model_copy(update={"utterances": utterances})


def _name_patterns(names: Iterable[str]) -> list[tuple[re.Pattern[str], bool]]:
    """(pattern, needs a capital) for each listed name and each full name's first name."""
    full = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    singles = {n.split()[0] for n in full} | {n for n in full if " " not in n}
    return [(_whole_words(n.split()), False) for n in full if " " in n] + [
        (_whole_words([word]), True) for word in sorted(singles)
    ]


def _whole_words(words: list[str]) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _non_overlapping(matches: Iterable[_Match]) -> list[_Match]:
    """Earlier detectors win ties (an email's digits are not a phone); then longer spans."""
    chosen: list[_Match] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0
