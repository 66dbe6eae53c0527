"""Ranking metrics of a name scorer: ROC AUC and recall at a fixed false-positive rate.

Written out here (numpy only) rather than taken from scikit-learn so that the definitions,
ties above all, are the ones the benchmark's README states and the tests check by hand.
Name scores tie a great deal (identical names score 1, many scorers return a few levels),
so how ties count changes the figures.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["average_ranks", "recall_at_fpr", "roc_auc", "threshold_at_fpr"]

FloatArray = npt.NDArray[np.float64]


def average_ranks(values: npt.ArrayLike) -> FloatArray:
    """Ranks 1..n of ``values`` in ascending order, tied values sharing their mean rank.

    >>> average_ranks([0.5, 0.1, 0.5]).tolist()
    [2.5, 1.0, 2.5]
    """
    data = np.asarray(values, dtype=np.float64)
    order = np.argsort(data, kind="mergesort")
    ordered = data[order]
    # Start of each run of equal values in sorted order, and the run each position is in.
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    run = np.repeat(np.arange(len(starts)), ends - starts)
    mean_rank = (starts + 1 + ends) / 2.0  # mean of ranks starts+1 .. ends
    ranks = np.empty(len(data), dtype=np.float64)
    ranks[order] = mean_rank[run]
    return ranks


def _checked(positives: npt.ArrayLike, negatives: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    pos = np.asarray(positives, dtype=np.float64).ravel()
    neg = np.asarray(negatives, dtype=np.float64).ravel()
    if np.isnan(pos).any() or np.isnan(neg).any():
        raise ValueError("scores must not contain NaN")
    return pos, neg


def roc_auc(positives: npt.ArrayLike, negatives: npt.ArrayLike) -> float:
    """Area under the ROC curve: P(positive > negative) + P(tie) / 2.

    Computed by the Mann-Whitney rank statistic with ties averaged, which equals the
    trapezoidal area under the ROC curve and counts a tied (positive, negative) pair as half
    a success. NaN when either class is empty (no curve to measure).

    >>> roc_auc([0.9, 0.8], [0.7, 0.8])
    0.875
    """
    pos, neg = _checked(positives, negatives)
    if not len(pos) or not len(neg):
        return math.nan
    ranks = average_ranks(np.concatenate([pos, neg]))
    rank_sum = float(ranks[: len(pos)].sum())
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def threshold_at_fpr(negatives: npt.ArrayLike, fpr: float) -> float:
    """The lowest threshold ``t`` with at most ``fpr`` of ``negatives`` scoring above it.

    "Above" is strict: a pair is called a match when its score is > ``t``. With
    ``k = floor(fpr * n)``, ``t`` is the (k+1)-th highest negative score, so at most ``k``
    negatives exceed it (fewer when ties sit at ``t``: a tie cannot be split by a threshold).
    """
    if not 0.0 <= fpr < 1.0:
        raise ValueError(f"fpr must be in [0, 1); got {fpr}")
    neg = np.sort(np.asarray(negatives, dtype=np.float64).ravel())[::-1]
    if not len(neg):
        return math.nan
    allowed = math.floor(fpr * len(neg) + 1e-9)  # guard 0.01 * 100 = 0.99999...
    return float(neg[allowed])


def recall_at_fpr(positives: npt.ArrayLike, negatives: npt.ArrayLike, fpr: float = 0.01) -> float:
    """Share of positives scoring above the threshold that lets ``fpr`` of negatives through.

    What a reviewer gets from a cut-off set so that at most 1 in 100 different-person pairs
    passes (``fpr=0.01``). NaN when either class is empty.

    >>> recall_at_fpr([0.995, 0.5], [i / 100 for i in range(100)], fpr=0.01)
    0.5
    """
    pos, neg = _checked(positives, negatives)
    if not len(pos) or not len(neg):
        return math.nan
    return float(np.mean(pos > threshold_at_fpr(neg, fpr)))
