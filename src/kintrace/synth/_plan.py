"""The truth of a data set: who is registered where, who is sought, by whom.

Registered families come first: each contributes one to three registered children, chosen
among its minors (older boys most often, as among unaccompanied children). A share of them are
registered a second time in another country. A share of registered families lodge requests,
each from one relative, each seeking the family's missing children (registered or not).
Families with no registered child lodge the rest of the requests; a quarter of them are
cousins of a registered family, so the two share grandparents' names without being a match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kintrace.synth._bank import NameBank
from kintrace.synth._config import SynthConfig
from kintrace.synth._cultures import CULTURE_INDEX, CULTURES
from kintrace.synth._dates import age_years, day
from kintrace.synth._offices import OFFICE_INDEX, OFFICES
from kintrace.synth._world import Children, Families, concat, make_families, subset

__all__ = ["MATERNAL", "PATERNAL", "RELATIONS", "Plan", "make_plan"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

#: Relations of a requester to the sought child, in the matcher's fine vocabulary (the
#: truth's ``requester_relation``; how a request writes them is :mod:`._relation_words`).
RELATIONS: tuple[str, ...] = (
    "mother", "father",
    "paternal_grandmother", "maternal_grandmother", "paternal_grandfather", "maternal_grandfather",
    "paternal_aunt", "maternal_aunt", "paternal_uncle", "maternal_uncle",
    "brother", "sister", "half_brother", "half_sister",
    "cousin", "other_family", "other_nonfamily",
)  # fmt: skip
# Shares of the relations drawn: parents 42%, grandparents 12%, aunts and uncles 21%, full
# siblings 12% (fewer are lodged: a family without an adult brother or sister has an uncle or
# aunt lodge instead), half-siblings 3%, cousins 4%, other relatives 3%, non-relatives 3%.
_RELATION_P = np.array([
    0.23, 0.19,
    0.03, 0.03, 0.03, 0.03,
    0.04, 0.04, 0.065, 0.065,
    0.07, 0.05, 0.015, 0.015,
    0.04, 0.03, 0.03,
])  # fmt: skip
PATERNAL, MATERNAL = 0, 1
# The side a relation fixes (-1: none). Half-siblings and cousins have a side too, drawn per
# request: which parent a half-sibling shares, whose sibling a cousin's parent is.
_FIXED_SIDE = np.array([
    PATERNAL if r.startswith("paternal_") else MATERNAL if r.startswith("maternal_") else -1
    for r in RELATIONS
])  # fmt: skip
_DRAWN_SIDE = np.isin(RELATIONS, ("half_brother", "half_sister", "cousin"))
_BROTHER, _SISTER = RELATIONS.index("brother"), RELATIONS.index("sister")
# A missing adult sibling is replaced by the parent's sibling of the same sex, on a side.
_UNCLE = np.array([RELATIONS.index("paternal_uncle"), RELATIONS.index("maternal_uncle")])
_AUNT = np.array([RELATIONS.index("paternal_aunt"), RELATIONS.index("maternal_aunt")])
_FIRST_REGISTRATION = day("2019-01-01")
_LAST_DATE = day("2025-12-31")


@dataclass
class Plan:
    """Everything that is true before anyone records it.

    Families ``[0, n_registered_families)`` have at least one registered child; the others
    only lodge requests. Record arrays (``rec_*``) have one element per child record; request
    arrays (``req_*``) one per request; row arrays (``row_*``) one per sought child.

    ``req_relation`` indexes :data:`RELATIONS`; ``req_side`` is the parent the requester is
    related through (``PATERNAL`` or ``MATERNAL``): the relation's own side for grandparents,
    aunts and uncles, drawn for half-siblings (the parent they share) and cousins (whose
    sibling their parent is), ``-1`` for everyone else.
    """

    families: Families
    children: Children
    n_registered_families: int
    rec_child: IntArray
    rec_office: IntArray
    rec_date: IntArray
    rec_duplicate_of: IntArray
    req_family: IntArray
    req_relation: IntArray
    req_side: IntArray
    req_sibling: IntArray
    req_date: IntArray
    req_country: ObjArray
    row_request: IntArray
    row_child: IntArray


def _culture_p(config: SynthConfig) -> FloatArray:
    p = np.zeros(len(CULTURES))
    for name, weight in config.cultures:
        p[CULTURE_INDEX[name]] = float(weight)
    return np.asarray(p / p.sum(), dtype=np.float64)


def _registration_dates(rng: np.random.Generator, fam: Families, kids: Children) -> IntArray:
    delay = 3 + np.minimum(rng.exponential(120.0, len(kids)), 720).astype(np.int64)
    date = fam.separation[kids.family] + delay
    date = np.maximum(date, _FIRST_REGISTRATION + rng.integers(0, 30, len(kids)))
    return np.asarray(np.minimum(date, _LAST_DATE), dtype=np.int64)


def _top_k_per_family(
    rng: np.random.Generator, family: IntArray, weight: FloatArray, k: IntArray
) -> BoolArray:
    """Choose ``k[family]`` members of each family, with probability growing with weight."""
    key = np.log(np.maximum(weight, 1e-12)) - np.log(-np.log(rng.random(family.size)))
    order = np.lexsort((-key, family))
    fam_sorted = family[order]
    starts = np.searchsorted(fam_sorted, fam_sorted, side="left")
    rank = np.arange(family.size) - starts
    chosen = np.zeros(family.size, dtype=bool)
    chosen[order] = rank < k[fam_sorted]
    return chosen


def _office_for(rng: np.random.Generator, culture: IntArray) -> IntArray:
    out = np.zeros(culture.size, dtype=np.int64)
    for c, cult in enumerate(CULTURES):
        mask = culture == c
        if mask.any():
            codes = np.array([OFFICE_INDEX[o] for o, _ in cult.offices])
            w = np.array([w for _, w in cult.offices], dtype=np.float64)
            out[mask] = rng.choice(codes, size=int(mask.sum()), p=w / w.sum())
    return out


def _registered_world(
    rng: np.random.Generator, bank: NameBank, config: SynthConfig, n_unique: int
) -> tuple[Families, Children, IntArray, IntArray]:
    culture_p = _culture_p(config)
    fams: Families | None = None
    kids: Children | None = None
    chosen_all: list[IntArray] = []
    dates_all: list[IntArray] = []
    have = 0
    while have < n_unique:
        need = n_unique - have
        f, k = make_families(rng, bank, max(40, int(need * 0.85) + 20), culture_p, 0.1)
        reg = _registration_dates(rng, f, k)
        age = age_years(k.dob, reg)
        registrable = (age >= 0) & (age < 18) & (k.dob < reg)
        n_registrable = np.bincount(k.family[registrable], minlength=len(f))
        wanted = rng.choice(np.array([1, 2, 3]), size=len(f), p=[0.72, 0.2, 0.08])
        per_family = np.minimum(n_registrable, wanted)
        cum = np.cumsum(per_family)
        keep = per_family > 0
        if cum[-1] > need:
            last = int(np.searchsorted(cum, need))
            keep[last + 1 :] = False
            per_family[last] -= int(cum[last] - need)
        f, k2 = subset(f, k, keep)
        k_reg = registrable[keep[k.family]]
        k_dates = reg[keep[k.family]]
        per_family = per_family[keep]
        weight = np.where(k2.age_at_separation >= 12, 3.0,
                          np.where(k2.age_at_separation >= 6, 1.2, 0.5))  # fmt: skip
        weight = weight * np.where(k2.sex == 0, 1.8, 1.0) * k_reg
        chosen = _top_k_per_family(rng, k2.family, weight, per_family) & k_reg
        offset = 0 if fams is None else len(fams)
        child_offset = 0 if kids is None else len(kids)
        if fams is None or kids is None:
            fams, kids = f, k2
        else:
            concat(fams, f, 0)
            concat(kids, k2, offset)
        chosen_all.append(np.flatnonzero(chosen) + child_offset)
        dates_all.append(k_dates[chosen])
        have += int(chosen.sum())
    assert fams is not None and kids is not None
    return fams, kids, np.concatenate(chosen_all), np.concatenate(dates_all)


def _duplicates(
    rng: np.random.Generator,
    fams: Families,
    kids: Children,
    rec_child: IntArray,
    rec_office: IntArray,
    rec_date: IntArray,
    n_dup: int,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    n_first = rec_child.size
    n_dup = min(n_dup, n_first)
    first = np.sort(rng.choice(n_first, size=n_dup, replace=False)) if n_dup else np.zeros(0, int)
    child = rec_child[first]
    culture = fams.culture[kids.family[child]]
    office = _office_for(rng, culture)
    countries = np.array([o.country for o in OFFICES], dtype=object)
    for _ in range(8):
        same = countries[office] == countries[rec_office[first]]
        if not same.any():
            break
        office[same] = _office_for(rng, culture[same])
    # Where the culture's routes offer no other country, any office abroad will do.
    same = countries[office] == countries[rec_office[first]]
    for i in np.flatnonzero(same):
        other = [j for j, o in enumerate(OFFICES) if o.country != countries[rec_office[first[i]]]]
        office[i] = other[int(rng.integers(0, len(other)))]
    shift = rng.integers(20, 400, size=n_dup) * np.where(rng.random(n_dup) < 0.7, 1, -1)
    date = rec_date[first] + shift
    adult = kids.dob[child] + np.round(18 * 365.2425).astype(np.int64) - 1
    low = fams.separation[kids.family[child]] + 1
    high = np.minimum(_LAST_DATE, adult)
    date = np.clip(date, low, np.maximum(low, high))
    date = np.where(high < low, rec_date[first], date)
    return (
        np.concatenate([rec_child, child]),
        np.concatenate([rec_office, office]),
        np.concatenate([rec_date, date]),
        np.concatenate([np.full(n_first, -1, dtype=np.int64), first]),
    )


def _relations(
    rng: np.random.Generator, req_family: IntArray, adult_brother: IntArray, adult_sister: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Each request's relation, side and (for a full sibling) the sibling who lodges it."""
    n = req_family.size
    p = _RELATION_P / _RELATION_P.sum()
    relation = rng.choice(len(RELATIONS), size=n, p=p)
    # A family's several requests come from different relatives where possible.
    for _ in range(3):
        order = np.lexsort((relation, req_family))
        clash = np.zeros(n, dtype=bool)
        same = (req_family[order][1:] == req_family[order][:-1]) & (
            relation[order][1:] == relation[order][:-1]
        )
        clash[order[1:]] = same
        if not clash.any():
            break
        relation[clash] = rng.choice(len(RELATIONS), size=int(clash.sum()), p=p)
    sibling = np.full(n, -1, dtype=np.int64)
    is_b = relation == _BROTHER
    is_s = relation == _SISTER
    sibling[is_b] = adult_brother[req_family[is_b]]
    sibling[is_s] = adult_sister[req_family[is_s]]
    # One side per request, where the relation leaves it open: half-siblings share the father
    # a little more often (a father's earlier marriage); it also places the uncle or aunt
    # who lodges when there is no adult brother or sister.
    drawn = np.where(rng.random(n) < 0.6, PATERNAL, MATERNAL)
    no_b = is_b & (sibling < 0)
    no_s = is_s & (sibling < 0)
    relation[no_b] = _UNCLE[drawn[no_b]]
    relation[no_s] = _AUNT[drawn[no_s]]
    side = np.where(_DRAWN_SIDE[relation], drawn, _FIXED_SIDE[relation])
    return relation, side.astype(np.int64), sibling


def _adult_sibling(kids: Children, n_fam: int, sex: int, missing: BoolArray) -> IntArray:
    out = np.full(n_fam, -1, dtype=np.int64)
    idx = np.flatnonzero((kids.age_at_separation >= 18) & (kids.sex == sex) & ~missing)
    out[kids.family[idx[::-1]]] = idx[::-1]  # the eldest-listed adult wins (first in order)
    return out


def _rows_for(
    rng: np.random.Generator,
    req_family: IntArray,
    req_relation: IntArray,
    missing_idx: IntArray,
    missing_family: IntArray,
    n_fam: int,
) -> tuple[IntArray, IntArray]:
    """One row per missing child of each request's family that the relative seeks."""
    order = np.argsort(missing_family, kind="stable")
    m_idx = missing_idx[order]
    m_fam = missing_family[order]
    counts = np.bincount(m_fam, minlength=n_fam)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    n_rows = counts[req_family]
    row_request = np.repeat(np.arange(req_family.size), n_rows)
    within = np.arange(row_request.size) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
    row_child = m_idx[starts[req_family][row_request] + within]
    close = np.isin(
        req_relation, [RELATIONS.index(r) for r in ("mother", "father", "brother", "sister")]
    )
    p_include = np.where(close, 0.92, 0.75)[row_request]
    include = rng.random(row_request.size) < p_include
    # Every request seeks at least one child: its family's first missing child.
    has_any = np.bincount(row_request[include], minlength=req_family.size) > 0
    include |= (within == 0) & ~has_any[row_request]
    return row_request[include], row_child[include]


def _request_dates(rng: np.random.Generator, separation: IntArray) -> IntArray:
    delay = 7 + np.minimum(rng.exponential(200.0, separation.size), 1500).astype(np.int64)
    # Requests that would fall after the last date wrap into the time that is left, so that
    # no date piles up on the last day.
    room = np.maximum(_LAST_DATE - separation, 1)
    return separation + np.where(separation + delay > _LAST_DATE, delay % room, delay)


def _request_countries(
    rng: np.random.Generator, fams: Families, req_family: IntArray, taken: list[set[str]]
) -> ObjArray:
    out = np.empty(req_family.size, dtype=object)
    u = rng.random((req_family.size, 4))
    tables = []
    for cult in CULTURES:
        names = [n for n, _ in cult.requester_countries]
        w = np.cumsum([w for _, w in cult.requester_countries], dtype=np.float64)
        tables.append((names, w / w[-1]))
    for i, f in enumerate(req_family.tolist()):
        names, cum = tables[int(fams.culture[f])]
        origin = str(fams.origin[f])
        choice = origin
        for j in range(4):
            name = names[int(np.searchsorted(cum, u[i, j], side="right"))]
            name = origin if name == "ORIGIN" else name
            if name not in taken[f]:
                choice = name
                break
        out[i] = choice
    return out


def make_plan(rng: np.random.Generator, bank: NameBank, config: SynthConfig) -> Plan:
    """Decide families, registrations, duplicates and requests for ``config``."""
    n_dup = round(config.share_duplicates * config.n_children)
    n_unique = config.n_children - n_dup
    fams, kids, reg_child, reg_date = _registered_world(rng, bank, config, n_unique)
    n_reg_fam = len(fams)
    reg_office = _office_for(rng, fams.culture[kids.family[reg_child]])
    rec_child, rec_office, rec_date, rec_dup = _duplicates(
        rng, fams, kids, reg_child, reg_office, reg_date, n_dup
    )

    target_rows = round(config.request_ratio * config.n_children)
    none_rows = round(config.share_requests_no_child * target_rows)
    reg_rows = target_rows - none_rows

    # Missing children of registered families: the registered ones, and some minor siblings.
    registered = np.zeros(len(kids), dtype=bool)
    registered[reg_child] = True
    sought_family = rng.random(n_reg_fam) < config.share_sought
    minor = kids.age_at_separation < 18
    also_missing = minor & ~registered & (rng.random(len(kids)) < 0.25)
    missing = (registered | also_missing) & sought_family[kids.family]
    missing_idx = np.flatnonzero(missing)
    missing_count = np.bincount(kids.family[missing_idx], minlength=n_reg_fam)

    first = np.flatnonzero(sought_family & (missing_count > 0))
    extra_pool = np.concatenate([rng.permutation(first), rng.permutation(first)])
    base = int(missing_count[first].sum())
    if reg_rows > base and extra_pool.size:
        cum = np.cumsum(missing_count[extra_pool])
        n_extra = min(int(np.searchsorted(cum, reg_rows - base)) + 1, extra_pool.size)
    else:
        n_extra = 0
    req_family = np.concatenate([first, extra_pool[:n_extra]])

    brothers = _adult_sibling(kids, len(fams), 0, missing)
    sisters = _adult_sibling(kids, len(fams), 1, missing)
    relation, side, sibling = _relations(rng, req_family, brothers, sisters)
    row_request, row_child = _rows_for(
        rng, req_family, relation, missing_idx, kids.family[missing_idx], len(fams)
    )

    # Families with no registered child lodge the remaining share of rows.
    culture_p = _culture_p(config)
    none_fam_req: list[IntArray] = []
    none_rows_made = 0.0
    n_before = len(fams)
    while none_rows_made < none_rows:
        need = none_rows - none_rows_made
        f, k = make_families(rng, bank, max(20, int(need * 0.6) + 10), culture_p, 0.25, fams)
        lost = (k.age_at_separation < 18) & (rng.random(len(k)) < 0.6)
        per_family = np.bincount(k.family[lost], minlength=len(f))
        cum = np.cumsum(per_family)
        keep = per_family > 0
        if cum[-1] >= need:
            keep[int(np.searchsorted(cum, need)) + 1 :] = False
        lost_kept = lost[keep[k.family]]
        f, k = subset(f, k, keep)
        offset = len(fams)
        concat(fams, f, 0)
        concat(kids, k, offset)
        missing = np.concatenate([missing, lost_kept])
        fam_ids = np.arange(offset, len(fams))
        twice = fam_ids[rng.random(fam_ids.size) < 0.15]
        none_fam_req.append(np.concatenate([fam_ids, twice]))
        # Not every lost child is sought by every request (see _rows_for): count ~0.85 of them.
        none_rows_made += 0.85 * (
            int(lost_kept.sum())
            + int(np.bincount(k.family[lost_kept], minlength=len(f))[twice - offset].sum())
        )
    if none_fam_req:
        nf = np.sort(np.concatenate(none_fam_req))
        brothers = _adult_sibling(kids, len(fams), 0, missing)
        sisters = _adult_sibling(kids, len(fams), 1, missing)
        rel2, side2, sib2 = _relations(rng, nf, brothers, sisters)
        lost_idx = np.flatnonzero(missing)
        lost_idx = lost_idx[kids.family[lost_idx] >= n_before]
        rr2, rc2 = _rows_for(rng, nf, rel2, lost_idx, kids.family[lost_idx], len(fams))
        row_request = np.concatenate([row_request, rr2 + req_family.size])
        row_child = np.concatenate([row_child, rc2])
        req_family = np.concatenate([req_family, nf])
        relation = np.concatenate([relation, rel2])
        side = np.concatenate([side, side2])
        sibling = np.concatenate([sibling, sib2])

    taken: list[set[str]] = [set() for _ in range(len(fams))]
    countries = [o.country for o in OFFICES]
    for c, o in zip(rec_child.tolist(), rec_office.tolist(), strict=True):
        taken[int(kids.family[c])].add(countries[o])
    return Plan(
        families=fams,
        children=kids,
        n_registered_families=n_reg_fam,
        rec_child=rec_child,
        rec_office=rec_office,
        rec_date=rec_date,
        rec_duplicate_of=rec_dup,
        req_family=req_family,
        req_relation=relation,
        req_side=side,
        req_sibling=sibling,
        req_date=_request_dates(rng, fams.separation[req_family]),
        req_country=_request_countries(rng, fams, req_family, taken),
        row_request=row_request,
        row_child=row_child,
    )
