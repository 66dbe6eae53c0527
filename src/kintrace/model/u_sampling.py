"""Random pairs for estimating u: how often two *different* people agree at each level.

Almost every random (child, request) pair is a non-match, so level frequencies among random
pairs estimate u directly, without any labels.
"""

from __future__ import annotations

import numpy as np

__all__ = ["estimate_u", "sample_random_pairs"]


def sample_random_pairs(
    n_left: int, n_right: int, n_pairs: int, *, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Uniform random (children, requests) positions, deterministic for a seed.

    When the full cross product is smaller than ``n_pairs``, every pair is returned once.
    """
    if n_left == 0 or n_right == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    total = n_left * n_right
    if total <= n_pairs:
        flat = np.arange(total, dtype=np.int64)
    else:
        rng = np.random.default_rng(seed)
        flat = np.sort(rng.choice(total, size=n_pairs, replace=False))
    return flat // n_right, flat % n_right


def estimate_u(levels: np.ndarray, n_levels: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """u per comparison from the level matrix of random pairs.

    A level never seen among the random pairs gets half a count (it is rare, not impossible),
    so its weight stays finite.
    """
    result = []
    for c, size in enumerate(n_levels):
        counts = np.bincount(levels[:, c].astype(np.int64), minlength=size).astype(float)
        evidence = counts[1:]
        evidence[evidence == 0] = 0.5
        u = np.ones(size)
        u[1:] = evidence / evidence.sum()
        result.append(u)
    return tuple(result)
