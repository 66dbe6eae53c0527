"""Known name variants from public data: relations per culture, the data file, the fast path."""

from __future__ import annotations

import gzip
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace.names import standard_tokens
from kintrace.names.skeleton import h_as_g_key_id_matrix, key_id_matrix, keys_shared
from kintrace.names.variants import (
    VariantRelation,
    class_id_matrix,
    variant_classes,
    variant_relation,
    variant_relations,
    variants_of,
)

SPELLING, RELATED, NONE = VariantRelation.SPELLING, VariantRelation.RELATED, VariantRelation.NONE

# Comparison tokens (as standard_tokens gives them) and how the data relates them.
RELATIONS = [
    # Two romanisations of one name: the data confirms what the skeleton says.
    ("arabic", "mohamed", "muhammad", SPELLING),
    ("arabic", "mohamed", "mhmd", SPELLING),  # محمد, Arabic script
    ("arabic", "yusuf", "jusuf", SPELLING),
    ("arabic", "hassan", "hasan", SPELLING),
    ("somali", "maxamed", "mohamed", SPELLING),
    ("west_african", "ousmane", "usman", SPELLING),
    ("ukrainian_russian", "oleksandr", "alexander", SPELLING),
    ("ukrainian_russian", "oleksandr", "aleksandr", SPELLING),
    # Ukrainian h for Russian g: one name in a person's two document languages.
    ("ukrainian_russian", "serhii", "sergei", SPELLING),
    ("ukrainian_russian", "halyna", "galina", SPELLING),
    ("ukrainian_russian", "ihor", "igor", SPELLING),
    ("ukrainian_russian", "olha", "olga", SPELLING),
    # One name in another language or tradition: consonants differ, a weaker equivalence.
    ("west_african", "mamadou", "mohamed", RELATED),
    ("ukrainian_russian", "mykola", "nikolai", RELATED),
    # Different names, whatever their letters share.
    ("arabic", "fatima", "mohamed", NONE),
    ("arabic", "hassan", "husna", NONE),
    ("tigrinya_amharic", "tesfay", "yohannes", NONE),
    ("somali", "cabdi", "xasan", NONE),
    ("unknown", "qzxv", "mohamed", NONE),  # a token the data does not know
]


@pytest.mark.parametrize(("culture", "a", "b", "relation"), RELATIONS)
def test_known_variants_per_culture(
    culture: str, a: str, b: str, relation: VariantRelation
) -> None:
    assert variant_relation(a, b) is relation, culture
    assert variant_relation(b, a) is relation, culture


def test_variants_of_a_name_as_written() -> None:
    found = variants_of("Олександр Мамаду")
    assert "alexander" in found["oleksandr"]
    assert "mohamed" in found["mamadu"]
    assert variants_of("Qzxv") == {"qzxv": ()}


def test_a_token_in_several_classes_keeps_its_largest_first() -> None:
    classes = variant_classes("mamadou")
    assert len(classes) >= 2  # its own name and a form of Muhammad
    sizes = [len(variants_of_class) for variants_of_class in map(_members, classes)]
    assert sizes == sorted(sizes, reverse=True)


def _members(number: int) -> tuple[str, ...]:
    from kintrace.names.variants import _table

    return _table()[1][number]


def _data_lines() -> list[str]:
    source = resources.files("kintrace.names").joinpath("data", "name_variants.txt.gz")
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


def test_data_file_names_its_source_and_holds_comparison_tokens() -> None:
    lines = _data_lines()
    header = "\n".join(line for line in lines if line.startswith("#"))
    assert "rigour 2.6.1" in header and "Wikidata" in header
    notice = resources.files("kintrace.names").joinpath("data", "NOTICE").read_text("utf-8")
    assert "MIT License" in notice and "OpenSanctions" in notice
    classes = [line for line in lines if not line.startswith("#")]
    assert len(classes) > 40_000
    rng = np.random.default_rng(0)
    for line in rng.choice(classes, size=400, replace=False):
        group, tokens = line.split("\t")
        assert group[0] in "QX"
        members = tokens.split(" ")
        assert len(members) >= 2 and len(set(members)) == len(members)
        # Stored tokens must still be what standardisation makes of them: re-run
        # tools/build_name_variants.py when the rules change.
        for token in members:
            assert standard_tokens(token) == (token,), token


def test_fast_path_agrees_with_the_pairwise_relation() -> None:
    rng = np.random.default_rng(1)
    words = ["mohamed", "muhammad", "mamadou", "mhmd", "yusuf", "jusuf", "joseph", "serhii",
             "sergei", "ihor", "igor", "hassan", "ghassan", "oleksandr", "alexander", "fatima",
             "fatuma", "tesfay", "qzxv", "",
             "abdul rahman", "mykola", "nikolai", "hawa", "eve", "omar", "umar"]  # fmt: skip
    left = rng.choice(words, size=500).tolist()
    right = rng.choice(words, size=500).tolist()
    # As the comparison levels call it: a skeleton in common, or one with H read as K.
    fast = variant_relations(
        keys_shared(class_id_matrix(left), class_id_matrix(right)),
        keys_shared(key_id_matrix(left), key_id_matrix(right))
        | keys_shared(h_as_g_key_id_matrix(left), h_as_g_key_id_matrix(right)),
    )
    slow = [variant_relation(a, b) for a, b in zip(left, right, strict=True)]
    assert fast.tolist() == [int(r) for r in slow]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.text(max_size=20))
def test_relation_is_symmetric_and_never_raises(a: str, b: str) -> None:
    assert variant_relation(a, b) is variant_relation(b, a)
    assert isinstance(variants_of(a), dict)


def test_known_variant_levels_in_the_name_comparison() -> None:
    from kintrace.comparisons import KnownVariant, default_comparisons, name_parts_comparisons

    # Every name compared by parts has them: the father's and mother's names by default.
    given_name = name_parts_comparisons()[0]
    assert {"father_name", "mother_name"} <= {c.name for c in default_comparisons()}
    labels = given_name.level_labels()
    assert "known spelling of the same name" in labels
    assert "same name in another language or tradition" in labels
    relations = [lv.relation for lv in given_name.levels if isinstance(lv, KnownVariant)]
    assert relations == [SPELLING, RELATED]
    with pytest.raises(ValueError, match="SPELLING or RELATED"):
        KnownVariant("given", NONE)


def test_engine_relation_per_pair_agrees_with_the_slow_one() -> None:
    import pandas as pd

    from kintrace.comparisons import PairChunk, encode_tables

    rng = np.random.default_rng(2)
    words = ["mohamed", "muhammad", "mamadou", "mhmd", "yusuf", "jusuf", "joseph", "serhii",
             "sergei", "ihor", "igor", "hassan", "ghassan", "oleksandr", "alexander", "fatima",
             "tesfay", "qzxv", None, "omar",
             "umar", "mykola", "nikolai", "hawa", "eve"]  # fmt: skip
    left = pd.DataFrame({"given": rng.choice(np.array(words, dtype=object), size=300)})
    right = pd.DataFrame({"given": rng.choice(np.array(words, dtype=object), size=200)})
    tables = encode_tables(left, right, text_columns=["given"], numeric_columns=[])
    li, ri = rng.integers(0, 300, size=2000), rng.integers(0, 200, size=2000)
    fast = PairChunk(tables, li, ri).variant_relation("given")
    slow = [
        0 if a is None or b is None else int(variant_relation(a, b))
        for a, b in zip(left["given"].to_numpy()[li], right["given"].to_numpy()[ri], strict=True)
    ]
    assert fast.tolist() == slow
