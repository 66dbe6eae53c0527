"""The block step: blocking rules → candidate pairs, joined by DuckDB.

Comparing every child with every request is quadratic; blocking keeps only pairs that share
something cheap to check (a name key, a date of birth). Several rules are unioned so that one
misspelt field does not lose a true pair. Each pair is counted for the first rule that produced
it, so the per-rule counts add up to the total.
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

from kintrace.blocking.keys import key_table
from kintrace.blocking.rules import BlockingRule, Rule, SharedNameRule

__all__ = ["BlockedPairs", "block"]


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


def _column_rule_sql(rule: BlockingRule, index: int) -> list[str]:
    return [f"INSERT INTO raw SELECT l._i, r._i, {index} FROM l JOIN r ON {rule.condition()}"]


def _name_rule_sql(rule: SharedNameRule, index: int) -> list[str]:
    """Statements that add the pairs of one :class:`SharedNameRule` to ``raw``.

    Each child key row is used at the first step whose block is small enough: the key alone
    (only without a required birth-year window), then key and birth-year bucket, then key,
    bucket and sex. Request rows are spread over the buckets within the window, so every join
    is an equality join on small blocks, never a range join over a common key.
    """
    lk, rk, m = f"lk{index}", f"rk{index}", int(rule.max_block)
    spread = int(np.ceil(rule.window))
    # Both dates to the day: the tighter window (SharedNameRule.exact_birth_year_within).
    close = (
        f"abs(l.yr - r.yr) <= CASE WHEN l.ex AND r.ex "
        f"THEN {float(rule.exact_window)!r} ELSE {float(rule.window)!r} END"
    )
    statements = [
        f"CREATE TEMP TABLE {lk}s AS SELECT k, count(*) AS n FROM {lk} GROUP BY k",
        f"CREATE TEMP TABLE {lk}y AS SELECT k, y, count(*) AS n FROM {lk} "
        "WHERE y IS NOT NULL GROUP BY k, y",
        f"CREATE TEMP TABLE {lk}x AS SELECT k, y, sx, count(*) AS n FROM {lk} "
        "WHERE y IS NOT NULL AND sx IS NOT NULL GROUP BY k, y, sx",
        f"CREATE TEMP TABLE {rk}e AS SELECT r.i, r.k, r.yr, r.sx, r.ex, r.y + d AS y FROM {rk} r, "
        f"range({-spread}, {spread + 1}) t(d) WHERE r.y IS NOT NULL",
    ]
    # SharedNameRule.same_sex: known sexes must agree (the other steps join on sex anyway).
    sexes = " AND (l.sx = r.sx OR l.sx IS NULL OR r.sx IS NULL)" if rule.same_sex else ""
    whole = f"s.n <= {m}{sexes}"
    by_year = f"ly.n <= {m}{sexes}"
    if rule.birth_year_within is None:
        statements.append(
            f"INSERT INTO raw SELECT l.i, r.i, {index} FROM {lk} l JOIN {lk}s s USING (k) "
            f"JOIN {rk} r USING (k) WHERE {whole}"
        )
        year_step = f"s.n > {m} AND {by_year}"
    else:
        year_step = by_year
    statements.append(
        f"INSERT INTO raw SELECT l.i, r.i, {index} FROM {lk} l JOIN {lk}s s USING (k) "
        f"JOIN {lk}y ly ON ly.k = l.k AND ly.y = l.y "
        f"JOIN {rk}e r ON r.k = l.k AND r.y = l.y "
        f"WHERE {year_step} AND {close}"
    )
    if rule.birth_year_within is None:
        statements.extend(_missing_year_sql(rule, index))
    elif rule.without_year_block:
        # A required window would leave year-less requests out: a small block of the key's
        # children of their sex instead (SharedNameRule.without_year_block).
        statements.extend(
            _year_less_requests_sql(index, int(rule.without_year_block), only_too_big=None)
        )
    if rule.narrow_by_sex:
        # Still too big by year (so too big as a whole): narrow by sex as well.
        statements.append(
            f"INSERT INTO raw SELECT l.i, r.i, {index} FROM {lk} l "
            f"JOIN {lk}y ly ON ly.k = l.k AND ly.y = l.y "
            f"JOIN {lk}x lx ON lx.k = l.k AND lx.y = l.y AND lx.sx = l.sx "
            f"JOIN {rk}e r ON r.k = l.k AND r.y = l.y AND r.sx = l.sx "
            f"WHERE ly.n > {m} AND lx.n <= {m} AND {close}"
        )
    return statements


_SAME_SEX = "(r.sx = l.sx OR r.sx IS NULL OR l.sx IS NULL)"


def _year_less_requests_sql(index: int, limit: int, only_too_big: int | None) -> list[str]:
    """Requests without a birth year: the key's children of the request's sex (all of the
    key's children when the request gives no sex), when they number at most ``limit``; with
    ``only_too_big``, only for keys holding more children than that (smaller keys met the
    request whole already)."""
    lk, rk = f"lk{index}", f"rk{index}"
    too_big = "" if only_too_big is None else f" AND s.n > {only_too_big}"
    return [
        f"CREATE TEMP TABLE {lk}z AS SELECT k, sx, count(*) AS n FROM {lk} "
        "WHERE sx IS NOT NULL GROUP BY k, sx",
        f"INSERT INTO raw SELECT l.i, r.i, {index} FROM {rk} r JOIN {lk}s s USING (k) "
        f"JOIN {lk} l ON l.k = r.k AND {_SAME_SEX} "
        f"LEFT JOIN {lk}z z ON z.k = r.k AND z.sx = r.sx "
        f"WHERE r.y IS NULL{too_big} AND coalesce(z.n, s.n) <= {limit}",
    ]


def _missing_year_sql(rule: SharedNameRule, index: int) -> list[str]:
    """Pairs of a key too big as a whole where one side has no birth year (a tenth of
    requests give none): narrowed by sex instead, within the rule's budget.

    A request without a year meets the key's children of its sex when they number at most
    ``missing_year_block``; a child without a year meets the key's requests of its sex when
    the key's year-less children of that sex number at most ``max_block``, so no request gets
    more than that from this step.
    """
    lk, rk, m = f"lk{index}", f"rk{index}", int(rule.max_block)
    wide = int(rule.missing_year_block) or 2 * m
    return [
        *_year_less_requests_sql(index, wide, only_too_big=m),
        f"CREATE TEMP TABLE {lk}u AS SELECT k, sx, count(*) AS n FROM {lk} "
        "WHERE y IS NULL GROUP BY k, sx",
        # Children without a year: the key's requests of the child's sex.
        f"INSERT INTO raw SELECT l.i, r.i, {index} FROM {lk} l JOIN {lk}s s USING (k) "
        f"JOIN {lk}u u ON u.k = l.k AND u.sx IS NOT DISTINCT FROM l.sx "
        f"JOIN {rk} r ON r.k = l.k AND {_SAME_SEX} "
        f"WHERE l.y IS NULL AND r.y IS NOT NULL AND s.n > {m} AND u.n <= {m}",
    ]


def _register_keys(
    connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, kind: str
) -> None:
    table = key_table(frame, kind)
    connection.register(f"{name}_arrow", table)
    connection.execute(
        f"CREATE TEMP TABLE {name} AS SELECT i, k, yr, sx, ex, "
        f"CAST(floor(yr) AS INTEGER) AS y FROM {name}_arrow"
    )
    connection.unregister(f"{name}_arrow")


def block(
    children: pd.DataFrame,
    requests: pd.DataFrame,
    rules: Sequence[Rule],
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
    column_rules = [r for r in rules if isinstance(r, BlockingRule)]
    left_columns = [c for rule in column_rules for c in rule.columns()[0]]
    right_columns = [c for rule in column_rules for c in rule.columns()[1]]
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
    # Every rule's pairs go to ``raw``; one GROUP BY then keeps each pair once, for the first
    # rule that produced it.
    connection.execute("CREATE TEMP TABLE raw (li INTEGER, ri INTEGER, rule SMALLINT)")
    for index, rule in enumerate(rules):
        if isinstance(rule, BlockingRule):
            statements = _column_rule_sql(rule, index)
        else:
            _register_keys(connection, f"lk{index}", children, rule.keys)
            _register_keys(connection, f"rk{index}", requests, rule.keys)
            statements = _name_rule_sql(rule, index)
        for statement in statements:
            connection.execute(statement)
    connection.execute(
        "CREATE TEMP TABLE pairs AS SELECT li, ri, min(rule) AS rule FROM raw GROUP BY li, ri"
    )
    connection.execute("DROP TABLE raw")
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and blocks the next query.
    rows = connection.execute("SELECT rule, count(*) FROM pairs GROUP BY rule").fetchall()
    by_index = {int(rule): int(count) for rule, count in rows}
    counts = {rule.name: by_index.get(index, 0) for index, rule in enumerate(rules)}
    total = sum(counts.values())
    return BlockedPairs(connection=connection, n_pairs=total, pairs_per_rule=counts)
