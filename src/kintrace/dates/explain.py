"""What a date-of-birth comparison rested on, in words a caseworker can check.

The candidates' ``reasons`` quote it: "age 13 (estimated) in 2023 vs born 2010: consistent",
"born 2010-03-04 vs born 2010-04-03: day and month swapped". Reviewers see the records anyway;
this says which of their fields the evidence came from (a date, a default date read as its
year, or an age at a reference date).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.dates.intervals import BirthBasis

__all__ = ["describe_births", "explain_date_levels"]

_COLUMNS = (
    "birth_basis",
    "dob_year",
    "dob_month",
    "dob_day",
    "birth_default",
    "age_value",
    "age_year",
    "age_estimated",
)


def describe_births(frame: pd.DataFrame, rows: npt.NDArray[np.int64]) -> list[str]:
    """How each record's birth is known: "born 2010-03-04", "born 2010 (a default date: the
    year only)", "age 13 (estimated) in 2023"; "" when it is not known or the frame lacks the
    birth columns.

    Written once per distinct way of knowing it (dates and ages repeat a great deal across
    the candidates of a run), then spread to the rows.
    """
    if any(c not in frame.columns for c in _COLUMNS):
        return [""] * len(rows)
    fields = frame.iloc[rows][list(_COLUMNS)].reset_index(drop=True)
    codes = fields.groupby(list(_COLUMNS), dropna=False, sort=False).ngroup().to_numpy()
    firsts = np.unique(codes, return_index=True)[1]
    texts = np.array(
        [_describe(*row) for row in fields.iloc[firsts].itertuples(index=False)], dtype=object
    )
    out: list[str] = texts[codes].tolist()
    return out


def _describe(
    basis: int,
    y: int,
    m: int,
    d: int,
    default: bool,
    age: float,
    age_year: float,
    estimated: bool,
) -> str:
    # The Gregorian fields say what is known (a month of another calendar is a year here).
    if basis >= BirthBasis.YEAR and d > 0:
        return f"born {y:04d}-{m:02d}-{d:02d}"
    if basis >= BirthBasis.YEAR and m > 0:
        return f"born {y:04d}-{m:02d}"
    if basis >= BirthBasis.YEAR:
        return f"born {y:04d}" + (" (a default date: the year only)" if default else "")
    if basis == BirthBasis.AGE:
        when = "" if np.isnan(age_year) else f" in {int(age_year)}"
        return f"age {age:g}{' (estimated)' if estimated else ''}{when}"
    return ""


def explain_date_levels(
    labels: list[str],
    children: pd.DataFrame,
    requests: pd.DataFrame,
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
) -> list[str]:
    """Each pair's date level label with the evidence on both sides: "born 2010 vs age 11 in
    2021: consistent" (the label alone where either side is unknown)."""
    child = describe_births(children, left)
    sought = describe_births(requests, right)
    return [
        f"{c} vs {s}: {label}" if c and s else label
        for label, c, s in zip(labels, child, sought, strict=True)
    ]
