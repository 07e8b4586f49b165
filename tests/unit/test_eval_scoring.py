"""The synthesis scoring rules of DESIGN.md, checked on examples worked out by hand."""

from __future__ import annotations

import sys

import pytest
from paths import ROOT

sys.path.insert(0, str(ROOT))  # evals/ is a top-level folder

from evals.scoring import (  # noqa: E402
    GoldTheme,
    PredictedTheme,
    grounding_rate,
    hits,
    match_themes,
    normalise,
    score_themes,
    theme_score,
)


def test_normalise_lowercases_strips_punctuation_and_collapses_space():
    assert normalise("  It's   SLOW — really,\nslow!  ") == "its slow really slow"


@pytest.mark.parametrize(
    ("quote", "snippet", "expected"),
    [
        # One contains the other, after normalisation.
        ("The app, honestly, is SLOW.", "the app honestly is slow", True),
        ("slow", "the app honestly is slow", True),
        # Six consecutive shared words, neither containing the other.
        (
            "so I export it to a spreadsheet every single week",
            "export it to a spreadsheet every single night",
            True,
        ),
        # Only five shared in a row: no hit.
        ("we export it to a spreadsheet daily", "they export it to a spreadsheet weekly", False),
        # Containment is by whole words: "ate it" is not inside "hate it".
        ("ate it", "I hate it", False),
        ("", "anything", False),
    ],
)
def test_hits(quote, snippet, expected):
    assert hits(quote, snippet) is expected


GOLD = [
    GoldTheme(
        id="g1",
        participants=frozenset({"P1", "P2", "P3"}),
        evidence=[
            "transfers take three days",
            "I never know when money lands",
            "the bank is slow to clear payments",
        ],
    ),
    GoldTheme(
        id="g2",
        participants=frozenset({"P2", "P4"}),
        evidence=["I keep a spreadsheet of pending payments"],
    ),
    GoldTheme(
        id="g3",
        participants=frozenset({"P1", "P5"}),
        evidence=["support never answers", "chat bot is useless"],
    ),
]


def test_theme_score_counts_gold_snippets_hit_by_any_quote():
    quotes = [
        "Honestly, transfers take three days.",
        "Transfers take three days!",
        "I never know when money lands",
    ]
    # Two distinct snippets hit; the duplicate quote hits the same snippet again.
    assert theme_score(quotes, GOLD[0].evidence) == 2


def test_match_and_scores_worked_example():
    predicted = [
        # Hits g1 twice (score 2 >= 2: match). Participants {P1, P2}.
        PredictedTheme(
            "a",
            ["transfers take three days", "I never know when money lands"],
            frozenset({"P1", "P2"}),
        ),
        # Hits g1 once only: below the bar of 2 for a 3-snippet gold theme.
        PredictedTheme("b", ["the bank is slow to clear payments"], frozenset({"P3"})),
        # Hits g2's single snippet: g2 has < 3 snippets, so 1 is enough. Participants {P2, P4, P5}.
        PredictedTheme(
            "c", ["I keep a spreadsheet of pending payments, yes"], frozenset({"P2", "P4", "P5"})
        ),
        # Hits nothing.
        PredictedTheme("d", ["I like the colours"], frozenset({"P1", "P5"})),
    ]
    assert match_themes(predicted, GOLD) == [(0, 0, 2), (2, 1, 1)]
    scores = score_themes(predicted, GOLD)
    assert scores.theme_recall == pytest.approx(2 / 3)
    assert scores.theme_precision == pytest.approx(2 / 4)
    # g1: P={P1,P2} G={P1,P2,P3}: p=1, r=2/3, F1=0.8. g2: P={P2,P4,P5} G={P2,P4}: p=2/3, r=1, F1=0.8.
    # g3 unmatched: 0. Mean = 1.6 / 3.
    assert scores.attribution_f1 == pytest.approx(1.6 / 3)


def test_matching_is_one_to_one_and_greedy_by_score():
    gold = [
        GoldTheme("g1", ["a b c d e f one", "x y z"], frozenset({"P1"})),
        GoldTheme("g2", ["a b c d e f two"], frozenset({"P2"})),
    ]
    predicted = [
        PredictedTheme("p1", ["a b c d e f one", "x y z"], frozenset({"P1"})),  # g1: 2, g2: 1
        PredictedTheme("p2", ["a b c d e f two"], frozenset({"P2"})),  # g1: 1, g2: 1
    ]
    # Highest first: (p1, g1, 2). p1 is then taken, so g2 goes to p2.
    assert match_themes(predicted, gold) == [(0, 0, 2), (1, 1, 1)]


def test_grounding_rate_checks_the_cited_participants_own_turns():
    turns = {
        "P1": ["I hate waiting, it takes three days.", "Other things."],
        "P2": ["The app is fine."],
    }
    quotes = [
        ("P1", "i hate waiting"),  # verbatim after normalisation
        ("P1", "It takes three days"),  # verbatim
        ("P2", "I hate waiting"),  # said, but by P1, not P2
        ("P1", "it takes four days"),  # never said
    ]
    assert grounding_rate(quotes, turns) == 0.5
    assert grounding_rate([], turns) == 1.0
