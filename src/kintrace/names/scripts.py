"""Which script a name token is written in.

Registries mix scripts: a Jordanian office writes an Arabic name in Arabic letters, a Polish one
writes a Ukrainian name in Cyrillic, a request from Asmara comes in Ethiopic. The comparison
form is Latin, so every token is first told apart by script.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

__all__ = ["Script", "script_of"]


class Script(StrEnum):
    """Scripts kintrace tells apart (others are ``OTHER``; digits and marks count as none)."""

    LATIN = "latin"
    ARABIC = "arabic"
    ETHIOPIC = "ethiopic"
    CYRILLIC = "cyrillic"
    GREEK = "greek"
    OTHER = "other"
    NONE = "none"


# Unicode blocks by first code point; names rarely leave these.
_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x024F, Script.LATIN),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x0370, 0x03FF, Script.GREEK),
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0x1200, 0x139F, Script.ETHIOPIC),
    (0x2D80, 0x2DDF, Script.ETHIOPIC),
    (0xAB00, 0xAB2F, Script.ETHIOPIC),
)


def _script_of_char(ch: str) -> Script:
    if not ch.isalpha():
        return Script.NONE
    code = ord(ch)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    # Fullwidth and other compatibility letters fold to Latin under NFKC.
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch and folded.isascii():
        return Script.LATIN
    return Script.OTHER


def script_of(token: str) -> Script:
    """The script most letters of ``token`` are written in (``NONE`` when it has no letters).

    >>> script_of("Mohamed").value, script_of("محمد").value, script_of("ተስፋይ").value
    ('latin', 'arabic', 'ethiopic')
    """
    counts: dict[Script, int] = {}
    for ch in token:
        script = _script_of_char(ch)
        if script is not Script.NONE:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.NONE
    # Ties go to the first script in enum order, so the answer never depends on dict order.
    order = list(Script)
    return max(counts, key=lambda s: (counts[s], -order.index(s)))
