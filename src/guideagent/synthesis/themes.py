"""Themes from grounded notes: cluster the insights, then let code assemble everything.

Only substantive insights are clustered (see SEED_WORDS). A theme is a cluster whose
insights come from at least `min_participants` people and that holds enough evidence for
how much people said (EVIDENCE_SHARE); a cluster from one person is a signal; a thin
cluster from several people stays unthemed. Participants, counts, quotes and objectives are all
read from the insights, never written by a model. Used by the offline engine, and usable
by any engine that has grounded notes.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from guideagent.language.tokens import word_count
from guideagent.schemas import Study
from guideagent.schemas.synthesis import (
    QUOTES_PER_PARTICIPANT,
    QUOTES_PER_THEME,
    Insight,
    InsightKind,
    InterviewNotes,
    Quote,
    Synthesis,
    Theme,
)
from guideagent.synthesis import cues
from guideagent.synthesis.cancel import check as check_cancelled
from guideagent.synthesis.cluster import attach_stragglers, average_linkage, centrality
from guideagent.synthesis.embeddings import embed
from guideagent.synthesis.keyphrases import content_words, label_for, shorten, top_phrases

# Cosine thresholds, measured on the development studies: cores merge at SIMILARITY,
# then insights in small clusters join the core they are on average ATTACH-similar to.
# Both sit in the middle of the range that scored well, not at its peak.
SIMILARITY = 0.375
ATTACH = 0.275
CONTEXT_WEIGHT = 1.0  # the answer an insight came from, relative to the insight itself
CONTEXT_RADIUS = 3  # neighbouring insights of the same answer, each side, that give context
CONTEXT_WORDS = 90  # and no more words than this in all, so long monologues stay cheap
# Only substantive insights make themes: a quote of at least SEED_WORDS words with at least
# SEED_CONTENT_WORDS words that are not stopwords. Short, generic sentences ("It was fine
# most of the time.") sit close to everything, blur clusters and make weak evidence; they
# stay in the notes (and give context to their neighbours) but neither found nor join a theme.
SEED_WORDS = 10
SEED_CONTENT_WORDS = 4
# A theme needs at least this share of a typical participant's substantive insights (and
# never fewer than 2): the more each person said, the more easily two or three sentences
# from different people land together by chance.
EVIDENCE_SHARE = 0.25
MAX_QUOTES = QUOTES_PER_THEME
LENGTH_WEIGHT = 3.0  # how much a long, specific quote outranks a short one of equal centrality
MAX_RECOMMENDATIONS = 5
MAX_OPEN_SIGNALS = 3
THIN_EVIDENCE = 2  # an objective with fewer insights than this is an open question

_KIND_WORDS = {
    InsightKind.pain_point: "pain points",
    InsightKind.need: "needs",
    InsightKind.behaviour: "behaviours",
    InsightKind.goal: "goals",
    InsightKind.workaround: "workarounds",
    InsightKind.delight: "things that work well",
}
_RECOMMEND = {
    InsightKind.pain_point: "Address the problem around “{label}” ({count}), e.g. “{example}”",
    InsightKind.need: "Explore how to meet the need around “{label}” ({count}), e.g. “{example}”",
    InsightKind.workaround: "Look at the workarounds around “{label}” ({count}): they mark an unmet need, e.g. “{example}”",
    InsightKind.goal: "Support the goal around “{label}” ({count}), e.g. “{example}”",
    InsightKind.behaviour: "Design for how participants handle “{label}” today ({count}), e.g. “{example}”",
    InsightKind.delight: "Keep what works around “{label}” ({count}), e.g. “{example}”",
}


def _ordered_unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _dominant_kind(insights: list[Insight]) -> InsightKind:
    """The commonest kind; behaviour (the offline engine's fallback) only when nothing
    more telling reaches a quarter of the insights."""
    counts = Counter(i.kind for i in insights)
    order = list(InsightKind)
    telling = {k: n for k, n in counts.items() if k != InsightKind.behaviour}
    if telling and max(telling.values()) * 4 >= len(insights):
        counts = Counter(telling)
    return max(counts, key=lambda k: (counts[k], -order.index(k)))


def _quote_strength(insights: list[Insight], centrality_: np.ndarray) -> np.ndarray:
    """Central to the theme and specific: a full sentence beats a fragment."""
    spread = centrality_.std()
    z = (centrality_ - centrality_.mean()) / spread if spread > 1e-9 else np.zeros(len(insights))
    length = np.array(
        [min(word_count(i.quotes[0].text) if i.quotes else 0, 30) / 30 for i in insights]
    )
    return z + LENGTH_WEIGHT * length


def _strongest_quotes(insights: list[Insight], strength: np.ndarray) -> list[Quote]:
    """The strongest quote of each participant first (strongest participant first), then
    each one's second strongest, at most QUOTES_PER_PARTICIPANT each and MAX_QUOTES in all."""
    ranked = [insights[i] for i in np.argsort(-strength, kind="stable")]
    rounds: list[list[Quote]] = [[] for _ in range(QUOTES_PER_PARTICIPANT)]
    taken: Counter[str] = Counter()
    seen: set[tuple[str, str, str]] = set()
    for insight in ranked:
        for quote in insight.quotes:
            key = (quote.transcript_id, quote.utterance_id, quote.text)
            n = taken[insight.participant_id]
            if key in seen or n >= QUOTES_PER_PARTICIPANT:
                continue
            seen.add(key)
            taken[insight.participant_id] += 1
            rounds[n].append(quote)
    return [q for r in rounds for q in r][:MAX_QUOTES]


def _disagreements(insights: list[Insight]) -> list[str]:
    """Participants on opposite sides inside one theme, by cue-word polarity.

    Someone who said both good and bad things is on neither side."""
    sides: dict[str, dict[int, Insight]] = {}
    for insight in insights:
        pol = cues.polarity(" ".join(q.text for q in insight.quotes) or insight.text)
        if pol:
            sides.setdefault(insight.participant_id, {}).setdefault(pol, insight)
    pos = {p: s[1] for p, s in sides.items() if set(s) == {1}}
    neg = {p: s[-1] for p, s in sides.items() if set(s) == {-1}}
    if not pos or not neg:
        return []
    p_ex, n_ex = next(iter(pos.values())), next(iter(neg.values()))
    return [
        f"Positive: {', '.join(sorted(pos))} (e.g. “{shorten(p_ex.text, 14)}”); "
        f"negative: {', '.join(sorted(neg))} (e.g. “{shorten(n_ex.text, 14)}”)."
    ]


def _make_theme(
    theme_id: str, insights: list[Insight], vectors: np.ndarray, phrases: list[str]
) -> Theme:
    scores = centrality(vectors)
    ranked = [insights[i] for i in np.argsort(-scores, kind="stable")]
    central = ranked[0]
    kind = _dominant_kind(insights)
    objective_counts = Counter(o for i in insights for o in i.objective_ids)
    keywords = f" Key words: {', '.join(phrases)}." if phrases else ""
    return Theme(
        id=theme_id,
        label=label_for([i.text for i in ranked]),
        description=f"Mostly {_KIND_WORDS[kind]}. Typical: {central.text}{keywords}",
        insight_ids=[i.id for i in insights],
        participant_ids=_ordered_unique([i.participant_id for i in insights]),
        quotes=_strongest_quotes(insights, _quote_strength(insights, scores)),
        objective_ids=[o for o, _ in objective_counts.most_common()],
        disagreements=_disagreements(insights),
    )


def _recommendations(themes: list[Theme], by_id: dict[str, Insight], total: int) -> list[str]:
    out = []
    for theme in themes[:MAX_RECOMMENDATIONS]:
        kind = _dominant_kind([by_id[i] for i in theme.insight_ids])
        label = theme.label
        example = shorten(theme.quotes[0].text, 16) if theme.quotes else ""
        count = f"{len(theme.participant_ids)} of {total} participants"
        out.append(_RECOMMEND[kind].format(label=label, count=count, example=example) + ".")
    return out


def _open_questions(
    signals: list[Theme], insights: list[Insight], study: Study | None
) -> list[str]:
    out = [
        f"Only {s.participant_ids[0]} raised “{s.label}”: is it shared? Ask others."
        for s in signals[:MAX_OPEN_SIGNALS]
    ]
    evidence = Counter(o for i in insights for o in i.objective_ids)
    for objective in study.objectives if study else []:
        n = evidence.get(objective.id, 0)
        if n < THIN_EVIDENCE:
            out.append(
                f"Little evidence on objective {objective.id} ({objective.text}): "
                f"{n} insight{'s' if n != 1 else ''}. Probe it in the next interviews."
            )
    return out


def _context_windows(insights: list[Insight]) -> list[str]:
    """For each insight, its quote with the quotes of its neighbours from the same answer
    (up to CONTEXT_RADIUS each side and CONTEXT_WORDS in all), in order: what the
    participant was talking about."""
    keys = [(i.transcript_id, i.quotes[0].utterance_id if i.quotes else i.id) for i in insights]
    texts = [i.quotes[0].text if i.quotes else i.text for i in insights]
    sizes = [len(t.split()) for t in texts]
    windows = []
    for n, key in enumerate(keys):
        lo = hi = n
        words = sizes[n]
        for _ in range(CONTEXT_RADIUS):
            if lo > 0 and keys[lo - 1] == key and words + sizes[lo - 1] <= CONTEXT_WORDS:
                lo -= 1
                words += sizes[lo]
            if (
                hi + 1 < len(keys)
                and keys[hi + 1] == key
                and words + sizes[hi + 1] <= CONTEXT_WORDS
            ):
                hi += 1
                words += sizes[hi]
        windows.append(" ".join(texts[lo : hi + 1]))
    return windows


def insight_vectors(insights: list[Insight]) -> np.ndarray:
    """Each insight's sentence plus the answer around it, as one unit vector.

    A sentence alone says too little about its topic ("It made me feel judged"); the
    neighbouring insights quoted from the same utterance say what the answer was about.
    The window is bounded so a ten-minute monologue neither blurs topics nor costs a
    256-token embedding per insight. Only the notes are needed, so any engine's
    insights can be clustered this way.
    """
    if not insights:
        return np.zeros((0, 384), np.float32)
    sentences = embed([i.text for i in insights])
    vectors = sentences + CONTEXT_WEIGHT * embed(_context_windows(insights))
    return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)


def substantive(insight: Insight) -> bool:
    """Whether an insight says enough to found or join a theme (SEED_WORDS, SEED_CONTENT_WORDS)."""
    text = insight.quotes[0].text if insight.quotes else insight.text
    return word_count(text) >= SEED_WORDS and content_words(text) >= SEED_CONTENT_WORDS


def _clusters(
    insights: list[Insight], vectors: np.ndarray, similarity: float
) -> tuple[list[list[int]], int]:
    """Clusters of the substantive insights (indices into `insights`), and the evidence a
    cluster needs to be a theme."""
    seeds = [n for n, insight in enumerate(insights) if substantive(insight)]
    if not seeds:
        return [], 2
    sim = vectors[seeds] @ vectors[seeds].T
    local = attach_stragglers(sim, average_linkage(sim, similarity), ATTACH)
    clusters = [[seeds[k] for k in c] for c in local]
    people = len({insights[n].participant_id for n in seeds})
    min_evidence = max(2, math.ceil(EVIDENCE_SHARE * len(seeds) / people - 1e-9))
    return clusters, min_evidence


def build_synthesis(
    notes: list[InterviewNotes],
    study: Study | None = None,
    *,
    min_participants: int = 2,
    engine: str = "offline",
    similarity: float = SIMILARITY,
    vectors: np.ndarray | None = None,
) -> Synthesis:
    insights = [i for n in notes for i in n.insights]
    participants = _ordered_unique([p for n in notes for p in n.participant_ids])
    participants += [
        p for p in _ordered_unique([i.participant_id for i in insights]) if p not in participants
    ]
    if vectors is None:
        vectors = insight_vectors(insights)
    check_cancelled()  # between stages: embedding, clustering, labelling, themes
    clusters, min_evidence = _clusters(insights, vectors, similarity)
    check_cancelled()
    labels = top_phrases(
        [[(insights[i].participant_id, insights[i].text) for i in c] for c in clusters]
    )
    themed, singles = [], []
    for cluster, phrases in zip(clusters, labels, strict=True):
        people = len({insights[i].participant_id for i in cluster})
        item = ((-people, -len(cluster), cluster[0]), cluster, phrases)  # prevalence first
        if people >= min_participants and len(cluster) >= min_evidence:
            themed.append(item)
        elif people == 1 and len(cluster) >= 2:  # one person, said more than once: a signal
            singles.append(item)
    check_cancelled()
    themes = [
        _make_theme(f"t{n}", [insights[i] for i in c], vectors[c], p)
        for n, (_, c, p) in enumerate(sorted(themed), 1)
    ]
    signals = [
        _make_theme(f"s{n}", [insights[i] for i in c], vectors[c], p)
        for n, (_, c, p) in enumerate(sorted(singles), 1)
    ]
    grouped = {i for t in themes + signals for i in t.insight_ids}
    by_id = {i.id: i for i in insights}
    return Synthesis(
        title=study.title if study else "",
        engine=engine,
        participant_ids=participants,
        notes=notes,
        themes=themes,
        signals=signals,
        unthemed_insight_ids=[i.id for i in insights if i.id not in grouped],
        recommendations=_recommendations(themes, by_id, len(participants)),
        open_questions=_open_questions(signals, insights, study),
        dropped_quotes=sum(n.dropped_quotes for n in notes),
        dropped_insights=sum(n.dropped_insights for n in notes),
    )
