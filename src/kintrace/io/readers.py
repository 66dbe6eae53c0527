"""Read a registry export of any supported format into a :class:`RawTable` of text.

============================  ==========================================================
suffix                        reader
============================  ==========================================================
``.csv`` ``.tsv`` ``.txt``    delimited text; encoding from the BOM or ``encoding=``,
                              delimiter sniffed (``,`` ``;`` tab ``|``) or ``delimiter=``
``.xlsx`` ``.xlsm``           one sheet (``sheet=``, default the first) via openpyxl
``.parquet`` ``.pq``          pyarrow
============================  ==========================================================

Every value comes back as text (``str``) or ``None``, so ids such as ``007`` keep their
zeros and nothing is parsed before the standardise step. Options that do not apply to a
format (``sheet`` for CSV, ``encoding`` for Excel) are ignored, so one mapping file can serve
the CSV and the Excel export of the same registry.
"""

from __future__ import annotations

from pathlib import Path

from kintrace.errors import ReadError
from kintrace.io._csv import read_delimited
from kintrace.io._excel import read_excel
from kintrace.io._parquet import read_parquet
from kintrace.io._rawtable import RawTable

__all__ = ["SUPPORTED_SUFFIXES", "RawTable", "file_format", "read_table"]

_FORMATS: dict[str, str] = {
    ".csv": "delimited",
    ".tsv": "delimited",
    ".txt": "delimited",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".parquet": "parquet",
    ".pq": "parquet",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)

_UNSUPPORTED_FIXES: dict[str, str] = {
    ".xls": "old Excel 97-2003 workbooks are not supported: save it as .xlsx",
    ".xlsb": "binary Excel workbooks are not supported: save it as .xlsx",
    ".ods": "OpenDocument spreadsheets are not supported: save it as .xlsx or CSV",
    ".json": "JSON exports are not supported: export the registry as CSV or .xlsx",
}


def file_format(path: Path) -> str:
    """``"delimited"``, ``"excel"`` or ``"parquet"`` for a path, from its suffix.

    Raises
    ------
    ReadError
        For any other suffix, with the supported ones and a fix.
    """
    suffix = path.suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    fix = _UNSUPPORTED_FIXES.get(
        suffix, "rename it or export the registry in one of the supported formats"
    )
    shown = f"'{path.suffix}'" if path.suffix else "no suffix"
    raise ReadError(
        f"unsupported file type ({shown}); {fix}. Supported: {', '.join(SUPPORTED_SUFFIXES)}.",
        path=path,
    )


def check_readable(path: Path) -> None:
    """Raise :class:`ReadError` unless ``path`` is an existing regular file."""
    if path.is_dir():
        raise ReadError("is a directory, not a file: give the path of the export file.", path=path)
    if not path.exists():
        where = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
        raise ReadError(f"no such file. Check the path and name (looked in '{where}').", path=path)
    if not path.is_file():
        raise ReadError("is not a regular file.", path=path)


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> RawTable:
    """Read a table file into a :class:`RawTable` with every value as text.

    Parameters
    ----------
    path:
        A ``.csv``/``.tsv``/``.txt``, ``.xlsx``/``.xlsm`` or ``.parquet``/``.pq`` file.
    encoding:
        Text files only: the encoding when the file has no byte-order mark, e.g.
        ``"cp1256"`` (Arabic Windows) or ``"cp1251"`` (Cyrillic Windows). Default: UTF-8
        (with or without BOM) and UTF-16 with BOM are recognised.
    delimiter:
        Text files only: ``","``, ``";"``, ``"\\t"`` (or ``"tab"``), ``"|"``; default sniffed.
    sheet:
        Excel only: the sheet name; default the first sheet.

    Returns
    -------
    RawTable
        The frame (text or ``None``), the spreadsheet row number of each row, and notes.

    Raises
    ------
    ReadError
        The file is missing, a directory, of an unsupported type, damaged, or not decodable.
    ConfigError
        ``encoding`` or ``delimiter`` is not valid.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "children.csv"
    >>> _ = p.write_text("child_id;given_name\\n007;Asha\\n", encoding="utf-8")
    >>> t = read_table(p)
    >>> t.frame["child_id"].tolist(), t.source_rows.tolist()
    (['007'], [2])
    """
    path = Path(path)
    if path.is_dir():
        check_readable(path)
    kind = file_format(path)
    check_readable(path)
    if kind == "excel":
        return read_excel(path, sheet=sheet)
    if kind == "parquet":
        return read_parquet(path)
    return read_delimited(path, encoding=encoding, delimiter=delimiter)
