"""Phonetic keys for names: cheap codes that survive common spelling variation.

Keys serve two jobs: blocking (records that share a key become candidate pairs) and a
comparison level ("sounds the same"). Metaphone drops most vowels, which is what transliterated
names need first: Mohamed / Muhammad, Youssef / Yusuf, Hassan / Hasan share a key.
"""

from __future__ import annotations

from functools import lru_cache

import jellyfish
import pandas as pd

__all__ = ["phonetic_key", "phonetic_keys"]


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str | None:
    """Metaphone code of one normalised name token; ``None`` when it yields no code.

    >>> phonetic_key("mohamed") == phonetic_key("muhammad")
    True
    """
    if not token:
        return None
    # Metaphone only knows Latin letters; tokens in other scripts get no key, not a wrong one.
    if not token.isascii():
        return None
    code = jellyfish.metaphone(token)
    return code or None


def phonetic_keys(tokens: pd.Series) -> pd.Series:
    """Phonetic key of each token in a column (``None`` stays ``None``)."""
    unique = pd.unique(tokens.dropna())
    lookup = {value: phonetic_key(value) for value in unique}
    return tokens.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)
