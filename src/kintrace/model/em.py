"""Expectation–maximisation for the Fellegi–Sunter model, on comparison patterns.

Millions of candidate pairs collapse into a few thousand distinct comparison vectors
("patterns"); EM runs on those with their counts, so it costs nothing next to the comparisons.
Level 0 ("missing") carries no evidence: its m and u are fixed at 1 and it is left out of the
normalisation of the other levels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "EMResult",
    "count_patterns",
    "expectation_maximisation",
    "log_likelihood_ratios",
    "merge_patterns",
]

# Probabilities never reach 0 or 1: a level seen once must not carry infinite weight.
_FLOOR = 1e-6


@dataclass(frozen=True)
class EMResult:
    """Parameters after EM, with how it got there."""

    m: tuple[np.ndarray, ...]
    u: tuple[np.ndarray, ...]
    prior: float
    iterations: int
    converged: bool


def count_patterns(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of an (n_pairs, n_comparisons) level matrix, with their counts."""
    if levels.size == 0:
        return levels.reshape(0, levels.shape[1] if levels.ndim == 2 else 0), np.zeros(0, np.int64)
    patterns, counts = np.unique(levels, axis=0, return_counts=True)
    return patterns.astype(np.int8), counts.astype(np.int64)


def merge_patterns(
    patterns: list[np.ndarray], counts: list[np.ndarray], n_comparisons: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pattern counts of several chunks as one: distinct rows, counts summed."""
    if not patterns:
        return np.zeros((0, n_comparisons), dtype=np.int8), np.zeros(0, dtype=np.int64)
    unique, inverse = np.unique(np.concatenate(patterns), axis=0, return_inverse=True)
    merged = np.bincount(inverse.ravel(), weights=np.concatenate(counts), minlength=len(unique))
    return unique.astype(np.int8), merged.astype(np.int64)


def _normalise(probabilities: np.ndarray) -> np.ndarray:
    """Floor and renormalise the evidence levels (index 1 on); level 0 stays 1."""
    result = probabilities.astype(float).copy()
    evidence = np.clip(result[1:], _FLOOR, None)
    result[1:] = evidence / evidence.sum()
    result[0] = 1.0
    return result


def log_likelihood_ratios(
    patterns: np.ndarray, m: tuple[np.ndarray, ...], u: tuple[np.ndarray, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """log m and log u summed over comparisons, per pattern (natural log)."""
    log_m = np.zeros(len(patterns))
    log_u = np.zeros(len(patterns))
    for c in range(patterns.shape[1]):
        log_m += np.log(m[c][patterns[:, c]])
        log_u += np.log(u[c][patterns[:, c]])
    return log_m, log_u


def _posterior(log_m: np.ndarray, log_u: np.ndarray, prior: float) -> np.ndarray:
    # Computed as a logistic of the log-odds so that large weights do not overflow.
    log_odds = np.log(prior) - np.log1p(-prior) + log_m - log_u
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * log_odds)))


def _level_shares(
    patterns: np.ndarray, weights: np.ndarray, column: int, n_levels: int
) -> np.ndarray:
    totals = np.bincount(patterns[:, column].astype(np.int64), weights=weights, minlength=n_levels)
    shares = np.ones(n_levels)
    evidence = totals[1:]
    if evidence.sum() > 0:
        shares[1:] = evidence / evidence.sum()
    else:
        shares[1:] = 1.0 / (n_levels - 1)
    return shares


def expectation_maximisation(
    patterns: np.ndarray,
    counts: np.ndarray,
    *,
    m_start: tuple[np.ndarray, ...],
    u_start: tuple[np.ndarray, ...],
    prior_start: float,
    fix_u: bool = True,
    fix_prior: bool = False,
    max_iterations: int = 100,
    tolerance: float = 1e-6,
) -> EMResult:
    """Estimate m (and optionally u and the prior) from pattern counts.

    Parameters
    ----------
    patterns, counts:
        Distinct comparison vectors and how many pairs have each (:func:`count_patterns`).
    m_start, u_start, prior_start:
        Starting values; level 0 of every comparison is ignored (fixed at 1).
    fix_u:
        Keep u as given (estimated from random pairs): the usual and more stable choice.
    fix_prior:
        Keep the prior as given (a stated expectation of how many pairs are true links).
    """
    if not 0.0 < prior_start < 1.0:
        raise ValueError(
            f"The 'prior_start' parameter of expectation_maximisation must be a float in (0, 1). "
            f"Got {prior_start!r} instead."
        )
    m = tuple(_normalise(v) for v in m_start)
    u = tuple(_normalise(v) for v in u_start)
    prior = float(prior_start)
    total = float(counts.sum())
    if total == 0:
        return EMResult(m=m, u=u, prior=prior, iterations=0, converged=True)
    counts_f = counts.astype(float)
    converged = False
    iteration = 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 (reported after the loop)
        log_m, log_u = log_likelihood_ratios(patterns, m, u)
        posterior = _posterior(log_m, log_u, prior)
        match_weight = counts_f * posterior
        new_m = tuple(
            _normalise(_level_shares(patterns, match_weight, c, len(m[c]))) for c in range(len(m))
        )
        if fix_u:
            new_u = u
        else:
            non_match_weight = counts_f * (1.0 - posterior)
            new_u = tuple(
                _normalise(_level_shares(patterns, non_match_weight, c, len(u[c])))
                for c in range(len(u))
            )
        new_prior = (
            prior if fix_prior else float(np.clip(match_weight.sum() / total, 1e-9, 1 - 1e-9))
        )
        change = max(
            max(float(np.max(np.abs(a - b))) for a, b in zip(new_m, m, strict=True)),
            max(float(np.max(np.abs(a - b))) for a, b in zip(new_u, u, strict=True)),
            abs(new_prior - prior),
        )
        m, u, prior = new_m, new_u, new_prior
        if change < tolerance:
            converged = True
            break
    return EMResult(m=m, u=u, prior=prior, iterations=iteration, converged=converged)
