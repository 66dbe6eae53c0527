"""Relations: the requester's relation to the sought child, in one vocabulary.

Primero's lookup (``lookup-family-relationship``) is the canonical vocabulary; exports and
other systems write relations in several languages and spellings, which map onto it here.
What each relation says about the sought child (a mother's own name is the child's mother's
name) is read by the standardise step.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

__all__ = ["RELATIONS", "normalise_relations"]

# Canonical relation → the ways registries write it.
RELATIONS: dict[str, tuple[str, ...]] = {
    "mother": ("mother", "mom", "mum", "mere", "mutter", "madre", "mitera", "ام", "мать", "мати"),
    "father": ("father", "dad", "pere", "vater", "padre", "pateras", "اب", "отец", "батько"),
    "grandmother": ("grandmother", "grand mere", "grossmutter", "nonna", "جدة", "бабушка"),
    "grandfather": ("grandfather", "grand pere", "grossvater", "nonno", "جد", "дедушка"),
    "aunt": ("aunt", "tante", "zia", "عمة", "خالة", "тетя", "тітка"),
    "uncle": ("uncle", "oncle", "onkel", "zio", "عم", "خال", "дядя", "дядько"),
    "brother": ("brother", "frere", "bruder", "fratello", "اخ", "брат"),
    "sister": ("sister", "soeur", "schwester", "sorella", "اخت", "сестра"),
    "husband": ("husband",),
    "wife": ("wife",),
    "partner": ("partner",),
    "other_family": ("other_family", "other family", "cousin", "cousine", "relative"),
    "other_nonfamily": ("other_nonfamily", "other nonfamily", "friend", "neighbour", "neighbor"),
}


_ALIF_FORMS = str.maketrans("أإآ", "ااا", "ـ")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Arabic hamza forms of alif (أ إ آ) are written interchangeably; fold them to bare alif.
    stripped = stripped.translate(_ALIF_FORMS)
    return " ".join(stripped.replace("_", " ").replace("-", " ").replace("'", " ").split())


_LOOKUP = {_fold(word): canonical for canonical, words in RELATIONS.items() for word in words}


def normalise_relations(values: pd.Series) -> pd.Series:
    """Canonical relation per value; unknown or empty values become ``None``."""
    unique = pd.unique(values.dropna().astype(str))
    lookup = {value: _LOOKUP.get(_fold(value)) for value in unique}
    return values.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)
