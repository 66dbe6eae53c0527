"""Sex, yes/no and age parsing (kintrace.values). All data here is made up."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.values import (
    ParsedColumn,
    factorize_text,
    normalise_text,
    parse_age,
    parse_flag,
    parse_sex,
    placeholder_mask,
)

PLACEHOLDERS = [
    "UNKNOWN", "Unbekannt", "INCONNU", "sconosciuto", "N/A", "NA", "n.a.", "-", "--", "?",
    "0", "00/00/0000", "غير معروف", "неизвестно", "", "   ", "n/k",
]  # fmt: skip


def one(parser: object, text: str | None) -> tuple[object, bool]:
    """Parse a single cell: (value, unparseable)."""
    assert callable(parser)
    result = parser(pd.Series([text], dtype=object))
    assert isinstance(result, ParsedColumn)
    return result.values.iloc[0], bool(result.unparseable[0])


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  MÄRZ ", "marz"),
        ("Garçon", "garcon"),
        ("١٣", "13"),
        ("۱۳", "13"),
        ("１３", "13"),  # full-width digits
        ("أنثى", "انثي"),
        ("انثى", "انثي"),
        ("Straße", "strasse"),
        ("a\u200f b", "a b"),  # right-to-left mark copied with Arabic text
        ("'13'", "13"),
        ("12–14", "12-14"),  # en dash
    ],
)
def test_normalise_text(raw: str, folded: str) -> None:
    assert normalise_text(pd.Series([raw])).tolist() == [folded]


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_placeholders_are_recognised(text: str) -> None:
    assert placeholder_mask(normalise_text(pd.Series([text]))).tolist() == [True]


@pytest.mark.parametrize("text", ["00/00/2010", "13", "male", "0.5", "no"])
def test_values_are_not_placeholders(text: str) -> None:
    assert placeholder_mask(normalise_text(pd.Series([text]))).tolist() == [False]


def test_factorize_text_codes_point_at_values_and_missing_at_the_end() -> None:
    col = factorize_text(pd.Series(["a", None, "B", "a", np.nan, 7], dtype=object))
    assert col.text.tolist() == ["a", "b", "7"]
    assert col.codes.tolist() == [0, 3, 1, 0, 3, 2]
    assert col.expand(np.array([1, 2, 3]), 0).tolist() == [1, 0, 2, 1, 0, 3]


# --- sex -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English and Primero lookup values
        ("male", "m"), ("Female", "f"), ("M", "m"), ("f", "f"), ("boy", "m"), ("GIRL", "f"),
        ("m.", "m"),
        # French: H = homme = male, F = femme = female
        ("masculin", "m"), ("Féminin", "f"), ("feminin", "f"), ("garçon", "m"),
        ("GARCON", "m"), ("fille", "f"), ("homme", "m"), ("femme", "f"), ("H", "m"),
        # German: W = weiblich
        ("männlich", "m"), ("MAENNLICH", "m"), ("weiblich", "f"), ("W", "f"),
        ("Junge", "m"), ("Mädchen", "f"), ("madchen", "f"),
        # Italian, Spanish, Greek
        ("maschio", "m"), ("Femmina", "f"), ("masculino", "m"), ("niña", "f"),
        ("Αγόρι", "m"), ("κορίτσι", "f"),
        # Arabic, with and without hamza, alef maksura written as ya
        ("ذكر", "m"), ("أنثى", "f"), ("انثى", "f"), ("انثي", "f"),
        # Russian and Ukrainian
        ("мужской", "m"), ("Женский", "f"), ("М", "m"), ("ж", "f"),
        ("чоловіча", "m"), ("жіноча", "f"),
        # recognised, neither male nor female
        ("other", None), ("Autre", None), ("divers", None), ("X", None),
    ],
)  # fmt: skip
def test_parse_sex_words(text: str, expected: str | None) -> None:
    assert one(parse_sex, text) == (expected, False)


@pytest.mark.parametrize("text", ["G", "zz", "mf", "12"])
def test_parse_sex_unparseable(text: str) -> None:
    assert one(parse_sex, text) == (None, True)


@pytest.mark.parametrize("text", [*PLACEHOLDERS, None])
def test_parse_sex_placeholders_are_missing(text: str | None) -> None:
    assert one(parse_sex, text) == (None, False)


def test_parse_sex_keeps_the_index() -> None:
    values = pd.Series(["F", None, "boy"], index=[10, 20, 30], dtype=object)
    result = parse_sex(values)
    assert result.values.index.tolist() == [10, 20, 30]
    assert result.values.tolist() == ["f", None, "m"]
    assert result.unparseable.dtype == np.bool_


_SEX_WORDS = ["male", "female", "masculin", "weiblich", "femmina", "garçon", "homme"]


@given(word=st.sampled_from(_SEX_WORDS), data=st.data())
@settings(max_examples=50, deadline=None)
def test_parse_sex_ignores_case_and_padding(word: str, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    cased = "".join(c.upper() if f else c for c, f in zip(word, flips, strict=True))
    assert one(parse_sex, f"  {cased} ") == one(parse_sex, word)


# --- flags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True),
        ("0", False), ("Y", True), ("n", False), ("oui", True), ("NON", False),
        ("ja", True), ("Nein", False), ("sì", True), ("si", True), ("no", False),
        ("نعم", True), ("لا", False), ("да", True), ("нет", False), ("так", True),
        ("ні", False), ("1.0", True), ("yes.", True),
    ],
)  # fmt: skip
def test_parse_flag_words(text: str, expected: bool) -> None:
    assert one(parse_flag, text) == (expected, False)


@pytest.mark.parametrize("text", ["maybe", "2", "yess", "ok?"])
def test_parse_flag_unparseable(text: str) -> None:
    assert one(parse_flag, text) == (None, True)


@pytest.mark.parametrize("text", ["UNKNOWN", "N/A", "-", "?", "", None])
def test_parse_flag_placeholders_are_missing(text: str | None) -> None:
    assert one(parse_flag, text) == (None, False)


def test_parse_flag_values_are_python_bools_or_none() -> None:
    values = parse_flag(pd.Series(["yes", "no", None])).values
    assert values.tolist() == [True, False, None]
    assert values.astype("boolean").isna().tolist() == [False, False, True]


# --- ages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13", 13.0), ("13.5", 13.5), ("13,5", 13.5), ("~13", 13.0), ("about 13", 13.0),
        ("approx. 13", 13.0), ("ca. 13", 13.0), ("13 years", 13.0), ("13 yrs", 13.0),
        ("13 ans", 13.0), ("13 Jahre", 13.0), ("13 anni", 13.0), ("13 лет", 13.0),
        ("13 سنة", 13.0), ("١٣", 13.0), ("۱۳", 13.0), ("١٣٫٥", 13.5), ("12-14", 13.0),
        ("12 – 14 years", 13.0), ("12 to 15", 13.5), ("environ 13 ans", 13.0),
        ("13 years old", 13.0), ("13?", 13.0), ("(13)", 13.0), ("6 months", 0.5),
        ("18 mois", 1.5), ("2 years 6 months", 2.5), ("0.5", 0.5), ("120", 120.0),
    ],
)  # fmt: skip
def test_parse_age_shapes(text: str, expected: float) -> None:
    value, bad = one(parse_age, text)
    assert not bad
    assert value == pytest.approx(expected)


@pytest.mark.parametrize("text", ["-5", "121", "200 years", "14-12", "thirteen", "13/05/2010"])
def test_parse_age_unparseable(text: str) -> None:
    value, bad = one(parse_age, text)
    assert bad
    assert math.isnan(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [*PLACEHOLDERS, None])
def test_parse_age_placeholders_are_missing(text: str | None) -> None:
    value, bad = one(parse_age, text)
    assert not bad
    assert math.isnan(value)  # type: ignore[arg-type]


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@given(
    tenths=st.lists(st.integers(1, 1200), min_size=1, max_size=30),
    digits=st.sampled_from([None, _ARABIC_INDIC, _PERSIAN]),
    comma=st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_parse_age_reads_back_any_formatted_age(
    tenths: list[int], digits: dict[int, str] | None, comma: bool
) -> None:
    texts = [f"{t // 10}.{t % 10}" for t in tenths]
    if comma:
        texts = [t.replace(".", ",") for t in texts]
    if digits is not None:
        texts = [t.translate(digits) for t in texts]
    result = parse_age(pd.Series(texts))
    assert not result.unparseable.any()
    np.testing.assert_allclose(result.values.to_numpy(), np.array(tenths) / 10)


# --- any text --------------------------------------------------------------------------------


@given(st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=20))
@settings(max_examples=100, deadline=None)
def test_parsers_never_raise_and_keep_shape(cells: list[str | None]) -> None:
    values = pd.Series(cells, dtype=object)
    for parser in (parse_sex, parse_flag, parse_age):
        result = parser(values)
        assert len(result.values) == len(values)
        assert result.unparseable.shape == (len(values),)
        assert result.unparseable.dtype == np.bool_
        # Missing cells are never unparseable.
        assert not result.unparseable[values.isna().to_numpy()].any()
