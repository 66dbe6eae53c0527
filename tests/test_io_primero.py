"""Primero (CPIMS+) exports: workbooks laid out as Primero's XLSX exporter writes them.

Every name, date and place below is made up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from kintrace.errors import ReadError, ValidationError
from kintrace.io import load_mapping, load_registry, read_primero
from kintrace.io.primero import (
    FATHER_COLUMN,
    MOTHER_COLUMN,
    OTHER_CHILDREN_COLUMN,
    SIBLINGS_COLUMN,
)

Sheet = tuple[str, Sequence[str], Sequence[Sequence[object]]]


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        worksheet = workbook.create_sheet(title)
        worksheet.append(list(header))
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)
    return path


BASIC_IDENTITY: Sheet = (
    "Basic Identity",
    [
        "ID",
        "Long ID",
        "Full Name",
        "First Name",
        "Surname",
        "Nickname",
        "Other Name",
        "Sex",
        "Age",
        "Date of Birth",
        "Is the age estimated?",
        "Nationality",
        "Current Location",
    ],
    [
        [
            "c0a1b2c",
            "uuid-1",
            "Zarko Velimo",
            "Zarko",
            "Velimo",
            "Zaki",
            None,
            "Male",
            9,
            None,
            True,
            "Ruritania",
            "RU0101",
        ],
        [
            "d3e4f5a",
            "uuid-2",
            "Tamsa Orrin",
            "Tamsa",
            "Orrin",
            None,
            "Tamsin",
            "Female",
            12,
            None,
            False,
            "Ruritania",
            "RU0102",
        ],
        [
            "e6f7a8b",
            "uuid-3",
            "Pell Quandry",
            "Pell",
            "Quandry",
            None,
            None,
            "Male",
            7,
            None,
            True,
            "Freedonia",
            "FR0300",
        ],
    ],
)
FAMILY_DETAILS: Sheet = (
    "Family Details-Family Details",
    ["ID", "Name", "How are they related to the child?", "Is this family member alive?", "Age"],
    [
        ["c0a1b2c", "Morla Velimo", "Mother", "Yes", 35],
        ["c0a1b2c", "Druvan Velimo", "Father", "Unknown", 40],
        ["c0a1b2c", "Ilsa Velimo", "Sister", "Yes", 14],
        ["c0a1b2c", "Benn Velimo", "brother", "Yes", 4],
        ["c0a1b2c", "Quill Velimo", "Uncle", "Yes", 50],
        ["d3e4f5a", "Saffa Orrin", "mother", "Yes", 30],
        ["d3e4f5a", "Nessa Orrin", "mother", None, 33],
    ],
)
TRACING: Sheet = (
    "Tracing",
    ["ID", "Tracing Status", "Date of Separation", "Separation Location"],
    [["c0a1b2c", "Open", "2023-05-01", "Westmarch"], ["d3e4f5a", "Open", None, None]],
)
CONFIDENTIALITY: Sheet = (
    "Data Confidentiality",
    [
        "ID",
        "Consent Obtained From",
        "Consent has been obtained to disclose information for tracing purposes",
    ],
    [["c0a1b2c", "Child", "Yes"], ["d3e4f5a", "Child", "No"], ["e6f7a8b", "Child", "Yes"]],
)
# A form of no interest whose labels ("Name", "Sex", "Age") also occur on the forms read:
# its values must not leak into the child's fields.
INCIDENT: Sheet = (
    "Incident Details-Incident Deta",
    ["ID", "Name", "Sex", "Age", "Date of Birth"],
    [["e6f7a8b", "Grotto Vask", "Female", 44, "1980-01-01"]],
)

INQUIRER: Sheet = (
    "Inquirer",
    [
        "ID",
        "Long ID",
        "Inquirer ID",
        "Date of Inquiry",
        "Name of inquirer",
        "Nickname of inquirer",
        "Age",
        "Date of Birth",
        "Current Location",
        "Date of Separation",
        "Separation Location",
    ],
    [
        [
            "tr01aaa",
            "uuid-a",
            "tr01aaa",
            "2024-02-01",
            "Morla Velimo",
            "Mo",
            35,
            None,
            "Ruritania",
            "2023-05-01",
            "Westmarch",
        ],
        [
            "tr02bbb",
            "uuid-b",
            "tr02bbb",
            "2024-03-15",
            "Hobb Quandry",
            None,
            61,
            None,
            "Freedonia",
            "2023-01-10",
            "Eastvale",
        ],
        [
            "tr03ccc",
            "uuid-c",
            "tr03ccc",
            "2024-04-01",
            "Wenna Styre",
            None,
            None,
            None,
            "Ruritania",
            None,
            None,
        ],
    ],
)
SOUGHT: Sheet = (
    "Tracing Request-Tracing Request",
    [
        "ID",
        "Name",
        "How is the inquirer related to the child?",
        "Nickname",
        "Other Name",
        "Sex",
        "Age",
        "Date of Birth",
        "Date of Separation",
        "Separation Location",
    ],
    [
        ["tr01aaa", "Zarko Velimo", "Mother", "Zaki", None, "Male", 8, None, None, None],
        ["tr01aaa", "Ilsa Velimo", "Mother", None, "Ilse", "Female", 13, None, None, None],
        [
            "tr01aaa",
            "Benn Velimo",
            "Mother",
            None,
            None,
            "Male",
            3,
            None,
            "2023-06-02",
            "Northfold",
        ],
        ["tr02bbb", "Pell Quandry", "Grandfather", None, None, "Male", 6, None, None, None],
    ],
)

ALL_NAMES = [
    row[i]
    for sheet in (BASIC_IDENTITY, FAMILY_DETAILS, INQUIRER, SOUGHT, INCIDENT)
    for row in sheet[2]
    for i, h in enumerate(sheet[1])
    if "Name" in h or h == "Name of inquirer"
    if isinstance(row[i], str)
]


@pytest.fixture
def cases_xlsx(tmp_path: Path) -> Path:
    return write_workbook(
        tmp_path / "primero_cases.xlsx",
        [BASIC_IDENTITY, INCIDENT, FAMILY_DETAILS, TRACING, CONFIDENTIALITY],
    )


@pytest.fixture
def requests_xlsx(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "primero_tr.xlsx", [INQUIRER, SOUGHT])


def test_cases_one_row_per_case_with_family(cases_xlsx: Path) -> None:
    raw = read_primero(cases_xlsx, "children")
    frame = raw.frame.set_index("short_id")
    assert list(frame.index) == ["c0a1b2c", "d3e4f5a", "e6f7a8b"]
    assert raw.sheet == "Basic Identity"
    assert raw.source_rows.tolist() == [2, 3, 4]
    first = frame.loc["c0a1b2c"]
    assert first[MOTHER_COLUMN] == "Morla Velimo"
    assert first[FATHER_COLUMN] == "Druvan Velimo"
    assert first[SIBLINGS_COLUMN] == "Ilsa Velimo; Benn Velimo"
    assert first["name_first"] == "Zarko"
    assert first["age"] == "9"
    assert first["consent_for_tracing"] == "Yes"
    assert first["date_of_separation"] == "2023-05-01"
    # Two mothers listed: the first wins, and the report says so without names.
    second = frame.loc["d3e4f5a"]
    assert second[MOTHER_COLUMN] == "Saffa Orrin"
    assert second[FATHER_COLUMN] is None
    assert any("more than one mother" in n for n in raw.notes)
    # The incident sheet's perpetrator never fills the child's empty date of birth.
    third = frame.loc["e6f7a8b"]
    assert third["date_of_birth"] is None
    assert third[MOTHER_COLUMN] is None and third[SIBLINGS_COLUMN] is None


def test_cases_load_with_shipped_mapping(cases_xlsx: Path) -> None:
    mapping = load_mapping("primero").children
    loaded = load_registry(cases_xlsx, "children", mapping)
    frame = loaded.frame.set_index("child_id")
    assert frame.loc["c0a1b2c", "mother_name"] == "Morla Velimo"
    assert frame.loc["c0a1b2c", "sibling_names"] == "Ilsa Velimo; Benn Velimo"
    assert frame.loc["c0a1b2c", "other_names"] == "Zaki"
    assert frame.loc["d3e4f5a", "other_names"] == "Tamsin"
    assert frame.loc["c0a1b2c", "age_estimated"] == "true"
    assert frame.loc["c0a1b2c", "place_of_origin"] == "Ruritania"
    assert frame.loc["c0a1b2c", "separation_place"] == "Westmarch"
    assert frame.loc["d3e4f5a", "consent_for_tracing"] == "No"
    assert "registration_country" not in loaded.mapped_columns
    assert loaded.frame["_source_row"].tolist() == [2, 3, 4]


def test_field_name_headers_are_read_too(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "fields.xlsx",
        [
            ("basic", ["ID", "name", "name_first", "sex"], [["x1", "Orla Venn", "Orla", "f"]]),
            (
                "family",
                ["ID", "relation_name", "relation"],
                [["x1", "Adda Venn", "mother"], ["x1", "Rolf Venn", "half_brother"]],
            ),
        ],
    )
    raw = read_primero(path, "children")
    frame = raw.frame
    assert not any("Family Details sheet" in n for n in raw.notes)
    assert frame.loc[0, "short_id"] == "x1"
    assert frame.loc[0, MOTHER_COLUMN] == "Adda Venn"
    assert frame.loc[0, SIBLINGS_COLUMN] == "Rolf Venn"


def test_requests_one_row_per_sought_child(requests_xlsx: Path) -> None:
    raw = read_primero(requests_xlsx, "requests")
    frame = raw.frame
    assert frame["short_id"].tolist() == ["tr01aaa"] * 3 + ["tr02bbb", "tr03ccc"]
    assert frame["name"].tolist()[:4] == [
        "Zarko Velimo",
        "Ilsa Velimo",
        "Benn Velimo",
        "Pell Quandry",
    ]
    assert frame[OTHER_CHILDREN_COLUMN].tolist() == [
        "Ilsa Velimo; Benn Velimo",
        "Zarko Velimo; Benn Velimo",
        "Zarko Velimo; Ilsa Velimo",
        None,
        None,
    ]
    # The inquirer's fields repeat on every sought child; the child's age is its own.
    assert frame["relation_name"].tolist()[:3] == ["Morla Velimo"] * 3
    assert frame["age"].tolist()[:3] == ["8", "13", "3"]
    assert frame["relation_age"].tolist()[:3] == ["35"] * 3
    # Separation details of the sub-form override the inquirer's only where given.
    assert frame["date_of_separation"].tolist()[:3] == ["2023-05-01", "2023-05-01", "2023-06-02"]
    assert frame["location_separation"].tolist()[2] == "Northfold"
    # Row numbers are those of the request in the Inquirer sheet.
    assert raw.source_rows.tolist() == [2, 2, 2, 3, 4]
    assert any("without a sought child" in n for n in raw.notes)


def test_requests_load_with_shipped_mapping(requests_xlsx: Path) -> None:
    loaded = load_registry(requests_xlsx, "requests", load_mapping("primero").requests)
    frame = loaded.frame
    assert frame["sought_id"].tolist() == [
        "tr01aaa#1",
        "tr01aaa#2",
        "tr01aaa#3",
        "tr02bbb#1",
        "tr03ccc#1",
    ]
    assert frame["requester_relation"].tolist()[:4] == ["Mother"] * 3 + ["Grandfather"]
    assert frame["age_at_separation"].tolist()[:2] == ["8", "13"]
    assert frame["other_names"].tolist()[:2] == ["Zaki", "Ilse"]
    assert frame["requester_country"].tolist()[0] == "Ruritania"
    assert frame["request_date"].tolist()[0] == "2024-02-01"
    assert frame["other_children_sought"].tolist()[3] is None
    assert any("without a sought child" in i.message for i in loaded.report.warnings)


def test_sought_children_without_inquirer_row_are_kept(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "only_sub.xlsx", [INQUIRER, SOUGHT])
    workbook = openpyxl.load_workbook(path)
    workbook["Tracing Request-Tracing Request"].append(
        ["tr09zzz", "Lone Child", "Aunt", None, None, "Female", 5, None, None, None]
    )
    workbook.save(path)
    raw = read_primero(path, "requests")
    last = raw.frame.iloc[-1]
    assert last["short_id"] == "tr09zzz"
    assert last["name"] == "Lone Child"
    assert raw.source_rows[-1] == 6  # its row in the sub-form sheet
    assert any("without an inquirer record" in n for n in raw.notes)


def test_primero_csv_cases_warn_about_dropped_subforms(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "id,short_id,name,sex,age,consent_for_tracing\nuuid-1,c0a1b2c,Zarko Velimo,male,9,true\n",
        encoding="utf-8",
    )
    loaded = load_registry(path, "children", load_mapping("primero").children)
    assert loaded.frame.loc[0, "full_name"] == "Zarko Velimo"
    messages = [i.message for i in loaded.report.warnings]
    assert any("Family Details" in m for m in messages)
    # The derived sub-form columns are not reported one by one as missing.
    assert not any("family_details_section" in m for m in messages)


def test_primero_csv_requests_fail_without_sought_children(tmp_path: Path) -> None:
    path = tmp_path / "tr.csv"
    path.write_text(
        "id,short_id,relation_name,inquiry_date\nuuid-a,tr01aaa,Morla Velimo,2024-02-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        load_registry(path, "requests", load_mapping("primero").requests)
    text = str(info.value)
    assert "full_name" in text and "XLSX" in text
    assert "Morla" not in text


def test_workbook_without_id_column_is_refused(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "x.xlsx", [("S", ["a", "b"], [["Orla Venn", "x"]])])
    with pytest.raises(ReadError) as info:
        read_primero(path, "children")
    assert "'ID'" in str(info.value)
    assert "Orla" not in str(info.value)


def test_read_primero_refuses_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("ID,name\n1,Orla\n", encoding="utf-8")
    with pytest.raises(ReadError, match="read_table"):
        read_primero(path, "children")


def test_messages_never_carry_names(cases_xlsx: Path, requests_xlsx: Path) -> None:
    texts = [n for n in read_primero(cases_xlsx, "children").notes]
    texts += [n for n in read_primero(requests_xlsx, "requests").notes]
    loaded = load_registry(cases_xlsx, "children", load_mapping("primero").children)
    texts.append(loaded.report.format())
    assert ALL_NAMES
    for text in texts:
        for name in ALL_NAMES:
            assert name not in text


def test_cases_without_family_sheet_are_noted(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "basic.xlsx", [BASIC_IDENTITY])
    raw = read_primero(path, "children")
    assert raw.frame[MOTHER_COLUMN].isna().all()
    assert any("no Family Details sheet" in n for n in raw.notes)
