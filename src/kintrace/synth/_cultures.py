"""The naming cultures the generator knows, and how each builds and spells a person's name.

A culture fixes the name chain (who contributes which name), where families come from, the
offices that register their children and where relatives lodge requests. Adding a culture
means adding its tables in ``data/`` and one :class:`Culture` here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CULTURES", "CULTURE_INDEX", "DEFAULT_CULTURE_MIX", "Culture", "culture_keys"]


@dataclass(frozen=True)
class Culture:
    """How one culture names people and where its families move.

    Attributes
    ----------
    key:
        Name used in configs and truth tables.
    source:
        ``"latin"`` (tables give Latin spellings and native forms) or ``"cyrillic"``
        (tables give Cyrillic; spellings come from romanisation systems).
    convention:
        The name chain: ``"arabic"`` given + father + grandfather or family name;
        ``"afghan"`` given (+ optional family name), father recorded apart; ``"chain"``
        given + father + grandfather, no family name; ``"slavic"`` given + patronymic +
        gendered surname; ``"given_family"`` given (+ second given) + family name.
    script:
        Native script of the names: ``"arabic"``, ``"ethiopic"``, ``"cyrillic"`` or ``""``.
    origins:
        Origin countries with weights.
    family_name_share:
        Share of families that carry a family name (where the convention allows one).
    compounds:
        ``(sex, name, position)``: names that join another given name as a compound
        (``"before"``: Muhammad Ali; ``"after"``: Ahmad Khan); ``"*"`` means any name of the
        table (West African double given names).
    compound_share:
        Probability of a compound given name, per sex (M, F).
    prefixes, suffixes:
        Parts that recorders split off or join (Abdul Rahman / Abdulrahman,
        Naqibullah / Naqib Ullah, Gebremedhin / Gebre Medhin).
    abbreviate:
        Whether ``prefix + rest`` is also written ``P/Rest`` (G/Medhin, W/Michael).
    nicknames:
        Descriptive nicknames the culture uses besides name-specific ones.
    grandfather_namesake:
        Probability that the first son is named after his paternal grandfather.
    offices:
        Registration offices (codes of :mod:`._offices`) with weights.
    requester_countries:
        Countries where relatives lodge requests, with weights; ``"ORIGIN"`` is the family's
        own origin country.
    """

    key: str
    source: str
    convention: str
    script: str
    origins: tuple[tuple[str, float], ...]
    family_name_share: float
    compounds: tuple[tuple[str, str, str], ...]
    compound_share: tuple[float, float]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    abbreviate: bool
    nicknames: tuple[str, ...]
    grandfather_namesake: float
    offices: tuple[tuple[str, float], ...]
    requester_countries: tuple[tuple[str, float], ...]


CULTURES: tuple[Culture, ...] = (
    Culture(
        key="arabic",
        source="latin",
        convention="arabic",
        script="arabic",
        origins=(("Syria", 0.55), ("Iraq", 0.25), ("Sudan", 0.2)),
        family_name_share=0.6,
        compounds=(("M", "Muhammad", "before"),),
        compound_share=(0.1, 0.0),
        prefixes=("Abdul", "Abdel", "Abdal", "Abd", "Abu", "Nour", "Nur"),
        suffixes=("eddine", "uddin", "allah"),
        abbreviate=False,
        nicknames=(),
        grandfather_namesake=0.2,
        offices=(
            ("GR-ATH", 8), ("GR-LES", 6), ("GR-THE", 4), ("DE-BER", 10), ("DE-MUC", 6),
            ("JO-AMM", 12),
            ("LB-BEY", 10), ("TR-IST", 12), ("SE-STO", 6), ("FR-PAR", 4), ("IT-ROM", 3),
        ),
        requester_countries=(
            ("ORIGIN", 40), ("Turkey", 12), ("Lebanon", 8), ("Jordan", 8), ("Germany", 10),
            ("Sweden", 6), ("Netherlands", 4), ("Egypt", 4), ("United Kingdom", 4),
            ("France", 3),
        ),
    ),
    Culture(
        key="dari_pashto",
        source="latin",
        convention="afghan",
        script="arabic",
        origins=(("Afghanistan", 1.0),),
        family_name_share=0.45,
        compounds=(
            ("M", "Mohammad", "before"), ("M", "Gul", "before"), ("M", "Sayed", "before"),
            ("M", "Noor", "before"), ("M", "Sher", "before"), ("M", "Khan", "after"),
            ("M", "Jan", "after"), ("M", "Gul", "after"), ("M", "Shah", "after"),
            ("F", "Bibi", "after"),
        ),
        compound_share=(0.25, 0.08),
        prefixes=("Abdul", "Mohammad", "Gul", "Noor", "Mir", "Sayed"),
        suffixes=("ullah", "ulla", "uddin", "udin", "ollah", "oddin"),
        abbreviate=False,
        nicknames=(),
        grandfather_namesake=0.15,
        offices=(
            ("GR-ATH", 10), ("GR-LES", 8), ("GR-THE", 4), ("DE-BER", 10), ("DE-MUC", 8),
            ("TR-IST", 14),
            ("FR-PAR", 6), ("FR-CAL", 5), ("IT-ROM", 4), ("SE-STO", 6),
        ),
        requester_countries=(
            ("ORIGIN", 40), ("Iran", 20), ("Pakistan", 12), ("Germany", 8), ("Turkey", 6),
            ("Sweden", 4), ("United Kingdom", 4), ("Austria", 3), ("France", 3),
        ),
    ),
    Culture(
        key="tigrinya_amharic",
        source="latin",
        convention="chain",
        script="ethiopic",
        origins=(("Eritrea", 0.7), ("Ethiopia", 0.3)),
        family_name_share=0.0,
        compounds=(),
        compound_share=(0.0, 0.0),
        prefixes=(
            "Gebre", "Ghebre", "Wolde", "Welde", "Haile", "Hayle", "Tekle", "Habte", "Tesfa",
            "Lete", "Fre",
        ),
        suffixes=("mariam", "michael", "selassie"),
        abbreviate=True,
        nicknames=(),
        grandfather_namesake=0.05,
        offices=(
            ("IT-ROM", 8), ("IT-SIC", 10), ("UG-KLA", 14), ("KE-NBO", 6), ("DE-BER", 8),
            ("DE-MUC", 5), ("FR-CAL", 5), ("SE-STO", 6), ("GR-ATH", 2),
        ),
        requester_countries=(
            ("ORIGIN", 30), ("Ethiopia", 15), ("Sudan", 12), ("Germany", 8), ("Sweden", 8),
            ("United Kingdom", 6), ("Switzerland", 6), ("Uganda", 5), ("Norway", 4),
        ),
    ),
    Culture(
        key="somali",
        source="latin",
        convention="chain",
        script="arabic",
        origins=(("Somalia", 1.0),),
        family_name_share=0.0,
        compounds=(),
        compound_share=(0.0, 0.0),
        prefixes=("Abdi", "Cabdi", "Abdul", "Cabdul", "Abu"),
        suffixes=(),
        abbreviate=False,
        nicknames=("Dheere", "Yare", "Gaab", "Cade", "Madoobe", "Shiine", "Gaal", "Fiiqow"),
        grandfather_namesake=0.15,
        offices=(
            ("KE-NBO", 12), ("KE-DAD", 14), ("UG-KLA", 10), ("IT-SIC", 6), ("DE-MUC", 5),
            ("SE-STO", 10), ("TR-IST", 3), ("GR-ATH", 3), ("GR-LES", 2),
        ),
        requester_countries=(
            ("ORIGIN", 35), ("Kenya", 15), ("Ethiopia", 10), ("Sweden", 10),
            ("United Kingdom", 10), ("United States", 5), ("Norway", 5), ("Netherlands", 4),
            ("Uganda", 4),
        ),
    ),
    Culture(
        key="ukrainian_russian",
        source="cyrillic",
        convention="slavic",
        script="cyrillic",
        origins=(("Ukraine", 1.0),),
        family_name_share=1.0,
        compounds=(),
        compound_share=(0.0, 0.0),
        prefixes=(),
        suffixes=(),
        abbreviate=False,
        nicknames=(),
        grandfather_namesake=0.0,
        offices=(
            ("PL-WAW", 25), ("PL-PRZ", 20), ("DE-BER", 15), ("DE-MUC", 8), ("IT-ROM", 6),
            ("FR-PAR", 5), ("SE-STO", 4), ("GR-ATH", 2),
        ),
        requester_countries=(
            ("ORIGIN", 60), ("Poland", 12), ("Germany", 10), ("Czechia", 6), ("Italy", 4),
            ("Moldova", 3), ("Romania", 3),
        ),
    ),
    Culture(
        key="west_african",
        source="latin",
        convention="given_family",
        script="",
        origins=(("Guinea", 0.4), ("Mali", 0.25), ("Gambia", 0.2), ("Senegal", 0.15)),
        family_name_share=1.0,
        compounds=(("M", "*", "after"), ("F", "*", "after")),
        compound_share=(0.15, 0.15),
        prefixes=("Abdou", "Abdoul", "El"),
        suffixes=(),
        abbreviate=False,
        nicknames=(),
        grandfather_namesake=0.1,
        offices=(
            ("IT-SIC", 16), ("IT-ROM", 10), ("FR-PAR", 12), ("FR-CAL", 6), ("DE-MUC", 6),
            ("DE-BER", 4), ("GR-ATH", 3),
        ),
        requester_countries=(
            ("ORIGIN", 45), ("Senegal", 10), ("Côte d'Ivoire", 8), ("France", 10),
            ("Spain", 8), ("Italy", 6), ("Gambia", 5), ("Morocco", 5), ("Germany", 3),
        ),
    ),
)  # fmt: skip

CULTURE_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(CULTURES)}

#: A realistic mix of unaccompanied children in Europe and the regions around the routes.
DEFAULT_CULTURE_MIX: tuple[tuple[str, float], ...] = (
    ("dari_pashto", 0.28),
    ("arabic", 0.25),
    ("tigrinya_amharic", 0.12),
    ("ukrainian_russian", 0.12),
    ("west_african", 0.14),
    ("somali", 0.09),
)


def culture_keys() -> tuple[str, ...]:
    """The keys of every known culture, in a fixed order."""
    return tuple(c.key for c in CULTURES)
