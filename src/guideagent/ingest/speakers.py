"""One name per person: fold the spelling variants a transcript uses for the same speaker.

Hand-made and auto-generated transcripts spell one person several ways ("Interviewer1"
and "Interviewer 1", "MEL" and "MEL, TYPING", a one-off "Particpant"). Left alone, each
variant would become a participant of its own and split that person's words, so every
fold here is reported as a warning the user can check.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from guideagent.ingest.turns import Turn

_TYPO_MIN_RATIO = 85
_QUALIFIER = re.compile(r"\s*[,(\[]")


def speaker_key(label: str) -> str:
    """Case, spacing and punctuation do not make a different speaker."""
    return re.sub(r"[\W_]", "", label.casefold())


def unify_speakers(turns: list[Turn], *, fold_one_offs: bool) -> tuple[list[Turn], list[str]]:
    """Rename variants to one spelling; with `fold_one_offs`, a label seen once in a long
    text transcript is read as words of the previous turn ("Example: …" inside an answer)."""
    warnings: list[str] = []
    _join_case_and_spacing(turns)
    counts = Counter(t.speaker for t in turns)
    variants = _qualified_variants(counts)
    typos = {k: v for k, v in _likely_typos(counts).items() if k not in variants}
    for old, new in variants.items():
        warnings.append(f"read speaker '{old}' as '{new}' ({_turns(counts[old])})")
    for old, new in typos.items():
        warnings.append(f"read speaker '{old}' as '{new}', a likely typo ({_turns(counts[old])})")
    renames = variants | typos
    for turn in turns:
        turn.speaker = renames.get(turn.speaker, turn.speaker)
    if fold_one_offs:
        turns = _fold_one_offs(turns, warnings)
    return turns, warnings


def _turns(n: int) -> str:
    return f"{n} turn" if n == 1 else f"{n} turns"


def _join_case_and_spacing(turns: list[Turn]) -> None:
    """Give every key its most used spelling (the first one seen on a tie)."""
    spellings: dict[str, Counter[str]] = {}
    for turn in turns:
        spellings.setdefault(speaker_key(turn.speaker), Counter())[turn.speaker] += 1
    best = {key: c.most_common(1)[0][0] for key, c in spellings.items()}
    for turn in turns:
        turn.speaker = best[speaker_key(turn.speaker)]


def _qualified_variants(counts: Counter[str]) -> dict[str, str]:
    """Qualified labels ("MEL, TYPING", "Amanda (typed)") join the bare name if it also speaks."""
    by_key = {speaker_key(s): s for s in counts}
    renames = {}
    for speaker in counts:
        base = _QUALIFIER.split(speaker, maxsplit=1)[0]
        target = by_key.get(speaker_key(base))
        if target and target != speaker:
            renames[speaker] = target
    return renames


def _likely_typos(counts: Counter[str]) -> dict[str, str]:
    """A rare label one letter off a frequent one ("Particpant") is that speaker.

    Labels that differ in their digits ("Speaker 1", "Speaker 2") are different people.
    """
    renames = {}
    for rare, n in counts.items():
        key = speaker_key(rare)
        if n > 2 or len(key) < 4:
            continue
        for common, m in counts.most_common():
            other = speaker_key(common)
            if m < max(5, 5 * n) or re.sub(r"\D", "", key) != re.sub(r"\D", "", other):
                continue
            if fuzz.ratio(key, other) >= _TYPO_MIN_RATIO:
                renames[rare] = common
                break
    return renames


def _fold_one_offs(turns: list[Turn], warnings: list[str]) -> list[Turn]:
    """Read a label that starts only one turn as words of the turn before it.

    Only in files where at least two speakers are established (3+ turns each), and never
    for a label that names a role, so short exchanges and role-labelled files are kept.
    """
    counts = Counter(t.speaker for t in turns)
    if sum(1 for n in counts.values() if n >= 3) < 2:
        return turns
    kept: list[Turn] = []
    for turn in turns:
        if counts[turn.speaker] == 1 and turn.role is None and kept:
            previous = kept[-1]
            previous.text = f"{previous.text}\n{turn.speaker}: {turn.text}"
            where = f"line {turn.line}: " if turn.line else ""
            warnings.append(
                f"{where}'{turn.speaker}:' starts only one turn, so it was read as words of "
                f"{previous.speaker}'s turn, not as a new speaker"
            )
        else:
            kept.append(turn)
    return kept
