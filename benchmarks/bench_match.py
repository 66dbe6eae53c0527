"""Benchmark ``kintrace match`` on generated registries: accuracy, wall time, peak memory.

For each size, generates (once, cached under ``benchmarks/data/``) a children registry and about
as many tracing-request rows with ground truth, runs the real command line in a child process,
and prints recall of a true child at rank 1 and within the top 5 per sought child (overall
and by the requester's relation), the wall time and the peak resident memory of that process.

    python benchmarks/bench_match.py --sizes 20000 200000

Recall counts sought children whose true child is registered *with consent* (the ones a run
can find; children without consent are left out of matching by design).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from peers.datasets import generated

HERE = Path(__file__).resolve().parent


def run_match(
    data: Path, out: Path, threads: int, extra: tuple[str, ...] = ()
) -> tuple[float, float]:
    """Run ``kintrace match`` in a child process; returns (wall seconds, peak RSS in MiB)."""
    command = [
        sys.executable,
        "-m",
        "kintrace_cli",
        "match",
        str(data / "children.parquet"),
        str(data / "requests.parquet"),
        "--out",
        str(out),
        "--threads",
        str(threads),
        "--quiet",
        "--overwrite",
        *extra,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    # wait4 gives the resource usage of this one child, including its peak resident memory.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"kintrace match failed on {data} (exit {os.waitstatus_to_exitcode(status)})"
        )
    return wall, usage.ru_maxrss / 1024.0


def recall(out: Path, data: Path) -> dict[str, float]:
    """Recall at rank 1 and 5, and candidates per sought child, against the truth links."""
    candidates = pd.read_parquet(out / "candidates.parquet")
    links = pd.read_csv(data / "truth_links.csv", dtype=str)
    children = pd.read_parquet(
        data / "children.parquet", columns=["child_id", "consent_for_tracing"]
    )
    consent = children["consent_for_tracing"].fillna("").str.strip().str.lower()
    findable = set(children.loc[consent.isin(["yes", "y", "true", "1"]), "child_id"])
    links = links[links["child_id"].isin(findable)]
    truth = links.groupby("sought_id")["child_id"].apply(set)
    ranked = candidates.merge(
        links[["sought_id", "child_id"]].assign(true_link=True),
        on=["sought_id", "child_id"],
        how="left",
    )
    ranked["true_link"] = ranked["true_link"].eq(True)
    hits = ranked[ranked["true_link"]].groupby("sought_id")["rank_in_request"].min()
    hits = hits.reindex(truth.index)
    sought_rows = candidates["sought_id"].nunique()
    return {
        "sought_with_true_child": float(len(truth)),
        "recall_at_1": float((hits <= 1).mean()),
        "recall_at_5": float((hits <= 5).mean()),
        "candidates_per_sought_row": float(len(candidates) / max(sought_rows, 1)),
    }


def recall_by_relation(out: Path, data: Path) -> pd.DataFrame:
    """Recall at rank 1 and 5 per requester relation (as the truth records give it)."""
    candidates = pd.read_parquet(out / "candidates.parquet")
    links = pd.read_csv(data / "truth_links.csv", dtype=str)
    children = pd.read_parquet(
        data / "children.parquet", columns=["child_id", "consent_for_tracing"]
    )
    consent = children["consent_for_tracing"].fillna("").str.strip().str.lower()
    links = links[links["child_id"].isin(children.loc[consent.isin(["yes", "y", "true", "1"]),
                                                      "child_id"])]  # fmt: skip
    records = pd.read_csv(data / "truth_records.csv", dtype=str)
    relation = records.loc[records["kind"] == "request"].set_index("record_id")[
        "requester_relation"
    ]
    ranked = candidates.merge(
        links[["sought_id", "child_id"]].drop_duplicates(), on=["sought_id", "child_id"]
    )
    best = ranked.groupby("sought_id")["rank_in_request"].min()
    sought = pd.Index(links["sought_id"].unique())
    rank = best.reindex(sought)
    frame = pd.DataFrame({"relation": relation.reindex(sought).fillna("unknown"), "rank": rank})
    table = frame.groupby("relation").agg(
        sought=("rank", "size"),
        recall_at_1=("rank", lambda r: float((r <= 1).mean())),
        recall_at_5=("rank", lambda r: float((r <= 5).mean())),
    )
    return table.round(4)


BANDS = (0.0, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 1.0)


def calibration(out: Path, data: Path) -> pd.DataFrame:
    """Share of true links among the candidates in each band of match probability."""
    candidates = pd.read_parquet(out / "candidates.parquet")
    links = pd.read_csv(data / "truth_links.csv", dtype=str)
    scored = candidates.merge(
        links[["sought_id", "child_id"]].assign(true_link=True),
        on=["sought_id", "child_id"],
        how="left",
    )
    scored["true_link"] = scored["true_link"].eq(True)
    band = pd.cut(scored["match_probability"], BANDS, include_lowest=True)
    table = scored.groupby(band, observed=True).agg(
        candidates=("true_link", "size"),
        mean_probability=("match_probability", "mean"),
        true_link_share=("true_link", "mean"),
    )
    return table.round(3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--out-dir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    parser.add_argument(
        "--name-parts",
        action="store_true",
        help="Run kintrace match --name-parts (names compared box by box, as until 2026-11-29).",
    )
    args = parser.parse_args()

    rows = []
    for size in args.sizes:
        data = generated(size, args.seed, args.data_dir)
        out = args.out_dir / f"match-{size}"
        extra = ("--name-parts",) if args.name_parts else ()
        wall, peak = run_match(data, out, args.threads, extra)
        report = json.loads((out / "run_report.json").read_text(encoding="utf-8"))
        figures = recall(out, data)
        rows.append(
            {
                "children": size,
                "request_rows": report["inputs"]["requests"]["rows"],
                "candidate_pairs": report["blocking"]["candidate_pairs"],
                "wall_seconds": round(wall, 1),
                "peak_rss_mib": round(peak),
                **{k: round(v, 4) for k, v in figures.items()},
            }
        )
        print(json.dumps(rows[-1]))
        print(f"calibration, {size:,} children:")
        print(calibration(out, data).to_string())
        print(f"by requester relation, {size:,} children:")
        print(recall_by_relation(out, data).to_string())

    table = pd.DataFrame(rows)
    print()
    print(table.to_string(index=False))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
