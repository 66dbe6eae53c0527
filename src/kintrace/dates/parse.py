"""Partial dates from text columns: year, month and day as far as they are known.

Birth dates in these registries are often partial (``2010``, ``03/2010``), assigned by
convention (``01/01/2010``, ``00/00/2010``), or written day-first in one office and
month-first in the next. :func:`parse_dates` reads a whole column at once and says, per value,
how precise it is, whether it looks like an assigned default, and whether its day/month order
could not be told -- so that matching can widen what is uncertain instead of trusting it.

Examples
--------
>>> import pandas as pd
>>> dates = parse_dates(pd.Series(["04/03/2010", "23/11/2009", "März 2010", "2008", None]))
>>> dates.to_iso().tolist()
['2010-03-04', '2009-11-23', '2010-03', '2008', None]
>>> dates.order
<DayMonthOrder.DMY: 'dmy'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.dates._months import CALENDAR_MONTH_NUMBERS
from kintrace.dates._shapes import RawParts, extract_parts
from kintrace.dates.calendars import (
    MONTHS_IN_YEAR,
    YEAR_RANGE,
    Calendar,
    check_calendar,
    current_year,
    day_range,
    month_lengths,
)
from kintrace.errors import ConfigError, choice
from kintrace.values import factorize_text, placeholder_mask

__all__ = ["DEFAULT_DAYS", "DatePrecision", "DayMonthOrder", "PartialDates", "parse_dates"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

# Years outside this range are not Gregorian dates of living people: typos, or another
# calendar (Solar Hijri 1389 is 2010) that must not pass silently as a Gregorian year.
MIN_YEAR, MAX_YEAR = YEAR_RANGE[Calendar.GREGORIAN]

_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)

#: (day, month) pairs offices assign when they do not know a birth date: 1 January and 1 July
#: (the year's middle, used by UNHCR's registration guidance and many national systems).
#: Zeros for day and month (00/00/2010) are always a default.
DEFAULT_DAYS: tuple[tuple[int, int], ...] = ((1, 1), (1, 7))


class DatePrecision(IntEnum):
    """How much of a date is known."""

    NONE = 0
    YEAR = 1
    MONTH = 2
    DAY = 3


class DayMonthOrder(StrEnum):
    """Order of the parts of numeric dates in a column; ``AUTO`` infers it from the column."""

    AUTO = "auto"
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class PartialDates:
    """A parsed date column, one entry per input row.

    Attributes
    ----------
    year:
        int32, 0 where missing or unparseable.
    month:
        int8, 0 where unknown.
    day:
        int8, 0 where unknown.
    precision:
        int8 :class:`DatePrecision`.
    ambiguous:
        The day/month order of this value could not be told: both numbers are 12 or less,
        differ, and the column gave no one-sided evidence. The value is read in ``order``.
    default_date:
        Looks like an assigned default: one of the ``default_days`` (1 January, 1 July), or
        zeros for day and month (``00/00/2010``, read at year precision).
    unparseable:
        The cell held something that is neither a date nor a placeholder for "unknown".
    order:
        The order used for the column's year-last numeric values (inferred when ``AUTO``).
    index:
        The input's index, which :meth:`to_iso` puts on its result.
    calendar:
        The calendar ``year``, ``month`` and ``day`` are in (:meth:`day_range` converts).
    """

    year: npt.NDArray[np.int32]
    month: npt.NDArray[np.int8]
    day: npt.NDArray[np.int8]
    precision: npt.NDArray[np.int8]
    ambiguous: BoolArray
    default_date: BoolArray
    unparseable: BoolArray
    order: DayMonthOrder
    index: pd.Index | None = None
    calendar: Calendar = Calendar.GREGORIAN

    def __len__(self) -> int:
        return len(self.year)

    def day_range(
        self, precision: npt.NDArray[np.int8] | None = None
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """First and last Gregorian day (days since 1970-01-01) each date covers.

        Parameters
        ----------
        precision:
            Read the dates at this precision instead of their own (a default date widened
            to its year); never finer than their own.

        Returns
        -------
        tuple of numpy.ndarray
            float64 day numbers, NaN where the date is missing: 2010-03-04 gives the same day
            twice, 2010-03 its first and last days, Ethiopian 2016 12 September 2023 and
            10 September 2024.
        """
        used = self.precision if precision is None else np.minimum(precision, self.precision)
        return day_range(
            self.calendar,
            self.year.astype(np.int64),
            self.month.astype(np.int64),
            self.day.astype(np.int64),
            used.astype(np.int64),
        )

    def to_iso(self) -> pd.Series:
        """The dates as ISO 8601 text at their precision, for output files.

        Returns
        -------
        pandas.Series
            ``"2010"``, ``"2010-03"``, ``"2010-03-04"`` or ``None``, on the input's index.
        """
        # Lower precisions carry zeros for the unknown parts, so the packed key alone decides
        # the text; formatting each distinct key once keeps this fast on large columns.
        key = (
            self.year.astype(np.int64) * 10_000
            + self.month.astype(np.int64) * 100
            + self.day.astype(np.int64)
        )
        codes, uniques = pd.factorize(key)
        keys = np.asarray(uniques, dtype=np.int64)
        year = pd.Series(keys // 10_000).astype(str).str.zfill(4)
        month = pd.Series(keys // 100 % 100).astype(str).str.zfill(2)
        day = pd.Series(keys % 100).astype(str).str.zfill(2)
        text = np.where(
            keys % 100 > 0,
            (year + "-" + month + "-" + day).to_numpy(dtype=object),
            np.where(keys // 100 % 100 > 0, (year + "-" + month).to_numpy(dtype=object), year),
        )
        text = np.where(keys // 10_000 > 0, text, np.array(None, dtype=object))
        index = self.index if self.index is not None else pd.RangeIndex(len(key))
        return pd.Series(text[codes], index=index, dtype=object)


def _check_order(order: DayMonthOrder | str) -> DayMonthOrder:
    return choice(DayMonthOrder, order, "The 'order' parameter of parse_dates")


def _century(two_digits: IntArray, pivot: int | None, reference_year: int) -> IntArray:
    """Four-digit years for two-digit ones."""
    if pivot is not None:
        return np.where(two_digits <= pivot, 2000 + two_digits, 1900 + two_digits)
    # The latest year ending in these digits that is not after the reference year.
    years = reference_year - reference_year % 100 + two_digits
    return np.where(years > reference_year, years - 100, years)


def _infer_order(
    raw: RawParts, order: DayMonthOrder, months: int = 12
) -> tuple[DayMonthOrder, bool]:
    """The column's order, and whether it was defaulted (no one-sided evidence)."""
    if order is not DayMonthOrder.AUTO:
        return order, False
    first, second = raw.first, raw.second
    # A first part of 13-31 beside a valid month can only be a day, and the reverse (with
    # the calendar's ``months``: the Ethiopian year has 13).
    day_first = bool(np.any((first > months) & (first <= 31) & (second >= 1) & (second <= months)))
    month_first = bool(
        np.any((second > months) & (second <= 31) & (first >= 1) & (first <= months))
    )
    if day_first != month_first:
        return (DayMonthOrder.DMY if day_first else DayMonthOrder.MDY), False
    return DayMonthOrder.DMY, True


def _days_in_month(year: IntArray, month: IntArray, calendar: Calendar) -> IntArray:
    if calendar is not Calendar.GREGORIAN:
        return month_lengths(calendar, year, month)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days: IntArray = _DAYS_IN_MONTH[np.clip(month, 0, 12)] + ((month == 2) & leap)
    return days


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class _Fields:
    year: IntArray
    month: IntArray
    day: IntArray
    ambiguous: BoolArray


def _assign_roles(
    raw: RawParts,
    order: DayMonthOrder,
    defaulted: bool,
    auto: bool,
    pivot: int | None,
    reference_year: int,
    months: int = 12,
) -> _Fields:
    """Year, month and day of each distinct value once the column's order is known."""
    year, month, day = raw.year.copy(), raw.month.copy(), raw.day.copy()
    a, b, last = raw.first, raw.second, raw.last
    year_last = last >= 0

    # 10/03/04 in a year-first column is 2010-03-04; with a four-digit year at the end the
    # value cannot be year-first, so it is read day-first and flagged like any unknown order.
    ymd_short = year_last & (order is DayMonthOrder.YMD) & raw.two_digit_year
    month_first = year_last & (order is DayMonthOrder.MDY)
    # In an inferred column a value whose column reading is impossible but whose other
    # reading is valid (03/23 in a day-first column) has only one reading: take it.
    if auto:
        column_month = np.where(month_first, a, b)
        other_month = np.where(month_first, b, a)
        flip = year_last & (column_month > months) & (other_month >= 1) & (other_month <= months)
        month_first = month_first ^ flip

    year = np.where(year_last, np.where(ymd_short, a, last), year)
    month = np.where(year_last, np.where(month_first, a, b), month)
    day = np.where(year_last, np.where(ymd_short, last, np.where(month_first, b, a)), day)
    year = np.where(raw.two_digit_year, _century(year, pivot, reference_year), year)

    undecided = defaulted or order is DayMonthOrder.YMD
    ambiguous = (
        year_last
        & ~ymd_short
        & undecided
        & (a >= 1)
        & (a <= months)
        & (b >= 1)
        & (b <= months)
        & (a != b)
    )
    return _Fields(year=year, month=month, day=day, ambiguous=ambiguous)


def parse_dates(
    values: pd.Series,
    *,
    order: DayMonthOrder | str = "auto",
    two_digit_year_pivot: int | None = None,
    reference_year: int | None = None,
    calendar: Calendar | str = Calendar.GREGORIAN,
    default_days: tuple[tuple[int, int], ...] = DEFAULT_DAYS,
) -> PartialDates:
    """Parse a column of dates written in any of the usual shapes, keeping partial dates.

    Parameters
    ----------
    values:
        Text cells: ``2010-03-04``, ``2010-03``, ``2010``, ``04/03/2010``, ``03/04/2010``,
        ``04.03.2010``, ``03/2010``, ``04/03/10``, ``2010-03-04T00:00:00``, ``4 March 2010``,
        ``March 4, 2010``, ``4 mars 2010``, ``März 2010``, ``4 marzo 2010``, ``4 آذار 2010``
        (month names in English, French, German, Italian, Spanish, Arabic -- both the
        يناير and the كانون الثاني sets -- Russian, Ukrainian and Greek). Placeholders such
        as ``unknown`` or ``00/00/0000`` are missing.
    order:
        Day/month order of year-last numeric values (``"dmy"``, ``"mdy"``; ``"ymd"`` reads
        ``10/03/04`` as 2010-03-04). ``"auto"`` infers it from the column: a first part above
        12 means day-first, a second part above 12 month-first; with both or neither it is
        day-first and values such as ``04/03/2010`` are flagged ``ambiguous``. In an inferred
        column a value with only one possible reading is read that way; with an explicit order
        a month above 12 is unparseable.
    two_digit_year_pivot:
        ``yy`` at or below the pivot is 20yy, above it 19yy. By default a two-digit year is
        the latest year with those digits that is not after ``reference_year``.
    reference_year:
        The year two-digit years must not pass (in ``calendar``); default the current year.
    calendar:
        The calendar the column is written in (:class:`kintrace.dates.calendars.Calendar`):
        its years, month lengths and month names (Meskerem, Farvardin or Hamal, Muharram)
        are used; :meth:`PartialDates.day_range` gives the Gregorian days.
    default_days:
        ``(day, month)`` pairs that mark an assigned default date (with zeros for day and
        month, always a default); see :data:`DEFAULT_DAYS`.

    Returns
    -------
    PartialDates
        Parts, precision and flags per row. Impossible dates (31/02/2010, years before 1900
        or after 2100) are unparseable.

    Raises
    ------
    ConfigError
        ``order``, ``calendar`` or ``two_digit_year_pivot`` is not a valid choice.
    """
    column_order = _check_order(order)
    used_calendar = check_calendar(calendar)
    if two_digit_year_pivot is not None and not 0 <= two_digit_year_pivot <= 99:
        raise ConfigError(
            "The 'two_digit_year_pivot' parameter of parse_dates must be an int in [0, 99]. "
            f"Got {two_digit_year_pivot!r} instead."
        )
    ref_year = current_year(used_calendar) if reference_year is None else reference_year
    min_year, max_year = YEAR_RANGE[used_calendar]

    col = factorize_text(values)
    months = None if used_calendar is Calendar.GREGORIAN else CALENDAR_MONTH_NUMBERS[used_calendar]
    raw = extract_parts(col.text, months)
    max_month = MONTHS_IN_YEAR[used_calendar]
    used_order, defaulted = _infer_order(raw, column_order, max_month)
    fields = _assign_roles(
        raw,
        used_order,
        defaulted,
        column_order is DayMonthOrder.AUTO,
        two_digit_year_pivot,
        ref_year,
        max_month,
    )
    year, month, day = fields.year, fields.month, fields.day

    has_month, has_day = month >= 0, day >= 0
    no_month = has_month & (month == 0)  # 00/00/2010, 2010-00: day and month unknown
    no_day = has_day & (day == 0)  # 00/03/2010: day unknown
    in_range = raw.matched & (year >= min_year) & (year <= max_year)
    valid = (
        in_range
        & np.where(no_month, ~has_day | no_day, ~has_month | (month <= max_month))
        & (
            ~has_day
            | no_day
            | no_month
            | (day <= _days_in_month(np.where(in_range, year, min_year), month, used_calendar))
        )
    )
    precision = np.select(
        [~valid, ~has_month | no_month, ~has_day | no_day],
        [DatePrecision.NONE, DatePrecision.YEAR, DatePrecision.MONTH],
        DatePrecision.DAY,
    ).astype(np.int8)
    month = np.where(precision >= DatePrecision.MONTH, month, 0)
    day = np.where(precision == DatePrecision.DAY, day, 0)
    assigned = np.zeros(len(day), dtype=bool)
    for default_day, default_month in default_days:
        assigned |= (day == default_day) & (month == default_month)
    assigned &= precision == DatePrecision.DAY
    # 00/03/2010 states the month and says nothing false about the day: MONTH precision
    # covers it, and flagging it would make callers throw the month away with the day.
    default_date = valid & (no_month | assigned)
    # Placeholders ("unknown", 00/00/0000) never match a shape with a valid year.
    unparseable = ~valid & ~placeholder_mask(col.text)

    return PartialDates(
        year=col.expand(np.where(valid, year, 0).astype(np.int32), 0),
        month=col.expand(month.astype(np.int8), 0),
        day=col.expand(day.astype(np.int8), 0),
        precision=col.expand(precision, DatePrecision.NONE),
        ambiguous=col.expand(fields.ambiguous & valid, False),
        default_date=col.expand(default_date, False),
        unparseable=col.expand(unparseable, False),
        order=used_order,
        index=values.index,
        calendar=used_calendar,
    )
