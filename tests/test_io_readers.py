"""Readers: encodings, delimiters, BOMs, Excel cells, Parquet, and read errors.

Every name, date and place below is made up.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kintrace.errors import ConfigError, ReadError
from kintrace.io import RawTable, read_table
from kintrace.io._csv import sniff_delimiter
from kintrace.io._rawtable import cell_to_text, clean_headers, column_letter

ROWS = [
    ["child_id", "given_name", "family_name"],
    ["007", "Yusra", "Haddan"],
    ["008", "Oleksa", "Brivko"],
]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def values(table: RawTable) -> list[list[str | None]]:
    return [list(row) for row in table.frame.itertuples(index=False)]


# --------------------------------------------------------------------------- encodings

ARABIC = [["child_id", "given_name"], ["1", "يسرى"], ["2", "محمد"]]
CYRILLIC = [["child_id", "given_name"], ["1", "Олекса"], ["2", "Сергій"]]
LATIN = [["child_id", "given_name"], ["1", "Zoë"], ["2", "Mamadou Cissé"]]


@pytest.mark.parametrize(
    ("rows", "encode", "encoding", "delimiter"),
    [
        pytest.param(LATIN, "utf-8", None, ",", id="utf-8"),
        pytest.param(ARABIC, "utf-8-sig", None, ",", id="utf-8-bom"),
        pytest.param(CYRILLIC, "utf-16", None, "\t", id="utf-16-bom-native"),
        pytest.param(ARABIC, "utf-16-le+bom", None, "\t", id="utf-16-le-bom"),
        pytest.param(CYRILLIC, "utf-16-be+bom", None, "\t", id="utf-16-be-bom"),
        pytest.param(ARABIC, "cp1256", "cp1256", ",", id="cp1256"),
        pytest.param(CYRILLIC, "cp1251", "cp1251", ";", id="cp1251"),
        pytest.param(LATIN, "latin-1", "latin-1", ",", id="latin-1"),
        pytest.param(LATIN, "utf-8-sig", "utf-8", ",", id="explicit-utf-8-with-bom"),
    ],
)
def test_encodings(
    tmp_path: Path,
    rows: list[list[str]],
    encode: str,
    encoding: str | None,
    delimiter: str,
) -> None:
    text = csv_text(rows, delimiter)
    if encode.endswith("+bom"):
        codec = encode.removesuffix("+bom")
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + text.encode(codec)
    else:
        data = text.encode(encode)
    path = tmp_path / "export.txt"
    path.write_bytes(data)
    table = read_table(path, encoding=encoding)
    assert table.columns == tuple(rows[0])
    assert values(table) == rows[1:]
    assert table.source_rows.tolist() == [2, 3]


def test_not_utf8_without_encoding_names_offset_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "arabic.csv"
    path.write_bytes(csv_text(ARABIC).encode("cp1256"))
    with pytest.raises(ReadError) as info:
        read_table(path)
    message = str(info.value)
    assert "--encoding" in message and "cp1256" in message and "cp1251" in message
    assert "latin-1" in message
    assert "offset 23" in message and "line 2" in message
    assert str(path) in message
    assert "يسرى" not in message


def test_wrong_explicit_encoding_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cyr.csv"
    path.write_bytes(csv_text(CYRILLIC).encode("cp1251"))
    with pytest.raises(ReadError, match=r"encoding 'utf-8'.*offset \d+ \(line 2\)"):
        read_table(path, encoding="utf-8")


def test_unknown_encoding_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown encoding 'cp9999'"):
        read_table(path, encoding="cp9999")


def test_utf16_without_bom_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(csv_text(LATIN, "\t").encode("utf-16-le"))
    with pytest.raises(ReadError, match="--encoding utf-16-le"):
        read_table(path)
    assert values(read_table(path, encoding="utf-16-le")) == LATIN[1:]


def test_bom_wins_over_a_code_page(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(csv_text(ARABIC).encode("utf-8-sig"))
    table = read_table(path, encoding="cp1256")
    assert values(table) == ARABIC[1:]
    assert any("byte-order mark" in note for note in table.notes)


# --------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".txt"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str, suffix: str) -> None:
    rows = [*ROWS, ["009", "Amani, Jo", "Tesfai|Ghebre"]]
    path = tmp_path / f"export{suffix}"
    path.write_text(csv_text(rows, delimiter), encoding="utf-8")
    table = read_table(path)
    assert table.columns == tuple(ROWS[0])
    assert values(table) == rows[1:]


@pytest.mark.parametrize(
    ("given", "actual"), [(",", ","), (";", ";"), ("tab", "\t"), ("\\t", "\t"), ("|", "|")]
)
def test_explicit_delimiter(tmp_path: Path, given: str, actual: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS, actual), encoding="utf-8")
    assert values(read_table(path, delimiter=given)) == ROWS[1:]


def test_bad_delimiter_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    with pytest.raises(ConfigError, match="one character"):
        read_table(path, delimiter=";;")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ('a|b\n"x|y"|2\n', "|"),
        ("only\n1\n", ","),
    ],
)
def test_sniff_delimiter_table(text: str, expected: str) -> None:
    assert sniff_delimiter(text) == expected


# --------------------------------------------------------------------------- CSV cells and rows


def test_text_cells_are_stripped_and_empty_cells_none(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "\ufeff child_id , given_name ,\u00a0dob\n007,  Asha ,   \n 0012 ,,\u00a0\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.columns == ("child_id", "given_name", "dob")
    assert values(table) == [["007", "Asha", None], ["0012", None, None]]
    assert table.frame.dtypes.tolist() == [np.dtype(object)] * 3


def test_row_numbers_follow_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('child_id,note\n1,"two\nlines"\n\n2,x\n,\n3,y\n', encoding="utf-8", newline="")
    table = read_table(path)
    assert table.frame["child_id"].tolist() == ["1", "2", "3"]
    assert table.frame["note"].tolist()[0] == "two\nlines"
    # header 1; "1" at 2 (its quoted newline stays in the cell); a blank row 3; 2 at 4;
    # an empty row 5 is dropped; 3 at 6.
    assert table.source_rows.tolist() == [2, 4, 6]
    assert table.source_rows.dtype == np.int64


def test_short_rows_are_padded(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1\n2,3,4,,\n", encoding="utf-8")
    assert values(read_table(path)) == [["1", None, None], ["2", "3", "4"]]


def test_long_rows_are_refused_without_values(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("child_id,given_name\n1,Asha\n2,Haddan,Yusra\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_table(path, delimiter=",")
    message = str(info.value)
    assert "row 3" in message and "3 fields" in message
    assert "Yusra" not in message and "Haddan" not in message


def test_repeated_and_empty_headers(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name,Name,,x\nAsha,Yusra,z,\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ("name", "Name.1", "unnamed_C", "x")
    assert len(table.notes) == 2
    assert all("Asha" not in n for n in table.notes)


@pytest.mark.parametrize(
    ("content", "columns"),
    [
        (b"", ()),
        (b"\xef\xbb\xbf", ()),
        (b"\n\n", ()),
        (b"child_id,given_name\r\n", ("child_id", "given_name")),
    ],
)
def test_empty_files_give_empty_tables(
    tmp_path: Path, content: bytes, columns: tuple[str, ...]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    table = read_table(path)
    assert table.columns == columns
    assert len(table) == 0
    assert table.source_rows.tolist() == []


# --------------------------------------------------------------------------- Excel


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_cells_become_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "cases": [
                ["child_id", "dob", "registered", "age", "height", "consent", "name "],
                [
                    7,
                    dt.datetime(2012, 3, 4),
                    dt.datetime(2024, 1, 2, 13, 45),
                    12.0,
                    1.5,
                    True,
                    " Asha ",
                ],
                ["0012", dt.date(2010, 1, 1), None, 3, None, False, None],
            ]
        },
    )
    table = read_table(path)
    assert table.sheet == "cases"
    assert table.columns == ("child_id", "dob", "registered", "age", "height", "consent", "name")
    assert values(table) == [
        ["7", "2012-03-04", "2024-01-02T13:45:00", "12", "1.5", "true", "Asha"],
        ["0012", "2010-01-01", None, "3", None, "false", None],
    ]


def test_xlsx_sheet_choice_and_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "first": [["a"], ["1"]],
            "second": [[None], ["request_id", "x"], ["T1", None], [None, None], ["T2", "y"]],
        },
    )
    assert read_table(path).sheet == "first"
    table = read_table(path, sheet="second")
    assert table.columns == ("request_id", "x")
    assert table.source_rows.tolist() == [3, 5]
    assert read_table(path, sheet="SECOND ").sheet == "second"


def test_xlsx_unknown_sheet_names_the_nearest(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", {"cases": [["a"]], "requests": [["b"]]})
    with pytest.raises(ReadError, match=r"no sheet named 'case'\. Did you mean 'cases'\?"):
        read_table(path, sheet="case")


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", {"empty": []})
    table = read_table(path)
    assert table.columns == () and len(table) == 0


def test_xlsm_is_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", {"s": [["a"], ["1"]]})
    macro = path.rename(tmp_path / "x.xlsm")
    assert values(read_table(macro)) == [["1"]]


# --------------------------------------------------------------------------- Parquet


def test_parquet_columns_become_text(tmp_path: Path) -> None:
    table = pa.table(
        {
            "child_id": pa.array(["007", "008", None]),
            "age": pa.array([12.0, 7.5, None]),
            "count": pa.array([1, 2, 3], type=pa.int64()),
            "dob": pa.array([dt.date(2010, 1, 2), None, dt.date(2011, 5, 6)]),
            "seen": pa.array(
                [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, 8, 30), None],
                type=pa.timestamp("ns"),
            ),
            "aliases": pa.array([["Asha", "Ash"], [], None]),
        }
    )
    path = tmp_path / "children.parquet"
    pq.write_table(table, path)
    raw = read_table(path)
    assert values(raw) == [
        ["007", "12", "1", "2010-01-02", "2024-01-01", "Asha; Ash"],
        ["008", "7.5", "2", None, "2024-01-01T08:30:00", None],
        [None, None, "3", "2011-05-06", None, None],
    ]
    assert raw.source_rows.tolist() == [2, 3, 4]


def test_parquet_from_pandas_pq_suffix(tmp_path: Path) -> None:
    path = tmp_path / "x.pq"
    pd.DataFrame({"a": ["1", " x "], "b": [None, "y"]}).to_parquet(path)
    assert values(read_table(path)) == [["1", None], ["x", "y"]]


# --------------------------------------------------------------------------- read errors


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("missing.csv", None, "no such file"),
        ("registry.json", b"{}", r"unsupported file type \('.json'\)"),
        ("registry", b"a,b", "unsupported file type"),
        ("old.xls", b"\xd0\xcf\x11\xe0", r"save it as \.xlsx"),
        ("broken.xlsx", b"this is not a zip", r"not a readable \.xlsx"),
        ("broken.parquet", b"PAR1 nonsense", "not a readable Parquet"),
        ("renamed.csv", b"PK\x03\x04\x14\x00", r"not a text file.*\.xlsx suffix"),
    ],
)
def test_read_errors_name_the_path_and_a_fix(
    tmp_path: Path, name: str, content: bytes | None, pattern: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError, match=pattern) as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_table(folder)


# --------------------------------------------------------------------------- cells (properties)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("", None),
        ("  \t ", None),
        (" a b ", "a b"),
        (12.0, "12"),
        (-3.0, "-3"),
        (0.1, "0.1"),
        (float("nan"), None),
        (5, "5"),
        (True, "true"),
        (dt.datetime(2020, 2, 29), "2020-02-29"),
        (dt.datetime(2020, 2, 29, 0, 0, 0, 500), "2020-02-29"),
        (dt.datetime(2020, 2, 29, 6, 5), "2020-02-29T06:05:00"),
        (dt.date(1999, 12, 31), "1999-12-31"),
        (np.int64(7), "7"),
        (np.float64(2.0), "2"),
        (pd.Timestamp("2021-07-01"), "2021-07-01"),
    ],
)
def test_cell_to_text_table(value: object, text: str | None) -> None:
    assert cell_to_text(value) == text


@given(st.integers(min_value=-(2**52), max_value=2**52))
def test_integral_floats_read_as_integers(n: int) -> None:
    assert cell_to_text(float(n)) == str(n)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_text_round_trips(x: float) -> None:
    text = cell_to_text(x)
    assert text is not None and float(text) == x


@given(st.integers(min_value=0, max_value=20_000))
def test_column_letters_are_bijective_base_26(index: int) -> None:
    letters = column_letter(index)
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - ord("A") + 1)
    assert number - 1 == index


@given(st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=8))
def test_clean_headers_are_unique_and_non_empty(cells: list[str | None]) -> None:
    headers, _ = clean_headers(cells)
    assert len(headers) == len(cells)
    assert all(h for h in headers)
    assert len({h.casefold() for h in headers}) == len(headers)


# Printable cell text without the characters csv quoting cannot carry through unchanged
# (a bare "\r" becomes a newline) or that str.strip() removes at the edges.
CELL = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff\u200b"
    ),
    max_size=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_csv_round_trip(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    header = ["child_id", "given_name", "family_name"]
    path = tmp_path / "round.csv"
    path.write_bytes(csv_text([header, *rows], delimiter).encode(encoding))
    table = read_table(path, delimiter=delimiter)
    expected = [
        (number, [cell_to_text(v) for v in row])
        for number, row in enumerate(rows, start=2)
        if any(cell_to_text(v) is not None for v in row)
    ]
    assert table.columns == tuple(header)
    assert values(table) == [row for _, row in expected]
    assert table.source_rows.tolist() == [number for number, _ in expected]
