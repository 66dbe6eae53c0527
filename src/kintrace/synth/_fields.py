"""Field writers shared by the children registry and the tracing requests."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kintrace.synth._bank import NameBank
from kintrace.synth._config import SynthConfig
from kintrace.synth._cultures import CULTURES
from kintrace.synth._names import NameSpec, join, name_parts, spell
from kintrace.synth._offices import COUNTRY_STYLE
from kintrace.synth._styles import STYLE_INDEX
from kintrace.synth._tables import origin_places, separation_places
from kintrace.synth._world import Children, Families

__all__ = [
    "chance",
    "other_names",
    "own_style",
    "person_spec",
    "place_names",
    "relative_spec",
    "sibling_lists",
    "spoken_name",
]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]


def chance(rng: np.random.Generator, n: int, p: float | npt.NDArray[np.float64]) -> BoolArray:
    """``n`` Bernoulli draws (one uniform per element, whatever ``p``)."""
    return rng.random(n) < p


def own_style(origin: ObjArray) -> IntArray:
    """Style in which a family writes its own names (its origin country's documents)."""
    return np.array([STYLE_INDEX[COUNTRY_STYLE.get(str(c), "english")] for c in origin])


def person_spec(fam: Families, kids: Children, child: IntArray, lang: IntArray) -> NameSpec:
    """Name spec of registered or sought children ``child`` (indices into ``kids``)."""
    f = kids.family[child]
    return NameSpec(
        culture=fam.culture[f],
        sex=kids.sex[child],
        lang=lang,
        given=kids.given[child],
        given2=kids.given2[child],
        given2_before=kids.given2_before[child],
        father=fam.father[f],
        grandfather=fam.pgf[f],
        family=fam.fam_p[f],
    )


def relative_spec(
    fam: Families,
    f: IntArray,
    role: str,
    lang: IntArray,
    rng: np.random.Generator,
    bank: NameBank,
) -> NameSpec:
    """Name spec of one relative of families ``f``: their own chain of names.

    Women keep their own family name in Arabic and West African families and take their
    husband's in Ukrainian ones; aunts' married names are drawn per family.
    """
    from kintrace.synth._world import sample_given

    n = f.size
    culture = fam.culture[f]
    slavic = np.array([c.convention == "slavic" for c in CULTURES])[culture]
    unknown = sample_given(rng, bank, culture, np.zeros(n, dtype=np.int64))
    table: dict[str, tuple[IntArray, int, IntArray, IntArray, IntArray]] = {
        "father": (fam.father[f], 0, fam.pgf[f], fam.pggf[f], fam.fam_p[f]),
        "mother": (fam.mother[f], 1, fam.mgf[f], fam.mggf[f],
                   np.where(slavic, fam.fam_p[f], fam.fam_m[f])),
        "pgf": (fam.pgf[f], 0, fam.pggf[f], unknown, fam.fam_p[f]),
        "pgm": (fam.pgm[f], 1, fam.pgm_father[f], unknown,
                np.where(slavic, fam.fam_p[f], fam.pgm_fam[f])),
        "mgf": (fam.mgf[f], 0, fam.mggf[f], unknown, fam.fam_m[f]),
        "mgm": (fam.mgm[f], 1, fam.mgm_father[f], unknown,
                np.where(slavic, fam.fam_m[f], fam.mgm_fam[f])),
        "uncle_p": (fam.uncle_p[f], 0, fam.pgf[f], fam.pggf[f], fam.fam_p[f]),
        "aunt_p": (fam.aunt_p[f], 1, fam.pgf[f], fam.pggf[f],
                   np.where(slavic, fam.aunt_p_fam[f], fam.fam_p[f])),
        "uncle_m": (fam.uncle_m[f], 0, fam.mgf[f], fam.mggf[f], fam.fam_m[f]),
        "aunt_m": (fam.aunt_m[f], 1, fam.mgf[f], fam.mggf[f],
                   np.where(slavic, fam.aunt_m_fam[f], fam.fam_m[f])),
    }  # fmt: skip
    given, sex, father, grandfather, family = table[role]
    return NameSpec(
        culture=culture,
        sex=np.full(n, sex, dtype=np.int64),
        lang=lang,
        given=given,
        given2=np.full(n, -1, dtype=np.int64),
        given2_before=np.zeros(n, dtype=bool),
        father=father,
        grandfather=grandfather,
        family=family,
    )


def spoken_name(
    spec: NameSpec,
    style: IntArray,
    knowledge: IntArray,
    config: SynthConfig,
    bank: NameBank,
    rng: np.random.Generator,
    noise_scale: float = 1.0,
) -> list[str | None]:
    """A person's name as one string, as much of it as the speaker knows.

    Parameters
    ----------
    spec, style, config, bank, rng:
        As for :func:`._names.spell`.
    knowledge:
        Per record: 1 given name only, 2 given name and one more part, 3 the whole name.
    noise_scale:
        Extra noise factor (a distant relative's account).

    Returns
    -------
    list
        One string per record.
    """
    tokens = spell(spec, style, config, bank, rng, noise_scale)
    n = len(spec)
    drop = chance(rng, n, config.rate("drop_token"))
    father_in = chance(rng, n, 0.5)
    given, middle, last = name_parts(tokens, spec, drop, father_in)
    out: list[str | None] = []
    for g, m, la, k in zip(given, middle, last, knowledge.tolist(), strict=True):
        if k <= 1:
            out.append(g)
        elif k == 2:
            out.append(join(g, m or la))
        else:
            out.append(join(g, m, la))
    return out


def place_names(
    rng: np.random.Generator, place: IntArray, kind: str, variant_p: float, with_country: ObjArray
) -> list[str]:
    """Write places: canonical name or a spelling variant, sometimes with the country."""
    table = origin_places() if kind == "origin" else separation_places()
    u_var = rng.random(place.size)
    u_pick = rng.random(place.size)
    u_country = rng.random(place.size)
    out: list[str] = []
    for i, p in enumerate(place.tolist()):
        entry = table[p]
        name = entry.name
        if entry.variants and u_var[i] < variant_p:
            name = entry.variants[int(u_pick[i] * len(entry.variants))]
        if kind == "origin" and u_country[i] < 0.15:
            name = f"{name}, {with_country[i]}"
        out.append(name)
    return out


def sibling_lists(kids: Children, child: IntArray) -> list[list[int]]:
    """For each child, the indices of its siblings (the family's other children), in order."""
    order = np.lexsort((kids.order, kids.family))
    fam_sorted = kids.family[order]
    starts = np.searchsorted(fam_sorted, kids.family[child], side="left")
    ends = np.searchsorted(fam_sorted, kids.family[child], side="right")
    order_list = order.tolist()
    return [
        [j for j in order_list[s:e] if j != c]
        for c, s, e in zip(child.tolist(), starts.tolist(), ends.tolist(), strict=True)
    ]


def other_names(
    spec: NameSpec,
    style: IntArray,
    present: BoolArray,
    bank: NameBank,
    rng: np.random.Generator,
) -> list[str | None]:
    """Nicknames or other spellings of the given name, for the records where ``present``."""
    n = len(spec)
    u = rng.random(n)
    pick = rng.random(n)
    alt = bank.lexicon.sample(bank.given_lex[spec.lang, spec.given], style, np.ones(n), rng)
    own_nicks: list[int] = []
    rows: list[int] = []
    out: list[str | None] = [None] * n
    for i in np.flatnonzero(present).tolist():
        nicks = bank.nickname_lex[int(spec.given[i])]
        generic = bank.culture_nickname_lex[int(spec.culture[i])]
        if nicks and u[i] < 0.6:
            rows.append(i)
            own_nicks.append(nicks[int(pick[i] * len(nicks))])
        elif generic and u[i] < 0.6:
            rows.append(i)
            own_nicks.append(generic[int(pick[i] * len(generic))])
        else:
            out[i] = str(alt[i])
    if rows:
        idx = np.array(rows)
        spelled = bank.lexicon.sample(np.array(own_nicks), style[idx], np.full(idx.size, 0.7), rng)
        for i, s in zip(rows, spelled.tolist(), strict=True):
            out[i] = s
    return out
