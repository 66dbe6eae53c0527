"""Model files: a trained model as JSON, to reuse on the next run and to audit.

The file holds, per comparison, the level labels with their m, u and match weight, and the
prior -- all a reviewer needs to see why a level counts as it does. It holds no personal data:
term frequencies are recomputed from the data of each run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kintrace.comparisons import Comparison
from kintrace.errors import ModelError
from kintrace.model.fellegi_sunter import FellegiSunter

__all__ = ["MODEL_FORMAT", "load_model", "model_to_dict", "save_model"]

MODEL_FORMAT = "kintrace-fellegi-sunter/1"


def model_to_dict(
    model: FellegiSunter, *, training: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The model as plain data (what :func:`save_model` writes)."""
    m, u = model.m_, model.u_
    if m is None or u is None or model.prior_ is None:
        model._check_fitted()  # raises NotFittedError with the standard message
        raise AssertionError("unreachable")
    weights = model.level_weights()
    comparisons = []
    for c, comparison in enumerate(model.comparisons):
        labels = comparison.level_labels()
        comparisons.append(
            {
                "name": comparison.name,
                "description": comparison.description,
                "term_frequency_adjusted": comparison.term_frequency_column is not None,
                "levels": [
                    {
                        "label": labels[i],
                        "m": float(m[c][i]),
                        "u": float(u[c][i]),
                        "match_weight": float(weights[c][i]),
                    }
                    for i in range(comparison.n_levels)
                ],
            }
        )
    return {
        "format": MODEL_FORMAT,
        "prior": model.prior_,
        "prior_match_weight": model.prior_weight,
        "comparisons": comparisons,
        "training": dict(training or {}),
    }


def save_model(
    model: FellegiSunter, path: Path | str, *, training: Mapping[str, Any] | None = None
) -> None:
    """Write the model as JSON (UTF-8, sorted keys, stable float formatting)."""
    data = model_to_dict(model, training=training)
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fail(path: Path, message: str) -> ModelError:
    return ModelError(f"{path}: {message}")


def load_model(path: Path | str, comparisons: Sequence[Comparison]) -> FellegiSunter:
    """Read a model file and check it fits ``comparisons`` (same names, same level labels)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _fail(path, "model file not found.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"not a readable JSON model file ({type(exc).__name__}).") from exc
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise _fail(path, f"not a kintrace model file (expected format {MODEL_FORMAT!r}).")
    try:
        prior = float(data["prior"])
        stored = {entry["name"]: entry for entry in data["comparisons"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(path, f"model file is incomplete ({exc!s}).") from exc
    expected = [c.name for c in comparisons]
    if list(stored) != expected:
        raise _fail(
            path,
            f"the model's comparisons {list(stored)} do not match this run's {expected}; "
            "train a new model (omit --model) or use the settings it was trained with.",
        )
    m, u = [], []
    for comparison in comparisons:
        levels = stored[comparison.name]["levels"]
        labels = [level["label"] for level in levels]
        if labels != list(comparison.level_labels()):
            raise _fail(
                path,
                f"comparison {comparison.name!r} has levels {labels}, this run has "
                f"{list(comparison.level_labels())}; train a new model.",
            )
        m_values = [float(level["m"]) for level in levels]
        u_values = [float(level["u"]) for level in levels]
        if any(not (0 < v <= 1) or math.isnan(v) for v in m_values + u_values):
            raise _fail(path, f"comparison {comparison.name!r} has m or u outside (0, 1].")
        m.append(m_values)
        u.append(u_values)
    if not 0 < prior < 1:
        raise _fail(path, "the prior must be in (0, 1).")
    model = FellegiSunter(comparisons)
    return model.set_parameters(m=[np.array(v) for v in m], u=[np.array(v) for v in u], prior=prior)
