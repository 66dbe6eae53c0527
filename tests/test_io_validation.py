"""Validation at load time, and the report: every problem at once, never a cell value.

Every name below is made up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kintrace.errors import InputError, KintraceError, ValidationError
from kintrace.io import Issue, TableMapping, ValidationReport, load_registry
from kintrace.io.validation import format_rows

NAMES = ("Yusra", "Haddan", "Oleksa", "Brivko", "Amani", "Tesfai")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def assert_no_names(text: str) -> None:
    for name in NAMES:
        assert name not in text


# --------------------------------------------------------------------------- missing columns


@pytest.mark.parametrize(
    ("kind", "header", "mapping", "expected"),
    [
        pytest.param(
            "children",
            "case_nr,first_nam,surname",
            None,
            [
                "missing required columns (2)",
                "child_id: not in the file and not mapped",
                "one of full_name",
            ],
            id="identity-both-groups",
        ),
        pytest.param(
            "children",
            "child_idd,given_nam",
            None,
            ["nearest column in the file: 'child_idd'", "nearest column in the file: 'given_nam'"],
            id="identity-suggestions",
        ),
        pytest.param(
            "children",
            "case_nr,first",
            {"child_id": "case_no", "given_name": "first"},
            [
                "missing required columns (1)",
                "child_id: the mapping points it at 'case_no' (nearest column in the file: "
                "'case_nr'), which is not in the file",
            ],
            id="mapped-column-absent",
        ),
        pytest.param(
            "children",
            "id,vorname,nachname",
            {"child_id": "id", "given_name": "first", "family_name": "last"},
            [
                "given_name: the mapping points it at 'first', which is not",
                "family_name: the mapping points it at 'last'",
                "full_name: not in the file and not mapped",
            ],
            id="whole-name-group-listed",
        ),
        pytest.param(
            "requests",
            "tr_nr,kid",
            {"full_name": "kid"},
            ["request_id: not in the file and not mapped", "[requests.columns]"],
            id="requests",
        ),
    ],
)
def test_missing_required_columns_listed_at_once(
    tmp_path: Path,
    kind: str,
    header: str,
    mapping: dict[str, str] | None,
    expected: list[str],
) -> None:
    path = write(tmp_path / "x.csv", f"{header}\n{','.join(NAMES[: header.count(',') + 1])}\n")
    table_mapping = TableMapping.from_columns(mapping) if mapping else None
    with pytest.raises(ValidationError) as info:
        load_registry(path, kind, table_mapping)
    report = info.value.report
    assert len(report.errors) == 1
    message = str(info.value)
    for fragment in expected:
        assert fragment in message
    assert_no_names(message)


def test_suggestions_never_echo_a_header_row_of_data(tmp_path: Path) -> None:
    # A file without its header row: row 1 holds a record, so its "columns" are values.
    path = write(tmp_path / "x.csv", "C-001,Yusra,Haddan\nC-002,Oleksa,Brivko\n")
    with pytest.raises(ValidationError) as info:
        load_registry(path, "children")
    assert_no_names(str(info.value))


def test_mapped_optional_column_absent_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "id,first,mum\nC1,Yusra,Amani\n")
    mapping = TableMapping.from_columns(
        {
            "child_id": "id",
            "given_name": "first",
            "mother_name": "mom",
            "full_name": ["first", "father"],
        }
    )
    loaded = load_registry(path, "children", mapping)
    messages = [w.message for w in loaded.report.warnings]
    assert any(
        "mother_name: the mapping points it at 'mom' (nearest column in the file: 'mum')" in m
        for m in messages
    )
    assert any("full_name is built from the other columns only" in m for m in messages)
    assert loaded.frame.loc[0, "full_name"] == "Yusra"
    assert "mother_name" not in loaded.mapped_columns


# --------------------------------------------------------------------------- ids


def test_duplicate_ids_listed_by_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "child_id,given_name\nC1,Yusra\nC2,Haddan\nC1,Oleksa\nC3,Brivko\nC2,Amani\nC1,Tesfai\n",
    )
    with pytest.raises(ValidationError) as info:
        load_registry(path, "children")
    (error,) = info.value.report.errors
    assert error.column == "child_id" and error.count == 2 and error.row == 2
    assert (
        "2 ids appear in more than one row (5 rows): rows 2 and 4 and 7; 3 and 6" in error.message
    )
    assert_no_names(str(info.value))


def test_empty_ids_listed_by_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "child_id,given_name\nC1,Yusra\n ,Haddan\nC3,Oleksa\n,Amani\n")
    with pytest.raises(ValidationError) as info:
        load_registry(path, "children")
    (error,) = info.value.report.errors
    assert "2 rows with an empty child_id: rows 3, 5" in error.message
    assert (error.row, error.column, error.count) == (3, "child_id", 2)
    assert_no_names(str(info.value))


def test_requests_duplicate_sought_id_and_empty_request_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        "request_id,sought_id,full_name\nT1,S1,Yusra\nT1,S1,Haddan\n,S3,Oleksa\n",
    )
    with pytest.raises(ValidationError) as info:
        load_registry(path, "requests")
    messages = [e.message for e in info.value.report.errors]
    assert any("empty request_id: row 4" in m for m in messages)
    assert any("1 id appears" in m and "rows 2 and 3" in m for m in messages)


def test_requests_sharing_a_request_id_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "request_id,full_name\nT1,Yusra\nT1,Haddan\nT2,Oleksa\n")
    loaded = load_registry(path, "requests")
    assert loaded.frame["sought_id"].tolist() == ["T1#1", "T1#2", "T2#1"]
    assert loaded.report.ok and not loaded.report.issues


# --------------------------------------------------------------------------- empty files


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n", "the file is empty"),
        (b"child_id,given_name\n", "no data rows"),
        (b"child_id,given_name\n,\n , \n", "no data rows"),
    ],
)
def test_empty_files_are_errors(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=fragment) as info:
        load_registry(path, "children")
    assert len(info.value.report.errors) == 1


# --------------------------------------------------------------------------- load_registry


def test_arguments_override_the_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", "id|name\nC1|Олекса\n", encoding="cp1251")
    mapping = TableMapping.from_columns(
        {"child_id": "id", "given_name": "name"}, encoding="utf-8", delimiter=","
    )
    loaded = load_registry(path, "children", mapping, encoding="cp1251", delimiter="|")
    assert loaded.frame.loc[0, "given_name"] == "Олекса"
    assert loaded.mapped_columns == ("child_id", "given_name")
    assert loaded.kind.value == "children"


def test_mapping_options_are_used(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "id;name\nC1;Олекса\n", encoding="cp1251")
    mapping = TableMapping.from_columns(
        {"child_id": "id", "given_name": "name"}, encoding="cp1251", delimiter=";"
    )
    assert load_registry(path, "children", mapping).frame.loc[0, "given_name"] == "Олекса"


def test_reader_notes_become_warnings(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "child_id,given_name,given_name\nC1,Yusra,Haddan\n")
    loaded = load_registry(path, "children")
    assert len(loaded.report.warnings) == 1
    assert "column C repeats the header of column B" in loaded.report.warnings[0].message


def test_validation_error_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "a\n1\n")
    with pytest.raises(InputError) as info:
        load_registry(path, "children")
    assert isinstance(info.value, KintraceError)


# --------------------------------------------------------------------------- the report


def test_add_unparseable_message() -> None:
    report = ValidationReport()
    report.add_unparseable("children.csv", "date_of_birth", 3, [5, 9, 12])
    report.add_unparseable("children.csv", "age", 1, [4])
    report.add_unparseable("children.csv", "sex", 0, [])
    report.add_unparseable("children.csv", "notes", 20, list(range(2, 22)), "text")
    first, second, third = report.warnings
    assert first.message == (
        "3 values in column 'date_of_birth' could not be read as a date; first at rows 5, 9, 12"
    )
    assert (first.row, first.column, first.count) == (5, "date_of_birth", 3)
    assert second.message == "1 value in column 'age' could not be read as a number; at row 4"
    assert third.message.endswith("as text; first at rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …")
    assert report.ok


def test_format_groups_by_file_errors_first() -> None:
    report = ValidationReport()
    report.warning("a.csv", "warn one")
    report.error("b.csv", "bad ids", row=3, column="child_id", count=2)
    report.error("a.csv", "no rows")
    text = report.format()
    assert text == (
        "a.csv: 1 error, 1 warning\n"
        "  error: no rows\n"
        "  warning: warn one\n"
        "\n"
        "b.csv: 1 error, 0 warnings\n"
        "  error (row 3, column 'child_id'): bad ids"
    )
    assert not report.ok
    assert ValidationReport().format() == "no problems found"


def test_to_dict_is_json_ready() -> None:
    report = ValidationReport()
    report.add(Issue("error", "a.csv", "m", row=2, column="child_id", count=1))
    report.add_unparseable("a.csv", "date_of_birth", 2, [3, 4])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False and data["errors"] == 1 and data["warnings"] == 1
    assert data["issues"][0] == {
        "severity": "error",
        "file": "a.csv",
        "message": "m",
        "row": 2,
        "column": "child_id",
        "count": 1,
    }


def test_extend_and_merge_reports() -> None:
    first, second = ValidationReport(), ValidationReport()
    first.warning("a.csv", "x")
    second.error("b.csv", "y")
    merged = ValidationReport.merge([first, second])
    assert [i.file for i in merged.issues] == ["a.csv", "b.csv"]
    assert len(first.issues) == 1  # merge copies, the inputs stay as they were
    first.extend(second)
    assert [i.file for i in first.issues] == ["a.csv", "b.csv"]


def test_format_rows_truncates() -> None:
    assert format_rows(list(range(2, 30))) == "2, 3, 4, 5, 6, 7, 8, 9, 10, 11, … (28 rows)"


def test_empty_request_id_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "request_id,full_name\nT1,Yusra\n,Haddan\n")
    with pytest.raises(ValidationError) as info:
        load_registry(path, "requests")
    (error,) = info.value.report.errors
    assert error.column == "request_id" and error.row == 3
