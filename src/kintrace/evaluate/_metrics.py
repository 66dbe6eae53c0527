"""Pure accuracy figures of ranked candidates: no I/O, no truth files, arrays in, numbers out.

Every function takes the candidate pairs as parallel arrays (one element per written candidate)
and a boolean ``is_true`` saying which of them are true links. Figures that cannot be computed
(a share of nothing) are ``nan``; the report shows them as "n/a".

Units. Precision, recall, F1, average precision and pair completeness count *pairs* (a sought
row with two true child records -- a child registered twice -- has two true pairs). Recall
within the top k and reviewer load count *sought rows*, the caseworkers' unit: a sought child
is found when any one of its true child records is found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "PRCurve",
    "ReviewerLoad",
    "average_precision",
    "pair_completeness",
    "precision_recall_curve",
    "recall_at_k",
    "reduction_ratio",
    "reviewer_load_at_k",
    "reviewer_load_at_threshold",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _share(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> FloatArray:
    """numerator / denominator, ``nan`` where the denominator is 0 (a share of nothing)."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


@dataclass(frozen=True)
class PRCurve:
    """Precision, recall and F1 of "every candidate with probability ≥ threshold".

    Attributes
    ----------
    thresholds:
        Increasing probability thresholds.
    precision, recall, f1:
        One value per threshold; precision is ``nan`` where no candidate reaches it.
    n_true:
        The recall denominator: true pairs in scope.
    """

    thresholds: tuple[float, ...]
    precision: tuple[float, ...]
    recall: tuple[float, ...]
    f1: tuple[float, ...]
    n_true: int


def precision_recall_curve(
    probabilities: npt.ArrayLike,
    is_true: npt.ArrayLike,
    n_true: int,
    thresholds: Sequence[float],
) -> PRCurve:
    """Precision, recall and F1 at each threshold of match probability.

    At threshold ``t`` the candidates with probability ``>= t`` are "predicted links".
    Precision is the share of them that are true; recall is the number of true ones over
    ``n_true``, the true pairs in scope -- including those blocking never produced, so recall
    is that of the whole pipeline, not of the written candidates alone.

    Parameters
    ----------
    probabilities:
        ``match_probability`` of each candidate.
    is_true:
        Whether each candidate is a true link.
    n_true:
        Number of true pairs in scope (the recall denominator).
    thresholds:
        Probability thresholds; sorted on output.

    Returns
    -------
    PRCurve

    Examples
    --------
    >>> c = precision_recall_curve([0.9, 0.8, 0.3], [True, False, True], 4, [0.5])
    >>> c.precision, c.recall
    ((0.5,), (0.25,))
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    truth = np.asarray(is_true, dtype=bool)
    t = np.sort(np.asarray(thresholds, dtype=np.float64))
    order = np.argsort(probs, kind="stable")
    sorted_probs = probs[order]
    # true_before[i]: true candidates among the i lowest; "≥ t" is what lies at or after the
    # first index whose probability reaches t.
    true_before = np.concatenate(([0], np.cumsum(truth[order])))
    first = np.searchsorted(sorted_probs, t, side="left")
    predicted = len(probs) - first
    hits = true_before[-1] - true_before[first]
    precision = _share(hits, predicted)
    recall = _share(hits, n_true)
    f1 = _share(2.0 * precision * recall, precision + recall)
    # Nothing predicted but something to find: F1 is 0, not undefined.
    f1 = np.where(np.isnan(f1) & (recall == 0), 0.0, f1)
    return PRCurve(
        thresholds=tuple(t.tolist()),
        precision=tuple(precision.tolist()),
        recall=tuple(recall.tolist()),
        f1=tuple(f1.tolist()),
        n_true=int(n_true),
    )


def average_precision(probabilities: npt.ArrayLike, is_true: npt.ArrayLike, n_true: int) -> float:
    """Average precision: the area under the step precision–recall curve.

    ``AP = Σ (R_i − R_{i−1}) · P_i`` over the distinct probabilities in decreasing order, as
    scikit-learn defines it. Candidates with the same probability enter together (ties are
    one threshold, so their order in the file does not matter). Recall counts over ``n_true``:
    true pairs blocking never produced add no area, so they lower AP.

    Parameters
    ----------
    probabilities:
        ``match_probability`` of each candidate.
    is_true:
        Whether each candidate is a true link.
    n_true:
        Number of true pairs in scope.

    Returns
    -------
    float
        In [0, 1]; ``nan`` when ``n_true`` is 0.

    Examples
    --------
    >>> average_precision([0.9, 0.8, 0.7], [True, False, True], 2)  # 1/2·1 + 1/2·2/3
    0.8333333333333333
    """
    if n_true <= 0:
        return float("nan")
    probs = np.asarray(probabilities, dtype=np.float64)
    truth = np.asarray(is_true, dtype=bool)
    if probs.size == 0:
        return 0.0
    order = np.argsort(-probs, kind="stable")
    probs, truth = probs[order], truth[order]
    # The last index of each run of equal probabilities closes one threshold.
    last = np.flatnonzero(np.append(probs[1:] != probs[:-1], True))
    hits = np.cumsum(truth)[last]
    precision = hits / (last + 1.0)
    recall_step = np.diff(np.concatenate(([0], hits))) / float(n_true)
    return float(np.sum(recall_step * precision))


def recall_at_k(
    sought_ids: npt.ArrayLike,
    ranks: npt.ArrayLike,
    is_true: npt.ArrayLike,
    n_sought: int,
    ks: Sequence[int] = (1, 5, 10),
) -> dict[int, float]:
    """Share of sought rows whose true child is ranked within the top ``k`` of that row.

    The caseworkers' figure. A sought row with several true child records (a child
    registered twice) counts once, as found when any of them is within the top ``k``.

    Parameters
    ----------
    sought_ids:
        ``sought_id`` of each candidate.
    ranks:
        ``rank_in_request`` of each candidate (1 = best of its sought row).
    is_true:
        Whether each candidate is a true link.
    n_sought:
        The denominator: sought rows with at least one findable true child.
    ks:
        Cut-offs.

    Returns
    -------
    dict of int to float
        ``k -> recall``; ``nan`` when ``n_sought`` is 0. Never decreases as ``k`` grows.

    Examples
    --------
    >>> recall_at_k(["a", "a", "b"], [1, 2, 1], [False, True, False], 2, ks=(1, 2))
    {1: 0.0, 2: 0.5}
    """
    truth = np.asarray(is_true, dtype=bool)
    best = (
        pd.Series(np.asarray(ranks, dtype=np.int64)[truth])
        .groupby(np.asarray(sought_ids, dtype=object)[truth])
        .min()
        .to_numpy()
    )
    return {int(k): float(_share(np.count_nonzero(best <= k), n_sought)) for k in ks}


@dataclass(frozen=True)
class ReviewerLoad:
    """What a reviewer reads for what they find, at one cut-off.

    Attributes
    ----------
    cutoff:
        ``"top 5"`` (each sought row's candidates down to rank 5) or ``"p ≥ 0.5"`` (every
        candidate at or above that probability).
    candidates_read:
        Candidates the reviewer reads, true or not, over every sought row.
    sought_rows_found:
        Sought rows whose true child is among them.
    candidates_per_found:
        ``candidates_read / sought_rows_found``: candidates read per sought child found;
        1.0 is the floor; ``nan`` when nothing is found.
    """

    cutoff: str
    candidates_read: int
    sought_rows_found: int
    candidates_per_found: float


def _load(
    cutoff: str, read: BoolArray, sought: npt.NDArray[np.object_], truth: BoolArray
) -> ReviewerLoad:
    found = int(pd.unique(sought[read & truth]).size)
    n_read = int(np.count_nonzero(read))
    return ReviewerLoad(cutoff, n_read, found, float(_share(n_read, found)))


def reviewer_load_at_k(
    sought_ids: npt.ArrayLike,
    ranks: npt.ArrayLike,
    is_true: npt.ArrayLike,
    ks: Sequence[int] = (1, 5, 10),
) -> tuple[ReviewerLoad, ...]:
    """Candidates read per sought child found, reading each sought row down to rank ``k``.

    The reviewer does not know which sought rows have a registered child, so reads the top
    ``k`` of every sought row with candidates, and stops at a row's first true candidate no
    sooner: the whole top ``k`` is read.

    Parameters
    ----------
    sought_ids, ranks, is_true:
        ``sought_id``, ``rank_in_request`` and true-link flag of each candidate.
    ks:
        Cut-offs.

    Returns
    -------
    tuple of ReviewerLoad
        One per ``k``.

    Examples
    --------
    >>> load = reviewer_load_at_k(["a", "a", "b"], [1, 2, 1], [False, True, False], ks=(2,))
    >>> load[0].candidates_read, load[0].sought_rows_found, load[0].candidates_per_found
    (3, 1, 3.0)
    """
    sought = np.asarray(sought_ids, dtype=object)
    rank = np.asarray(ranks, dtype=np.int64)
    truth = np.asarray(is_true, dtype=bool)
    return tuple(_load(f"top {int(k)}", rank <= k, sought, truth) for k in ks)


def reviewer_load_at_threshold(
    sought_ids: npt.ArrayLike,
    probabilities: npt.ArrayLike,
    is_true: npt.ArrayLike,
    thresholds: Sequence[float] = (0.5, 0.9),
) -> tuple[ReviewerLoad, ...]:
    """Candidates read per sought child found, reading every candidate with p ≥ threshold.

    Parameters
    ----------
    sought_ids, probabilities, is_true:
        ``sought_id``, ``match_probability`` and true-link flag of each candidate.
    thresholds:
        Probability cut-offs.

    Returns
    -------
    tuple of ReviewerLoad
        One per threshold.
    """
    sought = np.asarray(sought_ids, dtype=object)
    probs = np.asarray(probabilities, dtype=np.float64)
    truth = np.asarray(is_true, dtype=bool)
    return tuple(_load(f"p ≥ {t:g}", probs >= t, sought, truth) for t in thresholds)


def pair_completeness(pairs: pd.DataFrame, true_pairs: pd.DataFrame) -> float:
    """Share of the true pairs that are among ``pairs`` (blocking's recall).

    Parameters
    ----------
    pairs:
        Pairs produced (columns ``sought_id``, ``child_id``): the blocked pairs, or the
        written candidates for "recall of written candidates".
    true_pairs:
        True pairs in scope (same columns), without repeats.

    Returns
    -------
    float
        In [0, 1]; ``nan`` when there are no true pairs.

    Examples
    --------
    >>> p = pd.DataFrame({"sought_id": ["a", "b"], "child_id": ["x", "y"]})
    >>> t = pd.DataFrame({"sought_id": ["a", "c"], "child_id": ["x", "z"]})
    >>> pair_completeness(p, t)
    0.5
    """
    keys = ["sought_id", "child_id"]
    produced = pairs.loc[:, keys].drop_duplicates()
    found = true_pairs.loc[:, keys].merge(produced, on=keys, how="inner")
    return float(_share(len(found), len(true_pairs)))


def reduction_ratio(n_pairs: int, n_children: int, n_request_rows: int) -> float:
    """``1 − n_pairs / (n_children × n_request_rows)``: the share of comparisons saved.

    Parameters
    ----------
    n_pairs:
        Candidate pairs blocking produced.
    n_children, n_request_rows:
        Children compared and sought rows compared.

    Returns
    -------
    float
        ``nan`` when either registry is empty.

    Examples
    --------
    >>> reduction_ratio(5, 10, 10)
    0.95
    """
    return float(1.0 - _share(n_pairs, float(n_children) * float(n_request_rows)))
