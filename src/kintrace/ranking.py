"""The rank step: scored pairs → the candidate table a reviewer reads.

Per sought child (a request row) the candidates are ranked by match weight, ties broken by
child id so that the same input always gives the same order. The table carries, for every
comparison, the level reached and the weight it added, and a plain-language ``reasons`` line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from kintrace.comparisons import Comparison

__all__ = ["candidate_columns", "rank_within", "reasons", "select_top"]


def select_top(
    right: np.ndarray,
    weights: np.ndarray,
    left_ids: np.ndarray,
    *,
    top_k: int | None,
    min_weight: float,
) -> np.ndarray:
    """Positions of the pairs to keep: at least ``min_weight``, best ``top_k`` per request row.

    ``right`` are the requests-side positions, ``left_ids`` the child ids of the pairs (for
    the deterministic tie break).
    """
    keep = np.flatnonzero(weights >= min_weight)
    if keep.size == 0 or top_k is None:
        return keep
    order = np.lexsort((left_ids[keep], -weights[keep], right[keep]))
    ordered = keep[order]
    ranks = rank_within(right[ordered])
    return np.sort(ordered[ranks <= top_k])


def rank_within(groups: np.ndarray) -> np.ndarray:
    """1-based position of each element within its run of equal, consecutive group values."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[True, groups[1:] != groups[:-1]]
    start_index = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    return np.arange(n) - start_index + 1


def reasons(
    comparisons: Sequence[Comparison],
    levels: np.ndarray,
    contributions: np.ndarray,
    details: Mapping[int, Sequence[str]] | None = None,
) -> list[str]:
    """One line per pair: the evidence, strongest first ("given name: exact (+7.1); …").

    Comparisons with a missing value on either side are left out: they are no evidence.
    ``details`` gives, by comparison index, a text per pair that replaces the level's label
    (the dates' evidence: "age 13 in 2023 vs born 2010: consistent").
    """
    labels = [c.level_labels() for c in comparisons]
    details = details or {}
    lines: list[str] = []
    for row, (row_levels, row_weights) in enumerate(zip(levels, contributions, strict=True)):
        parts = [
            (
                abs(w),
                f"{comparisons[c].description}: "
                f"{details[c][row] if c in details else labels[c][level]} ({w:+.1f})",
            )
            for c, (level, w) in enumerate(zip(row_levels, row_weights, strict=True))
            if level != 0
        ]
        parts.sort(key=lambda item: -item[0])
        lines.append("; ".join(text for _, text in parts))
    return lines


def candidate_columns(comparisons: Sequence[Comparison]) -> list[str]:
    """Column order of the candidates table."""
    columns = [
        "request_id",
        "sought_id",
        "child_id",
        "match_probability",
        "match_weight",
        "rank_in_request",
        "rank_for_child",
    ]
    for comparison in comparisons:
        columns += [f"{comparison.name}_level", f"{comparison.name}_weight"]
    columns.append("reasons")
    return columns


def level_label_columns(
    comparisons: Sequence[Comparison], levels: np.ndarray, contributions: np.ndarray
) -> dict[str, pd.Series]:
    """``<name>_level`` (label) and ``<name>_weight`` columns for the candidates table."""
    out: dict[str, pd.Series] = {}
    for c, comparison in enumerate(comparisons):
        labels = np.array(comparison.level_labels(), dtype=object)
        out[f"{comparison.name}_level"] = pd.Series(labels[levels[:, c]], dtype=object)
        out[f"{comparison.name}_weight"] = pd.Series(np.round(contributions[:, c], 4))
    return out
