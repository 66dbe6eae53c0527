"""Tracing requests: one relative's account of the children they seek, one row per child.

What a request knows depends on who lodged it: a parent gives full names and birth dates, a
grandparent or an uncle often only a given name and an age. The requester's own name is their
own chain of names (a father's request carries the father's name, which is also the child's
second name in patronymic cultures). Rows of one request share the request-level fields.
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
from kintrace.synth._world import sample_given

__all__ = ["render_requests"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_R = {name: i for i, name in enumerate(RELATIONS)}
_CLOSE = (_R["mother"], _R["father"], _R["brother"], _R["sister"])
_FEMALE = (_R["mother"], _R["grandmother"], _R["aunt"], _R["sister"])
# Relation -> role of the relative in the family, by side (paternal, maternal).
_ROLE = {
    _R["mother"]: ("mother", "mother"),
    _R["father"]: ("father", "father"),
    _R["grandmother"]: ("pgm", "mgm"),
    _R["grandfather"]: ("pgf", "mgf"),
    _R["aunt"]: ("aunt_p", "aunt_m"),
    _R["uncle"]: ("uncle_p", "uncle_m"),
}
_P_EXACT = np.array([0.7, 0.7, 0.35, 0.35, 0.35, 0.35, 0.5, 0.5, 0.2])
_NOISE_SCALE = np.array([1.0, 1.0, 1.3, 1.3, 1.3, 1.3, 1.0, 1.0, 1.5])
_LAYOUT_CUM = np.cumsum([0.45, 0.2, 0.15, 0.2])


def _requester_specs(
    plan: Plan, bank: NameBank, rng: np.random.Generator, lang: IntArray
) -> tuple[NameSpec, IntArray]:
    """Each requester's own name spec, and their birth date."""
    fam, kids = plan.families, plan.children
    n = plan.req_family.size
    f = plan.req_family
    rel = plan.req_relation
    side = plan.req_side
    spec = NameSpec(
        culture=fam.culture[f].copy(),
        sex=np.zeros(n, dtype=np.int64),
        lang=lang,
        given=np.zeros(n, dtype=np.int64),
        given2=np.full(n, -1, dtype=np.int64),
        given2_before=np.zeros(n, dtype=bool),
        father=np.full(n, -1, dtype=np.int64),
        grandfather=np.full(n, -1, dtype=np.int64),
        family=np.full(n, -1, dtype=np.int64),
    )
    dob = np.zeros(n, dtype=np.int64)
    for r, roles in _ROLE.items():
        for s, role in enumerate(roles):
            idx = np.flatnonzero((rel == r) & (side == s))
            if idx.size == 0:
                continue
            part = relative_spec(fam, f[idx], role, lang[idx], rng, bank)
            for name in ("sex", "given", "father", "grandfather", "family"):
                getattr(spec, name)[idx] = getattr(part, name)
            dob[idx] = getattr(fam, f"dob_{role}")[f[idx]]
    sib = np.flatnonzero((rel == _R["brother"]) | (rel == _R["sister"]))
    if sib.size:
        child = plan.req_sibling[sib]
        part = person_spec(fam, kids, child, lang[sib])
        for name in ("sex", "given", "given2", "given2_before", "father", "grandfather", "family"):
            getattr(spec, name)[sib] = getattr(part, name)
        dob[sib] = kids.dob[child]
    # A cousin: child of the paternal uncle, so sharing the grandfather and family name.
    cousin = np.flatnonzero(rel == _R["other_family"])
    if cousin.size:
        cf = f[cousin]
        sex = rng.integers(0, 2, size=cousin.size)
        spec.sex[cousin] = sex
        spec.given[cousin] = sample_given(rng, bank, fam.culture[cf], sex)
        spec.father[cousin] = fam.uncle_p[cf]
        spec.grandfather[cousin] = fam.pgf[cf]
        spec.family[cousin] = fam.fam_p[cf]
        dob[cousin] = fam.dob_uncle_p[cf] + np.round(
            rng.uniform(20, 35, cousin.size) * DAYS_PER_YEAR
        ).astype(np.int64)
    return spec, dob


def render_requests(
    plan: Plan, config: SynthConfig, bank: NameBank, rng: np.random.Generator
) -> pd.DataFrame:
    """Write every request row; rows in plan order (``plan.row_*``), canonical columns.

    ``request_id`` and ``sought_id`` are left empty for the caller to number.
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
    req_spec, req_dob = _requester_specs(plan, bank, rng, lang)
    # Whoever lodges a request is an adult, however the relatives' ages fell.
    adult_latest = plan.req_date - np.round(18 * DAYS_PER_YEAR).astype(np.int64)
    too_young = req_dob > adult_latest
    req_dob = np.where(too_young, adult_latest - rng.integers(0, 3650, size=n_req), req_dob)
    knows_all = np.where(chance(rng, n_req, 0.85), 3, 2)
    requester = spoken_name(req_spec, style, knows_all, config, bank, rng)
    req_native = native_names(req_spec, bank, chance(rng, n_req, 0.6), rng)
    native_boost = np.where(from_origin, 3.0, 1.0)
    native_only_req = chance(rng, n_req, np.minimum(1.0, config.rate("native_only") * native_boost))
    requester = [
        req_native[i] if (native_only_req[i] and req_native[i]) else requester[i]
        for i in range(n_req)
    ]
    # Parents' names as the requester gives them (their own name if they are that parent).
    parent_knowledge = rng.choice(np.array([1, 2, 3]), size=n_req, p=[0.2, 0.3, 0.5])
    mother_spec = relative_spec(fam, f, "mother", lang, rng, bank)
    mother_knowledge = np.where(rel == _R["father"], 3, parent_knowledge)
    mothers = spoken_name(mother_spec, style, mother_knowledge, config, bank, rng)
    father_spec = relative_spec(fam, f, "father", lang, rng, bank)
    father_knowledge = np.where(rel == _R["mother"], 3, parent_knowledge)
    fathers = spoken_name(father_spec, style, father_knowledge, config, bank, rng)
    mother_missing = chance(rng, n_req, min(1.0, 0.2 * scale)) & (rel != _R["mother"])
    father_missing = chance(rng, n_req, min(1.0, 0.2 * scale)) & (rel != _R["father"])
    mother_out = [
        requester[i] if rel[i] == _R["mother"] else (None if mother_missing[i] else mothers[i])
        for i in range(n_req)
    ]
    father_out = [
        requester[i] if rel[i] == _R["father"] else (None if father_missing[i] else fathers[i])
        for i in range(n_req)
    ]
    req_sex = np.where(np.isin(rel, _FEMALE), "female", "male").astype(object)
    cousin = rel == _R["other_family"]
    req_sex[cousin] = np.where(req_spec.sex[cousin] == 1, "female", "male")
    req_sex[chance(rng, n_req, min(1.0, 0.05 * scale))] = None
    req_age = age_years(req_dob, plan.req_date)
    age_shown = ~chance(rng, n_req, min(1.0, 0.5 * scale))
    dob_mode = rng.random(n_req)
    dob_exact = dob_mode < 1 - min(1.0, 0.7 * scale)
    dob_year = ~dob_exact & (dob_mode < 1 - min(1.0, 0.6 * scale))
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
        "requester_relation": [RELATIONS[rel[i]] for i in r.tolist()],
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
    return pd.DataFrame({name: pd.Series(columns[name], dtype=object) for name in REQUESTS.names})


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
    close = np.isin(rel, _CLOSE)
    spec = person_spec(fam, kids, child, req_lang[r])
    noise_scale = _NOISE_SCALE[rel]
    tokens = np.empty((n, 5), dtype=object)
    for level in np.unique(noise_scale).tolist():
        idx = np.flatnonzero(noise_scale == level)
        sub = NameSpec(**{k: v[idx] for k, v in vars(spec).items()})
        tokens[idx] = spell(sub, req_style[r][idx], config, bank, rng, float(level))
    u_know = rng.random(n)
    knowledge = np.where(close, np.where(u_know < 0.8, 3, 2),
                         np.where(u_know < 0.45, 3, np.where(u_know < 0.8, 2, 1)))  # fmt: skip
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
    show_other = ~chance(rng, n, min(1.0, 0.3 * scale))
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
