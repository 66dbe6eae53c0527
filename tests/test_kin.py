"""Relation-aware evidence: what each requester's own data says about the sought child's family.

One case per relation, from the naming practice in ``../shared/domain.md``: an Arabic name
chain (given, father, grandfather), a child registered with the parents' and siblings' names,
and a request lodged by each kind of relative, written as registries write the relation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.comparisons import default_comparisons, encode_tables
from kintrace.kin import explain_age_gaps, kin_columns
from kintrace.scoring import compute_levels
from kintrace.standardise import standardise

# Yusuf, son of Ahmed son of Ali; his mother Fatima, daughter of Omar.
CHILD = {
    "child_id": "C1",
    "full_name": "Yusuf Ahmed Ali",
    "sex": "male",
    "date_of_birth": "2012-03-05",
    "father_name": "Ahmed Ali Hassan",
    "mother_name": "Fatima Omar Saleh",
    "sibling_names": "Khadija; Hamza; Bilal",
}
SOUGHT = {"request_id": "R1", "given_name": "Yusuf", "sex": "male", "request_date": "2024-05-01"}

# (relation as written, requester's name, requester's birth date, expected labels)
CASES = [
    # A parent's own name is the parent's name; the grandfathers then add nothing the
    # parents' names do not already say (the same family), and are not counted again.
    ("Mother", "Fatima Omar Saleh", "1988", {"mother_name": "exact", "grandfathers": "missing"}),
    ("father", "Ahmed Ali Hassan", "1980", {"father_name": "exact", "grandfathers": "missing"}),
    ("جد لأب", "Ali Hassan Saleh", "1955", {"grandfathers": "a grandfather's name agrees"}),
    ("grand-père maternel", "Omar Saleh", "1958", {"grandfathers": "a grandfather's name agrees"}),
    # A grandfather of unknown side may be either; here the mother's father.
    ("Grandfather", "Omar Saleh", "1958", {"grandfathers": "a grandfather's name agrees"}),
    # An uncle's or aunt's second name is their father's: the child's grandfather.
    ("عم", "Khalid Ali Hassan", "1978", {"grandfathers": "a grandfather's name agrees"}),
    ("tante maternelle", "Mariam Omar", "1990", {"grandfathers": "a grandfather's name agrees"}),
    ("uncle", "Khalid Ali", "1978", {"grandfathers": "a grandfather's name agrees"}),
    # A full brother: named in the child's sibling list; his second name is the father's, his
    # third the grandfather's.
    (
        "Brother",
        "Hamza Ahmed Ali",
        "2000",
        {
            "siblings": "a brother or sister named on both sides",
            "father_in_name_chain": "exact",
            "grandfathers": "a grandfather's name agrees",
        },
    ),
    ("أخت", "Khadija Ahmed Ali", "2001", {"siblings": "a brother or sister named on both sides"}),
    # A half-brother shares one parent, which one unknown: only the sibling list speaks.
    (
        "demi-frère",
        "Bilal Ahmed Ali",
        "1998",
        {"siblings": "a brother or sister named on both sides", "father_in_name_chain": "missing"},
    ),
    # A cousin, another relative, a neighbour: nothing of the child's family in their names.
    ("ابن عم", "Samir Khalid Ali", "1996", {"grandfathers": "missing", "siblings": "missing"}),
    ("Other relative", "Nasser Saleh", "1970", {"grandfathers": "missing"}),
    ("Neighbour", "Grace Mensah", "1975", {"grandfathers": "missing", "father_name": "missing"}),
]


def _labels(child: dict[str, str], request: dict[str, str]) -> dict[str, str]:
    left = standardise(pd.DataFrame([child]), "children").frame
    right = standardise(pd.DataFrame([request]), "requests").frame
    comparisons = default_comparisons()
    tables = encode_tables(
        left,
        right,
        text_columns=sorted({c for comp in comparisons for c in comp.text_columns()}),
        numeric_columns=sorted({c for comp in comparisons for c in comp.numeric_columns()}),
    )
    levels = compute_levels(comparisons, tables, np.array([0]), np.array([0]))
    return {c.name: c.level_labels()[levels[0, i]] for i, c in enumerate(comparisons)}


@pytest.mark.parametrize(("relation", "requester", "born", "expected"), CASES)
def test_each_relation_reads_the_requesters_own_name_as_evidence(
    relation: str, requester: str, born: str, expected: dict[str, str]
) -> None:
    request = {
        **SOUGHT,
        "requester_name": requester,
        "requester_relation": relation,
        "requester_date_of_birth": born,
    }
    labels = _labels(CHILD, request)
    assert {name: labels[name] for name in expected} == expected
    # Every one of them was born the years before the child their relation allows.
    assert labels["requester_age"] == "fits the relation"


def test_a_missing_relative_on_one_side_is_no_evidence() -> None:
    child = {k: v for k, v in CHILD.items() if k not in ("father_name", "sibling_names")}
    child["full_name"] = "Yusuf"
    request = {**SOUGHT, "requester_name": "Hamza Ahmed Ali", "requester_relation": "brother"}
    labels = _labels(child, request)
    assert labels["siblings"] == "missing"
    assert labels["father_in_name_chain"] == "missing"
    assert labels["requester_age"] == "missing"  # no birth date of the requester


def test_the_father_recorded_on_both_sides_is_not_counted_twice() -> None:
    request = {**SOUGHT, "full_name": "Yusuf Ahmed", "father_name": "Ahmed"}
    labels = _labels(CHILD, request)
    assert labels["father_name"] == "exact"
    assert labels["father_in_name_chain"] == "missing"


def test_the_name_chain_speaks_for_a_father_the_record_does_not_name() -> None:
    # The registration gives no father's name, the request no chain: the child's second name
    # is compared with the father's name the request gives.
    child = {k: v for k, v in CHILD.items() if k != "father_name"}
    labels = _labels(child, {**SOUGHT, "father_name": "Ahmad"})
    assert labels["father_name"] == "missing"
    assert labels["father_in_name_chain"] != "missing"
    assert labels["father_in_name_chain"] != "different"
    labels = _labels(child, {**SOUGHT, "father_name": "Mustafa"})
    assert labels["father_in_name_chain"] == "different"


def test_a_mother_of_impossible_age_is_marked_down() -> None:
    request = {
        **SOUGHT,
        "requester_name": "Fatima Omar Saleh",
        "requester_relation": "mother",
        "requester_date_of_birth": "2010",
        "date_of_birth": "2012",
    }
    assert _labels(CHILD, request)["requester_age"] == "does not fit the relation"
    # ... and reported, by row and column, never by value.
    table = standardise(pd.DataFrame([request]), "requests")
    (flag,) = [f for f in table.implausible if f.column == "requester_date_of_birth"]
    assert flag.count == 1 and flag.first_rows == (2,)


def test_a_misfitting_age_is_reported_in_the_column_it_came_from() -> None:
    request = {
        **SOUGHT,
        "requester_name": "Fatima Omar",
        "requester_relation": "Mère",
        "requester_age": "15",
        "date_of_birth": "2012",
    }
    table = standardise(pd.DataFrame([request]), "requests")
    assert [f.column for f in table.implausible] == ["requester_age"]


def test_a_requester_sex_that_contradicts_the_relation_is_reported() -> None:
    request = {**SOUGHT, "requester_name": "Ali Omar", "requester_relation": "mother"}
    request["requester_sex"] = "male"
    table = standardise(pd.DataFrame([request]), "requests")
    assert [f.column for f in table.implausible] == ["requester_sex"]


def test_slavic_patronymics_give_the_father_and_grandfather() -> None:
    child = {
        "child_id": "C1",
        "full_name": "Ivan Petrovych Shevchenko",
        "father_name": "Petro Mykolaiovych Shevchenko",
    }
    frame = standardise(pd.DataFrame([child]), "children").frame
    assert frame.loc[0, "father_chain"] == "petro"
    # The father's patronymic names the grandfather; the child's third name is a surname.
    assert frame.loc[0, "grandfathers"] == "p:mykolai"
    request = {
        **SOUGHT,
        "given_name": "Ivan",
        "requester_name": "Mykola Ivanovych Shevchenko",
        "requester_relation": "дідусь",
    }
    assert _labels(child, request)["grandfathers"] == "a grandfather's name agrees"


_TOKENS = st.lists(st.sampled_from(["ali", "omar", "petrovych", "x", "ahmed"]), max_size=4)
_RELATIONS = st.one_of(st.none(), st.sampled_from(["father", "uncle", "brother", "cousin", "?"]))


@settings(max_examples=200, deadline=None)
@given(
    own=_TOKENS,
    fathers=_TOKENS,
    mothers=_TOKENS,
    requester=_TOKENS,
    relation=_RELATIONS,
    father=st.one_of(st.none(), st.sampled_from(["ahmed", "ali"])),
)
def test_kin_columns_never_raise_and_tag_every_grandfather(
    own, fathers, mothers, requester, relation, father
) -> None:
    kin = kin_columns(
        own_tokens=pd.Series([own], dtype=object),
        father=pd.Series([father], dtype=object),
        father_tokens=pd.Series([fathers], dtype=object),
        mother_tokens=pd.Series([mothers], dtype=object),
        requester_tokens=pd.Series([requester], dtype=object),
        relation=pd.Series([relation], dtype=object),
    )
    value = kin.loc[0, "grandfathers"]
    if value is not None:
        assert all(token.split(":")[0] in ("p", "m", "?") for token in value.split())
    if father is not None:
        assert kin.loc[0, "father_chain"] == father


def test_reasons_say_how_much_older_the_requester_is() -> None:
    left = standardise(pd.DataFrame([CHILD]), "children").frame
    request = {
        **SOUGHT,
        "requester_name": "Fatima Omar",
        "requester_relation": "mother",
        "requester_date_of_birth": "1988-03-05",
    }
    right = standardise(pd.DataFrame([request]), "requests").frame
    text = explain_age_gaps(["fits the relation"], left, right, np.array([0]), np.array([0]))
    assert text == ["mother 24 years older than the child: fits the relation"]
    # Nothing to compare: the label alone.
    assert explain_age_gaps(["missing"], left, right, np.array([0]), np.array([0])) == ["missing"]
