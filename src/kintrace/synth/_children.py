"""The children registry: each registered child written down by one office, noise and all."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.schema import CHILDREN
from kintrace.synth._bank import NameBank
from kintrace.synth._config import SynthConfig
from kintrace.synth._cultures import CULTURES
from kintrace.synth._dates import DAYS_PER_YEAR, age_years, format_iso, format_year
from kintrace.synth._fields import (
    chance,
    other_names,
    own_style,
    person_spec,
    place_names,
    relative_spec,
    sibling_lists,
    spoken_name,
)
from kintrace.synth._names import NameSpec, join, name_parts, native_names, spell
from kintrace.synth._offices import LAYOUTS, OFFICES
from kintrace.synth._plan import Plan
from kintrace.synth._styles import STYLE_INDEX

__all__ = ["render_children"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_P_EXACT_DOB = 0.45  # children who know their exact birth date
_SCRIPT_OF = tuple(c.script for c in CULTURES)


def _styles(rng: np.random.Generator, plan: Plan, office: IntArray, culture: IntArray) -> IntArray:
    n = office.size
    style = np.array([STYLE_INDEX[OFFICES[o].style] for o in office.tolist()], dtype=np.int64)
    u = rng.random(n)
    for i in range(n):
        for cult, st, p in OFFICES[int(office[i])].culture_styles:
            if CULTURES[int(culture[i])].key == cult and u[i] < p:
                style[i] = STYLE_INDEX[st]
    # A child with a document (or who spells their own name) gives the family's spelling.
    own = chance(rng, n, 0.25)
    fam = plan.children.family[plan.rec_child]
    style[own] = own_style(plan.families.origin[fam[own]])
    return style


def _missing(rng: np.random.Generator, n: int, base: float, scale: float) -> BoolArray:
    return chance(rng, n, min(1.0, base * scale))


def _dates(
    rng: np.random.Generator, plan: Plan, config: SynthConfig, office: IntArray
) -> tuple[list[str | None], list[str | None], list[str | None]]:
    """Date of birth, age and age-estimated flag as the office wrote them."""
    kids = plan.children
    dob = kids.dob[plan.rec_child]
    reg = plan.rec_date
    n = dob.size
    scale = config.rates.missing * config.noise
    true_age = age_years(dob, reg)
    exact = ~chance(rng, n, min(1.0, (1 - _P_EXACT_DOB) * scale))
    error = rng.choice(np.array([1, 1, 1, 2, 2, 3]), size=n) * rng.choice(np.array([-1, 1]), size=n)
    wrong = chance(rng, n, config.rate("age_error"))
    est_age = np.clip(true_age + np.where(wrong, error, 0), 0, 17)
    default_p = np.array([OFFICES[o].default_dob for o in office.tolist()])
    u_mode = rng.random(n)
    year_only = ~exact & (u_mode < 0.3)
    default = ~exact & ~year_only & (u_mode < 0.3 + 0.7 * default_p)
    swap = chance(rng, n, config.rate("day_month_swap"))
    show_age = chance(rng, n, 0.7)
    flag_missing = _missing(rng, n, 0.05, scale)
    iso = format_iso(dob)
    est_birth = reg - np.round((est_age + 0.5) * DAYS_PER_YEAR).astype(np.int64)
    est_year = format_year(est_birth)
    dobs: list[str | None] = []
    ages: list[str | None] = []
    flags: list[str | None] = []
    for i in range(n):
        if exact[i]:
            text = iso[i]
            if swap[i] and int(text[8:10]) <= 12 and text[5:7] != text[8:10]:
                text = f"{text[0:4]}-{text[8:10]}-{text[5:7]}"
            dobs.append(text)
        elif year_only[i]:
            dobs.append(est_year[i])
        elif default[i]:
            dobs.append(f"{est_year[i]}-01-01")
        else:
            dobs.append(None)
        age = int(true_age[i]) if exact[i] else int(est_age[i])
        ages.append(str(age) if (show_age[i] or dobs[i] is None) else None)
        flags.append(None if flag_missing[i] else ("no" if exact[i] else "yes"))
    return dobs, ages, flags


def _layout(
    rng: np.random.Generator,
    office: IntArray,
    given: list[str | None],
    middle: list[str | None],
    last: list[str | None],
    full_surname_first: BoolArray,
) -> tuple[list[str | None], list[str | None], list[str | None], list[str | None]]:
    n = office.size
    cum = np.cumsum(np.array([OFFICES[o].layout for o in office.tolist()]), axis=1)
    layout = (rng.random(n)[:, None] >= cum).sum(axis=1)
    merge_middle = chance(rng, n, 0.3)
    rows: list[tuple[str | None, str | None, str | None, str | None]] = []
    for i in range(n):
        g, m, la = given[i], middle[i], last[i]
        kind = LAYOUTS[min(int(layout[i]), len(LAYOUTS) - 1)]
        full = join(la, g, m) if full_surname_first[i] else join(g, m, la)
        if kind == "parts":
            rows.append((g, m, la, None))
        elif kind == "parts_full":
            rows.append((g, m, la, full))
        elif kind == "given_family":
            rows.append((join(g, m) if merge_middle[i] else g, None, la, None))
        else:
            rows.append((None, None, None, full))
    return (
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
    )


def render_children(
    plan: Plan, config: SynthConfig, bank: NameBank, rng: np.random.Generator
) -> pd.DataFrame:
    """Write every child record; rows in record order (``plan.rec_*``), canonical columns."""
    fam, kids = plan.families, plan.children
    child = plan.rec_child
    f = kids.family[child]
    n = child.size
    office = plan.rec_office
    culture = fam.culture[f]
    scale = config.rates.missing * config.noise
    style = _styles(rng, plan, office, culture)
    switch = chance(rng, n, config.rate("language_switch"))
    lang = fam.lang[f] ^ switch.astype(np.int64)

    spec = person_spec(fam, kids, child, lang)
    tokens = spell(spec, style, config, bank, rng)
    slavic = np.array([c.convention == "slavic" for c in CULTURES])[culture]
    kept = np.array([OFFICES[o].patronymic_kept for o in office.tolist()])
    no_patronymic = slavic & (rng.random(n) >= 1 - (1 - kept) * min(1.0, config.noise))
    drop = chance(rng, n, config.rate("drop_token")) | no_patronymic
    father_in = chance(rng, n, 0.5)
    given, middle, last = name_parts(tokens, spec, drop, father_in)
    swap = chance(rng, n, config.rate("swap_order"))
    for i in np.flatnonzero(swap).tolist():
        given[i], last[i] = last[i], given[i]
    surname_first = slavic & chance(rng, n, 0.3)
    out_g, out_m, out_l, out_full = _layout(rng, office, given, middle, last, surname_first)

    writes_script = np.array(
        [
            _SCRIPT_OF[c] in OFFICES[o].scripts
            for c, o in zip(culture.tolist(), office.tolist(), strict=True)
        ]
    )
    natives = native_names(spec, bank, chance(rng, n, 0.6), rng)
    has_native = np.array([s is not None for s in natives])
    with_native = has_native & chance(rng, n, np.where(writes_script, 0.5, 0.08))
    native_only = has_native & chance(
        rng, n, np.minimum(1.0, config.rate("native_only") * np.where(writes_script, 4.0, 1.0))
    )
    for i in np.flatnonzero(native_only).tolist():
        out_g[i] = out_m[i] = out_l[i] = out_full[i] = None
    original = [natives[i] if (with_native[i] or native_only[i]) else None for i in range(n)]

    dobs, ages, flags = _dates(rng, plan, config, office)
    sex_missing = _missing(rng, n, 0.01, scale)
    sexes = [
        None if sex_missing[i] else ("M" if s == 0 else "F")
        for i, s in enumerate(kids.sex[child].tolist())
    ]

    # What the child knows of the parents: often only a given name.
    knowledge = rng.choice(np.array([1, 2, 3]), size=n, p=[0.45, 0.4, 0.15])
    mothers = spoken_name(relative_spec(fam, f, "mother", lang, rng, bank), style,
                          knowledge, config, bank, rng)  # fmt: skip
    knowledge = rng.choice(np.array([1, 2, 3]), size=n, p=[0.3, 0.4, 0.3])
    fathers = spoken_name(relative_spec(fam, f, "father", lang, rng, bank), style,
                          knowledge, config, bank, rng)  # fmt: skip
    mother_missing = _missing(rng, n, 0.25, scale)
    father_missing = _missing(rng, n, 0.12, scale)

    siblings = _siblings(plan, config, bank, rng, child, style, lang, _missing(rng, n, 0.5, scale))
    origin_missing = _missing(rng, n, 0.15, scale)
    origins = place_names(rng, fam.origin_place[f], "origin", 0.35, fam.origin[f])
    sep_missing = _missing(rng, n, 0.5, scale)
    sep_year = chance(rng, n, 0.3)
    recall = rng.integers(-30, 31, size=n) * (rng.random(n) < min(1.0, config.noise))
    sep_dates = format_iso(fam.separation[f] + recall)
    sep_place_missing = _missing(rng, n, 0.45, scale)
    sep_places = place_names(rng, fam.separation_place[f], "separation", 0.35, fam.origin[f])
    nick = other_names(spec, style, chance(rng, n, 0.1), bank, rng)
    consent = np.where(chance(rng, n, 0.05), "no", "yes")
    countries = [OFFICES[o].country for o in office.tolist()]
    reg_dates = format_iso(plan.rec_date)

    columns: dict[str, list[str | None]] = {
        "child_id": [None] * n,
        "full_name": out_full,
        "given_name": out_g,
        "middle_name": out_m,
        "family_name": out_l,
        "name_original_script": original,
        "other_names": nick,
        "sex": sexes,
        "date_of_birth": dobs,
        "mother_name": [None if mother_missing[i] else mothers[i] for i in range(n)],
        "father_name": [None if father_missing[i] else fathers[i] for i in range(n)],
        "separation_date": [
            None if sep_missing[i] else (sep_dates[i][:4] if sep_year[i] else sep_dates[i])
            for i in range(n)
        ],
        "separation_place": [None if sep_place_missing[i] else sep_places[i] for i in range(n)],
        "age": ages,
        "age_estimated": flags,
        "registration_date": list(reg_dates),
        "registration_country": list(countries),
        "place_of_origin": [None if origin_missing[i] else origins[i] for i in range(n)],
        "sibling_names": siblings,
        "consent_for_tracing": [str(c) for c in consent.tolist()],
    }
    return pd.DataFrame({name: pd.Series(columns[name], dtype=object) for name in CHILDREN.names})


def _siblings(
    plan: Plan,
    config: SynthConfig,
    bank: NameBank,
    rng: np.random.Generator,
    child: IntArray,
    style: IntArray,
    lang: IntArray,
    missing: BoolArray,
) -> list[str | None]:
    kids, fam = plan.children, plan.families
    lists = sibling_lists(kids, child)
    owner = np.repeat(np.arange(child.size), [len(s) for s in lists])
    sib = np.array([j for s in lists for j in s], dtype=np.int64)
    keep = chance(rng, sib.size, 0.7)
    if sib.size == 0:
        return [None] * child.size
    f = kids.family[sib]
    spec = NameSpec(
        culture=fam.culture[f],
        sex=kids.sex[sib],
        lang=lang[owner],
        given=kids.given[sib],
        given2=kids.given2[sib],
        given2_before=kids.given2_before[sib],
        father=np.full(sib.size, -1, dtype=np.int64),
        grandfather=np.full(sib.size, -1, dtype=np.int64),
        family=np.full(sib.size, -1, dtype=np.int64),
    )
    tokens = spell(spec, style[owner], config, bank, rng)
    given, _, _ = name_parts(tokens, spec, np.zeros(sib.size, dtype=bool),
                             np.zeros(sib.size, dtype=bool))  # fmt: skip
    grouped: list[list[str]] = [[] for _ in range(child.size)]
    for o, g, k in zip(owner.tolist(), given, keep.tolist(), strict=True):
        if k and g:
            grouped[o].append(g)
    return [None if (missing[i] or not g) else "; ".join(g) for i, g in enumerate(grouped)]
