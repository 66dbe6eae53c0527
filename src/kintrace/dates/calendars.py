"""Dates written in other calendars, converted exactly to the Gregorian days they cover.

Offices write birth dates in the calendar of the country: Ethiopia and Eritrea's Ethiopian
calendar (2016 began on 12 September 2023), Afghanistan and Iran's Solar Hijri (1402 began on
21 March 2023), and the lunar Hijri in parts of the Arab world and in religious documents.
A column is read in its calendar (set per column in the mapping, ``calendar = "ethiopian"``),
then every date becomes the run of Gregorian days it covers: a day is one day, a month of the
Ethiopian calendar 30 days, a Solar Hijri year 365 or 366 days astride two Gregorian years.

Conversions come from well-kept libraries, not from code of ours: ``convertdate`` (MIT) for
the Ethiopian calendar (its Coptic calendar, whose years run 276 behind the Ethiopian ones
with the same months and leap rule) and the Solar Hijri calendar (astronomical, as Iran and
Afghanistan use it), ``hijridate`` (MIT) for the lunar Hijri calendar in its Umm al-Qura
form, the published calendar of Saudi Arabia (1343-1500 AH, 1924-2077 CE). The tests check
them against published reference dates.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from functools import lru_cache

import hijridate
import numpy as np
import numpy.typing as npt
from convertdate import coptic, persian

from kintrace.errors import choice

__all__ = [
    "MONTHS_IN_YEAR",
    "YEAR_RANGE",
    "Calendar",
    "check_calendar",
    "current_year",
    "day_range",
    "days_in_month",
    "month_lengths",
    "to_days",
]

IntArray = npt.NDArray[np.int64]

#: Day numbers count from this day (day 0), as numpy's ``datetime64[D]`` does.
EPOCH = datetime.date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()

# Ethiopian year = Coptic year + 276: both count 13 months from 1 Meskerem / Thout.
_ETHIOPIAN_OFFSET = 276


class Calendar(StrEnum):
    """The calendar a date column is written in."""

    GREGORIAN = "gregorian"
    ETHIOPIAN = "ethiopian"
    SOLAR_HIJRI = "solar_hijri"
    LUNAR_HIJRI = "lunar_hijri"


#: Years a birth date, registration or request of living children can have in each calendar
#: (Gregorian 1900-2100); outside them a year is a typo or another calendar's.
YEAR_RANGE: dict[Calendar, tuple[int, int]] = {
    Calendar.GREGORIAN: (1900, 2100),
    Calendar.ETHIOPIAN: (1892, 2093),
    Calendar.SOLAR_HIJRI: (1279, 1479),
    # hijridate's Umm al-Qura tables.
    Calendar.LUNAR_HIJRI: (1343, 1500),
}

#: Months in a year of each calendar (the Ethiopian 13th, Pagume, has 5 or 6 days).
MONTHS_IN_YEAR: dict[Calendar, int] = {
    Calendar.GREGORIAN: 12,
    Calendar.ETHIOPIAN: 13,
    Calendar.SOLAR_HIJRI: 12,
    Calendar.LUNAR_HIJRI: 12,
}


def check_calendar(calendar: Calendar | str, where: str = "calendar") -> Calendar:
    """The :class:`Calendar` named, or a :class:`ConfigError` that lists the choices."""
    return choice(Calendar, calendar, f"The {where!r} setting")


@lru_cache(maxsize=4096)
def _month_length(calendar: Calendar, year: int, month: int) -> int:
    if calendar is Calendar.GREGORIAN:
        if month == 12:
            return 31
        return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days
    if calendar is Calendar.ETHIOPIAN:
        if month < 13:
            return 30
        return 6 if coptic.is_leap(year - _ETHIOPIAN_OFFSET) else 5
    if calendar is Calendar.SOLAR_HIJRI:
        return int(persian.month_length(year, month))
    return int(hijridate.Hijri(year, month, 1).month_length())


def days_in_month(calendar: Calendar, year: int, month: int) -> int:
    """Days in ``month`` of ``year`` of ``calendar`` (0 outside the calendar's years)."""
    low, high = YEAR_RANGE[calendar]
    if not (low <= year <= high and 1 <= month <= MONTHS_IN_YEAR[calendar]):
        return 0
    return _month_length(calendar, year, month)


@lru_cache(maxsize=65_536)
def _day_number(calendar: Calendar, year: int, month: int, day: int) -> int:
    if calendar is Calendar.GREGORIAN:
        return datetime.date(year, month, day).toordinal() - _EPOCH_ORDINAL
    if calendar is Calendar.ETHIOPIAN:
        y, m, d = coptic.to_gregorian(year - _ETHIOPIAN_OFFSET, month, day)
    elif calendar is Calendar.SOLAR_HIJRI:
        y, m, d = persian.to_gregorian(year, month, day)
    else:
        g = hijridate.Hijri(year, month, day).to_gregorian()
        y, m, d = g.year, g.month, g.day
    return datetime.date(y, m, d).toordinal() - _EPOCH_ORDINAL


def to_days(calendar: Calendar, year: IntArray, month: IntArray, day: IntArray) -> IntArray:
    """Gregorian day numbers (days since 1970-01-01) of valid dates of ``calendar``.

    Each date is converted once, however often it repeats: a column holds few distinct dates.
    """
    triples = np.stack([year, month, day], axis=1).astype(np.int64)
    if not len(triples):
        return np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(triples, axis=0, return_inverse=True)
    numbers = np.array(
        [_day_number(calendar, int(y), int(m), int(d)) for y, m, d in distinct], dtype=np.int64
    )
    out: IntArray = numbers[inverse.reshape(-1)]
    return out


def month_lengths(calendar: Calendar, year: IntArray, month: IntArray) -> IntArray:
    """:func:`days_in_month` of each ``(year, month)``, 0 where either is out of range."""
    pairs = np.stack([year, month], axis=1).astype(np.int64)
    if not len(pairs):
        return np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(pairs, axis=0, return_inverse=True)
    lengths = np.array([days_in_month(calendar, int(y), int(m)) for y, m in distinct])
    out: IntArray = lengths.astype(np.int64)[inverse.reshape(-1)]
    return out


def day_range(
    calendar: Calendar, year: IntArray, month: IntArray, day: IntArray, precision: IntArray
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """First and last Gregorian day numbers a date covers at its precision (3 day, 2 month,
    1 year; NaN where 0): a month or a year of another calendar is the run of days it spans."""
    first = np.full(len(year), np.nan)
    last = np.full(len(year), np.nan)
    known = precision > 0
    if not known.any():
        return first, last
    y, m, d, p = year[known], month[known], day[known], precision[known]
    ones = np.ones_like(y)
    start_month = np.where(p >= 2, m, ones)
    start_day = np.where(p >= 3, d, ones)
    end_month = np.where(p >= 2, m, MONTHS_IN_YEAR[calendar])
    end_day = np.where(p >= 3, d, month_lengths(calendar, y, end_month))
    first[known] = to_days(calendar, y, start_month, start_day)
    last[known] = to_days(calendar, y, end_month, end_day)
    return first, last


def current_year(calendar: Calendar, today: datetime.date | None = None) -> int:
    """The year ``today`` falls in, in ``calendar`` (for two-digit years)."""
    today = today or datetime.date.today()
    if calendar is Calendar.GREGORIAN:
        return today.year
    if calendar is Calendar.ETHIOPIAN:
        return int(coptic.from_gregorian(today.year, today.month, today.day)[0]) + _ETHIOPIAN_OFFSET
    if calendar is Calendar.SOLAR_HIJRI:
        return int(persian.from_gregorian(today.year, today.month, today.day)[0])
    return int(hijridate.Gregorian(today.year, today.month, today.day).to_hijri().year)
