"""Load the name and place tables shipped in ``kintrace/synth/data`` (see its README).

Two kinds of name table exist. Latin-source tables (Arabic, Dari/Pashto, Tigrinya/Amharic,
Somali, West African) give a canonical Latin form, a weight, the native-script form and the
romanisation variants people use. The Ukrainian/Russian tables are Cyrillic-source: each name
in its Ukrainian and its Russian form, romanised at build time by every system in
:mod:`._translit`, with patronymic forms where the regular rule does not apply.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kintrace.errors import ConfigError

__all__ = [
    "CyrillicFamily",
    "CyrillicGiven",
    "LatinName",
    "OriginPlace",
    "SeparationPlace",
    "cyrillic_family",
    "cyrillic_given",
    "latin_family",
    "latin_given",
    "origin_places",
    "separation_places",
]


@dataclass(frozen=True)
class LatinName:
    """One row of a Latin-source table: a given name (``sex`` M/F) or a family name (``""``)."""

    sex: str
    name: str
    weight: float
    native: str
    variants: tuple[str, ...]
    nicknames: tuple[str, ...]


@dataclass(frozen=True)
class CyrillicGiven:
    """A Ukrainian given name with its Russian form and irregular patronymics (m, f)."""

    sex: str
    uk: str
    ru: str
    weight: float
    uk_patronymic: tuple[str, str] | None
    ru_patronymic: tuple[str, str] | None
    nicknames: tuple[str, ...]


@dataclass(frozen=True)
class CyrillicFamily:
    """A surname in its Ukrainian and Russian masculine forms."""

    uk: str
    ru: str
    weight: float


@dataclass(frozen=True)
class OriginPlace:
    """A town of origin: country, name, native-script form, spelling variants."""

    country: str
    name: str
    native: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class SeparationPlace:
    """A place on a culture's migration route where families are separated."""

    culture: str
    name: str
    variants: tuple[str, ...]


def _rows(filename: str) -> list[dict[str, str]]:
    resource = resources.files("kintrace.synth").joinpath("data").joinpath(filename)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # a broken install, not a user error
        raise ConfigError(f"the generator's table {filename!r} is missing") from exc
    return list(csv.DictReader(io.StringIO(text)))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _pair(cell: str, filename: str, line: int) -> tuple[str, str] | None:
    parts = _split(cell)
    if not parts:
        return None
    if len(parts) != 2:
        raise ConfigError(f"{filename} row {line}: a patronymic needs 'masculine|feminine'")
    return parts[0], parts[1]


@cache
def latin_given(culture: str) -> tuple[LatinName, ...]:
    """The given-name table of a Latin-source culture, both sexes, in file order."""
    return tuple(
        LatinName(
            sex=row["sex"],
            name=row["name"],
            weight=float(row["weight"]),
            native=row["native"],
            variants=_split(row["variants"]),
            nicknames=_split(row["nicknames"]),
        )
        for row in _rows(f"given_{culture}.csv")
    )


@cache
def latin_family(culture: str) -> tuple[LatinName, ...]:
    """The family-name table of a Latin-source culture, in file order."""
    return tuple(
        LatinName(
            sex="",
            name=row["name"],
            weight=float(row["weight"]),
            native=row["native"],
            variants=_split(row["variants"]),
            nicknames=(),
        )
        for row in _rows(f"family_{culture}.csv")
    )


@cache
def cyrillic_given(culture: str) -> tuple[CyrillicGiven, ...]:
    """The given-name table of a Cyrillic-source culture."""
    filename = f"given_{culture}.csv"
    return tuple(
        CyrillicGiven(
            sex=row["sex"],
            uk=row["uk"],
            ru=row["ru"],
            weight=float(row["weight"]),
            uk_patronymic=_pair(row["uk_patronymic"], filename, i + 2),
            ru_patronymic=_pair(row["ru_patronymic"], filename, i + 2),
            nicknames=_split(row["nicknames"]),
        )
        for i, row in enumerate(_rows(filename))
    )


@cache
def cyrillic_family(culture: str) -> tuple[CyrillicFamily, ...]:
    """The surname table of a Cyrillic-source culture (masculine forms)."""
    return tuple(
        CyrillicFamily(uk=row["uk"], ru=row["ru"], weight=float(row["weight"]))
        for row in _rows(f"family_{culture}.csv")
    )


@cache
def origin_places() -> tuple[OriginPlace, ...]:
    """Towns of origin for every origin country."""
    return tuple(
        OriginPlace(row["country"], row["name"], row["native"], _split(row["variants"]))
        for row in _rows("origin_places.csv")
    )


@cache
def separation_places() -> tuple[SeparationPlace, ...]:
    """Separation places along each culture's routes."""
    return tuple(
        SeparationPlace(row["culture"], row["name"], _split(row["variants"]))
        for row in _rows("separation_places.csv")
    )
