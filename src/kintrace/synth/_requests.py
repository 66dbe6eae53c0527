"""Tracing requests: one relative's account of the children they seek, one row per child.

What a request knows depends on who lodged it: a parent gives full names and birth dates, a
grandparent or an uncle often only a given name and an age, a neighbour less still. A
relative knows best the parent they are related through (a paternal uncle his brother's full
name). The requester's own name is their own chain of names (:mod:`._requesters`: a father's
request carries the father's name, which is also the child's second name in patronymic
cultures); their relation is written in the service's words (:mod:`._relation_words`). Rows
of one request share the request-level fields.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.schema import REQUESTS
from kintrace.synth._bank import NameBank
from kintrace.synth._config import SynthConfig
from kintrace.synth._dates import DAYS_PER_YEAR, age_years, format_dmy, format_year
from kintrace.synth._fields import (
    chance,
    own_style,
    person_spec,
    place_names,
    relative_spec,
    spoken_name,
)
from kintrace.synth._names import NameSpec, join, name_parts, native_names, spell
from kintrace.synth._offices import country_style
from kintrace.synth._plan import RELATIONS, Plan
from kintrace.synth._relation_words import write_relations
from kintrace.synth._requesters import KINS, age_slips, requesters

__all__ = ["render_requests"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _by_relation(values: dict[str, float], default: float) -> FloatArray:
    """One value per relation (order of ``RELATIONS``), ``default`` where none is given."""
    unknown = set(values) - set(RELATIONS)
    if unknown:
        raise ValueError(f"not relations: {sorted(unknown)}")
    return np.array([values.get(r, default) for r in RELATIONS], dtype=np.float64)


# Who knows the child best (parents, full siblings), half-siblings, distant relatives.
_NUCLEAR = ("mother", "father", "brother", "sister")
_HALF = ("half_brother", "half_sister")
_DISTANT = ("cousin", "other_family")
_CLOSE = np.isin(RELATIONS, _NUCLEAR)
# Probability that the request gives the child's exact birth date.
_P_EXACT = _by_relation(
    {"mother": 0.7, "father": 0.7, "brother": 0.5, "sister": 0.5, "half_brother": 0.45,
     "half_sister": 0.45, "cousin": 0.25, "other_family": 0.2, "other_nonfamily": 0.1},
    0.35,
)  # fmt: skip
# Extra spelling noise on the child's name: the further the relative, the looser the name.
_NOISE_SCALE = _by_relation(
    {"mother": 1.0, "father": 1.0, "brother": 1.0, "sister": 1.0, "half_brother": 1.1,
     "half_sister": 1.1, "cousin": 1.4, "other_family": 1.5, "other_nonfamily": 1.8},
    1.3,
)  # fmt: skip
# How much of the child's name the requester gives: the whole name with probability
# _NAME_FULL, at least two parts with _NAME_TWO, else the given name only.
_NAME_FULL = _by_relation(
    {**dict.fromkeys(_NUCLEAR, 0.8),
     **dict.fromkeys(_HALF, 0.6), "other_nonfamily": 0.25},
    0.45,
)  # fmt: skip
_NAME_TWO = _by_relation(
    {**dict.fromkeys(_NUCLEAR, 1.0),
     **dict.fromkeys(_HALF, 0.9), "other_nonfamily": 0.6},
    0.8,
)  # fmt: skip
# The parents' names as the requester gives them: given name only with probability
# _PARENT_ONE, one more part with _PARENT_TWO - _PARENT_ONE, else the whole name (overruled
# by the parent the requester is related through, whose whole name they know).
_PARENT_ONE = _by_relation({**dict.fromkeys(_DISTANT, 0.3), "other_nonfamily": 0.55}, 0.2)
_PARENT_TWO = _by_relation({**dict.fromkeys(_DISTANT, 0.65), "other_nonfamily": 0.85}, 0.5)
_PARENT_MISSING = _by_relation(
    {"brother": 0.1, "sister": 0.1, **dict.fromkeys(_DISTANT, 0.3), "other_nonfamily": 0.5},
    0.2,
)
# Whose whole name a requester knows: their own, their spouse's, their child's or sibling's.
# Half-siblings know their own parent (by kin, below).
_KNOWS_FATHER = np.isin(
    RELATIONS,
    ("mother", "father", "paternal_grandmother", "paternal_grandfather", "paternal_aunt",
     "paternal_uncle", "brother", "sister"),
)  # fmt: skip
_KNOWS_MOTHER = np.isin(
    RELATIONS,
    ("mother", "father", "maternal_grandmother", "maternal_grandfather", "maternal_aunt",
     "maternal_uncle", "brother", "sister"),
)  # fmt: skip
# Probability that the other children sought are not listed on a row.
_OTHERS_HIDDEN = _by_relation({**dict.fromkeys(_DISTANT, 0.4), "other_nonfamily": 0.6}, 0.3)
_MOTHER, _FATHER = RELATIONS.index("mother"), RELATIONS.index("father")
_LAYOUT_CUM = np.cumsum([0.45, 0.2, 0.15, 0.2])
# Share of requests that leave out the side or the "half" ("Uncle" for a paternal uncle).
_DROP_DETAIL = 0.4


def render_requests(
    plan: Plan, config: SynthConfig, bank: NameBank, rng: np.random.Generator
) -> tuple[pd.DataFrame, BoolArray]:
    """Write every request row; rows in plan order (``plan.row_*``), canonical columns.

    ``request_id`` and ``sought_id`` are left empty for the caller to number.

    Returns
    -------
    tuple
        The rows, and per request whether the requester's written birth date or age is a
        slip that does not fit their relation (``NoiseRates.implausible_requester_age``).
    """
    fam = plan.families
    n_req = plan.req_family.size
    f = plan.req_family
    rel = plan.req_relation
    scale = config.rates.missing * config.noise
    lang = fam.lang[f] ^ chance(rng, n_req, config.rate("language_switch")).astype(np.int64)
    style = np.array([country_style(str(c)) for c in plan.req_country], dtype=np.int64)
    own = chance(rng, n_req, 0.5)
    style[own] = own_style(fam.origin[f[own]])
    from_origin = plan.req_country == fam.origin[f]

    # The requester, writing their own name.
    req = requesters(plan, bank, rng, lang)
    knows_all = np.where(chance(rng, n_req, 0.85), 3, 2)
    requester = spoken_name(req.spec, style, knows_all, config, bank, rng)
    req_native = native_names(req.spec, bank, chance(rng, n_req, 0.6), rng)
    native_boost = np.where(from_origin, 3.0, 1.0)
    native_only_req = chance(rng, n_req, np.minimum(1.0, config.rate("native_only") * native_boost))
    requester = [
        req_native[i] if (native_only_req[i] and req_native[i]) else requester[i]
        for i in range(n_req)
    ]
    # Parents' names as the requester gives them (their own name if they are that parent);
    # the parent they are related through by their whole name.
    kin = np.array(KINS, dtype=object)[req.kin]
    knows_father = _KNOWS_FATHER[rel] | (kin == "paternal")
    knows_mother = _KNOWS_MOTHER[rel] | (kin == "maternal")
    u_parent = rng.random(n_req)
    parent_knowledge = np.where(
        u_parent < _PARENT_ONE[rel], 1, np.where(u_parent < _PARENT_TWO[rel], 2, 3)
    )
    mother_spec = relative_spec(fam, f, "mother", lang, rng, bank)
    mother_knowledge = np.where(knows_mother, 3, parent_knowledge)
    mothers = spoken_name(mother_spec, style, mother_knowledge, config, bank, rng)
    father_spec = relative_spec(fam, f, "father", lang, rng, bank)
    father_knowledge = np.where(knows_father, 3, parent_knowledge)
    fathers = spoken_name(father_spec, style, father_knowledge, config, bank, rng)
    p_mother_missing = np.where(knows_mother, 0.05, _PARENT_MISSING[rel])
    p_father_missing = np.where(knows_father, 0.05, _PARENT_MISSING[rel])
    mother_missing = chance(rng, n_req, np.minimum(1.0, p_mother_missing * scale))
    father_missing = chance(rng, n_req, np.minimum(1.0, p_father_missing * scale))
    mother_out = [
        requester[i] if rel[i] == _MOTHER else (None if mother_missing[i] else mothers[i])
        for i in range(n_req)
    ]
    father_out = [
        requester[i] if rel[i] == _FATHER else (None if father_missing[i] else fathers[i])
        for i in range(n_req)
    ]
    req_sex = np.where(req.spec.sex == 1, "female", "male").astype(object)
    req_sex[chance(rng, n_req, min(1.0, 0.05 * scale))] = None
    # The relation in the service's words.
    relations = write_relations(
        [RELATIONS[i] for i in rel.tolist()],
        kin.tolist(),
        req.spec.sex,
        plan.req_country,
        min(1.0, _DROP_DETAIL * config.noise),
        rng,
    )
    # The requester's age and birth date as written: now and then a slip that fits no child.
    req_dob, slipped = age_slips(plan, req.dob, config.rate("implausible_requester_age"), rng)
    req_age = age_years(req_dob, plan.req_date)
    age_shown = ~chance(rng, n_req, min(1.0, 0.5 * scale))
    dob_mode = rng.random(n_req)
    dob_exact = dob_mode < 1 - min(1.0, 0.7 * scale)
    dob_year = ~dob_exact & (dob_mode < 1 - min(1.0, 0.6 * scale))
    # A slip counts only where something of it is written.
    age_noise = slipped & (age_shown | dob_exact | dob_year)
    req_dob_dmy = format_dmy(req_dob)
    req_dates = format_dmy(plan.req_date)
    sep_shown = ~chance(rng, n_req, min(1.0, 0.3 * scale))
    sep_year = chance(rng, n_req, 0.3)
    sep_dmy = format_dmy(fam.separation[f])
    sep_place_shown = ~chance(rng, n_req, min(1.0, 0.35 * scale))
    sep_places = place_names(rng, fam.separation_place[f], "separation", 0.35, fam.origin[f])

    rows = _rows(plan, config, bank, rng, lang, style, from_origin)
    r = plan.row_request
    columns: dict[str, list[str | None]] = {
        "request_id": [None] * r.size,
        "sought_id": [None] * r.size,
        "requester_name": [requester[i] for i in r.tolist()],
        "requester_relation": [relations[i] for i in r.tolist()],
        "requester_sex": [req_sex[i] for i in r.tolist()],
        "requester_age": [str(int(req_age[i])) if age_shown[i] else None for i in r.tolist()],
        "requester_date_of_birth": [
            req_dob_dmy[i] if dob_exact[i] else (req_dob_dmy[i][-4:] if dob_year[i] else None)
            for i in r.tolist()
        ],
        "requester_country": [str(plan.req_country[i]) for i in r.tolist()],
        "request_date": [req_dates[i] for i in r.tolist()],
        **rows,
        "mother_name": [mother_out[i] for i in r.tolist()],
        "father_name": [father_out[i] for i in r.tolist()],
        "separation_date": [
            (sep_dmy[i][-4:] if sep_year[i] else sep_dmy[i]) if sep_shown[i] else None
            for i in r.tolist()
        ],
        "separation_place": [sep_places[i] if sep_place_shown[i] else None for i in r.tolist()],
    }
    frame = pd.DataFrame({name: pd.Series(columns[name], dtype=object) for name in REQUESTS.names})
    return frame, age_noise


def _rows(
    plan: Plan,
    config: SynthConfig,
    bank: NameBank,
    rng: np.random.Generator,
    req_lang: IntArray,
    req_style: IntArray,
    from_origin: BoolArray,
) -> dict[str, list[str | None]]:
    """The sought-child fields of every row."""
    fam, kids = plan.families, plan.children
    r = plan.row_request
    child = plan.row_child
    n = child.size
    rel = plan.req_relation[r]
    scale = config.rates.missing * config.noise
    close = _CLOSE[rel]
    spec = person_spec(fam, kids, child, req_lang[r])
    noise_scale = _NOISE_SCALE[rel]
    tokens = np.empty((n, 5), dtype=object)
    for level in np.unique(noise_scale).tolist():
        idx = np.flatnonzero(noise_scale == level)
        sub = NameSpec(**{k: v[idx] for k, v in vars(spec).items()})
        tokens[idx] = spell(sub, req_style[r][idx], config, bank, rng, float(level))
    u_know = rng.random(n)
    knowledge = np.where(u_know < _NAME_FULL[rel], 3, np.where(u_know < _NAME_TWO[rel], 2, 1))
    drop = chance(rng, n, config.rate("drop_token")) | (knowledge == 2)
    given, middle, last = name_parts(tokens, spec, drop, chance(rng, n, 0.5))
    swap = chance(rng, n, config.rate("swap_order"))
    layout = (rng.random(n)[:, None] >= _LAYOUT_CUM[None, :]).sum(axis=1)
    natives = native_names(spec, bank, chance(rng, n, 0.6), rng)
    with_native = chance(rng, n, np.where(from_origin[r], 0.15, 0.04))
    boost = np.where(from_origin[r], 3.0, 1.0)
    native_only = chance(rng, n, np.minimum(1.0, config.rate("native_only") * boost))
    name_keys = ("full_name", "given_name", "middle_name", "family_name", "name_original_script")
    out: dict[str, list[str | None]] = {k: [] for k in name_keys}
    for i in range(n):
        g, m, la = given[i], middle[i], last[i]
        if knowledge[i] == 1:
            m = la = None
        if swap[i]:
            g, la = la, g
        full = join(g, m, la)
        native = natives[i]
        if native_only[i] and native:
            values: tuple[str | None, ...] = (None, None, None, None, native)
        elif layout[i] == 0:
            values = (None, g, m, la, native if with_native[i] else None)
        elif layout[i] == 1:
            values = (full, g, m, la, native if with_native[i] else None)
        elif layout[i] == 2:
            values = (None, g, None, la, native if with_native[i] else None)
        else:
            values = (full, None, None, None, native if with_native[i] else None)
        for key, value in zip(out, values, strict=True):
            out[key].append(value)
    # Other children sought in the same request, by the given names written in their rows.
    other: list[str | None] = []
    first_of = np.searchsorted(r, r, side="left")
    last_of = np.searchsorted(r, r, side="right")
    show_other = ~chance(rng, n, np.minimum(1.0, _OTHERS_HIDDEN[rel] * scale))
    for i in range(n):
        names = [given[j] for j in range(first_of[i], last_of[i]) if j != i and given[j]]
        other.append("; ".join(n_ for n_ in names if n_) if (names and show_other[i]) else None)

    sex_missing = chance(rng, n, min(1.0, 0.02 * scale))
    sexes = [None if sex_missing[i] else ("male" if s == 0 else "female")
             for i, s in enumerate(kids.sex[child].tolist())]  # fmt: skip
    dob = kids.dob[child]
    p_exact = _P_EXACT[rel]
    exact = ~chance(rng, n, np.minimum(1.0, (1 - p_exact) * scale))
    year_only = ~exact & chance(rng, n, 0.5)
    year_error = np.where(~close & chance(rng, n, min(1.0, 0.3 * config.noise)),
                          rng.choice(np.array([-1, 1]), size=n), 0)  # fmt: skip
    dob_dmy = format_dmy(dob)
    dob_year = format_year(dob + np.round(year_error * DAYS_PER_YEAR).astype(np.int64))
    dobs = [dob_dmy[i] if exact[i] else (dob_year[i] if year_only[i] else None) for i in range(n)]
    sep = fam.separation[kids.family[child]]
    age_sep = age_years(dob, sep)
    age_error = np.where(~close & chance(rng, n, min(1.0, 0.4 * config.noise)),
                         rng.choice(np.array([-1, 1]), size=n), 0)  # fmt: skip
    age_shown = chance(rng, n, np.where(np.array([d is None for d in dobs]), 0.85, 0.3))
    ages = [str(max(0, int(age_sep[i] + age_error[i]))) if age_shown[i] else None for i in range(n)]
    out_all: dict[str, list[str | None]] = {
        "full_name": out["full_name"],
        "given_name": out["given_name"],
        "middle_name": out["middle_name"],
        "family_name": out["family_name"],
        "name_original_script": out["name_original_script"],
        "other_names": [None] * n,
        "sex": sexes,
        "date_of_birth": dobs,
        "age_at_separation": ages,
        "other_children_sought": other,
    }
    return out_all
