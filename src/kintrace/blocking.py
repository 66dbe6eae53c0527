"""The block step: blocking rules → candidate pairs, joined by DuckDB.

Comparing every child with every request is quadratic; blocking keeps only pairs that share
something cheap to check (a phonetic key, a birth-year window). Several rules are unioned so
that one misspelt field does not lose a true pair. Each rule counts only the pairs the rules
before it did not already produce, so the per-rule counts add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["BlockedPairs", "BlockingRule", "block", "block_on", "default_blocking_rules"]


@dataclass(frozen=True)
class BlockingRule:
    """Pairs whose columns are equal (and birth years close, when set) become candidates.

    Parameters
    ----------
    name:
        Shown in the per-rule pair counts.
    on:
        ``(children column, requests column)`` pairs of standard columns that must be equal.
        A column pair such as ``("given_key", "family_key")`` catches swapped name order.
    birth_year_within:
        When set, estimated birth years must also be known and at most this many years apart.
    unless_missing:
        Columns that must be equal where both sides have a value; a missing value does not
        keep a pair out (a registry without a sex column still blocks on the rest).
    """

    name: str
    on: tuple[tuple[str, str], ...]
    birth_year_within: float | None = None
    unless_missing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.on:
            raise ValueError(f"Blocking rule {self.name!r} needs at least one column to join on.")
        if self.birth_year_within is not None and self.birth_year_within < 0:
            raise ValueError(
                "The 'birth_year_within' parameter of BlockingRule must be a number >= 0. "
                f"Got {self.birth_year_within!r} instead."
            )

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        left = tuple(a for a, _ in self.on)
        right = tuple(b for _, b in self.on)
        if self.birth_year_within is not None:
            left, right = (*left, "birth_year"), (*right, "birth_year")
        return (*left, *self.unless_missing), (*right, *self.unless_missing)

    def condition(self) -> str:
        """The rule as a SQL join condition over tables ``l`` and ``r``."""
        parts = [f'l."{a}" = r."{b}"' for a, b in self.on]
        if self.birth_year_within is not None:
            parts.append(f"abs(l.birth_year - r.birth_year) <= {float(self.birth_year_within)!r}")
        parts.extend(
            f'(l."{c}" = r."{c}" OR l."{c}" IS NULL OR r."{c}" IS NULL)'
            for c in self.unless_missing
        )
        return " AND ".join(parts)


def block_on(
    *columns: str,
    birth_year_within: float | None = None,
    unless_missing: tuple[str, ...] = (),
    name: str = "",
) -> BlockingRule:
    """A rule joining each column with the same column on the other side."""
    label = name or " + ".join(columns) + (
        f" + birth year ±{birth_year_within:g}" if birth_year_within is not None else ""
    )
    return BlockingRule(
        name=label,
        on=tuple((c, c) for c in columns),
        birth_year_within=birth_year_within,
        unless_missing=unless_missing,
    )


def default_blocking_rules() -> tuple[BlockingRule, ...]:
    """Rules that keep a true pair when any one of names, name order or dates is off.

    Measured on 20,000 generated children, the union holds 76% of the true pairs; the last
    two rules add 7 points of that for 23,000 pairs.
    """
    return (
        block_on("given_key", "family_key", name="given + family name sound alike"),
        block_on("given_key", "middle_key", name="given + second name sound alike"),
        block_on(
            "given_key", birth_year_within=2, name="given name sounds alike, born within 2 years"
        ),
        block_on(
            "family_key",
            birth_year_within=2,
            unless_missing=("sex",),
            name="family name sounds alike, same sex, born within 2 years",
        ),
        BlockingRule(
            name="given and family names swapped",
            on=(("given_key", "family_key"), ("family_key", "given_key")),
        ),
        block_on("given", "father", name="same given name and father's name"),
        # Two rules that need no name of the child: they keep pairs whose names are written
        # in different scripts or spellings when the date of birth or the parents agree.
        block_on("dob", unless_missing=("sex",), name="same date of birth and sex"),
        block_on("father", "mother", name="same father's and mother's names"),
    )


@dataclass
class BlockedPairs:
    """Candidate pairs held by DuckDB, read back in chunks of row positions."""

    connection: duckdb.DuckDBPyConnection
    n_pairs: int
    pairs_per_rule: dict[str, int]

    def chunks(self, chunk_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(children positions, requests positions) in a deterministic order."""
        relation = self.connection.sql("SELECT li, ri FROM pairs ORDER BY ri, li")
        # DuckDB 2 renamed fetch_arrow_reader to to_arrow_reader; take whichever exists.
        reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        for record_batch in reader(chunk_size):
            yield (
                record_batch.column(0).to_numpy().astype(np.int64),
                record_batch.column(1).to_numpy().astype(np.int64),
            )

    def close(self) -> None:
        self.connection.close()


def _arrow(frame: pd.DataFrame, columns: Sequence[str]) -> pa.Table:
    data = {"_i": pa.array(np.arange(len(frame), dtype=np.int32))}
    for column in dict.fromkeys(columns):
        values = frame[column]
        if column == "birth_year":
            data[column] = pa.array(values.to_numpy(dtype=float), from_pandas=True)
        else:
            data[column] = pa.array(
                values.to_numpy(dtype=object), type=pa.string(), from_pandas=True
            )
    return pa.table(data)


def block(
    children: pd.DataFrame,
    requests: pd.DataFrame,
    rules: Sequence[BlockingRule],
    *,
    threads: int = 2,
    memory_limit: str = "2GB",
    temp_directory: Path | None = None,
) -> BlockedPairs:
    """Apply every rule and keep the union of their pairs (each pair once).

    ``children`` and ``requests`` are standard tables' frames; positions in the returned pairs
    are row positions in them. DuckDB keeps the pairs within ``memory_limit`` and spills the
    rest to ``temp_directory``.
    """
    if not rules:
        raise ValueError("At least one blocking rule is needed.")
    left_columns = [c for rule in rules for c in rule.columns()[0]]
    right_columns = [c for rule in rules for c in rule.columns()[1]]
    config: dict[str, Any] = {"threads": threads, "memory_limit": memory_limit}
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    connection = duckdb.connect(config=config)
    connection.register("l_arrow", _arrow(children, left_columns))
    connection.register("r_arrow", _arrow(requests, right_columns))
    connection.execute("CREATE TEMP TABLE l AS SELECT * FROM l_arrow")
    connection.execute("CREATE TEMP TABLE r AS SELECT * FROM r_arrow")
    connection.unregister("l_arrow")
    connection.unregister("r_arrow")
    connection.execute("CREATE TEMP TABLE pairs (li INTEGER, ri INTEGER, rule SMALLINT)")
    counts: dict[str, int] = {}
    earlier: list[str] = []
    for index, rule in enumerate(rules):
        condition = rule.condition()
        # A pair an earlier rule produced is not produced again: the union, counted per rule.
        exclude = "".join(f" AND NOT coalesce(({c}), false)" for c in earlier)
        connection.execute(
            f"INSERT INTO pairs SELECT l._i, r._i, {index} FROM l JOIN r ON {condition}"
            f" WHERE true{exclude}"
        )
        # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and blocks the next query.
        rows = connection.execute("SELECT count(*) FROM pairs WHERE rule = ?", [index]).fetchall()
        counts[rule.name] = int(rows[0][0])
        earlier.append(condition)
    total = sum(counts.values())
    return BlockedPairs(connection=connection, n_pairs=total, pairs_per_rule=counts)
