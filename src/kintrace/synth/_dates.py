"""Dates as day numbers (days since 1970-01-01) and the formats the registries write."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "DAYS_PER_YEAR",
    "age_years",
    "day",
    "format_dmy",
    "format_iso",
    "format_year",
]

IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]

DAYS_PER_YEAR = 365.2425


def day(iso: str) -> int:
    """Day number of an ISO date string."""
    return int(np.datetime64(iso, "D").astype(np.int64))


def _ymd(days: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    d = days.astype("datetime64[D]")
    years = d.astype("datetime64[Y]")
    months = d.astype("datetime64[M]")
    y = years.astype(np.int64) + 1970
    m = months.astype(np.int64) % 12 + 1
    dd = (d - months).astype(np.int64) + 1
    return y, m, dd


def age_years(born: IntArray, at: IntArray) -> IntArray:
    """Whole years between ``born`` and ``at`` (the age on that day)."""
    by, bm, bd = _ymd(born)
    ay, am, ad = _ymd(at)
    before_birthday = (am < bm) | ((am == bm) & (ad < bd))
    return np.asarray(ay - by - before_birthday.astype(np.int64), dtype=np.int64)


def format_iso(days: IntArray) -> list[str]:
    """``YYYY-MM-DD`` strings."""
    return [str(s) for s in np.datetime_as_string(days.astype("datetime64[D]"), unit="D")]


def format_dmy(days: IntArray) -> list[str]:
    """``dd/mm/yyyy`` strings."""
    return [f"{s[8:10]}/{s[5:7]}/{s[0:4]}" for s in format_iso(days)]


def format_year(days: IntArray) -> list[str]:
    """``YYYY`` strings."""
    return [s[0:4] for s in format_iso(days)]
