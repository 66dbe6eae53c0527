"""Pure metrics of kintrace.evaluate against hand-computed answers, and their properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.evaluate import (
    average_precision,
    brier_score,
    calibration,
    pair_completeness,
    precision_recall_curve,
    recall_at_k,
    reduction_ratio,
    reliability_table,
    reviewer_load_at_k,
    reviewer_load_at_threshold,
)

# Five candidates, three true, one more true pair never written (n_true = 4):
#   p     0.9  0.8  0.6  0.4  0.2
#   true   T    F    T    F    T
PROBS = [0.9, 0.8, 0.6, 0.4, 0.2]
TRUE = [True, False, True, False, True]


@pytest.mark.parametrize(
    ("threshold", "precision", "recall", "f1"),
    [
        # p ≥ 0.0: all 5 predicted, 3 true → P 3/5, R 3/4, F1 2·.6·.75/1.35 = 2/3
        (0.0, 3 / 5, 3 / 4, 2 / 3),
        # p ≥ 0.5: 0.9, 0.8, 0.6 → 2 true of 3; R 2/4; F1 2·(2/3)(1/2)/(7/6) = 4/7
        (0.5, 2 / 3, 2 / 4, 4 / 7),
        # p ≥ 0.8: threshold equal to a probability includes it → 0.9, 0.8: 1 of 2
        (0.8, 1 / 2, 1 / 4, 1 / 3),
        # p ≥ 0.95: nothing predicted → precision undefined, recall 0, F1 0
        (0.95, math.nan, 0.0, 0.0),
    ],
)
def test_precision_recall_curve_by_hand(
    threshold: float, precision: float, recall: float, f1: float
) -> None:
    curve = precision_recall_curve(PROBS, TRUE, 4, [threshold])
    assert curve.precision[0] == pytest.approx(precision, nan_ok=True)
    assert curve.recall[0] == pytest.approx(recall)
    assert curve.f1[0] == pytest.approx(f1)
    assert curve.n_true == 4


def test_curve_sorts_thresholds() -> None:
    curve = precision_recall_curve(PROBS, TRUE, 4, [0.9, 0.1, 0.5])
    assert curve.thresholds == (0.1, 0.5, 0.9)
    assert curve.recall == pytest.approx((0.75, 0.5, 0.25))


@pytest.mark.parametrize(
    ("probs", "truth", "n_true", "expected"),
    [
        # ranks 1..5: hits at 1, 3, 5 → P = 1, 2/3, 3/5; each adds 1/4 of recall
        (PROBS, TRUE, 4, (1 + 2 / 3 + 3 / 5) / 4),
        # all true pairs written and ranked first → 1
        ([0.9, 0.8, 0.1], [True, True, False], 2, 1.0),
        # true one ranked last of three → P = 1/3, recall 1
        ([0.9, 0.8, 0.1], [False, False, True], 1, 1 / 3),
        # ties: 0.5, 0.5 (one true) form one threshold: P = 1/2 at recall 1
        ([0.5, 0.5], [False, True], 1, 0.5),
        ([0.5, 0.5], [True, False], 1, 0.5),
        # no candidates, something to find → 0; nothing to find → undefined
        ([], [], 3, 0.0),
        ([0.4], [False], 0, math.nan),
    ],
)
def test_average_precision_by_hand(
    probs: list[float], truth: list[bool], n_true: int, expected: float
) -> None:
    assert average_precision(probs, truth, n_true) == pytest.approx(expected, nan_ok=True)


# Sought rows a, b, c, d (recall denominator 4: d has a true child never written).
#   a: ranks 1 (F), 2 (T)          → found within top 2
#   b: rank 1 (T)                  → found at 1
#   c: rank 1 (F), 2 (F), 3 (T)    → found within top 3
#   e: rank 1 (F)                  → no true child (not in the denominator)
SOUGHT = ["a", "a", "b", "c", "c", "c", "e"]
RANKS = [1, 2, 1, 1, 2, 3, 1]
IS_TRUE = [False, True, True, False, False, True, False]


@pytest.mark.parametrize(
    ("k", "expected"),
    [(1, 1 / 4), (2, 2 / 4), (3, 3 / 4), (10, 3 / 4)],
)
def test_recall_at_k_by_hand(k: int, expected: float) -> None:
    assert recall_at_k(SOUGHT, RANKS, IS_TRUE, 4, ks=(k,)) == {k: pytest.approx(expected)}


def test_recall_at_k_duplicate_child_counts_once() -> None:
    # Row a has two true child records (registered twice) at ranks 1 and 2: found once.
    result = recall_at_k(["a", "a"], [1, 2], [True, True], 1, ks=(1, 2))
    assert result == {1: 1.0, 2: 1.0}


def test_recall_at_k_empty() -> None:
    assert recall_at_k([], [], [], 3, ks=(1,)) == {1: 0.0}
    assert math.isnan(recall_at_k([], [], [], 0, ks=(1,))[1])


@pytest.mark.parametrize(
    ("k", "read", "found", "per_found"),
    [
        # top 1: a1 b1 c1 e1 read (4), b found → 4
        (1, 4, 1, 4.0),
        # top 2: + a2 c2 (6), a and b found → 3
        (2, 6, 2, 3.0),
        # top 3: + c3 (7), a b c found → 7/3
        (3, 7, 3, 7 / 3),
    ],
)
def test_reviewer_load_at_k_by_hand(k: int, read: int, found: int, per_found: float) -> None:
    (load,) = reviewer_load_at_k(SOUGHT, RANKS, IS_TRUE, ks=(k,))
    assert (load.cutoff, load.candidates_read, load.sought_rows_found) == (f"top {k}", read, found)
    assert load.candidates_per_found == pytest.approx(per_found)


def test_reviewer_load_at_threshold_by_hand() -> None:
    probs = [0.3, 0.95, 0.9, 0.6, 0.1, 0.55, 0.7]
    # p ≥ 0.5: a2(T) b1(T) c1(F) c3(T) e1(F) → read 5, found a b c → 5/3
    # p ≥ 0.99: nothing read, nothing found → undefined
    load_half, load_high = reviewer_load_at_threshold(SOUGHT, probs, IS_TRUE, (0.5, 0.99))
    assert (load_half.candidates_read, load_half.sought_rows_found) == (5, 3)
    assert load_half.candidates_per_found == pytest.approx(5 / 3)
    assert load_half.cutoff == "p ≥ 0.5"
    assert (load_high.candidates_read, load_high.sought_rows_found) == (0, 0)
    assert math.isnan(load_high.candidates_per_found)


def _pairs(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["sought_id", "child_id"])


@pytest.mark.parametrize(
    ("produced", "true", "expected"),
    [
        (_pairs(("a", "x"), ("b", "y")), _pairs(("a", "x"), ("c", "z")), 0.5),
        # repeats among the produced pairs do not count twice
        (_pairs(("a", "x"), ("a", "x")), _pairs(("a", "x"), ("c", "z")), 0.5),
        (_pairs(("a", "y")), _pairs(("a", "x")), 0.0),
        (_pairs(), _pairs(("a", "x")), 0.0),
        (_pairs(("a", "x")), _pairs(), math.nan),
    ],
)
def test_pair_completeness_by_hand(
    produced: pd.DataFrame, true: pd.DataFrame, expected: float
) -> None:
    assert pair_completeness(produced, true) == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize(
    ("n_pairs", "n_children", "n_rows", "expected"),
    [(5, 10, 10, 0.95), (0, 3, 4, 1.0), (12, 3, 4, 0.0), (1, 0, 4, math.nan)],
)
def test_reduction_ratio_by_hand(
    n_pairs: int, n_children: int, n_rows: int, expected: float
) -> None:
    assert reduction_ratio(n_pairs, n_children, n_rows) == pytest.approx(expected, nan_ok=True)


def test_reliability_table_by_hand() -> None:
    # Bands of 0.25: [0, .25): 0.1 F, 0.2 T → mean .15, observed .5
    #                [.75, 1]: 0.8 T, 1.0 T → mean .9, observed 1 (1.0 is in the last band)
    bands = reliability_table([0.1, 0.2, 0.8, 1.0], [False, True, True, True], n_bands=4)
    assert [b.count for b in bands] == [2, 0, 0, 2]
    assert bands[0].mean_predicted == pytest.approx(0.15)
    assert bands[0].observed == pytest.approx(0.5)
    assert math.isnan(bands[1].mean_predicted) and math.isnan(bands[1].observed)
    assert (bands[3].lower, bands[3].upper) == (0.75, 1.0)
    assert bands[3].mean_predicted == pytest.approx(0.9)
    assert bands[3].observed == pytest.approx(1.0)


def test_calibration_by_hand() -> None:
    # Same data: ECE = (2·|.15 − .5| + 2·|.9 − 1|) / 4 = (0.7 + 0.2) / 4 = 0.225
    # Brier = (0.1² + 0.8² + 0.2² + 0²) / 4 = 0.69 / 4 = 0.1725
    cal = calibration([0.1, 0.2, 0.8, 1.0], [False, True, True, True], n_bands=4)
    assert cal.expected_calibration_error == pytest.approx(0.225)
    assert cal.brier_score == pytest.approx(0.1725)
    assert cal.n == 4


def test_calibration_empty() -> None:
    cal = calibration([], [])
    assert cal.n == 0 and len(cal.bands) == 10
    assert math.isnan(cal.expected_calibration_error) and math.isnan(cal.brier_score)
    assert math.isnan(brier_score([], []))


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_ranked = st.lists(
    st.tuples(
        st.integers(0, 6),  # sought row
        st.floats(0.0, 1.0, allow_nan=False),  # probability
        st.booleans(),  # true link
    ),
    max_size=40,
)


def _arrays(
    rows: list[tuple[int, float, bool]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    frame = pd.DataFrame(rows, columns=["sought", "p", "true"])
    frame["sought"] = frame["sought"].astype(str)
    frame = frame.sort_values("p", ascending=False, kind="stable")
    frame["rank"] = frame.groupby("sought").cumcount() + 1
    return (
        frame["sought"].to_numpy(dtype=object),
        frame["p"].to_numpy(dtype=float),
        frame["true"].to_numpy(dtype=bool),
        frame["rank"].to_numpy(dtype=np.int64),
    )


@settings(max_examples=80, deadline=None)
@given(_ranked, st.integers(0, 5))
def test_shares_are_in_unit_interval(rows: list[tuple[int, float, bool]], missing: int) -> None:
    sought, probs, truth, ranks = _arrays(rows)
    n_true = int(truth.sum()) + missing
    curve = precision_recall_curve(probs, truth, n_true, [0.0, 0.25, 0.5, 0.75, 1.0])
    for value in (*curve.precision, *curve.recall, *curve.f1):
        assert math.isnan(value) or 0.0 <= value <= 1.0
    ap = average_precision(probs, truth, n_true)
    assert math.isnan(ap) == (n_true == 0)
    assert math.isnan(ap) or 0.0 <= ap <= 1.0 + 1e-12
    n_sought = len(set(sought[truth])) + missing
    for value in recall_at_k(sought, ranks, truth, n_sought, ks=(1, 5)).values():
        assert math.isnan(value) or 0.0 <= value <= 1.0


@settings(max_examples=80, deadline=None)
@given(_ranked)
def test_recall_at_k_is_monotone_in_k(rows: list[tuple[int, float, bool]]) -> None:
    sought, _, truth, ranks = _arrays(rows)
    n_sought = max(len(set(sought[truth])), 1)
    values = list(recall_at_k(sought, ranks, truth, n_sought, ks=range(1, 12)).values())
    assert values == sorted(values)


@settings(max_examples=80, deadline=None)
@given(_ranked)
def test_recall_falls_as_threshold_rises(rows: list[tuple[int, float, bool]]) -> None:
    _, probs, truth, _ = _arrays(rows)
    recall = precision_recall_curve(
        probs, truth, max(int(truth.sum()), 1), [0.1 * i for i in range(11)]
    ).recall
    assert list(recall) == sorted(recall, reverse=True)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.booleans()), min_size=1, max_size=40))
def test_perfect_ranking(rows: list[tuple[int, bool]]) -> None:
    # Each sought row has one true child, scored above every false candidate: recall@1 = 1
    # and AP = 1.
    sought_rows = sorted({s for s, _ in rows})
    sought = [str(s) for s in sought_rows] + [str(s) for s, extra in rows if extra]
    truth = [True] * len(sought_rows) + [False] * (len(sought) - len(sought_rows))
    probs = [0.99] * len(sought_rows) + [0.3] * (len(sought) - len(sought_rows))
    ranks = [1] * len(sought_rows) + [2] * (len(sought) - len(sought_rows))
    assert recall_at_k(sought, ranks, truth, len(sought_rows), ks=(1,)) == {1: 1.0}
    assert average_precision(probs, truth, len(sought_rows)) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), max_size=40))
def test_calibration_bounds(rows: list[tuple[float, bool]]) -> None:
    probs = [p for p, _ in rows]
    truth = [t for _, t in rows]
    cal = calibration(probs, truth)
    assert cal.n == len(rows)
    assert sum(b.count for b in cal.bands) == len(rows)
    if rows:
        assert 0.0 <= cal.expected_calibration_error <= 1.0
        assert 0.0 <= cal.brier_score <= 1.0
