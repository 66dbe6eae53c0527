"""Benchmark kintrace against its peers: Splink and the Python Record Linkage Toolkit.

For each size, generates (once, cached under ``benchmarks/data/``) a children registry and
tracing requests with ground truth; with ``--febrl4`` also FEBRL4. Each tool runs in its own
child process and writes candidates in one format, scored by the same code.

    python benchmarks/bench_peers.py --sizes 2000 20000 --febrl4 --json peers.json

Printed per data set: pairs compared, wall seconds, peak resident memory, recall at 1 and 5 per
sought row whose true child is findable, and average precision; then kintrace's ratios to the
best peer.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "src"))
sys.path.insert(2, str(HERE.parent / "cli"))

import pandas as pd  # noqa: E402

from peers import datasets, scoring  # noqa: E402
from peers.common import CANDIDATES_FILE, META_FILE  # noqa: E402
from peers.runner import MODULES, run_tool  # noqa: E402

COLUMNS = [
    "tool",
    "children",
    "sought_rows",
    "pairs",
    "wall_s",
    "peak_mib",
    "recall_at_1",
    "recall_at_5",
    "recall_at_10",
    "average_precision",
    "precision_at_0.5",
    "recall_at_0.5",
    "read_per_found_top_5",
    "brier",
]


def versions() -> dict[str, str]:
    """Versions of the tools and the libraries they stand on."""
    found = {"python": platform.python_version()}
    for package in ("kintrace", "splink", "recordlinkage", "duckdb", "pandas", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def bench_one(tool: str, data: Path, out: Path, timeout: float) -> dict[str, Any]:
    """Run and score one tool on one data set; a failure becomes a row marked failed."""
    result = run_tool(tool, data, out, timeout, out.with_suffix(".log"))
    row: dict[str, Any] = {
        "tool": tool,
        "wall_s": round(result.wall_seconds, 1),
        "peak_mib": round(result.peak_rss_mib),
    }
    if not result.ok:
        print(f"  {tool} failed: {result.error} (log: {out.with_suffix('.log')})")
        return {**row, "status": "failed", "error": result.error}
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    evaluation = scoring.evaluate_tool(
        pd.read_parquet(out / CANDIDATES_FILE),
        data,
        datasets.truth_links(data),
        datasets.findable_children(data),
    )
    return {
        **row,
        "status": "ok",
        "version": meta.get("version", ""),
        "children": meta["children"],
        "sought_rows": meta["sought_rows"],
        "pairs": meta["pairs_compared"],
        **scoring.score(evaluation),
        "evaluation": evaluation.to_dict(),
    }


def ratios(rows: list[dict[str, Any]]) -> dict[str, float] | None:
    """kintrace against the best peer: time and memory (lower is better), recall at 1."""
    ok = {r["tool"]: r for r in rows if r.get("status") == "ok"}
    peers = [r for t, r in ok.items() if t != "kintrace"]
    if "kintrace" not in ok or not peers:
        return None
    mine = ok["kintrace"]
    best_time = min(r["wall_s"] for r in peers)
    best_memory = min(r["peak_mib"] for r in peers)
    best_recall = max(r["recall_at_1"] for r in peers)
    return {
        "time_vs_fastest_peer": round(mine["wall_s"] / max(best_time, 0.1), 2),
        "memory_vs_leanest_peer": round(mine["peak_mib"] / max(best_memory, 1), 2),
        "recall_at_1_vs_best_peer": round(mine["recall_at_1"] / max(best_recall, 1e-9), 2),
    }


def print_table(name: str, rows: list[dict[str, Any]], ratio: dict[str, float] | None) -> None:
    """One table per data set; failed tools keep their row, marked failed."""
    print(f"\n== {name} ==")
    table = pd.DataFrame(rows).reindex(columns=COLUMNS)
    failed = [r.get("status") != "ok" for r in rows]
    table = table.astype(object).where(table.notna(), "")
    for i, is_failed in enumerate(failed):
        if is_failed:
            table.loc[i, "recall_at_1"] = "failed"
    print(table.to_string(index=False))
    if ratio:
        print("kintrace / best peer: " + ", ".join(f"{k} {v}" for k, v in ratio.items()))


def main() -> None:
    """Parse the command line, run every tool on every data set, print and save figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2_000, 20_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--peers", nargs="+", default=list(MODULES), choices=list(MODULES))
    parser.add_argument("--febrl4", action="store_true", help="Also run on FEBRL4.")
    parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds per tool run.")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--out-dir", type=Path, default=HERE / "out" / "peers")
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    args = parser.parse_args()

    found = versions()
    print("versions: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    sets: list[tuple[str, Path]] = [
        (f"synth-{size}", datasets.generated(size, args.seed, args.data_dir)) for size in args.sizes
    ]
    if args.febrl4:
        sets.append(("febrl4", datasets.febrl4(args.data_dir)))

    report: dict[str, Any] = {"versions": found, "data_sets": {}}
    for name, data in sets:
        rows = []
        for tool in args.peers:
            print(f"{name}: running {tool} ...", flush=True)
            rows.append(bench_one(tool, data, args.out_dir / name / tool, args.timeout))
        ratio = ratios(rows)
        print_table(name, rows, ratio)
        report["data_sets"][name] = {"rows": rows, "kintrace_vs_best_peer": ratio}
        if args.json:
            args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
