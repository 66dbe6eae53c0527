"""Scoring shared by every tool: kintrace.evaluate on each tool's candidates.

Only sought rows whose true child can be found count: the child is registered and has consent
for tracing (kintrace leaves the others out by design, and the peers get the same children).
Every tool's candidates go through the same :func:`kintrace.evaluate.evaluate`, the code
``kintrace evaluate`` runs.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

import pandas as pd

from kintrace.evaluate import Evaluation, evaluate


def evaluate_tool(
    candidates: pd.DataFrame, data: Path, links: pd.DataFrame, findable: Set[str]
) -> Evaluation:
    """The full evaluation of one tool's candidates on one data set."""
    records_path = data / "truth_records.csv"
    records = pd.read_csv(records_path, dtype=str) if records_path.is_file() else None
    return evaluate(candidates, links, records=records, findable_children=frozenset(findable))


def score(evaluation: Evaluation) -> dict[str, Any]:
    """The figures of the comparison table, from an evaluation."""
    overall = evaluation.to_dict()["overall"]
    load = {entry["cutoff"]: entry["candidates_per_found"] for entry in overall["reviewer_load"]}
    return {
        "sought_with_true_child": overall["sought_rows_findable"],
        "recall_at_1": overall["recall_at_k"]["1"],
        "recall_at_5": overall["recall_at_k"]["5"],
        "recall_at_10": overall["recall_at_k"]["10"],
        "average_precision": overall["average_precision"],
        "precision_at_0.5": overall["at_threshold"]["precision"],
        "recall_at_0.5": overall["at_threshold"]["recall"],
        "read_per_found_top_5": load.get("top 5"),
        "brier": overall["brier_score"],
    }
