"""String-level recording noise: one-edit slips and compound names joined, split, abbreviated.

Each function takes the random generator and works on one string; callers pick the few
strings to touch with a vectorised draw, so the loops here run over a small share of names.
"""

from __future__ import annotations

import numpy as np

from kintrace.synth._cultures import Culture

__all__ = ["compound_variant", "typo"]

_VOWELS = "aeiou"
# Letters a tired hand or ear confuses (keyboard neighbours, voicing pairs).
_CONFUSABLE: dict[str, str] = {
    "b": "pvn", "c": "kxs", "d": "tsf", "f": "vpd", "g": "jkh", "h": "gj", "j": "gyh",
    "k": "cgq", "l": "rk", "m": "nb", "n": "mh", "p": "bo", "q": "kg", "r": "lt",
    "s": "zcd", "t": "dr", "v": "fwb", "w": "vu", "x": "ks", "y": "ij", "z": "sx",
}  # fmt: skip


def typo(text: str, rng: np.random.Generator) -> str:
    """Apply one edit (substitution, deletion, doubling or transposition) to a Latin name.

    Parameters
    ----------
    text:
        The name as written.
    rng:
        Random generator.

    Returns
    -------
    str
        The name with one slip; unchanged when it has fewer than three letters. The first
        letter is never touched, so a capital stays a capital.
    """
    positions = [i for i, ch in enumerate(text) if i > 0 and ch.isascii() and ch.isalpha()]
    if len(positions) < 2:
        return text
    i = positions[int(rng.integers(0, len(positions)))]
    op = rng.random()
    ch = text[i]
    if op < 0.4:
        lower = ch.lower()
        pool = _VOWELS.replace(lower, "") if lower in _VOWELS else _CONFUSABLE.get(lower, "e")
        new = pool[int(rng.integers(0, len(pool)))]
        return text[:i] + (new.upper() if ch.isupper() else new) + text[i + 1 :]
    if op < 0.65:
        return text[:i] + text[i + 1 :]
    if op < 0.8:
        return text[:i] + ch + text[i:]
    j = i + 1 if i + 1 < len(text) and text[i + 1].isalpha() else i - 1
    if j <= 0:
        return text
    a, b = sorted((i, j))
    return text[:a] + text[b] + text[a] + text[b + 1 :]


def compound_variant(text: str, culture: Culture, rng: np.random.Generator) -> str:
    """Join, split or abbreviate a compound name the way another recorder would.

    Parameters
    ----------
    text:
        The name as written.
    culture:
        Its culture: which prefixes and suffixes form compounds, whether ``G/`` abbreviations
        are used.
    rng:
        Random generator.

    Returns
    -------
    str
        ``Abdulrahman`` for ``Abdul Rahman`` (and back), ``G/Medhin`` or ``Gebre Medhin`` for
        ``Gebremedhin``, ``Naqib Ullah`` for ``Naqibullah``; unchanged if not a compound.
    """
    parts = text.split(" ")
    if len(parts) == 2 and all(p.isalpha() for p in parts):
        joiner = "-" if rng.random() < 0.25 else ""
        return parts[0] + joiner + parts[1].lower()
    if " " in text:
        return text
    lower = text.lower()
    for prefix in culture.prefixes:
        p = prefix.lower()
        if lower.startswith(p) and len(text) >= len(p) + 3:
            rest = text[len(p) :]
            rest = rest[:1].upper() + rest[1:]
            if culture.abbreviate and rng.random() < 0.45:
                return f"{text[0].upper()}/{rest}"
            return f"{text[: len(p)]} {rest}"
    for suffix in culture.suffixes:
        if lower.endswith(suffix) and len(text) >= len(suffix) + 3:
            stem = text[: -len(suffix)]
            tail = text[-len(suffix) :]
            sep = "-" if rng.random() < 0.3 else " "
            return f"{stem}{sep}{tail[:1].upper()}{tail[1:]}"
    return text
