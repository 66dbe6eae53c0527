"""Birth dates as intervals: the run of days a record's date of birth, or age, allows.

A child who does not know the birth date still says something about it. "Born 2010" allows any
day of 2010; "1 January 2010" written by an office that assigns 1 January allows the same
(a default date is widened to its year, and the fact kept); "about 13" at a registration in
2023 allows 2007 to 2012 once the estimate's uncertainty is added; "11 when we were separated
in 2021" allows 2008 to 2011. Compared as intervals, the four are consistent evidence, and
"born 2004" against "born 2015" is strong evidence against.

An age ``a`` at a reference date ``R`` means born after ``R - (a + 1)`` years and on or before
``R - a`` years; the uncertainty of the age (:class:`AgeUncertainty`) widens that on both
sides. Day numbers count days since 1970-01-01 (float64, NaN where nothing is known).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from kintrace.dates.parse import DatePrecision, PartialDates

__all__ = ["AgeUncertainty", "BirthBasis", "BirthIntervals", "birth_intervals", "gregorian_years"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

DAYS_PER_YEAR = 365.2425


class BirthBasis(IntEnum):
    """What a record's birth interval rests on, from least to most precise."""

    NONE = 0
    AGE = 1  # an age at a reference date
    YEAR = 2  # a year, or a default date widened to its year
    MONTH = 3
    DAY = 4


@dataclass(frozen=True)
class AgeUncertainty:
    """Years added on each side of the interval an age allows.

    Parameters
    ----------
    estimated:
        For an age marked as estimated (a caseworker's estimate of a child's age is often two
        years out).
    stated:
        For an age given as known, or not marked either way (a relative's memory of a
        child's age at separation, a child's own statement).
    """

    estimated: float = 2.0
    stated: float = 1.0

    def __post_init__(self) -> None:
        for label, value in (("estimated", self.estimated), ("stated", self.stated)):
            if not (value >= 0):
                raise ValueError(
                    f"The {label!r} parameter of AgeUncertainty must be a number >= 0. "
                    f"Got {value!r} instead."
                )


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class BirthIntervals:
    """Birth intervals of a column of records.

    Attributes
    ----------
    first, last:
        First and last day the birth can fall on (days since 1970-01-01; NaN when nothing is
        known).
    basis:
        int8 :class:`BirthBasis`.
    default_date:
        The date of birth looked like an assigned default and was widened to its year.
    age, age_year:
        The age and the year of its reference date, where the interval rests on an age
        (NaN elsewhere): what an explanation quotes ("age 13 in 2023").
    age_estimated:
        The age was marked as estimated.
    """

    first: FloatArray
    last: FloatArray
    basis: npt.NDArray[np.int8]
    default_date: BoolArray
    age: FloatArray
    age_year: FloatArray
    age_estimated: BoolArray

    def __len__(self) -> int:
        return len(self.first)


def birth_intervals(
    dob: PartialDates,
    age: FloatArray,
    reference: tuple[FloatArray, FloatArray],
    *,
    age_estimated: BoolArray | None = None,
    uncertainty: AgeUncertainty | None = None,
) -> BirthIntervals:
    """Each record's birth interval: from its date of birth, else from its age.

    Parameters
    ----------
    dob:
        Dates of birth (any calendar; a default date is read as its year).
    age:
        Ages in years (NaN where missing) at the ``reference`` dates.
    reference:
        First and last day of the date each age was given at (registration, separation or
        request date: :meth:`PartialDates.day_range`); a reference known only to the year
        allows any day of that year.
    age_estimated:
        Per record, whether the age is marked as estimated (``False`` where not marked).
    uncertainty:
        Years added on each side of an age's interval; :class:`AgeUncertainty` by default.
    """
    uncertainty = uncertainty or AgeUncertainty()
    n = len(dob)
    estimated = np.zeros(n, dtype=bool) if age_estimated is None else age_estimated.astype(bool)

    default_date = dob.default_date & (dob.precision > DatePrecision.YEAR)
    precision = dob.precision.copy()
    precision[default_date] = DatePrecision.YEAR
    first, last = dob.day_range(precision)
    has_date = ~np.isnan(first)
    basis = np.where(has_date, precision + 1, BirthBasis.NONE).astype(np.int8)
    _cover_both_readings(dob, precision, first, last)

    ref_first, ref_last = reference
    ages = np.asarray(age, dtype=float)
    from_age = ~has_date & ~np.isnan(ages) & ~np.isnan(ref_first) & (ages >= 0)
    if from_age.any():
        spread = np.where(estimated, uncertainty.estimated, uncertainty.stated)
        a, s = ages[from_age], spread[from_age]
        # Born after R - (a + 1) years, on or before R - a years; widened by the uncertainty,
        # and never after the reference date itself.
        first[from_age] = _years_before(ref_first[from_age], a + 1.0 + s) + 1.0
        last[from_age] = _years_before(ref_last[from_age], np.maximum(a - s, 0.0))
        basis[from_age] = BirthBasis.AGE

    return BirthIntervals(
        first=first,
        last=last,
        basis=basis,
        default_date=default_date & has_date,
        age=np.where(from_age, ages, np.nan),
        age_year=np.where(from_age, gregorian_years(ref_first), np.nan),
        age_estimated=from_age & estimated,
    )


def _cover_both_readings(
    dob: PartialDates, precision: npt.NDArray[np.int8], first: FloatArray, last: FloatArray
) -> None:
    """Widen, in place, the interval of a date whose day/month order could not be told
    (04/03/2010 in a column with no day above 12) to run from one reading to the other: it
    is kept ambiguous, not guessed."""
    both = dob.ambiguous & (precision >= DatePrecision.DAY)
    if not both.any():
        return
    swapped = replace(dob, month=dob.day, day=dob.month)
    other, _ = swapped.day_range(precision)
    first[both] = np.fmin(first[both], other[both])
    last[both] = np.fmax(last[both], other[both])


def _years_before(days: FloatArray, years: FloatArray) -> FloatArray:
    """The day ``years`` before each day: whole years by the calendar (15 June 2023 less 13
    years is 15 June 2010; 29 February falls on 1 March), a fraction as mean-year days."""
    whole = np.floor(years)
    dates = days.astype(np.int64).astype("datetime64[D]")
    month_start = dates.astype("datetime64[M]")
    day_of_month = (dates - month_start.astype("datetime64[D]")).astype(np.int64)
    earlier = (month_start - (whole * 12).astype(np.int64)).astype("datetime64[D]") + day_of_month
    out: FloatArray = earlier.astype(np.int64) - np.floor((years - whole) * DAYS_PER_YEAR)
    return out.astype(np.float64)


def gregorian_years(days: FloatArray) -> FloatArray:
    """The Gregorian year of day numbers (NaN stays NaN)."""
    known = np.nan_to_num(days, nan=0.0).astype(np.int64).astype("datetime64[D]")
    years = known.astype("datetime64[Y]").astype(np.int64) + 1970.0
    out: FloatArray = np.where(np.isnan(days), np.nan, years)
    return out
