"""How different hands write one name in Arabic script: the letters that vary between writers.

Two clerks who both write a child's name in Arabic script rarely write the same string. The
name tables give one form per name (أحمد, فاطمة, مصطفى, علی); a writer's habits change it:

* **hamza seats** left out: أحمد → احمد, إبراهيم → ابراهيم, عائشة → عايشة, مؤمن → مومن;
* **ta marbuta** written as ha: فاطمة → فاطمه (usual in Persian-script writing, common in
  handwriting everywhere);
* **final ya** written as alif maqsura, as in Egypt and Sudan (علي → على), and **alif maqsura**
  written as ya (مصطفى → مصطفي);
* **Persian letters**: a writer on a Persian keyboard writes ی and ک for ي and ك; an Arabic
  keyboard writes a Dari or Pashto name's ی and ک as ي and ك;
* **compounds**: عبد الله written as one word, عبدالله, or the joined form split;
* **vowel marks** written in now and then (مُحمد, عَلي).

Each record draws its writer's habits once; the same habit applies to every word of the name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ArabicHand", "draw_hands", "write_by_hand"]

_HAMZA_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي"})
_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_TO_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
_PERSIAN_ONLY = frozenset("یکگپچژ")
_FATHA, _DAMMA = "\u064e", "\u064f"

# How often a writer has each habit (per record; independent of each other).
_P_NO_HAMZA = 0.45
_P_TA_AS_HA = 0.25
_P_YA_AS_MAQSURA = 0.12
_P_MAQSURA_AS_YA = 0.2
_P_OTHER_KEYBOARD = 0.2
_P_COMPOUND_SWITCHED = 0.35
_P_VOWEL_MARKS = 0.04


@dataclass(frozen=True)
class ArabicHand:
    """One writer's habits (each ``True`` changes the name as the module docstring says)."""

    no_hamza: bool = False
    ta_as_ha: bool = False
    ya_as_maqsura: bool = False
    maqsura_as_ya: bool = False
    other_keyboard: bool = False
    compound_switched: bool = False
    vowel_marks: bool = False


def draw_hands(rng: np.random.Generator, n: int) -> list[ArabicHand]:
    """Habits of ``n`` writers."""
    probabilities = (
        _P_NO_HAMZA,
        _P_TA_AS_HA,
        _P_YA_AS_MAQSURA,
        _P_MAQSURA_AS_YA,
        _P_OTHER_KEYBOARD,
        _P_COMPOUND_SWITCHED,
        _P_VOWEL_MARKS,
    )
    draws = rng.random((n, len(probabilities))) < np.asarray(probabilities)
    return [ArabicHand(*map(bool, row)) for row in draws.tolist()]


def _word(word: str, hand: ArabicHand, persian: bool) -> str:
    if hand.no_hamza:
        word = word.translate(_HAMZA_SEATS)
    if hand.ta_as_ha and word.endswith("ة"):
        word = word[:-1] + "ه"
    if hand.maqsura_as_ya and word.endswith("ى"):
        word = word[:-1] + "ي"
    elif hand.ya_as_maqsura and word.endswith("ي") and len(word) > 1:
        word = word[:-1] + "ى"
    if hand.other_keyboard:
        word = word.translate(_TO_ARABIC if persian else _TO_PERSIAN)
    return word


def _compound(text: str) -> str:
    """عبد الله ↔ عبدالله (the article-led second word joined to, or split from, عبد)."""
    if "عبد ال" in text:
        return text.replace("عبد ال", "عبدال")
    if "عبدال" in text:
        return text.replace("عبدال", "عبد ال")
    return text


def write_by_hand(text: str, hand: ArabicHand) -> str:
    """``text`` (a full name from the tables) as a writer with ``hand``'s habits writes it.

    >>> write_by_hand("أحمد عبد الله", ArabicHand(no_hamza=True, compound_switched=True))
    'احمد عبدالله'
    """
    if hand.compound_switched:
        text = _compound(text)
    # A name written with Persian letters (a Dari or Pashto name) is the one an Arabic
    # keyboard changes; any other is changed by a Persian keyboard.
    persian = bool(_PERSIAN_ONLY & set(text))
    words = [_word(word, hand, persian) for word in text.split(" ")]
    if hand.vowel_marks and len(words[0]) >= 2:
        # A short vowel written on the first letter (مُحمد, عَلي): a mark, not a letter.
        # Mu- names (Muhammad, Mustafa, Muna) take a damma; others here a fatha.
        mark = _DAMMA if words[0].startswith("م") else _FATHA
        words[0] = words[0][0] + mark + words[0][1:]
    return " ".join(words)
