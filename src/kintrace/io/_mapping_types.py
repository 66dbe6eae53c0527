"""The mapping types: how to read one export, and the mappings of both record kinds."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kintrace.errors import ConfigError
from kintrace.schema import RecordKind, RecordSchema

__all__ = ["FORMATS", "Format", "Mapping", "TableMapping", "check_canonical", "fold", "nearest"]

Format = Literal["table", "primero"]
FORMATS: tuple[str, ...] = ("table", "primero")
_SPACES = re.compile(r"\s+")


def fold(name: str) -> str:
    """Column-name key for loose matching: case-insensitive, repeated spaces collapsed."""
    return _SPACES.sub(" ", name.strip()).casefold()


def nearest(word: str, valid: Iterable[str]) -> str:
    """`` Did you mean 'x'? Valid: a, b.`` for a message about an unknown ``word``."""
    choices = list(valid)
    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.0)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    return f"{hint} Valid: {', '.join(choices)}."


@dataclass(frozen=True)
class TableMapping:
    """How to read one export: its format options and its column mapping.

    Attributes
    ----------
    format:
        ``"table"`` (one row per record) or ``"primero"`` (a Primero XLSX/CSV export).
    sheet, encoding, delimiter:
        Reader options; ``None`` for the reader's default.
    columns:
        ``(canonical name, (export column, ...))`` pairs; several export columns are joined.
    calendars:
        ``(canonical date column, calendar)`` pairs for dates not written in the Gregorian
        calendar (``"ethiopian"``, ``"solar_hijri"``, ``"lunar_hijri"``).
    date_orders:
        ``(canonical date column, order)`` pairs (``"dmy"``, ``"mdy"``, ``"ymd"``,
        ``"auto"``) for columns whose day/month order is known, over the run's setting.
    """

    format: Format = "table"
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    calendars: tuple[tuple[str, str], ...] = ()
    date_orders: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(
                f"The 'format' of a mapping must be one of {', '.join(FORMATS)}. "
                f"Got '{self.format}' instead."
            )
        for name, sources in self.columns:
            if not isinstance(sources, tuple) or not sources:
                raise ConfigError(
                    f"The columns of '{name}' must be a non-empty tuple of export column names."
                )

    @classmethod
    def from_columns(
        cls, columns: AbcMapping[str, str | Sequence[str]], **options: Any
    ) -> TableMapping:
        """Build a mapping from ``{canonical: export column or [columns]}`` in Python.

        Examples
        --------
        >>> TableMapping.from_columns({"child_id": "case_no"}).sources("child_id")
        ('case_no',)
        """
        pairs = tuple(
            (name, (src,) if isinstance(src, str) else tuple(src)) for name, src in columns.items()
        )
        return cls(columns=pairs, **options)

    @property
    def calendar_of(self) -> dict[str, str]:
        """Calendar of each date column not in the Gregorian one."""
        return dict(self.calendars)

    @property
    def date_order_of(self) -> dict[str, str]:
        """Day/month order of each date column whose order the mapping sets."""
        return dict(self.date_orders)

    @property
    def is_identity(self) -> bool:
        """True when no column is mapped: canonical column names are used as they are."""
        return not self.columns

    def sources(self, canonical: str) -> tuple[str, ...] | None:
        """The export columns mapped to ``canonical``, or ``None`` when it is not mapped."""
        for name, sources in self.columns:
            if name == canonical:
                return sources
        return None


@dataclass(frozen=True)
class Mapping:
    """The mappings of both record kinds, as loaded from one TOML file.

    ``source`` says where it came from (a path, or ``shipped:<name>``), for messages.
    """

    children: TableMapping = field(default_factory=TableMapping)
    requests: TableMapping = field(default_factory=TableMapping)
    source: str | None = None

    @classmethod
    def identity(cls) -> Mapping:
        """The mapping for inputs whose columns already have canonical names."""
        return cls(source="identity")

    def for_kind(self, kind: RecordKind | str) -> TableMapping:
        """The :class:`TableMapping` of ``"children"`` or ``"requests"``."""
        return self.children if RecordKind(kind) is RecordKind.CHILDREN else self.requests


def check_canonical(table_mapping: TableMapping, schema: RecordSchema) -> None:
    """Refuse mapped names that are not canonical fields of ``schema`` (nearest suggested)."""
    for name, _ in table_mapping.columns:
        if name not in schema.names:
            raise ConfigError(
                f"'{name}' is not a canonical column of {schema.kind.value}."
                f"{nearest(name, schema.names)}"
            )
