"""Relations: the requester's relation to the sought child, in one vocabulary, and what each says.

A tracing request is lodged by someone — a mother, a grandfather on the father's side, an aunt,
an adult half-brother — and what the request says is evidence only when read through that
relation. Exports write relations in many ways ("Mother", "mère", "ام", "father's brother",
"oncle paternel", "عم", Primero's ``other_family``); :func:`normalise_relations` maps them
onto kintrace's canonical relations, :data:`RELATION_FACTS` says what each one implies.

The canonical vocabulary is Primero's (``lookup-family-relationship``: mother, father, aunt,
uncle, grandmother, grandfather, brother, sister, husband, wife, partner, other_family,
other_nonfamily), refined where a relation's side or kind changes the evidence: a paternal
uncle shares the child's paternal grandfather and, in patronymic cultures, carries his name;
a maternal one does not. :func:`primero_relation` maps a refined relation back to Primero's
value (``paternal_uncle`` → ``uncle``, ``half_brother`` → ``brother``, ``cousin`` →
``other_family``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

__all__ = [
    "RELATIONS",
    "RELATION_FACTS",
    "RelationFacts",
    "Side",
    "normalise_relations",
    "primero_relation",
]


class Side(StrEnum):
    """Which parent a relative is related through."""

    PATERNAL = "paternal"
    MATERNAL = "maternal"


@dataclass(frozen=True)
class RelationFacts:
    """What a requester of one relation is to the child.

    Attributes
    ----------
    primero:
        Primero's value for the relation.
    sex:
        ``"f"`` or ``"m"`` where the relation fixes the requester's sex, else ``None``.
    side:
        The parent the requester is related through, where known.
    older_by:
        ``(least, most)`` years a requester of this relation is plausibly older than the child
        (negative: younger). Wide on purpose: ages are estimated, families large; outside it
        the relation (or the pair) is doubtful.
    """

    primero: str
    sex: str | None
    side: Side | None
    older_by: tuple[float, float]


_P, _M = Side.PATERNAL, Side.MATERNAL
_PARENT, _GRANDPARENT = (12.0, 65.0), (26.0, 110.0)
_PARENT_SIBLING, _SIBLING = (-10.0, 75.0), (-30.0, 40.0)

#: Every canonical relation and its facts.
RELATION_FACTS: dict[str, RelationFacts] = {
    "mother": RelationFacts("mother", "f", None, (12.0, 55.0)),
    "father": RelationFacts("father", "m", None, (13.0, 75.0)),
    "grandmother": RelationFacts("grandmother", "f", None, _GRANDPARENT),
    "paternal_grandmother": RelationFacts("grandmother", "f", _P, _GRANDPARENT),
    "maternal_grandmother": RelationFacts("grandmother", "f", _M, _GRANDPARENT),
    "grandfather": RelationFacts("grandfather", "m", None, _GRANDPARENT),
    "paternal_grandfather": RelationFacts("grandfather", "m", _P, _GRANDPARENT),
    "maternal_grandfather": RelationFacts("grandfather", "m", _M, _GRANDPARENT),
    "aunt": RelationFacts("aunt", "f", None, _PARENT_SIBLING),
    "paternal_aunt": RelationFacts("aunt", "f", _P, _PARENT_SIBLING),
    "maternal_aunt": RelationFacts("aunt", "f", _M, _PARENT_SIBLING),
    "uncle": RelationFacts("uncle", "m", None, _PARENT_SIBLING),
    "paternal_uncle": RelationFacts("uncle", "m", _P, _PARENT_SIBLING),
    "maternal_uncle": RelationFacts("uncle", "m", _M, _PARENT_SIBLING),
    "brother": RelationFacts("brother", "m", None, _SIBLING),
    "sister": RelationFacts("sister", "f", None, _SIBLING),
    "half_brother": RelationFacts("brother", "m", None, _SIBLING),
    "half_sister": RelationFacts("sister", "f", None, _SIBLING),
    "cousin": RelationFacts("other_family", None, None, (-40.0, 50.0)),
    "husband": RelationFacts("husband", "m", None, (-10.0, 60.0)),
    "wife": RelationFacts("wife", "f", None, (-10.0, 60.0)),
    "partner": RelationFacts("partner", None, None, (-10.0, 60.0)),
    "other_family": RelationFacts("other_family", None, None, (-60.0, 110.0)),
    "other_nonfamily": RelationFacts("other_nonfamily", None, None, (-60.0, 110.0)),
}

# Canonical relation → the ways registries write it (folded: lower case, no accents, bare
# alif; "-", "_" and "'" read as spaces). English, French and Arabic at least; German,
# Italian, Greek (romanised), Russian and Ukrainian where offices write them.
RELATIONS: dict[str, tuple[str, ...]] = {
    "mother": (
        "mother", "mom", "mum", "mama", "biological mother", "mere", "maman", "mutter",
        "madre", "mitera", "ام", "الام", "والدة", "الوالدة", "мать", "мама", "мати",
    ),
    "father": (
        "father", "dad", "papa", "biological father", "pere", "vater", "padre", "pateras",
        "اب", "الاب", "ابو", "والد", "الوالد", "отец", "папа", "батько", "тато",
    ),
    "grandmother": (
        "grandmother", "grandma", "granny", "grand mere", "grossmutter", "nonna", "giagia",
        "جدة", "الجدة", "бабушка", "бабуся", "баба",
    ),
    "paternal_grandmother": (
        "paternal grandmother", "fathers mother", "father s mother", "grand mere paternelle",
        "جدة لاب", "جدة من الاب", "ام الاب",
    ),
    "maternal_grandmother": (
        "maternal grandmother", "mothers mother", "mother s mother", "grand mere maternelle",
        "جدة لام", "جدة من الام", "ام الام",
    ),
    "grandfather": (
        "grandfather", "grandpa", "grand pere", "grossvater", "nonno", "pappous", "جد",
        "الجد", "дедушка", "дед", "дідусь", "дід",
    ),
    "paternal_grandfather": (
        "paternal grandfather", "fathers father", "father s father", "grand pere paternel",
        "جد لاب", "جد من الاب", "ابو الاب", "اب الاب",
    ),
    "maternal_grandfather": (
        "maternal grandfather", "mothers father", "mother s father", "grand pere maternel",
        "جد لام", "جد من الام", "ابو الام", "اب الام",
    ),
    "aunt": ("aunt", "auntie", "tante", "zia", "theia", "тетя", "тётя", "тітка"),
    "paternal_aunt": (
        "paternal aunt", "fathers sister", "father s sister", "tante paternelle", "عمة",
        "العمة", "اخت الاب",
    ),
    "maternal_aunt": (
        "maternal aunt", "mothers sister", "mother s sister", "tante maternelle", "خالة",
        "الخالة", "اخت الام",
    ),
    "uncle": ("uncle", "oncle", "onkel", "zio", "theios", "дядя", "дядько"),
    "paternal_uncle": (
        "paternal uncle", "fathers brother", "father s brother", "oncle paternel", "عم",
        "العم", "اخ الاب", "اخو الاب",
    ),
    "maternal_uncle": (
        "maternal uncle", "mothers brother", "mother s brother", "oncle maternel", "خال",
        "الخال", "اخ الام", "اخو الام",
    ),
    "brother": (
        "brother", "older brother", "elder brother", "frere", "grand frere", "bruder",
        "fratello", "aderfos", "اخ", "الاخ", "شقيق", "الشقيق", "брат",
    ),
    "sister": (
        "sister", "older sister", "elder sister", "soeur", "grande soeur", "schwester",
        "sorella", "aderfi", "اخت", "الاخت", "شقيقة", "الشقيقة", "сестра",
    ),
    "half_brother": (
        "half brother", "halfbrother", "step brother", "stepbrother", "demi frere",
        "halbbruder", "fratellastro", "اخ غير شقيق", "اخ من الاب", "اخ من الام", "اخ لاب",
        "اخ لام", "сводный брат", "единокровный брат", "единоутробный брат",
    ),
    "half_sister": (
        "half sister", "halfsister", "step sister", "stepsister", "demi soeur",
        "halbschwester", "sorellastra", "اخت غير شقيقة", "اخت من الاب", "اخت من الام",
        "اخت لاب", "اخت لام", "сводная сестра",
    ),
    "cousin": (
        "cousin", "cousine", "first cousin", "vetter", "cugino", "cugina", "ابن عم",
        "ابنة عم", "بنت عم", "ابن خال", "ابنة خال", "بنت خال", "ابن عمة", "ابن خالة",
        "بنت عمة", "بنت خالة", "двоюродный брат", "двоюродная сестра",
    ),
    "husband": ("husband", "mari", "ehemann", "marito", "زوج", "муж", "чоловік"),
    "wife": ("wife", "epouse", "femme", "ehefrau", "moglie", "زوجة", "жена", "дружина"),
    "partner": ("partner", "partenaire", "compagnon", "compagne"),
    "other_family": (
        "other family", "other relative", "relative", "family member", "extended family",
        "autre parent", "autre membre de la famille", "famille", "parent eloigne",
        "verwandter", "verwandte", "parente", "قريب", "قريبة", "اقارب", "родственник",
        "родственница", "родич",
    ),
    "other_nonfamily": (
        "other nonfamily", "other non family", "non relative", "nonrelative", "not related",
        "friend", "neighbour", "neighbor", "community member", "caregiver", "guardian",
        "ami", "amie", "voisin", "voisine", "tuteur", "freund", "nachbar", "amico", "vicino",
        "صديق", "صديقة", "جار", "جارة", "друг", "сосед", "сусід",
    ),
}  # fmt: skip

_ALIF_FORMS = str.maketrans("أإآ", "ااا", "ـ")


def _fold(text: str) -> str:
    # Ligatures NFKD leaves alone: Sœur, Demi-sœur.
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Arabic hamza forms of alif (أ إ آ) are written interchangeably; fold them to bare alif.
    stripped = stripped.translate(_ALIF_FORMS)
    for mark in ("_", "-", "'", "’", "/", "(", ")", ",", "."):
        stripped = stripped.replace(mark, " ")
    return " ".join(stripped.split())


_LOOKUP = {_fold(word): canonical for canonical, words in RELATIONS.items() for word in words}
# Primero's own values (other_family, other_nonfamily ...) read as themselves.
_LOOKUP.update({_fold(facts.primero): facts.primero for facts in RELATION_FACTS.values()})


def normalise_relations(values: pd.Series) -> pd.Series:
    """Canonical relation (a key of :data:`RELATION_FACTS`) per value; unknown or empty values
    become ``None``.

    >>> written = pd.Series(["Mother", "oncle paternel", "عم", "Half-brother", "x"])
    >>> normalise_relations(written).tolist()
    ['mother', 'paternal_uncle', 'paternal_uncle', 'half_brother', None]
    """
    unique = pd.unique(values.dropna().astype(str))
    lookup = {value: _LOOKUP.get(_fold(value)) for value in unique}
    return values.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)


def primero_relation(relation: str) -> str:
    """Primero's ``lookup-family-relationship`` value of a canonical relation.

    >>> primero_relation("paternal_uncle"), primero_relation("cousin")
    ('uncle', 'other_family')
    """
    return RELATION_FACTS[relation].primero
