"""One-to-one match probabilities: a sought child is at most one registered child."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kintrace.posterior import estimate_share_registered, one_to_one_probability


@given(
    log2_bf=st.lists(st.floats(-40, 60), min_size=1, max_size=30),
    share=st.floats(0.01, 0.99),
    n_children=st.integers(1, 10**6),
)
def test_probabilities_of_one_sought_child_add_up_to_at_most_one(
    log2_bf: list[float], share: float, n_children: int
) -> None:
    values = np.array(log2_bf)
    total = np.exp2(values).sum()
    probability = one_to_one_probability(values, np.full(len(values), total), share, n_children)
    assert np.all((probability >= 0) & (probability <= 1))
    assert probability.sum() <= 1 + 1e-9
    # The order is the order of the Bayes factors: only the scale changes.
    assert np.all(np.diff(probability[np.argsort(values)]) >= -1e-15)


def test_one_strong_candidate_beats_ten_alike() -> None:
    alone = one_to_one_probability(np.array([30.0]), np.array([2.0**30]), 0.5, 10_000)
    crowd = one_to_one_probability(np.full(10, 30.0), np.full(10, 10 * 2.0**30), 0.5, 10_000)
    assert alone[0] > 0.99
    assert crowd.max() < 0.11


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_em_recovers_the_share_of_sought_children_registered(share: float) -> None:
    rng = np.random.default_rng(4)
    n_rows, n_children = 20_000, 50_000
    registered = rng.random(n_rows) < share
    # A registered child's own pair carries a large Bayes factor; every row also has a few
    # look-alikes with small ones.
    sums = rng.gamma(2.0, 0.5, size=n_rows) * 3
    sums[registered] += np.exp2(rng.normal(24, 2, size=registered.sum()))
    assert estimate_share_registered(sums, n_children) == pytest.approx(share, abs=0.02)


def test_no_rows_keeps_the_start() -> None:
    assert estimate_share_registered(np.zeros(0), 10, start=0.3) == pytest.approx(0.3)
