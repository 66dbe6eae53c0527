"""Recording styles: how an office trained in one language respells a name it hears.

A style is the habit of the person writing: French-trained offices write ou, ch, dj (Youssef,
Chaker, Djamal), English ones u, sh, j (Yusuf, Shaker, Jamal), German ones sch, dsch, j
(Jussuf, Schaker, Dschamal), Polish sz, cz, dż, Turkish ş, ç, c. Greek offices write a name
first in Greek letters and then give the Latin line of the document by the Greek
transliteration standard (ELOT 743): Greek has no b, d, g, j, h or sh, so Badr is heard as
Μπαντρ and written Mpantr, Hassan Χασάν -> Chassan, Yusuf Γιουσούφ -> Giousouf. The variant
tables give the spellings people actually use; the rules here add each style's own respelling
of the canonical form, and :func:`style_affinity` says how much a style likes a given spelling.

Written for the generator only; the matcher's standardisation is written separately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["STYLES", "STYLE_INDEX", "respell", "strip_accents", "style_affinity"]

#: Every recording style, in a fixed order (indices are used in arrays).
STYLES: tuple[str, ...] = (
    "english",
    "french",
    "german",
    "italian",
    "polish",
    "turkish",
    "somali",
    "passport",
    "greek",
)
STYLE_INDEX: dict[str, int] = {name: i for i, name in enumerate(STYLES)}

_V = "aeiouy"

# One ordered list of (pattern, replacement) per style, applied in a single left-to-right
# pass so that a replacement is never respelled again (j -> dj must not become ddj).
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "english": (("ou", "u"), ("dj", "j")),
    "french": (
        ("sh", "ch"),
        ("dj", "dj"),
        ("ou", "ou"),
        ("oo", "ou"),
        ("j", "dj"),
        ("(?<![aeo])u", "ou"),
        (f"w(?=[{_V}])", "ou"),
        ("ee", "i"),
        (f"(?<=[{_V}])s(?=[{_V}])", "ss"),
    ),
    "german": (
        ("sch", "sch"),
        ("sh", "sch"),
        ("kh", "ch"),
        ("ch", "tsch"),
        ("dj", "dsch"),
        ("j", "dsch"),
        (f"y(?=[{_V}])", "j"),
        ("v", "w"),
        ("ee", "ie"),
        ("oo", "u"),
        ("ou", "u"),
        (f"(?<=[{_V}])s(?=[{_V}])", "ss"),
    ),
    "italian": (
        ("sh(?=[ei])", "sc"),
        ("sh", "sci"),
        ("ch(?=[ei])", "c"),
        ("ch", "ci"),
        ("j(?=[ei])", "g"),
        ("j", "gi"),
        (f"y(?=[{_V}])", "i"),
        (f"w(?=[{_V}])", "u"),
        ("ee", "i"),
        ("oo", "u"),
        ("ou", "u"),
    ),
    "polish": (
        ("sh", "sz"),
        ("kh", "ch"),
        ("ch", "cz"),
        ("zh", "ż"),
        ("dj", "dż"),
        ("j", "dż"),
        (f"y(?=[{_V}])", "j"),
        ("v", "w"),
        ("ts", "c"),
        ("ee", "i"),
        ("oo", "u"),
        ("ou", "u"),
    ),
    "turkish": (
        ("sh", "ş"),
        ("ch", "ç"),
        ("kh", "h"),
        ("dj", "c"),
        ("j", "c"),
        ("w", "v"),
        ("q", "k"),
        ("dh", "z"),
        ("th", "s"),
        ("gh", "ğ"),
        ("ee", "i"),
        ("oo", "u"),
        ("ou", "u"),
        ("aa", "a"),
    ),
    "somali": (),
    "passport": (),
    # Latin -> the Greek letters a Greek clerk hears -> ELOT 743 Latin: b = μπ (mp),
    # d = ντ (nt), g = γκ (gk), j = τζ (tz), h and kh = χ (ch), sh = σ (s), ch = τσ (ts),
    # u and w = ου (ou), consonantal y = γι (gi). Digraphs come first so that the single
    # pass never sees their letters again.
    "greek": (
        ("sh", "s"),
        ("ch", "ts"),
        ("kh", "ch"),
        ("gh", "g"),
        ("th", "th"),
        ("dh", "nt"),
        ("dj", "tz"),
        ("ph", "f"),
        ("ou", "ou"),
        ("oo", "ou"),
        ("ee", "i"),
        ("bb", "mp"),
        ("dd", "nt"),
        ("b", "mp"),
        ("d", "nt"),
        ("g", "gk"),
        ("j", "tz"),
        (f"(?<=[{_V}])h$", ""),
        ("h", "ch"),
        ("q", "k"),
        ("c", "k"),
        ("w", "ou"),
        ("u", "ou"),
        (f"y(?=[{_V}])", "gi"),
        ("y", "i"),
    ),
}

# Styles that write accents; the others drop them (Cissé -> Cisse).
_KEEPS_ACCENTS = frozenset({"french", "passport"})


def _compile(rules: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    if not rules:
        return lambda text: text
    pattern = re.compile("|".join(f"(?P<r{i}>{pat})" for i, (pat, _) in enumerate(rules)))
    replacements = {f"r{i}": rep for i, (_, rep) in enumerate(rules)}

    def apply(text: str) -> str:
        return pattern.sub(lambda m: replacements[m.lastgroup or ""], text)

    return apply


_COMPILED: dict[str, Callable[[str], str]] = {k: _compile(v) for k, v in _RULES.items()}
_PART = re.compile(r"([ \-/']+)")


def strip_accents(text: str) -> str:
    """Drop combining accents: ``"Cissé"`` -> ``"Cisse"``."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def respell(name: str, style: str) -> str:
    """Respell a Latin name as an office of ``style`` would write it by ear.

    Parameters
    ----------
    name:
        A Latin name, usually the canonical English-leaning form (``"Yusuf"``).
    style:
        One of :data:`STYLES`.

    Returns
    -------
    str
        The respelled name (``"Youssouf"`` for French, ``"Jussuf"`` for German); word
        capitals are kept.
    """
    if style not in _KEEPS_ACCENTS:
        name = strip_accents(name)
    rule = _COMPILED[style]
    parts = _PART.split(name)
    out = []
    for part in parts:
        if not part or _PART.fullmatch(part):
            out.append(part)
            continue
        new = rule(part.lower())
        out.append(new[:1].upper() + new[1:] if part[:1].isupper() else new)
    return "".join(out)


_SOMALI_ORTHOGRAPHY = re.compile(r"(^|\s)c[aeiou]|x|aa|ii|uu|oo")
_ACCENTED = re.compile(r"[éèêëïîôûç]")
_FEATURES: dict[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    "english": (
        (re.compile("ou"), 0.5),
        (re.compile("dj"), 0.3),
        (re.compile("sch|tsch"), 0.2),
        (re.compile("(ow|eh|ie|ay|rr)$"), 2.0),
        (_ACCENTED, 0.3),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
    "french": (
        (re.compile("ou"), 2.0),
        (re.compile("dj"), 2.0),
        (re.compile("(?<!s)ch"), 1.5),
        (_ACCENTED, 2.0),
        (re.compile("sh"), 0.5),
        (re.compile("(ow|eh)$"), 0.4),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
    "german": (
        (re.compile("sch"), 2.5),
        (re.compile("^j[aeiou]"), 1.5),
        (re.compile("ou"), 0.6),
        (_ACCENTED, 0.5),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
    "italian": ((_ACCENTED, 0.5), (_SOMALI_ORTHOGRAPHY, 0.2)),
    "polish": (
        (re.compile("sz|cz"), 2.0),
        (re.compile("ou"), 0.5),
        (_ACCENTED, 0.5),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
    "turkish": (
        (re.compile("[şçğ]"), 2.0),
        (re.compile("ou"), 0.5),
        (_ACCENTED, 0.5),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
    "somali": ((_SOMALI_ORTHOGRAPHY, 5.0), (re.compile("ou"), 0.4)),
    "passport": (),
    "greek": (
        (re.compile("mp|nt|tz|gk"), 2.0),
        (re.compile("ou"), 1.5),
        (re.compile("sh|j|w|b"), 0.3),
        (_ACCENTED, 0.3),
        (_SOMALI_ORTHOGRAPHY, 0.2),
    ),
}


def style_affinity(spelling: str, style: str) -> float:
    """How much more (> 1) or less (< 1) likely ``style`` is to write ``spelling``.

    Parameters
    ----------
    spelling:
        One candidate spelling of a name.
    style:
        One of :data:`STYLES`.

    Returns
    -------
    float
        A positive multiplier for the spelling's base weight.
    """
    text = spelling.lower()
    factor = 1.0
    for pattern, mult in _FEATURES[style]:
        if pattern.search(text):
            factor *= mult
    return factor
