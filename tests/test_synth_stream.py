"""Streaming a large data set in batches: ids stay unique and the truth stays consistent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kintrace.errors import ConfigError, OutputError
from kintrace.synth import SynthConfig, write, write_stream

CONFIG = SynthConfig(n_children=2_500, seed=5)


@pytest.fixture(scope="module")
def streamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stream")
    write_stream(CONFIG, out, batch_children=1_000, overwrite=True)
    return out


def _read(folder: Path) -> dict[str, pd.DataFrame]:
    tables = {
        "children": pd.read_parquet(folder / "children.parquet"),
        "requests": pd.read_parquet(folder / "requests.parquet"),
    }
    for name in ("links", "duplicates", "families", "records"):
        tables[name] = pd.read_csv(folder / f"truth_{name}.csv", dtype=str)
    return tables


def test_ids_are_unique_across_batches(streamed: Path) -> None:
    t = _read(streamed)
    assert len(t["children"]) == CONFIG.n_children
    assert t["children"]["child_id"].is_unique
    assert t["requests"]["sought_id"].is_unique
    assert t["records"]["record_id"].is_unique
    assert t["families"]["record_id"].is_unique


def test_every_link_is_one_person_of_one_family(streamed: Path) -> None:
    t = _read(streamed)
    records = t["records"].set_index("record_id")
    links = t["links"]
    assert links["child_id"].isin(t["children"]["child_id"]).all()
    assert links["sought_id"].isin(t["requests"]["sought_id"]).all()
    child, sought = records.loc[links["child_id"]], records.loc[links["sought_id"]]
    assert (child["person_id"].to_numpy() == sought["person_id"].to_numpy()).all()
    assert (child["family_id"].to_numpy() == sought["family_id"].to_numpy()).all()
    for a, b in zip(t["duplicates"]["child_id_a"], t["duplicates"]["child_id_b"], strict=True):
        assert records.loc[a, "person_id"] == records.loc[b, "person_id"]


def test_streaming_is_deterministic(streamed: Path, tmp_path: Path) -> None:
    write_stream(CONFIG, tmp_path, batch_children=1_000)
    for name in ("children.parquet", "requests.parquet", "truth_links.csv"):
        assert (tmp_path / name).read_bytes() == (streamed / name).read_bytes(), name


def test_one_batch_is_exactly_write(tmp_path: Path) -> None:
    from kintrace.synth import generate

    small = SynthConfig(n_children=300, seed=2)
    write_stream(small, tmp_path / "a", batch_children=1_000, fmt="csv")
    write(generate(small), tmp_path / "b", fmt="csv")
    for name in ("children.csv", "requests.csv", "truth_links.csv", "truth_records.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_csv_streaming_has_one_header(tmp_path: Path) -> None:
    write_stream(CONFIG, tmp_path, batch_children=1_000, fmt="csv")
    text = (tmp_path / "children.csv").read_text(encoding="utf-8")
    assert text.count("child_id,") == 1
    assert len(pd.read_csv(tmp_path / "children.csv", dtype=str)) == CONFIG.n_children


def test_refuses_to_overwrite_and_bad_batches(streamed: Path) -> None:
    with pytest.raises(OutputError, match="overwrite"):
        write_stream(CONFIG, streamed, batch_children=1_000)
    with pytest.raises(ConfigError, match="batch_children"):
        write_stream(CONFIG, streamed, batch_children=0)
