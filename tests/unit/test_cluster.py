"""Average-linkage clustering: the fast version against a brute-force reference."""

from __future__ import annotations

import numpy as np
import pytest

from guideagent.synthesis.cluster import average_linkage


def reference_average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """The obvious O(n^3) algorithm: per merge, mask the merged-away rows and columns, take
    the row-major first maximum, stop below the threshold, Lance-Williams update."""
    n = similarity.shape[0]
    if n == 0:
        return []
    sim = similarity.astype(np.float64).copy()
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    members: list[list[int] | None] = [[i] for i in range(n)]
    active = np.ones(n, dtype=bool)
    while active.sum() > 1:
        masked = np.where(active[:, None] & active[None, :], sim, -np.inf)
        a, b = divmod(int(np.argmax(masked)), n)
        if masked[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a, :] = merged
        sim[:, a] = merged
        sim[a, a] = -np.inf
        sizes[a] += sizes[b]
        active[b] = False
        members[a] = sorted((members[a] or []) + (members[b] or []))
        members[b] = None
    clusters = [m for m, on in zip(members, active, strict=True) if on and m is not None]
    return sorted(clusters, key=lambda c: (-len(c), c[0]))


def cosine(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    """Similarities of random unit vectors, as the engine makes them (float32 matmul)."""
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors @ vectors.T


def tied(rng: np.random.Generator, n: int, levels: int) -> np.ndarray:
    """A symmetric matrix of a few distinct values: ties everywhere, also after merges."""
    upper = np.triu(rng.integers(0, levels, (n, n)) / (levels - 1), 1)
    return upper + upper.T + np.eye(n)


@pytest.mark.parametrize("seed", range(40))
def test_matches_the_reference_on_random_cosine_matrices(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    sim = cosine(rng, n, int(rng.integers(2, 12)))
    for threshold in (-0.2, 0.0, 0.1, 0.3, 0.6):
        assert average_linkage(sim, threshold) == reference_average_linkage(sim, threshold)


@pytest.mark.parametrize("seed", range(40))
def test_matches_the_reference_with_ties(seed):
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(2, 40))
    sim = tied(rng, n, int(rng.integers(2, 5)))
    for threshold in (0.0, 0.25, 0.5, 0.75, 1.0):
        assert average_linkage(sim, threshold) == reference_average_linkage(sim, threshold)


def test_matches_the_reference_on_a_larger_clustered_matrix():
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((12, 32))
    points = centres[rng.integers(0, 12, 400)] + 0.8 * rng.standard_normal((400, 32))
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    sim = points @ points.T
    for threshold in (0.3, 0.45):
        assert average_linkage(sim, threshold) == reference_average_linkage(sim, threshold)


def test_all_equal_similarities_merge_lowest_indices_first():
    sim = np.full((4, 4), 0.5)
    assert average_linkage(sim, 0.5) == [[0, 1, 2, 3]]
    assert average_linkage(sim, 0.6) == [[0], [1], [2], [3]]


def test_edge_cases_and_input_untouched():
    assert average_linkage(np.zeros((0, 0)), 0.5) == []
    assert average_linkage(np.ones((1, 1)), 0.5) == [[0]]
    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.2], [0.1, 0.2, 1.0]], dtype=np.float32)
    before = sim.copy()
    assert average_linkage(sim, 0.5) == [[0, 1], [2]]
    # average of 0.1 and 0.2 is 0.15: below 0.2, so 2 stays apart
    assert average_linkage(sim, 0.16) == [[0, 1], [2]]
    assert average_linkage(sim, 0.15) == [[0, 1, 2]]
    np.testing.assert_array_equal(sim, before)
