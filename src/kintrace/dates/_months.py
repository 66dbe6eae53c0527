"""Month names by language, folded the way cell values are folded (no accents, one case).

Three-letter abbreviations never clash between the languages listed (``mar`` is March in all
of them, ``mai`` May in French and German), so one table serves every column.
"""

from __future__ import annotations

import pandas as pd

from kintrace.values import normalise_text

__all__ = ["CALENDAR_MONTH_NUMBERS", "MONTH_NUMBERS"]

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


# Month names of the other calendars (kintrace.dates.calendars), read only in a column set to
# that calendar: Tir is the Ethiopian fifth month and the Persian fourth, Azar (آذر) is not
# Adar (آذار, March). Each lists the year's months in order.
_CALENDAR_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "ethiopian": {
        # Amharic/Tigrinya in Latin letters (several romanisations), then in Ethiopic.
        "latin": (
            "meskerem|meskerrem|maskaram", "tikimt|tikemt|teqemt|tiqimt|tekemt",
            "hidar|hedar|hudar|hdar", "tahsas|tahisas|tahsass|takhsas", "tir|ter|tirr",
            "yekatit|yakatit|yekkatit", "megabit|maggabit|megabeet", "miyazya|miyaziya|miazia",
            "ginbot|genbot|gunbot", "sene|sane|senie", "hamle|hamlie|hamile",
            "nehase|nehasse|nahase|nehasie", "pagume|pagumen|puagme|pagumay",
        ),
        "ethiopic": (
            "መስከረም", "ጥቅምት", "ኅዳር|ህዳር|ሕዳር", "ታኅሣሥ|ታህሳስ|ታሕሳስ", "ጥር", "የካቲት", "መጋቢት",
            "ሚያዝያ|ሚያዚያ", "ግንቦት", "ሰኔ", "ሐምሌ|ሃምሌ", "ነሐሴ|ነሓሰ", "ጳጉሜ|ጳጉሜን",
        ),
    },
    "solar_hijri": {
        # Iran's Persian names, then Afghanistan's (zodiac, in Dari and Pashto).
        "persian": (
            "farvardin|فروردین", "ordibehesht|ordibehest|اردیبهشت", "khordad|خرداد",
            "tir|تیر", "mordad|amordad|مرداد|امرداد", "shahrivar|شهریور", "mehr|مهر",
            "aban|آبان|ابان", "azar|آذر", "dey|dei|دی", "bahman|بهمن", "esfand|esfend|اسفند",
        ),
        "afghan": (
            "hamal|حمل|wray|وری", "sawr|saur|sowr|thawr|ثور|ghwayay|غویی",
            "jawza|jauza|jawzah|جوزا|ghargholay|غبرګولی",
            "saratan|سرطان|chungash|چنګاښ", "asad|اسد|zmaray|زمری",
            "sonbola|sunbula|سنبله|wazhay|وږی", "mizan|میزان|tala|تله", "aqrab|عقرب|laram|لړم",
            "qaws|qaus|قوس|lindai|لیندۍ", "jadi|jaddi|جدی|merghumay|مرغومی",
            "dalw|dalu|دلو|salwagha|سلواغه", "hut|hoot|حوت|kab|کب",
        ),
    },
    "lunar_hijri": {
        "latin": (
            "muharram|moharram|muharam", "safar|saphar",
            "rabi al awwal|rabi al-awwal|rabi i|rabi 1|rabiulawal|rabi ul awal",
            "rabi al thani|rabi al akhir|rabi ii|rabi 2|rabiulakhir|rabi us sani|rabi al-thani",
            "jumada al ula|jumada al awwal|jumada i|jumada 1|jumadal ula|jumada al-ula",
            "jumada al akhira|jumada al thani|jumada ii|jumada 2|jumadal akhira|jumada al-akhira",
            "rajab", "shaban|sha ban|shaaban", "ramadan|ramazan|ramadhan", "shawwal|shawal",
            "dhu al qidah|dhul qadah|dhu al-qadah|zulqadah|dhu l qada|dhu al qada",
            "dhu al hijjah|dhul hijjah|dhu al-hijjah|zulhijjah|dhu l hijja|dhu al hijja",
        ),
        "arabic": (
            "محرم", "صفر", "ربيع الأول|ربيع الاول|ربيع أول", "ربيع الثاني|ربيع الآخر|ربيع الاخر",
            "جمادى الأولى|جمادى الاولى|جمادى الأول", "جمادى الآخرة|جمادى الاخرة|جمادى الثانية",
            "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة|ذي القعدة", "ذو الحجة|ذي الحجة",
        ),
    },
}  # fmt: skip


def _build(tables: dict[str, tuple[str, ...]] | None = None) -> dict[str, int]:
    spellings: list[str] = []
    months: list[int] = []
    for names in (tables or _NAMES).values():
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

#: Month names of the other calendars, by calendar name (``"ethiopian"`` ...).
CALENDAR_MONTH_NUMBERS: dict[str, dict[str, int]] = {
    calendar: _build(tables) for calendar, tables in _CALENDAR_NAMES.items()
}
