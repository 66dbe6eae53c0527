"""Consonant skeletons: keys for a name that survive transliteration and spelling habits.

Arabic script writes no short vowels, and romanisations of one name differ mostly in vowels
(Muhammad, Mohamed, Mouhamad) and in how a consonant is spelt (sh/ch/sch/sz, j/dj/dsch, kh/h/x,
q/k/g, th/s, z/s). A skeleton keeps the consonants only, each as its *class* (``S`` for s, z,
sh, ch, sz, ts ...), so the Latin name and its Arabic-script form meet:

    Mohamed, Muhammad, Maxamed (Somali x), محمد (mhmd)  →  MHMD
    Yusuf, Youssef, Jussuf (German j), Giousouf (Greek), يوسف (ywsf)  →  YSF

Vowels go, but a consonant written twice is one (Arabic does not write the doubling), and two
consonants with a vowel between stay two (Cissé and Ceesay are both ``SS``). A word-initial
vowel (or ayn/hamza) is kept as ``A`` because names that start with one are
told apart by it (Ali / Li). Where a spelling can be read two ways (German ch is kh, French ch
is sh; Somali x is ḥ, Slavic x is ks; Arabic medial و is w or u) the token gets one key per
reading, at most :data:`MAX_KEYS`, most likely first. Two tokens "share a skeleton" when their
key sets intersect.

Written for the matcher only; the generator's spelling rules are separate.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "MAX_KEYS",
    "h_as_g_key_id_matrix",
    "key_bits",
    "key_id_matrix",
    "keys_shared",
    "rows_share_a_key",
    "skeleton",
    "skeleton_keys",
    "skeletons",
]

#: Most keys one token gets (the beam width of the reading expansion).
MAX_KEYS = 4

_VOWELS = frozenset("aeiouy")

# Multi-letter spellings first (longest match wins): (spelling, class options).
_CLUSTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tsch", ("S",)),
    ("dsch", ("J",)),
    ("sch", ("S",)),
    ("dzh", ("J",)),
    ("dj", ("J",)),
    ("dz", ("J",)),
    ("zh", ("J", "SH")),  # Slavic zh is j; Arabic ز then ه (زهرا, zhra) is z-h: Zahra
    ("kh", ("H",)),
    ("gh", ("K",)),
    ("sh", ("S",)),
    ("sz", ("S",)),
    ("cz", ("S",)),
    ("ch", ("S", "H")),
    ("ph", ("F",)),
    ("th", ("T", "S")),
    ("dh", ("D", "S")),
    ("ts", ("S",)),
    ("tz", ("S", "J")),  # German tz is ts; Greek τζ (tz) is j: Tzamal
    ("ck", ("K",)),
    ("nt", ("NT", "D")),  # Greek ντ is d: Ντάουντ written Ntaount
    ("mp", ("MB", "B")),  # Greek μπ is b: Ζαϊνάμπ written Zainamp
)
_SINGLE: dict[str, tuple[str, ...]] = {
    "b": ("B",),
    "p": ("B",),
    "d": ("D",),
    "t": ("T",),
    "f": ("F",),
    "v": ("V",),
    "k": ("K",),
    "q": ("K",),
    "g": ("K",),
    "j": ("J",),
    "s": ("S",),
    "z": ("S",),
    "l": ("L",),
    "m": ("M",),
    "n": ("N",),
    "r": ("R",),
    "x": ("H", "KS"),
}
# "abd" + article or linking vowel: Abdulrahman, Abd al-Rahman, Abderrahmane, Abdirahman and
# عبد الرحمن (abdlrhmn) all continue with the same stem.
_ABD = re.compile(r"^c?abd(?:[aeiou]{0,2}l(?=[^aeiou])|[aeiou]{1,2})?")


def _starts(token: str, i: int, text: str) -> bool:
    return token.startswith(text, i)


def _initial(token: str) -> tuple[tuple[str, ...], int]:
    """Class options of the token's first sound and how many letters it used."""
    first = token[0]
    nxt = token[1] if len(token) > 1 else ""
    after = token[2] if len(token) > 2 else ""
    if token.startswith("ou") and after in _VOWELS:
        return ("V",), 2  # French Oualid = Walid
    if token.startswith("gi") and after in _VOWELS:
        return ("K", "Y"), 2  # Greek Γιουσούφ written Giousouf
    if token.startswith("di") and after in "ao":
        return ("D", "J"), 2  # Diallo / Jallow, Diaby / Jabbi
    if token.startswith("mp"):
        return ("B",), 2  # Greek μπ = b
    if token.startswith("nt"):
        return ("D",), 2  # Greek ντ = d
    if first == "y":
        return ("Y",), 1  # also Arabic ي before a consonant: يوسف (ywsf)
    if first == "j" and nxt in _VOWELS:
        return ("J", "Y"), 1  # German Jussuf = Yusuf
    if first == "i" and nxt in "aoue":
        return ("Y", "A"), 1  # Ukrainian passport Iurii, Iaroslav
    if first == "w" or first == "v":
        return ("V",), 1
    if first == "c" and nxt in "aou":
        return ("K", "A"), 1  # Somali c is ayn: Cali = Ali, Cumar = Umar
    if first in _VOWELS:
        return ("A",), 1
    return (), 0


def _options(token: str) -> list[tuple[str, ...]]:
    """Class options per sound, left to right; ``""`` is "no consonant here"."""
    out: list[tuple[str, ...]] = []
    i = start = 0
    match = _ABD.match(token)
    if match and match.end() < len(token):
        out.extend([("A",), ("B",), ("D",)])
        i = start = match.end()
    else:
        first, used = _initial(token)
        if used:
            out.append(first)
            i = start = used
    previous_vowel = False
    while i < len(token):
        ch = token[i]
        if ch in _VOWELS:
            if ch == "y" and i + 1 < len(token) and token[i + 1] in "aeiou" and previous_vowel:
                out.append(("", "Y"))  # Maryam, Ayan: a glide between vowels
            previous_vowel = True
            i += 1
            continue
        for cluster, classes in _CLUSTERS:
            if _starts(token, i, cluster):
                out.append(classes)
                i += len(cluster)
                break
        else:
            nxt = token[i + 1] if i + 1 < len(token) else ""
            if ch == "h":
                # Abdullah / Abdulla, Fatimah / Fatima: a final h is not heard.
                classes = ("",) if not nxt else ("H",)
            elif ch == "w":
                classes = ("", "V")  # Arabic و: u in Yusuf, w in Dawud
            elif ch == "c":
                # Cécile s, Rafic k; Somali final c is ayn.
                classes = ("S",) if nxt and nxt in "eiy" else ("K", "")
            elif ch == "j" and token[i - 1] == "i":
                # Slavic ij is a long i (Andrij = Andrii, Sofija = Sofiia); Khadija keeps its j.
                classes = ("J", "")
            else:
                classes = _SINGLE.get(ch, ("",))
            # A doubled letter is one sound (Arabic shadda is not written).
            if i > start and token[i - 1] == ch and not previous_vowel:
                classes = ("",)
            out.append(classes)
            i += 1
        previous_vowel = False
    return out


@lru_cache(maxsize=200_000)
def skeleton_keys(token: str) -> tuple[str, ...]:
    """Every skeleton key of one Latin comparison token, the most likely reading first.

    >>> skeleton_keys("mohamed")[0] == skeleton_keys("mhmd")[0] == skeleton_keys("maxamed")[0]
    True
    >>> bool(set(skeleton_keys("jussuf")) & set(skeleton_keys("youssef")))
    True
    """
    if not token:
        return ()
    beams: list[str] = [""]
    for classes in _options(token):
        grown: list[str] = []
        for beam in beams:
            for cls in classes:
                key = beam + cls
                if key not in grown:
                    grown.append(key)
        beams = grown[:MAX_KEYS]
    return tuple(k for k in beams if k) or ()


def skeleton(token: str) -> str | None:
    """The most likely skeleton key of a token (``None`` for an empty token)."""
    keys = skeleton_keys(token)
    return keys[0] if keys else None


def skeletons(tokens: pd.Series) -> pd.Series:
    """Most likely skeleton key of each token in a column (``None`` stays ``None``)."""
    unique = pd.unique(tokens.dropna())
    lookup = {value: skeleton(value) for value in unique}
    return tokens.map(lambda v: lookup.get(v) if isinstance(v, str) else None).astype(object)


# Integer ids of skeleton keys, shared by every caller in the process, so that key matrices
# built at different times compare with each other.
_KEY_IDS: dict[str, int] = {}


@lru_cache(maxsize=500_000)
def _key_ids(token: str) -> tuple[int, ...]:
    ids = [_KEY_IDS.setdefault(key, len(_KEY_IDS)) for key in skeleton_keys(token)]
    return tuple(ids + [-1] * (MAX_KEYS - len(ids)))


def key_id_matrix(tokens: list[str]) -> npt.NDArray[np.int64]:
    """``[len(tokens), MAX_KEYS]`` integer skeleton keys of each token, -1 padded."""
    return np.asarray([_key_ids(t) for t in tokens], dtype=np.int64).reshape(-1, MAX_KEYS)


@lru_cache(maxsize=500_000)
def _h_as_g_key_ids(token: str) -> tuple[int, ...]:
    keys = dict.fromkeys("~" + key.replace("H", "K") for key in skeleton_keys(token))
    ids = [_KEY_IDS.setdefault(key, len(_KEY_IDS)) for key in keys]
    return tuple(ids + [-1] * (MAX_KEYS - len(ids)))


def h_as_g_key_id_matrix(tokens: list[str]) -> npt.NDArray[np.int64]:
    """:func:`key_id_matrix` with every H read as K: Ukrainian h where Russian has g (Ihor /
    Igor, Olha / Olga, Hryhorii / Grigorii, Halyna / Galina).

    Too loose for any two tokens (Hassan would meet Ghassan): the matcher asks it only of
    tokens the variant data already gives as one name.
    """
    return np.asarray([_h_as_g_key_ids(t) for t in tokens], dtype=np.int64).reshape(-1, MAX_KEYS)


def keys_shared(left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Row by row, whether two rows of :func:`key_id_matrix` have a key in common."""
    shared = np.zeros(len(left), dtype=bool)
    for a in range(left.shape[1]):
        present = left[:, a] >= 0
        for b in range(right.shape[1]):
            shared |= present & (left[:, a] == right[:, b])
    return shared


def key_bits(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
    """Each row's ids (-1 padded) as the bits ``id % 64`` of one integer: two rows with no bit
    in common share no id, so a cheap AND rules most pairs out before :func:`keys_shared`."""
    bits = np.where(keys >= 0, np.left_shift(np.uint64(1), (keys & 63).astype(np.uint64)), 0)
    return np.asarray(np.bitwise_or.reduce(bits.astype(np.uint64), axis=1), dtype=np.uint64)


def rows_share_a_key(
    keys: npt.NDArray[np.int64],
    bits: npt.NDArray[np.uint64],
    left: npt.NDArray[np.integer],
    right: npt.NDArray[np.integer],
) -> npt.NDArray[np.bool_]:
    """Whether rows ``left[i]`` and ``right[i]`` of an id matrix (with its :func:`key_bits`)
    have an id in common: screened by the bits, then checked id by id where they meet."""
    shared = np.zeros(len(left), dtype=bool)
    # take, not fancy indexing: a third faster on 1-d indices, several times on rows.
    maybe = np.flatnonzero(np.take(bits, left) & np.take(bits, right))
    if len(maybe):
        rows_l = np.take(keys, np.take(left, maybe), axis=0)
        rows_r = np.take(keys, np.take(right, maybe), axis=0)
        shared[maybe] = keys_shared(rows_l, rows_r)
    return shared
