"""Accuracy figures of a match run against ground truth.

Measures what matters to caseworkers first -- is the true child within the top few candidates
of a sought row -- then how many candidates a reviewer reads per child found, precision and
recall across thresholds, blocking's completeness, and whether the probabilities are
calibrated; each also by naming culture and by requester relation::

    from kintrace.evaluate import evaluate_run, write_plots
    evaluation = evaluate_run("out/", "examples/", children=matched_child_ids)
    print(evaluation.format_text())
    write_plots(evaluation, "out/plots")

Modules: ``_metrics`` (pure figures on arrays), ``_calibration``, ``_summary`` (the figures of
one group), ``_breakdowns`` (grouping), ``_evaluation`` (:func:`evaluate`), ``_truth`` (truth
files), ``_run`` (a run's output folder), ``_format`` (dict and text), ``_plots`` (PNG).
"""

from __future__ import annotations

from kintrace.evaluate._calibration import (
    Calibration,
    CalibrationBand,
    brier_score,
    calibration,
    reliability_table,
)
from kintrace.evaluate._evaluation import (
    DEFAULT_THRESHOLDS,
    BlockingFigures,
    Evaluation,
    evaluate,
)
from kintrace.evaluate._metrics import (
    PRCurve,
    ReviewerLoad,
    average_precision,
    pair_completeness,
    precision_recall_curve,
    recall_at_k,
    reduction_ratio,
    reviewer_load_at_k,
    reviewer_load_at_threshold,
)
from kintrace.evaluate._plots import PLOT_FILES, write_plots
from kintrace.evaluate._run import evaluate_run
from kintrace.evaluate._summary import Summary
from kintrace.evaluate._truth import Truth, findable_children_from, load_truth

__all__ = [
    "DEFAULT_THRESHOLDS",
    "PLOT_FILES",
    "BlockingFigures",
    "Calibration",
    "CalibrationBand",
    "Evaluation",
    "PRCurve",
    "ReviewerLoad",
    "Summary",
    "Truth",
    "average_precision",
    "brier_score",
    "calibration",
    "evaluate",
    "evaluate_run",
    "findable_children_from",
    "load_truth",
    "pair_completeness",
    "precision_recall_curve",
    "recall_at_k",
    "reduction_ratio",
    "reliability_table",
    "reviewer_load_at_k",
    "reviewer_load_at_threshold",
    "write_plots",
]
