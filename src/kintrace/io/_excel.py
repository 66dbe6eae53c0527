"""Excel workbooks (.xlsx, .xlsm) through openpyxl, read-only and with cached formula values."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kintrace.errors import ReadError
from kintrace.io._rawtable import RawTable, build_raw_table, cell_to_text

__all__ = ["SheetRows", "open_workbook", "read_excel", "read_sheet"]

_FIX = (
    "Open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV "
    "(UTF-8) and read that."
)

SheetRows = tuple[list[str | None], list[tuple[int, list[str | None]]]]


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """Open a workbook read-only; corrupt files raise :class:`ReadError` with a fix."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # openpyxl reports a damaged or foreign file with whatever the failing layer raises
    # (zipfile, XML parser, KeyError for a missing part), so every failure here is a read
    # failure of this file.
    except Exception as exc:
        raise ReadError(
            f"not a readable .xlsx workbook ({type(exc).__name__}). {_FIX}", path=path
        ) from None
    try:
        yield workbook
    finally:
        workbook.close()


def read_sheet(worksheet: Any, path: Path) -> SheetRows:
    """The header (first non-empty row) and numbered data rows of one sheet, as text."""
    header: list[str | None] | None = None
    rows: list[tuple[int, list[str | None]]] = []
    try:
        # min_row=1 makes openpyxl yield empty rows too, so enumerate gives row numbers.
        for number, cells in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            values = [cell_to_text(c) for c in cells]
            if header is None:
                if any(v is not None for v in values):
                    header = values
                continue
            rows.append((number, values))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            f"sheet '{worksheet.title}' is damaged and cannot be read ({type(exc).__name__}). "
            f"{_FIX}",
            path=path,
        ) from None
    return (header or [], rows)


def _choose_sheet(workbook: Any, sheet: str | None, path: Path) -> Any:
    names: list[str] = list(workbook.sheetnames)
    if not names:
        raise ReadError(f"the workbook has no sheets. {_FIX}", path=path)
    if sheet is None:
        return workbook[names[0]]
    if sheet in names:
        return workbook[sheet]
    by_fold = {n.casefold().strip(): n for n in names}
    if sheet.casefold().strip() in by_fold:
        return workbook[by_fold[sheet.casefold().strip()]]
    near = difflib.get_close_matches(sheet, names, n=1, cutoff=0.5)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    raise ReadError(
        f"no sheet named '{sheet}'.{hint} The workbook's sheets are: "
        + ", ".join(f"'{n}'" for n in names),
        path=path,
    )


def read_excel(path: Path, *, sheet: str | None) -> RawTable:
    """Read one sheet (by name; default the first) of an .xlsx/.xlsm workbook."""
    with open_workbook(path) as workbook:
        worksheet = _choose_sheet(workbook, sheet, path)
        header, rows = read_sheet(worksheet, path)
        title = str(worksheet.title)
    return build_raw_table(path, title, header, rows)
