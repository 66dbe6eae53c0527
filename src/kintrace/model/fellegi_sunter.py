"""The Fellegi–Sunter model: m and u per comparison level, a prior, and match weights.

For a pair with levels γ, the match weight is

    w = log2(λ / (1 − λ)) + Σ_c log2(m_c[γ_c] / u_c[γ_c])

and the match probability is 2^w / (1 + 2^w). ``m`` is how often true links land on a level,
``u`` how often different people do, ``λ`` the share of candidate pairs that are true links.
The "missing" level (0) has m = u = 1: no evidence either way. Where a comparison adjusts for
term frequency, an exact match on value v uses u = f(v), the share of records holding v.

Estimator conventions: learned state ends in ``_``; using an unfitted model raises
:class:`~kintrace.errors.NotFittedError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from kintrace.comparisons import Comparison
from kintrace.errors import NotFittedError
from kintrace.model.em import count_patterns, expectation_maximisation

__all__ = ["FellegiSunter", "starting_m"]

# A term frequency never goes below this share: one record in a million.
_TF_FLOOR = 1e-6


def starting_m(comparison: Comparison) -> np.ndarray:
    """EM's starting m: true links mostly land on the strongest levels."""
    size = comparison.n_levels
    m = np.ones(size)
    # Started near "true links agree": EM is local, and a weak start lets it settle on some
    # other cluster of pairs (records of one culture share name sounds without being one child).
    evidence = np.array([0.25**i for i in range(size - 2)] + [0.02])
    m[1:] = evidence / evidence.sum()
    return m


class FellegiSunter:
    """A Fellegi–Sunter model over a fixed tuple of comparisons.

    Parameters
    ----------
    comparisons:
        The comparisons whose level indices the model scores.
    prior:
        Share of candidate pairs expected to be true links. ``None`` estimates it by EM.
    fix_u:
        Keep u from random sampling during EM (recommended).
    max_iterations, tolerance:
        EM stopping rules.
    """

    def __init__(
        self,
        comparisons: Sequence[Comparison],
        *,
        prior: float | None = None,
        fix_u: bool = True,
        max_iterations: int = 100,
        tolerance: float = 1e-6,
    ) -> None:
        if prior is not None and not 0.0 < prior < 1.0:
            raise ValueError(
                f"The 'prior' parameter of FellegiSunter must be a float in (0, 1). "
                f"Got {prior!r} instead."
            )
        if max_iterations < 1:
            raise ValueError(
                "The 'max_iterations' parameter of FellegiSunter must be an int >= 1. "
                f"Got {max_iterations!r} instead."
            )
        self.comparisons = tuple(comparisons)
        self.prior = prior
        self.fix_u = fix_u
        self.max_iterations = max_iterations
        self.tolerance = tolerance
        self.m_: tuple[np.ndarray, ...] | None = None
        self.u_: tuple[np.ndarray, ...] | None = None
        self.prior_: float | None = None
        self.em_iterations_: int = 0
        self.em_converged_: bool = False

    # -- training ---------------------------------------------------------------------------

    @property
    def n_levels(self) -> tuple[int, ...]:
        return tuple(c.n_levels for c in self.comparisons)

    def set_parameters(
        self, *, m: Sequence[np.ndarray], u: Sequence[np.ndarray], prior: float
    ) -> FellegiSunter:
        """Set m, u and the prior directly (from a model file, or a test)."""
        for name, values in (("m", m), ("u", u)):
            if len(values) != len(self.comparisons):
                raise ValueError(
                    f"'{name}' has {len(values)} comparisons; the model has "
                    f"{len(self.comparisons)}."
                )
            for comparison, v in zip(self.comparisons, values, strict=True):
                if len(v) != comparison.n_levels:
                    raise ValueError(
                        f"'{name}' for {comparison.name!r} has {len(v)} levels; "
                        f"the comparison has {comparison.n_levels}."
                    )
        self.m_ = tuple(np.asarray(v, dtype=float) for v in m)
        self.u_ = tuple(np.asarray(v, dtype=float) for v in u)
        self.prior_ = float(prior)
        return self

    def fit(
        self,
        levels: np.ndarray | None = None,
        *,
        u: Sequence[np.ndarray],
        patterns: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> FellegiSunter:
        """Estimate m (and the prior unless stated) by EM on candidate pairs.

        Parameters
        ----------
        levels:
            (n_pairs, n_comparisons) level matrix of the candidate pairs; or give ``patterns``.
        u:
            u per comparison, from :func:`kintrace.model.estimate_u` on random pairs.
        patterns:
            ``(distinct level rows, counts)`` when the caller already aggregated them.
        """
        if patterns is None:
            if levels is None:
                raise ValueError("fit() needs either 'levels' or 'patterns'.")
            patterns = count_patterns(levels)
        rows, counts = patterns
        prior_start = self.prior if self.prior is not None else 0.01
        result = expectation_maximisation(
            rows,
            counts,
            m_start=tuple(starting_m(c) for c in self.comparisons),
            u_start=tuple(np.asarray(v, dtype=float) for v in u),
            prior_start=prior_start,
            fix_u=self.fix_u,
            fix_prior=self.prior is not None,
            max_iterations=self.max_iterations,
            tolerance=self.tolerance,
        )
        self.m_, self.u_, self.prior_ = result.m, result.u, result.prior
        self.em_iterations_, self.em_converged_ = result.iterations, result.converged
        return self

    # -- scoring ----------------------------------------------------------------------------

    def _check_fitted(self) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...], float]:
        if self.m_ is None or self.u_ is None or self.prior_ is None:
            raise NotFittedError(
                "This FellegiSunter model has no parameters yet: call fit() or load a model file."
            )
        return self.m_, self.u_, self.prior_

    @property
    def prior_weight(self) -> float:
        _, _, prior = self._check_fitted()
        return float(np.log2(prior / (1.0 - prior)))

    def level_weights(self) -> tuple[np.ndarray, ...]:
        """log2(m/u) of every level of every comparison (0 for "missing")."""
        m, u, _ = self._check_fitted()
        return tuple(np.log2(mc / uc) for mc, uc in zip(m, u, strict=True))

    def contributions(
        self,
        levels: np.ndarray,
        term_frequencies: Mapping[int, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Weight each comparison adds for each pair: an (n_pairs, n_comparisons) float array.

        ``term_frequencies`` maps a comparison's position to the per-pair frequency of the
        value (NaN where unknown); it is used where the pair sits on that comparison's exact
        level.
        """
        m, _, _ = self._check_fitted()
        weights = self.level_weights()
        out = np.empty(levels.shape, dtype=np.float64)
        for c, comparison in enumerate(self.comparisons):
            column = weights[c][levels[:, c]]
            tf_level = comparison.tf_level
            if term_frequencies is not None and c in term_frequencies and tf_level is not None:
                frequency = term_frequencies[c]
                adjust = (levels[:, c] == tf_level) & ~np.isnan(frequency)
                if adjust.any():
                    floored = np.maximum(frequency[adjust], _TF_FLOOR)
                    column = column.copy()
                    column[adjust] = np.log2(m[c][tf_level] / floored)
            out[:, c] = column
        return out

    def match_weight(
        self, levels: np.ndarray, term_frequencies: Mapping[int, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(match weights, per-comparison contributions) for a level matrix."""
        contributions = self.contributions(levels, term_frequencies)
        return self.prior_weight + contributions.sum(axis=1), contributions

    @staticmethod
    def probability(weights: np.ndarray) -> np.ndarray:
        """Match probability from match weights: 2^w / (1 + 2^w), without overflow."""
        return np.asarray(0.5 * (1.0 + np.tanh(0.5 * np.log(2.0) * weights)))
