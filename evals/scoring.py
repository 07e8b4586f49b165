"""Synthesis scoring, exactly as DESIGN.md "Data formats the evals read" defines it.

Pure functions over plain data, so the numbers can be checked by hand: theme matching
by gold-snippet hits, theme recall and precision, attribution F1, and a grounding rate
computed from the transcripts' own text, independent of the engine's grounding step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

RUN = 6  # shared consecutive words that make a hit


@dataclass(frozen=True)
class PredictedTheme:
    id: str
    quotes: Sequence[str]
    participants: frozenset[str]


@dataclass(frozen=True)
class GoldTheme:
    id: str
    evidence: Sequence[str]
    participants: frozenset[str]
    label: str = ""


@dataclass
class Scores:
    theme_recall: float
    theme_precision: float
    attribution_f1: float
    matches: list[tuple[str, str, int]] = field(default_factory=list)  # (pred, gold, score)


def normalise(text: str) -> str:
    """Lowercase, strip punctuation, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return re.sub(r"\s+", " ", text).strip()


def _contains(outer: str, inner: str) -> bool:
    """Word-aligned containment: 'hate it' is in 'i hate it', 'ate it' is not."""
    return f" {inner} " in f" {outer} "


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def hits(quote: str, snippet: str) -> bool:
    """A quote hits a snippet when one contains the other or they share 6+ words in a row."""
    q, s = normalise(quote), normalise(snippet)
    if not q or not s:
        return False
    if _contains(q, s) or _contains(s, q):
        return True
    return bool(_ngrams(q.split(), RUN) & _ngrams(s.split(), RUN))


def theme_score(quotes: Iterable[str], evidence: Sequence[str]) -> int:
    """How many of the gold snippets are hit by at least one predicted quote."""
    quotes = list(quotes)
    return sum(1 for snippet in evidence if any(hits(q, snippet) for q in quotes))


def min_score(gold: GoldTheme) -> int:
    return 1 if len(gold.evidence) < 3 else 2


def match_themes(
    predicted: Sequence[PredictedTheme], gold: Sequence[GoldTheme]
) -> list[tuple[int, int, int]]:
    """One-to-one (pred index, gold index, score) pairs, greedy by highest score.

    Ties go to the earlier gold theme, then the earlier predicted theme, so the result
    does not depend on set or dict ordering.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            score = theme_score(p.quotes, g.evidence)
            if score >= min_score(g):
                pairs.append((score, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for score, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((pi, gi, score))
    return matches


def set_f1(predicted: Iterable[str], gold: Iterable[str]) -> float:
    p, g = set(predicted), set(gold)
    overlap = len(p & g)
    if not overlap:
        return 0.0
    precision, recall = overlap / len(p), overlap / len(g)
    return 2 * precision * recall / (precision + recall)


def score_themes(predicted: Sequence[PredictedTheme], gold: Sequence[GoldTheme]) -> Scores:
    matches = match_themes(predicted, gold)
    by_gold = {gi: pi for pi, gi, _ in matches}
    f1s = [
        set_f1(predicted[by_gold[gi]].participants, g.participants) if gi in by_gold else 0.0
        for gi, g in enumerate(gold)
    ]
    return Scores(
        theme_recall=len(matches) / len(gold) if gold else 0.0,
        theme_precision=len(matches) / len(predicted) if predicted else 0.0,
        attribution_f1=sum(f1s) / len(f1s) if f1s else 0.0,
        matches=[(predicted[pi].id, gold[gi].id, s) for pi, gi, s in matches],
    )


def grounding_rate(quotes: Sequence[tuple[str, str]], turns: Mapping[str, Sequence[str]]) -> float:
    """Share of (participant id, quote text) found verbatim, after normalisation, inside
    one of that participant's own turns. 1.0 when there are no quotes to check."""
    if not quotes:
        return 1.0
    normalised = {pid: [normalise(t) for t in texts] for pid, texts in turns.items()}
    found = 0
    for pid, text in quotes:
        q = normalise(text)
        if q and any(_contains(turn, q) for turn in normalised.get(pid, [])):
            found += 1
    return found / len(quotes)
