"""Quote verification: the code that enforces "quotes are never invented".

Every quote cites an utterance. It survives only if its words, in order, are words of
that utterance, said by a participant. Whitespace, case and punctuation are repaired to
the source's (the kept text is always an exact slice of the utterance); a changed, added
or dropped word rejects the quote. Both engines run their notes through `ground_notes`.
"""

from __future__ import annotations

import re
import unicodedata

from guideagent.language.tokens import WORD
from guideagent.schemas.synthesis import Insight, InterviewNotes, Quote
from guideagent.schemas.transcript import Role, Transcript

_APOSTROPHES = re.compile(r"['’‘`]")
_CLOSING = re.compile(r"[.!?…\"”’')\]]+")
_OPENING = re.compile(r"[\"“‘'(\[]+$")


def _norm(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).casefold()
    return _APOSTROPHES.sub("", word)


def words(text: str) -> list[str]:
    """The normalised words of a text: what must match for a quote to count."""
    return [_norm(m.group()) for m in WORD.finditer(text)]


def _spans(text: str) -> list[tuple[str, int, int]]:
    return [(_norm(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def _find_run(needle: list[str], haystack: list[str]) -> int | None:
    n = len(needle)
    first = needle[0]
    for i in range(len(haystack) - n + 1):
        if haystack[i] == first and haystack[i : i + n] == needle:
            return i
    return None


def verify_quote(quote_text: str, utterance_text: str) -> str | None:
    """The quote as it appears in the utterance, or None when its words are not there.

    The returned text is a slice of `utterance_text`, so case, spacing and punctuation
    come from the source. Edge punctuation (a closing full stop, an opening quotation
    mark) is kept when both the quote and the source have it.
    """
    wanted = words(quote_text)
    if not wanted:
        return None
    spans = _spans(utterance_text)
    at = _find_run(wanted, [w for w, _, _ in spans])
    if at is None:
        return None
    start, end = spans[at][1], spans[at + len(wanted) - 1][2]
    stripped = quote_text.strip()
    if stripped and not (stripped[-1].isalnum()):
        tail = _CLOSING.match(utterance_text, end)
        if tail:
            end = tail.end()
    if stripped and not (stripped[0].isalnum()):
        head = _OPENING.search(utterance_text[:start])
        if head:
            start = head.start()
    return utterance_text[start:end]


def _ground_quote(quote: Quote, transcript: Transcript) -> Quote | None:
    utterance = transcript.utterance(quote.utterance_id)
    if utterance is None or utterance.role != Role.participant:
        return None
    text = verify_quote(quote.text, utterance.text)
    if text is None:
        return None
    return quote.model_copy(
        update={
            "transcript_id": transcript.id,
            "text": text,
            "participant_id": transcript.participant_id(utterance.speaker),
            "start": utterance.start,
        }
    )


def _split_by_participant(insight: Insight, quotes: list[Quote]) -> list[Insight]:
    """One insight per participant: in a group session each speaker counts on their own."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.participant_id, []).append(quote)
    result = []
    for n, (participant, group) in enumerate(groups.items()):
        new_id = insight.id if n == 0 else f"{insight.id}-{participant}"
        result.append(
            insight.model_copy(
                update={"id": new_id, "participant_id": participant, "quotes": group}
            )
        )
    return result


def ground_notes(notes: InterviewNotes, transcript: Transcript) -> InterviewNotes:
    """Notes whose every quote is verified against its cited participant utterance.

    Rejected quotes are counted in `dropped_quotes`; insights left without a quote are
    dropped and counted in `dropped_insights`. Participants and times come from the
    transcript, never from the engine.
    """
    dropped_quotes = 0
    dropped_insights = 0
    insights: list[Insight] = []
    for insight in notes.insights:
        kept: list[Quote] = []
        seen: set[tuple[str, str]] = set()
        for quote in insight.quotes:
            grounded = _ground_quote(quote, transcript)
            if grounded is None:
                dropped_quotes += 1
                continue
            key = (grounded.utterance_id, grounded.text)
            if key not in seen:
                seen.add(key)
                kept.append(grounded)
        if not kept:
            dropped_insights += 1
            continue
        insights.extend(
            i.model_copy(update={"transcript_id": transcript.id})
            for i in _split_by_participant(insight, kept)
        )
    return notes.model_copy(
        update={
            "transcript_id": transcript.id,
            "participant_ids": transcript.participant_ids(),
            "insights": insights,
            "dropped_quotes": notes.dropped_quotes + dropped_quotes,
            "dropped_insights": notes.dropped_insights + dropped_insights,
        }
    )
