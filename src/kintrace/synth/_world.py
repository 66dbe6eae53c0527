"""Families first: who the people are, before anyone writes anything down.

A family has a culture and origin, a name chain reaching back to great-grandfathers, parents,
grandparents on both sides, an uncle and an aunt on each side, and one to six children born a
few years apart (the eldest may be an adult). A share of families are cousins of another
family: their fathers are brothers, so the children share the paternal grandparents and the
family name (a hard negative for matching). Everything is drawn with numpy, family by family
in arrays, never in a Python loop over people.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kintrace.synth._bank import NameBank
from kintrace.synth._cultures import CULTURES
from kintrace.synth._dates import DAYS_PER_YEAR, day
from kintrace.synth._people import Children, Families, concat, subset
from kintrace.synth._tables import origin_places, separation_places

__all__ = [
    "RELATIVE_ROLES",
    "Children",
    "Families",
    "concat",
    "distinct_given",
    "make_families",
    "role_sex",
    "sample_family",
    "sample_given",
    "subset",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

MAX_CHILDREN = 6
#: Relatives whose given name, birth date and (where needed) family name a family carries.
RELATIVE_ROLES: tuple[str, ...] = (
    "father", "mother", "pgf", "pgm", "mgf", "mgm", "uncle_p", "aunt_p", "uncle_m", "aunt_m",
)  # fmt: skip
_ROLE_SEX = {"father": 0, "mother": 1, "pgf": 0, "pgm": 1, "mgf": 0, "mgm": 1,
             "uncle_p": 0, "aunt_p": 1, "uncle_m": 0, "aunt_m": 1}  # fmt: skip
_SEPARATION_FIRST = day("2018-10-01")
_SEPARATION_LAST = day("2025-09-30")


def sample_given(
    rng: np.random.Generator, bank: NameBank, culture: IntArray, sex: IntArray
) -> IntArray:
    """Draw given-name ids by each culture's and sex's weights."""
    out = np.full(culture.size, -1, dtype=np.int64)
    for c in range(len(CULTURES)):
        for s in (0, 1):
            mask = (culture == c) & (sex == s)
            k = int(mask.sum())
            if k:
                ids, p = bank.given_pool[(c, s)]
                out[mask] = rng.choice(ids, size=k, p=p)
    return out


def sample_family(
    rng: np.random.Generator, bank: NameBank, culture: IntArray, present: BoolArray
) -> IntArray:
    """Draw family-name ids by each culture's weights where ``present`` (else ``-1``)."""
    out = np.full(culture.size, -1, dtype=np.int64)
    for c in range(len(CULTURES)):
        mask = (culture == c) & present
        k = int(mask.sum())
        if k and c in bank.family_pool:
            ids, p = bank.family_pool[c]
            out[mask] = rng.choice(ids, size=k, p=p)
    return out


def _years(rng: np.random.Generator, low: float, high: float, n: int) -> IntArray:
    return np.round(rng.uniform(low, high, n) * DAYS_PER_YEAR).astype(np.int64)


def distinct_given(
    rng: np.random.Generator, bank: NameBank, culture: IntArray, sex: int, avoid: IntArray
) -> IntArray:
    """A given name per family that differs from ``avoid`` (brothers are not namesakes)."""
    sexes = np.full(culture.size, sex, dtype=np.int64)
    out = sample_given(rng, bank, culture, sexes)
    for _ in range(4):
        same = out == avoid
        if not same.any():
            break
        out[same] = sample_given(rng, bank, culture[same], sexes[same])
    return out


def make_families(
    rng: np.random.Generator,
    bank: NameBank,
    n: int,
    culture_p: FloatArray,
    cousin_share: float,
    cousin_pool: Families | None = None,
) -> tuple[Families, Children]:
    """Draw ``n`` families and their children.

    Parameters
    ----------
    rng:
        Random generator.
    bank:
        The name bank.
    n:
        Number of families.
    culture_p:
        Probability of each culture (indexed like ``CULTURES``).
    cousin_share:
        Share of families made cousins of another family (paternal side shared).
    cousin_pool:
        Families to draw cousins from; ``None`` draws them from the new batch itself (the
        previous family).

    Returns
    -------
    tuple
        The families and all their children.
    """
    culture = rng.choice(len(CULTURES), size=n, p=culture_p).astype(np.int64)
    targets, source_idx, source = _cousin_sources(rng, n, cousin_share, cousin_pool)
    # Cousins share the paternal line, so culture and origin come from the source family
    # before any name is drawn.
    if source is not None:
        culture[targets] = source.culture[source_idx]
    else:
        culture[targets] = culture[source_idx]
    origin = np.empty(n, dtype=object)
    for c, cult in enumerate(CULTURES):
        mask = culture == c
        names = [o for o, _ in cult.origins]
        weights = np.array([w for _, w in cult.origins], dtype=np.float64)
        origin[mask] = rng.choice(np.array(names, dtype=object), size=int(mask.sum()),
                                  p=weights / weights.sum())  # fmt: skip
    family_share = np.array([c.family_name_share for c in CULTURES])[culture]
    has_family = rng.random(n) < family_share
    # Ukrainian families speak Ukrainian (0) or Russian (1) at home; elsewhere always 0.
    slavic = np.array([c.convention == "slavic" for c in CULTURES])[culture]
    lang = ((rng.random(n) < 0.3) & slavic).astype(np.int64)
    male = np.zeros(n, dtype=np.int64)
    female = np.ones(n, dtype=np.int64)

    fam = Families(
        culture=culture,
        origin=origin,
        lang=lang,
        fam_p=sample_family(rng, bank, culture, has_family),
        fam_m=sample_family(rng, bank, culture, has_family),
        pgm_fam=sample_family(rng, bank, culture, has_family),
        mgm_fam=sample_family(rng, bank, culture, has_family),
        aunt_p_fam=sample_family(rng, bank, culture, has_family),
        aunt_m_fam=sample_family(rng, bank, culture, has_family),
        pggf=sample_given(rng, bank, culture, male),
        mggf=sample_given(rng, bank, culture, male),
        pgm_father=sample_given(rng, bank, culture, male),
        mgm_father=sample_given(rng, bank, culture, male),
        father=sample_given(rng, bank, culture, male),
        mother=sample_given(rng, bank, culture, female),
        pgf=sample_given(rng, bank, culture, male),
        pgm=sample_given(rng, bank, culture, female),
        mgf=sample_given(rng, bank, culture, male),
        mgm=sample_given(rng, bank, culture, female),
        uncle_p=np.zeros(n, dtype=np.int64),
        aunt_p=sample_given(rng, bank, culture, female),
        uncle_m=sample_given(rng, bank, culture, male),
        aunt_m=sample_given(rng, bank, culture, female),
        dob_father=np.zeros(n, dtype=np.int64),
        dob_mother=np.zeros(n, dtype=np.int64),
        dob_pgf=np.zeros(n, dtype=np.int64),
        dob_pgm=np.zeros(n, dtype=np.int64),
        dob_mgf=np.zeros(n, dtype=np.int64),
        dob_mgm=np.zeros(n, dtype=np.int64),
        dob_uncle_p=np.zeros(n, dtype=np.int64),
        dob_aunt_p=np.zeros(n, dtype=np.int64),
        dob_uncle_m=np.zeros(n, dtype=np.int64),
        dob_aunt_m=np.zeros(n, dtype=np.int64),
        separation=rng.integers(_SEPARATION_FIRST, _SEPARATION_LAST + 1, size=n),
        origin_place=np.zeros(n, dtype=np.int64),
        separation_place=np.zeros(n, dtype=np.int64),
        cousin_of=np.full(n, -1, dtype=np.int64),
    )
    fam.uncle_p = distinct_given(rng, bank, culture, 0, fam.father)
    _link_cousins(fam, targets, source_idx, source)
    _places(rng, fam)
    children = _children(rng, bank, fam)
    _relative_dates(rng, fam, children)
    return fam, children


_PATERNAL = ("origin", "lang", "fam_p", "pggf", "pgf", "pgm", "pgm_father", "pgm_fam")


def _cousin_sources(
    rng: np.random.Generator, n: int, share: float, pool: Families | None
) -> tuple[IntArray, IntArray, Families | None]:
    """Which new families are cousins, and of which family (in ``pool`` or the batch)."""
    is_cousin = rng.random(n) < share
    if pool is None:
        if n:
            is_cousin[0] = False
        # Each cousin family hangs off the nearest earlier non-cousin family (its "root").
        roots = np.maximum.accumulate(np.where(is_cousin, 0, np.arange(n)))
        return np.flatnonzero(is_cousin), roots[is_cousin], None
    targets = np.flatnonzero(is_cousin)
    return targets, rng.integers(0, len(pool), size=targets.size), pool


def _link_cousins(
    fam: Families, targets: IntArray, source_idx: IntArray, pool: Families | None
) -> None:
    if targets.size == 0:
        return
    source = fam if pool is None else pool
    for name in _PATERNAL:
        getattr(fam, name)[targets] = getattr(source, name)[source_idx]
    # The two fathers are brothers: each is the other family's paternal uncle.
    fam.father[targets] = source.uncle_p[source_idx]
    fam.uncle_p[targets] = source.father[source_idx]
    fam.cousin_of[targets] = source_idx if pool is None else -1


def _places(rng: np.random.Generator, fam: Families) -> None:
    places = origin_places()
    by_country: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        by_country.setdefault(p.country, []).append(i)
    for country in sorted(by_country):
        mask = fam.origin == country
        k = int(mask.sum())
        if k:
            fam.origin_place[mask] = rng.choice(np.array(by_country[country]), size=k)
    seps = separation_places()
    for c, cult in enumerate(CULTURES):
        idx = [i for i, s in enumerate(seps) if s.culture == cult.key]
        mask = fam.culture == c
        k = int(mask.sum())
        if k and idx:
            fam.separation_place[mask] = rng.choice(np.array(idx), size=k)


def _children(rng: np.random.Generator, bank: NameBank, fam: Families) -> Children:
    n = len(fam)
    count = rng.choice(np.arange(1, MAX_CHILDREN + 1), size=n,
                       p=[0.15, 0.2, 0.2, 0.18, 0.15, 0.12])  # fmt: skip
    # The eldest child's age at separation: mostly teenagers, some adult siblings, some small.
    kind = rng.random(n)
    eldest = np.where(
        kind < 0.55,
        rng.uniform(12.0, 18.0, n),
        np.where(kind < 0.85, rng.uniform(18.0, 30.0, n), rng.uniform(4.0, 12.0, n)),
    )
    gaps = rng.uniform(1.2, 4.5, (n, MAX_CHILDREN))
    gaps[:, 0] = 0.0
    ages = eldest[:, None] - np.cumsum(gaps, axis=1)
    slot = np.arange(MAX_CHILDREN)[None, :]
    valid = (slot < count[:, None]) & (ages > 0.1)
    sexes = (rng.random((n, MAX_CHILDREN)) >= 0.55).astype(np.int64)
    fam_idx = np.broadcast_to(np.arange(n)[:, None], (n, MAX_CHILDREN))[valid]
    order = np.broadcast_to(slot, (n, MAX_CHILDREN))[valid]
    sex = sexes[valid]
    age = ages[valid]
    culture = fam.culture[fam_idx]
    given = sample_given(rng, bank, culture, sex)
    # Siblings never share a given name: redraw a later sibling that repeats an earlier one.
    for _ in range(6):
        key = fam_idx * (bank.given_culture.size + 1) + given
        sort = np.lexsort((order, key))
        dup = np.zeros(given.size, dtype=bool)
        dup[sort[1:]] = key[sort[1:]] == key[sort[:-1]]
        if not dup.any():
            break
        given[dup] = sample_given(rng, bank, culture[dup], sex[dup])
    namesake_p = np.array([c.grandfather_namesake for c in CULTURES])[culture]
    first_son = (sex == 0) & (order == _first_son_order(fam_idx, order, sex, n))
    namesake = first_son & (rng.random(given.size) < namesake_p)
    given[namesake] = fam.pgf[fam_idx[namesake]]
    given2, before = _compounds(rng, bank, culture, sex, given)
    dob = fam.separation[fam_idx] - np.round(age * DAYS_PER_YEAR).astype(np.int64)
    return Children(
        family=fam_idx.astype(np.int64),
        order=order.astype(np.int64),
        sex=sex,
        given=given,
        given2=given2,
        given2_before=before,
        dob=dob,
        age_at_separation=age,
    )


def _first_son_order(fam_idx: IntArray, order: IntArray, sex: IntArray, n: int) -> IntArray:
    first = np.full(n, MAX_CHILDREN, dtype=np.int64)
    boys = sex == 0
    np.minimum.at(first, fam_idx[boys], order[boys])
    return first[fam_idx]


def _compounds(
    rng: np.random.Generator, bank: NameBank, culture: IntArray, sex: IntArray, given: IntArray
) -> tuple[IntArray, BoolArray]:
    given2 = np.full(given.size, -1, dtype=np.int64)
    before = np.zeros(given.size, dtype=bool)
    u = rng.random(given.size)
    pick = rng.random(given.size)
    for c, cult in enumerate(CULTURES):
        for s, sex_code in ((0, "M"), (1, "F")):
            parts = [(name, pos) for (sx, name, pos) in cult.compounds if sx == sex_code]
            mask = (culture == c) & (sex == s) & (u < cult.compound_share[s])
            if not parts or not mask.any():
                continue
            rows = np.flatnonzero(mask)
            which = np.minimum((pick[rows] * len(parts)).astype(np.int64), len(parts) - 1)
            for j, (name, pos) in enumerate(parts):
                sel = rows[which == j]
                if sel.size == 0:
                    continue
                if name == "*":
                    second = sample_given(rng, bank, culture[sel], sex[sel])
                else:
                    second = np.full(sel.size, bank.given_by_name[c][name][s], dtype=np.int64)
                # A compound never repeats the name it joins (no "Gul Gul").
                ok = second != given[sel]
                given2[sel[ok]] = second[ok]
                before[sel[ok]] = pos == "before"
    return given2, before


def _relative_dates(rng: np.random.Generator, fam: Families, children: Children) -> None:
    n = len(fam)
    eldest_dob = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(eldest_dob, children.family, children.dob)
    youngest_dob = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(youngest_dob, children.family, children.dob)
    fam.dob_father = eldest_dob - _years(rng, 20, 42, n)
    # A mother is at most 45 at her youngest child's birth (a family's children can span
    # twenty years, so the age at the eldest's birth alone would not bound it).
    last_birth = round(45 * DAYS_PER_YEAR)
    fam.dob_mother = np.maximum(eldest_dob - _years(rng, 17, 36, n), youngest_dob - last_birth)
    fam.dob_pgf = fam.dob_father - _years(rng, 20, 40, n)
    fam.dob_pgm = fam.dob_father - _years(rng, 17, 35, n)
    fam.dob_mgf = fam.dob_mother - _years(rng, 20, 40, n)
    fam.dob_mgm = fam.dob_mother - _years(rng, 17, 35, n)
    fam.dob_uncle_p = fam.dob_father + _years(rng, -10, 10, n)
    fam.dob_aunt_p = fam.dob_father + _years(rng, -10, 10, n)
    fam.dob_uncle_m = fam.dob_mother + _years(rng, -10, 10, n)
    fam.dob_aunt_m = fam.dob_mother + _years(rng, -10, 10, n)


def role_sex(role: str) -> int:
    """Sex (0 male, 1 female) of a relative role."""
    return _ROLE_SEX[role]
