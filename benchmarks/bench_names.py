"""Name-matching benchmark: how well, and how fast, name scorers tell one child from another.

Labelled pairs of full names as written (same person vs different persons) come from a
``kintrace.synth`` data set (cached under ``benchmarks/data/``, shared with the other
benchmarks) and from FEBRL4. Each scorer scores every pair; printed per data set:

- ROC AUC and recall at 1% false-positive rate, overall, per kind of negative (sibling,
  shares-token, random), per script pair (latin–latin, arabic–latin ...) and per culture;
- name comparisons per second (median of repeated runs), and kintrace's vectorised path as a
  multiple of raw ``rapidfuzz.process.cpdist`` Jaro-Winkler on the same pairs.

    python benchmarks/bench_names.py --size 20000 --seed 7 --json names.json

Only counts and figures are printed, never a name.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "src"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from names import pairs as pair_tables  # noqa: E402
from names import report, scorers  # noqa: E402
from peers import datasets  # noqa: E402

RAW = "raw cpdist JW"
SCALAR = "kintrace one pair per call"
BREAKDOWNS = (("script pair", "script_pair"), ("culture", "culture"))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="generated children")
    parser.add_argument("--seed", type=int, default=7, help="seed of data and negatives")
    parser.add_argument(
        "--negatives-per-positive", type=float, default=4.0, help="negatives drawn per positive"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per scorer")
    parser.add_argument("--fpr", type=float, default=0.01, help="false-positive rate of recall")
    parser.add_argument(
        "--min-negatives",
        type=int,
        default=100,
        help="fewest negatives in a group for its recall at the FPR to be shown",
    )
    parser.add_argument(
        "--scalar-sample", type=int, default=2000, help="pairs timed with name_similarity"
    )
    parser.add_argument("--no-febrl4", action="store_true", help="skip FEBRL4")
    parser.add_argument(
        "--nomenklatura-python",
        default=sys.executable,
        help="interpreter of an environment with nomenklatura installed (the peer)",
    )
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    return parser.parse_args(argv)


def versions(nomenklatura_python: str) -> dict[str, str]:
    """Versions of Python and the libraries measured (nomenklatura from its environment)."""
    found = {"python": platform.python_version()}
    for package in ("kintrace", "rapidfuzz", "anyascii", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    probe = "import importlib.metadata as m; print(m.version('nomenklatura'))"
    done = subprocess.run(
        [nomenklatura_python, "-c", probe], capture_output=True, text=True, check=False
    )
    found["nomenklatura"] = done.stdout.strip() if done.returncode == 0 else "not installed"
    return found


def load_pairs(args: argparse.Namespace) -> dict[str, pd.DataFrame]:
    """The pair tables of each data set, generating or converting the data once."""
    ratio, seed = args.negatives_per_positive, args.seed
    generated = datasets.generated(args.size, seed, args.data_dir)
    tables = {f"generated {args.size:,}": pair_tables.generated_pairs(generated, ratio, seed)}
    if not args.no_febrl4:
        tables["FEBRL4"] = pair_tables.febrl4_pairs(datasets.febrl4(args.data_dir), ratio, seed)
    return tables


def run_scorers(
    table: pd.DataFrame, scorer_list: Sequence[scorers.Scorer], repeats: int
) -> dict[str, scorers.Timed]:
    """Score every pair with every scorer; a scorer that fails is left out, by error type."""
    left, right = table["left"].tolist(), table["right"].tolist()
    results: dict[str, scorers.Timed] = {}
    for scorer in scorer_list:
        try:
            result = scorer.run(left, right, repeats)
        except Exception as exc:  # one broken scorer must not stop the others
            print(f"  {scorer.name}: failed ({type(exc).__name__}); left out")
            continue
        values = result.scores
        if values.shape != (len(table),) or not np.all((values >= 0.0) & (values <= 1.0)):
            print(f"  {scorer.name}: scores of shape {values.shape} not all in [0, 1]; left out")
            continue
        results[scorer.name] = result
        print(f"  {scorer.name}: {len(table):,} pairs in {result.median_seconds:.2f}s (median)")
    return results


def scalar_check(
    table: pd.DataFrame,
    one_pair: Callable[[str, str], float],
    vectorised: np.ndarray,
    sample: int,
    repeats: int,
) -> tuple[int, list[float], float]:
    """Time ``name_similarity`` one pair per call on ``sample`` pairs spread over the table.

    Also returns its largest difference from the vectorised scores of the same pairs: the
    two paths are documented to agree. (Spread, because the table lists positives first.)
    """
    n = min(sample, len(table))
    index = np.linspace(0, len(table) - 1, n).astype(np.int64)
    left, right = (
        table["left"].to_numpy()[index].tolist(),
        table["right"].to_numpy()[index].tolist(),
    )
    seconds: list[float] = []
    scores = np.zeros(n)
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        scores = np.array([one_pair(a, b) for a, b in zip(left, right, strict=True)])
        seconds.append(time.perf_counter() - started)
    return n, seconds, float(np.max(np.abs(scores - vectorised[index]), initial=0.0))


def speed_section(
    table: pd.DataFrame, results: dict[str, scorers.Timed], args: argparse.Namespace
) -> dict[str, Any]:
    """Speed rows of one data set, with raw cpdist as the baseline and the scalar path."""
    left, right = table["left"].tolist(), table["right"].tolist()
    raw = scorers.timed(scorers.raw_cpdist_jaro_winkler, left, right, args.repeats)
    timings: dict[str, tuple[int, Sequence[float]]] = {RAW: (len(table), raw.seconds)}
    timings.update({name: (len(table), r.seconds) for name, r in results.items()})
    section: dict[str, Any] = {}
    found = scorers.kintrace_scorers()
    if found is not None and "kintrace" in results and args.scalar_sample > 0:
        n, seconds, gap = scalar_check(
            table, found[2], results["kintrace"].scores, args.scalar_sample, args.repeats
        )
        timings[SCALAR] = (n, seconds)
        section["scalar_vs_vectorised_max_abs_diff"] = gap
    section["speed"] = report.speed_rows(timings, baseline=RAW)
    return section


def accuracy_section(
    table: pd.DataFrame, results: dict[str, scorers.Timed], args: argparse.Namespace
) -> dict[str, list[dict[str, Any]]]:
    """Every accuracy breakdown of one data set."""
    scores = {name: r.scores for name, r in results.items()}
    fpr, least = args.fpr, args.min_negatives
    section = {
        "overall": report.accuracy_rows(table, scores, None, fpr, least),
        "negative kind": report.negative_kind_rows(table, scores, fpr, least),
    }
    for title, column in BREAKDOWNS:
        section[title] = report.accuracy_rows(table, scores, column, fpr, least)
    return section


def counts(table: pd.DataFrame) -> dict[str, int]:
    """Pairs per label and kind (the only description of the data that is printed)."""
    sizes = table.groupby(["label", "kind"]).size()
    return {
        f"{'same' if label else 'different'}: {kind}": int(n)
        for label, kind, n in zip(
            sizes.index.get_level_values(0), sizes.index.get_level_values(1), sizes, strict=True
        )
    }


def print_dataset(name: str, figures: dict[str, Any], fpr: float) -> None:
    """Markdown tables of one data set."""
    print(f"\n## {name}\n")
    print(", ".join(f"{k} {v:,}" for k, v in figures["pairs"].items()))
    print(f"\n'auc X': ROC AUC of scorer X; 'r@fpr X': recall at {fpr:.0%} false positives.")
    for title, rows in figures["accuracy"].items():
        if name == "FEBRL4" and title in dict(BREAKDOWNS):
            continue  # one script and one culture: the overall table says it all
        print(f"\n### By {title}\n" if title != "overall" else "\n### Overall\n")
        print(report.markdown_table(rows))
    print("\n### Speed (name comparisons per second, median run)\n")
    print(report.markdown_table(figures["speed"]))
    gap = figures.get("scalar_vs_vectorised_max_abs_diff")
    if gap is not None:
        print(f"\nname_similarity vs name_similarities, largest difference: {gap:.2e}")
    ratio = next((r[f"× {RAW}"] for r in figures["speed"] if r["scorer"] == "kintrace"), None)
    if ratio is not None:
        verdict = "within" if ratio <= 5 else "NOT within"
        print(f"kintrace vectorised = {ratio:.1f}× raw cpdist Jaro-Winkler ({verdict} 5×)")


def _clean(value: Any) -> Any:
    """JSON-safe figures: NaN and infinities become null."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    scorer_list = scorers.default_scorers(args.nomenklatura_python)
    names = [s.name for s in scorer_list]
    if "kintrace" not in names:
        print("kintrace.names.name_similarities is not importable: kintrace left out")
    if "nomenklatura" not in names:
        print(f"nomenklatura not importable by {args.nomenklatura_python}: peer left out")
    output: dict[str, Any] = {
        "versions": versions(args.nomenklatura_python),
        "settings": {k: str(v) for k, v in vars(args).items()},
        "scorers": {s.name: s.about for s in scorer_list},
        "datasets": {},
    }
    for name, table in load_pairs(args).items():
        print(f"{name}: {len(table):,} pairs")
        results = run_scorers(table, scorer_list, args.repeats)
        figures = {"pairs": counts(table), "accuracy": accuracy_section(table, results, args)}
        figures.update(speed_section(table, results, args))
        output["datasets"][name] = figures
        print_dataset(name, figures, args.fpr)
    if args.json:
        args.json.write_text(json.dumps(_clean(output), indent=2), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
