"""Writing names down: from a person's name ids to the strings a record holds.

A :class:`NameSpec` holds, per record, whose name is written (culture, sex, language form,
given names, father's and grandfather's names, family name). :func:`spell` draws a spelling
for each of the five slots of the chain in the recorder's style and adds slips;
:func:`name_parts` arranges the slots into given / middle / last as the culture's convention
and the recorder's habits say; :func:`native_names` writes the chain in its own script.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kintrace.synth._arabic_hands import draw_hands, write_by_hand
from kintrace.synth._bank import NameBank
from kintrace.synth._config import SynthConfig
from kintrace.synth._cultures import CULTURES
from kintrace.synth._noise import compound_variant, typo

__all__ = [
    "FAMILY",
    "FATHER",
    "GIVEN",
    "GIVEN2",
    "GRANDFATHER",
    "NameSpec",
    "join",
    "name_parts",
    "native_names",
    "spell",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]

# Slots of a name chain.
GIVEN, GIVEN2, FATHER, GRANDFATHER, FAMILY = range(5)
_CONVENTION = tuple(c.convention for c in CULTURES)
_ARABIC_SCRIPT = tuple(c.script == "arabic" for c in CULTURES)


@dataclass
class NameSpec:
    """Whose name each record writes. Ids are :class:`NameBank` ids, ``-1`` for none.

    ``father`` is the father's given name (a patronymic for Slavic names), ``grandfather``
    the paternal grandfather's, ``lang`` the language form (0 the family's, 1 the other).
    """

    culture: IntArray
    sex: IntArray
    lang: IntArray
    given: IntArray
    given2: IntArray
    given2_before: BoolArray
    father: IntArray
    grandfather: IntArray
    family: IntArray

    def __len__(self) -> int:
        return int(self.culture.size)


def _lexemes(spec: NameSpec, bank: NameBank) -> IntArray:
    n = len(spec)
    out = np.full((n, 5), -1, dtype=np.int64)
    slavic = np.array([c == "slavic" for c in _CONVENTION])[spec.culture]
    out[:, GIVEN] = bank.given_lex[spec.lang, spec.given]
    has2 = spec.given2 >= 0
    out[has2, GIVEN2] = bank.given_lex[spec.lang[has2], spec.given2[has2]]
    hasf = spec.father >= 0
    plain = hasf & ~slavic
    out[plain, FATHER] = bank.given_lex[spec.lang[plain], spec.father[plain]]
    patr = hasf & slavic
    out[patr, FATHER] = bank.patronymic_lex[spec.lang[patr], spec.sex[patr], spec.father[patr]]
    hasg = (spec.grandfather >= 0) & ~slavic
    out[hasg, GRANDFATHER] = bank.given_lex[spec.lang[hasg], spec.grandfather[hasg]]
    hasfam = spec.family >= 0
    out[hasfam, FAMILY] = bank.family_lex[spec.lang[hasfam], spec.sex[hasfam], spec.family[hasfam]]
    return out


def spell(
    spec: NameSpec,
    style: IntArray,
    config: SynthConfig,
    bank: NameBank,
    rng: np.random.Generator,
    noise_scale: float = 1.0,
) -> ObjArray:
    """Spell every slot of every record's name chain, slips included.

    Parameters
    ----------
    spec:
        Whose names.
    style:
        Recorder's style index per record.
    config:
        Noise rates.
    bank:
        Name bank.
    rng:
        Random generator (a fixed number of draws per record, whatever the noise level).
    noise_scale:
        Extra factor on the noise of these records (a distant relative knows less).

    Returns
    -------
    numpy.ndarray
        ``[n, 5]`` object array of strings, ``None`` for empty slots.
    """
    lex = _lexemes(spec, bank)
    n = len(spec)
    variant = np.full((n, 5), min(1.0, config.rate("variant") * noise_scale))
    tokens = bank.lexicon.sample(lex, style[:, None], variant, rng)
    u_typo = rng.random((n, 5))
    u_compound = rng.random((n, 5))
    detail = np.random.default_rng(rng.integers(0, 2**63 - 1))
    present = lex >= 0
    typo_cells = np.argwhere(present & (u_typo < min(1.0, config.rate("typo") * noise_scale)))
    comp_cells = np.argwhere(present & (u_compound < config.rate("compound")))
    for r, c in comp_cells.tolist():
        tokens[r, c] = compound_variant(str(tokens[r, c]), CULTURES[spec.culture[r]], detail)
    for r, c in typo_cells.tolist():
        tokens[r, c] = typo(str(tokens[r, c]), detail)
    return tokens


def join(*parts: object) -> str | None:
    """Join the non-empty parts with spaces; ``None`` if nothing is left."""
    text = " ".join(str(p) for p in parts if p)
    return text or None


def name_parts(
    tokens: ObjArray,
    spec: NameSpec,
    drop: BoolArray,
    father_in_name: BoolArray,
) -> tuple[list[str | None], list[str | None], list[str | None]]:
    """Arrange spelled slots into (given, middle, last) by each culture's convention.

    Parameters
    ----------
    tokens:
        ``[n, 5]`` spellings from :func:`spell`.
    spec:
        The records' name specs (culture, compound order).
    drop:
        Per record: leave out one inner part of the chain (grandfather, patronymic, second
        given name).
    father_in_name:
        Per record, for Dari/Pashto names (no chain by custom): write the father's name as
        a middle name, or as the last name when there is no family name.

    Returns
    -------
    tuple of lists
        Given, middle and last name per record (``None`` when empty).
    """
    givens: list[str | None] = []
    middles: list[str | None] = []
    lasts: list[str | None] = []
    cultures = spec.culture.tolist()
    before = spec.given2_before.tolist()
    drops = drop.tolist()
    fathers = father_in_name.tolist()
    for i, row in enumerate(tokens.tolist()):
        g, g2, f, gf, fam = row
        conv = _CONVENTION[cultures[i]]
        if g2 and drops[i] and conv == "given_family":
            g2 = None
        given = join(g2, g) if before[i] else join(g, g2)
        middle: str | None
        last: str | None
        if conv == "arabic":
            if fam:
                middle, last = (None if drops[i] else f), fam
            else:
                middle, last = (None, f) if drops[i] else (f, gf)
        elif conv == "chain":
            middle, last = (None, f) if drops[i] else (f, gf)
        elif conv == "slavic":
            middle, last = (None if drops[i] else f), fam
        elif conv == "afghan":
            if fam:
                middle, last = (f if fathers[i] else None), fam
            else:
                middle, last = None, (f if fathers[i] else None)
        else:
            middle, last = None, fam
        givens.append(given)
        middles.append(middle)
        lasts.append(last)
    return givens, middles, lasts


def native_names(
    spec: NameSpec, bank: NameBank, surname_first: BoolArray, rng: np.random.Generator
) -> list[str | None]:
    """The full name in its own script, or ``None`` where a part has no native form.

    A name in Arabic script is written as its writer writes it (:mod:`._arabic_hands`): hamza
    seats, ta marbuta, final ya and the keyboard's letters differ between hands.

    Parameters
    ----------
    spec:
        Whose names (the language form in ``spec.lang`` picks Ukrainian or Russian Cyrillic).
    bank:
        Name bank.
    surname_first:
        Per record: Slavic names in document order (surname, given, patronymic).
    rng:
        Source of the writers' habits. Drawn from a stream spawned off it, so that adding
        this step left every other generated value as it was.

    Returns
    -------
    list
        One string or ``None`` per record.
    """
    lex = _lexemes(spec, bank)
    natives = np.empty(lex.shape, dtype=object)
    for slot in range(5):
        natives[:, slot] = bank.lexicon.natives(lex[:, slot])
    out: list[str | None] = []
    cultures = spec.culture.tolist()
    before = spec.given2_before.tolist()
    first = surname_first.tolist()
    for i, (row, ids) in enumerate(zip(natives.tolist(), lex.tolist(), strict=True)):
        conv = _CONVENTION[cultures[i]]
        g = [row[GIVEN2], row[GIVEN]] if before[i] else [row[GIVEN], row[GIVEN2]]
        g_ids = [ids[GIVEN2], ids[GIVEN]] if before[i] else [ids[GIVEN], ids[GIVEN2]]
        if conv == "slavic":
            order = [row[FAMILY], *g, row[FATHER]] if first[i] else [*g, row[FATHER], row[FAMILY]]
            want = (
                [ids[FAMILY], *g_ids, ids[FATHER]]
                if first[i]
                else [*g_ids, ids[FATHER], ids[FAMILY]]
            )
        elif conv == "afghan":
            order, want = [*g, row[FAMILY]], [*g_ids, ids[FAMILY]]
        elif conv == "arabic" and ids[FAMILY] >= 0:
            order, want = [*g, row[FATHER], row[FAMILY]], [*g_ids, ids[FATHER], ids[FAMILY]]
        else:
            order, want = (
                [*g, row[FATHER], row[GRANDFATHER]],
                [*g_ids, ids[FATHER], ids[GRANDFATHER]],
            )
        if any(w >= 0 and not o for o, w in zip(order, want, strict=True)):
            out.append(None)
        else:
            out.append(join(*order))
    hands = draw_hands(rng.spawn(1)[0], len(out))
    for i, (text, culture) in enumerate(zip(out, cultures, strict=True)):
        if text is not None and _ARABIC_SCRIPT[culture]:
            out[i] = write_by_hand(text, hands[i])
    return out
