"""Generate a large data set in batches of families, streaming each batch to disk.

One batch is an ordinary :func:`~kintrace.synth.generate` run with its own seed (spawned from
the configuration's seed), so memory is bounded by the batch, not the data set. Its ids are
shifted past the batches before it, so that ids stay unique across the whole set. Cousins and
duplicate registrations stay within a batch: with batches of 100,000 children that is no
visible difference. A configuration no larger than one batch gives exactly what
:func:`~kintrace.synth.write` gives for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kintrace.errors import ConfigError, OutputError
from kintrace.synth._config import SynthConfig
from kintrace.synth._generate import SynthData, generate
from kintrace.synth._write import _TRUTH, EXPORT_COLUMNS, prepare_targets, write

__all__ = ["write_stream"]

# Which id columns of which table carry which kind of id.
_ID_COLUMNS: dict[str, dict[str, str]] = {
    "children": {"child_id": "child"},
    "requests": {"request_id": "request", "sought_id": "request"},
    "links": {"request_id": "request", "sought_id": "request", "child_id": "child"},
    "duplicates": {"child_id_a": "child", "child_id_b": "child"},
    "families": {"family_id": "family", "record_id": "record"},
    "records": {"record_id": "record", "family_id": "family", "person_id": "person"},
}
_ID_SHAPE = r"^([A-Z]+)(\d+)(-\d+)?$"


def _batches(config: SynthConfig, batch_children: int) -> Iterator[SynthConfig]:
    sizes = [batch_children] * (config.n_children // batch_children)
    if config.n_children % batch_children:
        sizes.append(config.n_children % batch_children)
    if len(sizes) == 1:
        yield config
        return
    seeds = np.random.SeedSequence(config.seed).spawn(len(sizes))
    for size, seed in zip(sizes, seeds, strict=True):
        batch_seed = int(seed.generate_state(1, dtype=np.uint32)[0])
        yield dataclasses.replace(config, n_children=size, seed=batch_seed)


def _shift(values: pd.Series, offsets: dict[str, int], width: int) -> pd.Series:
    """``C000012`` → ``C{offset + 12:0{width}d}``; a ``-k`` suffix is kept."""
    present = values.notna()
    parts = values[present].astype(str).str.extract(_ID_SHAPE)
    prefix, number, suffix = parts[0], parts[1].astype(np.int64), parts[2].fillna("")
    offset = prefix.map(offsets).fillna(0).astype(np.int64)
    shifted = [
        f"{p}{n:0{width}d}{s}"
        for p, n, s in zip(prefix, (number + offset).tolist(), suffix, strict=True)
    ]
    out = values.astype(object).copy()
    out[present] = shifted
    return out


def _renumber(data: SynthData, offsets: dict[str, int], width: int) -> dict[str, pd.DataFrame]:
    """Every table of a batch with its ids moved past the earlier batches."""
    # A record id is a child id ("C…") or a request's sought id ("TR…-k").
    by_prefix = {
        "C": offsets["child"],
        "TR": offsets["request"],
        "F": offsets["family"],
        "P": offsets["person"],
    }
    tables = {
        "children": data.children,
        "requests": data.requests,
        "links": data.links,
        "duplicates": data.duplicates,
        "families": data.families,
        "records": data.records,
    }
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in _ID_COLUMNS[name]:
            frame[column] = _shift(frame[column], by_prefix, width)
        out[name] = frame
    return out


def write_stream(
    config: SynthConfig,
    out_dir: Path | str,
    *,
    batch_children: int = 100_000,
    fmt: Literal["csv", "parquet"] = "parquet",
    column_style: Literal["canonical", "export"] = "canonical",
    overwrite: bool = False,
) -> list[Path]:
    """Generate ``config`` batch by batch and append each batch to the output files.

    Parameters
    ----------
    config:
        What to generate (``n_children`` may be millions).
    out_dir:
        Directory to write into; created if missing.
    batch_children:
        Children per batch: bounds memory (100,000 ≈ 400 MB).
    fmt, column_style, overwrite:
        As for :func:`~kintrace.synth.write`.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    if batch_children < 1:
        raise ConfigError(
            "The 'batch_children' parameter of write_stream must be an int >= 1. "
            f"Got {batch_children!r} instead."
        )
    if config.n_children <= batch_children:
        return write(
            generate(config), out_dir, fmt=fmt, column_style=column_style, overwrite=overwrite
        )
    out, files = prepare_targets(out_dir, fmt, column_style, overwrite)
    out.mkdir(parents=True, exist_ok=True)
    width = max(6, len(str(config.n_children * 3)))
    offsets = {"child": 0, "request": 0, "family": 0, "person": 0}
    writers: dict[str, pq.ParquetWriter] = {}
    first = True
    try:
        for batch in _batches(config, batch_children):
            data = generate(batch)
            tables = _renumber(data, offsets, width)
            for kind in ("children", "requests"):
                frame = tables[kind]
                if column_style == "export":
                    frame = frame.rename(columns=EXPORT_COLUMNS[kind])
                path = out / f"{kind}.{fmt}"
                if fmt == "parquet":
                    table = pa.Table.from_pandas(frame.astype(object), preserve_index=False)
                    table = table.cast(pa.schema([(c, pa.string()) for c in frame.columns]))
                    if kind not in writers:
                        writers[kind] = pq.ParquetWriter(path, table.schema)
                    writers[kind].write_table(table)
                else:
                    frame.to_csv(
                        path,
                        index=False,
                        header=first,
                        mode="w" if first else "a",
                        encoding="utf-8",
                        lineterminator="\n",
                    )
            for name in _TRUTH:
                tables[name].to_csv(
                    out / f"truth_{name}.csv",
                    index=False,
                    header=first,
                    mode="w" if first else "a",
                    encoding="utf-8",
                    lineterminator="\n",
                )
            # Past the largest id of the batch: no id of a later batch can meet one of it.
            offsets["child"] += _max_number(data.children["child_id"])
            offsets["request"] += _max_number(data.requests["request_id"])
            offsets["family"] += _max_number(data.records["family_id"])
            offsets["person"] += _max_number(data.records["person_id"])
            first = False
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the generated data ({exc.strerror}).") from exc
    finally:
        for writer in writers.values():
            writer.close()
    return files


def _max_number(values: pd.Series) -> int:
    """The largest number in ids such as ``P000123`` (ids of a batch count from 1)."""
    numbers = values.dropna().astype(str).str.extract(_ID_SHAPE)[1].astype(np.int64)
    return int(numbers.max()) if len(numbers) else 0
