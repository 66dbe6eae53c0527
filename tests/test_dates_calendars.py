"""Dates in the Ethiopian, Solar Hijri and lunar Hijri calendars, checked against published
reference dates (national holidays and new years whose Gregorian dates are well known)."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.dates import DatePrecision, parse_dates
from kintrace.dates.calendars import (
    MONTHS_IN_YEAR,
    YEAR_RANGE,
    Calendar,
    check_calendar,
    days_in_month,
    to_days,
)
from kintrace.errors import ConfigError

EPOCH = datetime.date(1970, 1, 1)


def _day(number: float) -> str:
    return (EPOCH + datetime.timedelta(days=int(number))).isoformat()


def _convert(calendar: Calendar, year: int, month: int, day: int) -> str:
    return _day(to_days(calendar, np.array([year]), np.array([month]), np.array([day]))[0])


@pytest.mark.parametrize(
    ("calendar", "date", "gregorian"),
    [
        # Enkutatash, the Ethiopian new year: 12 September before a Gregorian leap year,
        # 11 September otherwise; Pagume 6 ends a leap year.
        (Calendar.ETHIOPIAN, (2012, 1, 1), "2019-09-12"),
        (Calendar.ETHIOPIAN, (2011, 13, 6), "2019-09-11"),
        (Calendar.ETHIOPIAN, (2015, 1, 1), "2022-09-11"),
        (Calendar.ETHIOPIAN, (2016, 1, 1), "2023-09-12"),
        (Calendar.ETHIOPIAN, (2017, 1, 1), "2024-09-11"),
        # Adwa Victory Day, 23 Yekatit.
        (Calendar.ETHIOPIAN, (2015, 6, 23), "2023-03-02"),
        # Nowruz, 1 Farvardin (Iran's and Afghanistan's new year).
        (Calendar.SOLAR_HIJRI, (1389, 1, 1), "2010-03-21"),
        (Calendar.SOLAR_HIJRI, (1399, 1, 1), "2020-03-20"),
        (Calendar.SOLAR_HIJRI, (1402, 1, 1), "2023-03-21"),
        (Calendar.SOLAR_HIJRI, (1403, 1, 1), "2024-03-20"),
        # Afghanistan's Independence Day, 28 Asad.
        (Calendar.SOLAR_HIJRI, (1402, 5, 28), "2023-08-19"),
        # Umm al-Qura: 1 Ramadan, 1 Shawwal (Eid al-Fitr), 1 Muharram, 10 Dhu al-Hijjah.
        (Calendar.LUNAR_HIJRI, (1444, 9, 1), "2023-03-23"),
        (Calendar.LUNAR_HIJRI, (1444, 10, 1), "2023-04-21"),
        (Calendar.LUNAR_HIJRI, (1445, 1, 1), "2023-07-19"),
        (Calendar.LUNAR_HIJRI, (1444, 12, 10), "2023-06-28"),
        (Calendar.LUNAR_HIJRI, (1445, 9, 1), "2024-03-11"),
        (Calendar.GREGORIAN, (2010, 3, 4), "2010-03-04"),
    ],
)
def test_conversions_match_published_dates(calendar, date, gregorian) -> None:
    assert _convert(calendar, *date) == gregorian


@pytest.mark.parametrize(
    ("calendar", "values", "iso", "ranges"),
    [
        (
            "ethiopian",
            ["1 Meskerem 2016", "12/01/2016", "2016", "Pagume 2015", "6/13/2015", "6/13/2016"],
            ["2016-01-01", "2016-01-12", "2016", "2015-13", "2015-13-06", None],
            [
                ("2023-09-12", "2023-09-12"),
                ("2023-09-23", "2023-09-23"),
                # A year of the Ethiopian calendar runs across two Gregorian years.
                ("2023-09-12", "2024-09-10"),
                ("2023-09-06", "2023-09-11"),
                ("2023-09-11", "2023-09-11"),
                None,  # 2016 is not a leap year: Pagume has 5 days
            ],
        ),
        (
            "solar_hijri",
            ["1389", "1 Farvardin 1402", "28 Asad 1402", "1402/01/01", "۱۴۰۲"],
            ["1389", "1402-01-01", "1402-05-28", "1402-01-01", "1402"],
            [
                ("2010-03-21", "2011-03-20"),
                ("2023-03-21", "2023-03-21"),
                ("2023-08-19", "2023-08-19"),
                ("2023-03-21", "2023-03-21"),
                ("2023-03-21", "2024-03-19"),
            ],
        ),
        (
            "lunar_hijri",
            ["1 رمضان 1444", "1444-09-01", "Rabi al Awwal 1445", "شوال 1444"],
            ["1444-09-01", "1444-09-01", "1445-03", "1444-10"],
            [
                ("2023-03-23", "2023-03-23"),
                ("2023-03-23", "2023-03-23"),
                ("2023-09-16", "2023-10-15"),
                ("2023-04-21", "2023-05-20"),  # Shawwal 1444 had 30 days
            ],
        ),
    ],
)
def test_columns_in_other_calendars(calendar, values, iso, ranges) -> None:
    dates = parse_dates(pd.Series(values, dtype=object), calendar=calendar)
    assert dates.calendar is Calendar(calendar)
    assert dates.to_iso().tolist() == iso
    first, last = dates.day_range()
    got = [None if np.isnan(a) else (_day(a), _day(b)) for a, b in zip(first, last, strict=True)]
    assert got == ranges


def test_a_solar_hijri_year_is_not_a_gregorian_one() -> None:
    # 1389 in a Gregorian column is a typo or another calendar: unparseable, not a birth in 1389.
    dates = parse_dates(pd.Series(["1389", "2010"], dtype=object))
    assert dates.unparseable.tolist() == [True, False]
    # And a Gregorian year in a Solar Hijri column is out of that calendar's range.
    assert parse_dates(pd.Series(["2010"]), calendar="solar_hijri").unparseable.tolist() == [True]


def test_month_names_belong_to_their_calendar() -> None:
    # Tir is the Ethiopian fifth month and the Persian fourth; March is only Gregorian.
    assert parse_dates(pd.Series(["Tir 2016"]), calendar="ethiopian").month.tolist() == [5]
    assert parse_dates(pd.Series(["Tir 1402"]), calendar="solar_hijri").month.tolist() == [4]
    assert parse_dates(pd.Series(["March 2016"]), calendar="ethiopian").unparseable.all()


def test_default_days_are_configurable() -> None:
    values = pd.Series(["01/01/2010", "31/12/2010", "15/06/2010"], dtype=object)
    assert parse_dates(values).default_date.tolist() == [True, False, False]
    custom = parse_dates(values, default_days=((31, 12),))
    assert custom.default_date.tolist() == [False, True, False]
    # 1 Meskerem and 1 Farvardin are the new years: a default when so configured.
    ethiopian = parse_dates(pd.Series(["01/01/2016"]), calendar="ethiopian")
    assert ethiopian.default_date.tolist() == [True]


def test_day_range_of_gregorian_precisions() -> None:
    dates = parse_dates(pd.Series(["2010", "02/2012", "04/03/2010", None], dtype=object))
    first, last = dates.day_range()
    assert [_day(x) for x in first[:3]] == ["2010-01-01", "2012-02-01", "2010-03-04"]
    assert [_day(x) for x in last[:3]] == ["2010-12-31", "2012-02-29", "2010-03-04"]
    assert np.isnan(first[3]) and np.isnan(last[3])
    # Read at year precision (a default date widened to its year).
    year = np.full(4, DatePrecision.YEAR, dtype=np.int8)
    first, last = dates.day_range(year)
    assert _day(first[2]) == "2010-01-01" and _day(last[2]) == "2010-12-31"


def test_unknown_calendar_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'ethiopian'"):
        check_calendar("ethiopic")
    with pytest.raises(ConfigError, match="calendar"):
        parse_dates(pd.Series(["2010"]), calendar="julian")


@st.composite
def _calendar_days(draw: st.DrawFn) -> tuple[Calendar, int, int, int]:
    calendar = draw(st.sampled_from(list(Calendar)))
    low, high = YEAR_RANGE[calendar]
    year = draw(st.integers(max(low, high - 160), high - 1))
    month = draw(st.integers(1, MONTHS_IN_YEAR[calendar]))
    day = draw(st.integers(1, days_in_month(calendar, year, month)))
    return calendar, year, month, day


@settings(max_examples=200, deadline=None)
@given(_calendar_days())
def test_the_next_day_is_one_day_later(date) -> None:
    calendar, year, month, day = date
    if day < days_in_month(calendar, year, month):
        following = (year, month, day + 1)
    elif month < MONTHS_IN_YEAR[calendar]:
        following = (year, month + 1, 1)
    else:
        following = (year + 1, 1, 1)
    numbers = to_days(
        calendar, *(np.array([a, b]) for a, b in zip(date[1:], following, strict=True))
    )
    assert numbers[1] - numbers[0] == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=8), st.sampled_from([c.value for c in Calendar]))
def test_parsing_never_raises_in_any_calendar(values, calendar) -> None:
    dates = parse_dates(pd.Series(values, dtype=object), calendar=calendar)
    first, last = dates.day_range()
    known = ~np.isnan(first)
    assert (first[known] <= last[known]).all()
