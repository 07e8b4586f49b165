"""Raw speaker turns, as each format reader finds them, before roles and ids.

Every reader (text, captions, docx, json) produces `Turn`s; `transcripts.py` turns them
into a `Transcript`. Keeping this shape small lets each reader stay ignorant of roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guideagent.schemas.transcript import Role

_CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")


@dataclass
class Turn:
    """One stretch of speech by one speaker. `line` is where it starts in the file (1-based);
    `number` is the source's own turn number ("12   Dan: …" in PDF exports), when it has one;
    `unlabelled` marks a turn whose speaker was inferred, not written in the file."""

    speaker: str
    text: str
    start: float | None = None
    line: int | None = None
    role: Role | None = None
    number: int | None = None
    unlabelled: bool = False


@dataclass
class Parsed:
    """What a reader got out of a file: the turns plus what it could not read."""

    turns: list[Turn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def clock_seconds(value: str) -> float | None:
    """Seconds (millisecond precision) from "1:23", "01:02:03", "0:05.250" or "00:00:05,120".

    Returns None when the string is not a clock time, so callers can warn instead of fail.
    """
    match = _CLOCK.fullmatch(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) > 59 or (hours is not None and int(minutes) > 59):
        return None
    millis = int((fraction or "0").ljust(3, "0"))
    total_ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + millis
    return total_ms / 1000


def clean_speaker(label: str) -> str:
    """A speaker label as shown to the user: no Markdown emphasis, single spaces."""
    label = label.strip().strip("*_").strip()
    return re.sub(r"\s+", " ", label)


def merge_consecutive(turns: list[Turn]) -> list[Turn]:
    """Join back-to-back turns by the same speaker (captions split speech into cues).

    The merged turn keeps the first start time, so a quote still points at where the
    speaker began.
    """
    merged: list[Turn] = []
    for turn in turns:
        if merged and merged[-1].speaker == turn.speaker:
            merged[-1].text = f"{merged[-1].text} {turn.text}".strip()
            if merged[-1].start is None:
                merged[-1].start = turn.start
        else:
            merged.append(
                Turn(turn.speaker, turn.text, turn.start, turn.line, turn.role, turn.number)
            )
    return merged
