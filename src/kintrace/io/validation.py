"""The validation report, and the checks made when a registry is loaded.

Every problem of an input is collected into one :class:`ValidationReport` rather than raised
at the first one, so a user fixes an export in one go. Issues name the file, the row (as a
spreadsheet shows it: header = 1, first data row = 2) and the column, never a cell's value.
The standardise step adds its counts of unreadable values with
:meth:`ValidationReport.add_unparseable`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pandas as pd

from kintrace.io.mapping import SOURCE_ROW, ResolvedField, fold
from kintrace.schema import CHILDREN, REQUESTS, FieldKind, RecordKind, RecordSchema

__all__ = [
    "Issue",
    "Severity",
    "ValidationReport",
    "check_empty",
    "check_ids",
    "check_mapped_columns",
    "check_required_columns",
    "format_rows",
]

Severity = Literal["error", "warning"]
# Rows listed in one message; the count says how many there are in all.
MAX_ROWS_SHOWN = 10

_EXPECTED: dict[FieldKind, str] = {
    FieldKind.DATE: "a date",
    FieldKind.NUMBER: "a number",
    FieldKind.SEX: "a sex (male/female)",
    FieldKind.FLAG: "yes or no",
    FieldKind.RELATION: "a family relation",
    FieldKind.COUNTRY: "a country",
}


@dataclass(frozen=True)
class Issue:
    """One problem of an input file.

    Attributes
    ----------
    severity:
        ``"error"`` (the file cannot be used) or ``"warning"`` (it can, with a loss).
    file:
        The file, as the user named it.
    message:
        What is wrong and how to fix it; never a cell value.
    row:
        The (first) spreadsheet row concerned, if any.
    column:
        The column concerned, if any.
    count:
        How many rows or values are concerned, if more than one may be.
    """

    severity: Severity
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    count: int | None = None

    def format(self) -> str:
        """One line: ``error (row 5, column 'child_id'): message``."""
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        place = f" ({', '.join(where)})" if where else ""
        return f"{self.severity}{place}: {self.message}"


def format_rows(rows: Sequence[int], total: int | None = None) -> str:
    """``"5, 9, 12"`` or ``"5, 9, 12, … (40 rows)"`` when there are more than shown.

    Examples
    --------
    >>> format_rows([5, 9, 12])
    '5, 9, 12'
    """
    total = len(rows) if total is None else total
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_SHOWN])
    return f"{shown}, … ({total} rows)" if total > MAX_ROWS_SHOWN else shown


@dataclass
class ValidationReport:
    """Every problem found in the inputs of a run, errors and warnings.

    Examples
    --------
    >>> report = ValidationReport()
    >>> report.add_unparseable("children.csv", "date_of_birth", 3, [5, 9, 12])
    >>> report.ok, len(report.warnings)
    (True, 1)
    """

    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        """Issues that make a file unusable."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Issues a person should know about but that do not stop a run."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors

    @classmethod
    def merge(cls, reports: Iterable[ValidationReport]) -> ValidationReport:
        """One report with the issues of several, in order (e.g. both inputs of a run)."""
        merged = cls()
        for report in reports:
            merged.extend(report)
        return merged

    def add(self, issue: Issue) -> None:
        """Add one issue."""
        self.issues.append(issue)

    def error(self, file: str, message: str, **where: Any) -> None:
        """Add an error (``row=``, ``column=``, ``count=`` as in :class:`Issue`)."""
        self.issues.append(Issue("error", file, message, **where))

    def warning(self, file: str, message: str, **where: Any) -> None:
        """Add a warning (``row=``, ``column=``, ``count=`` as in :class:`Issue`)."""
        self.issues.append(Issue("warning", file, message, **where))

    def extend(self, other: ValidationReport | Iterable[Issue]) -> None:
        """Add the issues of another report."""
        self.issues.extend(other.issues if isinstance(other, ValidationReport) else other)

    def add_unparseable(
        self,
        file: str,
        column: str,
        count: int,
        first_rows: Sequence[int],
        expected: str | None = None,
    ) -> None:
        """Record that ``count`` values of ``column`` could not be read (a warning).

        Parameters
        ----------
        file, column:
            Where the values are.
        count:
            How many values could not be read.
        first_rows:
            Spreadsheet rows of the first of them.
        expected:
            What a value should have been ("a date"); by default from the canonical
            column's kind.
        """
        what = expected or _expected_for(column)
        self._add_count(file, column, count, first_rows, f"could not be read as {what}")

    def add_implausible(
        self, file: str, column: str, count: int, first_rows: Sequence[int], reason: str
    ) -> None:
        """Record that ``count`` values of ``column`` cannot be true (``reason``: "a birth
        after the reference date or after today"); they are kept and matched (a warning)."""
        self._add_count(
            file, column, count, first_rows, f"give {reason}: kept, check them at the source"
        )

    def _add_count(
        self, file: str, column: str, count: int, first_rows: Sequence[int], what: str
    ) -> None:
        if count <= 0:
            return
        rows = [int(r) for r in first_rows]
        noun = "value" if count == 1 else "values"
        at = ""
        if count == 1 and rows:
            at = f"; at row {rows[0]}"
        elif rows:
            shown = ", ".join(str(r) for r in rows[:MAX_ROWS_SHOWN])
            more = ", …" if count > min(len(rows), MAX_ROWS_SHOWN) else ""
            at = f"; first at {'row' if len(rows) == 1 else 'rows'} {shown}{more}"
        self.issues.append(
            Issue(
                "warning",
                file,
                f"{count} {noun} in column '{column}' {what}{at}",
                row=rows[0] if rows else None,
                column=column,
                count=count,
            )
        )

    def format(self) -> str:
        """Human-readable text, grouped by file, errors before warnings."""
        if not self.issues:
            return "no problems found"
        blocks: list[str] = []
        files = list(dict.fromkeys(i.file for i in self.issues))
        for file in files:
            errors = [i for i in self.issues if i.file == file and i.severity == "error"]
            warnings = [i for i in self.issues if i.file == file and i.severity == "warning"]
            title = f"{file}: {_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}"
            lines = [title] + ["  " + _indent(i.format()) for i in (*errors, *warnings)]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: ``ok``, counts, and every issue as a dict."""
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [asdict(i) for i in self.issues],
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


def _expected_for(column: str) -> str:
    for schema in (CHILDREN, REQUESTS):
        if column in schema.names:
            return _EXPECTED.get(schema.field(column).kind, "a valid value")
    return "a valid value"


# --------------------------------------------------------------------------- checks


def check_empty(report: ValidationReport, file: str, columns: Sequence[str], rows: int) -> bool:
    """An error when the file has no header or no data rows; True when it is empty."""
    if not columns:
        report.error(file, "the file is empty: no header row and no data. Export it again.")
        return True
    if rows == 0:
        report.error(
            file,
            "the file has a header row but no data rows. Check that the export selected "
            "records (filters) and that the right sheet was read.",
        )
        return True
    return False


def _nearest_column(word: str, columns: Sequence[str], taken: set[str]) -> str | None:
    # Only close matches are offered: in a file without a header row the "columns" are a
    # record's values, and a loose match could print a name.
    by_fold = {fold(c): c for c in columns if c not in taken}
    near = difflib.get_close_matches(fold(word), list(by_fold), n=1, cutoff=0.6)
    return by_fold[near[0]] if near else None


def _describe_missing(item: ResolvedField, columns: Sequence[str], used: set[str]) -> str:
    if not item.mapped:
        near = _nearest_column(item.name, columns, used)
        hint = f"; nearest column in the file: '{near}'" if near else ""
        return f"{item.name}: not in the file and not mapped{hint}"
    parts = []
    for src in item.missing:
        near = _nearest_column(src, columns, used)
        hint = f" (nearest column in the file: '{near}')" if near else ""
        parts.append(f"'{src}'{hint}")
    which = "which is" if len(parts) == 1 else "which are"
    return f"{item.name}: the mapping points it at {', '.join(parts)}, {which} not in the file"


def check_required_columns(
    report: ValidationReport,
    file: str,
    columns: Sequence[str],
    resolved: Sequence[ResolvedField],
    schema: RecordSchema,
) -> None:
    """One error listing every unmet ``required_any`` group, with the nearest columns."""
    by_name = {item.name: item for item in resolved}
    used = {src for item in resolved for src in item.sources}
    lines: list[str] = []
    for group in schema.required_any:
        if any(by_name[name].sources for name in group):
            continue
        details = [_describe_missing(by_name[name], columns, used) for name in group]
        if len(group) == 1:
            lines.append(f"- {details[0]}")
        else:
            lines.append(f"- one of {', '.join(group)}:\n    " + "\n    ".join(details))
    if lines:
        report.error(
            file,
            f"missing required columns ({len(lines)}); map them in the mapping file's "
            f"[{schema.kind.value}.columns] or rename the columns:\n" + "\n".join(lines),
            count=len(lines),
        )


def check_mapped_columns(
    report: ValidationReport,
    file: str,
    columns: Sequence[str],
    resolved: Sequence[ResolvedField],
    schema: RecordSchema,
) -> None:
    """A warning for each mapped export column the file does not have (a field partly lost).

    Fields of unmet required groups are left to :func:`check_required_columns`.
    """
    by_name = {item.name: item for item in resolved}
    unmet = {
        name
        for group in schema.required_any
        if not any(by_name[n].sources for n in group)
        for name in group
    }
    used = {src for item in resolved for src in item.sources}
    for item in resolved:
        if not item.missing or item.name in unmet:
            continue
        lost = "is left empty" if not item.sources else "is built from the other columns only"
        report.warning(
            file,
            f"{_describe_missing(item, columns, used)}; {item.name} {lost}",
            column=item.name,
        )


def _rows_where(frame: pd.DataFrame, mask: pd.Series) -> list[int]:
    return [int(r) for r in frame.loc[mask, SOURCE_ROW]]


def check_ids(report: ValidationReport, file: str, frame: pd.DataFrame, kind: RecordKind) -> None:
    """Errors for empty ids, and for ids shared by several rows (rows listed, not ids)."""
    id_columns = ("child_id",) if kind is RecordKind.CHILDREN else ("request_id", "sought_id")
    reported = pd.Series(False, index=frame.index)
    for column in id_columns:
        if column not in frame:
            continue
        # A sought_id made from an empty request_id is empty too: one error per row suffices.
        missing = frame[column].isna() & ~reported
        reported |= frame[column].isna()
        empty = _rows_where(frame, missing)
        if empty:
            where = f"row {empty[0]}" if len(empty) == 1 else f"rows {format_rows(empty)}"
            report.error(
                file,
                f"{_plural(len(empty), 'row')} with an empty {column}: {where}. "
                "Every record needs an id.",
                row=empty[0],
                column=column,
                count=len(empty),
            )
    unique_id = "child_id" if kind is RecordKind.CHILDREN else "sought_id"
    if unique_id not in frame:
        return
    ids = frame[unique_id]
    dup = frame[ids.notna() & ids.duplicated(keep=False)]
    if dup.empty:
        return
    groups = dup.groupby(unique_id, sort=False)[SOURCE_ROW].apply(list).tolist()
    shown = "; ".join(" and ".join(str(r) for r in rows) for rows in groups[:MAX_ROWS_SHOWN])
    more = f"; … ({len(groups)} ids in all)" if len(groups) > MAX_ROWS_SHOWN else ""
    report.error(
        file,
        f"{_plural(len(groups), 'id')} {'appears' if len(groups) == 1 else 'appear'} in more "
        f"than one row ({len(dup)} rows): rows "
        f"{shown}{more}. Each record needs its own {unique_id}; merge or renumber them.",
        row=int(groups[0][0]),
        column=unique_id,
        count=len(groups),
    )
