"""The figures of one set of sought rows: the whole run, or one culture or relation group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kintrace.evaluate._calibration import calibration
from kintrace.evaluate._metrics import (
    ReviewerLoad,
    average_precision,
    pair_completeness,
    precision_recall_curve,
    recall_at_k,
    reviewer_load_at_k,
    reviewer_load_at_threshold,
)

__all__ = ["Summary", "summarise"]


@dataclass(frozen=True)
class Summary:
    """Accuracy figures of a set of sought rows.

    Attributes
    ----------
    sought_rows:
        Sought rows with written candidates or a findable true child.
    sought_rows_findable:
        Sought rows with at least one findable true child: the recall-at-k denominator.
    true_pairs:
        Findable true pairs: the recall denominator.
    candidates:
        Written candidates for these sought rows.
    recall_at_k:
        ``k -> `` share of findable sought rows whose true child is ranked ≤ k.
    average_precision:
        Over every candidate, ranked by probability.
    threshold:
        The operating threshold of ``precision``, ``recall`` and ``f1``.
    precision, recall, f1:
        Of "every candidate with p ≥ threshold", counted in pairs.
    reviewer_load:
        Candidates read per sought child found, at top 1/5/10 and at thresholds.
    written_recall:
        Share of the true pairs among the written candidates (recall at any probability).
    blocking_completeness:
        Share of the true pairs among the blocked pairs; ``None`` when they were not given.
    brier_score, expected_calibration_error:
        Calibration of the written candidates.
    """

    sought_rows: int
    sought_rows_findable: int
    true_pairs: int
    candidates: int
    recall_at_k: dict[int, float]
    average_precision: float
    threshold: float
    precision: float
    recall: float
    f1: float
    reviewer_load: tuple[ReviewerLoad, ...]
    written_recall: float
    blocking_completeness: float | None
    brier_score: float
    expected_calibration_error: float


def summarise(
    candidates: pd.DataFrame,
    true_pairs: pd.DataFrame,
    *,
    blocked_pairs: pd.DataFrame | None,
    threshold: float,
    ks: Sequence[int],
    load_thresholds: Sequence[float],
) -> Summary:
    """Every figure of ``candidates`` against ``true_pairs`` (both for the same sought rows).

    Parameters
    ----------
    candidates:
        ``sought_id``, ``child_id``, ``match_probability``, ``rank_in_request`` and the
        boolean ``is_true``; one row per pair.
    true_pairs:
        Findable true pairs (``sought_id``, ``child_id``), one row per pair.
    blocked_pairs:
        Pairs blocking produced, or ``None``.
    threshold:
        Operating threshold for precision, recall and F1.
    ks:
        Rank cut-offs for recall and reviewer load.
    load_thresholds:
        Probability cut-offs for reviewer load.

    Returns
    -------
    Summary
    """
    probs = candidates["match_probability"].to_numpy(dtype=float)
    truth = candidates["is_true"].to_numpy(dtype=bool)
    sought = candidates["sought_id"].to_numpy(dtype=object)
    ranks = candidates["rank_in_request"].to_numpy(dtype="int64")
    n_true = len(true_pairs)
    n_findable = int(true_pairs["sought_id"].nunique())
    point = precision_recall_curve(probs, truth, n_true, [threshold])
    cal = calibration(probs, truth)
    return Summary(
        sought_rows=int(pd.concat([candidates["sought_id"], true_pairs["sought_id"]]).nunique()),
        sought_rows_findable=n_findable,
        true_pairs=n_true,
        candidates=len(candidates),
        recall_at_k=recall_at_k(sought, ranks, truth, n_findable, ks),
        average_precision=average_precision(probs, truth, n_true),
        threshold=threshold,
        precision=point.precision[0],
        recall=point.recall[0],
        f1=point.f1[0],
        reviewer_load=reviewer_load_at_k(sought, ranks, truth, ks)
        + reviewer_load_at_threshold(sought, probs, truth, load_thresholds),
        written_recall=pair_completeness(candidates, true_pairs),
        blocking_completeness=(
            None if blocked_pairs is None else pair_completeness(blocked_pairs, true_pairs)
        ),
        brier_score=cal.brier_score,
        expected_calibration_error=cal.expected_calibration_error,
    )
