"""Who lodges each request: the requester's own name and birth date, by their relation.

A requester is a person of the family's world, so their name and age follow from the family:
a paternal uncle is a son of the paternal grandfather (in a patronymic chain his second name
is the grandfather's given name, his family name the father's), a maternal half-brother
shares the mother only (another father, so another father's name and family name), a cousin
is the child of a parent's sibling. Other relatives share the family name or nothing, and a
neighbour or friend is an unrelated adult of the same culture.

Every requester is an adult at the request date and of an age their relation allows; the
one exception is a recording slip (:func:`age_slips`), a birth date or age written so that
it no longer fits the relation, which the truth records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kintrace.synth._bank import NameBank
from kintrace.synth._dates import DAYS_PER_YEAR
from kintrace.synth._fields import chance, person_spec, relative_spec
from kintrace.synth._names import NameSpec
from kintrace.synth._plan import MATERNAL, PATERNAL, RELATIONS, Plan
from kintrace.synth._world import distinct_given, sample_family, sample_given

__all__ = ["KINS", "Requesters", "age_slips", "requesters", "sought_span"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

_R = {name: i for i, name in enumerate(RELATIONS)}
#: How a requester is kin where the relation leaves it open: the parent a half-sibling shares,
#: the parent's sibling whose child a cousin is ("" for every other relation).
KINS: tuple[str, ...] = ("", "paternal", "maternal", "uncle_p", "uncle_m", "aunt_m")
_KIN = {name: i for i, name in enumerate(KINS)}

# Relatives a family carries (see ._world.RELATIVE_ROLES): relation -> role.
_ROLE = {
    "mother": "mother",
    "father": "father",
    "paternal_grandmother": "pgm",
    "maternal_grandmother": "mgm",
    "paternal_grandfather": "pgf",
    "maternal_grandfather": "mgf",
    "paternal_aunt": "aunt_p",
    "maternal_aunt": "aunt_m",
    "paternal_uncle": "uncle_p",
    "maternal_uncle": "uncle_m",
}


def _per_relation(values: dict[str, tuple[float, float]]) -> tuple[FloatArray, FloatArray]:
    low = np.array([values[r][0] for r in RELATIONS], dtype=np.float64)
    high = np.array([values[r][1] for r in RELATIONS], dtype=np.float64)
    return low, high


_PARENT_SIBLING, _GRANDPARENT = (-8.0, 70.0), (30.0, 100.0)
# Years a requester of each relation is older than every child they seek (negative: younger).
# The generator's own view of what is plausible, narrower than any reader's tolerance: a
# requester drawn outside it (a great-uncle of 115, a cousin 50 years older) is moved inside.
_AGE_GAP = _per_relation(
    {
        "mother": (14.0, 48.0),
        "father": (15.0, 70.0),
        "paternal_grandmother": _GRANDPARENT,
        "maternal_grandmother": _GRANDPARENT,
        "paternal_grandfather": _GRANDPARENT,
        "maternal_grandfather": _GRANDPARENT,
        "paternal_aunt": _PARENT_SIBLING,
        "maternal_aunt": _PARENT_SIBLING,
        "paternal_uncle": _PARENT_SIBLING,
        "maternal_uncle": _PARENT_SIBLING,
        "brother": (-25.0, 35.0),
        "sister": (-25.0, 35.0),
        "half_brother": (-25.0, 25.0),
        "half_sister": (-25.0, 25.0),
        "cousin": (-30.0, 45.0),
        "other_family": (-20.0, 95.0),
        "other_nonfamily": (-50.0, 100.0),
    }
)

_NONE = (np.nan, np.nan)
# A slip writes the requester this many years older than the youngest child sought (parents,
# grandparents: far too young for the relation, whichever child is compared) or than the
# eldest (everyone else: far too old). A "mother" five years older than the child, a
# "grandfather" fifteen, a "brother" fifty. Nothing is implausible for other relatives and
# non-relatives, so they have no slip.
_SLIP_GAP = _per_relation(
    {
        "mother": (2.0, 9.0),
        "father": (2.0, 9.0),
        "paternal_grandmother": (10.0, 22.0),
        "maternal_grandmother": (10.0, 22.0),
        "paternal_grandfather": (10.0, 22.0),
        "maternal_grandfather": (10.0, 22.0),
        "paternal_aunt": (80.0, 90.0),
        "maternal_aunt": (80.0, 90.0),
        "paternal_uncle": (80.0, 90.0),
        "maternal_uncle": (80.0, 90.0),
        "brother": (45.0, 60.0),
        "sister": (45.0, 60.0),
        "half_brother": (45.0, 60.0),
        "half_sister": (45.0, 60.0),
        "cousin": (55.0, 70.0),
        "other_family": _NONE,
        "other_nonfamily": _NONE,
    }
)
_SLIP_FROM_YOUNGEST = np.isin(
    RELATIONS,
    (
        "mother", "father", "paternal_grandmother", "maternal_grandmother",
        "paternal_grandfather", "maternal_grandfather",
    ),
)  # fmt: skip


@dataclass
class Requesters:
    """The requester of each request (one element per request).

    Attributes
    ----------
    spec:
        Their own name.
    dob:
        Their true birth date (day number).
    side:
        The parent they are related through (``PATERNAL``, ``MATERNAL``, ``-1``): the plan's
        side, except a half-sibling who could only be the other parent's adult child.
    kin:
        Index into :data:`KINS`.
    """

    spec: NameSpec
    dob: IntArray
    side: IntArray
    kin: IntArray


def _days(years: FloatArray | float) -> IntArray:
    return np.asarray(np.round(np.asarray(years) * DAYS_PER_YEAR), dtype=np.int64)


def sought_span(plan: Plan) -> tuple[IntArray, IntArray]:
    """Birth dates of the eldest and of the youngest child each request seeks."""
    n = plan.req_family.size
    dob = plan.children.dob[plan.row_child]
    eldest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    youngest = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(eldest, plan.row_request, dob)
    np.maximum.at(youngest, plan.row_request, dob)
    return eldest, youngest


def _put(spec: NameSpec, idx: IntArray, part: NameSpec) -> None:
    for name in ("sex", "given", "given2", "given2_before", "father", "grandfather", "family"):
        getattr(spec, name)[idx] = getattr(part, name)


def requesters(plan: Plan, bank: NameBank, rng: np.random.Generator, lang: IntArray) -> Requesters:
    """Each request's requester: name, birth date, side and kin, drawn from the family.

    Parameters
    ----------
    plan:
        The truth: families, their children, each request's relation and side.
    bank:
        Name bank.
    rng:
        Random generator (the requests stage's).
    lang:
        Per request: the language form their names are recorded in.

    Returns
    -------
    Requesters
        One requester per request.
    """
    fam, kids = plan.families, plan.children
    n = plan.req_family.size
    f = plan.req_family
    rel = plan.req_relation
    out = Requesters(
        spec=NameSpec(
            culture=fam.culture[f].copy(),
            sex=np.zeros(n, dtype=np.int64),
            lang=lang,
            given=np.zeros(n, dtype=np.int64),
            given2=np.full(n, -1, dtype=np.int64),
            given2_before=np.zeros(n, dtype=bool),
            father=np.full(n, -1, dtype=np.int64),
            grandfather=np.full(n, -1, dtype=np.int64),
            family=np.full(n, -1, dtype=np.int64),
        ),
        dob=np.zeros(n, dtype=np.int64),
        side=plan.req_side.copy(),
        kin=np.zeros(n, dtype=np.int64),
    )
    # Parents, grandparents, aunts and uncles: the family's own relatives.
    for relation, role in _ROLE.items():
        idx = np.flatnonzero(rel == _R[relation])
        if idx.size:
            _put(out.spec, idx, relative_spec(fam, f[idx], role, lang[idx], rng, bank))
            out.dob[idx] = getattr(fam, f"dob_{role}")[f[idx]]
    # Full siblings: the family's adult child, with the child's own chain of names.
    sib = np.flatnonzero((rel == _R["brother"]) | (rel == _R["sister"]))
    if sib.size:
        _put(out.spec, sib, person_spec(fam, kids, plan.req_sibling[sib], lang[sib]))
        out.dob[sib] = kids.dob[plan.req_sibling[sib]]
    eldest, youngest = sought_span(plan)
    _half_siblings(plan, bank, rng, out, eldest, youngest)
    _cousins(plan, bank, rng, out)
    _others(plan, bank, rng, out)
    # Inside the relation's plausible ages, then adult: whoever lodges a request is an adult,
    # however the relatives' ages fell.
    low, high = _AGE_GAP
    earliest = youngest - _days(high[rel])
    latest = eldest - _days(low[rel])
    fits = earliest <= latest
    out.dob = np.where(fits, np.clip(out.dob, earliest, np.maximum(earliest, latest)), out.dob)
    adult_latest = plan.req_date - _days(18.0)
    too_young = out.dob > adult_latest
    out.dob = np.where(too_young, adult_latest - rng.integers(0, 3650, size=n), out.dob)
    return out


def _half_siblings(
    plan: Plan,
    bank: NameBank,
    rng: np.random.Generator,
    out: Requesters,
    eldest: IntArray,
    youngest: IntArray,
) -> None:
    """A half-sibling shares one parent: the father's name and family name, or the mother."""
    fam = plan.families
    h = np.flatnonzero(np.isin(plan.req_relation, (_R["half_brother"], _R["half_sister"])))
    if h.size == 0:
        return
    fh = plan.req_family[h]
    culture = fam.culture[fh]
    # Born to the shared parent at 18-55 (father) or 16-45 (mother), adult at the request,
    # within 25 years of every child sought.
    adult = plan.req_date[h] - _days(18.0)
    near = np.minimum(adult, eldest[h] + _days(25.0))
    far = youngest[h] - _days(25.0)
    low_p = np.maximum(fam.dob_father[fh] + _days(18.0), far)
    high_p = np.minimum(near, fam.dob_father[fh] + _days(55.0))
    low_m = np.maximum(fam.dob_mother[fh] + _days(16.0), far)
    high_m = np.minimum(near, fam.dob_mother[fh] + _days(45.0))
    ok_p, ok_m = low_p <= high_p, low_m <= high_m
    # A young mother cannot have an adult child from before: her half-child is the father's.
    side = out.side[h]
    side = np.where((side == MATERNAL) & ~ok_m & ok_p, PATERNAL, side)
    side = np.where((side == PATERNAL) & ~ok_p & ok_m, MATERNAL, side)
    out.side[h] = side
    paternal = side == PATERNAL
    low = np.where(paternal, low_p, low_m)
    high = np.where(paternal, high_p, high_m)
    drawn = low + np.round(rng.random(h.size) * (high - low)).astype(np.int64)
    out.dob[h] = np.where(low <= high, drawn, high)

    sex = (plan.req_relation[h] == _R["half_sister"]).astype(np.int64)
    male = np.zeros(h.size, dtype=np.int64)
    other_father = distinct_given(rng, bank, culture, 0, fam.father[fh])
    other_grandfather = sample_given(rng, bank, culture, male)
    other_family = sample_family(rng, bank, culture, fam.fam_p[fh] >= 0)
    out.spec.sex[h] = sex
    out.spec.given[h] = sample_given(rng, bank, culture, sex)
    out.spec.father[h] = np.where(paternal, fam.father[fh], other_father)
    out.spec.grandfather[h] = np.where(paternal, fam.pgf[fh], other_grandfather)
    out.spec.family[h] = np.where(paternal, fam.fam_p[fh], other_family)
    out.kin[h] = np.where(paternal, _KIN["paternal"], _KIN["maternal"])


def _cousins(plan: Plan, bank: NameBank, rng: np.random.Generator, out: Requesters) -> None:
    """A cousin is a child of the paternal uncle (sharing the grandfather and family name) or,
    on the mother's side, of her brother or of her sister (whose husband's names they carry)."""
    fam = plan.families
    c = np.flatnonzero(plan.req_relation == _R["cousin"])
    if c.size == 0:
        return
    fc = plan.req_family[c]
    culture = fam.culture[fc]
    parent = np.where(out.side[c] == PATERNAL, 0, np.where(rng.random(c.size) < 0.5, 1, 2))
    sex = rng.integers(0, 2, size=c.size)
    male = np.zeros(c.size, dtype=np.int64)
    husband = sample_given(rng, bank, culture, male)
    husband_father = sample_given(rng, bank, culture, male)
    out.spec.sex[c] = sex
    out.spec.given[c] = sample_given(rng, bank, culture, sex)
    out.spec.father[c] = np.choose(parent, [fam.uncle_p[fc], fam.uncle_m[fc], husband])
    out.spec.grandfather[c] = np.choose(parent, [fam.pgf[fc], fam.mgf[fc], husband_father])
    out.spec.family[c] = np.choose(parent, [fam.fam_p[fc], fam.fam_m[fc], fam.aunt_m_fam[fc]])
    parent_dob = np.choose(parent, [fam.dob_uncle_p[fc], fam.dob_uncle_m[fc], fam.dob_aunt_m[fc]])
    out.dob[c] = parent_dob + _days(rng.uniform(np.where(parent == 2, 17.0, 20.0), 35.0))
    out.kin[c] = np.choose(parent, [_KIN["uncle_p"], _KIN["uncle_m"], _KIN["aunt_m"]])


def _others(plan: Plan, bank: NameBank, rng: np.random.Generator, out: Requesters) -> None:
    """Other relatives share the family name (a great-uncle or great-aunt on the father's
    side, a child of the great-grandfather) or nothing (an in-law); non-relatives nothing."""
    fam = plan.families
    rel = plan.req_relation
    o = np.flatnonzero(rel == _R["other_family"])
    if o.size:
        fo = plan.req_family[o]
        culture = fam.culture[fo]
        male = np.zeros(o.size, dtype=np.int64)
        shares = chance(rng, o.size, 0.5)
        sex = chance(rng, o.size, 0.4).astype(np.int64)
        stranger_father = sample_given(rng, bank, culture, male)
        out.spec.sex[o] = sex
        out.spec.given[o] = sample_given(rng, bank, culture, sex)
        out.spec.father[o] = np.where(shares, fam.pggf[fo], stranger_father)
        out.spec.grandfather[o] = sample_given(rng, bank, culture, male)
        out.spec.family[o] = np.where(
            shares, fam.fam_p[fo], sample_family(rng, bank, culture, fam.fam_p[fo] >= 0)
        )
        # A great-uncle is of the grandfather's generation, an in-law of the parents'.
        generation = np.where(shares, fam.dob_pgf[fo], fam.dob_father[fo])
        out.dob[o] = generation + _days(rng.uniform(-10.0, 10.0, o.size))
    q = np.flatnonzero(rel == _R["other_nonfamily"])
    if q.size:
        fq = plan.req_family[q]
        culture = fam.culture[fq]
        male = np.zeros(q.size, dtype=np.int64)
        sex = rng.integers(0, 2, size=q.size)
        out.spec.sex[q] = sex
        out.spec.given[q] = sample_given(rng, bank, culture, sex)
        out.spec.father[q] = sample_given(rng, bank, culture, male)
        out.spec.grandfather[q] = sample_given(rng, bank, culture, male)
        out.spec.family[q] = sample_family(rng, bank, culture, fam.fam_p[fq] >= 0)
        out.dob[q] = plan.req_date[q] - _days(rng.uniform(20.0, 65.0, q.size))


def age_slips(
    plan: Plan, dob: IntArray, rate: float, rng: np.random.Generator
) -> tuple[IntArray, BoolArray]:
    """The birth date each request writes for its requester, slips included.

    Parameters
    ----------
    plan:
        The truth (relations, the children sought).
    dob:
        The requesters' true birth dates.
    rate:
        Probability of a slip (``NoiseRates.implausible_requester_age`` times the noise).
    rng:
        Random generator (two draws per request, whatever the rate).

    Returns
    -------
    tuple
        The birth date to write (the age written follows from it), and where it was slipped
        so that it fits no child the request seeks.
    """
    rel = plan.req_relation
    n = rel.size
    possible = ~np.isnan(_SLIP_GAP[0][rel])
    low, high = (np.nan_to_num(a[rel]) for a in _SLIP_GAP)
    slipped = chance(rng, n, rate) & possible
    gap = low + rng.random(n) * (high - low)
    eldest, youngest = sought_span(plan)
    anchor = np.where(_SLIP_FROM_YOUNGEST[rel], youngest, eldest)
    return np.where(slipped, anchor - _days(gap), dob), slipped
