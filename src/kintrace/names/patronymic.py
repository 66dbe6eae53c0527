"""Slavic patronymics: the father's given name inside a child's middle name.

Ukrainian and Russian names carry the father's name as a patronymic: Yaroslav Mykhailovych
(son of Mykhailo), Sofiia Andriivna (daughter of Andrii), Anastasiia Dmitrievna (of Dmitrii).
A tracing request lodged by that father gives "Mykhailo" as his own name; the registration
of the child gives "Mykhailovych". :func:`patronymic_stem` takes the ending off so that the
two meet in blocking (the stem's skeleton is the father's name's skeleton).

Endings, longest first, in the romanisations offices use (Ukrainian -ovych/-ivna, Russian
-ovich/-ovna/-evich/-evna, Polish-style -owicz/-owna, German-style -owitsch):

    >>> patronymic_stem("mykhailovych"), patronymic_stem("bohdanovych")
    ('mykhail', 'bohdan')
    >>> patronymic_stem("dmitrievna"), patronymic_stem("andrijowycz")
    ('dmitri', 'andrij')
    >>> patronymic_stem("ivanov") is None  # a surname, not a patronymic
    True

The stem need not be the father's name letter for letter (``sergeyevich`` gives ``serge``):
it has the father's name's consonant skeleton, which is what blocking keys on.
"""

from __future__ import annotations

import re

__all__ = ["patronymic_stem"]

# Endings after the father's name, in the romanisations offices use.
_ENDING = re.compile(
    r"(?:"
    r"[oe]vych|[oe]vich|[oe]vitch|[oe]wicz|[oe]wycz|[oe]witsch|yevich|yevych|"
    r"[oe]vna|[oe]wna|yevna|ivna|yivna|[iy]ch|ichna"
    r")$"
)
#: Shortest stem kept: shorter ones (Ilya → Illich leaves "ill") are too ambiguous to key on.
MIN_STEM = 3


def patronymic_stem(token: str) -> str | None:
    """The father's name inside a patronymic comparison token, or ``None`` if it is not one."""
    match = _ENDING.search(token)
    if match is None:
        return None
    stem = token[: match.start()]
    return stem if len(stem) >= MIN_STEM else None
