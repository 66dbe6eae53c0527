"""Name keys of each record, for blocking: the name parts a true pair is expected to share.

A record's name parts are its own name tokens and its father's first name (in patronymic
cultures the father's name is part of the child's own name chain, and registrations put it in
either place), plus its mother's first name, kept apart (``m:`` prefix) because a mother's name
only ever meets a mother's name. Each part gives every consonant-skeleton reading of it
(:func:`kintrace.names.skeleton_keys`), so a part written in Arabic script, in Somali
orthography or by a French office still meets its other spellings; a part the name-variant data
knows also reads as each of its variant classes (``v6484``: :mod:`kintrace.names.variants`),
so Hryhorii meets Grigorii and Olha meets Olga, whose consonants differ; a Slavic patronymic
(Mykhailovych) also reads as the father's name in it (Mykhailo: see
:mod:`kintrace.names.patronymic`), so the child meets a request that names the father; a family
name written with the Arabic article joined on (Alrubaie) also reads without it (Rubaie).
Two neighbouring tokens of a record's own name also make a part of their own, written
together: one office writes Abdi Aziz, Cabdi Laahi or Khan Agha where another writes
Abdicasiis, Abdullahi or Khanagha, and the name parser joins only the compounds it knows.

Three key sets come out of a record:

* **single keys**: every reading of every part;
* **pair keys**: every reading of every *two* parts, order-free (``AHMD+MHMD``): two name parts
  in common, in any order and any box, is strong evidence and stays rare even when each part
  is common.
* **triple keys**: the same for three parts (``AHMD+FTM+MHMD``), for names so common that even
  two parts in common make a big block.
* **sibling-pair keys**: a reading of one of the record's own name parts with a sibling's
  first name (``AMN+s:HSM``): the child's record lists its brothers and sisters, the request
  the other children it seeks (and an adult sibling lodging it is one), and a sibling's name
  beside the child's own is rare however common each is. Never a sibling's name beside the
  mother's or another sibling's: that is what a brother or sister of the child shares.
* **near-pair keys**: one part's reading and another part's skeleton *within one letter*
  (``SLMN~KB`` from Souleymane and Kabine, also read by Kabihe): two parts in common when a
  recorder's slip has changed one of them. A skeleton of three classes or more also reads
  with each class left out, so two skeletons one insertion, deletion or substitution apart
  share a key (the symmetric-deletion trick of spelling correctors).

The tables are long (one row per record and key) and go to DuckDB as Arrow.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from kintrace.dates import DatePrecision
from kintrace.names import skeleton_keys
from kintrace.names.patronymic import patronymic_stem
from kintrace.names.variants import variant_classes

__all__ = ["KEY_KINDS", "key_table"]

#: The key sets a :class:`~kintrace.blocking.SharedNameRule` can block on.
KEY_KINDS: tuple[str, ...] = ("single", "pair", "triple", "near_pair", "sibling_pair")


#: A token this long that begins with the article (al, el) also reads without it.
_JOINED_ARTICLE_MIN_LENGTH = 6


def _article_free_keys(token: str) -> tuple[str, ...]:
    """Skeletons of a token written with the article joined on (Alrubaie → Rubaie), of at
    least two consonants (a shorter one, as Alina → N, would meet half the registry)."""
    if len(token) < _JOINED_ARTICLE_MIN_LENGTH or token[:2] not in ("al", "el"):
        return ()
    return tuple(key for key in skeleton_keys(token[2:]) if len(key) >= 2)


# Tokens repeat across records and across the key kinds of one run: read each once.
@lru_cache(maxsize=500_000)
def _readings(token: str, variants: bool) -> tuple[str, ...]:
    """Skeleton keys of a token (and of it without a joined article) and, with
    ``variants``, its variant classes; a Slavic patronymic reads as the father's name in it."""
    keys = tuple(dict.fromkeys((*skeleton_keys(token), *_article_free_keys(token))))
    stem = patronymic_stem(token)
    if stem is not None:
        keys = tuple(dict.fromkeys((*keys, *skeleton_keys(stem))))
        token = stem
    if not variants:
        return keys
    return (*keys, *(f"v{c}" for c in variant_classes(token)))


def _parts(
    name: object, father: object, mother: object, variants: bool, joined: bool = True
) -> tuple[tuple[str, ...], ...]:
    """Readings of each name part (own tokens, father; neighbouring own tokens written
    together, with ``joined``; mother tagged)."""
    own: list[str] = list(dict.fromkeys(name.split())) if isinstance(name, str) else []
    tokens = list(own)
    if isinstance(father, str):
        tokens.extend(father.split()[:1])
    parts = [_readings(t, variants) for t in dict.fromkeys(tokens)]
    if joined:
        # Only readings no single part has: Abdi Aziz → ABDSS, but Mohamed Mohamed adds none.
        known = {key for part in parts for key in part}
        for first, second in itertools.pairwise(own):
            new = tuple(k for k in _readings(first + second, variants) if k not in known)
            parts.append(new)
    if isinstance(mother, str) and mother:
        # Skeletons only: variant readings of mothers' names measured +0.03 points of
        # completeness for 3% more pairs.
        parts.append(tuple(f"m:{k}" for k in skeleton_keys(mother.split()[0])))
    return tuple(p for p in parts if p)


_PARTS_PER_KEY = {"single": 1, "pair": 2, "triple": 3}
#: A skeleton this long also reads with one class left out (a shorter one would then be a
#: single consonant, which half the registry shares).
_NEAR_MIN_LENGTH = 3


@lru_cache(maxsize=500_000)
def _within_one_letter(key: str) -> tuple[str, ...]:
    """A skeleton key and, when long enough, each of it with one class left out (a mother's
    ``m:`` tag kept): two keys one edit apart share one of these."""
    tag, bare = ("m:", key[2:]) if key.startswith("m:") else ("", key)
    if len(bare) < _NEAR_MIN_LENGTH:
        return (key,)
    left_out = (bare[:i] + bare[i + 1 :] for i in range(len(bare)))
    return tuple(dict.fromkeys((key, *(tag + k for k in left_out))))


def _near_pair_keys(name: object, father: object, mother: object) -> tuple[str, ...]:
    parts = _parts(name, father, mother, variants=False, joined=False)
    found: dict[str, None] = {}
    for first, second in itertools.permutations(parts, 2):
        # Each part's most likely reading only: every reading of the second part measured 4%
        # more misses found for twice the keys.
        for other in _within_one_letter(second[0]):
            found[f"{first[0]}~{other}"] = None
    return tuple(found)


def _sibling_pair_keys(name: object, father: object, siblings: object) -> tuple[str, ...]:
    if not isinstance(siblings, str):
        return ()
    own = _parts(name, father, None, variants=True, joined=False)
    tagged = [tuple(f"s:{k}" for k in skeleton_keys(s)) for s in siblings.split()]
    found: dict[str, None] = {}
    for part in own:
        for sibling in tagged:
            for reading, other in itertools.product(part, sibling):
                found[f"{reading}+{other}"] = None
    return tuple(found)


def _keys(
    name: object, father: object, mother: object, kind: str, siblings: object = None
) -> tuple[str, ...]:
    if kind == "near_pair":
        return _near_pair_keys(name, father, mother)
    if kind == "sibling_pair":
        return _sibling_pair_keys(name, father, siblings)
    # Triple keys only narrow names too common for pairs: variant readings and joined
    # neighbours there would multiply the keys (readings cubed) for a measured +0.03 points
    # of completeness.
    wide = kind != "triple"
    parts = _parts(name, father, mother, variants=wide, joined=wide)
    found: dict[str, None] = {}
    for combination in itertools.combinations(parts, _PARTS_PER_KEY[kind]):
        for readings in itertools.product(*combination):
            found["+".join(sorted(readings))] = None
    return tuple(found)


def _exact_dates(frame: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Whether each record gives its birth date to the day (not a year, default or age)."""
    if "dob_precision" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    precision = pd.to_numeric(frame["dob_precision"], errors="coerce").to_numpy(dtype=float)
    exact: npt.NDArray[np.bool_] = np.nan_to_num(precision, nan=0.0) >= DatePrecision.DAY
    return exact


def key_table(frame: pd.DataFrame, kind: str) -> pa.Table:
    """One row per (record, key): ``i`` (row position), ``k``, ``yr`` (birth year), ``sx``
    (sex), ``ex`` (birth date known to the day).

    Parameters
    ----------
    frame:
        A standard table's frame (``name``, ``father``, ``mother``, ``siblings``,
        ``birth_year``, ``sex``, ``dob_precision``; missing columns count as unknown).
    kind:
        One of :data:`KEY_KINDS` (see the module docstring).
    """
    if kind not in KEY_KINDS:
        raise ValueError(f"kind must be one of {KEY_KINDS}; got {kind!r}.")
    empty = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    names = frame["name"] if "name" in frame.columns else empty
    fathers = frame["father"] if "father" in frame.columns else empty
    mothers = frame["mother"] if "mother" in frame.columns else empty
    siblings = frame["siblings"] if "siblings" in frame.columns else empty
    rows: list[int] = []
    keys: list[str] = []
    for i, (n, f, m, s) in enumerate(zip(names, fathers, mothers, siblings, strict=True)):
        found = _keys(n, f, m, kind, s)
        rows.extend([i] * len(found))
        keys.extend(found)
    index = np.asarray(rows, dtype=np.int32)
    years = frame["birth_year"].to_numpy(dtype=float) if "birth_year" in frame.columns else None
    sexes = frame["sex"].to_numpy(dtype=object) if "sex" in frame.columns else None
    exact = _exact_dates(frame)
    return pa.table(
        {
            "i": pa.array(index),
            "k": pa.array(keys, type=pa.string()),
            "yr": pa.array(
                years[index] if years is not None else np.full(len(index), np.nan),
                from_pandas=True,
            ),
            "sx": pa.array(
                sexes[index] if sexes is not None else [None] * len(index),
                type=pa.string(),
                from_pandas=True,
            ),
            "ex": pa.array(exact[index]),
        }
    )
