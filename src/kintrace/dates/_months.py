"""Month names by language, folded the way cell values are folded (no accents, one case).

Three-letter abbreviations never clash between the languages listed (``mar`` is March in all
of them, ``mai`` May in French and German), so one table serves every column.
"""

from __future__ import annotations

import pandas as pd

from kintrace.values import normalise_text

__all__ = ["MONTH_NUMBERS"]

# Each tuple lists January to December; a cell may hold several spellings separated by "|".
_NAMES: dict[str, tuple[str, ...]] = {
    "english": (
        "january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun",
        "july|jul", "august|aug", "september|sep|sept", "october|oct", "november|nov",
        "december|dec",
    ),
    "french": (
        "janvier|janv", "février|févr|fév|fevr", "mars", "avril|avr", "mai", "juin",
        "juillet|juil", "août|aout", "septembre", "octobre", "novembre", "décembre|déc",
    ),
    "german": (
        "januar|jänner|jän", "februar|feber", "märz|maerz|mrz|mär", "april", "mai", "juni",
        "juli", "august", "september", "oktober|okt", "november", "dezember|dez",
    ),
    "italian": (
        "gennaio|gen", "febbraio", "marzo", "aprile", "maggio|mag", "giugno|giu", "luglio|lug",
        "agosto|ago", "settembre|set|sett", "ottobre|ott", "novembre", "dicembre|dic",
    ),
    "spanish": (
        "enero|ene", "febrero", "marzo", "abril|abr", "mayo", "junio", "julio", "agosto",
        "septiembre|setiembre", "octubre", "noviembre", "diciembre",
    ),
    # Egypt and the Gulf use transliterated names; the Levant and Iraq the Syriac ones,
    # written with or without the article; the Maghreb the French-derived ones.
    "arabic": (
        "يناير|كانون الثاني|كانون ثاني|جانفي",
        "فبراير|شباط|فيفري",
        "مارس|آذار|اذار",
        "أبريل|إبريل|ابريل|نيسان|أفريل",
        "مايو|أيار|ايار|ماي",
        "يونيو|يونيه|حزيران|جوان",
        "يوليو|يوليه|تموز|جويلية",
        "أغسطس|اغسطس|آب|اب|أوت",
        "سبتمبر|أيلول|ايلول",
        "أكتوبر|اكتوبر|تشرين الأول|تشرين اول",
        "نوفمبر|تشرين الثاني|تشرين ثاني",
        "ديسمبر|كانون الأول|كانون اول",
    ),
    # Russian and Ukrainian: nominative and the genitive used in dates ("4 марта 2010").
    "russian": (
        "январь|января|янв", "февраль|февраля|фев", "март|марта|мар", "апрель|апреля|апр",
        "май|мая", "июнь|июня|июн", "июль|июля|июл", "август|августа|авг",
        "сентябрь|сентября|сен|сент", "октябрь|октября|окт", "ноябрь|ноября|ноя",
        "декабрь|декабря|дек",
    ),
    "ukrainian": (
        "січень|січня|січ", "лютий|лютого|лют", "березень|березня|бер",
        "квітень|квітня|квіт", "травень|травня|трав", "червень|червня|черв",
        "липень|липня|лип", "серпень|серпня|серп", "вересень|вересня|вер",
        "жовтень|жовтня|жовт", "листопад|листопада|лист", "грудень|грудня|груд",
    ),
    "greek": (
        "ιανουάριος|ιανουαρίου", "φεβρουάριος|φεβρουαρίου", "μάρτιος|μαρτίου",
        "απρίλιος|απριλίου", "μάιος|μαΐου|μαίου", "ιούνιος|ιουνίου", "ιούλιος|ιουλίου",
        "αύγουστος|αυγούστου", "σεπτέμβριος|σεπτεμβρίου", "οκτώβριος|οκτωβρίου",
        "νοέμβριος|νοεμβρίου", "δεκέμβριος|δεκεμβρίου",
    ),
}  # fmt: skip


def _build() -> dict[str, int]:
    spellings: list[str] = []
    months: list[int] = []
    for names in _NAMES.values():
        for month, cell in enumerate(names, start=1):
            for spelling in cell.split("|"):
                spellings.append(spelling)
                months.append(month)
    folded = normalise_text(pd.Series(spellings, dtype=object)).tolist()
    table: dict[str, int] = {}
    for key, month in zip(folded, months, strict=True):
        if table.setdefault(key, month) != month:
            raise RuntimeError(f"month spelling {key!r} names two months")
    return table


MONTH_NUMBERS: dict[str, int] = _build()
