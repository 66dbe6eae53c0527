"""Generic name normalisation: one comparison form for names written by different offices.

This is the script-agnostic layer: Unicode normalisation, case folding, diacritics, marks and
punctuation, and "unknown" placeholders. Transliteration between scripts and culture-specific
parsing build on top of it.

Work is done once per *distinct* value (registries repeat names a lot), then mapped back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

__all__ = ["is_placeholder", "normalise_name", "normalise_names"]

# Cells that mean "we do not know", in the languages registries are kept in.
_PLACEHOLDERS = frozenset(
    {
        "unknown",
        "unk",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nil",
        "-",
        "--",
        "?",
        "??",
        "x",
        "xx",
        "xxx",
        "unbekannt",
        "inconnu",
        "inconnue",
        "sconosciuto",
        "sconosciuta",
        "άγνωστο",
        "άγνωστος",
        "غير معروف",
        "مجهول",
        "неизвестно",
        "невідомо",
        "no name",
        "noname",
    }
)

# Apostrophes and ayn/hamza marks written between letters (Ma'mun, Sa`id, Ra'ed) carry no
# sound a recorder writes consistently: drop them so "Ma'mun" and "Mamun" meet.
_MARKS = re.compile(r"[\u0027\u0060\u00b4\u02bb\u02bc\u02be\u02bf\u2018\u2019\u02c8]")
# Anything that is not a letter, digit or space separates tokens (hyphens, dots, slashes).
_SEPARATORS = re.compile(r"[^\w\s]|_", flags=re.UNICODE)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def is_placeholder(text: str) -> bool:
    """True when a cell means "unknown" rather than a name."""
    return text.strip().casefold() in _PLACEHOLDERS


@lru_cache(maxsize=200_000)
def normalise_name(text: str) -> str | None:
    """The comparison form of one name: folded, without marks or punctuation.

    Latin diacritics are removed (Cissé → cisse); other scripts are kept as they are, folded.
    Returns ``None`` for empty cells and "unknown" placeholders.

    >>> normalise_name("  Cissé-Touré ")
    'cisse toure'
    >>> normalise_name("Ma'mun AL-HASAN")
    'mamun al hasan'
    >>> normalise_name("UNKNOWN") is None
    True
    """
    if not text or is_placeholder(text):
        return None
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _MARKS.sub("", folded)
    # Decompose to strip combining marks (diacritics, Arabic harakat), then recompose.
    decomposed = unicodedata.normalize("NFD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = unicodedata.normalize("NFC", stripped)
    cleaned = _SEPARATORS.sub(" ", cleaned)
    cleaned = _DIGITS.sub(" ", cleaned)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    if not cleaned or is_placeholder(cleaned):
        return None
    return cleaned


def normalise_names(values: pd.Series) -> pd.Series:
    """Normalise a column of names; empty cells and placeholders become ``None``."""
    present = values.dropna()
    if present.empty:
        return pd.Series([None] * len(values), index=values.index, dtype=object)
    unique = pd.unique(present.astype(str))
    lookup = {value: normalise_name(value) for value in unique}
    return values.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)
