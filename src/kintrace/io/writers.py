"""Writing a run's results: candidates (CSV and Parquet), the run report and the model.

Files are written to temporary names in the output directory and renamed into place only when
every one of them is complete, so a failed run leaves no half-written results behind. CSV text
cells that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab/CR before
them) are written with a leading apostrophe.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pandas.api.types import is_object_dtype, is_string_dtype

from kintrace.errors import OutputError

__all__ = ["OUTPUT_FILES", "defuse_formulas", "write_results"]

OUTPUT_FILES = ("candidates.csv", "candidates.parquet", "run_report.json", "model.json")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def defuse_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas."""
    out = frame.copy()
    for column in out.columns:
        # Text is object dtype on pandas 2 and a string dtype on pandas 3.
        if is_object_dtype(out[column]) or is_string_dtype(out[column]):
            out[column] = out[column].astype(object).map(_defuse)
    return out


def _json_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def write_results(
    out_dir: Path | str,
    *,
    candidates: pd.DataFrame,
    report: Mapping[str, Any],
    model: Mapping[str, Any],
    overwrite: bool = True,
) -> list[Path]:
    """Write every output file of a match run into ``out_dir``; returns their paths.

    Parameters
    ----------
    out_dir:
        Created if missing.
    candidates:
        The ranked candidates table.
    report, model:
        The run report and the model as plain data (see :func:`kintrace.model.model_to_dict`).
    overwrite:
        When false, refuse to replace existing result files.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output directory ({exc.strerror}).") from exc
    targets = [out / name for name in OUTPUT_FILES]
    if not overwrite:
        existing = [t.name for t in targets if t.exists()]
        if existing:
            raise OutputError(
                f"{out}: already holds {', '.join(existing)}; choose another --out or pass "
                "--overwrite."
            )
    temporary = [t.with_name(f".{t.name}.partial") for t in targets]
    csv_tmp, parquet_tmp, report_tmp, model_tmp = temporary
    try:
        defuse_formulas(candidates).to_csv(
            csv_tmp, index=False, encoding="utf-8", lineterminator="\n"
        )
        table = pa.Table.from_pandas(candidates, preserve_index=False)
        pq.write_table(table, parquet_tmp, compression="zstd")
        report_tmp.write_bytes(_json_bytes(report))
        model_tmp.write_bytes(_json_bytes(model))
        for tmp, target in zip(temporary, targets, strict=True):
            os.replace(tmp, target)
    except OSError as exc:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)
        raise OutputError(f"{out}: cannot write results ({exc.strerror}).") from exc
    return targets
