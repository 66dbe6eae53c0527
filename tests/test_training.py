"""Training without labels, on the generated example registries."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kintrace.comparisons import default_comparisons, encode_tables
from kintrace.io import load_mapping, load_registry
from kintrace.model import estimate_u, sample_random_pairs
from kintrace.scoring import compute_levels
from kintrace.standardise import standardise
from kintrace.training import default_training_sessions, train

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COMPARISONS = default_comparisons()


def _inputs(comparisons):
    """Standardised examples, their encoded tables, and u and fill rates from random pairs."""
    mapping = load_mapping("examples")
    left = standardise(
        load_registry(EXAMPLES / "children.csv", "children", mapping.children).frame, "children"
    ).frame
    right = standardise(
        load_registry(EXAMPLES / "requests.csv", "requests", mapping.requests).frame, "requests"
    ).frame
    text = dict.fromkeys(c for comp in comparisons for c in comp.text_columns())
    numeric = dict.fromkeys(c for comp in comparisons for c in comp.numeric_columns())
    tables = encode_tables(left, right, text_columns=text, numeric_columns=numeric)
    li, ri = sample_random_pairs(len(left), len(right), 200_000, seed=1)
    levels = compute_levels(comparisons, tables, li, ri)
    u = estimate_u(levels, tuple(c.n_levels for c in comparisons))
    filled = (levels != 0).mean(axis=0)
    return left, right, tables, u, filled


@pytest.fixture(scope="module")
def inputs():
    return _inputs(COMPARISONS)


@pytest.mark.parametrize("min_em_pairs", [5_000, 50])
def test_true_links_agree_more_than_strangers(inputs, min_em_pairs: int) -> None:
    left, right, tables, u, filled = inputs
    model, sessions = train(COMPARISONS, u, filled, left, right, tables, min_em_pairs=min_em_pairs)
    assert [s.name for s in sessions] == [s.name for s in default_training_sessions()]
    assert all(s.anchor_pairs > 0 for s in sessions)
    # Every comparison is trained by one session or the other.
    trained = set().union(*(s.m for s in sessions))
    assert trained == {c.name for c in COMPARISONS}
    for c, comparison in enumerate(COMPARISONS):
        m, u_c = model.m_[c], model.u_[c]
        assert (m > 0).all() and np.isclose(m[1:].sum(), 1.0), comparison.name
        # The strongest level is far more common among links than among strangers (half of
        # strangers share a sex, so it can at most double there)...
        if comparison.plausibility_factor is not None:
            # A plausibility check: failing it weighs its stated factor, passing about 0.
            assert np.isclose(m[-1] / u_c[-1], comparison.plausibility_factor)
            continue
        assert m[1] / u_c[1] > (1.5 if comparison.name == "sex" else 5), comparison.name
        # ...and "different" far less.
        assert m[-1] < u_c[-1], comparison.name
    if min_em_pairs == 50:
        assert all(s.em_iterations for s in sessions)
    else:
        assert not any(s.em_iterations for s in sessions)
    assert 0 < model.prior_ < 0.01


def test_stated_expectation_sets_the_prior(inputs) -> None:
    left, right, tables, u, filled = inputs
    model, _ = train(COMPARISONS, u, filled, left, right, tables, expected_matches=500)
    assert model.prior_ == pytest.approx(500 / (len(left) * len(right)))


def test_unknown_anchor_is_refused(inputs) -> None:
    from kintrace.blocking import block_on
    from kintrace.training import TrainingSession

    left, right, tables, u, filled = inputs
    bad = TrainingSession("bad", block_on("given_key"), {"nickname": (1,)})
    with pytest.raises(ValueError, match="unknown comparisons"):
        train(COMPARISONS, u, filled, left, right, tables, sessions=[bad])


def test_training_is_deterministic(inputs) -> None:
    left, right, tables, u, filled = inputs
    first, _ = train(COMPARISONS, u, filled, left, right, tables, min_em_pairs=50)
    second, _ = train(COMPARISONS, u, filled, left, right, tables, min_em_pairs=50)
    for a, b in zip(first.m_, second.m_, strict=True):
        np.testing.assert_array_equal(a, b)


def test_full_name_is_held_out_where_the_anchor_reads_the_name() -> None:
    """Anchoring on exact name parts says nothing fair about the full name: session 1 holds it
    out, session 2 (date of birth, sex, father) trains it."""
    from kintrace.comparisons import full_name_comparison

    comparisons = (*default_comparisons(), full_name_comparison())
    left, right, tables, u, filled = _inputs(comparisons)
    model, sessions = train(comparisons, u, filled, left, right, tables)
    assert "full_name" not in sessions[0].m
    assert "full_name" in sessions[1].m
    index = [c.name for c in comparisons].index("full_name")
    assert model.m_[index][1] / model.u_[index][1] > 5


def test_other_names_are_trained_from_anchors_alone(inputs) -> None:
    """Other names partly restate the name: session 1 (exact names) holds them out, session 2
    trains them from its anchor pairs alone, and they do not steer its EM."""
    left, right, tables, u, filled = inputs
    model, sessions = train(COMPARISONS, u, filled, left, right, tables, min_em_pairs=50)
    assert "other_names" not in sessions[0].m
    assert "other_names" in sessions[1].m
    assert sessions[1].em_iterations
    index = [c.name for c in COMPARISONS].index("other_names")
    keep = [i for i in range(len(COMPARISONS)) if i != index]
    bare, _ = train(
        tuple(COMPARISONS[i] for i in keep),
        tuple(u[i] for i in keep),
        filled[keep],
        left,
        right,
        tables,
        min_em_pairs=50,
    )
    for i, m in zip(keep, bare.m_, strict=True):
        np.testing.assert_allclose(model.m_[i], m)
    assert model.prior_ == pytest.approx(bare.prior_)


def test_a_registry_without_sex_or_parents_trains_names_on_dates_of_birth(inputs) -> None:
    # Like FEBRL4: only names and dates of birth. The second default session (date of birth,
    # sex and father's name) finds no anchor pair, so the whole name would stay untrained.
    left, right, _, _, _ = inputs
    bare = [frame.assign(sex=None, father=None, mother=None) for frame in (left, right)]
    comparisons = default_comparisons()
    text = dict.fromkeys(c for comp in comparisons for c in comp.text_columns())
    numeric = dict.fromkeys(c for comp in comparisons for c in comp.numeric_columns())
    tables = encode_tables(*bare, text_columns=text, numeric_columns=numeric)
    li, ri = sample_random_pairs(len(left), len(right), 200_000, seed=1)
    levels = compute_levels(comparisons, tables, li, ri)
    u = estimate_u(levels, tuple(c.n_levels for c in comparisons))
    filled = (levels != 0).mean(axis=0)
    model, sessions = train(comparisons, u, filled, *bare, tables)
    names = [s.name for s in sessions]
    assert names[-1] == "same date of birth"
    assert sessions[1].anchor_pairs == 0
    assert "full_name" in sessions[-1].m and set(sessions[-1].m) <= {"full_name", "other_names"}
    full = [c.name for c in comparisons].index("full_name")
    assert model.m_[full][1] / model.u_[full][1] > 5
    # Given sessions are used as given: no fallback.
    _, given = train(comparisons, u, filled, *bare, tables, sessions=default_training_sessions())
    assert [s.name for s in given] == [s.name for s in default_training_sessions()]
