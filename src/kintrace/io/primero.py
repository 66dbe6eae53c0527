"""Primero (CPIMS+) XLSX exports: one sheet per form and per sub-form, joined into one table.

How Primero writes an XLSX export (``app/models/exporters/excel_exporter.rb``): one sheet per
form, named after the form ("Basic Identity"); a sub-form gets its own sheet with one row per
entry ("Family Details-Family Details"); every sheet starts with an ``ID`` column holding the
record's short id, and the other columns are headed with the fields' display names in the
exporting user's language. Its CSV export has the top-level fields only, headed with field
names; that one is read as a plain table (:func:`kintrace.io.readers.read_table`).

This reader

* recognises each sheet's form from its headers (field names or English labels, see
  :mod:`kintrace.io._primero_forms`) and turns English labels into field names, so the
  shipped mapping ``primero.toml`` names fields only; an export made in another language
  has labels this reader does not know, and the mapping then reports missing columns;
* joins the top-level form sheets on ``ID`` into one row per record (the first non-empty
  value of a field wins, in sheet order, the main form's sheet first);
* for cases, turns the Family Details sub-form into three columns: the mother's name, the
  father's name and the siblings' names (``; `` separated), see :data:`DERIVED_COLUMNS`;
* for tracing requests, makes one row per sought child of the Tracing Request sub-form,
  with the inquirer's fields repeated, the child's separation details overriding the
  inquirer's where given, and the other children sought in the same request.

Row numbers are those of the main form's sheet (Basic Identity, Inquirer), so all the sought
children of one request share their request's row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kintrace.errors import ReadError
from kintrace.io._excel import open_workbook, read_sheet
from kintrace.io._primero_forms import PrimeroForm, forms_for
from kintrace.io._rawtable import RawTable, build_raw_table, clean_headers
from kintrace.io.mapping import fold
from kintrace.io.readers import check_readable, file_format
from kintrace.schema import RecordKind

__all__ = [
    "DERIVED_COLUMNS",
    "FATHER_COLUMN",
    "MOTHER_COLUMN",
    "OTHER_CHILDREN_COLUMN",
    "SIBLINGS_COLUMN",
    "read_primero",
]

MOTHER_COLUMN = "family_details_section.mother_name"
FATHER_COLUMN = "family_details_section.father_name"
SIBLINGS_COLUMN = "family_details_section.sibling_names"
OTHER_CHILDREN_COLUMN = "tracing_request_subform_section.other_children_sought"
# Columns this reader makes from sub-forms; a CSV export, which drops sub-forms, lacks them.
DERIVED_COLUMNS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.CHILDREN: (MOTHER_COLUMN, FATHER_COLUMN, SIBLINGS_COLUMN),
    RecordKind.REQUESTS: (OTHER_CHILDREN_COLUMN,),
}

# Primero v2 heads the record id column "ID"; v1 wrote "_id" and a "model_type" column.
_ID_HEADERS = frozenset({"id", "_id"})
_DROPPED_HEADERS = frozenset({"model_type"})
# Fallback join keys for hand-made workbooks without Primero's ID column.
_KEY_FIELDS = ("short_id", "case_id", "tracing_request_id")
# Family Details relation values (lookup-family-relationship ids and English labels).
_ROLES: dict[str, str] = {
    "mother": "mother",
    "father": "father",
    **{
        word: "sibling"
        for word in (
            "brother",
            "sister",
            "sibling",
            "half brother",
            "half sister",
            "step brother",
            "step sister",
            "stepbrother",
            "stepsister",
        )
    },
}
_SEPARATORS = re.compile(r"[\s_\-]+")
# Primero field names are lower-case snake case; anything else in a header is a label.
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class _Sheet:
    title: str
    form: PrimeroForm | None
    rows: list[tuple[int, str, dict[str, str | None]]]  # (row number, record id, values)

    @property
    def is_subform(self) -> bool:
        return self.form is not None and self.form.subform


@dataclass
class _Record:
    row: int
    sheet: str
    values: dict[str, str | None] = field(default_factory=dict)


def _recognise(headers: Sequence[str], forms: Sequence[PrimeroForm]) -> PrimeroForm | None:
    exact = set(headers)
    folded = {fold(h) for h in headers}
    best: PrimeroForm | None = None
    best_hits = 0
    for form in forms:  # the main form comes first, so it wins ties
        hits = len(form.anchor_fields & exact)
        hits += sum(fold(label) in folded for label in form.anchor_labels)
        if hits > best_hits:
            best, best_hits = form, hits
    return best


def _translate(
    headers: Sequence[str], form: PrimeroForm | None, forms: Sequence[PrimeroForm], title: str
) -> list[str]:
    """Headers as field names: exact field names kept, English labels translated.

    A top-level sheet may be Primero's "selected fields" sheet mixing top-level forms, so it
    translates with all of them (their labels do not clash). On a sheet of no known form,
    labels are prefixed with the sheet's title: "Name" on Incident Details is an abuser's
    name, and must never be taken for the child's.
    """
    if form is None:
        return [h if _FIELD_NAME.fullmatch(h) else f"{title}: {h}" for h in headers]
    tables = [form] if form.subform else [f for f in forms if not f.subform]
    names = {name for each in tables for name, _ in each.fields}
    labels: dict[str, str] = {}
    for each in tables:
        for name, label in each.fields:
            labels.setdefault(fold(label), name)
    return [h if h in names else labels.get(fold(h), h) for h in headers]


def _key_index(headers: Sequence[str]) -> int | None:
    if headers and fold(headers[0]) in _ID_HEADERS:
        return 0
    for name in _KEY_FIELDS:
        if name in headers:
            return headers.index(name)
    return None


def _prepare(
    title: str,
    header: Sequence[str | None],
    rows: Sequence[tuple[int, Sequence[str | None]]],
    forms: Sequence[PrimeroForm],
    notes: list[str],
) -> _Sheet | None:
    cleaned, _ = clean_headers(header)
    form = _recognise(cleaned, forms)
    headers = _translate(cleaned, form, forms, title)
    # Look for the key before the translation: it prefixes the ID header of unknown sheets.
    key = _key_index(cleaned)
    if key is None:
        key = _key_index(headers)
    if key is None:
        notes.append(f"sheet '{title}' has no record id column ('ID') and is not used")
        return None
    kept = [(i, h) for i, h in enumerate(headers) if i != key and fold(h) not in _DROPPED_HEADERS]
    out: list[tuple[int, str, dict[str, str | None]]] = []
    no_id = 0
    for number, values in rows:
        record_id = values[key] if key < len(values) else None
        if record_id is None:
            no_id += any(v is not None for v in values)
            continue
        cells: dict[str, str | None] = {}
        for i, h in kept:
            # A label and a field name may both translate to one field: keep a value.
            value = values[i] if i < len(values) else None
            if cells.get(h) is None:
                cells[h] = value
        out.append((number, record_id, cells))
    if no_id:
        notes.append(f"sheet '{title}': {_n(no_id, 'row')} without a record id, not used")
    return _Sheet(title, form, out)


def _merge_top(sheets: Sequence[_Sheet]) -> dict[str, _Record]:
    records: dict[str, _Record] = {}
    for sheet in sheets:
        for number, record_id, values in sheet.rows:
            record = records.get(record_id)
            if record is None:
                record = records[record_id] = _Record(number, sheet.title)
            for column, value in values.items():
                if record.values.get(column) is None:
                    record.values[column] = value
    return records


_Entries = dict[str, list[tuple[int, dict[str, str | None]]]]


def _group(sheets: Sequence[_Sheet]) -> _Entries:
    """Sub-form rows by record id, each with its row number in the sub-form's sheet."""
    groups: _Entries = {}
    for sheet in sheets:
        for number, record_id, values in sheet.rows:
            groups.setdefault(record_id, []).append((number, values))
    return groups


def _role(relation: str | None) -> str | None:
    if relation is None:
        return None
    return _ROLES.get(_SEPARATORS.sub(" ", relation).strip().casefold())


def _family(
    entries: Sequence[tuple[int, dict[str, str | None]]],
) -> tuple[dict[str, str | None], bool]:
    """Mother, father and siblings from Family Details rows; True if a parent repeats."""
    parents: dict[str, list[str]] = {"mother": [], "father": []}
    siblings: list[str] = []
    for _, entry in entries:
        name, role = entry.get("relation_name"), _role(entry.get("relation"))
        if name is None or role is None:
            continue
        if role == "sibling":
            if fold(name) not in {fold(s) for s in siblings}:
                siblings.append(name)
        else:
            parents[role].append(name)
    values = {
        MOTHER_COLUMN: parents["mother"][0] if parents["mother"] else None,
        FATHER_COLUMN: parents["father"][0] if parents["father"] else None,
        SIBLINGS_COLUMN: "; ".join(siblings) or None,
    }
    return values, len(parents["mother"]) > 1 or len(parents["father"]) > 1


def _cases(
    records: dict[str, _Record], family: _Entries, notes: list[str]
) -> list[tuple[int, dict[str, str | None]]]:
    repeated = 0
    for record_id, record in records.items():
        values, twice = _family(family.get(record_id, []))
        record.values.update(values)
        repeated += twice
    orphans = sum(len(v) for k, v in family.items() if k not in records)
    if repeated:
        notes.append(
            "Family Details lists more than one mother or father for "
            f"{_n(repeated, 'case')}; the first one listed is used"
        )
    if orphans:
        notes.append(f"{_n(orphans, 'Family Details row')} without a matching case, not used")
    return [(r.row, r.values) for r in records.values()]


def _expand(
    record_id: str, record: _Record | None, children: Sequence[tuple[int, dict[str, str | None]]]
) -> list[tuple[int, dict[str, str | None]]]:
    """One row per sought child: the request's fields, then the child's over them."""
    rows: list[tuple[int, dict[str, str | None]]] = []
    names = [child.get("name") for _, child in children]
    for index, (number, child) in enumerate(children):
        values: dict[str, str | None] = dict(record.values) if record else {"short_id": record_id}
        # The sub-form's separation details are "if different from Inquirer form".
        for column, value in child.items():
            if value is not None or column not in values:
                values[column] = value
        others = [n for j, n in enumerate(names) if j != index and n is not None]
        values[OTHER_CHILDREN_COLUMN] = "; ".join(others) or None
        rows.append((record.row if record else number, values))
    return rows


def _requests(
    records: dict[str, _Record], sought: _Entries, notes: list[str]
) -> list[tuple[int, dict[str, str | None]]]:
    rows: list[tuple[int, dict[str, str | None]]] = []
    childless = 0
    for record_id, record in records.items():
        children = sought.get(record_id, [])
        if children:
            rows.extend(_expand(record_id, record, children))
        else:
            childless += 1
            rows.append((record.row, {**record.values, OTHER_CHILDREN_COLUMN: None}))
    # Sought children whose request is on no top-level sheet are kept, numbered by their
    # sub-form row: dropping them would lose a child someone is looking for.
    orphans = 0
    for record_id, children in sought.items():
        if record_id not in records:
            orphans += len(children)
            rows.extend(_expand(record_id, None, children))
    if childless:
        notes.append(
            f"{_n(childless, 'tracing request')} without a sought child in the Tracing "
            "Request sub-form, each kept as one row with empty child fields"
        )
    if orphans:
        notes.append(
            f"{_n(orphans, 'Tracing Request sub-form row')} without an inquirer record, kept; "
            "their row numbers are those of the sub-form's sheet"
        )
    return rows


def read_primero(path: str | Path, kind: RecordKind | str) -> RawTable:
    """Read a Primero XLSX export of cases or tracing requests into one table.

    Parameters
    ----------
    path:
        An ``.xlsx``/``.xlsm`` workbook exported by Primero (all forms, or selected forms).
    kind:
        ``"children"`` for cases, ``"requests"`` for tracing requests.

    Returns
    -------
    RawTable
        Columns are Primero field names (English labels translated) plus
        :data:`DERIVED_COLUMNS`; one row per case, or one per sought child. ``short_id``
        is filled from the ``ID`` column where the Basic Identity / Inquirer fields were
        not exported.

    Raises
    ------
    ReadError
        The file is not a readable workbook, or no sheet has Primero's ``ID`` column.
    """
    path = Path(path)
    check_readable(path)
    if file_format(path) != "excel":
        raise ReadError(
            "read_primero reads Primero's XLSX export; read its CSV export with read_table "
            "(or load_registry with the 'primero' mapping).",
            path=path,
        )
    kind = RecordKind(kind)
    forms = forms_for(kind)
    notes: list[str] = []
    sheets: list[_Sheet] = []
    with open_workbook(path) as workbook:
        for title in workbook.sheetnames:
            header, rows = read_sheet(workbook[title], path)
            if any(h is not None for h in header):
                sheet = _prepare(str(title), header, rows, forms, notes)
                if sheet is not None:
                    sheets.append(sheet)
    if not sheets:
        raise ReadError(
            f"no sheet has Primero's record id column ('ID' in column A): is this a Primero "
            f"XLSX export of {'cases' if kind is RecordKind.CHILDREN else 'tracing requests'}?",
            path=path,
        )
    top = [s for s in sheets if not s.is_subform]
    top.sort(key=lambda s: s.form is not forms[0])  # the main form's sheet first (stable)
    main = top[0].title if top else sheets[0].title
    records = _merge_top(top)
    for record_id, record in records.items():
        if record.values.get("short_id") is None:
            record.values["short_id"] = record_id
    elsewhere = sum(r.sheet != main for r in records.values())
    if elsewhere:
        notes.append(
            f"{_n(elsewhere, 'record')} not in sheet '{main}'; their row numbers are those "
            "of the first other sheet they appear in"
        )
    subforms = _group([s for s in sheets if s.is_subform])
    if kind is RecordKind.CHILDREN and not any(s.is_subform for s in sheets):
        notes.append(
            "no Family Details sheet found: the mother's, father's and siblings' names are "
            "left empty. Include the Family Details form in the export."
        )
    if kind is RecordKind.CHILDREN:
        rows_out = _cases(records, subforms, notes)
    else:
        rows_out = _requests(records, subforms, notes)
    columns = list(dict.fromkeys(c for _, values in rows_out for c in values))
    for derived in DERIVED_COLUMNS[kind]:
        if derived not in columns:
            columns.append(derived)
    numbered = [(row, [values.get(c) for c in columns]) for row, values in rows_out]
    return build_raw_table(path, main, columns, numbered, notes)
