"""Replace personal data with placeholders before text leaves the machine, and put it back.

What counts as personal data is `pii.find` (emails, phones, cards, IBANs, IDs, addresses,
postcodes) plus names: the ones the user lists and the transcripts' speaker labels. Each
becomes a stable token ("[EMAIL_1]", "[PHONE_2]", "[NAME_3]"): the same text always gets
the same token from one `Redactor`, across calls and transcripts, so the model can still
follow who is who, and `restore` swaps the originals back into whatever the model wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guideagent.schemas.transcript import Transcript
from guideagent.synthesis import pii
from guideagent.synthesis.pii import KINDS, Span

_TOKEN = re.compile(rf"\[?\b({'|'.join(KINDS)})_(\d+)\b\]?")


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

    def _token(self, match: Span) -> str:
        key = (match.kind, match.original)
        if key not in self._token_for:
            self._counts[match.kind] = self._counts.get(match.kind, 0) + 1
            token = f"[{match.kind}_{self._counts[match.kind]}]"
            self._token_for[key] = token
            self._original[token] = match.original
        return self._token_for[key]

    def _matches(self, text: str) -> Iterator[Span]:
        yield from pii.find(text)
        for pattern, needs_capital in self._names:
            for m in pattern.finditer(text):
                if not needs_capital or m[0][0].isupper():
                    yield Span(m.start(), m.end(), "NAME", m[0])


def redact_transcript(transcript: Transcript, redactor: Redactor) -> Transcript:
    """A copy with every utterance's text and speaker redacted; ids and times unchanged."""
    utterances = []
    for u in transcript.utterances:
        speaker = redactor.redact(u.speaker)  # first, so numbering follows reading order
        utterances.append(
            u.model_copy(update={"speaker": speaker, "text": redactor.redact(u.text)})
        )
    return transcript.model_copy(update={"utterances": utterances})


# Speaker labels that are roles, not people ("Interviewer", "Speaker 2", "P3").
_ROLE_LABEL = re.compile(
    r"^(?:interviewer|moderator|researcher|facilitator|participant|respondent|interviewee"
    r"|speaker|host|guest|note ?taker|observer|unknown|customer|user|pm|ux|me|you"
    r"|[A-Z]{1,2})?\s*[-_#]?\s*\d*$",
    re.IGNORECASE,
)


def speaker_names(transcripts: Iterable[Transcript]) -> list[str]:
    """Speaker labels that look like people's names, for redaction by default."""
    names: dict[str, None] = {}
    for transcript in transcripts:
        for u in transcript.utterances:
            label = " ".join(u.speaker.split())
            if label and not _ROLE_LABEL.match(label) and any(c.isalpha() for c in label):
                names.setdefault(label, None)
    return list(names)


def default_names(study_names: Iterable[str], transcripts: Iterable[Transcript]) -> list[str]:
    """The names redacted by default: the ones the user listed plus the speaker labels."""
    return list(dict.fromkeys([*study_names, *speaker_names(transcripts)]))


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


def _non_overlapping(matches: Iterable[Span]) -> list[Span]:
    """The longest span wins where two overlap (a street address over its house number's
    phone shape); at equal length, the earlier detector (an email's digits are not a phone)."""
    ranked = sorted(enumerate(matches), key=lambda im: (-(im[1].end - im[1].start), im[0]))
    chosen: list[Span] = []
    for _, match in ranked:
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
