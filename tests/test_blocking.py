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


# --- shared name keys ----------------------------------------------------------------------

from kintrace.blocking import SharedNameRule, key_table  # noqa: E402
from kintrace.blocking.keys import _within_one_letter  # noqa: E402
from kintrace.names.variants import variant_classes  # noqa: E402


def _records(rows: list[tuple]) -> pd.DataFrame:
    """(standard name, father, birth year, sex[, date given to the day]) rows as a standard
    frame."""
    return pd.DataFrame(
        {
            "name": pd.Series([r[0] for r in rows], dtype=object),
            "father": pd.Series([r[1] for r in rows], dtype=object),
            "mother": pd.Series([None] * len(rows), dtype=object),
            "birth_year": pd.Series([r[2] for r in rows], dtype=float),
            "sex": pd.Series([r[3] for r in rows], dtype=object),
            "dob_precision": pd.Series(
                [3 if len(r) > 4 and r[4] else 1 for r in rows], dtype="int8"
            ),
        }
    )


def _keys_of(frame: pd.DataFrame, kind: str) -> list[set[str]]:
    table = key_table(frame, kind).to_pandas()
    return [set(table.loc[table.i == i, "k"]) for i in range(len(frame))]


def test_name_keys_meet_across_scripts_order_and_boxes() -> None:
    # The registration has the father's name in the child's own chain; the request gives it
    # as the father's name, in Arabic script; the given names are spelt by different offices.
    child = _records([("maxamed cali", None, 2010, "m")])
    request = _records([("mohamed", "aly", 2010, "m")])
    # (AL+v6484: Mohamed's variant class, read beside the skeleton.)
    assert _keys_of(child, "pair")[0] & _keys_of(request, "pair")[0] == {
        "AL+MHMD",
        f"AL+v{variant_classes('mohamed')[0]}",
    }
    assert {"MHMD", "AL"} <= _keys_of(child, "single")[0] & _keys_of(request, "single")[0]


def test_triple_keys_need_three_parts_in_common_in_any_order() -> None:
    child = _records([("maxamed cali xasan", None, 2010, "m")])
    request = _records([("hassan mohamed", "ali", 2010, "m")])
    other = _records([("mohamed ali", "omar", 2010, "m")])
    # (Skeletons only: variant classes are read in single and pair keys.)
    assert _keys_of(child, "triple")[0] & _keys_of(request, "triple")[0] == {"AL+HSN+MHMD"}
    assert not _keys_of(child, "triple")[0] & _keys_of(other, "triple")[0]
    assert _keys_of(_records([("mohamed ali", None, 2010, "m")]), "triple") == [set()]


@pytest.mark.parametrize(
    ("child", "request_"),
    [
        # Ukrainian and Russian forms of one name: consonants differ, the variant data links.
        (("hryhorii", "ivan"), ("grigorii", "ivan")),
        (("olha", "petro"), ("olga", "petr")),
        # Mamadou is Muhammad in West Africa.
        (("mamadou", "diallo"), ("mohamed", "diallo")),
    ],
)
def test_known_variants_meet_where_skeletons_differ(child, request_) -> None:
    left = _records([(child[0], child[1], 2010, "m")])
    right = _records([(request_[0], request_[1], 2010, "m")])
    shared = _keys_of(left, "pair")[0] & _keys_of(right, "pair")[0]
    assert any(key.startswith("v") or "+v" in key for key in shared)


@pytest.mark.parametrize(
    ("split", "joined"),
    [
        # Somali offices write a compound apart or together, with or without the ayn (c).
        ("abdi aziz", "abdicasiis"),
        ("cabdi laahi", "abdullahi"),
        # Dari and Pashto compounds the parser does not know as such.
        ("khan agha", "khanagha"),
        ("ghorban ali", "qurbanali"),
        # Tigrinya: Walde / Wolde Habte.
        ("walde habte", "woldehabte"),
    ],
)
def test_a_compound_written_apart_meets_it_written_together(split, joined) -> None:
    left, right = _records([(split, None, 2010, "m")]), _records([(joined, None, 2010, "m")])
    assert _keys_of(left, "single")[0] & _keys_of(right, "single")[0]
    # The joined reading is a part of its own: with the father's name, a pair key.
    left, right = (_records([(split, "omar", 2010, "m")]), _records([(joined, "omar", 2010, "m")]))
    assert _keys_of(left, "pair")[0] & _keys_of(right, "pair")[0]


def test_joined_neighbours_add_only_new_readings() -> None:
    # A one-token name has no neighbours to join; triple keys never use joined neighbours
    # (readings cubed), so two tokens still make no triple.
    assert _keys_of(_records([("mohamed", None, 2010, "m")]), "single")[0] == {
        "MHMD",
        f"v{variant_classes('mohamed')[0]}",
    }
    assert _keys_of(_records([("mohamed ali", None, 2010, "m")]), "triple") == [set()]


def test_a_family_name_with_the_article_joined_on_meets_it_without() -> None:
    left = _records([("mahmod alrubaie", None, 2010, "m")])
    right = _records([("mahmout rubaie", None, 2010, "m")])
    assert "RB" in _keys_of(left, "single")[0] & _keys_of(right, "single")[0]
    # A short name is not read as article + name: Alina is not "na".
    assert _keys_of(_records([("alina", None, 2010, "f")]), "single")[0] == {
        *(f"v{c}" for c in variant_classes("alina")),
        "ALN",
    }


def test_dates_to_the_day_narrow_by_a_tighter_window() -> None:
    # Four Mohameds, too many as a whole; one born 2002 with a date to the day. A request born
    # 2004 with a date to the day is two years out: close for an age, not for two stated dates.
    children = _records(
        [("mohamed", None, 2002, "m", True)] + [("mohamed", None, 1990 + i, "m") for i in range(3)]
    )
    rule = SharedNameRule("r", keys="single", max_block=2)
    _, pairs = _pairs(children, _records([("mohamed", None, 2004, "m", True)]), [rule])
    assert pairs == set()
    _, pairs = _pairs(children, _records([("mohamed", None, 2004, "m", False)]), [rule])
    assert pairs == {(0, 0)}
    # A required window holds as given, dates to the day or not.
    required = SharedNameRule("r", keys="single", max_block=2, birth_year_within=2)
    _, pairs = _pairs(children, _records([("mohamed", None, 2004, "m", True)]), [required])
    assert pairs == {(0, 0)}
    with pytest.raises(ValueError, match="exact_birth_year_within"):
        SharedNameRule("r", keys="pair", exact_birth_year_within=-1)


def test_same_sex_leaves_out_only_known_different_sexes() -> None:
    children = _records([("omar", None, 2010, "m"), ("omar", None, 2010, "f"),
                         ("omar", None, 2010, None)])  # fmt: skip
    requests = _records([("omar", None, 2010, "m"), ("omar", None, 2010, None)])
    rule = SharedNameRule("r", keys="single", max_block=5, same_sex=True)
    _, pairs = _pairs(children, requests, [rule])
    assert pairs == {(0, 0), (2, 0), (0, 1), (1, 1), (2, 1)}


def test_mother_keys_only_meet_mothers() -> None:
    frame = _records([("fatima", None, 2010, "f")])
    frame.loc[0, "mother"] = "amina"
    singles = _keys_of(frame, "single")[0]
    assert "m:AMN" in singles and "AMN" not in singles


def test_a_common_name_is_narrowed_not_exploded() -> None:
    # 5 children called Mohamed, born 2000..2004; one request for a Mohamed born 2002.
    children = _records([("mohamed", None, 2000 + i, "m") for i in range(5)])
    requests = _records([("mohamed", None, 2002, "m")])
    rule = SharedNameRule("one part", keys="single", max_block=2)
    _, pairs = _pairs(children, requests, [rule])
    # The key is held by 5 children (> 2): narrowed to birth years within 2 of 2002, each
    # year's block holding one child.
    assert pairs == {(i, 0) for i in range(5)}
    narrow = SharedNameRule("one part", keys="single", max_block=2, narrow_birth_year_within=1)
    _, pairs = _pairs(children, requests, [narrow])
    assert pairs == {(1, 0), (2, 0), (3, 0)}


def test_a_block_too_big_even_by_year_and_sex_is_left_out() -> None:
    children = _records([("mohamed", None, 2002, "m")] * 4)
    requests = _records([("mohamed", None, 2002, "m")])
    _, pairs = _pairs(children, requests, [SharedNameRule("x", keys="single", max_block=3)])
    assert pairs == set()
    _, pairs = _pairs(children, requests, [SharedNameRule("x", keys="single", max_block=4)])
    assert len(pairs) == 4


def test_bad_name_rules_are_rejected() -> None:
    with pytest.raises(ValueError, match="'keys' parameter"):
        SharedNameRule("x", keys="quadruple")
    with pytest.raises(ValueError, match="'max_block' parameter"):
        SharedNameRule("x", keys="pair", max_block=0)
    with pytest.raises(ValueError, match="'birth_year_within' parameter"):
        SharedNameRule("x", keys="pair", birth_year_within=-1)


_NAMES = st.one_of(
    st.none(),
    st.sampled_from(
        ["ali", "aly hasan", "hassan ali", "omar", "umar ali", "ali hasan omar", "ali hamid"]
    ),
)
_SEXES = st.one_of(st.none(), st.sampled_from(["m", "f"]))
_YEARS = st.one_of(st.just(float("nan")), st.sampled_from([2000.0, 2000.5, 2001.0, 2003.0]))
_RECORD = st.tuples(
    _NAMES, st.one_of(st.none(), st.sampled_from(["ali", "omar"])), _YEARS, _SEXES, st.booleans()
)


def _reference_pairs(rule: SharedNameRule, left: pd.DataFrame, right: pd.DataFrame) -> set:
    """One pair at a time: the narrowing steps of SharedNameRule, written out plainly."""
    lkeys, rkeys = _keys_of(left, rule.keys), _keys_of(right, rule.keys)
    years, sexes = left["birth_year"].tolist(), left["sex"].tolist()

    def count(key: str, year: float | None = None, sex: str | None = None) -> int:
        return sum(
            1
            for i, keys in enumerate(lkeys)
            if key in keys
            and (year is None or (not np.isnan(years[i]) and np.floor(years[i]) == year))
            and (sex is None or sexes[i] == sex)
        )

    def count_without_year(key: str, sex: str | None) -> int:
        return sum(
            1
            for i, keys in enumerate(lkeys)
            if key in keys and np.isnan(years[i]) and sexes[i] == sex
        )

    out = set()
    for i, j in itertools.product(range(len(left)), range(len(right))):
        a, b = left.iloc[i], right.iloc[j]
        known = not (np.isnan(a.birth_year) or np.isnan(b.birth_year))
        exact = a.dob_precision == 3 and b.dob_precision == 3
        window = rule.exact_window if exact else rule.window
        close = known and abs(a.birth_year - b.birth_year) <= window
        for key in lkeys[i] & rkeys[j]:
            year = np.floor(a.birth_year)
            by_key = rule.birth_year_within is None and count(key) <= rule.max_block
            by_year = close and count(key, year) <= rule.max_block
            by_sex = (
                close
                and rule.narrow_by_sex
                and a.sex is not None
                and a.sex == b.sex
                and count(key, year, a.sex) <= rule.max_block
            )
            # A key too big as a whole, where one side gives no birth year: narrowed by sex.
            too_big = rule.birth_year_within is None and count(key) > rule.max_block
            same_sex = a.sex is None or b.sex is None or a.sex == b.sex
            wide = rule.missing_year_block or 2 * rule.max_block
            of_sex = count(key, sex=b.sex) if b.sex is not None else 0
            request_without_year = (
                too_big and np.isnan(b.birth_year) and same_sex and (of_sex or count(key)) <= wide
            )
            child_without_year = (
                too_big
                and np.isnan(a.birth_year)
                and not np.isnan(b.birth_year)
                and same_sex
                and count_without_year(key, a.sex) <= rule.max_block
            )
            # With a required window, a request without a year: a small block of its sex.
            without_year = (
                rule.birth_year_within is not None
                and rule.without_year_block > 0
                and np.isnan(b.birth_year)
                and same_sex
                and (of_sex or count(key)) <= rule.without_year_block
            )
            differ = a.sex is not None and b.sex is not None and a.sex != b.sex
            if rule.same_sex and differ:
                continue  # the by-sex and missing-year steps need one sex anyway
            if (
                by_key
                or by_year
                or by_sex
                or request_without_year
                or child_without_year
                or without_year
            ):
                out.add((i, j))
    return out


@settings(max_examples=150, deadline=None)
@given(
    left=st.lists(_RECORD, min_size=1, max_size=7),
    right=st.lists(_RECORD, min_size=1, max_size=5),
    kind=st.sampled_from(["single", "pair", "triple", "near_pair"]),
    max_block=st.integers(1, 4),
    within=st.one_of(st.none(), st.sampled_from([0.5, 1.0, 2.0])),
    exact_within=st.sampled_from([0.0, 0.5, 1.0, 3.0]),
    by_sex=st.booleans(),
    same_sex=st.booleans(),
    without_year=st.integers(0, 3),
)
def test_name_rule_matches_a_brute_force_reference(
    left, right, kind, max_block, within, exact_within, by_sex, same_sex, without_year
) -> None:
    rule = SharedNameRule(
        "r",
        keys=kind,
        max_block=max_block,
        birth_year_within=within,
        exact_birth_year_within=exact_within,
        narrow_by_sex=by_sex,
        same_sex=same_sex,
        without_year_block=without_year,
    )
    children, requests = _records(left), _records(right)
    blocked, pairs = _pairs(children, requests, [rule])
    assert pairs == _reference_pairs(rule, children, requests)
    assert blocked.n_pairs == len(pairs)


@pytest.mark.parametrize(
    ("child", "request_", "meet"),
    [
        # A recorder's slip in one part, the other part as it should be.
        (("kabihe", "souleymane"), ("kabine", "souleymane"), True),  # substitution
        (("qutbaldin", "nilufar"), ("qutbdin", "nilufar"), True),  # letter left out
        (("bandiougou", "barry"), ("bandjougou", "barry"), True),  # letter added
        # Two slips, or a different name: a near pair is one letter, not any two names.
        (("kabine", "souleymane"), ("mariam", "souleymane"), False),
        (("kabihe", "souleymane"), ("kabine", "suleiman"), True),  # Suleiman: same skeleton
        (("kabihe", "souleymane"), ("kabine", "salim"), False),
    ],
)
def test_near_pair_keys_meet_when_one_part_carries_a_slip(child, request_, meet) -> None:
    left = _keys_of(_records([(child[0], child[1], 2010, "m")]), "near_pair")[0]
    right = _keys_of(_records([(request_[0], request_[1], 2010, "m")]), "near_pair")[0]
    assert bool(left & right) is meet


_SKELETON = st.text(alphabet="BDFHJKLMNRSTVY", min_size=3, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_SKELETON, st.data())
def test_skeletons_one_edit_apart_share_a_near_key(key: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(key) - 1))
    letter = data.draw(st.sampled_from("BDFHJKLMNRSTVY"))
    edits = (
        key[:at] + key[at + 1 :],
        key[:at] + letter + key[at + 1 :],
        key[:at] + letter + key[at:],
    )
    for edited in edits:
        assert set(_within_one_letter(key)) & set(_within_one_letter(edited)), edited


def test_a_year_less_request_meets_a_rare_name_under_a_required_window() -> None:
    # Michadl Richmond, no birth year: the one-part rule (window required) still compares the
    # few children called Richmond, not the many called Michael.
    children = _records([("michael richmond", None, 1965, "m")]
                        + [("michael smith", None, 1960 + i, "m") for i in range(5)])  # fmt: skip
    request = _records([("michadl richmond", None, float("nan"), "m")])
    rule = SharedNameRule("r", keys="single", max_block=30, birth_year_within=2, same_sex=True)
    assert _pairs(children, request, [rule])[1] == set()
    rule = SharedNameRule(
        "r", keys="single", max_block=30, birth_year_within=2, same_sex=True, without_year_block=3
    )
    assert _pairs(children, request, [rule])[1] == {(0, 0)}
    with pytest.raises(ValueError, match="without_year_block"):
        SharedNameRule("r", keys="single", without_year_block=-1)


def test_a_request_without_birth_year_meets_a_common_name_of_its_sex() -> None:
    # Three children share "ali hasan" (too many for max_block=2 as a whole): a request that
    # gives no birth year is narrowed by sex instead of losing the key.
    children = _records(
        [("ali hasan", None, 2001.0, "m"), ("ali hasan", None, 2003.0, "f"),
         ("ali hasan", None, 2000.0, "f"), ("hasan ali", None, 2001.0, "m")]
    )  # fmt: skip
    requests = _records([("ali hasan", None, float("nan"), "m")])
    rule = SharedNameRule("r", keys="pair", max_block=2, missing_year_block=2)
    _, pairs = _pairs(children, requests, [rule])
    assert pairs == {(0, 0), (3, 0)}
    # Without a sex either, the whole key is more than missing_year_block: nothing.
    requests = _records([("ali hasan", None, float("nan"), None)])
    _, pairs = _pairs(children, requests, [rule])
    assert pairs == set()
    with pytest.raises(ValueError, match="missing_year_block"):
        SharedNameRule("r", keys="pair", missing_year_block=-1)


def _with_siblings(rows: list[tuple], siblings: list[str | None]) -> pd.DataFrame:
    frame = _records(rows)
    frame["siblings"] = pd.Series(siblings, dtype=object)
    return frame


def test_a_sibling_named_on_both_sides_with_one_own_part_makes_a_key() -> None:
    # The child's family name is garbled and the request gives no father: the given name and
    # a brother both records name are the two parts in common.
    child = _with_siblings([("amina qadir", None, 2010, "f")], ["yusuf hisham"])
    request = _with_siblings([("amina hassan", None, 2010, "f")], ["hisham"])
    shared = _keys_of(child, "sibling_pair")[0] & _keys_of(request, "sibling_pair")[0]
    assert "AMN+s:HSM" in shared
    assert all(key.endswith("+s:HSM") for key in shared)  # (and Amina's variant classes)
    # A sibling's name is in no other key: alone it is evidence of a sibling, not the child.
    for kind in ("single", "pair", "triple", "near_pair"):
        assert not any("s:" in key for key in _keys_of(child, kind)[0]), kind


def test_siblings_and_mother_without_an_own_name_make_no_key() -> None:
    # Two siblings' names, or the mother's and a sibling's, are what a brother or sister of the
    # child shares with the request: no key of their own.
    frame = _with_siblings([("omar", None, 2010, "m")], ["yusuf hisham"])
    frame["mother"] = pd.Series(["fatima"], dtype=object)
    keys = _keys_of(frame, "sibling_pair")[0]
    assert {"AMR+s:YSF", "AMR+s:HSM"} <= keys
    assert not any("m:" in key or key.count("s:") > 1 for key in keys)
