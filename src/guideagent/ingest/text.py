"""Speaker turns from plain text and Markdown transcripts (also the paragraphs of a .docx).

Conventions read, one turn per match, with later lines continuing the turn:
  "Name: text", "**Name:** text", "Name (00:01:23): text", "[00:01:23] Name: text",
  "12   Name: text" (numbered turns of PDF exports), "Q:" / "A:", "interviewer:";
  and header lines whose text follows below: "Speaker 1  0:05" (Otter),
  "Name   0:00:05" or "[00:00:05] Name" (Teams), "[Name] 14:03:05" (Zoom).
Files with no labels at all, or written as notes (bold questions, italic answers), go to
notes.py; a plain line that matches the study's guide starts an interviewer turn.
Markdown headings, rules, bare page numbers are skipped; "> quoted" lines are words of
the current turn (a quote read out), never a new speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guideagent.ingest.notes import INTERVIEWER, notes_style, parse_notes
from guideagent.ingest.roles import explicit_role, is_unknown_speaker
from guideagent.ingest.script import Script
from guideagent.ingest.turns import Parsed, Turn, clean_speaker, clock_seconds
from guideagent.schemas.transcript import Role

_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_NAME = rf"[^\s:\[\]()*_][^:\[\]()*_\n]{{0,39}}?(?:\s*\((?!{_TS}\))[^()\n]{{1,30}}\))?"
_TURN = re.compile(
    rf"^(?:(?P<num>\d{{1,5}})\s+)?"
    rf"(?:[\[(]?(?P<ts1>{_TS})[\])]?\s*[-–]?\s*)?"
    rf"(?:\*\*|__)?(?P<label>{_NAME})\s*(?:[\[(](?P<ts2>{_TS})[\])])?\s*(?:\*\*|__)?"
    rf":(?:\*\*|__)?(?:\s+(?P<text>.*))?$"
)
_HEADER_NAME_FIRST = re.compile(
    rf"^(?:\*\*)?(?P<label>{_NAME})(?:\*\*)?\s+[\[(]?(?P<ts>{_TS})[\])]?$"
)
_HEADER_TIME_FIRST = re.compile(rf"^[\[(](?P<ts>{_TS})[\])]\s*(?P<label>{_NAME})$")
_HEADER_BRACKETED = re.compile(rf"^\[(?P<label>{_NAME})\]\s+(?P<ts>{_TS})$")  # Zoom
_SKIP = re.compile(  # headings, rules, line and page numbers ("12", "Page 3 of 8", "26 1/8")
    r"^(?:#{1,6}\s.*|[-*_=]{3,}|\d{1,5}|(?:\d{1,5}\s)?(?:page\s)?\d+\s?(?:/|of)\s?\d+)$",
    re.IGNORECASE,
)
_MIN_NOTES_TURNS = 2
# fmt: off
_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le",
              "bin", "al"}
# "Note: …" and "Date: …" lines are not people talking.
_NOT_NAMES = {"note", "notes", "nb", "ps", "ed", "edit", "update", "source", "sources",
              "example", "date", "time", "duration", "location", "title", "subject", "topic",
              "summary", "attendees", "recording", "transcript", "link", "url", "tags",
              "context", "goal"}
# fmt: on


def is_speaker_label(label: str) -> bool:
    """Does this look like who is talking, rather than the start of a sentence?

    Role words always count; otherwise 1-4 capitalised words ("Dan", "Speaker 2",
    "MEL, TYPING", "Ana de Souza"), so "But he also said:" stays part of the text.
    """
    label = clean_speaker(label)
    if not label or len(label) > 40:
        return False
    if is_unknown_speaker(label) or explicit_role(label) is not None:
        return True
    core = re.sub(r"\([^)]*\)", " ", label)
    words = [w for w in re.split(r"[\s,]+", core) if w]
    if not 1 <= len(words) <= 4 or " ".join(words).casefold() in _NOT_NAMES:
        return False
    if not any(ch.isalpha() for ch in core):
        return False
    return all(w.isdigit() or w.casefold() in _PARTICLES or w[0].isupper() for w in words)


def parse_text(text: str, script: Script | None = None) -> Parsed:
    """Turns from transcript text; warnings name line numbers."""
    return parse_lines(enumerate(text.split("\n"), start=1), unit="line", script=script)


def parse_lines(
    numbered: Iterable[tuple[int, str]], *, unit: str, script: Script | None = None
) -> Parsed:
    """Turns from (number, line) pairs; `unit` names what the numbers count in warnings.

    Labelled turns ("Name: text") are read first; a file written as notes (bold questions
    and italic answers, or no labels at all) goes to the notes reader instead.
    """
    numbered = list(numbered)
    script = script or Script()
    labelled = _parse_labelled(numbered, unit, script)
    questions, answers = notes_style(numbered)
    labelled_turns = sum(1 for t in labelled.turns if not t.unlabelled)
    written_as_notes = questions >= 2 and answers >= 2 and answers > labelled_turns
    if written_as_notes or (not labelled_turns and script):
        notes = parse_notes(numbered, script, unit=unit)
        if written_as_notes or _reads_like_an_interview(notes):
            return notes
    return labelled


def _reads_like_an_interview(notes: Parsed) -> bool:
    """Unlabelled text is an interview only if it goes back and forth and the participant
    says more than the interviewer: a plan, a findings page or a guide does not."""
    words = {Role.interviewer: 0, Role.participant: 0}
    count = {Role.interviewer: 0, Role.participant: 0}
    for turn in notes.turns:
        if turn.role in words:
            words[turn.role] += len(turn.text.split())
            count[turn.role] += 1
    return (
        sum(1 for w in notes.warnings if "match the guide" in w) > 0
        and count[Role.participant] >= _MIN_NOTES_TURNS
        and count[Role.interviewer] >= _MIN_NOTES_TURNS
        and words[Role.participant] > words[Role.interviewer]
    )


def _parse_labelled(numbered: list[tuple[int, str]], unit: str, script: Script) -> Parsed:
    parsed = Parsed()
    builder = _TurnBuilder(unit, parsed.warnings, script)
    skipped: list[int] = []
    for number, raw in numbered:
        line = " ".join(raw.split())  # also keeps the patterns below linear
        if not line:
            builder.paragraph_break()
        elif _SKIP.match(line):
            continue
        elif line.startswith(">"):
            builder.add_words(line.lstrip("> ").strip(), number, skipped)
        elif (turn := _match_turn(line, number)) is not None:
            builder.start(turn)
        else:
            builder.add_words(line, number, skipped)
    parsed.turns = builder.finish()
    if skipped and parsed.turns:
        where = (
            f"{unit} {skipped[0]}" if len(skipped) == 1 else f"{unit}s {skipped[0]}-{skipped[-1]}"
        )
        parsed.warnings.insert(0, f"skipped the text before the first speaker turn ({where})")
    return parsed


def _match_turn(line: str, number: int) -> Turn | None:
    for pattern in (_TURN, _HEADER_NAME_FIRST, _HEADER_TIME_FIRST, _HEADER_BRACKETED):
        match = pattern.match(line)
        if match and is_speaker_label(match["label"]):
            groups = match.groupdict()
            clock = groups.get("ts") or groups.get("ts1") or groups.get("ts2")
            start = clock_seconds(clock) if clock else None
            num = groups.get("num")
            return Turn(
                clean_speaker(match["label"]),
                groups.get("text") or "",
                start,
                number,
                number=int(num) if num else None,
            )
    return None


class _TurnBuilder:
    """Collects lines into turns: wrapped lines join with a space, paragraphs with a newline.

    A line that repeats the line just before it, in the same turn, is dropped: text pulled
    out of PDFs repeats the last line of a page at the top of the next.
    """

    _MIN_REPEAT = 20

    def __init__(self, unit: str, warnings: list[str], script: Script) -> None:
        self.unit = unit
        self.warnings = warnings
        self.script = script
        self.from_script = 0
        self.turns: list[Turn] = []
        self.paragraphs: list[list[str]] = []
        self.last_words = ""

    def start(self, turn: Turn) -> None:
        if (
            self.turns
            and turn.speaker == self.turns[-1].speaker
            and self._repeats(turn.text, turn.line)
        ):
            return
        self._close()
        self.turns.append(turn)
        self.paragraphs = [[turn.text]] if turn.text else []
        self.last_words = turn.text

    def paragraph_break(self) -> None:
        if self.paragraphs and self.paragraphs[-1]:
            self.paragraphs.append([])

    def add_words(self, words: str, number: int, skipped: list[int]) -> None:
        if not words or self._repeats(words, number):
            return
        if self.script.matches(words):
            if not (self.turns and self.turns[-1].unlabelled):
                self.start(
                    Turn(INTERVIEWER, "", line=number, role=Role.interviewer, unlabelled=True)
                )
            self.from_script += 1
        if not self.turns:
            skipped.append(number)
            return
        if not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1].append(words)
        self.last_words = words

    def _repeats(self, words: str, number: int | None) -> bool:
        if len(words) < self._MIN_REPEAT or words != self.last_words:
            return False
        self.warnings.append(
            f"{self.unit} {number}: repeats the {self.unit} before it (a page-break copy?); skipped"
        )
        return True

    def _close(self) -> None:
        if self.turns:
            parts = [" ".join(p) for p in self.paragraphs if p]
            self.turns[-1].text = "\n".join(parts)

    def finish(self) -> list[Turn]:
        self._close()
        if self.from_script:
            self.warnings.append(
                f"{self.from_script} unlabelled {self.unit}(s) match the guide: "
                "read as the interviewer's"
            )
        kept = []
        for turn in self.turns:
            if turn.text.strip():
                kept.append(turn)
            else:
                self.warnings.append(
                    f"{self.unit} {turn.line}: '{turn.speaker}' has no words; turn skipped"
                )
        return kept
