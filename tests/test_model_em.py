"""EM recovers known m, u and prior from simulated comparison vectors."""

from __future__ import annotations

import numpy as np
import pytest

from kintrace.comparisons import Comparison, Exact, JaroWinkler
from kintrace.model import FellegiSunter, count_patterns, estimate_u, expectation_maximisation


def _comparison(name: str, n_declared: int) -> Comparison:
    levels = [Exact(name)] + [JaroWinkler(name, 0.9 - 0.1 * i) for i in range(n_declared - 1)]
    return Comparison(name=name, description=name, missing_when=(name,), levels=tuple(levels))


TRUE_M = (
    np.array([1.0, 0.80, 0.12, 0.08]),
    np.array([1.0, 0.70, 0.20, 0.10]),
    np.array([1.0, 0.90, 0.10]),
    np.array([1.0, 0.60, 0.25, 0.10, 0.05]),
)
TRUE_U = (
    np.array([1.0, 0.02, 0.08, 0.90]),
    np.array([1.0, 0.05, 0.15, 0.80]),
    np.array([1.0, 0.50, 0.50]),
    np.array([1.0, 0.01, 0.04, 0.15, 0.80]),
)
MISSING_RATE = (0.05, 0.20, 0.0, 0.30)


def _simulate(n: int, prior: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    is_match = rng.random(n) < prior
    levels = np.zeros((n, len(TRUE_M)), dtype=np.int8)
    for c, (m, u) in enumerate(zip(TRUE_M, TRUE_U, strict=True)):
        k = len(m) - 1
        drawn_m = rng.choice(np.arange(1, k + 1), size=n, p=m[1:])
        drawn_u = rng.choice(np.arange(1, k + 1), size=n, p=u[1:])
        levels[:, c] = np.where(is_match, drawn_m, drawn_u)
        levels[rng.random(n) < MISSING_RATE[c], c] = 0
    return levels, is_match


@pytest.mark.parametrize("prior", [0.05, 0.2, 0.5])
def test_em_recovers_m_and_prior_with_u_known(prior: float) -> None:
    levels, _ = _simulate(200_000, prior, seed=1)
    patterns, counts = count_patterns(levels)
    result = expectation_maximisation(
        patterns,
        counts,
        m_start=tuple(np.r_[1.0, np.full(len(m) - 1, 1.0 / (len(m) - 1))] for m in TRUE_M),
        u_start=TRUE_U,
        prior_start=0.01,
        fix_u=True,
    )
    assert result.converged
    assert result.prior == pytest.approx(prior, abs=0.01)
    for estimated, true in zip(result.m, TRUE_M, strict=True):
        np.testing.assert_allclose(estimated[1:], true[1:], atol=0.02)


def test_em_recovers_u_when_it_is_free() -> None:
    levels, _ = _simulate(300_000, 0.3, seed=2)
    patterns, counts = count_patterns(levels)
    start_u = tuple(np.r_[1.0, np.full(len(u) - 1, 1.0 / (len(u) - 1))] for u in TRUE_U)
    start_m = tuple(np.r_[1.0, np.linspace(1.0, 0.1, len(m) - 1)] for m in TRUE_M)
    result = expectation_maximisation(
        patterns, counts, m_start=start_m, u_start=start_u, prior_start=0.1, fix_u=False
    )
    assert result.prior == pytest.approx(0.3, abs=0.02)
    for estimated, true in zip(result.u, TRUE_U, strict=True):
        np.testing.assert_allclose(estimated[1:], true[1:], atol=0.03)


def test_u_from_random_pairs_recovers_u() -> None:
    levels, is_match = _simulate(200_000, 0.0, seed=3)
    assert not is_match.any()
    u = estimate_u(levels, tuple(len(m) for m in TRUE_M))
    for estimated, true in zip(u, TRUE_U, strict=True):
        np.testing.assert_allclose(estimated[1:], true[1:], atol=0.01)
        assert estimated[0] == 1.0


def test_fitted_model_ranks_true_links_first() -> None:
    levels, is_match = _simulate(100_000, 0.1, seed=4)
    comparisons = [_comparison(f"f{c}", len(m) - 2) for c, m in enumerate(TRUE_M)]
    model = FellegiSunter(comparisons).fit(levels, u=TRUE_U)
    weights, contributions = model.match_weight(levels)
    assert contributions.shape == levels.shape
    # Missing levels carry no evidence.
    assert np.all(contributions[levels == 0] == 0)
    probability = model.probability(weights)
    assert probability[is_match].mean() > 0.8
    assert probability[~is_match].mean() < 0.1


def test_stated_prior_is_kept() -> None:
    levels, _ = _simulate(50_000, 0.1, seed=5)
    comparisons = [_comparison(f"f{c}", len(m) - 2) for c, m in enumerate(TRUE_M)]
    model = FellegiSunter(comparisons, prior=0.25).fit(levels, u=TRUE_U)
    assert model.prior_ == 0.25


def test_unfitted_model_raises_clear_error() -> None:
    from kintrace.errors import NotFittedError

    model = FellegiSunter([_comparison("f", 2)])
    with pytest.raises(NotFittedError, match="fit\\(\\) or load a model file"):
        model.match_weight(np.zeros((1, 1), dtype=np.int8))


@pytest.mark.parametrize("prior", [0.0, 1.0, -0.1, 2])
def test_bad_prior_is_rejected_with_the_standard_message(prior: float) -> None:
    with pytest.raises(ValueError, match="'prior' parameter of FellegiSunter must be a float"):
        FellegiSunter([_comparison("f", 2)], prior=prior)
