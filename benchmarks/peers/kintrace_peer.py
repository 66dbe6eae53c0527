"""kintrace itself, through its command line, converted to the common candidate format.

    python -m peers.kintrace_peer CHILDREN REQUESTS OUT

kintrace gets the canonical files as they are (it leaves children without consent out itself).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from peers.common import CANDIDATE_COLUMNS, CANDIDATES_FILE, META_FILE


def run(children: Path, requests: Path, out: Path, threads: int = 2) -> None:
    """Run ``kintrace match`` in this process and keep the common columns.

    The CLI runs in-process (its typer entry point, exactly what ``python -m kintrace_cli``
    calls) so the harness's ``wait4`` on this process measures the match itself.
    """
    from kintrace_cli.main import main as cli_main

    raw = out / "kintrace"
    sys.argv = [
        "kintrace",
        "match",
        str(children),
        str(requests),
        "--out",
        str(raw),
        "--threads",
        str(threads),
        "--quiet",
        "--overwrite",
    ]
    try:
        cli_main()
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise
    candidates = pd.read_parquet(raw / "candidates.parquet", columns=CANDIDATE_COLUMNS)
    candidates.to_parquet(out / CANDIDATES_FILE, index=False)
    report = json.loads((raw / "run_report.json").read_text(encoding="utf-8"))
    import kintrace

    meta = {
        "tool": "kintrace",
        "version": getattr(kintrace, "__version__", "unknown"),
        "pairs_compared": int(report["blocking"]["candidate_pairs"]),
        "children": report["inputs"]["children"]["rows"],
        "sought_rows": report["inputs"]["requests"]["rows"],
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    """Command line: ``CHILDREN REQUESTS OUT [--threads N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("children", type=Path)
    parser.add_argument("requests", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    run(args.children, args.requests, args.out, args.threads)


if __name__ == "__main__":
    main()
