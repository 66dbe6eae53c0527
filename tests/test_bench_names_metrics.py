"""Metrics of the name benchmark (benchmarks/names/metrics.py) against hand-computed cases."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# The benchmarks folder is not a package: put it on the path to import its metrics module.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from names.metrics import (
    average_ranks,
    recall_at_fpr,
    roc_auc,
    threshold_at_fpr,
)

NEGATIVES_0_TO_99 = [i / 100 for i in range(100)]


def brute_force_auc(pos: list[int], neg: list[int]) -> float:
    """P(positive > negative) + P(tie) / 2 over every (positive, negative) pair."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_average_ranks_share_ties() -> None:
    assert average_ranks([3, 1, 3, 2, 3]).tolist() == [4.0, 1.0, 4.0, 2.0, 4.0]


def test_auc_hand_computed_with_a_tie() -> None:
    # Pairs: 0.9>0.7, 0.9>0.8, 0.8>0.7 win; 0.8=0.8 ties (half): 3.5 of 4.
    assert roc_auc([0.9, 0.8], [0.7, 0.8]) == pytest.approx(0.875)


def test_auc_extremes() -> None:
    assert roc_auc([1.0, 0.9], [0.1, 0.2, 0.3]) == 1.0
    assert roc_auc([0.1], [0.5, 0.9]) == 0.0
    assert roc_auc([0.5, 0.5], [0.5, 0.5, 0.5]) == 0.5  # all tied: no information


def test_auc_empty_class_is_nan() -> None:
    assert math.isnan(roc_auc([], [0.2]))
    assert math.isnan(roc_auc([0.2], []))


def test_auc_rejects_nan() -> None:
    with pytest.raises(ValueError):
        roc_auc([math.nan], [0.1])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=30),
    st.lists(st.integers(0, 5), min_size=1, max_size=30),
)
def test_auc_equals_pairwise_count(pos: list[int], neg: list[int]) -> None:
    assert roc_auc(pos, neg) == pytest.approx(brute_force_auc(pos, neg))


def test_threshold_lets_one_percent_through() -> None:
    # 100 negatives, 1% of them is 1: the threshold is the second-highest, 0.98.
    assert threshold_at_fpr(NEGATIVES_0_TO_99, 0.01) == 0.98
    # Below 100 negatives, 1% allows none above: the threshold is the highest.
    assert threshold_at_fpr(NEGATIVES_0_TO_99[:50], 0.01) == 0.49


def test_recall_at_fpr_hand_computed() -> None:
    # Threshold 0.98 (only 0.99 of the negatives is above): 0.985, 0.99 and 1.0 pass.
    assert recall_at_fpr([0.985, 0.99, 0.5, 1.0], NEGATIVES_0_TO_99, 0.01) == 0.75
    # A positive equal to the threshold does not pass (strictly above).
    assert recall_at_fpr([0.98], NEGATIVES_0_TO_99, 0.01) == 0.0


def test_recall_at_fpr_ties_at_the_top_cannot_be_split() -> None:
    # 5 of 100 negatives score 1.0: no threshold keeps false positives at 1% and passes 1.0.
    negatives = [1.0] * 5 + [0.0] * 95
    assert threshold_at_fpr(negatives, 0.01) == 1.0
    assert recall_at_fpr([1.0, 1.0, 0.5], negatives, 0.01) == 0.0
    # At 5% the threshold drops to 0.0: every positive above 0.0 passes.
    assert recall_at_fpr([1.0, 0.5, 0.0], negatives, 0.05) == pytest.approx(2 / 3)


def test_recall_at_fpr_empty_class_is_nan() -> None:
    assert math.isnan(recall_at_fpr([], [0.1]))
    assert math.isnan(recall_at_fpr([0.1], []))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 20), min_size=1, max_size=40),
    st.lists(st.integers(0, 20), min_size=1, max_size=300),
    st.sampled_from([0.0, 0.01, 0.05, 0.1, 0.5]),
)
def test_recall_at_fpr_keeps_false_positives_within_the_rate(
    pos: list[int], neg: list[int], fpr: float
) -> None:
    threshold = threshold_at_fpr(neg, fpr)
    false_positive_rate = float(np.mean(np.asarray(neg) > threshold))
    assert false_positive_rate <= fpr + 1e-12
    assert recall_at_fpr(pos, neg, fpr) == float(np.mean(np.asarray(pos) > threshold))
