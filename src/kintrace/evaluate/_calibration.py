"""Calibration: do candidates with match probability p turn out true a share p of the time?

Computed over the written candidates only: pairs blocking never produced, or that fell below
the run's top-k / minimum probability, have no probability to judge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Calibration", "CalibrationBand", "brier_score", "calibration", "reliability_table"]


@dataclass(frozen=True)
class CalibrationBand:
    """One probability band of a reliability table.

    Attributes
    ----------
    lower, upper:
        The band ``[lower, upper)``; the last band includes 1.0.
    count:
        Candidates in the band.
    mean_predicted:
        Their mean match probability (``nan`` when the band is empty).
    observed:
        The share of them that are true links (``nan`` when empty).
    """

    lower: float
    upper: float
    count: int
    mean_predicted: float
    observed: float


@dataclass(frozen=True)
class Calibration:
    """A reliability table with its two summary figures.

    Attributes
    ----------
    bands:
        Equal-width probability bands, empty ones included (plots keep their x axis).
    expected_calibration_error:
        Count-weighted mean of ``|mean_predicted − observed|`` over the bands.
    brier_score:
        Mean squared difference between probability and outcome (0 is perfect).
    n:
        Candidates the figures are computed on.
    """

    bands: tuple[CalibrationBand, ...]
    expected_calibration_error: float
    brier_score: float
    n: int


def _band_index(probs: npt.NDArray[np.float64], n_bands: int) -> npt.NDArray[np.int64]:
    # Probability 1.0 belongs to the last band, not to a band of its own.
    return np.minimum((np.clip(probs, 0.0, 1.0) * n_bands).astype(np.int64), n_bands - 1)


def reliability_table(
    probabilities: npt.ArrayLike, is_true: npt.ArrayLike, n_bands: int = 10
) -> tuple[CalibrationBand, ...]:
    """Bands of match probability with count, mean predicted and observed share true.

    Parameters
    ----------
    probabilities:
        ``match_probability`` of each candidate, in [0, 1].
    is_true:
        Whether each candidate is a true link.
    n_bands:
        Number of equal-width bands over [0, 1].

    Returns
    -------
    tuple of CalibrationBand

    Examples
    --------
    >>> band = reliability_table([0.1, 0.9, 0.95], [False, True, False], n_bands=2)[1]
    >>> band.count, band.mean_predicted, band.observed
    (2, 0.925, 0.5)
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    truth = np.asarray(is_true, dtype=np.float64)
    index = _band_index(probs, n_bands)
    count = np.bincount(index, minlength=n_bands)
    total_p = np.bincount(index, weights=probs, minlength=n_bands)
    total_true = np.bincount(index, weights=truth, minlength=n_bands)
    safe = np.where(count > 0, count, 1)
    mean_p = np.where(count > 0, total_p / safe, np.nan)
    observed = np.where(count > 0, total_true / safe, np.nan)
    return tuple(
        CalibrationBand(b / n_bands, (b + 1) / n_bands, int(count[b]), float(mean_p[b]), float(o))
        for b, o in enumerate(observed.tolist())
    )


def brier_score(probabilities: npt.ArrayLike, is_true: npt.ArrayLike) -> float:
    """Mean of ``(probability − outcome)²``; ``nan`` for no candidates.

    Examples
    --------
    >>> brier_score([1.0, 0.5], [True, False])  # (0² + 0.5²) / 2
    0.125
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    if probs.size == 0:
        return float("nan")
    return float(np.mean((probs - np.asarray(is_true, dtype=np.float64)) ** 2))


def calibration(
    probabilities: npt.ArrayLike, is_true: npt.ArrayLike, n_bands: int = 10
) -> Calibration:
    """The reliability table, expected calibration error and Brier score of the candidates.

    Parameters
    ----------
    probabilities:
        ``match_probability`` of each candidate.
    is_true:
        Whether each candidate is a true link.
    n_bands:
        Number of equal-width bands for the table and the calibration error.

    Returns
    -------
    Calibration
        Figures are ``nan`` when there are no candidates.
    """
    bands = reliability_table(probabilities, is_true, n_bands)
    n = sum(b.count for b in bands)
    ece = (
        sum(b.count * abs(b.mean_predicted - b.observed) for b in bands if b.count) / n
        if n
        else float("nan")
    )
    return Calibration(bands, float(ece), brier_score(probabilities, is_true), n)
