"""End to end: the ``kintrace`` command on files, as an analyst runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from kintrace.synth import EXPORT_COLUMNS
from kintrace_cli.main import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def _match(*args: str) -> object:
    return runner.invoke(app, ["match", *args], catch_exceptions=False)


def _match_examples(out: Path, *options: str) -> object:
    """``kintrace match`` on the bundled examples with the shipped examples mapping."""
    children, requests = EXAMPLES / "children.csv", EXAMPLES / "requests.csv"
    return _match(str(children), str(requests), "-m", "examples", "-o", str(out), *options)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "results"
    result = _match_examples(out, "--quiet")
    assert result.exit_code == 0, result.output
    return out


def test_example_run_writes_every_output(example_run: Path) -> None:
    names = sorted(p.name for p in example_run.iterdir())
    assert names == sorted(
        ["candidates.csv", "candidates.parquet", "run_report.json", "model.json"]
    )


def test_candidates_are_ranked_with_reasons(example_run: Path) -> None:
    candidates = pd.read_parquet(example_run / "candidates.parquet")
    expected = {
        "request_id",
        "sought_id",
        "child_id",
        "match_probability",
        "match_weight",
        "rank_in_request",
        "rank_for_child",
        "reasons",
        "full_name_level",
        "full_name_weight",
        "date_of_birth_level",
    }
    assert expected <= set(candidates.columns)
    assert candidates["match_probability"].between(0, 1).all()
    assert (candidates.groupby("sought_id").size() <= 10).all()
    for _, group in candidates.groupby("sought_id"):
        assert list(group["rank_in_request"]) == list(range(1, len(group) + 1))
        assert group["match_weight"].is_monotonic_decreasing
    # Each weight column adds up, with the prior, to the match weight.
    weights = candidates[[c for c in candidates.columns if c.endswith("_weight")]]
    report = json.loads((example_run / "run_report.json").read_text(encoding="utf-8"))
    model = json.loads((example_run / "model.json").read_text(encoding="utf-8"))
    total = weights.drop(columns="match_weight").sum(axis=1) + model["prior_match_weight"]
    assert (total - candidates["match_weight"]).abs().max() < 1e-3
    assert report["candidates_written"] == len(candidates)
    # The date's reason says what each side gave: "age 13 (estimated) in 2023 vs born 2010".
    dated = candidates["reasons"].str.extract(r"date of birth or age: (.+?) \([+-]\d")[0]
    assert dated.notna().mean() > 0.9
    quoted = dated.dropna().str.contains(r"^(?:born|age) .+ vs (?:born|age) .+: ", regex=True)
    assert quoted.all()


def test_true_links_come_first_for_most_requests(example_run: Path) -> None:
    candidates = pd.read_parquet(example_run / "candidates.parquet")
    links = pd.read_csv(EXAMPLES / "truth_links.csv", dtype=str)
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str)
    consent_column = EXPORT_COLUMNS["children"]["consent_for_tracing"]
    id_column = EXPORT_COLUMNS["children"]["child_id"]
    findable = set(children.loc[children[consent_column].str.lower() == "yes", id_column])
    links = links[links["child_id"].isin(findable)]
    hits = candidates.merge(links, on=["sought_id", "child_id"])
    best = hits.groupby("sought_id")["rank_in_request"].min()
    at_one = (best == 1).sum() / links["sought_id"].nunique()
    assert at_one > 0.6


def test_children_without_consent_are_left_out_and_counted(example_run: Path) -> None:
    report = json.loads((example_run / "run_report.json").read_text(encoding="utf-8"))
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str)
    consent = children[EXPORT_COLUMNS["children"]["consent_for_tracing"]].str.lower()
    assert report["children"]["excluded_without_consent"] == int((consent != "yes").sum())
    candidates = pd.read_parquet(example_run / "candidates.parquet")
    without = set(children.loc[consent != "yes", EXPORT_COLUMNS["children"]["child_id"]])
    assert not set(candidates["child_id"]) & without


def test_include_without_consent_option(tmp_path: Path) -> None:
    out = tmp_path / "all"
    result = _match_examples(out, "--include-without-consent", "-q")
    assert result.exit_code == 0, result.output
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    assert report["children"]["excluded_without_consent"] == 0
    assert report["children"]["records_matched"] == 1000


def test_same_input_and_seed_give_byte_identical_output(tmp_path: Path, example_run: Path) -> None:
    out = tmp_path / "again"
    result = _match_examples(out, "-q")
    assert result.exit_code == 0, result.output
    for name in ("candidates.csv", "candidates.parquet", "run_report.json", "model.json"):
        assert (out / name).read_bytes() == (example_run / name).read_bytes(), name


def test_a_saved_model_scores_a_later_run(tmp_path: Path, example_run: Path) -> None:
    out = tmp_path / "scored"
    result = _match_examples(out, "--model", str(example_run / "model.json"), "-q")
    assert result.exit_code == 0, result.output
    first = pd.read_parquet(example_run / "candidates.parquet")
    second = pd.read_parquet(out / "candidates.parquet")
    pd.testing.assert_frame_equal(first, second)
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    assert report["model"]["trained_on_this_run"] is False


def test_top_k_and_min_probability(tmp_path: Path) -> None:
    out = tmp_path / "narrow"
    result = _match_examples(out, "--top-k", "2", "--min-probability", "0.5", "-q")
    assert result.exit_code == 0, result.output
    candidates = pd.read_parquet(out / "candidates.parquet")
    assert candidates["rank_in_request"].max() <= 2
    assert candidates["match_probability"].min() >= 0.5


def test_whole_names_are_the_default_and_name_parts_the_option(tmp_path: Path) -> None:
    out = tmp_path / "parts"
    result = _match_examples(out, "--name-parts", "-q")
    assert result.exit_code == 0, result.output
    candidates = pd.read_parquet(out / "candidates.parquet")
    assert {"given_name_level", "family_name_level"} <= set(candidates.columns)
    assert "full_name_level" not in candidates.columns
    # The old switch is accepted, says it is the default now, and changes nothing.
    old = tmp_path / "old"
    result = _match_examples(old, "--full-names", "-q")
    assert result.exit_code == 0, result.output
    assert "default now" in result.output
    candidates = pd.read_parquet(old / "candidates.parquet")
    assert "full_name_level" in candidates.columns
    assert candidates["reasons"].str.contains("full name (any order or script)", regex=False).any()
    result = _match_examples(tmp_path / "both", "--full-names", "--name-parts", "-q")
    assert result.exit_code == 2
    assert "exclude each other" in result.output


def test_progress_names_steps_and_counts_never_records(tmp_path: Path) -> None:
    result = _match_examples(tmp_path / "loud")
    assert result.exit_code == 0
    assert "pairs from rule" in result.output
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str)
    names = children[EXPORT_COLUMNS["children"]["family_name"]].dropna().unique()
    leaked = [n for n in names if len(n) > 3 and n in result.output]
    assert not leaked


def test_existing_results_are_kept_unless_overwrite(tmp_path: Path, example_run: Path) -> None:
    out = tmp_path / "kept"
    shutil.copytree(example_run, out)
    before = (out / "candidates.csv").read_bytes()
    result = _match_examples(out, "-q")
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert (out / "candidates.csv").read_bytes() == before


def test_bad_input_exits_2_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    children = tmp_path / "children.csv"
    children.write_text("kid,given,family\nC1,Amal,Haddad\nC1,Rami,Haddad\n", encoding="utf-8")
    requests = tmp_path / "requests.csv"
    requests.write_text("request_id,full_name\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _match(str(children), str(requests), "-o", str(out), "-q")
    assert result.exit_code == 2
    assert "child_id" in result.output
    assert "nearest column in the file: 'given'" in result.output
    assert "no data rows" in result.output
    assert "Amal" not in result.output and "Haddad" not in result.output
    assert not out.exists()


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = _match(str(tmp_path / "nope.csv"), str(tmp_path / "nope2.csv"), "-o", str(tmp_path))
    assert result.exit_code == 2


def test_unknown_mapping_name_exits_2(tmp_path: Path) -> None:
    result = _match(
        str(EXAMPLES / "children.csv"),
        str(EXAMPLES / "requests.csv"),
        "-m",
        "primer",
        "-o",
        str(tmp_path / "o"),
    )
    assert result.exit_code == 2
    assert "primero" in result.output


def test_shipped_examples_mapping_covers_the_export_columns() -> None:
    from kintrace.io import load_mapping

    mapping = load_mapping("examples")
    for kind, table in (("children", mapping.children), ("requests", mapping.requests)):
        mapped = {name: sources[0] for name, sources in table.columns}
        assert mapped == EXPORT_COLUMNS[kind]


def test_synth_command_writes_registries_and_truth(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["synth", "--out", str(tmp_path / "s"), "--children", "200", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "s").iterdir()}
    assert {"children.csv", "requests.csv", "truth_links.csv"} <= names


def test_schema_and_mappings_commands() -> None:
    schema = runner.invoke(app, ["schema"])
    assert schema.exit_code == 0
    assert "consent_for_tracing" in schema.output
    mappings = runner.invoke(app, ["mappings"])
    assert "primero" in mappings.output and "examples" in mappings.output


def test_registry_without_consent_column_is_matched_whole_with_a_warning(tmp_path: Path) -> None:
    from kintrace.io import load_mapping, load_registry

    mapping = load_mapping("examples")
    children = load_registry(EXAMPLES / "children.csv", "children", mapping.children).frame
    children = children.drop(columns=["consent_for_tracing", "_source_row"])
    children.to_csv(tmp_path / "children.csv", index=False)
    requests = load_registry(EXAMPLES / "requests.csv", "requests", mapping.requests).frame
    requests.drop(columns=["_source_row"]).to_csv(tmp_path / "requests.csv", index=False)
    # Columns already carry canonical names: no mapping needed.
    result = _match(
        str(tmp_path / "children.csv"), str(tmp_path / "requests.csv"), "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 0, result.output
    assert "no consent_for_tracing column" in result.output
    report = json.loads((tmp_path / "out" / "run_report.json").read_text(encoding="utf-8"))
    assert report["children"]["records_matched"] == len(children)


def test_evaluate_command_scores_a_run_against_truth(tmp_path: Path, example_run: Path) -> None:
    out = tmp_path / "evaluation"
    result = runner.invoke(
        app,
        [
            "evaluate",
            str(example_run),
            str(EXAMPLES),
            "--children",
            str(EXAMPLES / "children.csv"),
            "-m",
            "examples",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "recall within top 1" in result.output
    assert "By naming culture" in result.output
    report = json.loads((out / "evaluation.json").read_text(encoding="utf-8"))
    assert report["overall"]["recall_at_k"]["1"] > 0.6
    assert (out / "precision_recall.png").stat().st_size > 0


def test_write_pairs_gives_exact_blocking_completeness(tmp_path: Path) -> None:
    out = tmp_path / "with_pairs"
    result = _match_examples(out, "--write-pairs", "-q")
    assert result.exit_code == 0, result.output
    pairs = pd.read_parquet(out / "blocked_pairs.parquet")
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    assert len(pairs) == report["blocking"]["candidate_pairs"]
    assert not pairs.duplicated().any()
    # Every written candidate is one of the blocked pairs.
    candidates = pd.read_parquet(out / "candidates.parquet")
    merged = candidates.merge(pairs, on=["sought_id", "child_id"], how="left", indicator=True)
    assert (merged["_merge"] == "both").all()
    evaluation = runner.invoke(app, ["evaluate", str(out), str(EXAMPLES)])
    assert evaluation.exit_code == 0, evaluation.output
    assert "Blocking (from blocked pairs)" in evaluation.output


def _ethiopian(iso: str) -> str | None:
    """A Gregorian ISO day as an Ethiopian dd/mm/yyyy date (other values: none)."""
    from convertdate import coptic

    if not isinstance(iso, str) or len(iso) != 10:
        return None
    year, month, day = coptic.from_gregorian(*(int(p) for p in iso.split("-")))
    return f"{day:02d}/{month:02d}/{year + 276}"


def test_a_date_column_in_the_ethiopian_calendar(tmp_path: Path) -> None:
    # The same registry twice: dates of birth as Gregorian days, and as the Ethiopian dates of
    # the same days with the mapping saying so. (Year-only dates are left out of both: a
    # Gregorian year is no Ethiopian year; and so are 1 January and 1 July, defaults only in
    # the Gregorian calendar.) Every candidate must compare its dates alike.
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str, keep_default_na=False)
    day_and_month = children["DOB"].str[5:]
    full = (children["DOB"].str.len() == 10) & ~day_and_month.isin(["01-01", "07-01"])
    ethiopian = children["DOB"].map(_ethiopian).fillna("")
    # Nor the days that are 1 Meskerem or 1 Hamle, the defaults' places in the Ethiopian year.
    full &= ~ethiopian.str[:6].isin(["01/01/", "01/07/"])
    days = children["DOB"].where(full, "")
    mapping = (
        (Path(__file__).resolve().parent.parent / "src/kintrace/mappings/examples.toml")
        .read_text(encoding="utf-8")
        .replace("[requests]", '[children.calendars]\ndate_of_birth = "ethiopian"\n\n[requests]')
    )
    (tmp_path / "ethiopian.toml").write_text(mapping, encoding="utf-8")
    runs = {}
    for name, dob, mapping_arg in (
        ("gregorian", days, "examples"),
        ("ethiopian", ethiopian.where(full, ""), str(tmp_path / "ethiopian.toml")),
    ):
        path = tmp_path / f"{name}.csv"
        children.assign(DOB=dob).to_csv(path, index=False)
        out = tmp_path / name
        result = _match(
            str(path), str(EXAMPLES / "requests.csv"), "-m", mapping_arg, "-o", str(out), "-q"
        )
        assert result.exit_code == 0, result.output
        runs[name] = pd.read_csv(out / "candidates.csv", dtype=str)
    assert (runs["ethiopian"]["child_id"] == runs["gregorian"]["child_id"]).all()
    pd.testing.assert_series_equal(
        runs["ethiopian"]["date_of_birth_level"], runs["gregorian"]["date_of_birth_level"]
    )
    assert (runs["gregorian"]["date_of_birth_level"] == "same date").sum() > 50


def test_an_unknown_calendar_in_the_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[children.calendars]\ndate_of_birth = "ethiopic"\n', encoding="utf-8")
    result = _match(
        str(EXAMPLES / "children.csv"), str(EXAMPLES / "requests.csv"), "-m", str(path),
        "-o", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "date_of_birth" in result.output and "ethiopian" in result.output


def test_impossible_births_are_reported_by_row_not_value(tmp_path: Path) -> None:
    children = pd.read_csv(EXAMPLES / "children.csv", dtype=str, keep_default_na=False)
    children.loc[3, "DOB"] = "2099-01-01"  # a typo for a birth in the future; row 5 of the file
    path = tmp_path / "children.csv"
    children.to_csv(path, index=False)
    out = tmp_path / "out"
    result = _match(str(path), str(EXAMPLES / "requests.csv"), "-m", "examples", "-o", str(out))
    assert result.exit_code == 0, result.output
    report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
    flagged = report["children"]["implausible_values"]
    assert flagged == [
        {
            "column": "date_of_birth",
            "count": 1,
            "first_rows": [5],
            "reason": "a birth after the reference date or after today",
        }
    ]
    messages = [issue["message"] for issue in report["warnings"]["issues"]]
    assert any("date_of_birth" in m and "row 5" in m and "kept" in m for m in messages)
    assert "2099" not in json.dumps(report["warnings"])


def test_default_days_option(tmp_path: Path) -> None:
    result = _match_examples(tmp_path / "a", "--default-days", "1/1,1/7,31/12", "-q")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "a" / "run_report.json").read_text(encoding="utf-8"))
    assert report["settings"]["default_days"] == [[1, 1], [1, 7], [31, 12]]
    result = _match_examples(tmp_path / "b", "--default-days", "1/13x")
    assert result.exit_code == 2
    assert "--default-days" in result.output and "'1/13x'" in result.output
