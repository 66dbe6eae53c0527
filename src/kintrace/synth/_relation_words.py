"""How a tracing service writes the requester's relation: its language, its words, its habits.

The truth keeps the fine relation (``paternal_uncle``, ``half_sister``); the request keeps
what the service wrote. A service writes in a *register*: English ("Paternal uncle",
"Father's brother"), French ("Oncle paternel"), Arabic where its staff write Arabic ("عم"),
or Primero's ``lookup-family-relationship`` values where the request comes from a Primero
export (``uncle``: Primero has no side, no half-sibling, no cousin). Recorders also drop the
side or the "half" now and then ("Uncle" for a paternal uncle), as registrations do; Arabic
words carry the side of an aunt or uncle in the word itself (عم, خال), so nothing is dropped.

Written for the generator only: the matcher's reading of these words is written separately
(``kintrace.relations``), and a test checks that it reads back every word written here.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["BROADER", "REGISTERS", "WORDS", "registers_for", "write_relations"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]

#: The ways a relation is written, in a fixed order (indices are used in arrays).
REGISTERS: tuple[str, ...] = ("english", "french", "arabic", "primero")

#: The relation a recorder writes when leaving out the side or the "half".
BROADER: dict[str, str] = {
    "paternal_grandmother": "grandmother",
    "maternal_grandmother": "grandmother",
    "paternal_grandfather": "grandfather",
    "maternal_grandfather": "grandfather",
    "paternal_aunt": "aunt",
    "maternal_aunt": "aunt",
    "paternal_uncle": "uncle",
    "maternal_uncle": "uncle",
    "half_brother": "brother",
    "half_sister": "sister",
}

#: Register -> key -> words, the first the most common. A key is a relation, refined where
#: the word depends on more than the relation: ``relation/sex`` (``f``, ``m``: "Cousine",
#: "Voisin"), ``relation/kin`` and ``relation/kin/sex`` (kin as in ``._requesters.KINS``:
#: "ابن خالة" is the son of the mother's sister, "أخ من الأب" a half-brother by the father).
#: The most refined key present wins.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "english": {
        "mother": ("Mother", "Biological mother", "Mum"),
        "father": ("Father", "Biological father", "Dad"),
        "paternal_grandmother": ("Paternal grandmother", "Father's mother"),
        "maternal_grandmother": ("Maternal grandmother", "Mother's mother"),
        "paternal_grandfather": ("Paternal grandfather", "Father's father"),
        "maternal_grandfather": ("Maternal grandfather", "Mother's father"),
        "grandmother": ("Grandmother", "Grandma"),
        "grandfather": ("Grandfather", "Grandpa"),
        "paternal_aunt": ("Paternal aunt", "Father's sister"),
        "maternal_aunt": ("Maternal aunt", "Mother's sister"),
        "aunt": ("Aunt", "Auntie"),
        "paternal_uncle": ("Paternal uncle", "Father's brother"),
        "maternal_uncle": ("Maternal uncle", "Mother's brother"),
        "uncle": ("Uncle",),
        "brother": ("Brother", "Older brother", "Elder brother"),
        "sister": ("Sister", "Older sister", "Elder sister"),
        "half_brother": ("Half-brother", "Half brother"),
        "half_sister": ("Half-sister", "Half sister"),
        "cousin": ("Cousin", "First cousin"),
        "other_family": ("Other relative", "Relative", "Family member", "Extended family"),
        "other_nonfamily": ("Neighbour", "Friend", "Community member", "Neighbor", "Non-relative"),
    },
    # "Soeur", not "Sœur": forms and keyboards write the ligature out.
    "french": {
        "mother": ("Mère", "Maman"),
        "father": ("Père", "Papa"),
        "paternal_grandmother": ("Grand-mère paternelle",),
        "maternal_grandmother": ("Grand-mère maternelle",),
        "paternal_grandfather": ("Grand-père paternel",),
        "maternal_grandfather": ("Grand-père maternel",),
        "grandmother": ("Grand-mère",),
        "grandfather": ("Grand-père",),
        "paternal_aunt": ("Tante paternelle",),
        "maternal_aunt": ("Tante maternelle",),
        "aunt": ("Tante",),
        "paternal_uncle": ("Oncle paternel",),
        "maternal_uncle": ("Oncle maternel",),
        "uncle": ("Oncle",),
        "brother": ("Frère", "Grand frère"),
        "sister": ("Soeur", "Grande soeur"),
        "half_brother": ("Demi-frère",),
        "half_sister": ("Demi-soeur",),
        "cousin": ("Cousin",),
        "cousin/f": ("Cousine",),
        "other_family": ("Autre parent", "Parent éloigné", "Autre membre de la famille"),
        "other_nonfamily": ("Voisin", "Ami"),
        "other_nonfamily/f": ("Voisine", "Amie"),
    },
    "arabic": {
        "mother": ("أم", "الأم", "والدة"),
        "father": ("أب", "الأب", "والد"),
        "paternal_grandmother": ("جدة لأب", "أم الأب"),
        "maternal_grandmother": ("جدة لأم", "أم الأم"),
        "paternal_grandfather": ("جد لأب", "أبو الأب"),
        "maternal_grandfather": ("جد لأم", "أبو الأم"),
        "grandmother": ("جدة", "الجدة"),
        "grandfather": ("جد", "الجد"),
        "paternal_aunt": ("عمة", "العمة", "أخت الأب"),
        "maternal_aunt": ("خالة", "الخالة", "أخت الأم"),
        "paternal_uncle": ("عم", "العم", "أخو الأب"),
        "maternal_uncle": ("خال", "الخال", "أخو الأم"),
        "brother": ("أخ", "شقيق", "الأخ"),
        "sister": ("أخت", "شقيقة", "الأخت"),
        "half_brother": ("أخ غير شقيق",),
        "half_brother/paternal": ("أخ غير شقيق", "أخ من الأب", "أخ لأب"),
        "half_brother/maternal": ("أخ غير شقيق", "أخ من الأم", "أخ لأم"),
        "half_sister": ("أخت غير شقيقة",),
        "half_sister/paternal": ("أخت غير شقيقة", "أخت من الأب", "أخت لأب"),
        "half_sister/maternal": ("أخت غير شقيقة", "أخت من الأم", "أخت لأم"),
        "cousin/uncle_p": ("ابن عم",),
        "cousin/uncle_p/f": ("بنت عم", "ابنة عم"),
        "cousin/uncle_m": ("ابن خال",),
        "cousin/uncle_m/f": ("بنت خال", "ابنة خال"),
        "cousin/aunt_m": ("ابن خالة",),
        "cousin/aunt_m/f": ("بنت خالة",),
        "other_family": ("قريب",),
        "other_family/f": ("قريبة",),
        "other_nonfamily": ("صديق", "جار"),
        "other_nonfamily/f": ("صديقة", "جارة"),
    },
    # Primero's lookup values: no side, no half-sibling, no cousin.
    "primero": {
        "mother": ("mother",),
        "father": ("father",),
        "paternal_grandmother": ("grandmother",),
        "maternal_grandmother": ("grandmother",),
        "paternal_grandfather": ("grandfather",),
        "maternal_grandfather": ("grandfather",),
        "paternal_aunt": ("aunt",),
        "maternal_aunt": ("aunt",),
        "paternal_uncle": ("uncle",),
        "maternal_uncle": ("uncle",),
        "brother": ("brother",),
        "sister": ("sister",),
        "half_brother": ("brother",),
        "half_sister": ("sister",),
        "cousin": ("other_family",),
        "other_family": ("other_family",),
        "other_nonfamily": ("other_nonfamily",),
    },
}

# Share of each register (order of REGISTERS) by the country of the tracing service. A
# quarter or so of requests everywhere come from Primero exports; French-speaking services
# write French, services in Arab countries Arabic as often as not, the rest English.
_DEFAULT = (0.75, 0.0, 0.0, 0.25)
_COUNTRY_REGISTERS: dict[str, tuple[float, float, float, float]] = {
    "France": (0.1, 0.65, 0.0, 0.25),
    "Guinea": (0.1, 0.65, 0.0, 0.25),
    "Mali": (0.1, 0.65, 0.0, 0.25),
    "Senegal": (0.1, 0.65, 0.0, 0.25),
    "Côte d'Ivoire": (0.1, 0.65, 0.0, 0.25),
    "Switzerland": (0.45, 0.3, 0.0, 0.25),
    "Lebanon": (0.1, 0.35, 0.35, 0.2),
    "Morocco": (0.1, 0.35, 0.35, 0.2),
    "Syria": (0.3, 0.0, 0.5, 0.2),
    "Iraq": (0.3, 0.0, 0.5, 0.2),
    "Sudan": (0.3, 0.0, 0.5, 0.2),
    "Jordan": (0.3, 0.0, 0.5, 0.2),
    "Egypt": (0.3, 0.0, 0.5, 0.2),
}  # fmt: skip


def registers_for(country: str) -> tuple[float, float, float, float]:
    """Probability of each register (order of :data:`REGISTERS`) at a country's services."""
    return _COUNTRY_REGISTERS.get(country, _DEFAULT)


def _words(register: str, relation: str, kin: str, sex: str) -> tuple[str, ...]:
    table = WORDS[register]
    keys = [f"{relation}/{kin}/{sex}", f"{relation}/{kin}"] if kin else []
    for key in (*keys, f"{relation}/{sex}", relation):
        if key in table:
            return table[key]
    raise KeyError(f"no {register} word for {relation!r}")


def write_relations(
    relation: list[str],
    kin: list[str],
    sex: IntArray,
    country: ObjArray,
    drop_detail: float,
    rng: np.random.Generator,
) -> list[str]:
    """The relation each request writes for its requester.

    Parameters
    ----------
    relation:
        Fine relation per request (a key of ``._plan.RELATIONS``).
    kin:
        Per request: how the requester is kin (``._requesters.KINS``), ``""`` where the
        relation says it all.
    sex:
        The requester's sex (0 male, 1 female).
    country:
        Country of the tracing service that wrote the request.
    drop_detail:
        Probability of leaving out the side or the "half" where the register has a word
        without it.
    rng:
        Random generator (four draws per request).

    Returns
    -------
    list of str
        One word or phrase per request.
    """
    n = len(relation)
    u_register, u_drop, u_word, u_pick = (rng.random(n) for _ in range(4))
    cum = {c: np.cumsum(registers_for(str(c))) for c in dict.fromkeys(country.tolist())}
    out: list[str] = []
    for i in range(n):
        c = cum[country[i]]
        register = REGISTERS[min(int(np.searchsorted(c, u_register[i] * c[-1], side="right")),
                                 len(REGISTERS) - 1)]  # fmt: skip
        rel = relation[i]
        broader = BROADER.get(rel)
        if broader is not None and broader in WORDS[register] and u_drop[i] < drop_detail:
            rel = broader
        words = _words(register, rel, kin[i], "f" if sex[i] == 1 else "m")
        # The first word is the usual one; the others share what is left.
        if len(words) == 1 or u_word[i] < 0.75:
            out.append(words[0])
        else:
            out.append(words[1 + min(int(u_pick[i] * (len(words) - 1)), len(words) - 2)])
    return out
