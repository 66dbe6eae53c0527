"""PNG plots of an evaluation: the precision–recall curve and the reliability diagram.

matplotlib is an optional dependency (``kintrace[plots]``), imported only when plots are
asked for, with the non-interactive Agg backend so it works on servers without a display.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kintrace.errors import ConfigError, OutputError

if TYPE_CHECKING:
    from kintrace.evaluate._evaluation import Evaluation

__all__ = ["PLOT_FILES", "write_plots"]

PLOT_FILES = ("precision_recall.png", "calibration.png")


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise ConfigError(
            "plots need matplotlib, which is not installed: pip install 'kintrace[plots]'"
        ) from exc
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _finite(xs: tuple[float, ...], ys: tuple[float, ...]) -> tuple[list[float], list[float]]:
    pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if not (math.isnan(x) or math.isnan(y))]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _precision_recall(plt: Any, evaluation: Evaluation, path: Path) -> None:
    curve = evaluation.curve
    fig, ax = plt.subplots(figsize=(6, 5), dpi=100)
    recall, precision = _finite(curve.recall, curve.precision)
    ax.plot(recall, precision, drawstyle="steps-post", color="#1f77b4")
    # Mark the operating threshold so the reader sees where the report's P/R/F1 sit.
    s = evaluation.overall
    if not (math.isnan(s.recall) or math.isnan(s.precision)):
        ax.scatter([s.recall], [s.precision], color="#d62728", zorder=3)
        ax.annotate(f"p ≥ {s.threshold:g}", (s.recall, s.precision), xytext=(6, -12),
                    textcoords="offset points")  # fmt: skip
    ax.set_xlim(0.0, 1.02)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("recall (true pairs found)")
    ax.set_ylabel("precision (share of candidates true)")
    ax.set_title(f"Precision–recall, average precision {s.average_precision:.3f}")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _reliability(plt: Any, evaluation: Evaluation, path: Path) -> None:
    cal = evaluation.calibration
    used = [b for b in cal.bands if b.count > 0]
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(6, 6.5), dpi=100, sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    top.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    top.plot(
        [b.mean_predicted for b in used],
        [b.observed for b in used],
        marker="o",
        color="#1f77b4",
        label="candidates",
    )
    top.set_ylim(0.0, 1.02)
    top.set_ylabel("observed share of true links")
    top.set_title(
        f"Calibration: ECE {cal.expected_calibration_error:.3f}, Brier {cal.brier_score:.3f}"
    )
    top.legend(loc="upper left")
    top.grid(True, alpha=0.3)
    width = cal.bands[0].upper - cal.bands[0].lower if cal.bands else 0.1
    bottom.bar([b.lower for b in cal.bands], [b.count for b in cal.bands], width=width,
               align="edge", color="#7f7f7f")  # fmt: skip
    bottom.set_xlim(0.0, 1.0)
    bottom.set_xlabel("match probability")
    bottom.set_ylabel("candidates")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_plots(evaluation: Evaluation, out_dir: Path | str) -> list[Path]:
    """Write the precision–recall curve and the reliability diagram as PNG files.

    Parameters
    ----------
    evaluation:
        The evaluation to plot.
    out_dir:
        Folder to write ``precision_recall.png`` and ``calibration.png`` into; created if
        missing. Existing files of those names are replaced.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ConfigError
        If matplotlib is not installed (``pip install 'kintrace[plots]'``).
    OutputError
        If the folder or a file cannot be written.
    """
    plt = _pyplot()
    out = Path(out_dir)
    paths = [out / name for name in PLOT_FILES]
    try:
        out.mkdir(parents=True, exist_ok=True)
        _precision_recall(plt, evaluation, paths[0])
        _reliability(plt, evaluation, paths[1])
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot write plots ({exc.strerror or type(exc).__name__})"
        ) from exc
    return paths
