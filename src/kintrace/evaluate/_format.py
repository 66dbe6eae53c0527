"""An :class:`~kintrace.evaluate.Evaluation` as JSON-ready data and as plain-text tables.

No rich or typer here: the library prints plain text, and the CLI may dress it up. Figures
that cannot be computed (``nan``) are ``null`` in JSON and ``n/a`` in text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kintrace.evaluate._calibration import Calibration
from kintrace.evaluate._metrics import PRCurve
from kintrace.evaluate._summary import Summary

if TYPE_CHECKING:
    from kintrace.evaluate._evaluation import Evaluation

__all__ = ["evaluation_to_dict", "format_evaluation"]

DIGITS = 4
_BREAKDOWN_TITLES = {"culture": "By naming culture", "requester_relation": "By requester relation"}


def _num(value: float | None, digits: int = DIGITS) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value), digits)


def _summary_dict(s: Summary) -> dict[str, Any]:
    return {
        "sought_rows": s.sought_rows,
        "sought_rows_findable": s.sought_rows_findable,
        "true_pairs": s.true_pairs,
        "candidates": s.candidates,
        "recall_at_k": {str(k): _num(v) for k, v in s.recall_at_k.items()},
        "average_precision": _num(s.average_precision),
        "at_threshold": {
            "threshold": s.threshold,
            "precision": _num(s.precision),
            "recall": _num(s.recall),
            "f1": _num(s.f1),
        },
        "reviewer_load": [
            {
                "cutoff": load.cutoff,
                "candidates_read": load.candidates_read,
                "sought_rows_found": load.sought_rows_found,
                "candidates_per_found": _num(load.candidates_per_found),
            }
            for load in s.reviewer_load
        ],
        "written_recall": _num(s.written_recall),
        "blocking_completeness": _num(s.blocking_completeness),
        "brier_score": _num(s.brier_score),
        "expected_calibration_error": _num(s.expected_calibration_error),
    }


def _calibration_dict(c: Calibration) -> dict[str, Any]:
    return {
        "n": c.n,
        "expected_calibration_error": _num(c.expected_calibration_error),
        "brier_score": _num(c.brier_score),
        "bands": [
            {
                "lower": _num(b.lower),
                "upper": _num(b.upper),
                "count": b.count,
                "mean_predicted": _num(b.mean_predicted),
                "observed": _num(b.observed),
            }
            for b in c.bands
        ],
    }


def _curve_dict(c: PRCurve) -> dict[str, Any]:
    return {
        "n_true": c.n_true,
        "thresholds": [_num(t) for t in c.thresholds],
        "precision": [_num(v) for v in c.precision],
        "recall": [_num(v) for v in c.recall],
        "f1": [_num(v) for v in c.f1],
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """JSON-ready data of ``evaluation``, keys in a fixed order, floats rounded to 4 places.

    Parameters
    ----------
    evaluation:
        The evaluation to convert.

    Returns
    -------
    dict
        ``denominator``, ``notes``, ``overall``, ``blocking``, ``calibration``, ``curve``,
        ``breakdowns``.
    """
    b = evaluation.blocking
    return {
        "denominator": evaluation.denominator,
        "notes": list(evaluation.notes),
        "overall": _summary_dict(evaluation.overall),
        "blocking": {
            "source": b.source,
            "pair_completeness": _num(b.pair_completeness),
            "candidate_pairs": b.candidate_pairs,
            # Reduction ratios sit just below 1: four places would hide the differences.
            "reduction_ratio": _num(b.reduction_ratio, 6),
        },
        "calibration": _calibration_dict(evaluation.calibration),
        "curve": _curve_dict(evaluation.curve),
        "breakdowns": {
            name: {group: _summary_dict(s) for group, s in groups.items()}
            for name, groups in evaluation.breakdowns.items()
        },
    }


def _fmt(value: float | None, digits: int = 3) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return f"{value:.{digits}f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> str:
    """Plain-text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return indent + "  ".join(parts).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _load(s: Summary, cutoff: str) -> str:
    for load in s.reviewer_load:
        if load.cutoff == cutoff:
            return _fmt(load.candidates_per_found, 2)
    return "n/a"


def _group_rows(groups: dict[str, Summary]) -> tuple[list[str], list[list[str]]]:
    first = next(iter(groups.values()))
    ks = list(first.recall_at_k)
    headers = [
        "group",
        "findable",
        *(f"top {k}" for k in ks),
        "AP",
        f"P@{first.threshold:g}",
        f"R@{first.threshold:g}",
        "F1",
        f"load top {ks[-1]}" if ks else "load",
        "Brier",
    ]
    rows = [
        [
            group,
            str(s.sought_rows_findable),
            *(_fmt(s.recall_at_k[k]) for k in ks),
            _fmt(s.average_precision),
            _fmt(s.precision),
            _fmt(s.recall),
            _fmt(s.f1),
            _load(s, f"top {ks[-1]}") if ks else "n/a",
            _fmt(s.brier_score),
        ]
        for group, s in groups.items()
    ]
    return headers, rows


def format_evaluation(evaluation: Evaluation) -> str:
    """Plain-text report of ``evaluation`` for a terminal (no colour, no markup).

    Parameters
    ----------
    evaluation:
        The evaluation to show.

    Returns
    -------
    str
        Sections: overall figures, reviewer load, blocking, calibration, breakdowns.
    """
    s = evaluation.overall
    b = evaluation.blocking
    c = evaluation.calibration
    out = ["Evaluation against ground truth", f"Denominator: {evaluation.denominator}"]
    out += [f"Note: {note}" for note in evaluation.notes]
    overall = [
        ["sought rows with a findable true child", str(s.sought_rows_findable)],
        ["true pairs (recall denominator)", str(s.true_pairs)],
        ["candidates written", str(s.candidates)],
        *([f"recall within top {k}", _fmt(v)] for k, v in s.recall_at_k.items()),
        ["average precision", _fmt(s.average_precision)],
        [f"precision at p ≥ {s.threshold:g}", _fmt(s.precision)],
        [f"recall at p ≥ {s.threshold:g}", _fmt(s.recall)],
        [f"F1 at p ≥ {s.threshold:g}", _fmt(s.f1)],
        ["recall of written candidates", _fmt(s.written_recall)],
    ]
    out += ["", "Overall", table(["figure", "value"], overall)]
    loads = [
        [
            x.cutoff,
            str(x.candidates_read),
            str(x.sought_rows_found),
            _fmt(x.candidates_per_found, 2),
        ]
        for x in s.reviewer_load
    ]
    out += [
        "",
        "Reviewer load (candidates read per sought child found)",
        table(["reading", "read", "found", "per found"], loads),
    ]
    label = (
        "pair completeness"
        if b.source == "blocked pairs"
        else "recall of written candidates (blocked pairs not given)"
    )
    blocking = [
        [label, _fmt(b.pair_completeness)],
        ["candidate pairs", "n/a" if b.candidate_pairs is None else str(b.candidate_pairs)],
        ["reduction ratio", _fmt(b.reduction_ratio, 5)],
    ]
    out += ["", f"Blocking (from {b.source})", table(["figure", "value"], blocking)]
    bands = [
        [f"{x.lower:.1f}–{x.upper:.1f}", str(x.count), _fmt(x.mean_predicted), _fmt(x.observed)]
        for x in c.bands
    ]
    out += [
        "",
        f"Calibration of written candidates (expected calibration error "
        f"{_fmt(c.expected_calibration_error)}, Brier score {_fmt(c.brier_score)})",
        table(["probability", "count", "mean predicted", "observed true"], bands),
    ]
    for name, groups in evaluation.breakdowns.items():
        if groups:
            headers, rows = _group_rows(groups)
            out += ["", _BREAKDOWN_TITLES.get(name, name), table(headers, rows)]
    return "\n".join(out) + "\n"
