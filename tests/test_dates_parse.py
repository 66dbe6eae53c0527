"""Partial-date parsing (kintrace.dates). All dates here are made up."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.dates import DatePrecision, DayMonthOrder, PartialDates, parse_dates
from kintrace.errors import ConfigError, KintraceError

P = DatePrecision
REF = 2024  # reference year for two-digit years, fixed so tests do not age


def parse(values: Sequence[str | None], **options: object) -> PartialDates:
    options.setdefault("reference_year", REF)
    return parse_dates(pd.Series(values, dtype=object), **options)  # type: ignore[arg-type]


def one(text: str | None, **options: object) -> tuple[str | None, int, bool]:
    """(ISO text, precision, unparseable) of a single cell, read day-first unless told."""
    options.setdefault("order", "dmy")
    dates = parse([text], **options)
    return dates.to_iso().iloc[0], int(dates.precision[0]), bool(dates.unparseable[0])


# --- shapes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2010-03-04", "2010-03-04", P.DAY),
        ("2010-03", "2010-03", P.MONTH),
        ("2010", "2010", P.YEAR),
        ("2010/3/4", "2010-03-04", P.DAY),
        ("20100304", "2010-03-04", P.DAY),
        ("04/03/2010", "2010-03-04", P.DAY),
        ("4/3/2010", "2010-03-04", P.DAY),
        ("04.03.2010", "2010-03-04", P.DAY),
        ("04-03-2010", "2010-03-04", P.DAY),
        ("03/2010", "2010-03", P.MONTH),
        ("3.2010", "2010-03", P.MONTH),
        ("04/03/10", "2010-03-04", P.DAY),
        ("2010-03-04 00:00:00", "2010-03-04", P.DAY),
        ("2010-03-04T00:00:00", "2010-03-04", P.DAY),
        ("2010-03-04T10:30:00.000+02:00", "2010-03-04", P.DAY),
        ("04/03/2010 10:30", "2010-03-04", P.DAY),
        ("  2010-03-04 ", "2010-03-04", P.DAY),
        ("٠٤/٠٣/٢٠١٠", "2010-03-04", P.DAY),  # Arabic-Indic digits
        ("۲۰۱۰-۰۳-۰۴", "2010-03-04", P.DAY),  # Persian digits
        ("~2010", "2010", P.YEAR),
        ("ca. 2010", "2010", P.YEAR),
    ],
)
def test_numeric_shapes(text: str, iso: str, precision: DatePrecision) -> None:
    assert one(text) == (iso, precision, False)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # English
        ("4 March 2010", "2010-03-04"),
        ("4 MAR 2010", "2010-03-04"),
        ("March 4, 2010", "2010-03-04"),
        ("Sept. 4, 2010", "2010-09-04"),
        ("4th of March 2010", "2010-03-04"),
        ("March 2010", "2010-03"),
        ("04-Mar-10", "2010-03-04"),
        ("2010-Mar-04", "2010-03-04"),
        ("March 4, 2010 10:00", "2010-03-04"),
        # French
        ("4 mars 2010", "2010-03-04"),
        ("1er février 2010", "2010-02-01"),
        ("4 fevrier 2010", "2010-02-04"),
        ("le 4 août 2010", "2010-08-04"),
        ("4 déc. 2010", "2010-12-04"),
        # German
        ("März 2010", "2010-03"),
        ("Maerz 2010", "2010-03"),
        ("4. März 2010", "2010-03-04"),
        ("4. Okt. 2010", "2010-10-04"),
        ("4 Dezember 2010", "2010-12-04"),
        # Italian
        ("4 marzo 2010", "2010-03-04"),
        ("4 gennaio 2010", "2010-01-04"),
        ("4 ago 2010", "2010-08-04"),
        # Spanish
        ("4 de marzo de 2010", "2010-03-04"),
        # Arabic: transliterated, Levantine and Maghreb names
        ("4 يناير 2010", "2010-01-04"),
        ("4 كانون الثاني 2010", "2010-01-04"),
        ("4 كانون ثاني 2010", "2010-01-04"),
        ("4 آذار 2010", "2010-03-04"),
        ("4 اذار 2010", "2010-03-04"),
        ("4 أيلول 2010", "2010-09-04"),
        ("4 تشرين الأول 2010", "2010-10-04"),
        ("4 ديسمبر 2010", "2010-12-04"),
        ("4 جانفي 2010", "2010-01-04"),
        ("٤ نيسان ٢٠١٠", "2010-04-04"),
        ("4 مارس 2010 م", "2010-03-04"),
        # Russian, Ukrainian, Greek
        ("4 марта 2010 г.", "2010-03-04"),
        ("4 березня 2010", "2010-03-04"),
        ("4 Μαρτίου 2010", "2010-03-04"),
    ],
)
def test_month_names(text: str, iso: str) -> None:
    expected = P.DAY if len(iso) == 10 else P.MONTH
    assert one(text) == (iso, expected, False)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2010",  # no such day
        "29/02/2011",  # not a leap year
        "31/04/2010",
        "13/13/2010",
        "4 Smarch 2010",  # unknown month name
        "1389-05-01",  # Solar Hijri year: not a Gregorian year of a living person
        "2150",
        "10",
        "2010-03-04-05",
        "04/03-2010",  # mixed separators
        "15/00/2010",  # day without a month
        "garbage",
        "=1+1",
    ],
)
def test_unparseable(text: str) -> None:
    assert one(text) == (None, P.NONE, True)


def test_leap_day_is_valid() -> None:
    assert one("29/02/2012") == ("2012-02-29", P.DAY, False)
    assert one("2000-02-29") == ("2000-02-29", P.DAY, False)


@pytest.mark.parametrize(
    "text",
    ["UNKNOWN", "unbekannt", "INCONNU", "sconosciuto", "N/A", "NA", "n.a.", "-", "--", "?",
     "0", "00/00/0000", "0000-00-00", "غير معروف", "неизвестно", "", None],
)  # fmt: skip
def test_placeholders_are_missing_not_unparseable(text: str | None) -> None:
    assert one(text) == (None, P.NONE, False)


# --- assigned defaults -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "precision", "default"),
    [
        ("00/00/2010", "2010", P.YEAR, True),
        ("0/0/2010", "2010", P.YEAR, True),
        ("2010-00-00", "2010", P.YEAR, True),
        ("00/2010", "2010", P.YEAR, True),
        ("00/03/2010", "2010-03", P.MONTH, False),  # day unknown, month stated
        ("01/01/2010", "2010-01-01", P.DAY, True),
        ("1 January 2010", "2010-01-01", P.DAY, True),
        ("01/07/2010", "2010-07-01", P.DAY, True),
        ("2010-07-01", "2010-07-01", P.DAY, True),
        ("02/01/2010", "2010-01-02", P.DAY, False),
        ("2010", "2010", P.YEAR, False),
    ],
)
def test_default_dates(text: str, iso: str, precision: DatePrecision, default: bool) -> None:
    dates = parse([text], order="dmy")
    assert dates.to_iso().iloc[0] == iso
    assert dates.precision[0] == precision
    assert bool(dates.default_date[0]) is default


def test_default_dates_follow_the_column_order() -> None:
    # 01/07 is 7 January month-first: a real date, not the 1 July default.
    dates = parse(["01/07/2010", "07/01/2010"], order="mdy")
    assert dates.to_iso().tolist() == ["2010-01-07", "2010-07-01"]
    assert dates.default_date.tolist() == [False, True]


# --- day/month order -------------------------------------------------------------------------


def test_first_part_above_12_means_day_first() -> None:
    dates = parse(["23/03/2010", "04/03/2010"])
    assert dates.order is DayMonthOrder.DMY
    assert dates.to_iso().tolist() == ["2010-03-23", "2010-03-04"]
    assert not dates.ambiguous.any()


def test_second_part_above_12_means_month_first() -> None:
    dates = parse(["03/23/2010", "04/03/2010"])
    assert dates.order is DayMonthOrder.MDY
    assert dates.to_iso().tolist() == ["2010-03-23", "2010-04-03"]
    assert not dates.ambiguous.any()


@pytest.mark.parametrize(
    ("values", "ambiguous"),
    [
        # no evidence: day-first, and the undecidable values flagged
        (["04/03/2010", "05/05/2010", "2010-03-04", "4 March 2010"], [True, False, False, False]),
        # evidence both ways: day-first, each unambiguous value read its only way
        (["23/03/2010", "03/23/2010", "04/03/2010"], [False, False, True]),
    ],
)
def test_defaulted_order_is_day_first_and_flags_ambiguous(
    values: list[str], ambiguous: list[bool]
) -> None:
    dates = parse(values)
    assert dates.order is DayMonthOrder.DMY
    assert dates.ambiguous.tolist() == ambiguous
    assert not dates.unparseable.any()


def test_mixed_column_reads_unambiguous_values_their_only_way() -> None:
    dates = parse(["23/03/2010", "03/23/2010", "04/03/2010"])
    assert dates.to_iso().tolist() == ["2010-03-23", "2010-03-23", "2010-03-04"]


@pytest.mark.parametrize(
    ("order", "iso", "unparseable"),
    [
        ("dmy", ["2010-03-04", None], [False, True]),
        ("mdy", ["2010-04-03", "2010-03-23"], [False, False]),
        (DayMonthOrder.MDY, ["2010-04-03", "2010-03-23"], [False, False]),
    ],
)
def test_explicit_order_overrides_inference(
    order: str, iso: list[str | None], unparseable: list[bool]
) -> None:
    dates = parse(["04/03/2010", "03/23/2010"], order=order)
    assert dates.to_iso().tolist() == iso
    assert dates.unparseable.tolist() == unparseable
    assert not dates.ambiguous.any()
    assert dates.order is DayMonthOrder(order)


def test_year_first_order_reads_two_digit_years_first() -> None:
    dates = parse(["10/03/04", "2010-03-04", "04/03/2010"], order="ymd")
    assert dates.to_iso().tolist() == ["2010-03-04", "2010-03-04", "2010-03-04"]
    # A four-digit year at the end cannot be year-first: read day-first, and flagged.
    assert dates.ambiguous.tolist() == [False, False, True]


def test_bad_order_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'order' parameter of parse_dates"):
        parse(["2010"], order="dym")


def test_bad_pivot_is_a_config_error() -> None:
    with pytest.raises(KintraceError, match="two_digit_year_pivot"):
        parse(["01/02/03"], two_digit_year_pivot=100)


# --- two-digit years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "iso"),
    [
        ("04/03/10", {}, "2010-03-04"),
        ("04/03/24", {}, "2024-03-04"),  # the reference year itself
        ("04/03/25", {}, "1925-03-04"),  # would be in the future: previous century
        ("04/03/99", {}, "1999-03-04"),
        ("04/03/10", {"reference_year": 2009}, "1910-03-04"),
        ("04/03/30", {"two_digit_year_pivot": 50}, "2030-03-04"),
        ("04/03/51", {"two_digit_year_pivot": 50}, "1951-03-04"),
        ("4 March 10", {}, "2010-03-04"),
    ],
)
def test_two_digit_years(text: str, options: dict[str, int], iso: str) -> None:
    assert one(text, **options)[0] == iso


def test_default_reference_year_is_this_year() -> None:
    next_year = (datetime.date.today().year + 1) % 100
    dates = parse_dates(pd.Series([f"01/02/{next_year:02d}"]), order="dmy")
    assert dates.year[0] == datetime.date.today().year + 1 - 100


# --- result container ------------------------------------------------------------------------


def test_dtypes_and_index() -> None:
    values = pd.Series(["2010-03-04", None, "bad"], index=["a", "b", "c"], dtype=object)
    dates = parse_dates(values, reference_year=REF)
    assert dates.year.dtype == np.int32
    assert dates.month.dtype == np.int8
    assert dates.day.dtype == np.int8
    assert dates.precision.dtype == np.int8
    for flags in (dates.ambiguous, dates.default_date, dates.unparseable):
        assert flags.dtype == np.bool_
    assert dates.to_iso().index.tolist() == ["a", "b", "c"]
    assert dates.year.tolist() == [2010, 0, 0]
    assert dates.precision.tolist() == [P.DAY, P.NONE, P.NONE]
    assert dates.unparseable.tolist() == [False, False, True]
    assert len(dates) == 3


def test_empty_column() -> None:
    dates = parse([])
    assert len(dates) == 0
    assert dates.to_iso().tolist() == []


# --- properties ------------------------------------------------------------------------------

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"],
    "ar-levant": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                  "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"],
}  # fmt: skip

# (format, order): every shape the parser promises, in the order it must be read with.
SHAPES: list[tuple[str, str]] = [
    ("{y:04d}-{m:02d}-{d:02d}", "dmy"),
    ("{y:04d}/{m}/{d}", "mdy"),
    ("{d:02d}/{m:02d}/{y:04d}", "dmy"),
    ("{d}/{m}/{y}", "dmy"),
    ("{m:02d}/{d:02d}/{y:04d}", "mdy"),
    ("{d:02d}.{m:02d}.{y:04d}", "dmy"),
    ("{d:02d}-{m:02d}-{y:04d}", "dmy"),
    ("{y:04d}-{m:02d}-{d:02d} 00:00:00", "dmy"),
    ("{y:04d}-{m:02d}-{d:02d}T12:30:00", "mdy"),
    ("{d} {month} {y}", "dmy"),
    ("{month} {d}, {y}", "mdy"),
    ("{d:02d}/{m:02d}/{yy:02d}", "dmy"),
    ("{m:02d}/{d:02d}/{yy:02d}", "mdy"),
]

dates_strategy = st.dates(
    min_value=datetime.date(1925, 1, 1), max_value=datetime.date(2024, 12, 31)
)


@given(
    days=st.lists(dates_strategy, min_size=1, max_size=25),
    shape=st.sampled_from(SHAPES),
    language=st.sampled_from(sorted(MONTHS)),
)
@settings(max_examples=80, deadline=None)
def test_any_date_in_any_shape_parses_back(
    days: list[datetime.date], shape: tuple[str, str], language: str
) -> None:
    template, order = shape
    texts = [
        template.format(
            y=day.year, yy=day.year % 100, m=day.month, d=day.day,
            month=MONTHS[language][day.month - 1],
        )
        for day in days
    ]  # fmt: skip
    dates = parse(texts, order=order)
    assert not dates.unparseable.any()
    assert dates.precision.tolist() == [P.DAY] * len(days)
    assert dates.year.tolist() == [d.year for d in days]
    assert dates.month.tolist() == [d.month for d in days]
    assert dates.day.tolist() == [d.day for d in days]


@given(
    days=st.lists(dates_strategy, min_size=1, max_size=25),
    precision=st.sampled_from([P.YEAR, P.MONTH, P.DAY]),
)
@settings(max_examples=50, deadline=None)
def test_to_iso_round_trips_iso_input(days: list[datetime.date], precision: DatePrecision) -> None:
    width = {P.YEAR: 4, P.MONTH: 7, P.DAY: 10}[precision]
    texts = [d.isoformat()[:width] for d in days]
    assert parse(texts).to_iso().tolist() == texts


@given(
    days=st.lists(dates_strategy, min_size=1, max_size=25),
    day_first=st.booleans(),
)
@settings(max_examples=50, deadline=None)
def test_order_inferred_from_a_day_above_12(days: list[datetime.date], day_first: bool) -> None:
    def text(d: datetime.date) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year}" if day_first else d.strftime("%m/%d/%Y")

    evidence = datetime.date(2010, 3, 23)
    dates = parse([text(evidence)] + [text(d) for d in days])
    assert dates.order is (DayMonthOrder.DMY if day_first else DayMonthOrder.MDY)
    assert not dates.ambiguous.any()
    assert dates.to_iso().tolist() == [d.isoformat() for d in [evidence, *days]]


@given(st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=20))
@settings(max_examples=150, deadline=None)
def test_never_raises_on_any_text(cells: list[str | None]) -> None:
    dates = parse(cells)
    assert len(dates) == len(cells)
    precise = dates.precision > P.NONE
    # Every row is exactly one of: a date, unparseable, or missing.
    assert not (precise & dates.unparseable).any()
    assert ((dates.year > 0) == precise).all()
    iso = dates.to_iso()
    assert iso.isna().tolist() == (~precise).tolist()
