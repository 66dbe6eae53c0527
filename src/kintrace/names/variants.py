"""Known name variants: spellings that public data gives as the same name.

Skeletons (:mod:`kintrace.names.skeleton`) catch spellings that keep a name's consonants. Some
variants do not: Oleksandr (Ukrainian) and Alexander, Mamadou and Mohamed, Ousmane and Usman,
Serhii and Sergei. For those kintrace ships *variant classes* built from Wikidata's name items
(the person-names corpus of OpenSanctions' ``rigour`` library; see
``src/kintrace/names/data/NOTICE`` and ``tools/build_name_variants.py``): the spellings of one
name in every script, merged where two items share an Arabic-script or Ethiopic spelling.

Two tokens relate in one of three ways (:class:`VariantRelation`):

* ``SPELLING``: the data gives them as one name and they share a consonant skeleton: two
  romanisations of one name (Mohamed / Muhammad, Abdullahi / Abdallah). Stronger than a
  skeleton alone, which two different names can share by chance. The Ukrainian and Russian
  forms of a name whose consonants differ only by Ukrainian h for Russian g count here
  (Ihor / Igor, Olha / Olga, Serhii / Sergei): one name in a person's two document languages.
* ``RELATED``: the data gives them as one name but their consonants differ: the name as
  another language or tradition has it (Mamadou / Mohamed, Oleksandr / Alexander, Dawit /
  David).
  Real, but weaker evidence, so it is its own level rather than a merge.
* ``NONE``: no shared class (or a token the data does not know).

    >>> variant_relation("mohamed", "muhammad")
    <VariantRelation.SPELLING: 2>
    >>> variant_relation("mamadou", "mohamed")
    <VariantRelation.RELATED: 1>
    >>> variant_relation("fatima", "mohamed")
    <VariantRelation.NONE: 0>

Tokens are comparison tokens (:func:`kintrace.names.standard_tokens`); :func:`variants_of`
takes a name as written.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from enum import IntEnum
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from kintrace.names.parse import standard_tokens
from kintrace.names.skeleton import h_as_g_key_id_matrix, skeleton_keys

__all__ = [
    "MAX_CLASSES",
    "VariantRelation",
    "class_id_matrix",
    "variant_classes",
    "variant_relation",
    "variant_relations",
    "variants_of",
]

#: Most classes kept per token, the largest first (0.1% of tokens sit in more than four).
MAX_CLASSES = 4

_DATA = "name_variants.txt.gz"


class VariantRelation(IntEnum):
    """How two name tokens relate in the variant data (higher is stronger)."""

    NONE = 0
    RELATED = 1
    SPELLING = 2


@cache
def _table() -> tuple[dict[str, tuple[int, ...]], list[tuple[str, ...]]]:
    """token -> its class numbers (largest class first); class number -> its tokens."""
    memberships: dict[str, list[int]] = {}
    members: list[tuple[str, ...]] = []
    source = resources.files("kintrace.names").joinpath("data", _DATA)
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            _group, _, tokens = line.rstrip("\n").partition("\t")
            members.append(tuple(tokens.split(" ")))
            for token in members[-1]:
                memberships.setdefault(token, []).append(len(members) - 1)
    # A token in many classes is mostly a common name that also labels odd items (a surname,
    # a transliterated foreign name): its largest classes are its main ones.
    ordered = {
        token: tuple(sorted(classes, key=lambda c: (-len(members[c]), c))[:MAX_CLASSES])
        for token, classes in memberships.items()
    }
    return ordered, members


def variant_classes(token: str) -> tuple[int, ...]:
    """The variant classes (numbers, largest first) of a comparison token; empty when unknown."""
    return _table()[0].get(token, ())


def variant_relation(a: str, b: str) -> VariantRelation:
    """How two comparison tokens relate in the variant data (see the module docs)."""
    if not set(variant_classes(a)) & set(variant_classes(b)):
        return VariantRelation.NONE
    if set(skeleton_keys(a)) & set(skeleton_keys(b)):
        return VariantRelation.SPELLING
    if set(h_as_g_key_id_matrix([a])[0]) & set(h_as_g_key_id_matrix([b])[0]) - {-1}:
        return VariantRelation.SPELLING  # Ukrainian h for Russian g: Ihor / Igor
    return VariantRelation.RELATED


def variants_of(name: str) -> dict[str, tuple[str, ...]]:
    """For each token of a name as written, the spellings the variant data gives for it.

    >>> "alexander" in variants_of("Олександр")["oleksandr"]
    True
    """
    _, members = _table()
    found: dict[str, tuple[str, ...]] = {}
    for token in standard_tokens(name):
        spellings = {m for c in variant_classes(token) for m in members[c]} - {token}
        found[token] = tuple(sorted(spellings))
    return found


def class_id_matrix(values: Sequence[str]) -> npt.NDArray[np.int64]:
    """``[len(values), MAX_CLASSES]`` variant classes of each value, -1 padded.

    A value of several tokens (a compound left split) has none: variants are known for single
    names. Two rows share a class where :func:`kintrace.names.skeleton.keys_shared` says so.
    """
    memberships = _table()[0]
    matrix = np.full((len(values), MAX_CLASSES), -1, dtype=np.int64)
    for row, value in enumerate(values):
        classes = memberships.get(value, ())
        matrix[row, : len(classes)] = classes
    return matrix


def variant_relations(
    classes_shared: npt.NDArray[np.bool_], skeletons_shared: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int8]:
    """:class:`VariantRelation` per pair, from whether its tokens share a class and a skeleton."""
    relation = np.where(
        classes_shared,
        np.where(skeletons_shared, VariantRelation.SPELLING, VariantRelation.RELATED),
        VariantRelation.NONE,
    )
    return relation.astype(np.int8)
