"""Transliteration: any name token → a Latin comparison form (lower-case a–z).

The letter mapping comes from ``anyascii`` (a maintained, dependency-free table for every
Unicode script); kintrace adds the rules names need on top of it:

* **Arabic script** has no short vowels: محمد becomes ``mhmd``, a consonant skeleton that
  :mod:`kintrace.names.skeleton` compares with the Latin name's own skeleton. The article
  ال is dropped, as the particle al- is in Latin names. A word-initial
  ayn or hamza becomes ``a`` so that عمر (``amr``) still starts with a vowel like Omar; ض is
  written ``dh`` because Afghan and Persian readers say it as z, Arabic ones as d, and the
  skeleton keeps both readings; a final ta marbuta (ة), and a final ha (ه) that so often
  stands for it, are the vowel ``a`` (فاطمة, فاطمه → ``fatma``). Letters that vary between
  hands read alike: alif maqsura is ya (على = علي, مصطفى = مصطفي = مصطفی), hamza seats are
  their bare letters (عائشة = عايشة, مؤمن = مومن), Persian ی and ک are Arabic ي and ك.
* **Cyrillic**: Ukrainian tokens (with і, ї, є or ґ) read г as h (Сергій → ``serhii``), as the
  Ukrainian passport system does; others follow the Russian reading (Сергей → ``sergey``).
* **Greek**: ου is ``ou``, and a word-initial μπ, ντ, γκ are b, d, g (Μπαντρ → ``bantr``): the
  letters Greek offices use for sounds Greek lacks.
* **Ethiopic** follows anyascii's syllable table (ተስፋይ → ``tesfay``).

Written for the matcher only; the generator's romanisation tables are separate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from kintrace.names.scripts import Script, script_of

__all__ = ["to_latin"]

_ARABIC_PRE = str.maketrans(
    {
        "ض": "dh",  # d in Arabic, z in Dari/Persian: the skeleton keeps both readings
        "ـ": "",  # tatweel (kashida), a stretching stroke
        "ا": "a",  # alif: a long a (anyascii leaves it out, which loses a name's first vowel)
        "ٱ": "a",  # alif wasla
    }
)
# Letters that vary between hands, read as one (before any rule looks at a name's letters):
# alif maqsura is final ya as Egypt and Sudan write it (على for علي) and as Persian writes
# every final ya (موسی); Persian ya and kaf are Arabic ya and kaf; a hamza on a ya or waw
# seat is written without it as often as with (عائشة / عايشة, مؤمن / مومن).
_HAND_FORMS = str.maketrans({"ى": "ي", "ی": "ي", "ک": "ك", "ئ": "ي", "ؤ": "و"})
# Names in which ال is part of the name, not the article (Ilyas, Elham, Elaha, Elnaz).
_AL_IN_NAME = frozenset({"الياس", "اليا", "الهام", "الهه", "الناز", "اليسع"})
_UKRAINIAN_LETTERS = frozenset("іїєґ")
_UKRAINIAN_PRE = str.maketrans({"г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "й": "i"})
_GREEK_PRE: tuple[tuple[str, str], ...] = (
    ("ου", "ou"),
    ("ού", "ou"),
    ("αι", "e"),
    ("ει", "i"),
    ("οι", "i"),
    ("γγ", "ng"),
    ("γκ", "g"),
    ("μπ", "b"),
    ("ντ", "d"),
)
_LEADING_MARK = re.compile(r"^[`'](?=[^aeiouy])")
_NOT_LETTER = re.compile(r"[^a-z]+")


def _greek(token: str) -> str:
    out = token
    for greek, latin in _GREEK_PRE:
        if greek in ("μπ", "ντ", "γκ"):
            # Inside a word μπ and ντ are mb and nd (Λάμπρος); only the start is b, d, g.
            if out.startswith(greek):
                out = latin + out[len(greek) :]
            continue
        out = out.replace(greek, latin)
    return out


@lru_cache(maxsize=200_000)
def to_latin(token: str) -> str:
    """The Latin comparison form of one normalised token (``""`` when it has no letters).

    >>> to_latin("محمد"), to_latin("Олександр"), to_latin("ተስፋይ"), to_latin("Γιουσούφ")
    ('mhmd', 'oleksandr', 'tesfay', 'giousouf')
    """
    text = token.casefold()
    script = script_of(text)
    if script is Script.ARABIC:
        text = text.translate(_HAND_FORMS)
        if text.startswith("عبدال") and len(text) > 5:
            # عبدالرحمن is عبد الرحمن written as one word: read the article as the split form's
            # second word is read (abd + rhmn; abd + alla for الله, whose al is not an article).
            return "abd" + to_latin(text[3:])
        # The article is a particle, as al- is in Latin (الحسين and al-Hussein both → hsyn).
        if text.startswith("ال") and len(text) >= 5 and text not in _AL_IN_NAME:
            text = text[2:]
        # A final ta marbuta, and a final ha that so often stands for it (فاطمة / فاطمه, and
        # every Persian-script فاطمه, زهره), is the vowel a; after one letter, ha is ha (طه).
        if text.endswith("ة") or (text.endswith("ه") and len(text) >= 3):
            text = text[:-1] + "a"
        text = text.translate(_ARABIC_PRE)
    elif script is Script.CYRILLIC and _UKRAINIAN_LETTERS & set(text):
        text = text.translate(_UKRAINIAN_PRE)
    elif script is Script.GREEK:
        text = _greek(text)
    latin = anyascii(text).lower()
    # An initial ayn or hamza (Arabic `, Ethiopic ') stands for a vowel the name starts with.
    latin = _LEADING_MARK.sub("a", latin)
    return _NOT_LETTER.sub("", latin)
