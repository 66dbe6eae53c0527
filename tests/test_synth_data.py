"""The generator's name tables: well formed, big enough, and native forms that agree.

The tables are data written by hand (see ``src/kintrace/synth/data/README.md``); these checks
keep a new row from breaking them: duplicates that would split one name's frequency in two,
a variant that is another name, a native form in the wrong script or of another name.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from importlib import resources

import pytest
from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

DATA = resources.files("kintrace.synth") / "data"

_ARABIC = r"\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"
_ETHIOPIC = r"\u1200-\u139F"
_CYRILLIC = r"\u0400-\u04FF\u02BC'\-"
_SCRIPT = {
    "arabic": re.compile(f"[{_ARABIC} ]+"),
    "dari_pashto": re.compile(f"[{_ARABIC} ]+"),
    "somali": re.compile(f"[{_ARABIC} ]+"),
    "tigrinya_amharic": re.compile(f"[{_ETHIOPIC} /]+"),
    "west_african": re.compile(""),  # written in Latin script: no native column in use
}
# At least this many names per sex (given) or in all (family): "hundreds where sources allow".
_MIN_GIVEN = {"ukrainian_russian": 150}
_MIN_GIVEN_DEFAULT = 200
_MIN_FAMILY = 120

LATIN_GIVEN = ["arabic", "dari_pashto", "somali", "tigrinya_amharic", "west_african"]
LATIN_FAMILY = ["arabic", "dari_pashto", "west_african"]


def _read(name: str) -> tuple[str, list[dict[str, str]]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return text, list(csv.DictReader(io.StringIO(text)))


def _by_sex(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(row.get("sex", ""), []).append(row)
    return groups


ALL_TABLES = [f"given_{c}.csv" for c in [*LATIN_GIVEN, "ukrainian_russian"]] + [
    f"family_{c}.csv" for c in [*LATIN_FAMILY, "ukrainian_russian"]
]


@pytest.mark.parametrize("table", ALL_TABLES)
def test_table_is_clean_text(table: str) -> None:
    text, rows = _read(table)
    assert not text.startswith("\ufeff")
    assert unicodedata.normalize("NFC", text) == text
    for line_no, row in enumerate(rows, start=2):
        for column, value in row.items():
            assert value == value.strip(), f"{table}:{line_no}:{column} has spaces around it"


@pytest.mark.parametrize("table", ALL_TABLES)
def test_weights_fall_with_rank(table: str) -> None:
    """Rows are listed most common first, so weights never rise within a sex."""
    _, rows = _read(table)
    for sex, group in _by_sex(rows).items():
        weights = [float(r["weight"]) for r in group]
        assert all(w > 0 for w in weights)
        assert weights == sorted(weights, reverse=True), f"{table} {sex}"
        assert weights[0] >= 20 * weights[-1], "a Zipf-like table: the head is far above the tail"


@pytest.mark.parametrize("culture", [*LATIN_GIVEN, "ukrainian_russian"])
def test_hundreds_of_given_names_per_sex(culture: str) -> None:
    _, rows = _read(f"given_{culture}.csv")
    groups = _by_sex(rows)
    assert set(groups) == {"M", "F"}
    minimum = _MIN_GIVEN.get(culture, _MIN_GIVEN_DEFAULT)
    for sex, group in groups.items():
        assert len(group) >= minimum, f"{culture} {sex}: {len(group)} names"


@pytest.mark.parametrize("culture", [*LATIN_FAMILY, "ukrainian_russian"])
def test_family_name_tables_are_not_a_toy(culture: str) -> None:
    _, rows = _read(f"family_{culture}.csv")
    assert len(rows) >= _MIN_FAMILY


@pytest.mark.parametrize(
    "table", [f"given_{c}.csv" for c in LATIN_GIVEN] + [f"family_{c}.csv" for c in LATIN_FAMILY]
)
def test_each_latin_name_is_one_row(table: str) -> None:
    """A name and its spellings sit in one row; a variant is never another row's name."""
    _, rows = _read(table)
    for sex, group in _by_sex(rows).items():
        names = [r["name"].casefold() for r in group]
        assert len(names) == len(set(names)), f"{table} {sex}: duplicate names"
        canon = set(names)
        for row in group:
            variants = [v.casefold() for v in row["variants"].split("|") if v]
            assert len(variants) == len(set(variants)), row["name"]
            assert row["name"].casefold() not in variants, row["name"]
            clash = (set(variants) & canon) - {row["name"].casefold()}
            assert not clash, f"{table}: a variant of {row['name']} is also a row"


@pytest.mark.parametrize(
    ("table", "culture"),
    [(f"given_{c}.csv", c) for c in LATIN_GIVEN] + [(f"family_{c}.csv", c) for c in LATIN_FAMILY],
)
def test_native_forms_are_in_the_culture_script(table: str, culture: str) -> None:
    _, rows = _read(table)
    script = _SCRIPT[culture]
    for row in rows:
        if row["native"]:
            assert script.pattern, f"{table}: {row['name']} has a native form"
            assert script.fullmatch(row["native"]), f"{table}: native form of {row['name']}"


def test_cyrillic_tables_are_cyrillic() -> None:
    cyrillic = re.compile(f"[{_CYRILLIC}|]+")
    for table in ("given_ukrainian_russian.csv", "family_ukrainian_russian.csv"):
        _, rows = _read(table)
        for row in rows:
            for column in ("uk", "ru", "uk_patronymic", "ru_patronymic", "nicknames"):
                if row.get(column):
                    assert cyrillic.fullmatch(row[column]), f"{table}: {column} of row {row['uk']}"
    _, given = _read("given_ukrainian_russian.csv")
    for sex, group in _by_sex(given).items():
        names = [r["uk"] for r in group]
        assert len(names) == len(set(names)), sex


# --- native form against Latin forms --------------------------------------------------------
# A rough consonant skeleton: letters that romanisations swap freely fall in one class, vowels
# and the weak letters (h, w, y, ayn, hamza) go. The check only catches a native form that
# belongs to another name; spelling details are left to the reader of the table.
_CLASSES = (
    ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("ts", "s"), ("tz", "s"), ("zh", "s"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "h"),
    ("z", "d"), ("s", "d"), ("v", "w"), ("p", "b"), ("j", "g"),
)  # fmt: skip
_ARTICLE = re.compile(r"^(?:al|el|as|ad|ar|an|at|az)[-' ]")


def _skeleton(latin: str) -> str:
    text = unicodedata.normalize("NFKD", latin.casefold())
    text = "".join(ch for ch in text if ch.isalpha())
    for old, new in _CLASSES:
        text = text.replace(old, new)
    text = re.sub(r"[aeiouyhw]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _agreement(native: str, latin_forms: list[str]) -> float:
    has_article = any(_ARTICLE.match(f.casefold()) for f in latin_forms)
    if has_article and native.startswith("ال"):
        native = native[2:]
    latin = [_skeleton(_ARTICLE.sub("", f.casefold())) for f in latin_forms]
    # Final ta marbuta is silent (Fatima) or t (Hayat, Najat): try both readings.
    readings = {native, native.replace("ة", "ت")} if native.endswith("ة") else {native}
    return max(
        1 - Levenshtein.normalized_distance(_skeleton(anyascii(r)), form)
        for r in readings
        for form in latin
    )


@pytest.mark.parametrize(
    "table", [f"given_{c}.csv" for c in LATIN_GIVEN] + [f"family_{c}.csv" for c in LATIN_FAMILY]
)
def test_native_form_sounds_like_the_name(table: str) -> None:
    _, rows = _read(table)
    disagree = [
        row["name"]
        for row in rows
        if row["native"]
        and _agreement(row["native"], [row["name"], *row["variants"].split("|")]) < 0.5
    ]
    assert not disagree, f"{table}: native forms of other names? {disagree}"


def test_agreement_catches_a_native_form_of_another_name() -> None:
    assert _agreement("محمد", ["Muhammad", "Mohamed"]) == 1.0
    assert _agreement("يوسف", ["Muhammad", "Mohamed"]) < 0.5
    assert _agreement("ተስፋይ", ["Tesfay"]) == 1.0
    assert _agreement("ዮሃንስ", ["Tesfay"]) < 0.5
