"""Column mappings: the TOML format, shipped mappings, and applying a mapping to a table.

Every name below is made up.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kintrace.errors import ConfigError
from kintrace.io import (
    SOURCE_ROW,
    Mapping,
    RawTable,
    TableMapping,
    apply_mapping,
    list_shipped_mappings,
    load_mapping,
    parse_mapping,
    resolve_columns,
)
from kintrace.io.mapping import make_sought_ids
from kintrace.schema import CHILDREN, REQUESTS

EXAMPLE = """
# kintrace column mapping
[children]
format = "table"
sheet = "cases"
encoding = "cp1256"
delimiter = ";"
[children.columns]
child_id = "case_no"
given_name = "first"
full_name = ["first", "father", "grandfather"]
other_names = ["alias", "nickname"]

[requests]
[requests.columns]
request_id = "tr_id"
"""


def raw_table(data: dict[str, list[str | None]], rows: list[int] | None = None) -> RawTable:
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})
    numbers = rows if rows is not None else list(range(2, len(frame) + 2))
    return RawTable(Path("x.csv"), None, frame, np.asarray(numbers, dtype=np.int64))


# --------------------------------------------------------------------------- parsing


def test_parse_example() -> None:
    mapping = parse_mapping(EXAMPLE, source="example.toml")
    children = mapping.children
    assert (children.format, children.sheet, children.encoding, children.delimiter) == (
        "table",
        "cases",
        "cp1256",
        ";",
    )
    assert children.sources("child_id") == ("case_no",)
    assert children.sources("full_name") == ("first", "father", "grandfather")
    assert children.sources("sex") is None
    assert mapping.requests.sources("request_id") == ("tr_id",)
    assert mapping.for_kind("requests") is mapping.requests
    assert mapping.source == "example.toml"


def test_missing_sections_are_identity() -> None:
    mapping = parse_mapping("[children.columns]\nchild_id = 'id'\n")
    assert mapping.requests.is_identity
    assert not mapping.children.is_identity
    assert Mapping.identity().children.is_identity


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[childrens]\n", r"unknown section \[childrens\]\. Did you mean 'children'\?"),
        ("title = 'x'\n", r"unknown section \[title\]"),
        (
            "[children]\ncolums = {}\n",
            r"unknown key 'colums' in \[children\]\. Did you mean 'columns'\?",
        ),
        ("[requests]\nencodng = 'x'\n", r"unknown key 'encodng'.*Did you mean 'encoding'\?"),
        ("[children.columns]\ngiven = 'x'\n", r"unknown canonical column 'given'.*'given_name'"),
        (
            "[requests.columns]\nchild_id = 'x'\n",
            r"unknown canonical column 'child_id' in \[requests\.columns\]",
        ),
        ("[requests.columns]\n_source_row = 'x'\n", "unknown canonical column '_source_row'"),
        (
            "[children]\nformat = 'primer'\n",
            "'format' in \\[children\\] must be one of table, primero",
        ),
        (
            "[children]\nsheet = 3\n",
            "'sheet' in \\[children\\] must be a non-empty string. Got an integer",
        ),
        (
            "[children.columns]\nchild_id = 5\n",
            "'child_id' in \\[children.columns\\] must be an export column",
        ),
        ("[children.columns]\nfull_name = []\n", "non-empty list"),
        ("[children.columns]\nfull_name = ['a', 1]\n", "non-empty list"),
        ("[children]\ncolumns = 'x'\n", r"\[children.columns\] must be a table"),
        ("children = 3\n", r"\[children\] must be a table"),
        ("[children\n", "not valid TOML"),
        (
            "[children.calendars]\nname = 'ethiopian'\n",
            r"'name' in \[children.calendars\] is not a date column",
        ),
        (
            "[children.calendars]\ndate_of_birth = 'ethiopic'\n",
            r"'date_of_birth' in \[children.calendars\] must be a calendar.*'ethiopian'",
        ),
        ("[requests]\ncalendars = 'x'\n", r"\[requests.calendars\] must be a table"),
        (
            "[children.date_order]\ndate_of_birth = 'dm'\n",
            r"'date_of_birth' in \[children.date_order\] must be a day/month order.*'dmy'",
        ),
    ],
)
def test_bad_mappings_are_refused(text: str, pattern: str) -> None:
    with pytest.raises(ConfigError, match=pattern) as info:
        parse_mapping(text, source="m.toml")
    assert str(info.value).startswith("m.toml: ")


def test_calendars_of_date_columns() -> None:
    mapping = parse_mapping(
        "[children.calendars]\ndate_of_birth = 'ethiopian'\nregistration_date = 'ethiopian'\n"
        "[requests.calendars]\nrequest_date = 'solar_hijri'\n"
    )
    assert mapping.children.calendar_of == {
        "date_of_birth": "ethiopian",
        "registration_date": "ethiopian",
    }
    assert mapping.requests.calendar_of == {"request_date": "solar_hijri"}
    assert parse_mapping("").children.calendar_of == {}


def test_day_month_order_of_date_columns() -> None:
    mapping = parse_mapping("[requests.date_order]\nrequest_date = 'mdy'\n")
    assert mapping.requests.date_order_of == {"request_date": "mdy"}
    assert mapping.children.date_order_of == {}


def test_table_mapping_checks_its_format() -> None:
    with pytest.raises(ConfigError, match="'format'"):
        TableMapping(format="excel")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- loading


def test_load_mapping_from_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert load_mapping(path).children.sources("child_id") == ("case_no",)
    assert load_mapping(str(path)).source == str(path)


def test_load_mapping_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such mapping file"):
        load_mapping(tmp_path / "nope.toml")


def test_unknown_shipped_mapping_names_the_nearest() -> None:
    with pytest.raises(ConfigError, match=r"no shipped mapping named 'primeiro'.*'primero'"):
        load_mapping("primeiro")


def test_shipped_mappings_load_and_name_canonical_fields() -> None:
    names = list_shipped_mappings()
    assert "primero" in names
    for name in names:
        mapping = load_mapping(name)
        assert mapping.source == f"shipped:{name}"
        for schema, table in ((CHILDREN, mapping.children), (REQUESTS, mapping.requests)):
            assert {n for n, _ in table.columns} <= set(schema.names)


def test_primero_mapping_decisions() -> None:
    mapping = load_mapping("primero")
    assert mapping.children.format == mapping.requests.format == "primero"
    assert mapping.children.sources("other_names") == ("name_nickname", "name_other")
    assert mapping.requests.sources("age_at_separation") == ("age",)
    assert mapping.requests.sources("requester_country") == ("relation_location_current",)
    assert mapping.requests.sources("sought_id") is None
    assert mapping.children.sources("registration_country") is None


# --------------------------------------------------------------------------- applying


def test_apply_mapping_renames_joins_and_keeps_canonical_only() -> None:
    raw = raw_table(
        {
            "case_no": ["C1", "C2"],
            "first": ["Amani", "Yusra"],
            "father": ["Jomo", None],
            "grandfather": [None, None],
            "alias": ["Ama", None],
            "nickname": ["Mani", None],
            "sex": ["f", "f"],
            "unrelated": ["x", "y"],
        },
        rows=[2, 5],
    )
    mapping = parse_mapping(EXAMPLE).children
    frame = apply_mapping(raw, mapping, CHILDREN)
    assert list(frame.columns) == [
        "child_id",
        "full_name",
        "given_name",
        "other_names",
        "sex",
        SOURCE_ROW,
    ]
    assert frame["full_name"].tolist() == ["Amani Jomo", "Yusra"]
    assert frame["other_names"].tolist() == ["Ama; Mani", None]
    assert frame["sex"].tolist() == ["f", "f"]  # already canonical: used as it is
    assert frame[SOURCE_ROW].tolist() == [2, 5]
    assert frame[SOURCE_ROW].dtype == np.int64


def test_identity_mapping_uses_canonical_columns() -> None:
    raw = raw_table({"child_id": ["1"], "Given_Name": ["Asha"], "colour": ["x"]})
    frame = apply_mapping(raw, None, CHILDREN)
    assert list(frame.columns) == ["child_id", "given_name", SOURCE_ROW]


def test_columns_named_by_the_mapping_are_not_also_taken_as_they_are() -> None:
    # The export's "full_name" column holds given names: it must not also feed full_name.
    raw = raw_table({"id": ["1"], "full_name": ["Asha"]})
    mapping = TableMapping.from_columns({"child_id": "id", "given_name": "full_name"})
    frame = apply_mapping(raw, mapping, CHILDREN)
    assert list(frame.columns) == ["child_id", "given_name", SOURCE_ROW]


def test_export_columns_match_ignoring_case_and_spaces() -> None:
    raw = raw_table({"Case  No": ["1"], "FIRST": ["Asha"]})
    mapping = TableMapping.from_columns({"child_id": "case no", "given_name": "first"})
    resolved = {r.name: r for r in resolve_columns(raw.columns, mapping, CHILDREN)}
    assert resolved["child_id"].sources == ("Case  No",)
    assert resolved["given_name"].sources == ("FIRST",)


def test_missing_export_columns_are_resolved_as_missing() -> None:
    mapping = TableMapping.from_columns({"full_name": ["first", "father"]})
    resolved = {r.name: r for r in resolve_columns(["first"], mapping, CHILDREN)}
    assert resolved["full_name"].sources == ("first",)
    assert resolved["full_name"].missing == ("father",)
    assert resolved["full_name"].mapped


def test_unknown_canonical_name_in_python_mapping() -> None:
    raw = raw_table({"a": ["1"]})
    with pytest.raises(ConfigError, match="'requester_name' is not a canonical column of children"):
        apply_mapping(raw, TableMapping.from_columns({"requester_name": "a"}), CHILDREN)


def test_sought_id_is_made_from_request_id() -> None:
    raw = raw_table(
        {"tr": ["T1", "T2", "T1", None, "T1"], "child": ["Asha", "Bilal", "Chaker", "D", "E"]}
    )
    mapping = TableMapping.from_columns({"request_id": "tr", "full_name": "child"})
    frame = apply_mapping(raw, mapping, REQUESTS)
    assert frame["sought_id"].tolist() == ["T1#1", "T2#1", "T1#2", None, "T1#3"]
    assert list(frame.columns)[:2] == ["request_id", "sought_id"]


def test_mapped_sought_id_is_kept() -> None:
    raw = raw_table({"request_id": ["T1", "T1"], "sought_id": ["S9", "S8"]})
    assert apply_mapping(raw, None, REQUESTS)["sought_id"].tolist() == ["S9", "S8"]


def test_empty_table_maps_to_empty_frame() -> None:
    raw = raw_table({"child_id": []})
    frame = apply_mapping(raw, None, CHILDREN)
    assert list(frame.columns) == ["child_id", SOURCE_ROW] and len(frame) == 0


@given(st.lists(st.one_of(st.none(), st.sampled_from(["A", "B", "C", "D"])), max_size=40))
def test_sought_ids_are_unique_and_count_within_request(request_ids: list[str | None]) -> None:
    sought = make_sought_ids(request_ids)
    made = [s for s in sought if s is not None]
    assert len(made) == len(set(made))
    for index, (request_id, sought_id) in enumerate(zip(request_ids, sought, strict=True)):
        if request_id is None:
            assert sought_id is None
            continue
        k = request_ids[: index + 1].count(request_id)
        assert sought_id == f"{request_id}#{k}"
