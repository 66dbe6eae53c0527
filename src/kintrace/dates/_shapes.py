"""The written shapes of a date, and the raw numbers each shape gives.

This module only recognises shapes; it does not decide the day/month order, resolve two-digit
years or check calendars -- :mod:`kintrace.dates.parse` does, with the whole column in view.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.dates._months import MONTH_NUMBERS

__all__ = ["RawParts", "extract_parts"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# A time after the date (readers turn datetime cells into "2010-03-04 00:00:00").
_TIME = re.compile(
    r"(?<=\d)(?:t ?| +)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r" ?(?:[ap]\.?m\.?)? ?(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$"
)
# Words around an estimate: "ca. 2010", "~2010", "2010?" give the year.
_QUALIFIER = re.compile(
    r"^(?:~|ca\.?|c\.|circa|about|approx\.?|around|env\.?|environ|etwa|около|حوالي) ?|\s?\?$"
)
# Both removed in one pass over the column.
_NOISE = re.compile(f"{_TIME.pattern}|{_QUALIFIER.pattern}")

_NUMERIC = re.compile(
    r"^(?:"
    # Year first: 2010, 2010-03, 2010-03-04, 2010/3/4 (the same separator twice).
    r"(?P<iy>\d{4})(?:(?P<isep>[-/. ])(?P<im>\d{1,2})(?:(?P=isep)(?P<id>\d{1,2}))?)?"
    # Compact 20100304.
    r"|(?P<cy>(?:19|20)\d{2})(?P<cm>[01]\d)(?P<cd>[0-3]\d)"
    # Year last: 04/03/2010, 4.3.10 -- day and month in an order the column decides.
    r"|(?P<a>\d{1,2})(?P<sep>[-/. ])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    # Month and year: 03/2010.
    r"|(?P<mm>\d{1,2})[-/. ](?P<my>\d{4})"
    r")$"
)

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|re|eme|o|°)(?![^\W\d_])")
_PUNCTUATION = re.compile(r"[,./\-]")
# Words that sit between the parts: "4th of March", "4 de marzo de 2010", "4 марта 2010 г.",
# "2010 م" (the Gregorian era mark in Arabic).
_CONNECTORS = re.compile(r"(?<!\S)(?:de|del|of|the|le|am|den|der|г|года|р|року|م|ميلادي)(?!\S)")
_SPACES = re.compile(r"\s+")
# A month name of up to three words (كانون الثاني, Rabi al Awwal).
_WORD = r"[^\d ]+(?: [^\d ]+){0,2}"
_NAMED = re.compile(
    rf"^(?:(?P<d1>\d{{1,2}}) ?(?P<m1>{_WORD}) ?(?P<y1>\d{{4}}|\d{{2}})"
    rf"|(?P<m2>{_WORD}) ?(?P<d2>\d{{1,2}}) (?P<y2>\d{{4}})"
    rf"|(?P<m3>{_WORD}) ?(?P<y3>\d{{4}})"
    rf"|(?P<y4>\d{{4}}) ?(?P<m4>{_WORD}) ?(?P<d4>\d{{1,2}})"
    rf"|(?P<y5>\d{{4}}) ?(?P<m5>{_WORD}))$"
)
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class RawParts:
    """Numbers as written, one entry per distinct value; ``-1`` where a shape lacks a part.

    Attributes
    ----------
    matched:
        The value has a recognised shape.
    year, month, day:
        Parts whose role the shape fixes (ISO, month names, month/year).
    two_digit_year:
        ``year`` (or, for year-last values, ``last``) was written with two digits.
    first, second, last:
        The three numbers of a year-last numeric value (``04/03/10``), whose roles depend on
        the column's order; ``-1`` for every other shape.
    """

    matched: BoolArray
    year: IntArray
    month: IntArray
    day: IntArray
    two_digit_year: BoolArray
    first: IntArray
    second: IntArray
    last: IntArray


def _ints(column: pd.Series) -> IntArray:
    out = np.full(len(column), -1, dtype=np.int64)
    present = column.notna().to_numpy(dtype=bool)
    # Most groups are empty for most values; converting only the present ones saves the bulk.
    if present.any():
        numbers = pd.to_numeric(column[present], errors="coerce")
        out[present] = numbers.fillna(-1).to_numpy(dtype=np.int64)
    return out


def _pick(*columns: pd.Series) -> IntArray:
    """The first present number among alternative groups, row by row; -1 where none is."""
    out = _ints(columns[0])
    for column in columns[1:]:
        out = np.where(out >= 0, out, _ints(column))
    return out


def _two_digits(*columns: pd.Series) -> BoolArray:
    short = np.zeros(len(columns[0]), dtype=bool)
    for column in columns:
        short |= column.str.len().eq(2).to_numpy(dtype=bool, na_value=False)
    return short


def extract_parts(text: pd.Series, months: Mapping[str, int] | None = None) -> RawParts:
    """Recognise the shape of each (normalised) value and pull out its numbers.

    Parameters
    ----------
    text:
        Distinct values folded by :func:`kintrace.values.normalise_text`, RangeIndex.
    months:
        Month names and their numbers; the Gregorian months' names in every language listed
        in :mod:`kintrace.dates._months` by default.
    """
    text = text.str.replace(_NOISE, "", regex=True)
    numeric = text.str.extract(_NUMERIC)
    matched_numeric = numeric.notna().any(axis=1)

    named_rows = ~matched_numeric & text.str.contains(_HAS_LETTER, regex=True)
    words = text[named_rows].str.replace(_ORDINAL, "", regex=True)
    words = words.str.replace(_PUNCTUATION, " ", regex=True)
    words = words.str.replace(_CONNECTORS, " ", regex=True)
    words = words.str.replace(_SPACES, " ", regex=True).str.strip()
    named = words.str.extract(_NAMED).reindex(text.index)
    month_word = named["m1"]
    for i in range(2, 6):
        month_word = month_word.where(month_word.notna(), named[f"m{i}"])
    named_month = month_word.map(MONTH_NUMBERS if months is None else months)
    matched_named = named_month.notna().to_numpy(dtype=bool)
    matched = matched_numeric.to_numpy(dtype=bool) | matched_named

    named_years = [named[f"y{i}"] for i in range(1, 6)]
    year = np.where(
        matched_named,
        _pick(*named_years),
        _pick(numeric["iy"], numeric["cy"], numeric["my"]),
    )
    month = _pick(numeric["im"], numeric["cm"], numeric["mm"], named_month)
    day = _pick(numeric["id"], numeric["cd"], *(named[f"d{i}"] for i in (1, 2, 4)))
    return RawParts(
        matched=matched,
        year=year,
        month=month,
        day=np.where(matched, day, -1),
        two_digit_year=_two_digits(numeric["y"], *named_years) & matched,
        first=_ints(numeric["a"]),
        second=_ints(numeric["b"]),
        last=_ints(numeric["y"]),
    )
