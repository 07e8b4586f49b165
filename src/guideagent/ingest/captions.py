"""Speaker turns from WebVTT (Zoom, Teams, Meet) and SRT captions, read with webvtt-py.

webvtt-py parses cues and timings; this module adds what it leaves out: every speaker of a
cue (it keeps only the first voice tag), "Name: text" prefixes (Zoom, Meet, SRT), times to
the millisecond (its `start_in_seconds` drops them), and line-numbered warnings for cues
it would silently drop, so a malformed file still yields every cue that can be read.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from guideagent.errors import InputError
from guideagent.ingest.text import is_speaker_label
from guideagent.ingest.turns import Parsed, Turn, clean_speaker

_VOICE = re.compile(r"<v(?:\.[^\s>]+)*\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_PREFIX = re.compile(r"^(?:>>\s*|-\s+)?(?P<label>[^:<>?!;\"]{1,40}):\s+(?P<text>.*)$")
_NON_CUE_BLOCK = ("WEBVTT", "NOTE", "STYLE", "REGION")


@dataclass
class Cue:
    start: float | None
    text: str
    line: int | None = None


def parse_captions(text: str, fmt: str, path: Path) -> Parsed:
    """Turns from caption text; `fmt` is "vtt" or "srt". Raises InputError if no cue reads."""
    parsed = Parsed()
    cues = _library_cues(text, fmt)
    if cues is None:
        cues = _cues_block_by_block(text, fmt, parsed.warnings)
    if not any(cue.start is not None for cue in cues):
        example = (
            "00:00:01.000 --> 00:00:04.000" if fmt == "vtt" else "00:00:01,000 --> 00:00:04,000"
        )
        bad = ", ".join(str(cue.line) for cue in cues[:5])
        found = f"no cue timing could be read (lines {bad})" if cues else "no cues found"
        raise InputError(
            f"{found}: expected a timing line like '{example}' followed by the words", path
        )
    parsed.turns = _turns_from_cues(cues, parsed.warnings)
    if not parsed.turns:
        raise InputError(
            "no speaker names in the captions (expected 'Name: text' "
            "in the cues or <v Name> voice tags)",
            path,
        )
    return parsed


def _library_cues(text: str, fmt: str) -> list[Cue] | None:
    """All cues via webvtt-py, or None when it rejects the file or drops any cue."""
    try:
        if fmt == "vtt":
            captions = webvtt.from_string(text).captions
        else:
            captions = webvtt.from_buffer(io.StringIO(text), format="srt").captions
    except (MalformedFileError, MalformedCaptionError):
        return None
    if len(captions) != sum(1 for line in text.split("\n") if "-->" in line):
        return None
    return [Cue(c.start_time.in_milliseconds() / 1000, c.raw_text) for c in captions]


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks with the number of their first line."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line.rstrip())
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _cues_block_by_block(text: str, fmt: str, warnings: list[str]) -> list[Cue]:
    """Fallback for files webvtt-py rejects: parse each block alone and name the bad lines."""
    if fmt == "vtt" and not text.lstrip().startswith("WEBVTT"):
        warnings.append("line 1: the 'WEBVTT' header line is missing")
    cues: list[Cue] = []
    for first, block in _blocks(text):
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is None:
            if block[0].startswith(_NON_CUE_BLOCK):
                continue
            if cues:
                cues[-1].text += "\n" + "\n".join(block)
                if fmt == "vtt":
                    warnings.append(
                        f"line {first}: text outside a cue, read as part of the cue before it"
                    )
            else:
                warnings.append(f"line {first}: text before the first cue was skipped")
            continue
        cue = _one_cue(block[timing:], fmt)
        if cue is None:
            warnings.append(
                f"line {first + timing}: cannot read the cue timing "
                f"'{block[timing].strip()}'; its words were kept without a start time"
            )
            cue = Cue(None, "\n".join(block[timing + 1 :]))
        cue.line = first + timing
        cues.append(cue)
    return cues


def _one_cue(block: list[str], fmt: str) -> Cue | None:
    try:
        if fmt == "vtt":
            captions = webvtt.from_string("WEBVTT\n\n" + "\n".join(block)).captions
        else:
            source = io.StringIO("1\n" + "\n".join(block))
            captions = webvtt.from_buffer(source, format="srt").captions
    except (MalformedFileError, MalformedCaptionError):
        return None
    if len(captions) != 1:
        return None
    return Cue(captions[0].start_time.in_milliseconds() / 1000, captions[0].raw_text)


def _turns_from_cues(cues: list[Cue], warnings: list[str]) -> list[Turn]:
    """One turn per speaker change: voice tags and "Name:" prefixes both start a turn.

    A prefix counts as a speaker when it looks like a name or starts two or more lines,
    so "The issue: it broke" in unlabelled captions stays words. Back-to-back cues by one
    speaker become one turn that keeps the first cue's start.
    """
    lines = [
        (cue, voice, line)
        for cue in cues
        for voice, words in _voices(cue.text)
        for line in words.split("\n")
    ]
    prefixes = Counter(_prefix(line)[0] for _, _, line in lines)
    turns: list[Turn] = []
    unnamed = 0
    for cue, voice, line in lines:
        label, rest = _prefix(line)
        if label is None or not (prefixes[label] >= 2 or is_speaker_label(label)):
            label, rest = voice, line
        speaker = label or (turns[-1].speaker if turns else None)
        if not rest.strip():
            continue
        if speaker is None:
            unnamed += 1
        elif turns and turns[-1].speaker == speaker:
            turns[-1].text += " " + rest.strip()
        else:
            turns.append(Turn(speaker, rest.strip(), cue.start, cue.line))
    if unnamed:
        warnings.append(f"skipped {unnamed} caption line(s) before the first named speaker")
    return turns


def _voices(raw: str) -> list[tuple[str | None, str]]:
    """Split a cue's raw text at each <v Name> tag; text before the first has no voice."""
    parts = _VOICE.split(raw)
    found: list[tuple[str | None, str]] = []
    if _clean(parts[0]).strip():
        found.append((None, _clean(parts[0])))
    for name, words in zip(parts[1::2], parts[2::2], strict=True):
        found.append((clean_speaker(name), _clean(words)))
    return found


def _clean(words: str) -> str:
    lines = (html.unescape(_TAG.sub("", line)).strip() for line in words.split("\n"))
    return "\n".join(line for line in lines if line)


def _prefix(line: str) -> tuple[str | None, str]:
    match = _PREFIX.match(line.strip())
    if not match or not any(ch.isalpha() for ch in match["label"]) or match["label"][0].isdigit():
        return None, line
    return clean_speaker(match["label"]), match["text"]
