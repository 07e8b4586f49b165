"""Key phrases (the words that set a cluster apart from the others) and theme labels.

Each cluster is one document; its 1- and 2-word phrases (stopwords removed) are scored
by TF-IDF across clusters, so a word every theme uses ("really", "app") does not become
a label. No model is needed, and the same input always gives the same label.
"""

from __future__ import annotations

import math
from collections import Counter

from guideagent.language.stopwords import STOPWORDS
from guideagent.language.tokens import letter_words


def content_words(text: str) -> int:
    """How many of a sentence's words are not stopwords: a rough measure of what it says."""
    return sum(1 for w in text.lower().split() if w.strip(".,!?;:'\"") not in STOPWORDS)


def phrases(text: str) -> list[str]:
    """Candidate phrases: content words and pairs of adjacent content words."""
    words = letter_words(text)
    out: list[str] = []
    for i, w in enumerate(words):
        if w in STOPWORDS or len(w) < 3:
            continue
        out.append(w)
        if i + 1 < len(words):
            nxt = words[i + 1]
            if nxt not in STOPWORDS and len(nxt) >= 3:
                out.append(f"{w} {nxt}")
    return out


def top_phrases(documents: list[list[tuple[str, str]]], k: int = 3) -> list[list[str]]:
    """The k most distinctive phrases of each document: a cluster's (speaker, text) pairs.

    A phrase scores by how many people in the cluster use it (then how many texts),
    weighted by inverse document frequency across clusters: a theme's label should be
    the words its participants share, not one person's pet phrase. Bigrams get a small
    bonus because they read better as labels.
    """
    stats = []
    for doc in documents:
        texts: Counter[str] = Counter()
        people: dict[str, set[str]] = {}
        for speaker, text in doc:
            for phrase in set(phrases(text)):
                texts[phrase] += 1
                people.setdefault(phrase, set()).add(speaker)
        stats.append((texts, people))
    df = Counter(p for texts, _ in stats for p in texts)
    n = len(documents)
    result = []
    for doc, (texts, people) in zip(documents, stats, strict=True):
        scored = []
        for phrase, tf in texts.items():
            if tf < 2 and len(doc) > 1:
                continue
            idf = math.log((1 + n) / (1 + df[phrase])) + 1
            bonus = 1.3 if " " in phrase else 1.0
            scored.append(((len(people[phrase]) + 0.5 * tf) * idf * bonus, phrase))
        scored.sort(key=lambda t: (-t[0], t[1]))
        chosen: list[str] = []
        shared = [t for t in scored if len(people[t[1]]) >= 2]
        for _, phrase in shared or scored:
            if any(set(phrase.split()) & set(c.split()) for c in chosen):
                continue
            chosen.append(phrase)
            if len(chosen) == k:
                break
        result.append(chosen)
    return result


def shorten(sentence: str, max_words: int = 9) -> str:
    """A sentence cut to a label's length at a word boundary, without its end punctuation."""
    words = sentence.rstrip(".!?… ").split()
    text = " ".join(words[:max_words])
    return text + ("…" if len(words) > max_words else "")


def label_for(ranked_texts: list[str], max_words: int = 12, candidates: int = 5) -> str:
    """A theme's label: one of its most central statements, shortened.

    A statement a participant made ("It sees a big deposit in March and decides I'm
    rich…") tells a PM more than a list of key words. Among the few most central ones,
    the densest in content words wins, so "I think that, yeah, if I understand…" loses
    to a sentence that says something. The key words go in the description.
    """
    if not ranked_texts:
        return "Untitled theme"

    def density(text: str) -> float:
        words = text.split()
        return content_words(text) / len(words) if len(words) >= 5 else 0.0

    pool = ranked_texts[:candidates]
    best = max(pool, key=lambda t: (density(t), -pool.index(t)))
    return shorten(best, max_words)
