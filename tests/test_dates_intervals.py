"""Birth dates and ages as intervals, and the date-of-birth comparison over them."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.comparisons import date_of_birth_comparison, encode_tables
from kintrace.dates import parse_dates
from kintrace.dates.intervals import AgeUncertainty, BirthBasis, birth_intervals
from kintrace.scoring import compute_levels
from kintrace.standardise import standardise

EPOCH = datetime.date(1970, 1, 1)
DOB = date_of_birth_comparison()
LABELS = DOB.level_labels()


def _day(number: float) -> str:
    return (EPOCH + datetime.timedelta(days=int(number))).isoformat()


def _number(iso: str) -> float:
    return float((datetime.date.fromisoformat(iso) - EPOCH).days)


def _children(rows: list[dict[str, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    frame["child_id"] = [f"C{i}" for i in range(len(frame))]
    return standardise(frame, "children").frame


def _requests(rows: list[dict[str, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    frame["sought_id"] = [f"S{i}" for i in range(len(frame))]
    frame["request_id"] = [f"R{i}" for i in range(len(frame))]
    return standardise(frame, "requests").frame


@pytest.mark.parametrize(
    ("row", "first", "last", "basis"),
    [
        ({"date_of_birth": "23/03/2010"}, "2010-03-23", "2010-03-23", BirthBasis.DAY),
        # A column that cannot tell 4 March from 3 April keeps both.
        ({"date_of_birth": "04/03/2010"}, "2010-03-04", "2010-04-03", BirthBasis.DAY),
        ({"date_of_birth": "03/2010"}, "2010-03-01", "2010-03-31", BirthBasis.MONTH),
        ({"date_of_birth": "2010"}, "2010-01-01", "2010-12-31", BirthBasis.YEAR),
        # A default date says "born that year", nothing more.
        ({"date_of_birth": "01/01/2010"}, "2010-01-01", "2010-12-31", BirthBasis.YEAR),
        ({"date_of_birth": "00/00/2010"}, "2010-01-01", "2010-12-31", BirthBasis.YEAR),
        # Age 13 at a registration on 15 June 2023, as stated (±1 year): born after
        # 15 June 2008, on or before 15 June 2011.
        (
            {"age": "13", "registration_date": "15/06/2023"},
            "2008-06-16",
            "2011-06-15",
            BirthBasis.AGE,
        ),
        # "About 13", marked as estimated (±2 years).
        (
            {"age": "13", "age_estimated": "yes", "registration_date": "15/06/2023"},
            "2007-06-16",
            "2012-06-15",
            BirthBasis.AGE,
        ),
        # A registration known only to its year allows every day of it.
        ({"age": "13", "registration_date": "2023"}, "2008-01-02", "2011-12-31", BirthBasis.AGE),
        # The date wins over the age; an age without a reference date is no interval.
        (
            {"date_of_birth": "2010", "age": "5", "registration_date": "2023"},
            "2010-01-01",
            "2010-12-31",
            BirthBasis.YEAR,
        ),
        ({"age": "13"}, None, None, BirthBasis.NONE),
    ],
)
def test_children_birth_intervals(row, first, last, basis) -> None:
    frame = _children([row])
    assert frame.loc[0, "birth_basis"] == basis
    got = frame.loc[0, ["birth_first", "birth_last"]].to_numpy(dtype=float)
    if first is None:
        assert np.isnan(got).all()
        return
    assert [_day(g) for g in got] == [first, last]


def test_a_default_date_is_kept_as_such() -> None:
    frame = _children([{"date_of_birth": "01/01/2010"}, {"date_of_birth": "04/03/2010"}])
    assert frame["birth_default"].tolist() == [True, False]


def test_a_request_age_at_separation_uses_the_separation_date_else_the_request_date() -> None:
    frame = _requests(
        [
            {"age_at_separation": "11", "separation_date": "2021", "request_date": "2024"},
            {"age_at_separation": "11", "request_date": "2024"},
        ]
    )
    assert frame["age_year"].tolist() == [2021.0, 2024.0]
    # 11 (±1) in 2021: born in 2011 at the latest.
    assert _day(frame.loc[0, "birth_last"]) == "2011-12-31"


def _levels(left: pd.DataFrame, right: pd.DataFrame) -> list[str]:
    numeric = list(DOB.numeric_columns())
    tables = encode_tables(left, right, text_columns=[], numeric_columns=numeric)
    li = np.arange(len(left))
    levels = compute_levels([DOB], tables, li, np.zeros(len(left), dtype=np.int64))
    return [LABELS[level] for level in levels[:, 0]]


def test_the_issue_example_is_consistent_evidence() -> None:
    # Born "2010", registered as "1 January 2010", aged "about 13" in 2023 - and sought as
    # "11 when we were separated in 2021": consistent. Born 2004 against 2015: far apart.
    children = _children(
        [
            {"date_of_birth": "2010"},
            {"date_of_birth": "01/01/2010"},
            {"age": "13", "age_estimated": "yes", "registration_date": "2023"},
            {"date_of_birth": "2004"},
        ]
    )
    request = _requests([{"age_at_separation": "11", "separation_date": "2021"}])
    # Every reading points at about 2010: 13 (±2) in 2023 allows 2007-2012, 11 (±1) in 2021
    # 2008-2011.
    assert _levels(children, request) == ["consistent, centred within 1 year"] * 3 + ["far apart"]
    # An age centred two years off still overlaps: consistent, but weaker evidence.
    older = _requests([{"age_at_separation": "13", "separation_date": "2021"}])
    assert _levels(children.iloc[[2]].reset_index(drop=True), older) == [
        "overlapping, centres over a year apart"
    ]
    born_2015 = _requests([{"date_of_birth": "2015"}])
    assert _levels(children.iloc[[3]].reset_index(drop=True), born_2015) == ["far apart"]


@pytest.mark.parametrize(
    ("child", "sought", "label"),
    [
        ("04/03/2010", "2010-03-04", "same date"),
        # 4 March against 3 April: one office wrote the date month-first.
        ("04/03/2010", "2010-04-03", "day and month swapped"),
        ("04/03/2010", "2010-03-20", "same month and year"),
        ("04/03/2010", "2010", "same year"),
        ("04/03/2010", "2011-02", "within 1 year"),
        ("04/03/2010", "2012-06-01", "within 3 years"),
        ("04/03/2010", "2016", "far apart"),
        ("04/03/2010", None, "missing"),
        # The day and the month of a default are no evidence: the year is.
        ("01/01/2010", "2010-01-01", "same year"),
    ],
)
def test_date_levels(child, sought, label) -> None:
    request = _requests([{"date_of_birth": sought}])
    assert _levels(_children([{"date_of_birth": child}]), request) == [label]


def test_age_uncertainty_is_configurable() -> None:
    dob = parse_dates(pd.Series([None], dtype=object))
    reference = parse_dates(pd.Series(["2023-06-15"])).day_range()
    narrow = birth_intervals(
        dob, np.array([13.0]), reference, uncertainty=AgeUncertainty(stated=0.0)
    )
    assert (_day(narrow.first[0]), _day(narrow.last[0])) == ("2009-06-16", "2010-06-15")
    with pytest.raises(ValueError, match="estimated"):
        AgeUncertainty(estimated=-1)


# Intervals as (first day, width in days); missing as None.
intervals = st.one_of(st.none(), st.tuples(st.integers(10_000, 20_000), st.integers(0, 2_000)))


def _interval_frame(values: list[tuple[int, int] | None]) -> pd.DataFrame:
    first = [np.nan if v is None else float(v[0]) for v in values]
    last = [np.nan if v is None else float(v[0] + v[1]) for v in values]
    n = len(values)
    return pd.DataFrame(
        {
            "birth_first": first,
            "birth_last": last,
            "dob_year": np.zeros(n, dtype=np.int32),
            "dob_month": np.zeros(n, dtype=np.int32),
            "dob_day": np.zeros(n, dtype=np.int32),
            "dob_precision": np.zeros(n, dtype=np.int32),
        }
    )


@settings(max_examples=150, deadline=None)
@given(a=intervals, b=intervals)
def test_interval_comparison_is_symmetric_and_a_date_overlaps_itself(a, b) -> None:
    left, right = _interval_frame([a]), _interval_frame([b])
    assert _levels(left, right) == _levels(right, left)
    itself = _levels(left, left)
    if a is None:
        assert itself == ["missing"]
    else:
        narrow = a[1] + 1 <= 365.2425 + 1
        assert itself == (["same year"] if narrow else ["consistent, centred within 1 year"])


def test_impossible_births_are_flagged_and_kept() -> None:
    frame = pd.DataFrame(
        {
            "child_id": ["C0", "C1", "C2", "C3", "C4", "C5"],
            # Born 1 March 2005: 18 in June 2023, at the limit.
            "date_of_birth": ["2024-05-01", "2001", None, "2012-02-02", "2005-03-01", None],
            # A stated 18 may be 17 (±1): not flagged.
            "age": [None, None, "25", None, None, "18"],
            "registration_date": ["2023-06-15"] * 6,
        },
        dtype=object,
    )
    table = standardise(frame, "children", today=datetime.date(2026, 11, 29))
    flags = {(f.column, f.reason): (f.count, f.first_rows) for f in table.implausible}
    assert flags == {
        ("date_of_birth", "a birth after the reference date or after today"): (1, (2,)),
        ("date_of_birth", "a child 18 or older at registration"): (2, (3, 6)),
        ("age", "a child 18 or older at registration"): (1, (4,)),
    }
    # Flagged, not dropped: the values are still compared.
    basis = [BirthBasis.DAY, BirthBasis.YEAR, BirthBasis.AGE, BirthBasis.DAY, BirthBasis.DAY,
             BirthBasis.AGE]  # fmt: skip
    assert table.frame["birth_basis"].tolist() == basis
    assert standardise(frame, "children", age_limit=None, today=datetime.date(2026, 11, 29)
                       ).implausible[0].reason.startswith("a birth after")  # fmt: skip


def test_date_reasons_quote_the_evidence_on_both_sides() -> None:
    from kintrace.dates.explain import explain_date_levels

    children = _children(
        [
            {"age": "13", "age_estimated": "yes", "registration_date": "2023"},
            {"date_of_birth": "01/01/2010"},
            {"date_of_birth": "04/03/2010"},
            {},
        ]
    )
    requests = _requests([{"date_of_birth": "2010"}])
    left, right = np.arange(4), np.zeros(4, dtype=np.int64)
    labels = _levels(children, requests)
    assert explain_date_levels(labels, children, requests, left, right) == [
        "age 13 (estimated) in 2023 vs born 2010: consistent, centred within 1 year",
        "born 2010 (a default date: the year only) vs born 2010: same year",
        "born 2010-03-04 vs born 2010: same year",
        "missing",  # nothing to quote on one side: the label alone
    ]


def test_a_column_order_and_default_days_from_the_run() -> None:
    from kintrace.dates import DateColumns

    frame = pd.DataFrame(
        {"child_id": ["C0", "C1"], "date_of_birth": ["03/04/2010", "31/12/2010"]}, dtype=object
    )
    plain = standardise(frame, "children").frame
    # 31/12 makes the column day-first: 3 April.
    assert plain["dob"].tolist() == ["2010-04-03", "2010-12-31"]
    # The mapping knows better for this column: month-first (31/12 is then unreadable).
    ordered = standardise(
        frame, "children", date_columns=DateColumns(orders={"date_of_birth": "mdy"})
    ).frame
    assert ordered["dob"].tolist()[0] == "2010-03-04"
    # An office that assigns 31 December: a default, read as the year.
    custom = standardise(frame, "children", default_days=((31, 12),)).frame
    assert custom["birth_default"].tolist() == [False, True]
    with pytest.raises(Exception, match="calendar of date_of_birth"):
        DateColumns(calendars={"date_of_birth": "julian"})


def test_an_ambiguous_date_covers_both_readings() -> None:
    # No day above 12 in the column: 04/03/2010 may be 4 March or 3 April; kept as both.
    frame = _children([{"date_of_birth": "04/03/2010"}, {"date_of_birth": "05/06/2011"}])
    first, last = frame.loc[0, ["birth_first", "birth_last"]]
    assert (_day(first), _day(last)) == ("2010-03-04", "2010-04-03")
    # A column that tells the order has no ambiguity left.
    told = _children([{"date_of_birth": "04/03/2010"}, {"date_of_birth": "23/06/2011"}])
    assert _day(told.loc[0, "birth_first"]) == _day(told.loc[0, "birth_last"]) == "2010-03-04"
    # And the other reading meets a request that gave the month only.
    assert _levels(
        frame.iloc[[0]].reset_index(drop=True), _requests([{"date_of_birth": "04/2010"}])
    ) == ["same year"]
