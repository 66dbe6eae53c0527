"""The birth-year estimate: from the date of birth, else from an age at a reference date."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kintrace.standardise import standardise


def _request(**fields: str | None) -> pd.DataFrame:
    row = {"request_id": "R1", "sought_id": "S1", "given_name": "Amina", **fields}
    return pd.DataFrame([row], dtype=object)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date_of_birth": "14/03/2011"}, 2011.0),
        # An age of 9 when separated in 2020: born 2010 or 2011.
        ({"age_at_separation": "9", "separation_date": "05/06/2020"}, 2010.5),
        # No separation date: the date the request was lodged stands in for it.
        ({"age_at_separation": "9", "request_date": "01/02/2021"}, 2011.5),
        # Both dates: the separation date is the one the age was given at.
        (
            {"age_at_separation": "9", "separation_date": "2020", "request_date": "2023"},
            2010.5,
        ),
        # The date of birth wins over any age.
        ({"date_of_birth": "2012", "age_at_separation": "3", "request_date": "2020"}, 2012.0),
        ({"age_at_separation": "9"}, math.nan),
        ({"request_date": "2021"}, math.nan),
    ],
)
def test_request_birth_year(fields: dict[str, str], expected: float) -> None:
    year = standardise(_request(**fields), "requests").frame.loc[0, "birth_year"]
    if math.isnan(expected):
        assert math.isnan(year)
    else:
        assert year == expected


def test_child_birth_year_from_age_at_registration() -> None:
    frame = pd.DataFrame(
        [{"child_id": "C1", "given_name": "Amina", "age": "13", "registration_date": "2023"}],
        dtype=object,
    )
    assert standardise(frame, "children").frame.loc[0, "birth_year"] == 2009.5


def test_unparseable_request_date_is_counted_not_fatal() -> None:
    table = standardise(_request(age_at_separation="9", request_date="soon"), "requests")
    assert math.isnan(table.frame.loc[0, "birth_year"])
    assert any(count.column == "request_date" for count in table.unparseable)
