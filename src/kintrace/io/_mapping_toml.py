"""Loading mappings from TOML: one loader, unknown keys refused with the nearest valid key."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from kintrace.dates import Calendar, DayMonthOrder
from kintrace.errors import ConfigError
from kintrace.io._mapping_types import FORMATS, Mapping, TableMapping, nearest
from kintrace.schema import FieldKind, RecordKind, schema_for

__all__ = ["list_shipped_mappings", "load_mapping", "parse_mapping"]

_SECTION_KEYS: tuple[str, ...] = (
    "format",
    "sheet",
    "encoding",
    "delimiter",
    "columns",
    "calendars",
    "date_order",
)
_CALENDARS: tuple[str, ...] = tuple(c.value for c in Calendar)
_ORDERS: tuple[str, ...] = tuple(o.value for o in DayMonthOrder)
_KINDS: tuple[str, ...] = tuple(k.value for k in RecordKind)


def _type_name(value: object) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}.get(
        type(value), "a table" if isinstance(value, dict) else "a list"
    )


def _option(section: dict[str, Any], key: str, where: str, source: str) -> str | None:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError(
            f"'{key}' in [{where}] must be a non-empty string. Got {_type_name(value)} instead.",
            path=source,
        )
    return value


def _columns(raw: Any, kind: str, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    where = f"{kind}.columns"
    if not isinstance(raw, dict):
        raise ConfigError(
            f"[{where}] must be a table of canonical name = export column. "
            f"Got {_type_name(raw)} instead.",
            path=source,
        )
    names = schema_for(kind).names
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for name, value in raw.items():
        if name not in names:
            raise ConfigError(
                f"unknown canonical column '{name}' in [{where}].{nearest(name, names)}",
                path=source,
            )
        if isinstance(value, str) and value.strip():
            pairs.append((name, (value.strip(),)))
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            pairs.append((name, tuple(v.strip() for v in value)))
        else:
            raise ConfigError(
                f"'{name}' in [{where}] must be an export column name or a non-empty list of "
                f"them. Got {_type_name(value)} instead.",
                path=source,
            )
    return tuple(pairs)


def _per_date_column(
    raw: Any, kind: str, source: str, section: str, what: str, choices: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """A ``[kind.section]`` table of canonical date column = one of ``choices``."""
    where = f"{kind}.{section}"
    if not isinstance(raw, dict):
        raise ConfigError(
            f"[{where}] must be a table of canonical date column = {what}. "
            f"Got {_type_name(raw)} instead.",
            path=source,
        )
    dates = tuple(f.name for f in schema_for(kind).fields if f.kind is FieldKind.DATE)
    pairs: list[tuple[str, str]] = []
    for name, value in raw.items():
        if name not in dates:
            raise ConfigError(
                f"'{name}' in [{where}] is not a date column.{nearest(name, dates)}", path=source
            )
        if not isinstance(value, str) or value not in choices:
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            raise ConfigError(
                f"'{name}' in [{where}] must be {what}.{nearest(str(value), choices)} "
                f"Got {shown} instead.",
                path=source,
            )
        pairs.append((name, value))
    return tuple(pairs)


def _table_mapping(raw: Any, kind: str, source: str) -> TableMapping:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{kind}] must be a table. Got {_type_name(raw)} instead.", path=source)
    for key in raw:
        if key not in _SECTION_KEYS:
            raise ConfigError(
                f"unknown key '{key}' in [{kind}].{nearest(key, _SECTION_KEYS)}", path=source
            )
    fmt = _option(raw, "format", kind, source) or "table"
    if fmt not in FORMATS:
        raise ConfigError(
            f"'format' in [{kind}] must be one of {', '.join(FORMATS)}. Got '{fmt}' instead.",
            path=source,
        )
    return TableMapping(
        format="primero" if fmt == "primero" else "table",
        sheet=_option(raw, "sheet", kind, source),
        encoding=_option(raw, "encoding", kind, source),
        delimiter=_option(raw, "delimiter", kind, source),
        columns=_columns(raw.get("columns", {}), kind, source),
        calendars=_per_date_column(
            raw.get("calendars", {}), kind, source, "calendars", "a calendar", _CALENDARS
        ),
        date_orders=_per_date_column(
            raw.get("date_order", {}), kind, source, "date_order", "a day/month order", _ORDERS
        ),
    )


def parse_mapping(text: str, *, source: str = "<string>") -> Mapping:
    """Parse the text of a mapping file; ``source`` names it in error messages.

    Raises
    ------
    ConfigError
        Invalid TOML, an unknown key or canonical name (with the nearest valid one), or a
        value of the wrong type.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=source) from None
    for key in data:
        if key not in _KINDS:
            raise ConfigError(f"unknown section [{key}].{nearest(key, _KINDS)}", path=source)
    return Mapping(
        children=_table_mapping(data.get("children", {}), "children", source),
        requests=_table_mapping(data.get("requests", {}), "requests", source),
        source=source,
    )


def list_shipped_mappings() -> tuple[str, ...]:
    """Names of the mappings shipped with kintrace, for :func:`load_mapping`."""
    folder = resources.files("kintrace.mappings")
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def load_mapping(path_or_name: str | Path) -> Mapping:
    """Load a mapping file, or a shipped mapping by name.

    Parameters
    ----------
    path_or_name:
        A path to a ``.toml`` file, or the name (no suffix) of a shipped mapping, such as
        ``"primero"``.

    Raises
    ------
    ConfigError
        The file or shipped mapping does not exist, or its content is invalid.

    Examples
    --------
    >>> load_mapping("primero").children.format
    'primero'
    """
    if (
        isinstance(path_or_name, str)
        and not Path(path_or_name).suffix
        and not any(sep in path_or_name for sep in "/\\")
    ):
        shipped = list_shipped_mappings()
        if path_or_name not in shipped:
            raise ConfigError(
                f"no shipped mapping named '{path_or_name}'.{nearest(path_or_name, shipped)} "
                "To load your own mapping, give the path of its .toml file."
            )
        resource = resources.files("kintrace.mappings").joinpath(f"{path_or_name}.toml")
        return parse_mapping(resource.read_text(encoding="utf-8"), source=f"shipped:{path_or_name}")
    path = Path(path_or_name)
    if not path.is_file():
        raise ConfigError("no such mapping file. Check the path.", path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"a mapping file must be UTF-8; byte {exc.start} is not. Save it as UTF-8.",
            path=path,
        ) from None
    return parse_mapping(text, source=str(path))
