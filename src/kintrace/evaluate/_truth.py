"""Ground truth for an evaluation: the truth tables the generator writes, read and checked.

The truth is about *pairs*: ``truth_links.csv`` lists every true (sought row, child record)
pair -- a sought child registered twice has two rows. ``truth_records.csv`` says for each
record its naming culture and, for a request row, the requester's relation; the breakdowns
read it. The other two tables (duplicates, families) are loaded when present, for callers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kintrace.errors import ConfigError, ReadError
from kintrace.values import parse_flag

__all__ = ["Truth", "findable_children_from", "load_truth", "resolve_findable"]

LINK_COLUMNS = ("sought_id", "child_id")
RECORD_COLUMNS = ("kind", "record_id", "culture", "requester_relation")


@dataclass(frozen=True)
class Truth:
    """The truth tables of a generated data set.

    Attributes
    ----------
    links:
        One row per true pair: ``request_id`` (when known), ``sought_id``, ``child_id``.
    records:
        One row per record: ``kind`` (``child``/``request``), ``record_id``, ``culture``,
        ``requester_relation`` and more; ``None`` when the file is absent.
    duplicates:
        Children registered twice (``child_id_a``, ``child_id_b``); ``None`` when absent.
    families:
        ``family_id``, ``kind``, ``record_id``; ``None`` when absent.
    """

    links: pd.DataFrame
    records: pd.DataFrame | None = None
    duplicates: pd.DataFrame | None = None
    families: pd.DataFrame | None = None


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ReadError(f"cannot read the truth table ({type(exc).__name__})", path=path) from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ReadError(
            f"truth table lacks column(s) {', '.join(missing)}; "
            f"found {', '.join(map(str, frame.columns))}",
            path=path,
        )
    # Empty cells are "no value": keep them as None so groupings show them as missing.
    return frame.replace("", None)


def load_truth(directory: Path | str) -> Truth:
    """Read the truth tables written by :mod:`kintrace.synth` from ``directory``.

    Parameters
    ----------
    directory:
        Folder holding ``truth_links.csv`` (required) and, when present,
        ``truth_records.csv``, ``truth_duplicates.csv`` and ``truth_families.csv``.

    Returns
    -------
    Truth
        The tables as text columns.

    Raises
    ------
    ReadError
        If ``truth_links.csv`` is missing, or a table cannot be read or lacks a column.
    """
    folder = Path(directory)
    links_path = folder / "truth_links.csv"
    if not links_path.is_file():
        raise ReadError("no truth_links.csv in this folder", path=folder)
    optional: dict[str, pd.DataFrame | None] = {}
    for name, required in (
        ("records", RECORD_COLUMNS),
        ("duplicates", ("child_id_a", "child_id_b")),
        ("families", ("family_id", "kind", "record_id")),
    ):
        path = folder / f"truth_{name}.csv"
        optional[name] = _read(path, required) if path.is_file() else None
    return Truth(links=_read(links_path, LINK_COLUMNS), **optional)


def findable_children_from(
    children: pd.DataFrame,
    *,
    id_column: str = "child_id",
    consent_column: str = "consent_for_tracing",
) -> frozenset[str]:
    """The ids of children a default match run compares: those with consent for tracing.

    Parameters
    ----------
    children:
        The children registry (any column names; name them with ``id_column`` and
        ``consent_column``).
    id_column, consent_column:
        Column names of the child id and the consent flag. Consent is read as kintrace's
        match step reads it: only a "yes" (in any language kintrace knows) counts, so blank
        and unreadable answers leave a child out, as they do in matching.

    Returns
    -------
    frozenset of str
        Ids of children with consent. Every child when the consent column is absent, as a
        match run then compares every child.

    Raises
    ------
    ConfigError
        If ``id_column`` is not a column of ``children``.
    """
    if id_column not in children.columns:
        raise ConfigError(
            f"The 'id_column' parameter of findable_children_from must name a column of the "
            f"children frame. Got {id_column!r} instead."
        )
    ids = children[id_column].astype(str)
    if consent_column not in children.columns:
        return frozenset(ids)
    consent = parse_flag(children[consent_column].astype(object)).values
    keep = (consent == True).to_numpy(dtype=bool)  # noqa: E712  (None counts as no consent)
    return frozenset(ids[keep])


def resolve_findable(
    findable_children: Collection[str] | pd.DataFrame | None,
) -> frozenset[str] | None:
    """Ids from the ``findable_children`` argument of :func:`evaluate`; ``None`` for all."""
    if findable_children is None:
        return None
    if isinstance(findable_children, pd.DataFrame):
        return findable_children_from(findable_children)
    if isinstance(findable_children, str):
        raise ConfigError(
            "The 'findable_children' parameter of evaluate must be a collection of child ids "
            "or a children frame. Got a single string instead."
        )
    return frozenset(str(i) for i in findable_children)
