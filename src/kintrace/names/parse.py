"""Name parsing: a name as written → its comparison tokens, with particles and compounds resolved.

Steps, each for a reason a caseworker would recognise:

1. Ethiopic abbreviations are spelt out before punctuation goes: G/Medhin and ገ/መድህን are
   Gebremedhin, W/ Wolde, H/ Haile, T/ Tekle, K/ Kidane, Z/ Zere, L/ Lete, B/ Berhane; so are
   the abbreviations of Muhammad (Mohd, Muhd, Mhd, Md) once the name is in tokens.
2. Generic normalisation (:func:`kintrace.names.normalise_name`): case, marks, diacritics,
   punctuation, "unknown" placeholders.
3. Each token to its Latin comparison form (:func:`kintrace.names.to_latin`).
4. Titles go (Mr, Mme, Dr, Herr ...), when something else is left.
5. Compounds are joined: Abdul Rahman, Abd al-Rahman → one token like Abdulrahman; Abu Bakr,
   Umm Kulthum; Noor ullah, Nour eddine; Gebre Medhin, Wolde Michael, Haile Selassie.
6. Particles go: the article (al, el, and its assimilated forms as-, ad-, ar- ... before the
   letter they assimilate to), and "son/daughter of" (bin, ibn, bint, ben, ould, wad).

Written for the matcher only; the generator's name tables and rules are separate.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from kintrace.names.normalise import is_placeholder, normalise_name
from kintrace.names.transliterate import to_latin

__all__ = ["standard_name", "standard_names", "standard_tokens"]

_LATIN_ABBREVIATIONS = {
    "g": "gebre",
    "gh": "ghebre",
    "w": "wolde",
    "h": "haile",
    "t": "tekle",
    "k": "kidane",
    "z": "zere",
    "l": "lete",
    "b": "berhane",
}
_LATIN_ABBREVIATION = re.compile(r"(?<![^\W\d_])(gh|[gwhtkzlb])\s*/\s*(?=[^\W\d_])", re.IGNORECASE)
_ETHIOPIC_ABBREVIATIONS = {
    "ገ": "ገብረ",
    "ወ": "ወልደ",
    "ሃ": "ሃይለ",
    "ኃ": "ኃይለ",
    "ሀ": "ሀይለ",
    "ተ": "ተክለ",
    "ኪ": "ኪዳነ",
    "ዘ": "ዘርአ",
    "ለ": "ለተ",
    "ብ": "ብርሃነ",
}
_ETHIOPIC_ABBREVIATION = re.compile(
    "(?<![\u1200-\u139f])([" + "".join(_ETHIOPIC_ABBREVIATIONS) + r"])\s*/\s*"
)

# Muhammad is abbreviated in South and South-East Asian registrations (Md. Rahim, Mohd Ali).
_ABBREVIATED_NAMES = {"mohd": "mohammed", "muhd": "muhammad", "mhd": "mohammed", "md": "mohammed"}

_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mme", "mlle", "m", "dr", "herr", "frau", "sig", "sra", "sr"}
)
_ARTICLES = frozenset({"al", "el", "ul", "il", "l"})
# Assimilated article before a "sun letter": as-Sayed, ad-Din, ar-Rahman, ash-Shami.
_SUN_ARTICLES = re.compile(r"^[aeu](sh|th|dh|[tdrszn])$")
_CONNECTORS = frozenset(
    {"bin", "ibn", "bint", "binti", "ben", "ould", "wad", "walad", "bn", "bnt", "abn", "wld"}
)
# Tokens that begin a compound with the token after them.
_PREFIXES = frozenset(
    {
        # abd + a name of God: Abdul Rahman, Abd al-Karim, Abdel Kader (عبد → abd)
        "abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdoul", "abdou", "abdu", "abdur",
        "abder", "abdus", "abdes", "cabdul",
        # kunya: Abu Bakr, Umm Kulthum (أبو → abw, أم → am is too ambiguous to join)
        "abu", "abou", "abo", "abw", "umm", "oum",
        # Ethiopic compounds: Gebre Medhin, Wolde Michael, Haile Mariam, Tekle Haimanot
        "gebre", "ghebre", "gebra", "wolde", "welde", "walda", "haile", "hayle", "haili",
        "tekle", "tecle", "habte", "kidane", "zere", "zera", "zerea", "tesfa", "berhane",
        "fikre", "lete", "ghebrie",
    }
)  # fmt: skip
# Tokens that end a compound with the token before them: Noor ullah, Nour eddine, Nasr allah.
_SUFFIXES = frozenset(
    {
        "ullah", "ulla", "allah", "alla", "ollah", "olla", "llh", "lah", "uddin", "udin",
        "uddeen", "eddin", "eddine", "edin", "addin", "aldin", "oddin", "dyn", "din", "deen",
    }
)  # fmt: skip


def _expand_abbreviations(text: str) -> str:
    text = _ETHIOPIC_ABBREVIATION.sub(lambda m: _ETHIOPIC_ABBREVIATIONS[m.group(1)], text)
    return _LATIN_ABBREVIATION.sub(lambda m: _LATIN_ABBREVIATIONS[m.group(1).lower()], text)


def _is_article(token: str, following: str | None) -> bool:
    if token in _ARTICLES:
        return following is not None
    match = _SUN_ARTICLES.match(token)
    return bool(match and following and following.startswith(match.group(1)))


def _resolve(tokens: list[str]) -> list[str]:
    """Join compounds and drop titles and particles (never down to nothing)."""
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in _TITLES]
        tokens = kept or tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in _PREFIXES and nxt is not None:
            # abd + article + name: keep the article inside the compound (Abdalrahman).
            j = i + 1
            joined = token
            if _is_article(tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None):
                joined += tokens[j]
                j += 1
            joined += tokens[j]
            out.append(joined)
            i = j + 1
            continue
        if token in _SUFFIXES and out:
            out[-1] += token
            i += 1
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (_is_article(token, following) or token in _CONNECTORS) and len(tokens) > 1:
            i += 1
            continue
        out.append(token)
        i += 1
    return out or tokens


@lru_cache(maxsize=200_000)
def standard_tokens(text: str) -> tuple[str, ...]:
    """The comparison tokens of a name as written, in any script (empty for "unknown").

    >>> standard_tokens("Abd al-Rahman AL-HUSSEIN")
    ('abdalrahman', 'hussein')
    >>> standard_tokens("G/Medhin Tesfay")
    ('gebremedhin', 'tesfay')
    >>> standard_tokens("محمد بن علي")
    ('mhmd', 'aly')
    """
    normalised = normalise_name(_expand_abbreviations(text))
    if normalised is None:
        return ()
    tokens = [latin for latin in map(to_latin, normalised.split()) if latin]
    tokens = [_ABBREVIATED_NAMES.get(t, t) for t in tokens]
    resolved = tuple(_resolve(tokens))
    # What is left may itself mean "unknown" ("Mr X", "Ｎ/Ａ" transliterated): nothing then.
    if is_placeholder(" ".join(resolved)):
        return ()
    return resolved


def standard_name(text: str) -> str | None:
    """:func:`standard_tokens` joined by spaces; ``None`` when nothing is left."""
    tokens = standard_tokens(text)
    return " ".join(tokens) if tokens else None


def standard_names(values: pd.Series) -> pd.Series:
    """:func:`standard_name` of a column, computed once per distinct value."""
    present = values.dropna()
    if present.empty:
        return pd.Series([None] * len(values), index=values.index, dtype=object)
    lookup = {value: standard_name(value) for value in pd.unique(present.astype(str))}
    return values.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)
