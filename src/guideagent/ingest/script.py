"""The interviewer's script: lines of the study's guide, to recognise them in a transcript.

Notes often paste the guide's questions and read-out text without a speaker label ("Great,
well thank you so much again…"). Matched against the guide, such a line is the
interviewer's, never the participant's. Matching is fuzzy (typos, small edits made while
speaking) but needs whole-line likeness, so a participant who repeats a few words of a
question is not taken for the interviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from guideagent.schemas import Guide

_MIN_WORDS = 4
_WHOLE_RATIO = 85  # the line is (nearly) a guide sentence
_PART_RATIO = 92  # the line is a long piece of one
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'")))


class Script:
    """Guide sentences to match lines against; empty when the study has no guide."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        found: dict[str, None] = {}
        for line in lines:
            for part in [line, *_SENTENCE_END.split(line)]:
                norm = _norm(part)
                if len(norm.split()) >= _MIN_WORDS:
                    found.setdefault(norm, None)
        self.sentences = list(found)

    @classmethod
    def from_guide(cls, guide: Guide | None) -> Script:
        if guide is None:
            return cls()
        lines = [*guide.intro]
        for section in guide.sections:
            lines += section.notes
            for question in section.questions:
                lines.append(question.text)
                lines += [p.text for p in question.probes]
        return cls(lines)

    def __bool__(self) -> bool:
        return bool(self.sentences)

    def matches(self, line: str) -> bool:
        """Is this line (nearly) words of the script?"""
        norm = _norm(line)
        words = len(norm.split())
        if not self.sentences or words < _MIN_WORDS:
            return False
        best = process.extractOne(norm, self.sentences, scorer=fuzz.ratio)
        if best and best[1] >= _WHOLE_RATIO:
            return True
        if words < 2 * _MIN_WORDS:
            return False
        best = process.extractOne(norm, self.sentences, scorer=fuzz.partial_ratio)
        if not best or best[1] < _PART_RATIO:
            return False
        return 0.5 * len(best[0]) <= len(norm) <= 2 * len(best[0])
