"""What a record says about the child's family, read through the requester's relation.

A request lodged by a father gives the father's own name; by a paternal uncle, a name whose
second part (in a patronymic chain) is the child's paternal grandfather's; by an adult brother,
a sibling's name and, second in his chain, the father's. A child's record gives the parents'
names and its own chain: given name, father's name, grandfather's name in Arabic, Somali,
Afghan, Ethiopian and Eritrean naming; a Slavic patronymic carries the father's name too.
This module turns both into the same few columns, so that the comparisons compare like with
like (:mod:`kintrace.comparisons.library`):

``father_chain``
    The child's father's given name: recorded (``father``, which a request lodged by the
    father already fills from his own name), else as the name chain gives it: the child's
    second name (a patronymic's stem), or, on a request lodged by a full brother or sister,
    the second name of the requester's own chain.
``grandfathers``
    The grandfathers' given names, each tagged with its side (``p:`` father's father, ``m:``
    mother's father, ``?:`` either): on a child, the second name of the father's and of the
    mother's recorded names, else the third name of the child's own chain (not when the second
    is a Slavic patronymic: the third is a surname then); on a request, the requester's own
    first name (a grandfather), second name (the father, an uncle or aunt, the mother), or
    third (a full sibling), and the second names of the parents' names the request gives.
    An uncle or aunt of unknown side names either grandfather (``?:``).

Tokens are comparison tokens (:func:`kintrace.names.standard_tokens`). A patronymic token
(Mykolaiovych) stands for the name in it (``mykola``: :func:`kintrace.names.patronymic
.patronymic_stem`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kintrace.dates.intervals import DAYS_PER_YEAR
from kintrace.names.patronymic import patronymic_stem
from kintrace.relations import RELATION_FACTS

__all__ = [
    "KIN_COLUMNS",
    "explain_age_gaps",
    "kin_columns",
    "relation_age_gaps",
    "requester_sex_conflicts",
]

#: Standard columns this module adds to both tables.
KIN_COLUMNS: tuple[str, ...] = ("father_chain", "grandfathers")

_FULL_SIBLINGS = frozenset({"brother", "sister"})
# Where the requester's own name chain holds each grandfather's name: (side, position).
_REQUESTER_GRANDFATHER: dict[str, tuple[tuple[str, int], ...]] = {
    "paternal_grandfather": (("p", 0),),
    "maternal_grandfather": (("m", 0),),
    "grandfather": (("?", 0),),
    "father": (("p", 1),),
    "mother": (("m", 1),),
    "paternal_uncle": (("p", 1),),
    "paternal_aunt": (("p", 1),),
    "maternal_uncle": (("m", 1),),
    "maternal_aunt": (("m", 1),),
    "uncle": (("?", 1),),
    "aunt": (("?", 1),),
    "brother": (("p", 2),),
    "sister": (("p", 2),),
}


def _name_of(token: str | None) -> str | None:
    """The given name a chain token stands for: itself, or a patronymic's stem."""
    if token is None:
        return None
    return patronymic_stem(token) or token


def _at(tokens: list[str], position: int) -> str | None:
    return tokens[position] if len(tokens) > position else None


def _is_patronymic(token: str | None) -> bool:
    return token is not None and patronymic_stem(token) is not None


def _chain_grandfather(tokens: list[str]) -> str | None:
    """The third name of a chain, unless the second is a patronymic (then it is a surname)."""
    if len(tokens) < 3 or _is_patronymic(tokens[1]):
        return None
    return tokens[2]


def _tagged(found: list[tuple[str, str | None]]) -> str | None:
    names = dict.fromkeys(f"{side}:{name}" for side, name in found if name)
    return " ".join(names) or None


def kin_columns(
    *,
    own_tokens: pd.Series,
    father: pd.Series,
    father_tokens: pd.Series,
    mother_tokens: pd.Series,
    requester_tokens: pd.Series | None = None,
    relation: pd.Series | None = None,
) -> pd.DataFrame:
    """The :data:`KIN_COLUMNS` of one table (see the module docstring).

    Parameters
    ----------
    own_tokens, father_tokens, mother_tokens:
        Per record, the comparison tokens (lists) of the child's name and of the father's and
        mother's names as recorded.
    father:
        The standard ``father`` column (first token of the father's name; on a request lodged
        by the father, his own).
    requester_tokens, relation:
        Requests only: the requester's name tokens and the canonical relation
        (:func:`kintrace.relations.normalise_relations`).
    """
    n = len(own_tokens)
    requesters = requester_tokens.tolist() if requester_tokens is not None else [[]] * n
    relations = relation.tolist() if relation is not None else [None] * n
    father_chain: list[str | None] = []
    grandfathers: list[str | None] = []
    rows = zip(
        own_tokens.tolist(),
        father.tolist(),
        father_tokens.tolist(),
        mother_tokens.tolist(),
        requesters,
        relations,
        strict=True,
    )
    for own, recorded_father, fathers, mothers, requester, rel in rows:
        # A second name is the father's in a chain of three or more, or as a patronymic.
        second = _at(own, 1)
        chain_father = _name_of(second) if len(own) >= 3 or _is_patronymic(second) else None
        if rel in _FULL_SIBLINGS and chain_father is None:
            chain_father = _name_of(_at(requester, 1))
        father_chain.append(recorded_father if isinstance(recorded_father, str) else chain_father)

        found: list[tuple[str, str | None]] = [
            ("p", _name_of(_at(fathers, 1))),
            ("m", _name_of(_at(mothers, 1))),
        ]
        for side, position in _REQUESTER_GRANDFATHER.get(rel, ()) if rel else ():
            if position == 2:
                found.append((side, _chain_grandfather(requester)))
            else:
                found.append((side, _name_of(_at(requester, position))))
        if requester_tokens is None and not found[0][1]:
            # A child's own chain gives the father's father when the father's name does not.
            found.append(("p", _chain_grandfather(own)))
        grandfathers.append(_tagged(found))
    index = own_tokens.index
    return pd.DataFrame(
        {
            "father_chain": pd.Series(father_chain, index=index, dtype=object),
            "grandfathers": pd.Series(grandfathers, index=index, dtype=object),
        }
    )


def relation_age_gaps(relation: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per request, the least and most years its requester is plausibly older than the child
    (:attr:`kintrace.relations.RelationFacts.older_by`; NaN for an unknown relation)."""
    least = np.full(len(relation), np.nan)
    most = np.full(len(relation), np.nan)
    for i, rel in enumerate(relation.tolist()):
        facts = RELATION_FACTS.get(rel) if isinstance(rel, str) else None
        if facts is not None:
            least[i], most[i] = facts.older_by
    return least, most


def requester_sex_conflicts(relation: pd.Series, requester_sex: pd.Series) -> np.ndarray:
    """Where the requester's recorded sex contradicts the relation (a "mother" recorded as
    male): a slip in one of the two, reported, never corrected."""
    expected = relation.map(
        lambda r: RELATION_FACTS[r].sex if isinstance(r, str) and r in RELATION_FACTS else None
    )
    known = expected.notna() & requester_sex.notna()
    return np.asarray(known & (expected != requester_sex), dtype=bool)


def _years_older(low: float, high: float) -> str:
    """ "24 years older", "23-25 years older", "2 years younger" from the gap's two ends."""
    a, b = round(low), round(high)
    if a < 0 and b < 0:
        a, b, word = -b, -a, "younger"
    else:
        word = "older"
    span = f"{a}" if a == b else f"{a}-{b}"
    return f"{span} years {word}"


def explain_age_gaps(
    labels: list[str],
    left: pd.DataFrame,
    right: pd.DataFrame,
    left_rows: np.ndarray,
    right_rows: np.ndarray,
) -> list[str]:
    """The requester-age comparison's labels with what they rest on, for the reasons: "mother
    24 years older than the child: the requester's age fits ..." (the gap by the two birth
    intervals; a label is kept as it is where the pair had nothing to compare)."""
    child_first = left["birth_first"].to_numpy(dtype=float)[left_rows]
    child_last = left["birth_last"].to_numpy(dtype=float)[left_rows]
    first = right["requester_birth_first"].to_numpy(dtype=float)[right_rows]
    last = right["requester_birth_last"].to_numpy(dtype=float)[right_rows]
    relations = right["relation"].to_numpy(dtype=object)[right_rows]
    low = (child_first - last) / DAYS_PER_YEAR
    high = (child_last - first) / DAYS_PER_YEAR
    out: list[str] = []
    for label, lo, hi, relation in zip(labels, low, high, relations, strict=True):
        if label == "missing" or np.isnan(lo) or np.isnan(hi) or not isinstance(relation, str):
            out.append(label)
            continue
        who = relation.replace("_", " ")
        out.append(f"{who} {_years_older(lo, hi)} than the child: {label}")
    return out
