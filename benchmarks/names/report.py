"""Figures of the name benchmark: accuracy breakdowns, speed rows, markdown tables.

Tables hold counts and figures only, never a name: the project rule holds for generated
data too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from names.metrics import recall_at_fpr, roc_auc

__all__ = ["accuracy_rows", "markdown_table", "negative_kind_rows", "speed_rows"]

Scores = Mapping[str, np.ndarray]


def _figures(labels: np.ndarray, scores: Scores, fpr: float, min_negatives: int) -> dict[str, Any]:
    """Counts, then AUC and recall at ``fpr`` per scorer, for one group of pairs.

    Recall at 1% FPR from fewer than ``min_negatives`` negatives would rest on less than one
    false positive, so it is left out (NaN) there.
    """
    pos, neg = labels == 1, labels == 0
    row: dict[str, Any] = {"positives": int(pos.sum()), "negatives": int(neg.sum())}
    for name, values in scores.items():
        row[f"auc {name}"] = roc_auc(values[pos], values[neg])
    for name, values in scores.items():
        enough = neg.sum() >= min_negatives
        row[f"r@fpr {name}"] = recall_at_fpr(values[pos], values[neg], fpr) if enough else math.nan
    return row


def accuracy_rows(
    pairs: pd.DataFrame, scores: Scores, by: str | None, fpr: float, min_negatives: int
) -> list[dict[str, Any]]:
    """One row of figures for all pairs (``by=None``) or per value of column ``by``."""
    labels = pairs["label"].to_numpy()
    if by is None:
        return [{"group": "all", **_figures(labels, scores, fpr, min_negatives)}]
    rows = []
    for group, index in pairs.groupby(by, sort=True).indices.items():
        subset = {name: values[index] for name, values in scores.items()}
        rows.append({"group": group, **_figures(labels[index], subset, fpr, min_negatives)})
    return rows


def negative_kind_rows(
    pairs: pd.DataFrame, scores: Scores, fpr: float, min_negatives: int
) -> list[dict[str, Any]]:
    """Every positive against the negatives of one kind (sibling, shares-token, random).

    Shows how much harder a sibling is to tell apart than a stranger.
    """
    labels = pairs["label"].to_numpy()
    kinds = pairs["kind"].to_numpy()
    rows = []
    for kind in sorted(set(kinds[labels == 0])):
        index = np.flatnonzero((labels == 1) | (kinds == kind))
        subset = {name: values[index] for name, values in scores.items()}
        rows.append({"group": kind, **_figures(labels[index], subset, fpr, min_negatives)})
    return rows


def speed_rows(
    timings: Mapping[str, tuple[int, Sequence[float]]], baseline: str
) -> list[dict[str, Any]]:
    """Pairs per second (median run) per scorer, and its time as a multiple of ``baseline``."""
    base_pairs, base_seconds = timings[baseline]
    base = float(np.median(base_seconds)) / max(base_pairs, 1)
    rows = []
    for name, (n_pairs, seconds) in timings.items():
        median = float(np.median(seconds))
        rows.append(
            {
                "scorer": name,
                "pairs": n_pairs,
                "runs": len(seconds),
                "median s": median,
                "pairs/s": n_pairs / median if median > 0 else math.inf,
                f"× {baseline}": (median / max(n_pairs, 1)) / base if base > 0 else math.nan,
            }
        )
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return "–"
        return f"{number:,.0f}" if abs(number) >= 1000 else f"{number:.3f}"
    if isinstance(value, int | np.integer):
        return f"{value:,}"
    return str(value)


def markdown_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """A markdown table of ``rows`` (dicts with the same keys); numbers right-aligned."""
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    numeric = [not isinstance(rows[0][c], str) for c in columns]
    head = "| " + " | ".join(columns) + " |"
    rule = "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"
    body = ["| " + " | ".join(_cell(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])
