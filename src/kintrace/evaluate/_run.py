"""Evaluate a finished match run from its output folder: candidates + run report + truth."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from kintrace.errors import ReadError
from kintrace.evaluate._evaluation import Evaluation, evaluate
from kintrace.evaluate._truth import load_truth

__all__ = ["evaluate_run"]


def _read_candidates(out: Path) -> pd.DataFrame:
    parquet, csv = out / "candidates.parquet", out / "candidates.csv"
    try:
        if parquet.is_file():
            return pd.read_parquet(parquet)
        if csv.is_file():
            # The CSV may carry spreadsheet-safe ids ("'=..."); ids are compared as text.
            return pd.read_csv(csv, dtype={"sought_id": str, "child_id": str, "request_id": str})
    except (OSError, ValueError) as exc:
        raise ReadError(f"cannot read the candidates ({type(exc).__name__})", path=out) from exc
    raise ReadError("no candidates.parquet or candidates.csv in this folder", path=out)


def _read_report(out: Path) -> dict[str, Any]:
    path = out / "run_report.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(f"cannot read the run report ({type(exc).__name__})", path=path) from exc
    return data if isinstance(data, dict) else {}


def _count(report: dict[str, Any], *keys: str) -> int | None:
    value: Any = report
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, int) else None


def evaluate_run(
    out_dir: Path | str,
    truth_dir: Path | str,
    *,
    children: Collection[str] | pd.DataFrame | None = None,
    blocked_pairs: pd.DataFrame | None = None,
    threshold: float = 0.5,
) -> Evaluation:
    """Evaluate the output folder of ``kintrace match`` against the truth tables.

    Reads ``candidates.parquet`` (or ``candidates.csv``) and ``run_report.json`` from
    ``out_dir``; the report gives the blocked-pair count and the numbers of children and
    sought rows compared, for the reduction ratio.

    Parameters
    ----------
    out_dir:
        Output folder of a match run.
    truth_dir:
        Folder with ``truth_links.csv`` and ``truth_records.csv``.
    children:
        Findable children: ids of the children matched, or the children frame with canonical
        ``child_id`` and ``consent_for_tracing`` columns. ``None`` counts every true link;
        the report then notes how many children the run left out for lack of consent.
    blocked_pairs:
        Pairs blocking produced, when the caller has them; by default read from
        ``blocked_pairs.parquet`` in ``out_dir`` when the run wrote it (``--write-pairs``).
    threshold:
        Operating threshold for precision, recall and F1.

    Returns
    -------
    Evaluation

    Raises
    ------
    ReadError
        If the candidates or a truth table cannot be read.
    """
    out = Path(out_dir)
    truth = load_truth(truth_dir)
    report = _read_report(out)
    if blocked_pairs is None and (out / "blocked_pairs.parquet").is_file():
        try:
            blocked_pairs = pd.read_parquet(out / "blocked_pairs.parquet")
        except (OSError, ValueError) as exc:
            raise ReadError(
                f"cannot read the blocked pairs ({type(exc).__name__})", path=out
            ) from exc
    evaluation = evaluate(
        _read_candidates(out),
        truth.links,
        records=truth.records,
        findable_children=children,
        blocked_pairs=blocked_pairs,
        n_blocked_pairs=_count(report, "blocking", "candidate_pairs"),
        n_children=_count(report, "children", "records_matched"),
        n_request_rows=_count(report, "requests", "rows_matched"),
        threshold=threshold,
    )
    excluded = _count(report, "children", "excluded_without_consent")
    if children is None and excluded:
        note = (
            f"the run left out {excluded} children without consent for tracing, and they "
            "still count in the recall denominator: pass children= to leave them out."
        )
        return replace(evaluation, notes=(*evaluation.notes, note))
    return evaluation
