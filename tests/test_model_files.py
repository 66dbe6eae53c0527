"""Model files: a trained model round-trips through JSON, and a wrong file is refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kintrace.comparisons import default_comparisons, name_comparison
from kintrace.errors import ModelError
from kintrace.model import FellegiSunter, load_model, model_to_dict, save_model

COMPARISONS = default_comparisons()


def _model() -> FellegiSunter:
    rng = np.random.default_rng(0)

    def probabilities(size: int) -> np.ndarray:
        values = np.ones(size)
        raw = rng.random(size - 1) + 0.05
        values[1:] = raw / raw.sum()
        return values

    return FellegiSunter(COMPARISONS).set_parameters(
        m=[probabilities(c.n_levels) for c in COMPARISONS],
        u=[probabilities(c.n_levels) for c in COMPARISONS],
        prior=1e-4,
    )


def test_round_trip_gives_the_same_weights(tmp_path: Path) -> None:
    model = _model()
    save_model(model, tmp_path / "model.json", training={"seed": 1})
    loaded = load_model(tmp_path / "model.json", COMPARISONS)
    # Two pairs, each comparison at some level it has.
    levels = np.array(
        [[(i + k) % c.n_levels for i, c in enumerate(COMPARISONS)] for k in (1, 4)], dtype=np.int8
    )
    np.testing.assert_allclose(loaded.match_weight(levels)[0], model.match_weight(levels)[0])


def test_file_is_readable_for_an_audit(tmp_path: Path) -> None:
    save_model(_model(), tmp_path / "model.json")
    data = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    names = data["comparisons"][0]
    assert names["name"] == "full_name"
    assert [level["label"] for level in names["levels"]][:2] == ["missing", "exact"]
    assert {"m", "u", "match_weight"} <= set(names["levels"][1])
    assert data["prior"] == pytest.approx(1e-4)


def test_model_for_other_comparisons_is_refused(tmp_path: Path) -> None:
    save_model(_model(), tmp_path / "model.json")
    other = (*COMPARISONS[:-1], name_comparison("sex", "sex", "sex"))
    with pytest.raises(ModelError, match="train a new model"):
        load_model(tmp_path / "model.json", other)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a readable JSON model file"),
        ('{"format": "something else"}', "not a kintrace model file"),
        ('{"format": "kintrace-fellegi-sunter/1"}', "incomplete"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message):
        load_model(path, COMPARISONS)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "none.json", COMPARISONS)


def test_probabilities_out_of_range_are_refused(tmp_path: Path) -> None:
    data = model_to_dict(_model())
    data["comparisons"][0]["levels"][1]["m"] = 1.5
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="outside"):
        load_model(path, COMPARISONS)
