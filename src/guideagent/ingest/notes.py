"""Interview notes as researchers type them, with no "Name:" labels.

Conventions read:
  **Bold question?** *Response: italic answer*   (on one line or on lines of their own)
  ### Heading question?  followed by plain answer paragraphs
  plain paragraphs, where a line from the study's guide, or a short line that asks
  something, is the interviewer's and the rest is the participant's.
Bold and italic runs may span lines of one paragraph. Every inference that is not a written
convention (a guide line, a question) is counted in a warning the user can check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guideagent.ingest.script import Script
from guideagent.ingest.turns import Parsed, Turn
from guideagent.schemas.transcript import Role

INTERVIEWER, PARTICIPANT = "Interviewer", "Participant"
_EMPHASIS = re.compile(
    r"(?P<b>\*\*|__)(?P<bold>.+?)(?P=b)"
    r"|(?<![*\w])\*(?!\s)(?P<ital>[^*]+?)\*(?!\*)"
    r"|(?<![_\w])_(?![\s_])(?P<ital2>[^_]+?)_(?![\w_])",
    re.DOTALL,
)
_RESPONSE = re.compile(r"^\s*(?:response|answer|a)\s*:\s*", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_SHORT_QUESTION_WORDS = 40
_MIN_ANSWERS = 3


@dataclass
class _Piece:
    kind: str  # "q" (interviewer), "a" (participant) or "plain"
    text: str
    line: int
    guessed: str = ""  # "script" or "question" when the role was inferred


def _paragraphs(numbered: Iterable[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for number, raw in numbered:
        line = raw.rstrip()
        if not line.strip():
            paragraphs.append([])
            continue
        heading = _HEADING.match(line.strip())
        if heading or re.fullmatch(r"\s*[-*_=]{3,}\s*", line):
            paragraphs += [[(number, line.strip())], []]
            continue
        paragraphs[-1].append((number, line))
    return [p for p in paragraphs if p]


def _pieces(paragraph: list[tuple[int, str]]) -> list[_Piece]:
    """Bold, italic and plain runs of one paragraph, each with the line it starts on."""
    first = paragraph[0][1]
    heading = _HEADING.match(first)
    if heading:
        text = heading["text"].strip("*_ ")
        return [_Piece("q", text, paragraph[0][0])] if text.endswith("?") else []
    if len(paragraph) == 1 and re.fullmatch(r"[-*_=]{3,}", first.strip()):
        return []
    text = "\n".join(_BULLET.sub("", line) for _, line in paragraph)
    starts = []
    offset = 0
    for number, line in paragraph:
        starts.append((offset, number))
        offset += len(_BULLET.sub("", line)) + 1

    def line_at(pos: int) -> int:
        return max(n for off, n in starts if off <= pos)

    pieces: list[_Piece] = []
    cursor = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > cursor:
            pieces.append(_Piece("plain", text[cursor : match.start()], line_at(cursor)))
        if match["bold"] is not None:
            pieces.append(_Piece("q", match["bold"], line_at(match.start())))
        else:
            body = match["ital"] if match["ital"] is not None else match["ital2"]
            pieces.append(_Piece("a", _RESPONSE.sub("", body), line_at(match.start())))
        cursor = match.end()
    if cursor < len(text):
        pieces.append(_Piece("plain", text[cursor:], line_at(cursor)))
    return [p for p in pieces if re.search(r"\w", p.text)]


def _resolve(paragraph: list[_Piece], script: Script, plain_style: bool) -> list[_Piece]:
    """Decide who said each plain run: beside an answer, the participant; beside a bold
    question, the interviewer; alone, by the guide, then (in plain notes) by asking."""
    kinds = {p.kind for p in paragraph}
    resolved: list[_Piece] = []
    for index, piece in enumerate(paragraph):
        if piece.kind != "plain":
            resolved.append(piece)
            continue
        before = [p.kind for p in paragraph[:index] if p.kind != "plain"]
        if "a" in before or (not before and "a" in kinds and "q" not in kinds):
            resolved.append(_Piece("a", piece.text, piece.line))
        elif "q" in kinds and "a" not in kinds:
            resolved.append(_Piece("q", piece.text, piece.line))
        else:
            resolved += _by_line(piece, script, plain_style)
    return resolved


def _by_line(piece: _Piece, script: Script, plain_style: bool) -> list[_Piece]:
    out = []
    for k, line in enumerate(piece.text.split("\n")):
        if not re.search(r"\w", line):
            continue
        number = piece.line + k
        words = line.split()
        if script.matches(line):
            out.append(_Piece("q", line, number, "script"))
        elif plain_style and line.rstrip().endswith("?") and len(words) <= _SHORT_QUESTION_WORDS:
            out.append(_Piece("q", line, number, "question"))
        else:
            out.append(_Piece("a", line, number))
    return out


def notes_style(numbered: list[tuple[int, str]]) -> tuple[int, int]:
    """(questions, answers) written as notes: bold or heading questions, and italic answers
    or plain paragraphs under a heading question."""
    questions = answers = 0
    under_heading = False
    for paragraph in _paragraphs(numbered):
        heading = _HEADING.match(paragraph[0][1])
        for piece in _pieces(paragraph):
            if piece.kind == "q" and "?" in piece.text:
                questions += 1
            elif piece.kind == "a" or (piece.kind == "plain" and under_heading):
                answers += 1
                under_heading = False
        if heading:
            under_heading = heading["text"].rstrip("*_ ").endswith("?")
    return questions, answers


def parse_notes(numbered: list[tuple[int, str]], script: Script, *, unit: str = "line") -> Parsed:
    """Turns from unlabelled notes; speakers are "Interviewer" and "Participant"."""
    paragraphs = [_pieces(p) for p in _paragraphs(numbered)]
    # A stray italic aside does not make notes "italic answers": plain notes need the guide
    # and the question heuristic to tell the two voices apart.
    plain_style = sum(1 for para in paragraphs for p in para if p.kind == "a") < _MIN_ANSWERS
    pieces = [r for para in paragraphs for r in _resolve(para, script, plain_style)]
    parsed = Parsed()
    for piece in pieces:
        text = " ".join(piece.text.split())
        speaker, role = (
            (INTERVIEWER, Role.interviewer)
            if piece.kind == "q"
            else (
                PARTICIPANT,
                Role.participant,
            )
        )
        last = parsed.turns[-1] if parsed.turns else None
        if last is not None and last.speaker == speaker:
            last.text = f"{last.text}\n{text}"
            last.unlabelled = last.unlabelled and bool(piece.guessed)
            continue
        parsed.turns.append(
            Turn(speaker, text, line=piece.line, role=role, unlabelled=bool(piece.guessed))
        )
    by_script = sum(1 for p in pieces if p.guessed == "script")
    by_question = sum(1 for p in pieces if p.guessed == "question")
    marked = any(p.kind == "q" and not p.guessed for p in pieces)
    how = (
        "bold or heading text is read as the interviewer's, italic or plain answers "
        "as the participant's"
        if marked
        else "each line that asks a question or matches the guide is read as the "
        "interviewer's, the rest as the participant's"
    )
    parsed.warnings.append(f"notes without speaker labels: {how}")
    if by_script:
        parsed.warnings.append(
            f"{by_script} unlabelled {unit}(s) match the guide: read as the interviewer's"
        )
    if by_question:
        parsed.warnings.append(
            f"{by_question} unlabelled {unit}(s) ask a question: read as the interviewer's; "
            "check the roles"
        )
    return parsed
