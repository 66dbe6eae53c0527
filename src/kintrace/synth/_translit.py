"""Script conversion written for the generator: Cyrillic romanisation systems, Arabic skeletons.

Recorders meet a Ukrainian name in Cyrillic and write it with whatever system they were taught
(the Ukrainian passport system, BGN/PCGN, German Duden, French, Polish, scholarly ISO-like). The
same name therefore arrives as Oleksandr / Oleksandr, Serhii / Serhiy / Serhij / Serguiï. Every
system is a plain table here, applied letter by letter with the few positional rules (word
start, after a vowel) that make them differ.

Arabic-script names copied letter by letter lose their short vowels (محمد -> Mhmd); the
skeleton below makes that variant for a small share of records.

Nothing here is shared with kintrace's matcher: the benchmark must not grade the matcher
against its own assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["CYRILLIC_SYSTEMS", "arabic_skeleton", "romanise"]

_VOWELS_CYR = set("аеєиіїоуюяыэё")
# Letters after which Polish writes a plain l for л (Olha, not Ołha); Ukrainian е is hard.
_SOFTENING = {"uk": set("ьіїєюя"), "ru": set("ьиеёюя")}
_APOSTROPHES = "ʼ'’"

# Base letter tables: Ukrainian (uk) and Russian (ru) per system. Positional exceptions are
# given separately as "initial" forms (word start, or after a vowel/apostrophe/soft sign).
_UK_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
}  # fmt: skip
_RU_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip


def _with(base: Mapping[str, str], **changes: str) -> dict[str, str]:
    table = dict(base)
    table.update(changes)
    return table


# (table, initial-position table, where "initial" applies, intervocalic s doubled).
# "word": only at the start of a word (Ukrainian passport system: Yurii, Andrii);
# "vowel": also after a vowel, apostrophe or soft sign (BGN Russian, Polish: Andrijiwna).
_System = tuple[dict[str, str], dict[str, str], str, bool]

_UK: dict[str, _System] = {
    # Ukrainian national system of 2010, used in passports.
    "passport": (
        _with(_UK_COMMON, є="ie", ї="i", й="i", ю="iu", я="ia"),
        {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
        "word",
        False,
    ),
    "bgn": (_with(_UK_COMMON, є="ye", ї="yi", й="y", ю="yu", я="ya"), {}, "word", False),
    "german": (
        _with(
            _UK_COMMON,
            в="w",
            ж="sch",
            з="s",
            є="je",
            ї="ji",
            й="j",
            х="ch",
            ц="z",
            ч="tsch",
            ш="sch",
            щ="schtsch",
            ю="ju",
            я="ja",
        ),
        {},
        "word",
        True,
    ),
    "french": (
        _with(
            _UK_COMMON,
            ж="j",
            є="ie",
            ї="ï",
            й="ï",
            у="ou",
            х="kh",
            ч="tch",
            ш="ch",
            щ="chtch",
            ю="iou",
            я="ia",
        ),
        {},
        "word",
        True,
    ),
    "polish": (
        _with(
            _UK_COMMON,
            в="w",
            ж="ż",
            є="ie",
            ї="ji",
            й="j",
            л="ł",
            х="ch",
            ц="c",
            ч="cz",
            ш="sz",
            щ="szcz",
            ю="iu",
            я="ia",
        ),
        {"є": "je", "ю": "ju", "я": "ja"},
        "vowel",
        False,
    ),
    "scholarly": (
        _with(
            _UK_COMMON,
            ж="ž",
            є="je",
            ї="ji",
            й="j",
            х="ch",
            ц="c",
            ч="č",
            ш="š",
            щ="šč",
            ю="ju",
            я="ja",
        ),
        {},
        "word",
        False,
    ),
}

_RU: dict[str, _System] = {
    # Russian passports since 2013 (ICAO Doc 9303 table).
    "passport": (dict(_RU_COMMON), {}, "word", False),
    "bgn": (
        _with(_RU_COMMON, ё="yo", й="y", ю="yu", я="ya"),
        {"е": "ye", "ё": "yo"},
        "vowel",
        False,
    ),
    "german": (
        _with(
            _RU_COMMON,
            в="w",
            ж="sch",
            з="s",
            ё="jo",
            й="j",
            х="ch",
            ц="z",
            ч="tsch",
            ш="sch",
            щ="schtsch",
            ю="ju",
            я="ja",
        ),
        {"е": "je"},
        "vowel",
        True,
    ),
    "french": (
        _with(
            _RU_COMMON,
            ж="j",
            ё="io",
            й="ï",
            у="ou",
            ч="tch",
            ш="ch",
            щ="chtch",
            ю="iou",
            я="ia",
        ),
        {},
        "word",
        True,
    ),
    "polish": (
        _with(
            _RU_COMMON,
            в="w",
            ж="ż",
            е="ie",
            ё="io",
            й="j",
            л="ł",
            х="ch",
            ц="c",
            ч="cz",
            ш="sz",
            щ="szcz",
            ю="iu",
            я="ia",
        ),
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
        "vowel",
        False,
    ),
    "scholarly": (
        _with(
            _RU_COMMON,
            ж="ž",
            ё="ë",
            й="j",
            х="ch",
            ц="c",
            ч="č",
            ш="š",
            щ="šč",
            э="è",
            ю="ju",
            я="ja",
        ),
        {},
        "word",
        False,
    ),
}

#: The romanisation systems this module knows, in a fixed order.
CYRILLIC_SYSTEMS: tuple[str, ...] = ("passport", "bgn", "german", "french", "polish", "scholarly")


def _romanise_word(word: str, system: _System, lang: str, fallback: dict[str, str]) -> str:
    table, initial, mode, double_s = system
    lower = word.lower()
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(lower):
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if ch in _APOSTROPHES:
            prev = ch
            continue
        at_start = prev == "" or (
            mode == "vowel" and (prev in _VOWELS_CYR or prev in _APOSTROPHES or prev in "ьъ")
        )
        if at_start and ch in initial:
            piece = initial[ch]
        elif ch in table:
            piece = table[ch]
        else:
            # A letter of the other language (і in a Russian spelling, ы in a Ukrainian one).
            piece = fallback.get(ch, ch)
        if lang == "ru" and ch == "г" and table is _RU["french"][0] and nxt in "еиыэ":
            # French writes a hard g before e/i as "gu": Sergueï, Guennadi.
            piece = "gu"
        if double_s and ch == "с" and prev in _VOWELS_CYR and nxt in _VOWELS_CYR:
            piece = "ss"
        if table is systems_polish(lang) and prev == "л" and piece[:1] == "i" and len(piece) > 1:
            # Polish marks softness on the l itself: Aleksiej, not Alieksiej.
            piece = piece[1:]
        if piece == "ł" and nxt in _SOFTENING[lang]:
            # Polish keeps a plain l before a softening letter: Olha, not Ołha.
            piece = "l"
        out.append(piece)
        prev = ch
    return "".join(out)


def systems_polish(lang: str) -> dict[str, str]:
    """The Polish letter table of ``lang`` (identity-compared in the letter loop)."""
    return (_UK if lang == "uk" else _RU)["polish"][0]


def romanise(text: str, system: str, lang: str) -> str:
    """Romanise Ukrainian (``lang="uk"``) or Russian (``"ru"``) Cyrillic with one system.

    Parameters
    ----------
    text:
        One or more words in Cyrillic.
    system:
        One of :data:`CYRILLIC_SYSTEMS`.
    lang:
        ``"uk"`` or ``"ru"``: the letters differ (г, и, е, й).

    Returns
    -------
    str
        The Latin form, each word capitalised.
    """
    systems, other = (_UK, _RU) if lang == "uk" else (_RU, _UK)
    spec = systems[system]
    fallback = other[system][0]
    words = text.split(" ")
    return " ".join(_capitalise(_romanise_word(w, spec, lang, fallback)) for w in words if w)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


_ARABIC_LETTERS: dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a",
    "ة": "a", "ء": "", "ؤ": "", "ئ": "", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g",
    "ک": "k", "ی": "y",
}  # fmt: skip


def arabic_skeleton(text: str) -> str:
    """Letter-by-letter Latin for Arabic script, short vowels lost as in a mechanical copy.

    Parameters
    ----------
    text:
        A name in Arabic script.

    Returns
    -------
    str
        For example ``"Mhmd"`` for محمد; empty when nothing Latin is left.
    """
    words = []
    for word in text.split(" "):
        latin = "".join(_ARABIC_LETTERS.get(ch, "") for ch in word)
        if latin:
            words.append(_capitalise(latin))
    return " ".join(words)
