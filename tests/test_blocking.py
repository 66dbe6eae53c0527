"""Blocking: rules are unioned, each pair produced once, and counted per rule."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.blocking import BlockingRule, block, block_on, default_blocking_rules


def _table(rows: list[tuple[str | None, str | None, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "given_key": pd.Series([r[0] for r in rows], dtype=object),
            "family_key": pd.Series([r[1] for r in rows], dtype=object),
            "birth_year": pd.Series([r[2] for r in rows], dtype=float),
        }
    )


def _pairs(children: pd.DataFrame, requests: pd.DataFrame, rules: list[BlockingRule]):
    blocked = block(children, requests, rules)
    try:
        pairs = {
            (int(a), int(b))
            for left, right in blocked.chunks(3)
            for a, b in zip(left, right, strict=True)
        }
        return blocked, pairs
    finally:
        blocked.close()


def test_union_of_rules_counts_each_pair_once() -> None:
    children = _table([("AL", "HSN", 2010), ("AL", "OMR", 2015), ("MHMT", "HSN", 2009)])
    requests = _table([("AL", "HSN", 2011), ("HSN", "AL", 2010), (None, "HSN", 2009)])
    rules = [
        block_on("given_key", "family_key"),
        block_on("family_key", birth_year_within=1),
        BlockingRule("swapped", on=(("given_key", "family_key"), ("family_key", "given_key"))),
    ]
    blocked, pairs = _pairs(children, requests, rules)
    # (2, 0) shares a family key but their birth years are 2 apart: not a candidate.
    assert pairs == {(0, 0), (0, 2), (2, 2), (0, 1)}
    assert blocked.pairs_per_rule == {
        rules[0].name: 1,
        rules[1].name: 2,
        rules[2].name: 1,
    }
    assert blocked.n_pairs == 4


def test_missing_keys_never_join() -> None:
    children = _table([(None, None, float("nan"))])
    requests = _table([(None, None, float("nan"))])
    blocked, pairs = _pairs(children, requests, [block_on("given_key")])
    assert pairs == set()
    assert blocked.n_pairs == 0


def test_chunks_come_in_a_stable_order() -> None:
    children = _table([("AL", "X", 2010)] * 5)
    requests = _table([("AL", "Y", 2010)] * 4)
    blocked = block(children, requests, [block_on("given_key")])
    try:
        order = [
            (int(a), int(b))
            for left, right in blocked.chunks(4)
            for a, b in zip(left, right, strict=True)
        ]
    finally:
        blocked.close()
    assert order == sorted(order, key=lambda p: (p[1], p[0]))
    assert len(order) == 20


def test_bad_rules_are_rejected() -> None:
    with pytest.raises(ValueError, match="at least one column"):
        BlockingRule("nothing", on=())
    with pytest.raises(ValueError, match="'birth_year_within' parameter"):
        block_on("given_key", birth_year_within=-1)


def test_default_rules_have_distinct_names() -> None:
    names = [rule.name for rule in default_blocking_rules()]
    assert len(names) == len(set(names))


keys = st.one_of(st.none(), st.sampled_from(["A", "B", "C"]))
years = st.one_of(st.just(float("nan")), st.integers(2000, 2006).map(float))


@settings(max_examples=40, deadline=None)
@given(
    left=st.lists(st.tuples(keys, keys, years), min_size=1, max_size=7),
    right=st.lists(st.tuples(keys, keys, years), min_size=1, max_size=7),
)
def test_blocking_matches_a_brute_force_reference(left, right) -> None:
    rules = [
        block_on("given_key", "family_key"),
        block_on("given_key", birth_year_within=1),
        BlockingRule("swapped", on=(("given_key", "family_key"), ("family_key", "given_key"))),
    ]

    def holds(rule: BlockingRule, a, b) -> bool:
        columns = {"given_key": 0, "family_key": 1}
        for lc, rc in rule.on:
            x, y = a[columns[lc]], b[columns[rc]]
            if x is None or y is None or x != y:
                return False
        if rule.birth_year_within is not None:
            if np.isnan(a[2]) or np.isnan(b[2]):
                return False
            return abs(a[2] - b[2]) <= rule.birth_year_within
        return True

    expected = {
        (i, j)
        for (i, a), (j, b) in itertools.product(enumerate(left), enumerate(right))
        if any(holds(rule, a, b) for rule in rules)
    }
    blocked, pairs = _pairs(_table(left), _table(right), rules)
    assert pairs == expected
    assert blocked.n_pairs == len(expected)


def test_unless_missing_columns_only_separate_known_values() -> None:
    children = _table([("AL", "HSN", 2010)] * 3)
    children["sex"] = pd.Series(["m", "f", None], dtype=object)
    requests = _table([("AL", "HSN", 2010)] * 2)
    requests["sex"] = pd.Series(["m", None], dtype=object)
    rule = block_on("given_key", unless_missing=("sex",))
    _, pairs = _pairs(children, requests, [rule])
    # m-m, and every pair where one side has no sex; never m-f.
    assert pairs == {(0, 0), (2, 0), (0, 1), (1, 1), (2, 1)}
