"""kintrace.evaluate end to end: evaluate() on tiny frames, the report, plots, examples/."""

from __future__ import annotations

import builtins
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import kintrace
from kintrace.errors import ConfigError, InputError, KintraceError, ReadError
from kintrace.evaluate import (
    PLOT_FILES,
    evaluate,
    evaluate_run,
    findable_children_from,
    load_truth,
    write_plots,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _candidates(rows: list[tuple[str, str, float, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["sought_id", "child_id", "match_probability", "rank_in_request"]
    )


def _links(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["sought_id", "child_id"])


# Made-up ids. S1's child C1 is ranked 2nd; S2 is a child registered twice (C2, C3); S3 has a
# true child (C9) no candidate reached; S4 is not in the truth (child not registered).
CANDIDATES = _candidates(
    [
        ("S1", "C8", 0.7, 1),
        ("S1", "C1", 0.6, 2),
        ("S2", "C3", 0.95, 1),
        ("S2", "C2", 0.9, 2),
        ("S4", "C5", 0.4, 1),
    ]
)
LINKS = _links(("S1", "C1"), ("S2", "C2"), ("S2", "C3"), ("S3", "C9"))
RECORDS = pd.DataFrame(
    {
        "kind": ["request", "request", "request", "request", "child"],
        "record_id": ["S1", "S2", "S3", "S4", "C1"],
        "culture": ["somali", "arabic", "somali", "arabic", "somali"],
        "requester_relation": ["mother", "uncle", "mother", None, None],
    }
)


def test_evaluate_tiny_by_hand() -> None:
    ev = evaluate(CANDIDATES, LINKS, records=RECORDS, n_children=10, n_request_rows=4)
    s = ev.overall
    # Findable sought rows S1, S2, S3; found at rank 1: S2; at rank ≤ 5: S1, S2.
    assert s.sought_rows_findable == 3 and s.true_pairs == 4 and s.candidates == 5
    assert s.recall_at_k == {
        1: pytest.approx(1 / 3),
        5: pytest.approx(2 / 3),
        10: pytest.approx(2 / 3),
    }
    # p ≥ 0.5: C3, C2, C8, C1 → 3 true of 4; recall 3/4.
    assert (s.precision, s.recall) == (pytest.approx(0.75), pytest.approx(0.75))
    # Ranked: T(.95) T(.9) F(.7) T(.6) F(.4) → AP = (1 + 1 + 3/4) / 4
    assert s.average_precision == pytest.approx(2.75 / 4)
    # Top 1: S1/C8, S2/C3, S4/C5 read → S2 found → 3 per found.
    top1 = s.reviewer_load[0]
    assert (top1.cutoff, top1.candidates_read, top1.sought_rows_found) == ("top 1", 3, 1)
    assert s.written_recall == pytest.approx(3 / 4)
    assert ev.blocking.source == "written candidates"
    assert ev.blocking.pair_completeness == pytest.approx(3 / 4)
    assert ev.blocking.reduction_ratio is None  # no count of blocked pairs
    assert any("1 sought rows with candidates have no true link" in n for n in ev.notes)
    # Breakdowns: S4 has no relation → "unknown".
    assert sorted(ev.breakdowns["culture"]) == ["arabic", "somali"]
    assert sorted(ev.breakdowns["requester_relation"]) == ["mother", "uncle", "unknown"]
    somali = ev.breakdowns["culture"]["somali"]
    # Somali: S1 (found at 2) and S3 (not written) → recall@1 0, recall@5 1/2.
    assert somali.recall_at_k[1] == 0.0 and somali.recall_at_k[5] == pytest.approx(0.5)
    assert ev.breakdowns["requester_relation"]["uncle"].recall_at_k[1] == 1.0


def test_blocked_pairs_give_completeness_and_reduction_ratio() -> None:
    blocked = _links(
        ("S1", "C1"), ("S1", "C8"), ("S2", "C2"), ("S2", "C3"), ("S4", "C5"), ("S3", "C7")
    )
    ev = evaluate(CANDIDATES, LINKS, blocked_pairs=blocked, n_children=10, n_request_rows=4)
    # Blocked pairs hold 3 of the 4 true pairs; 6 of 40 pairs compared → ratio 0.85.
    assert ev.blocking.source == "blocked pairs"
    assert ev.blocking.pair_completeness == pytest.approx(0.75)
    assert ev.blocking.candidate_pairs == 6
    assert ev.blocking.reduction_ratio == pytest.approx(0.85)
    assert ev.overall.blocking_completeness == pytest.approx(0.75)


def test_blocked_pair_count_from_run_report() -> None:
    ev = evaluate(CANDIDATES, LINKS, n_blocked_pairs=20, n_children=10, n_request_rows=4)
    assert ev.blocking.source == "written candidates"
    assert ev.blocking.reduction_ratio == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("findable", "true_pairs", "denominator_says"),
    [
        (None, 4, "all true links"),
        # C9 had no consent: S3 drops out of the denominator.
        (["C1", "C2", "C3"], 3, "3 of 4 true pairs"),
        # A child among the candidates was compared, so it is findable whatever the set says.
        (["C9"], 4, "4 of 4 true pairs"),
        (
            pd.DataFrame({"child_id": ["C1", "C9"], "consent_for_tracing": ["yes", "no"]}),
            3,
            "consent for tracing",
        ),
    ],
)
def test_findable_children_restrict_the_denominator(
    findable: Any, true_pairs: int, denominator_says: str
) -> None:
    ev = evaluate(CANDIDATES, LINKS, findable_children=findable)
    assert ev.overall.true_pairs == true_pairs
    assert denominator_says in ev.denominator


def test_findable_children_from_export_columns() -> None:
    children = pd.DataFrame(
        {"Case No": ["C1", "C2", "C3", "C4"], "Consent to trace": ["yes", "no", "", "Oui"]}
    )
    ids = findable_children_from(children, id_column="Case No", consent_column="Consent to trace")
    assert ids == frozenset({"C1", "C4"})
    assert findable_children_from(
        children, id_column="Case No", consent_column="absent"
    ) == frozenset({"C1", "C2", "C3", "C4"})
    with pytest.raises(ConfigError, match="id_column"):
        findable_children_from(children)


def test_no_candidates() -> None:
    ev = evaluate(CANDIDATES.iloc[0:0], LINKS)
    assert ev.overall.recall_at_k[1] == 0.0
    assert ev.overall.average_precision == 0.0
    assert math.isnan(ev.overall.precision)
    assert ev.calibration.n == 0
    assert json.loads(json.dumps(ev.to_dict()))["overall"]["at_threshold"]["precision"] is None
    assert "n/a" in ev.format_text()


def test_no_truth_links() -> None:
    ev = evaluate(CANDIDATES, LINKS.iloc[0:0])
    assert math.isnan(ev.overall.recall_at_k[1]) and math.isnan(ev.overall.average_precision)
    assert ev.overall.precision == 0.0
    assert ev.calibration.n == 5
    json.dumps(ev.to_dict(), allow_nan=False)


def test_ties_and_missing_rank() -> None:
    # No rank column: ranked by probability, ties in file order; AP treats the tie as one step.
    cands = CANDIDATES.drop(columns="rank_in_request").assign(match_probability=0.5)
    ev = evaluate(cands, LINKS)
    # All five tie: one threshold with precision 3/5 reaching recall 3/4.
    assert ev.overall.average_precision == pytest.approx(0.75 * 0.6)


def test_pair_written_twice_counts_once() -> None:
    doubled = pd.concat([CANDIDATES, CANDIDATES.iloc[[1]].assign(match_probability=0.1)])
    assert evaluate(doubled, LINKS).overall.candidates == 5


@pytest.mark.parametrize(
    ("frame", "kwargs", "error", "message"),
    [
        (CANDIDATES.drop(columns="child_id"), {}, InputError, "child_id"),
        (
            CANDIDATES.assign(match_probability="x"),
            {},
            InputError,
            "row 2, column match_probability",
        ),
        (CANDIDATES, {"threshold": 1.5}, ConfigError, "'threshold' parameter"),
        (CANDIDATES, {"ks": (0, 5)}, ConfigError, "'ks' parameter"),
        (CANDIDATES, {"findable_children": "C1"}, ConfigError, "findable_children"),
    ],
)
def test_bad_input(frame: pd.DataFrame, kwargs: dict[str, Any], error: type, message: str) -> None:
    with pytest.raises(error, match=message) as info:
        evaluate(frame, LINKS, **kwargs)
    assert isinstance(info.value, KintraceError)


def test_to_dict_is_stable_json() -> None:
    ev = evaluate(CANDIDATES, LINKS, records=RECORDS)
    data = ev.to_dict()
    assert list(data) == [
        "denominator",
        "notes",
        "overall",
        "blocking",
        "calibration",
        "curve",
        "breakdowns",
    ]
    text = json.dumps(data, allow_nan=False)
    assert text == json.dumps(evaluate(CANDIDATES, LINKS, records=RECORDS).to_dict())
    assert data["overall"]["recall_at_k"] == {"1": 0.3333, "5": 0.6667, "10": 0.6667}
    assert len(data["curve"]["thresholds"]) == 101
    assert list(data["breakdowns"]) == ["culture", "requester_relation"]


def test_format_text_shows_sections_and_no_ids() -> None:
    text = evaluate(CANDIDATES, LINKS, records=RECORDS).format_text()
    for heading in (
        "Overall",
        "Reviewer load",
        "recall of written candidates",
        "Calibration",
        "By naming culture",
        "By requester relation",
    ):
        assert heading in text
    # Record ids stay out of the report: it carries counts and shares only.
    assert "S1" not in text and "C1" not in text


def _truth_dir(tmp_path: Path) -> Path:
    LINKS.assign(request_id="R1").to_csv(tmp_path / "truth_links.csv", index=False)
    RECORDS.to_csv(tmp_path / "truth_records.csv", index=False)
    return tmp_path


def test_load_truth(tmp_path: Path) -> None:
    truth = load_truth(_truth_dir(tmp_path))
    assert len(truth.links) == 4 and truth.records is not None
    assert truth.duplicates is None and truth.families is None
    with pytest.raises(ReadError, match=r"truth_links\.csv"):
        load_truth(tmp_path / "nowhere")
    (tmp_path / "truth_records.csv").write_text("kind,record_id\nrequest,S1\n", encoding="utf-8")
    with pytest.raises(ReadError, match="culture"):
        load_truth(tmp_path)


def test_evaluate_run_reads_outputs(tmp_path: Path) -> None:
    (tmp_path / "truth").mkdir()
    truth = _truth_dir(tmp_path / "truth")
    out = tmp_path / "out"
    out.mkdir()
    CANDIDATES.to_parquet(out / "candidates.parquet", index=False)
    report = {
        "children": {"records_matched": 10, "excluded_without_consent": 2},
        "requests": {"rows_matched": 4},
        "blocking": {"candidate_pairs": 20},
    }
    (out / "run_report.json").write_text(json.dumps(report), encoding="utf-8")
    ev = evaluate_run(out, truth)
    assert ev.blocking.reduction_ratio == pytest.approx(0.5)
    assert any("2 children without consent" in n for n in ev.notes)
    assert not any("consent" in n for n in evaluate_run(out, truth, children=["C1"]).notes)
    with pytest.raises(ReadError, match="no candidates"):
        evaluate_run(tmp_path, truth)


def test_write_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    paths = write_plots(evaluate(CANDIDATES, LINKS), tmp_path / "plots")
    assert [p.name for p in paths] == list(PLOT_FILES)
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_write_plots_without_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "matplotlib":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(ConfigError, match=r"pip install 'kintrace\[plots\]'"):
        write_plots(evaluate(CANDIDATES, LINKS), tmp_path)


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples_run")
    kintrace.match_files(
        EXAMPLES / "children.csv", EXAMPLES / "requests.csv", out, mapping="examples"
    )
    return out


def test_examples_end_to_end(examples_run: Path) -> None:
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str, keep_default_na=False)
    consent = findable_children_from(
        children, id_column="Case No", consent_column="Consent to trace"
    )
    ev = evaluate_run(examples_run, EXAMPLES, children=consent)
    truth = load_truth(EXAMPLES)
    assert truth.records is not None
    cultures = set(truth.records["culture"])
    assert len(cultures) == 6
    assert set(ev.breakdowns["culture"]) == cultures
    relations = set(truth.records["requester_relation"].dropna())
    assert relations <= set(ev.breakdowns["requester_relation"])
    assert "findable children only" in ev.denominator
    assert ev.overall.true_pairs < len(truth.links)  # children without consent left out
    # The run finds most findable children at rank 1; a loose floor catches a broken join.
    assert ev.overall.recall_at_k[1] > 0.5
    assert ev.overall.recall_at_k[1] <= ev.overall.recall_at_k[5] <= ev.overall.recall_at_k[10]
    assert ev.blocking.candidate_pairs is not None and 0.9 < (ev.blocking.reduction_ratio or 0) < 1
    data = json.loads(json.dumps(ev.to_dict(), allow_nan=False))
    assert set(data["breakdowns"]["culture"]) == cultures
    text = ev.format_text()
    # No record content in the report: no child id, no name from the registry.
    assert "C000001" not in text
    assert children["Last Name"].dropna().iloc[0] not in text
