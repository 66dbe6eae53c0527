"""The name bank: every culture's names as lexemes, with lookup arrays for vectorised use.

Given names get one global id space across cultures and sexes; family names another. A
person's name is a handful of such ids; :class:`NameBank` turns them into lexeme ids (which
language form, which patronymic, which gendered surname) for :class:`._lexicon.Lexicon` to
spell. Built once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from kintrace.synth._cultures import CULTURES, Culture
from kintrace.synth._lexicon import Lexicon, LexiconBuilder
from kintrace.synth._slavic import feminine_surname, patronymic
from kintrace.synth._styles import STYLES, respell, style_affinity
from kintrace.synth._tables import (
    cyrillic_family,
    cyrillic_given,
    latin_family,
    latin_given,
)
from kintrace.synth._translit import CYRILLIC_SYSTEMS, arabic_skeleton, romanise

__all__ = ["NameBank", "name_bank"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Which romanisation systems an office of each style uses for Cyrillic, with weights.
_STYLE_SYSTEMS: dict[str, dict[str, float]] = {
    "english": {"bgn": 0.6, "passport": 0.4},
    "french": {"french": 0.6, "passport": 0.3, "bgn": 0.1},
    "german": {"german": 0.6, "passport": 0.3, "bgn": 0.1},
    "italian": {"passport": 0.5, "bgn": 0.3, "scholarly": 0.2},
    "polish": {"polish": 0.75, "passport": 0.25},
    "turkish": {"bgn": 0.5, "passport": 0.5},
    "somali": {"bgn": 0.5, "passport": 0.5},
    "passport": {"passport": 0.9, "bgn": 0.1},
    # Greek offices copy the Latin line of the Ukrainian passport when there is one.
    "greek": {"passport": 0.8, "bgn": 0.2},
}
_SUN_LETTERS = ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
_VOWELS = set("aeiouyAEIOUY")


@dataclass(frozen=True)
class NameBank:
    """Names of every culture as ids, and the arrays that map ids to lexemes.

    Attributes
    ----------
    lexicon:
        Spellings of every lexeme.
    given_culture, given_sex:
        Per global given-name id: culture index and sex (0 male, 1 female).
    given_lex:
        ``[2, n_given]`` lexeme of a given name in the family's language form (row 0) and
        the other form (row 1; same as row 0 outside Ukrainian/Russian).
    patronymic_lex:
        ``[2, 2, n_given]`` lexeme of the patronymic formed from a male given name, by
        language form and the bearer's sex; ``-1`` outside Slavic names.
    family_lex:
        ``[2, 2, n_family]`` lexeme of a family name by language form and sex.
    given_pool, family_pool:
        Per (culture, sex) / culture: the ids to sample from and their probabilities.
    nickname_lex:
        Per given id: lexemes of its nicknames.
    culture_nickname_lex:
        Per culture: lexemes of generic nicknames.
    given_by_name:
        Per culture: canonical name -> given ids (one per sex the name exists for).
    """

    lexicon: Lexicon
    given_culture: IntArray
    given_sex: IntArray
    given_lex: IntArray
    patronymic_lex: IntArray
    family_lex: IntArray
    family_culture: IntArray
    given_pool: dict[tuple[int, int], tuple[IntArray, FloatArray]]
    family_pool: dict[int, tuple[IntArray, FloatArray]]
    nickname_lex: tuple[tuple[int, ...], ...]
    culture_nickname_lex: tuple[tuple[int, ...], ...]
    given_by_name: tuple[dict[str, dict[int, int]], ...]


def _is_abbreviation(text: str) -> bool:
    return len(text) <= 3 and not (set(text[1:]) & _VOWELS)


def _article_variants(name: str) -> list[str]:
    """al-X as recorders write it: Al-X, Al X, Alx, El-X, El X, X, and assimilated As-X."""
    if not name.lower().startswith("al-"):
        return []
    stem = name[3:]
    forms = [f"Al-{stem}", f"Al {stem}", f"Al{stem.lower()}", f"El-{stem}", f"El {stem}", stem]
    for sun in sorted(_SUN_LETTERS, key=len, reverse=True):
        if stem.lower().startswith(sun):
            forms.append(f"A{sun}-{stem}")
            break
    return forms


def _latin_lexeme(
    builder: LexiconBuilder, canonical: str, variants: tuple[str, ...], native: str, script: str
) -> int:
    spellings = [canonical]
    base = [1.0]
    for i, variant in enumerate(variants):
        if variant in spellings:
            continue
        spellings.append(variant)
        base.append(0.03 if _is_abbreviation(variant) else 0.7 / (1.0 + 0.2 * i))
    own = [respell(canonical, style) for style in STYLES]
    for form in own:
        if form not in spellings:
            spellings.append(form)
            base.append(0.0)
    if native and script == "arabic":
        skeleton = arabic_skeleton(native)
        if skeleton and skeleton not in spellings:
            spellings.append(skeleton)
            base.append(0.03)
    weights = np.zeros((len(STYLES), len(spellings)))
    for s, style in enumerate(STYLES):
        for j, spelling in enumerate(spellings):
            w = base[j] * style_affinity(spelling, style)
            if spelling == own[s] and own[s] != canonical:
                w += 1.5
            weights[s, j] = w
    return builder.add(spellings, weights, native)


def _cyrillic_lexeme(builder: LexiconBuilder, text: str, lang: str) -> int:
    forms = {system: romanise(text, system, lang) for system in CYRILLIC_SYSTEMS}
    spellings = [forms["passport"]]
    for system in CYRILLIC_SYSTEMS:
        if forms[system] not in spellings:
            spellings.append(forms[system])
    weights = np.zeros((len(STYLES), len(spellings)))
    for s, style in enumerate(STYLES):
        for system, w in _STYLE_SYSTEMS[style].items():
            weights[s, spellings.index(forms[system])] += w
    return builder.add(spellings, weights, text)


def _pool(ids: list[int], weights: list[float]) -> tuple[IntArray, FloatArray]:
    w = np.asarray(weights, dtype=np.float64)
    return np.asarray(ids, dtype=np.int64), w / w.sum()


def _nick_lang(text: str) -> str:
    return "uk" if set(text) & set("іїєґІЇЄҐ") else "ru"


@cache
def name_bank() -> NameBank:
    """Build (once per process) the bank of every culture's names."""
    builder = LexiconBuilder()
    given_culture: list[int] = []
    given_sex: list[int] = []
    given_lex: list[tuple[int, int]] = []
    patronymics: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    family_culture: list[int] = []
    family_lex: list[tuple[tuple[int, int], tuple[int, int]]] = []
    given_pool: dict[tuple[int, int], tuple[IntArray, FloatArray]] = {}
    family_pool: dict[int, tuple[IntArray, FloatArray]] = {}
    nicknames: list[tuple[int, ...]] = []
    culture_nicks: list[tuple[int, ...]] = []
    by_name: list[dict[str, dict[int, int]]] = []

    for c, culture in enumerate(CULTURES):
        names: dict[str, dict[int, int]] = {}
        pools: dict[int, tuple[list[int], list[float]]] = {0: ([], []), 1: ([], [])}
        if culture.source == "cyrillic":
            _add_cyrillic(builder, c, culture, given_culture, given_sex, given_lex, patronymics,
                          nicknames, pools, names)  # fmt: skip
        else:
            for row in latin_given(culture.key):
                gid = len(given_culture)
                sex = 0 if row.sex == "M" else 1
                lex = _latin_lexeme(builder, row.name, row.variants, row.native, culture.script)
                given_culture.append(c)
                given_sex.append(sex)
                given_lex.append((lex, lex))
                nicknames.append(
                    tuple(_latin_lexeme(builder, n, (), "", "") for n in row.nicknames)
                )
                pools[sex][0].append(gid)
                pools[sex][1].append(row.weight)
                names.setdefault(row.name, {})[sex] = gid
        for sex in (0, 1):
            given_pool[(c, sex)] = _pool(*pools[sex])
        fam_ids: list[int] = []
        fam_weights: list[float] = []
        if culture.source == "cyrillic":
            for frow in cyrillic_family(culture.key):
                fam_ids.append(len(family_culture))
                fam_weights.append(frow.weight)
                family_culture.append(c)
                forms = []
                for text, lang in ((frow.uk, "uk"), (frow.ru, "ru")):
                    male = _cyrillic_lexeme(builder, text, lang)
                    fem_text = feminine_surname(text, lang)
                    female = male if fem_text == text else _cyrillic_lexeme(builder, fem_text, lang)
                    forms.append((male, female))
                family_lex.append((forms[0], forms[1]))
        elif culture.family_name_share > 0:
            for lrow in latin_family(culture.key):
                fam_ids.append(len(family_culture))
                fam_weights.append(lrow.weight)
                family_culture.append(c)
                variants = tuple(_article_variants(lrow.name)) + lrow.variants
                lex = _latin_lexeme(builder, lrow.name, variants, lrow.native, culture.script)
                family_lex.append(((lex, lex), (lex, lex)))
        if fam_ids:
            family_pool[c] = _pool(fam_ids, fam_weights)
        culture_nicks.append(
            tuple(_latin_lexeme(builder, n, (), "", "") for n in culture.nicknames)
        )
        by_name.append(names)

    n_given = len(given_culture)
    patr = np.full((2, 2, n_given), -1, dtype=np.int64)
    for gid, ((uk_m, uk_f), (ru_m, ru_f)) in patronymics.items():
        patr[0, 0, gid], patr[0, 1, gid] = uk_m, uk_f
        patr[1, 0, gid], patr[1, 1, gid] = ru_m, ru_f
    fam = np.full((2, 2, max(len(family_lex), 1)), -1, dtype=np.int64)
    for fid, ((uk_m, uk_f), (ru_m, ru_f)) in enumerate(family_lex):
        fam[0, 0, fid], fam[0, 1, fid] = uk_m, uk_f
        fam[1, 0, fid], fam[1, 1, fid] = ru_m, ru_f
    return NameBank(
        lexicon=builder.build(),
        given_culture=np.asarray(given_culture, dtype=np.int64),
        given_sex=np.asarray(given_sex, dtype=np.int64),
        given_lex=np.asarray(given_lex, dtype=np.int64).T.copy(),
        patronymic_lex=patr,
        family_lex=fam,
        family_culture=np.asarray(family_culture, dtype=np.int64),
        given_pool=given_pool,
        family_pool=family_pool,
        nickname_lex=tuple(nicknames),
        culture_nickname_lex=tuple(culture_nicks),
        given_by_name=tuple(by_name),
    )


def _add_cyrillic(
    builder: LexiconBuilder,
    c: int,
    culture: Culture,
    given_culture: list[int],
    given_sex: list[int],
    given_lex: list[tuple[int, int]],
    patronymics: dict[int, tuple[tuple[int, int], tuple[int, int]]],
    nicknames: list[tuple[int, ...]],
    pools: dict[int, tuple[list[int], list[float]]],
    names: dict[str, dict[int, int]],
) -> None:
    for row in cyrillic_given(culture.key):
        gid = len(given_culture)
        sex = 0 if row.sex == "M" else 1
        uk = _cyrillic_lexeme(builder, row.uk, "uk")
        ru = _cyrillic_lexeme(builder, row.ru, "ru")
        given_culture.append(c)
        given_sex.append(sex)
        given_lex.append((uk, ru))
        nicknames.append(tuple(_cyrillic_lexeme(builder, n, _nick_lang(n)) for n in row.nicknames))
        pools[sex][0].append(gid)
        pools[sex][1].append(row.weight)
        names.setdefault(romanise(row.uk, "passport", "uk"), {})[sex] = gid
        if sex == 0:
            uk_m, uk_f = patronymic(row.uk, "uk", row.uk_patronymic)
            ru_m, ru_f = patronymic(row.ru, "ru", row.ru_patronymic)
            patronymics[gid] = (
                (_cyrillic_lexeme(builder, uk_m, "uk"), _cyrillic_lexeme(builder, uk_f, "uk")),
                (_cyrillic_lexeme(builder, ru_m, "ru"), _cyrillic_lexeme(builder, ru_f, "ru")),
            )
