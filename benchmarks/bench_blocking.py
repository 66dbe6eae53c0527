"""Benchmark the block step: pair completeness, candidate pairs per request, time.

Pair completeness — the share of true (child, sought child) pairs that blocking ever puts in
front of the comparisons — is the ceiling on every later figure. For each size this generates
(once, cached in ``benchmarks/data/``, shared with the other benchmarks) a registry with ground
truth, standardises both sides and runs the default blocking rules, then prints:

- pair completeness overall, and the true pairs each rule finds first;
- candidate pairs, and pairs per request row (mean, median, 99th percentile, maximum);
- seconds to standardise and to block;
- the true pairs blocking missed, by what finding them would take: no name part in common
  (by any reading), no birth year on the request, or a one-name block of how many children
  (the children of the request's sex, born within 2 years of it, who share the request's
  least common name part with the child). A pair found only in a block of hundreds is one no
  bounded blocking keeps, and one the model could hardly rank first among them anyway.

    python benchmarks/bench_blocking.py --sizes 20000 200000

Only counts and figures are printed, never a record's values.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kintrace.blocking import block, default_blocking_rules, key_table
from kintrace.standardise import standardise
from peers.datasets import generated

HERE = Path(__file__).resolve().parent

#: Block sizes the missed pairs are counted by (upper bounds; the last is open).
MISSED_BLOCK_BOUNDS = (30, 100, 500)


def _missed_by_block_size(
    connection: Any, children: pd.DataFrame, requests: pd.DataFrame
) -> dict[str, int]:
    """The true pairs in ``truth`` that ``pairs`` lacks, by what it would take to find them."""
    connection.register("ck", key_table(children, "single"))
    connection.register("rk", key_table(requests, "single"))
    missed = connection.execute(
        """
        WITH missed AS (SELECT li, ri FROM truth ANTI JOIN pairs USING (li, ri)),
        shared AS (
            SELECT m.li, m.ri, r.k, r.yr, r.sx FROM missed m
            JOIN rk r ON r.i = m.ri JOIN ck c ON c.i = m.li AND c.k = r.k
        ),
        sized AS (
            SELECT s.li, s.ri, s.k, count(c.i) AS n FROM shared s
            JOIN ck c ON c.k = s.k AND (c.sx = s.sx OR s.sx IS NULL)
                AND abs(c.yr - s.yr) <= 2
            WHERE s.yr IS NOT NULL GROUP BY s.li, s.ri, s.k
        )
        SELECT m.li, m.ri,
            EXISTS (SELECT 1 FROM shared s WHERE s.li = m.li AND s.ri = m.ri) AS shares,
            (SELECT min(n) FROM sized z WHERE z.li = m.li AND z.ri = m.ri) AS block
        FROM missed m
        """
    ).df()
    labels = [f"block of <= {bound} children" for bound in MISSED_BLOCK_BOUNDS]
    labels.append(f"block of > {MISSED_BLOCK_BOUNDS[-1]} children")
    sized = pd.cut(
        missed["block"], [0, *MISSED_BLOCK_BOUNDS, np.inf], labels=labels, include_lowest=True
    )
    reasons = (
        sized.astype(object)
        .where(missed["shares"], "no name part in common")
        .fillna("no birth year on the request")
    )
    order = ["no name part in common", "no birth year on the request", *labels]
    counts = reasons.value_counts()
    return {label: int(counts.get(label, 0)) for label in order}


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path).astype(object)
    return frame.where(frame.notna(), None)


def measure(data: Path, threads: int) -> dict[str, Any]:
    """Blocking figures for one generated data set."""
    started = time.perf_counter()
    children = standardise(_read(data / "children.parquet"), "children").frame
    requests = standardise(_read(data / "requests.parquet"), "requests").frame
    standardise_seconds = time.perf_counter() - started

    # True pairs whose child takes part in matching (children without consent are left out).
    truth = pd.read_csv(data / "truth_links.csv", dtype=str)
    left = pd.Series(np.arange(len(children)), index=children["record_id"].astype(str))
    right = pd.Series(np.arange(len(requests)), index=requests["record_id"].astype(str))
    truth = truth[truth["child_id"].isin(left.index) & truth["sought_id"].isin(right.index)]
    true_pairs = pd.DataFrame(
        {
            "li": left[truth["child_id"]].to_numpy(np.int32),
            "ri": right[truth["sought_id"]].to_numpy(np.int32),
        }
    )

    rules = default_blocking_rules()
    started = time.perf_counter()
    blocked = block(children, requests, rules, threads=threads)
    block_seconds = time.perf_counter() - started
    try:
        connection = blocked.connection
        connection.register("truth", true_pairs)
        found = dict(
            connection.execute(
                "SELECT p.rule, count(*) FROM truth t JOIN pairs p USING (li, ri) GROUP BY p.rule"
            ).fetchall()
        )
        per_request = connection.execute(
            "SELECT median(n), quantile_cont(n, 0.99), max(n) "
            "FROM (SELECT ri, count(*) AS n FROM pairs GROUP BY ri)"
        ).fetchall()[0]
        missed = _missed_by_block_size(connection, children, requests)
    finally:
        blocked.close()
    n_true = len(true_pairs)
    return {
        "children": len(children),
        "request_rows": len(requests),
        "true_pairs": n_true,
        "pair_completeness": round(sum(found.values()) / n_true, 4) if n_true else None,
        "candidate_pairs": blocked.n_pairs,
        "pairs_per_request_mean": round(blocked.n_pairs / max(len(requests), 1), 1),
        "pairs_per_request_median": float(per_request[0] or 0),
        "pairs_per_request_p99": round(float(per_request[1] or 0), 1),
        "pairs_per_request_max": int(per_request[2] or 0),
        "standardise_seconds": round(standardise_seconds, 1),
        "block_seconds": round(block_seconds, 1),
        "rules": [
            {
                "rule": rule.name,
                "pairs": blocked.pairs_per_rule[rule.name],
                "true_pairs_found_first": int(found.get(index, 0)),
            }
            for index, rule in enumerate(rules)
        ],
        "missed": [{"missed true pairs": k, "pairs": v} for k, v in missed.items()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=HERE / "data")
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        figures = measure(generated(size, args.seed, args.data_dir), args.threads)
        results.append(figures)
        rules, missed = figures.pop("rules"), figures.pop("missed")
        print(pd.Series(figures, dtype=object).to_string())
        print(pd.DataFrame(rules).to_string(index=False))
        print(pd.DataFrame(missed).to_string(index=False))
        print()
        figures["rules"], figures["missed"] = rules, missed
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
