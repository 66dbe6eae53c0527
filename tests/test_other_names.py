"""Other names (aliases, nicknames, other spellings) and the original-script name as evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kintrace
from kintrace.comparisons import (
    OtherNameExact,
    OtherNameSimilarity,
    default_comparisons,
    encode_tables,
    other_names_comparison,
)
from kintrace.io import load_mapping, load_registry
from kintrace.scoring import compute_levels
from kintrace.standardise import STANDARD_COLUMNS, standardise

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAME = "same as the other record's name"
SIMILAR_90 = "similar to the other record's name (score ≥ 0.9)"
SIMILAR_80 = "similar to the other record's name (score ≥ 0.8)"
NO_CLOSER = "no closer than the main names"


def _frame(kind: str, rows: list[dict[str, str | None]]) -> pd.DataFrame:
    id_column = "child_id" if kind == "children" else "request_id"
    frame = pd.DataFrame([{id_column: f"X{i}", **row} for i, row in enumerate(rows)])
    return frame.astype(object).where(frame.notna(), None)


def _levels(
    children: list[dict[str, str | None]],
    requests: list[dict[str, str | None]],
    comparison: kintrace.Comparison | None = None,
) -> list[str]:
    """The other-names label of each (children[i], requests[i])."""
    comparison = comparison or other_names_comparison()
    left = standardise(_frame("children", children), "children").frame
    right = standardise(_frame("requests", requests), "requests").frame
    tables = encode_tables(left, right, text_columns=comparison.text_columns(), numeric_columns=())
    pairs = np.arange(len(children))
    levels = compute_levels((comparison,), tables, pairs, pairs)[:, 0]
    return [comparison.level_labels()[level] for level in levels]


MARIAM = {"given_name": "Mariam", "family_name": "Haddad"}

CASES = [
    pytest.param(
        {**MARIAM, "other_names": "Mimi"}, {"given_name": "Mimi"}, SAME, id="nickname-is-the-name"
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi"},
        {"given_name": "Mimi", "family_name": "Haddad"},
        SIMILAR_80,
        id="nickname-as-given-name",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi Haddad"},
        {"full_name": "Mimi Haddad"},
        SAME,
        id="full-other-name",
    ),
    pytest.param(
        {"given_name": "Abebe", "family_name": "Kebede", "name_original_script": "ሚካኤል ካሌብ ሓጎስ"},
        {"full_name": "Mikael Kaleb Hagos"},
        SAME,
        id="ethiopic-original-script-is-the-latin-name",
    ),
    pytest.param(
        {"full_name": "Jusuf Hasan", "name_original_script": "يوسف محمد حسن"},
        {"full_name": "Yusuf Mohamed Hassan"},
        SIMILAR_90,
        id="arabic-original-script-beats-the-latin-name",
    ),
    pytest.param(MARIAM, {"given_name": "Mimi"}, "missing", id="no-other-names"),
    pytest.param(
        {**MARIAM, "other_names": "Maryam"},
        {"given_name": "Maryam"},
        "missing",
        id="own-name-in-another-spelling-is-no-other-name",
    ),
    pytest.param(
        {**MARIAM, "other_names": "UNKNOWN; N/A | -"},
        {"given_name": "Mimi"},
        "missing",
        id="placeholders-ignored",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi"},
        {"full_name": "unknown"},
        "missing",
        id="nothing-to-compare",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Fati; Mimi"}, {"given_name": "Mimi"}, SAME, id="semicolon"
    ),
    pytest.param({**MARIAM, "other_names": "Fati|Mimi"}, {"given_name": "Mimi"}, SAME, id="bar"),
    pytest.param(
        {**MARIAM, "other_names": " Fati | UNKNOWN ;Mimi "},
        {"given_name": "Mimi"},
        SAME,
        id="both-separators-and-a-placeholder",
    ),
    pytest.param(
        MARIAM,
        {"given_name": "Layla", "other_names": "Mariam Haddad"},
        SAME,
        id="other-name-on-the-request",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi"},
        {"full_name": "unknown", "other_names": "Mimi"},
        SAME,
        id="other-names-on-both-sides",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi"},
        {"given_name": "Mariam", "family_name": "Haddad"},
        NO_CLOSER,
        id="main-names-already-agree",
    ),
    pytest.param(
        {**MARIAM, "other_names": "Mimi"},
        {"given_name": "Layla", "family_name": "Osman"},
        NO_CLOSER,
        id="different-child",
    ),
]


@pytest.mark.parametrize(("child", "sought", "label"), CASES)
def test_other_names_levels(child: dict[str, str], sought: dict[str, str], label: str) -> None:
    assert _levels([child], [sought]) == [label]


def test_without_beyond_name_the_main_names_do_not_hide_other_names() -> None:
    plain = other_names_comparison(beyond_name=False)
    longer = {**MARIAM, "other_names": "Mariam Haddad Ali"}
    # The main names are the same: by default the other name adds nothing ...
    assert _levels([longer], [MARIAM]) == [NO_CLOSER]
    # ... without beyond_name it counts for itself.
    assert _levels([longer], [MARIAM], plain) == [SIMILAR_90]
    assert _levels([{**MARIAM, "other_names": "Mimi"}], [MARIAM], plain) == ["different"]
    assert _levels([{**MARIAM, "other_names": "Mimi"}], [{"given_name": "Mimi"}], plain) == [SAME]


def test_alt_names_column() -> None:
    frame = _frame(
        "children",
        [
            {**MARIAM, "other_names": "Mimi; MIMI | Mariam | mariam haddad", "sex": "f"},
            {**MARIAM, "other_names": "Mimi", "name_original_script": "مريم يوسف حداد"},
            {"name_original_script": "مريم يوسف حداد", "other_names": "Mimi"},
            {**MARIAM, "other_names": "unknown|N/A"},
            {**MARIAM, "other_names": "Abdul Rahman; abdul-rahman"},
            {**MARIAM, "other_names": "Maryam; Mariam Hadad", "name_original_script": "مريم حداد"},
            {**MARIAM},
        ],
    )
    table = standardise(frame, "children").frame
    assert "alt_names" in STANDARD_COLUMNS
    assert list(table.columns) == list(STANDARD_COLUMNS)
    # pandas 3 stores a text column as str, missing values as NaN: compare as None.
    alt_names = [v if isinstance(v, str) else None for v in table["alt_names"]]
    assert alt_names == [
        # Repeats and names the main name already holds are dropped.
        "mimi",
        # The original script is an other name when the name came from the Latin boxes ...
        "mimi | mrym ywsf hdad",
        # ... and the name itself when it is the only name.
        "mimi",
        None,
        # Standard forms: one compound, once.
        "abdulrahman",
        # The main name again in another spelling or script adds nothing.
        None,
        None,
    ]
    assert table.loc[2, "name"] == "mrym ywsf hdad"


def test_link_uses_other_names() -> None:
    mapping = load_mapping("examples")
    children = load_registry(EXAMPLES / "children.csv", "children", mapping.children).frame
    requests = load_registry(EXAMPLES / "requests.csv", "requests", mapping.requests).frame
    truth = pd.read_csv(EXAMPLES / "truth_links.csv", dtype=str)
    # A true link whose request gives an exact date of birth: the child is also known as
    # "Zizou", and the request knows the child by that name alone.
    requests = requests.copy()
    children = children.copy()
    dated = requests["date_of_birth"].fillna("").str.count(r"[/.-]") == 2
    link = truth[truth["sought_id"].isin(requests.loc[dated, "sought_id"])].iloc[0]
    child_row = children.index[children["child_id"] == link["child_id"]][0]
    request_row = requests.index[requests["sought_id"] == link["sought_id"]][0]
    children.loc[child_row, "other_names"] = "Zizou"
    children.loc[child_row, ["date_of_birth", "sex"]] = requests.loc[
        request_row, ["date_of_birth", "sex"]
    ].to_numpy()
    for column in ("full_name", "given_name", "middle_name", "family_name"):
        requests.loc[request_row, column] = None
    requests.loc[request_row, ["given_name", "name_original_script"]] = ["Zizou", None]

    result = kintrace.link(children, requests)

    assert [c.name for c in result.model.comparisons] == [c.name for c in default_comparisons()]
    assert "other_names" in [c.name for c in default_comparisons()]
    candidates = result.candidates
    assert {"other_names_level", "other_names_weight"} <= set(candidates.columns)
    pair = candidates[
        (candidates["sought_id"] == link["sought_id"])
        & (candidates["child_id"] == link["child_id"])
    ]
    assert len(pair) == 1
    assert pair["other_names_level"].iloc[0] == SAME
    assert pair["other_names_weight"].iloc[0] > 0
    assert f"other names or original script: {SAME}" in pair["reasons"].iloc[0]
    # Pairs with no other names on either side carry no evidence either way.
    missing = candidates["other_names_level"] == "missing"
    assert missing.any()
    assert (candidates.loc[missing, "other_names_weight"] == 0).all()


def test_levels_are_exported_and_validated() -> None:
    assert isinstance(other_names_comparison().levels[0], OtherNameExact)
    with pytest.raises(ValueError, match="threshold"):
        OtherNameSimilarity(1.5)


_NAMES = st.sampled_from(
    ["Mariam", "Mimi", "Mohamed Ali", "محمد علي", "Maxamed Cali", "Олександр", "UNKNOWN", "", " "]
)
# Arbitrary text, with the list separators and placeholders mixed in.
_ALIASES = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.lists(st.one_of(_NAMES, st.text(max_size=12)), max_size=4).map("; ".join),
    st.lists(st.one_of(_NAMES, st.text(max_size=12)), max_size=4).map(" | ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alias=_ALIASES, child_name=_NAMES, request_name=_NAMES, script=st.one_of(st.none(), _NAMES))
def test_any_alias_text_and_either_side(
    alias: str | None, child_name: str, request_name: str, script: str | None
) -> None:
    # Never raises, whatever the alias text; the same level whichever side holds the alias.
    holder = {"full_name": child_name, "other_names": alias, "name_original_script": script}
    other = {"full_name": request_name}
    on_child = _levels([holder], [other])
    on_request = _levels([other], [holder])
    assert on_child == on_request
    assert on_child[0] in other_names_comparison().level_labels()
