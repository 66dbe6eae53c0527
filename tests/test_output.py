"""Output files: formula cells defused, all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kintrace.errors import OutputError
from kintrace.io.writers import OUTPUT_FILES, defuse_formulas, write_results


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("C-0001", "C-0001"),
        ("Amina", "Amina"),
    ],
)
def test_formula_cells_are_defused(value: str, written: str) -> None:
    frame = pd.DataFrame({"child_id": [value], "match_weight": [-3.5]})
    out = defuse_formulas(frame)
    assert out.loc[0, "child_id"] == written
    assert out.loc[0, "match_weight"] == -3.5  # numbers are numbers, not text


def test_results_are_written_whole(tmp_path: Path) -> None:
    frame = pd.DataFrame({"request_id": ["=1"], "match_probability": [0.5]})
    paths = write_results(tmp_path / "out", candidates=frame, report={"a": 1}, model={"b": 2})
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    assert not list((tmp_path / "out").glob(".*partial"))
    assert "'=1" in (tmp_path / "out" / "candidates.csv").read_text(encoding="utf-8")
    # Parquet keeps the data as it is: it is not opened in a spreadsheet.
    assert pd.read_parquet(tmp_path / "out" / "candidates.parquet").loc[0, "request_id"] == "=1"


def test_refuses_to_overwrite_when_asked(tmp_path: Path) -> None:
    frame = pd.DataFrame({"request_id": ["R1"]})
    write_results(tmp_path, candidates=frame, report={}, model={})
    with pytest.raises(OutputError, match="--overwrite"):
        write_results(tmp_path, candidates=frame, report={}, model={}, overwrite=False)


def test_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot create the output directory"):
        write_results(blocker / "out", candidates=pd.DataFrame(), report={}, model={})
