"""Column mappings: which column of an export feeds which canonical field of :mod:`kintrace.schema`.

A mapping is a small TOML file with one section per record kind. Every key is optional;
a kind without a section is read as it is (columns already named canonically are used)::

    # kintrace column mapping
    [children]
    format = "table"            # "table" (default) or "primero" (a Primero/CPIMS+ export)
    sheet = "cases"             # optional: the sheet of an .xlsx workbook (default: the first)
    encoding = "utf-8"          # optional: text files without a byte-order mark (cp1256, ...)
    delimiter = ","             # optional: text files ("," ";" "tab" "|"; default: sniffed)

    [children.columns]          # canonical name = column name in the export
    child_id = "case_no"
    given_name = "first"
    # several export columns feed one field, joined with a space ("; " for list fields
    # such as other_names and sibling_names):
    full_name = ["first", "father", "grandfather"]

    [requests]
    [requests.columns]
    request_id = "tr_id"
    requester_name = "inquirer"

Rules:

* Keys on the left are canonical names (``kintrace.schema.CHILDREN.names`` and
  ``REQUESTS.names``); unknown keys anywhere are refused with the nearest valid key.
* Export column names match exactly, else ignoring case and repeated spaces.
* Columns of the export that already carry a canonical name are used as they are, unless the
  mapping maps that canonical field or names that column as a source for another field.
* For tracing requests without a mapped ``sought_id``, one is made as ``<request_id>#<k>``,
  ``k`` counting the rows of the same request in file order from 1.
* A name without a suffix loads a mapping shipped with kintrace: see
  :func:`list_shipped_mappings` (``"primero"``).
"""

from __future__ import annotations

from kintrace.io._columns import (
    SOURCE_ROW,
    ResolvedField,
    apply_mapping,
    make_sought_ids,
    resolve_columns,
)
from kintrace.io._mapping_toml import list_shipped_mappings, load_mapping, parse_mapping
from kintrace.io._mapping_types import FORMATS, Mapping, TableMapping, check_canonical, fold

__all__ = [
    "FORMATS",
    "SOURCE_ROW",
    "Mapping",
    "ResolvedField",
    "TableMapping",
    "apply_mapping",
    "check_canonical",
    "fold",
    "list_shipped_mappings",
    "load_mapping",
    "make_sought_ids",
    "parse_mapping",
    "resolve_columns",
]
