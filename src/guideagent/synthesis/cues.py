"""Cue words the offline engine reads: what kind of insight a sentence is, its polarity,
and whether it is small talk.

A small hand-made lexicon, matched on word stems. It is deliberately generic (no
product words), so it works on any study; the embeddings do the topical work.
"""

from __future__ import annotations

import re

from guideagent.schemas.synthesis import InsightKind

# Each pattern is a regex over lowercased text; a kind's score is its number of matches.
# fmt: off
KIND_CUES: dict[InsightKind, tuple[str, ...]] = {
    InsightKind.pain_point: (
        r"\bfrustrat", r"\bannoy", r"\bhate", r"\bdifficult", r"\bhard\b", r"\bharder\b", r"\bpain",
        r"\bproblem", r"\bissue", r"\bstruggl", r"\bconfus", r"\bslow", r"\bwaste", r"\bbroken\b",
        r"\bbreaks?\b", r"\bfail", r"\bcan'?t\b", r"\bcannot\b", r"\bcouldn'?t\b", r"\bstuck\b",
        r"\bworr", r"\bstress", r"\btedious", r"\berror", r"\bbug", r"\bmess", r"\bnightmare",
        r"\bterrible", r"\bawful", r"\bdon'?t trust", r"\bnever (?:works|know|find)",
        r"\btoo (?:long|many|much|slow)", r"\bcomplicated", r"\bdrives? me", r"\bupset",
        r"\bscared", r"\bafraid", r"\blost\b", r"\bmissing", r"\bunclear", r"\bhassle", r"\bclunky",
        r"\bexpensive", r"\btakes? (?:ages|forever)", r"\bwrong\b", r"\bweird", r"\bugh\b",
        r"\bunprofessional", r"\bembarrass", r"\bmortified", r"\bhurt", r"\bawkward", r"\breject",
        r"\bno idea\b", r"\bblack box", r"\bpointless", r"\buseless", r"\bridiculous", r"\bworst\b",
        r"\bjudged\b", r"\bscold", r"\bguilt", r"\bpanic", r"\bnervous", r"\banxious", r"\bdread",
        r"\bfright", r"\bsteep\b", r"\bdoesn'?t (?:work|help|match|agree|tie|show|remember|know)",
        r"\bnever (?:agree|quite|get|got)", r"\bout of date\b", r"\bmistake", r"\bforg[eo]t",
        r"\bmissed\b", r"\bdelay", r"\blate\b", r"\bchore\b", r"\bboring\b", r"\bpainful",
        r"\bno way to\b", r"\bnothing to show", r"\bdon'?t (?:want|like|know|trust)\b",
        r"\bnot (?:sure|clear|enough)\b",
    ),
    InsightKind.need: (
        r"\bneed", r"\bwish\b", r"\bwould (?:love|like)", r"\bi'?d (?:love|like)", r"\bif only\b",
        r"\bit'?d be (?:nice|great|good|helpful)", r"\bwould be (?:nice|great|good|helpful)",
        r"\bshould\b", r"\blooking for\b", r"\bwant(?:ed)? (?:a|an|some|it|to be able)",
        r"\bmissing\b", r"\brequire", r"\bessential", r"\bmust\b", r"\bi'?d want\b",
        r"\bwould help\b", r"\bit would be\b", r"\blet me\b",
        r"\bif (?:it|they|there) (?:could|would|was|were)\b", r"\bhelps? (?:a lot|me)\b",
        r"\bjust (?:want|need)", r"\bwhat i want\b",
    ),
    InsightKind.workaround: (
        r"\bworkaround", r"\bwork around", r"\bspreadsheet", r"\bexcel\b", r"\bmanually",
        r"\bcopy\b", r"\bcopying", r"\bpaste", r"\bwrite (?:it|them) down", r"\bsticky note",
        r"\bscreenshot", r"\bhack", r"\bend up\b", r"\bended up\b", r"\binstead\b",
        r"\bemail (?:it|them)? ?(?:to )?myself", r"\bmy own\b", r"\bdouble.check", r"\bby hand\b",
        r"\bnotebook", r"\bpaper\b", r"\bpen\b", r"\bmyself\b", r"\bturn (?:it |them )?off\b",
        r"\bswitch(?:ed)? (?:it |them )?off\b", r"\bsend (?:it|them) to\b", r"\bwhatsapp\b",
        r"\btext(?:ed)? (?:him|her|them|me)\b", r"\bprint(?:ed)? (?:it|them|out)\b",
    ),
    InsightKind.goal: (
        r"\bgoal", r"\btrying to\b", r"\bi want to\b", r"\baim", r"\bso that\b", r"\bin order to\b",
        r"\bhope to\b", r"\bplan to\b", r"\bmy job is\b", r"\bwhat matters\b", r"\bmost important",
        r"\bpriority", r"\bcare about\b",
    ),
    InsightKind.delight: (
        r"\blove", r"\bgreat\b", r"\beasy\b", r"\beasier\b", r"\benjoy", r"\bfavou?rite",
        r"\bawesome", r"\bhelpful", r"\bamazing", r"\bhappy\b", r"\bsimple\b", r"\bconvenient",
        r"\bsaves? (?:me )?time", r"\bjust works\b", r"\breally (?:like|good|nice)", r"\bfantastic",
        r"\bbrilliant", r"\bexcellent",
    ),
    InsightKind.behaviour: (
        r"\busually\b", r"\balways\b", r"\bevery (?:day|week|month|morning|time)", r"\btypically\b",
        r"\boften\b", r"\bnormally\b", r"\bi (?:check|use|open|go|look|start|keep)\b",
        r"\bwe (?:check|use|open|go|look|start|keep)\b", r"\bonce a\b", r"\broutine", r"\bhabit",
        r"\bfirst thing\b", r"\bsometimes\b", r"\bwhen i\b",
    ),
}

NEGATIVE = KIND_CUES[InsightKind.pain_point] + (
    r"\bnot (?:good|great|useful|helpful)", r"\bdislike",
)
POSITIVE = KIND_CUES[InsightKind.delight] + (r"\bworks? (?:well|fine)", r"\buseful\b", r"\bgood\b")

SMALL_TALK = (
    r"\bhow are you", r"\bweather\b",
    r"\bthanks? (?:you )?for (?:having|joining|your time|inviting)", r"\bnice to meet",
    r"\bcan you hear", r"\bmy pleasure", r"\bno problem\b", r"\bsee you",
    r"\bhave a (?:good|great|nice)", r"\bgood (?:morning|afternoon|evening)", r"\bbye\b",
    r"\byou'?re welcome", r"\bsounds good", r"\bhappy to help", r"\bgo ahead\b", r"\brecord",
)
# fmt: on

_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in KIND_CUES.items()}
_NEG = [re.compile(p) for p in NEGATIVE]
_POS = [re.compile(p) for p in POSITIVE]
_SMALL = [re.compile(p) for p in SMALL_TALK]
# When scores tie, the more specific kind wins: a complaint that ends in a wish is a need.
_PRIORITY = [
    InsightKind.workaround,
    InsightKind.need,
    InsightKind.pain_point,
    InsightKind.goal,
    InsightKind.delight,
    InsightKind.behaviour,
]


def kind_scores(text: str) -> dict[InsightKind, int]:
    lower = text.lower().replace("’", "'")
    return {kind: sum(1 for p in pats if p.search(lower)) for kind, pats in _COMPILED.items()}


def classify(text: str) -> InsightKind:
    """The insight kind a sentence's cue words point to; behaviour when none do."""
    scores = kind_scores(text)
    best = max(_PRIORITY, key=lambda k: (scores[k], -_PRIORITY.index(k)))
    return best if scores[best] else InsightKind.behaviour


def cue_count(text: str) -> int:
    return sum(kind_scores(text).values())


_NEGATORS = {"not", "no", "never", "nothing", "hardly", "without", "nor"}


def _negated(before: str) -> bool:
    """A negator among the four words before a cue: "wasn't telling me anything useful"."""
    words = re.findall(r"[\w']+", before)[-4:]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


_WISH = re.compile(r"\b(?:would|'d) (?:love|like)|\blove (?:it )?if\b|\bwish\b")


def polarity(text: str) -> int:
    """+1 positive, -1 negative, 0 neutral or mixed. A negated positive ("wasn't
    useful") counts as negative; a wish ("I'd love it if…") is a need, not praise."""
    lower = _WISH.sub(" ", text.lower().replace("’", "'"))
    pos = neg = 0
    for pattern in _POS:
        for m in pattern.finditer(lower):
            if _negated(lower[: m.start()]):
                neg += 1
            else:
                pos += 1
    neg += sum(1 for p in _NEG if p.search(lower))
    return (pos > neg) - (neg > pos)


def is_small_talk(text: str) -> bool:
    lower = text.lower().replace("’", "'")
    return any(p.search(lower) for p in _SMALL)
