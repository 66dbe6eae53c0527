"""Applying a mapping: resolve canonical fields against a file's columns, then build them."""

from __future__ import annotations

from collections.abc import Mapping as AbcMapping
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kintrace.io._mapping_types import TableMapping, check_canonical, fold
from kintrace.io._rawtable import RawTable
from kintrace.schema import FieldKind, RecordKind, RecordSchema

__all__ = ["SOURCE_ROW", "ResolvedField", "apply_mapping", "make_sought_ids", "resolve_columns"]

# The column apply_mapping adds: the spreadsheet row of each record, for every later message.
SOURCE_ROW = "_source_row"


@dataclass(frozen=True)
class ResolvedField:
    """Where one canonical field comes from in a given file.

    Attributes
    ----------
    name:
        The canonical name.
    sources:
        The file's columns that feed it (empty when the field is absent).
    missing:
        Export columns the mapping names for it that the file does not have.
    mapped:
        True when the mapping names this field; False when picked up by its canonical name.
    """

    name: str
    sources: tuple[str, ...]
    missing: tuple[str, ...]
    mapped: bool


def _finder(columns: Sequence[str]) -> dict[str, str | None]:
    """Folded name -> column; ``None`` marks a folded name two columns share."""
    folded: dict[str, str | None] = {}
    for column in columns:
        key = fold(column)
        folded[key] = None if key in folded else column
    return folded


def _find(name: str, columns: Sequence[str], folded: AbcMapping[str, str | None]) -> str | None:
    if name in columns:
        return name
    return folded.get(fold(name))


def resolve_columns(
    columns: Sequence[str], table_mapping: TableMapping, schema: RecordSchema
) -> tuple[ResolvedField, ...]:
    """Resolve every canonical field of ``schema`` against a file's ``columns``.

    Mapped fields take their mapped export columns; unmapped fields take a column that
    already carries their canonical name, unless the mapping uses that column elsewhere.
    """
    check_canonical(table_mapping, schema)
    columns = list(columns)
    folded = _finder(columns)
    claimed = {fold(src) for _, sources in table_mapping.columns for src in sources}
    resolved: list[ResolvedField] = []
    for name in schema.names:
        sources = table_mapping.sources(name)
        if sources is None:
            found = _find(name, columns, folded)
            usable = found is not None and fold(found) not in claimed
            resolved.append(ResolvedField(name, (found,) if usable and found else (), (), False))
            continue
        hits = [(src, _find(src, columns, folded)) for src in sources]
        resolved.append(
            ResolvedField(
                name,
                tuple(col for _, col in hits if col is not None),
                tuple(src for src, col in hits if col is None),
                True,
            )
        )
    return tuple(resolved)


def _combine(frame: pd.DataFrame, sources: tuple[str, ...], separator: str) -> list[str | None]:
    if len(sources) == 1:
        return list(frame[sources[0]])
    parts = zip(*(frame[s].tolist() for s in sources), strict=True)
    return [separator.join(p for p in row if p is not None) or None for row in parts]


def make_sought_ids(request_ids: Sequence[str | None]) -> list[str | None]:
    """``<request_id>#<k>``, ``k`` the 1-based position of the row within its request.

    Examples
    --------
    >>> make_sought_ids(["T1", "T2", "T1", None])
    ['T1#1', 'T2#1', 'T1#2', None]
    """
    seen: dict[str, int] = {}
    out: list[str | None] = []
    for request_id in request_ids:
        if request_id is None:
            out.append(None)
            continue
        seen[request_id] = seen.get(request_id, 0) + 1
        out.append(f"{request_id}#{seen[request_id]}")
    return out


def apply_mapping(
    raw: RawTable, table_mapping: TableMapping | None, schema: RecordSchema
) -> pd.DataFrame:
    """Rename and join a raw table's columns into the canonical columns of ``schema``.

    Parameters
    ----------
    raw:
        The table as read.
    table_mapping:
        The mapping for this kind; ``None`` for the identity mapping.
    schema:
        :data:`kintrace.schema.CHILDREN` or :data:`kintrace.schema.REQUESTS`.

    Returns
    -------
    pandas.DataFrame
        The canonical columns present (schema order, text or ``None``) and ``_source_row``
        (int64). Columns the mapping names but the file lacks are left out; the validation
        step reports them. For requests without ``sought_id`` one is made from
        ``request_id`` (see :func:`make_sought_ids`).
    """
    resolved = resolve_columns(raw.columns, table_mapping or TableMapping(), schema)
    data: dict[str, list[str | None]] = {}
    for item in resolved:
        if item.sources:
            kind = schema.field(item.name).kind
            separator = "; " if kind is FieldKind.NAME_LIST else " "
            data[item.name] = _combine(raw.frame, item.sources, separator)
    if schema.kind is RecordKind.REQUESTS and "sought_id" not in data and "request_id" in data:
        data["sought_id"] = make_sought_ids(data["request_id"])
    ordered = [name for name in schema.names if name in data]
    frame = pd.DataFrame(
        {name: pd.Series(data[name], dtype=object) for name in ordered},
        index=pd.RangeIndex(len(raw.frame)),
    )
    frame[SOURCE_ROW] = np.asarray(raw.source_rows, dtype=np.int64)
    return frame
