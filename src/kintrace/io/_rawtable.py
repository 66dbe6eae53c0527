"""The raw table every reader returns, and the one place that turns cells and headers into text.

All readers (CSV, Excel, Parquet, Primero) end in :func:`build_raw_table`, so the rules are
the same whatever the format: every value is ``str`` or ``None``, values are stripped, empty
and whitespace-only cells are ``None``, headers are cleaned, and each row keeps the number a
spreadsheet shows for it (header = 1, first data row = 2).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["RawTable", "build_raw_table", "cell_to_text", "clean_headers", "column_letter"]

# Characters that str.strip() keeps but that must not survive in a header: the byte-order
# mark Excel writes at the start of UTF-8 CSV files, and zero-width spaces pasted from the web.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_SPACES = re.compile(r"\s+")
# Integral floats up to this magnitude print as integers ("12.0" -> "12"); beyond it a float
# no longer holds every integer exactly, so printing it as an integer would invent digits.
_MAX_EXACT_FLOAT_INT = 2.0**53


@dataclass(frozen=True, eq=False)
class RawTable:
    """A table as read from a file, before column mapping.

    Attributes
    ----------
    path:
        The file it was read from.
    sheet:
        The worksheet the rows come from (Excel), else ``None``.
    frame:
        Every column as text: object dtype holding ``str`` or ``None``.
    source_rows:
        int64 array, the spreadsheet row number of each frame row (header = 1, first data
        row = 2), so messages can point at the row a person sees when opening the file.
    notes:
        Things the reader noticed that a person should know (renamed headers, skipped
        sheets); the loader adds them to the validation report as warnings. Never values.
    """

    path: Path
    sheet: str | None
    frame: pd.DataFrame
    source_rows: np.ndarray
    notes: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The column headers, in file order."""
        return tuple(str(c) for c in self.frame.columns)

    def __len__(self) -> int:
        return len(self.frame)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA).

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _clean_text(value: str) -> str | None:
    text = value.strip().strip(_INVISIBLE).strip()
    return text or None


def cell_to_text(value: object) -> str | None:
    """Turn one cell value of any reader into text, or ``None`` when it is empty.

    Dates become ISO ``YYYY-MM-DD`` (a time part only when it is not midnight), integral
    floats lose their ``.0`` so ids and ages read as written, and strings are stripped.

    Examples
    --------
    >>> cell_to_text(12.0), cell_to_text(dt.datetime(2015, 3, 1)), cell_to_text("  ")
    ('12', '2015-03-01', None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return _datetime_to_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Decimal):
        return _decimal_to_text(value)
    if isinstance(value, numbers.Real):
        return _float_to_text(float(value))
    if isinstance(value, bytes):
        return _clean_text(value.decode("utf-8", errors="replace"))
    if isinstance(value, list | tuple | np.ndarray):
        parts = [t for t in (cell_to_text(v) for v in value) if t is not None]
        return "; ".join(parts) or None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return _clean_text(str(value))


def _datetime_to_text(value: dt.datetime) -> str:
    # Excel stores dates as fractions of a day; sub-millisecond noise must not add a time.
    if value.hour == 0 and value.minute == 0 and value.second == 0 and value.microsecond < 1000:
        return value.date().isoformat()
    return value.replace(tzinfo=None).isoformat(timespec="seconds")


def _float_to_text(value: float) -> str | None:
    if math.isnan(value) or math.isinf(value):
        return None
    if value.is_integer() and abs(value) < _MAX_EXACT_FLOAT_INT:
        return str(int(value))
    return repr(value)


def _decimal_to_text(value: Decimal) -> str | None:
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def clean_headers(cells: Sequence[object]) -> tuple[list[str], list[str]]:
    """Clean a header row: strip whitespace and BOMs, name empty headers, rename repeats.

    Empty headers become ``unnamed_<letter>`` (the column letter a spreadsheet shows);
    a header seen before gets ``.1``, ``.2`` appended, like pandas does.

    Returns
    -------
    headers, notes
        The cleaned headers, and notes for the report. Notes name columns by letter and
        never repeat a header's text: a file without a header row has data in row 1.
    """
    headers: list[str] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    first_letter: dict[str, str] = {}
    for index, cell in enumerate(cells):
        text = cell_to_text(cell)
        if text is not None:
            text = _SPACES.sub(" ", text)
        name = text if text is not None else f"unnamed_{column_letter(index)}"
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            renamed = f"{name}.{seen[key]}"
            notes.append(
                f"column {column_letter(index)} repeats the header of column "
                f"{first_letter[key]}; it is read as the header with '.{seen[key]}' appended"
            )
            name = renamed
        else:
            seen[key] = 0
            first_letter[key] = column_letter(index)
        headers.append(name)
    return headers, notes


def build_raw_table(
    path: Path,
    sheet: str | None,
    header_cells: Sequence[object],
    records: Iterable[tuple[int, Sequence[str | None]]],
    notes: Iterable[str] = (),
) -> RawTable:
    """Assemble a :class:`RawTable` from a header row and numbered, already-textual rows.

    Rows shorter than the header are padded with ``None``; cells beyond the header become
    ``unnamed_<letter>`` columns when any of them holds a value. Rows with no value at all
    are dropped (their numbers are simply absent from ``source_rows``), and so are unnamed
    columns with no value, which spreadsheets leave behind after formatting.
    """
    rows: list[list[str | None]] = []
    numbers_: list[int] = []
    width = len(header_cells)
    for number, values in records:
        if all(v is None for v in values):
            continue
        row = list(values)
        width = max(width, len(row))
        rows.append(row)
        numbers_.append(number)
    padded_header = list(header_cells) + [None] * (width - len(header_cells))
    headers, header_notes = clean_headers(padded_header)
    for row in rows:
        if len(row) < width:
            row.extend([None] * (width - len(row)))
    frame = pd.DataFrame(rows, columns=pd.Index(headers, dtype=object), dtype=object)
    if len(rows) == 0:
        frame = pd.DataFrame({h: pd.Series([], dtype=object) for h in headers})
    headerless = [h for i, h in enumerate(headers) if cell_to_text(padded_header[i]) is None]
    blank = [h for h in headerless if frame[h].isna().all()]
    frame = frame.drop(columns=blank)
    extra_notes = [
        f"column {h.removeprefix('unnamed_')} has values but no header; it is read as '{h}'"
        for h in headerless
        if h not in blank
    ]
    return RawTable(
        path=path,
        sheet=sheet,
        frame=frame.reset_index(drop=True),
        source_rows=np.asarray(numbers_, dtype=np.int64),
        notes=(*notes, *header_notes, *extra_notes),
    )
