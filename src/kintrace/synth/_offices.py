"""Registration offices, the countries of tracing services, and their recording habits.

An office is a registration point in a country (Greece, Italy, Germany, France, Jordan,
Lebanon, Uganda, Kenya, Poland, Turkey, Sweden). Its habits decide how a child's record looks:
which name boxes it fills, which spelling style its staff use, which scripts they can write,
how often an unknown birth date becomes 1 January, whether a Slavic patronymic is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from kintrace.synth._styles import STYLE_INDEX

__all__ = ["COUNTRY_STYLE", "LAYOUTS", "OFFICES", "OFFICE_INDEX", "Office", "country_style"]

#: Name layouts: given/middle/family boxes; boxes plus a full name; given + family only;
#: one full-name box only.
LAYOUTS: tuple[str, ...] = ("parts", "parts_full", "given_family", "full_only")


@dataclass(frozen=True)
class Office:
    """One registration office and its habits.

    Attributes
    ----------
    code, country:
        Office code (``"GR-ATH"``) and the country it registers in.
    style:
        Spelling style of its staff (see :mod:`._styles`).
    layout:
        Probabilities of each of :data:`LAYOUTS`.
    scripts:
        Native scripts its staff write (``"arabic"``, ``"cyrillic"``, ``"ethiopic"``).
    default_dob:
        Probability that an unknown day and month is written as 1 January.
    patronymic_kept:
        Probability that a Slavic patronymic is written down.
    culture_styles:
        ``(culture, style, probability)``: interpreters who write one culture's names in
        another style (Somali interpreters in Kenya write Somali orthography).
    """

    code: str
    country: str
    style: str
    layout: tuple[float, float, float, float]
    scripts: tuple[str, ...]
    default_dob: float
    patronymic_kept: float
    culture_styles: tuple[tuple[str, str, float], ...] = ()


OFFICES: tuple[Office, ...] = (
    Office("GR-ATH", "Greece", "english", (0.55, 0.2, 0.15, 0.1), (), 0.7, 0.5),
    Office("GR-LES", "Greece", "greek", (0.4, 0.1, 0.2, 0.3), (), 0.8, 0.4),
    Office("GR-THE", "Greece", "greek", (0.5, 0.2, 0.2, 0.1), (), 0.7, 0.4),
    Office("IT-ROM", "Italy", "italian", (0.4, 0.2, 0.3, 0.1), (), 0.6, 0.4),
    Office("IT-SIC", "Italy", "italian", (0.3, 0.1, 0.4, 0.2), (), 0.7, 0.3),
    Office("DE-BER", "Germany", "german", (0.5, 0.3, 0.15, 0.05), (), 0.5, 0.5),
    Office("DE-MUC", "Germany", "german", (0.4, 0.2, 0.3, 0.1), (), 0.5, 0.4),
    Office("FR-PAR", "France", "french", (0.45, 0.2, 0.3, 0.05), (), 0.6, 0.4),
    Office("FR-CAL", "France", "french", (0.2, 0.1, 0.3, 0.4), (), 0.7, 0.3),
    Office("JO-AMM", "Jordan", "english", (0.5, 0.3, 0.1, 0.1), ("arabic",), 0.4, 0.5),
    Office("LB-BEY", "Lebanon", "french", (0.4, 0.3, 0.1, 0.2), ("arabic",), 0.4, 0.5),
    Office("UG-KLA", "Uganda", "english", (0.5, 0.2, 0.2, 0.1), (), 0.6, 0.5),
    Office(
        "KE-NBO", "Kenya", "english", (0.5, 0.2, 0.2, 0.1), (), 0.6, 0.5,
        (("somali", "somali", 0.5),),
    ),
    Office(
        "KE-DAD", "Kenya", "english", (0.4, 0.2, 0.2, 0.2), ("arabic",), 0.7, 0.5,
        (("somali", "somali", 0.8),),
    ),
    Office("PL-WAW", "Poland", "polish", (0.6, 0.3, 0.1, 0.0), ("cyrillic",), 0.4, 0.9),
    Office("PL-PRZ", "Poland", "polish", (0.5, 0.2, 0.1, 0.2), ("cyrillic",), 0.5, 0.8),
    Office("TR-IST", "Turkey", "turkish", (0.4, 0.2, 0.3, 0.1), (), 0.6, 0.5),
    Office("SE-STO", "Sweden", "english", (0.5, 0.3, 0.15, 0.05), (), 0.5, 0.5),
)  # fmt: skip

OFFICE_INDEX: dict[str, int] = {o.code: i for i, o in enumerate(OFFICES)}

#: Spelling style of the tracing services (and documents) of each country.
COUNTRY_STYLE: dict[str, str] = {
    "Afghanistan": "english", "Austria": "german", "Côte d'Ivoire": "french",
    "Czechia": "polish", "Egypt": "english", "Eritrea": "english", "Ethiopia": "english",
    "France": "french", "Gambia": "english", "Germany": "german", "Greece": "greek",
    "Guinea": "french", "Iran": "english", "Iraq": "english", "Italy": "italian",
    "Jordan": "english", "Kenya": "english", "Lebanon": "french", "Mali": "french",
    "Moldova": "passport", "Morocco": "french", "Netherlands": "english", "Norway": "english",
    "Pakistan": "english", "Poland": "polish", "Romania": "english", "Senegal": "french",
    "Somalia": "somali", "Spain": "english", "Sudan": "english", "Sweden": "english",
    "Switzerland": "german", "Syria": "english", "Turkey": "turkish", "Uganda": "english",
    "Ukraine": "passport", "United Kingdom": "english", "United States": "english",
}  # fmt: skip


def country_style(country: str) -> int:
    """Style index of a country's services (English when the country is not listed)."""
    return STYLE_INDEX[COUNTRY_STYLE.get(country, "english")]
