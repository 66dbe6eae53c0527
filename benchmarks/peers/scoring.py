"""Scoring shared by every tool: recall at 1 and 5 per sought row, and average precision.

Only sought rows whose true child can be found count: the child is registered and has consent
for tracing (kintrace leaves the others out by design, and the peers get the same children).
"""

from __future__ import annotations

from collections.abc import Set

import numpy as np
import pandas as pd


def findable_links(links: pd.DataFrame, findable_children: Set[str]) -> pd.DataFrame:
    """True links (``sought_id``, ``child_id``) whose child is among ``findable_children``."""
    kept = links.loc[links["child_id"].isin(findable_children), ["sought_id", "child_id"]]
    return kept.drop_duplicates().reset_index(drop=True)


def recall_at(
    candidates: pd.DataFrame, links: pd.DataFrame, ks: tuple[int, ...] = (1, 5)
) -> dict[str, float]:
    """Share of sought rows with a true child whose best-ranked true child is within rank k.

    Parameters
    ----------
    candidates:
        ``sought_id``, ``child_id``, ``rank_in_request`` (1 = best).
    links:
        Findable true links (see :func:`findable_links`).
    ks:
        The ranks to report.

    Returns
    -------
    dict
        ``recall_at_<k>`` for each k, and ``sought_with_true_child``.
    """
    sought = links["sought_id"].unique()
    hits = candidates.merge(links, on=["sought_id", "child_id"], how="inner")
    best = hits.groupby("sought_id")["rank_in_request"].min().reindex(sought)
    figures = {f"recall_at_{k}": float((best <= k).mean()) if len(sought) else 0.0 for k in ks}
    figures["sought_with_true_child"] = float(len(sought))
    return figures


def average_precision(candidates: pd.DataFrame, links: pd.DataFrame) -> float:
    """Average precision of all candidates ranked by match probability, against all true links.

    True links never proposed count as found at no rank (their precision is zero), so a tool
    cannot gain by proposing fewer candidates.
    """
    if links.empty:
        return 0.0
    ordered = candidates.sort_values("match_probability", ascending=False, kind="stable")
    truth = set(zip(links["sought_id"], links["child_id"], strict=True))
    is_true = np.fromiter(
        ((s, c) in truth for s, c in zip(ordered["sought_id"], ordered["child_id"], strict=True)),
        dtype=bool,
        count=len(ordered),
    )
    true_positions = np.flatnonzero(is_true) + 1
    precision_at_hits = np.arange(1, len(true_positions) + 1) / true_positions
    return float(precision_at_hits.sum() / len(truth))


def score(candidates: pd.DataFrame, links: pd.DataFrame) -> dict[str, float]:
    """Recall at 1 and 5, average precision and candidates per sought row of one run."""
    figures = recall_at(candidates, links)
    figures["average_precision"] = average_precision(candidates, links)
    rows = candidates["sought_id"].nunique()
    figures["candidates_per_sought_row"] = float(len(candidates) / rows) if rows else 0.0
    return figures
