"""Parquet files through pyarrow, every column cast to text the way the Excel reader does."""

from __future__ import annotations

from pathlib import Path

from kintrace.errors import ReadError
from kintrace.io._rawtable import RawTable, build_raw_table, cell_to_text

__all__ = ["read_parquet"]


def read_parquet(path: Path) -> RawTable:
    """Read a Parquet file; row numbers are those the table would have in a spreadsheet.

    Values go through the same conversion as spreadsheet cells (dates to ISO text, integral
    floats without ``.0``), so a registry saved as Parquet reads like its CSV export.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise ReadError(
            f"not a readable Parquet file ({type(exc).__name__}). Write it again with "
            "pandas/pyarrow, or export the registry as CSV (UTF-8) or .xlsx.",
            path=path,
        ) from None
    header = [str(name) for name in table.column_names]
    columns = [
        [cell_to_text(v) for v in table.column(i).to_pylist()] for i in range(table.num_columns)
    ]
    # Row 1 is the header a spreadsheet would show, so data rows start at 2.
    rows = ((index + 2, [column[index] for column in columns]) for index in range(table.num_rows))
    return build_raw_table(path, None, header, rows)
