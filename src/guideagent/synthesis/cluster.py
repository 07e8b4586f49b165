"""Agglomerative clustering, average linkage on cosine similarity, in plain numpy.

Themes come from groups of insights that say the same thing. The number of themes is not
known in advance, so clusters merge while their mean pairwise similarity stays above a
threshold. Deterministic: ties go to the lowest indices, no randomness anywhere.
"""

from __future__ import annotations

import numpy as np


def average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Clusters (lists of row indices, each sorted) of a symmetric similarity matrix.

    Two clusters merge when the mean similarity over all their cross pairs is at least
    `threshold`; the most similar pair merges first (Lance-Williams update). Of equally
    similar pairs, the one with the lowest first index, then the lowest second, merges.

    O(n^2) memory and, in practice, O(n^2) time: every row keeps its nearest neighbour
    (the first column with the row's maximum), so picking the next merge is a scan of n
    values; a merge rewrites one row and column in place and rescans only the rows whose
    neighbour it touched. Merged-away rows and columns are masked with -inf, never copied.
    """
    n = similarity.shape[0]
    if n == 0:
        return []
    sim = np.array(similarity, dtype=np.float64)  # a private copy, updated in place
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    members: list[list[int]] = [[i] for i in range(n)]
    active = np.ones(n, dtype=bool)
    # Each row's nearest neighbour: the first column holding its maximum, as a row-major
    # argmax over the whole matrix would find it.
    nearest = np.argmax(sim, axis=1)
    best = sim[np.arange(n), nearest]
    left = n
    while left > 1:
        r = int(np.argmax(best))  # the first row holding the overall maximum
        if best[r] < threshold:
            break
        a, b = sorted((r, int(nearest[r])))
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a, :] = merged
        sim[:, a] = merged
        sim[a, a] = -np.inf
        sim[b, :] = -np.inf
        sim[:, b] = -np.inf
        sizes[a] += sizes[b]
        active[b] = False
        best[b] = -np.inf
        members[a] += members[b]
        members[b] = []
        left -= 1
        # Rows whose neighbour was a or b lose it (or see it change): rescan them. Every
        # other row saw only column a change: it is the new neighbour if it beats the old
        # one, or ties it from an earlier column.
        stale = active & ((nearest == a) | (nearest == b))
        stale[a] = True
        rows = np.flatnonzero(stale)
        column = sim[:, a]
        better = active & ~stale & ((column > best) | ((column == best) & (a < nearest)))
        nearest[better] = a
        best[better] = column[better]
        if len(rows):
            found = np.argmax(sim[rows], axis=1)
            nearest[rows] = found
            best[rows] = sim[rows, found]
    clusters = [sorted(m) for m, on in zip(members, active, strict=True) if on]
    return sorted(clusters, key=lambda c: (-len(c), c[0]))


def centrality(vectors: np.ndarray) -> np.ndarray:
    """Each row's mean similarity to the others in its group: the most typical first."""
    if len(vectors) == 1:
        return np.ones(1)
    sim = vectors @ vectors.T
    return (sim.sum(axis=1) - 1.0) / (len(vectors) - 1)


def attach_stragglers(
    similarity: np.ndarray, clusters: list[list[int]], threshold: float, min_size: int = 3
) -> list[list[int]]:
    """Move members of small clusters into the core cluster they are most like.

    Average linkage at a strict threshold makes tight cores but strands paraphrases that
    sit a little further out; each member of a cluster smaller than `min_size` joins the
    core whose members it is most similar to on average, if that mean reaches
    `threshold`. Cores are scored as they were before any move, so the order in which
    stragglers are visited does not matter.
    """
    cores = [c for c in clusters if len(c) >= min_size]
    moved: list[list[int]] = [list(c) for c in cores]
    left: list[list[int]] = []
    for cluster in clusters:
        if len(cluster) >= min_size:
            continue
        for i in cluster:
            means = [float(similarity[i, core].mean()) for core in cores]
            best = int(np.argmax(means)) if means else -1
            if best >= 0 and means[best] >= threshold:
                moved[best].append(i)
            else:
                left.append([i])
    # Stragglers that found no core stay together with their original cluster-mates.
    regrouped: dict[int, list[int]] = {}
    for cluster in clusters:
        if len(cluster) < min_size:
            for [i] in left:
                if i in cluster:
                    regrouped.setdefault(cluster[0], []).append(i)
    result = [sorted(c) for c in moved] + [sorted(c) for c in regrouped.values()]
    return sorted(result, key=lambda c: (-len(c), c[0]))
