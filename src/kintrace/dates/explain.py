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
    """How each record's birth is known: "born 2010-03-04", "born 2010 (1 January, a
    default)", "age 13 (estimated) in 2023"; "" when it is not known or the frame lacks the
    birth columns."""
    if any(c not in frame.columns for c in _COLUMNS):
        return [""] * len(rows)
    basis = frame["birth_basis"].to_numpy()[rows]
    year = frame["dob_year"].to_numpy()[rows]
    month = frame["dob_month"].to_numpy()[rows]
    day = frame["dob_day"].to_numpy()[rows]
    default = frame["birth_default"].to_numpy(dtype=bool)[rows]
    age = frame["age_value"].to_numpy(dtype=float)[rows]
    age_year = frame["age_year"].to_numpy(dtype=float)[rows]
    estimated = frame["age_estimated"].to_numpy(dtype=bool)[rows]
    out: list[str] = []
    for b, y, m, d, dflt, a, ay, est in zip(
        basis, year, month, day, default, age, age_year, estimated, strict=True
    ):
        # The Gregorian fields say what is known (a month of another calendar is a year here).
        if b >= BirthBasis.YEAR and d > 0:
            out.append(f"born {y:04d}-{m:02d}-{d:02d}")
        elif b >= BirthBasis.YEAR and m > 0:
            out.append(f"born {y:04d}-{m:02d}")
        elif b >= BirthBasis.YEAR:
            out.append(f"born {y:04d}" + (" (a default date: the year only)" if dflt else ""))
        elif b == BirthBasis.AGE:
            when = "" if np.isnan(ay) else f" in {int(ay)}"
            out.append(f"age {a:g}{' (estimated)' if est else ''}{when}")
        else:
            out.append("")
    return out


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
