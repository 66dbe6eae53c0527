"""Coded cell values: sex, yes/no flags and ages, and the text normalisation they share.

Every parser takes a whole column -- a pandas Series of text or missing values, as the readers
return it -- and gives back a :class:`ParsedColumn`: the parsed values on the input's index,
and a mask of cells that held something but could not be read, so that the validation report
can count them per column (by row, never by value).

A cell that says "unknown" in one of the usual ways (``UNKNOWN``, ``N/A``, ``-``, ``?``, ``0``,
``00/00/0000``, ``غير معروف`` ...) is *missing*, not unparseable: registries write these on
purpose. Columns are worked on through their distinct values (:func:`factorize_text`): an export
of 200,000 rows rarely holds more than a few thousand distinct sexes, flags, ages or dates, and
each step on them is a pandas ``.str`` or numpy operation.

Examples
--------
>>> import pandas as pd
>>> parse_sex(pd.Series(["Garçon", "F", "weiblich", "other", "zz", None])).values.tolist()
['m', 'f', 'f', None, None, None]
>>> parse_age(pd.Series(["about 13", "١٣", "12-14", "13,5 ans", "200"])).values.tolist()
[13.0, 13.0, 13.0, 13.5, nan]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "ParsedColumn",
    "UniqueText",
    "factorize_text",
    "normalise_text",
    "parse_age",
    "parse_flag",
    "parse_sex",
    "placeholder_mask",
]

BoolArray = npt.NDArray[np.bool_]

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

# Combining marks dropped after NFKD: Latin/Greek/Cyrillic accents, Arabic short vowels and
# hamza/madda marks (so أنثى and انثى meet), Quranic annotation signs and the tatweel.
_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"\s+")

_FOLD: dict[int, str | None] = {
    # Arabic-Indic and Persian digits: ages and dates are often typed in them.
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    ord("\u066b"): ".",  # Arabic decimal separator
    ord("\u066c"): ",",  # Arabic thousands separator
    ord("\u060c"): ",",  # Arabic comma
    ord("\u061f"): "?",  # Arabic question mark
    # Letters that recorders use interchangeably at the end of words.
    ord("\u0649"): "\u064a",  # alef maksura -> ya
    ord("\u06cc"): "\u064a",  # Persian ye -> Arabic ya
    ord("\u0629"): "\u0647",  # ta marbuta -> ha
    ord("\u06a9"): "\u0643",  # Persian kaf -> Arabic kaf
    # Dashes and minus signs to ASCII hyphen.
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    # Invisible characters copied along with right-to-left text.
    **{ord(c): None for c in "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u202a\u202b\u202c"},
}


def normalise_text(values: pd.Series) -> pd.Series:
    """Fold text for lookups: no accents, one case, ASCII digits, single spaces.

    Parameters
    ----------
    values:
        Text values (``str``); apply it to present values only.

    Returns
    -------
    pandas.Series
        The folded text, same index. Compatibility forms are decomposed (full-width digits,
        ligatures), combining marks dropped, Arabic-Indic and Persian digits made ASCII, some
        interchangeable Arabic letters unified, case folded, whitespace collapsed and
        surrounding quotes stripped.

    Examples
    --------
    >>> normalise_text(pd.Series(["  MÄRZ ", "١٣ سنة", "Garçon"])).tolist()
    ['marz', '13 سنه', 'garcon']
    """
    out = values.str.normalize("NFKD")
    out = out.str.replace(_MARKS, "", regex=True)
    out = out.str.translate(_FOLD).str.casefold()
    out = out.str.replace(_SPACES, " ", regex=True)
    return out.str.strip(" '\"`")


def _normalised(words: Iterable[str]) -> list[str]:
    """Table entries folded the way cell values are, so both meet in the same spelling."""
    return normalise_text(pd.Series(list(words), dtype=object)).tolist()


_PLACEHOLDER_WORDS = (
    "unknown", "unk", "unkn", "not known", "n/k", "nk", "none", "null", "nil", "nan", "n/a",
    "na", "n.a.", "n.a", "#n/a", "n/d", "n.d.", "nd", "not applicable", "not stated",
    "not available", "unbekannt", "k.a.", "keine angabe", "inconnu", "inconnue", "non connu",
    "ne sait pas", "nsp", "sconosciuto", "sconosciuta", "non noto", "desconocido", "غير معروف",
    "غير معروفة", "غير محدد", "مجهول", "неизвестно", "не известно", "нет данных", "невідомо",
    "немає даних", "άγνωστο",
)  # fmt: skip
_PLACEHOLDERS = frozenset(_normalised(_PLACEHOLDER_WORDS))
# Runs of punctuation (-, --, ?, ...) and dates or numbers made only of zeros (0, 00/00/0000).
_PLACEHOLDER_SHAPES = re.compile(r"^(?:[-?./*_#\s]+|0+(?:[-/., ]0+)*)$")


def placeholder_mask(normalised: pd.Series) -> BoolArray:
    """Which (normalised) values say "unknown" rather than giving a value.

    Parameters
    ----------
    normalised:
        Values folded by :func:`normalise_text`.

    Returns
    -------
    numpy.ndarray
        Boolean, True for empty strings and placeholders such as ``unknown``, ``n/a``, ``-``,
        ``?``, ``0`` or ``00/00/0000`` in the supported languages.
    """
    named = normalised.isin(_PLACEHOLDERS).to_numpy(dtype=bool)
    shaped = normalised.str.match(_PLACEHOLDER_SHAPES).to_numpy(dtype=bool)
    return named | shaped | (normalised == "").to_numpy(dtype=bool)


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class UniqueText:
    """A column split into its distinct present values and, per row, which one it holds.

    Attributes
    ----------
    codes:
        For every row, the position of its value in ``text``; ``len(text)`` for a missing cell.
    text:
        The distinct present values, folded by :func:`normalise_text` (a RangeIndex Series).
    """

    codes: npt.NDArray[np.intp]
    text: pd.Series

    def expand(self, per_value: npt.NDArray[Any], missing: Any) -> npt.NDArray[Any]:
        """Spread one result per distinct value back onto the rows; ``missing`` where empty."""
        padded = np.empty(len(per_value) + 1, dtype=per_value.dtype)
        padded[:-1] = per_value
        padded[-1] = missing
        return padded[self.codes]


def factorize_text(values: pd.Series) -> UniqueText:
    """Split a column into its distinct present values, folded for lookups.

    Parameters
    ----------
    values:
        A column of text; ``None``/NaN/NA are missing. Non-text cells are read as their
        ``str``.

    Returns
    -------
    UniqueText
        Distinct values and per-row codes. Two cells that differ only in case, accents or
        spacing share one folded text but keep their own code, which costs nothing.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    raw = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str)
    codes = np.where(codes < 0, len(raw), codes).astype(np.intp)
    return UniqueText(codes=codes, text=normalise_text(raw).reset_index(drop=True))


@dataclass(frozen=True, eq=False)  # array fields: compare contents explicitly
class ParsedColumn:
    """The result of parsing one column.

    Attributes
    ----------
    values:
        Parsed values, same index as the input.
    unparseable:
        Boolean, same length: the cell held something that is neither a value nor a
        placeholder for "unknown".
    """

    values: pd.Series
    unparseable: BoolArray


# ---------------------------------------------------------------------------------------------
# Lookups: sex and yes/no
# ---------------------------------------------------------------------------------------------

_OTHER = ""  # a recognised answer that is neither male nor female; parses to None

_SEX_WORDS: dict[str, tuple[str, ...]] = {
    "m": (
        "m", "male", "man", "boy", "masculine", "masc", "masculin", "homme", "h", "garçon",
        "männlich", "maennlich", "mann", "junge", "knabe", "maschio", "maschile", "uomo",
        "ragazzo", "masculino", "hombre", "niño", "ذكر", "ولد", "мужской", "муж", "м",
        "мужчина", "мальчик", "чоловіча", "чоловічий", "чоловік", "ч", "хлопчик", "άρρεν",
        "αρσενικό", "αγόρι",
    ),
    "f": (
        "f", "female", "woman", "girl", "feminine", "fem", "féminin", "femme", "fille",
        "weiblich", "w", "frau", "mädchen", "maedchen", "femmina", "femminile", "donna",
        "ragazza", "femenino", "mujer", "niña", "أنثى", "انثى", "بنت", "женский", "жен", "ж",
        "женщина", "девочка", "жіноча", "жіночий", "жінка", "дівчинка", "θήλυ", "θηλυκό",
        "κορίτσι",
    ),
    _OTHER: (
        "other", "others", "x", "d", "divers", "diverse", "autre", "andere", "altro", "altra",
        "otro", "intersex", "non-binary", "nonbinary", "prefer not to say", "другое", "другой",
        "інше", "інша", "آخر", "غير ذلك", "άλλο",
    ),
}  # fmt: skip

_FLAG_WORDS: dict[bool, tuple[str, ...]] = {
    True: (
        "yes", "y", "true", "t", "1", "1.0", "oui", "ja", "j", "sì", "si", "sí", "да", "д",
        "так", "نعم", "بله", "ναι", "✓", "✔", "☑",
    ),
    False: (
        "no", "n", "false", "f", "0", "0.0", "non", "nein", "нет", "н", "ні", "нi", "لا", "خیر",
        "όχι", "✗", "✘",
    ),
}  # fmt: skip


def _lookup_table(words: Mapping[Any, tuple[str, ...]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for value, spellings in words.items():
        for key in _normalised(spellings):
            if table.setdefault(key, value) != value:
                raise RuntimeError(f"lookup spelling {key!r} has two meanings")
    return table


_SEX = _lookup_table(_SEX_WORDS)
_FLAG = _lookup_table(_FLAG_WORDS)
_TRAILING_DOTS = re.compile(r"[.!]+$")


def _parse_lookup(values: pd.Series, table: Mapping[str, Any]) -> ParsedColumn:
    """Shared by sex and flags: a table hit wins over the placeholder list (flag ``0``)."""
    col = factorize_text(values)
    found = col.text.map(table)
    bare = col.text.str.replace(_TRAILING_DOTS, "", regex=True).map(table)
    found = found.where(found.notna(), bare)
    hit = found.notna().to_numpy(dtype=bool)
    bad = ~hit & ~placeholder_mask(col.text)
    # As object first: on pandas 3 a text Series would turn the None into NaN.
    parsed = np.asarray(found.astype(object).where(hit & (found != _OTHER), None), dtype=object)
    return ParsedColumn(
        values=pd.Series(col.expand(parsed, None), index=values.index, dtype=object),
        unparseable=col.expand(bad, False),
    )


def parse_sex(values: pd.Series) -> ParsedColumn:
    """Read a sex column as ``"m"``, ``"f"`` or ``None``.

    Parameters
    ----------
    values:
        Text cells. English, French (``H`` = homme = male, ``F`` = femme = female), German
        (``W`` = weiblich), Italian, Spanish, Greek, Arabic, Russian and Ukrainian words and
        initials, and Primero's ``male``/``female``; case and accents do not matter.

    Returns
    -------
    ParsedColumn
        ``"m"``/``"f"``; ``None`` for missing cells, placeholders and answers such as
        ``other`` (recognised, so not unparseable). A lone ``G`` is unparseable: garçon or
        girl.
    """
    return _parse_lookup(values, _SEX)


def parse_flag(values: pd.Series) -> ParsedColumn:
    """Read a yes/no column as ``True``, ``False`` or ``None``.

    Parameters
    ----------
    values:
        Text cells: yes/no, true/false (Primero), 1/0, y/n, oui/non, ja/nein, sì/no, نعم/لا,
        да/нет, так/ні, ναι/όχι; case-insensitive. Unlike other columns, ``0`` is an answer
        here (no), not a placeholder.

    Returns
    -------
    ParsedColumn
        Python ``bool`` or ``None`` in an object Series; ``.astype("boolean")`` makes it a
        nullable boolean column.
    """
    return _parse_lookup(values, _FLAG)


# ---------------------------------------------------------------------------------------------
# Ages
# ---------------------------------------------------------------------------------------------

MAX_AGE = 120.0


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "years" is tried before "year" and "y".
    return "|".join(re.escape(w) for w in sorted(set(_normalised(words)), key=len, reverse=True))


_QUALIFIERS = _alternation(
    (
        "~", "≈", "±", "+/-", "+-", "about", "approx", "approximately", "aprox", "around",
        "circa", "ca", "c", "est", "estimated", "age", "aged", "env", "environ", "etwa",
        "ungefähr", "cerca de", "около", "примерно", "приблизно", "близько", "حوالي",
        "تقريبا", "نحو", "περίπου",
    )
)  # fmt: skip
_RANGE = _alternation(("-", "to", "a", "à", "bis", "до", "or", "ou", "oder", "o", "/"))
_YEARS = _alternation(
    (
        "years", "year", "yrs", "yr", "y", "yo", "y/o", "y.o", "ans", "an", "années", "jahre",
        "jahren", "jahr", "j", "anni", "anno", "a", "años", "año", "лет", "года", "год", "г",
        "роки", "років", "рік", "р", "سنة", "سنوات", "سنين", "عام", "أعوام", "سال", "ετών",
        "έτη", "χρονών", "χρόνια",
    )
)  # fmt: skip
_MONTHS = _alternation(
    (
        "months", "month", "mths", "mth", "mos", "mo", "mois", "monate", "monaten", "monat",
        "mesi", "mese", "meses", "mes", "месяцев", "месяца", "месяц", "мес", "місяців",
        "місяці", "місяць", "міс", "شهور", "أشهر", "شهر", "ماه", "μηνών", "μήνες", "μήνα",
    )
)  # fmt: skip
_AND = _alternation(("and", "et", "und", "e", "y", "и", "і", "و"))
_NUMBER = r"\d+(?:[.,]\d+)?"
_AGE = re.compile(
    rf"^(?:(?:{_QUALIFIERS})\.? ?)?"
    rf"(?P<a>{_NUMBER})(?: ?(?:{_RANGE}) ?(?P<b>{_NUMBER}))?"
    rf"(?: ?(?:(?P<years>{_YEARS})|(?P<months>{_MONTHS}))\.?)?"
    rf"(?:,? ?(?:(?:{_AND}) )?(?P<extra>\d{{1,2}}) ?(?:{_MONTHS})\.?)?"
    rf"(?: ?(?:old|alt))?(?: ?(?:{_QUALIFIERS})\.?)? ?[?+]?$"
)
_BRACKETS = re.compile(r"[()\[\]]")


def _number(column: pd.Series) -> npt.NDArray[np.float64]:
    text = column.str.replace(",", ".", regex=False)
    return pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def parse_age(values: pd.Series) -> ParsedColumn:
    """Read an age column as years (float).

    Parameters
    ----------
    values:
        Text cells such as ``13``, ``13.5``, ``13,5``, ``~13``, ``about 13``, ``approx. 13``,
        ``13 years``/``yrs``/``ans``/``Jahre``/``anni``/``лет``/``سنة``, ``١٣`` or ``۱۳``,
        ``12-14`` (a range: its midpoint), ``8 months``, ``2 years 6 months``.

    Returns
    -------
    ParsedColumn
        Float years, NaN where missing. Negative ages, ages above 120 and reversed ranges
        (``14-12``) are unparseable; ``0`` is a placeholder (missing), ``0.5`` or
        ``6 months`` an age.
    """
    col = factorize_text(values)
    text = col.text.str.replace(_BRACKETS, " ", regex=True)
    text = text.str.replace(_SPACES, " ", regex=True).str.strip()
    parts = text.str.extract(_AGE)
    low = _number(parts["a"])
    high = _number(parts["b"])
    extra = _number(parts["extra"])
    in_months = parts["months"].notna().to_numpy(dtype=bool)

    per_year = np.where(in_months, 12.0, 1.0)
    age = np.where(np.isnan(high), low, (low + high) / 2) / per_year
    age = age + np.where(in_months, 0.0, np.nan_to_num(extra) / 12)
    valid = (
        ~np.isnan(age)
        & (np.isnan(high) | (high >= low))
        & ~(in_months & ~np.isnan(extra))
        & (age >= 0)
        & (np.fmax(age, np.nan_to_num(high) / per_year) <= MAX_AGE)
    )
    missing = placeholder_mask(col.text)
    age = np.where(valid & ~missing, age, np.nan)
    bad = ~valid & ~missing
    return ParsedColumn(
        values=pd.Series(col.expand(age, np.nan), index=values.index, dtype=np.float64),
        unparseable=col.expand(bad, False),
    )
