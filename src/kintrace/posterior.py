"""Match probabilities that know a sought child is at most one registered child.

Fellegi–Sunter scores each pair on its own, so ten similar children can all come out at 0.99
for one request -- which tells a reviewer nothing. But a sought child is (at most) one of the
registered children. With π the share of sought children registered among the candidates, a
uniform prior over the N registered children, and BF_j the Bayes factor (m/u product) of
candidate j, the probability that j is the sought child is

    P(j) = (π/N · BF_j) / (1 − π + π/N · Σ_k BF_k)

summed over the candidates k of the same sought child; the probabilities of one sought child
add up to at most 1. π is estimated by EM over all sought children (or stated). The ranking is
that of the match weights: only the probabilities change. On 20,000 generated children this
brought candidates scored 0.5–0.8 from 6% true links to about a third, and those above 0.99
from 86% to 96% (``benchmarks/README.md`` has the current table).
"""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_LOG2_BAYES_FACTOR", "estimate_share_registered", "one_to_one_probability"]

# Bayes factors are summed in float64: 2^1000 is the ceiling that keeps the sum finite.
MAX_LOG2_BAYES_FACTOR = 1000.0


def _odds(share: float, n_children: int) -> float:
    return share / max(n_children, 1) / (1.0 - share)


def estimate_share_registered(
    bayes_factor_sums: np.ndarray,
    n_children: int,
    *,
    start: float = 0.5,
    max_iterations: int = 500,
    tolerance: float = 1e-10,
) -> float:
    """π: the share of sought children whose child is among their candidates (EM).

    ``bayes_factor_sums`` holds, per sought child (request row), the sum of its candidates'
    Bayes factors (0 for a row without candidates).
    """
    if len(bayes_factor_sums) == 0:
        return float(np.clip(start, 1e-6, 1 - 1e-6))
    share = float(np.clip(start, 1e-6, 1 - 1e-6))
    for _ in range(max_iterations):
        mass = _odds(share, n_children) * bayes_factor_sums
        updated = float(np.clip(np.mean(mass / (1.0 + mass)), 1e-6, 1 - 1e-6))
        if abs(updated - share) < tolerance:
            return updated
        share = updated
    return share


def one_to_one_probability(
    log2_bayes_factors: np.ndarray,
    bayes_factor_sums: np.ndarray,
    share: float,
    n_children: int,
) -> np.ndarray:
    """P(candidate is the sought child) for pairs with their sought child's Bayes factor sum."""
    odds = _odds(share, n_children)
    bayes_factors = np.exp2(np.minimum(log2_bayes_factors, MAX_LOG2_BAYES_FACTOR))
    return np.asarray(odds * bayes_factors / (1.0 + odds * bayes_factor_sums))
