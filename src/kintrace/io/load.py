"""Load one registry: read it, map its columns, validate it, in one call."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from kintrace.errors import ValidationError
from kintrace.io.mapping import (
    SOURCE_ROW,
    TableMapping,
    apply_mapping,
    check_canonical,
    resolve_columns,
)
from kintrace.io.primero import DERIVED_COLUMNS, read_primero
from kintrace.io.readers import RawTable, file_format, read_table
from kintrace.io.validation import (
    ValidationReport,
    check_empty,
    check_ids,
    check_mapped_columns,
    check_required_columns,
)
from kintrace.schema import RecordKind, schema_for

__all__ = ["LoadedTable", "load_registry"]

_PRIMERO_FLAT_LOSS = {
    RecordKind.CHILDREN: (
        "Primero's CSV export has the top-level fields only: the Family Details sub-form "
        "(mother, father, siblings) is not in it, so those fields are left empty. Export "
        "the cases as XLSX to use them."
    ),
    RecordKind.REQUESTS: (
        "Primero's CSV export has the top-level fields only: the sought children (the "
        "Tracing Request sub-form) are not in it. Export the tracing requests as XLSX."
    ),
}


@dataclass(frozen=True, eq=False)
class LoadedTable:
    """A registry read, mapped to canonical columns and validated.

    Attributes
    ----------
    path:
        The file read.
    kind:
        Children or requests.
    frame:
        The canonical columns present (text or ``None``) and ``_source_row``.
    report:
        The warnings found so far; the standardise step adds its own.
    mapped_columns:
        The canonical fields present in ``frame``, in schema order.
    sheet:
        The sheet the row numbers refer to (Excel), else ``None``.
    """

    path: Path
    kind: RecordKind
    frame: pd.DataFrame
    report: ValidationReport
    mapped_columns: tuple[str, ...]
    sheet: str | None = None


def _without_derived(table_mapping: TableMapping, kind: RecordKind) -> TableMapping:
    derived = set(DERIVED_COLUMNS[kind])
    columns = tuple(
        (name, kept)
        for name, sources in table_mapping.columns
        if (kept := tuple(s for s in sources if s not in derived))
    )
    return replace(table_mapping, columns=columns)


def _read(
    path: Path,
    kind: RecordKind,
    table_mapping: TableMapping,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
) -> tuple[RawTable, TableMapping, list[str]]:
    if table_mapping.format == "primero":
        if path.suffix and file_format(path) == "excel":
            # A Primero workbook is read sheet by sheet, so ``sheet`` does not apply.
            return read_primero(path, kind), table_mapping, []
        raw = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
        return raw, _without_derived(table_mapping, kind), [_PRIMERO_FLAT_LOSS[kind]]
    return read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet), table_mapping, []


def load_registry(
    path: str | Path,
    kind: RecordKind | str,
    mapping: TableMapping | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> LoadedTable:
    """Read a registry export, map it to canonical columns and validate it.

    Parameters
    ----------
    path:
        The export (CSV/TSV/TXT, XLSX/XLSM, Parquet; Primero XLSX with a ``primero`` mapping).
    kind:
        ``"children"`` or ``"requests"``.
    mapping:
        The mapping of this kind (``Mapping.for_kind(kind)``); ``None`` uses the columns
        that already carry canonical names.
    encoding, delimiter, sheet:
        Override the mapping's reader options (see :func:`kintrace.io.read_table`). A
        Primero workbook is read sheet by sheet, so ``sheet`` does not apply to it.

    Returns
    -------
    LoadedTable
        The canonical frame, with the warnings found.

    Raises
    ------
    ValidationError
        The file is empty, lacks required columns, or has empty or repeated ids; its
        ``report`` lists every problem found, not only the first.
    ReadError
        The file cannot be read at all.
    ConfigError
        The mapping names a column that is not canonical, or an option is invalid.
    """
    path = Path(path)
    kind = RecordKind(kind)
    schema = schema_for(kind)
    table_mapping = mapping or TableMapping()
    check_canonical(table_mapping, schema)
    raw, table_mapping, notes = _read(
        path,
        kind,
        table_mapping,
        encoding or table_mapping.encoding,
        delimiter or table_mapping.delimiter,
        sheet or table_mapping.sheet,
    )
    file = str(path)
    report = ValidationReport()
    for note in (*raw.notes, *notes):
        report.warning(file, note)
    if check_empty(report, file, raw.columns, len(raw)):
        raise ValidationError(report)
    resolved = resolve_columns(raw.columns, table_mapping, schema)
    check_required_columns(report, file, raw.columns, resolved, schema)
    check_mapped_columns(report, file, raw.columns, resolved, schema)
    if not report.ok:
        raise ValidationError(report)
    frame = apply_mapping(raw, table_mapping, schema)
    check_ids(report, file, frame, kind)
    if not report.ok:
        raise ValidationError(report)
    present = tuple(c for c in frame.columns if c != SOURCE_ROW)
    return LoadedTable(path, kind, frame, report, present, raw.sheet)
