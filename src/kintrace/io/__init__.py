"""The read step: read registry exports, map their columns, validate them.

* :func:`read_table` reads CSV/TSV/TXT, XLSX and Parquet into a :class:`RawTable` of text.
* :func:`read_primero` joins a Primero (CPIMS+) XLSX export's form and sub-form sheets.
* :func:`load_mapping` loads a TOML column mapping (or a shipped one, such as ``"primero"``);
  :func:`apply_mapping` turns a raw table into the canonical columns of :mod:`kintrace.schema`.
* :func:`load_registry` does all of it for one file and validates the result, raising
  :class:`kintrace.errors.ValidationError` with a :class:`ValidationReport` of every problem.
* :func:`write_results` writes a run's results whole, with no spreadsheet formulas in them.
"""

from __future__ import annotations

from kintrace.io.load import LoadedTable, load_registry
from kintrace.io.mapping import (
    SOURCE_ROW,
    Mapping,
    ResolvedField,
    TableMapping,
    apply_mapping,
    list_shipped_mappings,
    load_mapping,
    parse_mapping,
    resolve_columns,
)
from kintrace.io.primero import DERIVED_COLUMNS, read_primero
from kintrace.io.readers import SUPPORTED_SUFFIXES, RawTable, read_table
from kintrace.io.validation import Issue, ValidationReport
from kintrace.io.writers import OUTPUT_FILES, defuse_formulas, write_results

__all__ = [
    "DERIVED_COLUMNS",
    "OUTPUT_FILES",
    "SOURCE_ROW",
    "SUPPORTED_SUFFIXES",
    "Issue",
    "LoadedTable",
    "Mapping",
    "RawTable",
    "ResolvedField",
    "TableMapping",
    "ValidationReport",
    "apply_mapping",
    "defuse_formulas",
    "list_shipped_mappings",
    "load_mapping",
    "load_registry",
    "parse_mapping",
    "read_primero",
    "read_table",
    "resolve_columns",
    "write_results",
]
