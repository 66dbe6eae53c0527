"""Evaluate a match run's candidates against ground truth: the :func:`evaluate` entry point.

Scope. Recall can only be asked of children the run could find. Children without consent for
tracing are left out of matching by default, so the caller may restrict the truth to findable
children (``findable_children``); the report says which denominator was used. A child that
appears among the candidates was evidently compared, so it always counts as findable.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kintrace.errors import ConfigError, InputError
from kintrace.evaluate._breakdowns import BREAKDOWNS, group_of_sought
from kintrace.evaluate._calibration import Calibration, calibration
from kintrace.evaluate._metrics import (
    PRCurve,
    pair_completeness,
    precision_recall_curve,
    reduction_ratio,
)
from kintrace.evaluate._summary import Summary, summarise
from kintrace.evaluate._truth import resolve_findable

__all__ = ["DEFAULT_THRESHOLDS", "BlockingFigures", "Evaluation", "evaluate"]

#: Thresholds of the precision–recall curve: 0.00, 0.01, ..., 1.00.
DEFAULT_THRESHOLDS: tuple[float, ...] = tuple(round(i / 100, 2) for i in range(101))
PAIR = ["sought_id", "child_id"]


@dataclass(frozen=True)
class BlockingFigures:
    """How well blocking kept the true pairs, and how much work it saved.

    Attributes
    ----------
    source:
        ``"blocked pairs"`` when the list of blocked pairs was given; otherwise
        ``"written candidates"``, and ``pair_completeness`` is then the recall of the written
        candidates (a lower bound: ranking and the top-k cut also dropped pairs).
    pair_completeness:
        Share of the findable true pairs among the pairs of ``source``.
    candidate_pairs:
        Number of blocked pairs, when known (the list's length or the run report's count).
    reduction_ratio:
        ``1 − candidate_pairs / (n_children × n_request_rows)``; ``None`` without the counts.
    """

    source: str
    pair_completeness: float
    candidate_pairs: int | None
    reduction_ratio: float | None


@dataclass(frozen=True)
class Evaluation:
    """The accuracy of a match run against ground truth.

    Attributes
    ----------
    denominator:
        Which true links recall counts over, in words.
    overall:
        Every figure over all sought rows.
    curve:
        Precision, recall and F1 across thresholds.
    calibration:
        Reliability table, expected calibration error and Brier score.
    blocking:
        Pair completeness and reduction ratio.
    breakdowns:
        ``"culture"`` and ``"requester_relation"`` -> group -> :class:`Summary`; empty
        when no ``truth_records`` were given.
    notes:
        Remarks on the inputs (candidates for sought rows absent from the truth, ...).
    """

    denominator: str
    overall: Summary
    curve: PRCurve
    calibration: Calibration
    blocking: BlockingFigures
    breakdowns: dict[str, dict[str, Summary]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-ready data: stable key order, rounded floats, ``nan`` → null."""
        from kintrace.evaluate._format import evaluation_to_dict

        return evaluation_to_dict(self)

    def format_text(self) -> str:
        """The evaluation as plain-text tables for a terminal."""
        from kintrace.evaluate._format import format_evaluation

        return format_evaluation(self)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{what} lacks column(s) {', '.join(missing)}; found {', '.join(map(str, frame))}"
        )


def _pairs(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    _require(frame, PAIR, what)
    pairs = frame.loc[:, PAIR].dropna().astype(str)
    return pairs.drop_duplicates().reset_index(drop=True)


def _prepare_candidates(candidates: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    _require(candidates, [*PAIR, "match_probability"], "the candidates table")
    columns = [*PAIR, "match_probability"]
    if "rank_in_request" in candidates.columns:
        columns.append("rank_in_request")
    frame = candidates.loc[:, columns].copy()
    frame[PAIR] = frame[PAIR].astype(str)
    frame["match_probability"] = pd.to_numeric(frame["match_probability"], errors="coerce")
    if frame["match_probability"].isna().any():
        row = int(np.flatnonzero(frame["match_probability"].isna().to_numpy())[0]) + 2
        raise InputError(
            f"the candidates table has a missing or non-numeric match_probability "
            f"(first at row {row}, column match_probability)"
        )
    # A pair written twice counts once, at its best probability.
    frame = frame.sort_values("match_probability", ascending=False, kind="stable")
    frame = frame.drop_duplicates(PAIR)
    if "rank_in_request" not in frame.columns:
        # Same order as kintrace's ranking: by probability, ties in file order.
        frame["rank_in_request"] = frame.groupby("sought_id").cumcount() + 1
    frame["rank_in_request"] = frame["rank_in_request"].astype("int64")
    marked = frame.merge(links, on=PAIR, how="left", indicator="is_true")
    marked["is_true"] = (marked["is_true"] == "both").to_numpy(dtype=bool)
    return marked.reset_index(drop=True)


def _blocking(
    candidates: pd.DataFrame,
    true_pairs: pd.DataFrame,
    blocked: pd.DataFrame | None,
    n_blocked_pairs: int | None,
    n_children: int | None,
    n_request_rows: int | None,
) -> BlockingFigures:
    count = len(blocked) if blocked is not None else n_blocked_pairs
    ratio = None
    if count is not None and n_children is not None and n_request_rows is not None:
        ratio = reduction_ratio(count, n_children, n_request_rows)
    source = "blocked pairs" if blocked is not None else "written candidates"
    pairs = blocked if blocked is not None else candidates
    return BlockingFigures(source, pair_completeness(pairs, true_pairs), count, ratio)


def evaluate(
    candidates: pd.DataFrame,
    links: pd.DataFrame,
    *,
    records: pd.DataFrame | None = None,
    findable_children: Collection[str] | pd.DataFrame | None = None,
    blocked_pairs: pd.DataFrame | None = None,
    n_blocked_pairs: int | None = None,
    n_children: int | None = None,
    n_request_rows: int | None = None,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    threshold: float = 0.5,
    ks: Sequence[int] = (1, 5, 10),
    load_thresholds: Sequence[float] = (0.5, 0.9),
) -> Evaluation:
    """Measure ranked candidates against the true links.

    Parameters
    ----------
    candidates:
        The candidates of a match run: ``sought_id``, ``child_id``, ``match_probability``
        and ``rank_in_request`` (computed from the probability when absent).
    links:
        True pairs (``sought_id``, ``child_id``), e.g. ``load_truth(...).links``.
    records:
        ``truth_records`` (``kind``, ``record_id``, ``culture``, ``requester_relation``)
        for the breakdowns by culture and by requester relation.
    findable_children:
        Children the run could find: a collection of child ids (those matched), or the
        children frame with canonical ``child_id`` and ``consent_for_tracing`` columns (see
        :func:`findable_children_from` for other column names). ``None``: every true link
        counts.
    blocked_pairs:
        Pairs blocking produced (``sought_id``, ``child_id``); without it, completeness is
        the recall of the written candidates, labelled as such.
    n_blocked_pairs:
        Count of blocked pairs (``run_report.json`` → ``blocking.candidate_pairs``), used for
        the reduction ratio when the list is not given.
    n_children, n_request_rows:
        Children and sought rows that were compared, for the reduction ratio.
    thresholds:
        Probability thresholds of the precision–recall curve.
    threshold:
        Operating threshold of the single precision, recall and F1 figures.
    ks:
        Rank cut-offs for recall within the top k and reviewer load.
    load_thresholds:
        Probability cut-offs for reviewer load.

    Returns
    -------
    Evaluation

    Raises
    ------
    InputError
        If a table lacks a column or a probability is not a number.
    ConfigError
        If ``threshold`` is outside [0, 1] or ``ks`` holds a rank below 1.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(
            f"The 'threshold' parameter of evaluate must be a float in [0, 1]. "
            f"Got {threshold!r} instead."
        )
    if any(int(k) < 1 for k in ks):
        raise ConfigError(
            f"The 'ks' parameter of evaluate must hold ranks ≥ 1. Got {list(ks)!r} instead."
        )
    truth = _pairs(links, "the truth links table")
    cands = _prepare_candidates(candidates, truth)
    blocked = None if blocked_pairs is None else _pairs(blocked_pairs, "the blocked pairs table")

    findable = resolve_findable(findable_children)
    if findable is None:
        in_scope = truth
        denominator = "all true links (every registered child counted as findable)"
    else:
        # A child among the candidates was compared, so it was findable whatever the set says.
        findable = findable | frozenset(cands["child_id"])
        in_scope = truth.loc[truth["child_id"].isin(findable)].reset_index(drop=True)
        what = (
            "children with consent for tracing"
            if isinstance(findable_children, pd.DataFrame)
            else "the children given as findable"
        )
        denominator = (
            f"true links to findable children only: {what}; "
            f"{len(in_scope)} of {len(truth)} true pairs"
        )

    notes: list[str] = []
    absent = ~cands["sought_id"].isin(truth["sought_id"])
    if absent.any():
        notes.append(
            f"{int(cands.loc[absent, 'sought_id'].nunique())} sought rows with candidates have "
            "no true link (their child is not registered): all their candidates count as false."
        )
    overall = summarise(
        cands,
        in_scope,
        blocked_pairs=blocked,
        threshold=threshold,
        ks=ks,
        load_thresholds=load_thresholds,
    )
    breakdowns: dict[str, dict[str, Summary]] = {}
    if records is not None:
        for name, column in BREAKDOWNS.items():
            _require(records, ["kind", "record_id", column], "the truth records table")
            cand_group = group_of_sought(records, column, cands["sought_id"])
            true_group = group_of_sought(records, column, in_scope["sought_id"])
            block_group = (
                None if blocked is None else group_of_sought(records, column, blocked["sought_id"])
            )
            groups = sorted(set(cand_group) | set(true_group))
            breakdowns[name] = {
                group: summarise(
                    cands.loc[cand_group == group],
                    in_scope.loc[true_group == group],
                    blocked_pairs=None if blocked is None else blocked.loc[block_group == group],
                    threshold=threshold,
                    ks=ks,
                    load_thresholds=load_thresholds,
                )
                for group in groups
            }
    probs = cands["match_probability"].to_numpy(dtype=float)
    is_true = cands["is_true"].to_numpy(dtype=bool)
    return Evaluation(
        denominator=denominator,
        overall=overall,
        curve=precision_recall_curve(probs, is_true, len(in_scope), thresholds),
        calibration=calibration(probs, is_true),
        blocking=_blocking(cands, in_scope, blocked, n_blocked_pairs, n_children, n_request_rows),
        breakdowns=breakdowns,
        notes=tuple(notes),
    )
