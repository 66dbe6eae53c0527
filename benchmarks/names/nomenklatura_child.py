"""Score name pairs with nomenklatura's logic-v2 name matcher; run as a child process.

    python nomenklatura_child.py pairs.json scores.json --repeats 3

Run by ``bench_names.py`` with the interpreter given by ``--nomenklatura-python``, because
nomenklatura pins ``duckdb<2`` and so usually lives in an environment of its own. Reads
``{"left": [...], "right": [...]}``; writes ``{"scores": [...], "seconds": [...]}`` or, on
failure, ``{"error": "<exception type>"}`` (the type only: a message could carry a name).

The request side is the query (nomenklatura weighs names missing on the query side more).
Each run builds fresh entities with fresh ids, so nomenklatura's per-entity caches help
within a run (one entity per distinct name) but never carry over from an earlier run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any


def _entities(names: list[str], prefix: str) -> list[Any]:
    """One Person entity per distinct name (shared by the pairs that use it)."""
    from followthemoney import model

    made: dict[str, Any] = {}
    out = []
    for name in names:
        entity = made.get(name)
        if entity is None:
            entity = model.make_entity("Person")
            entity.id = f"{prefix}{len(made)}"
            entity.add("name", name)
            made[name] = entity
        out.append(entity)
    return out


def score_once(left: list[str], right: list[str], run: int) -> list[float]:
    """nomenklatura's name feature of logic-v2 for every pair, with its default settings."""
    from nomenklatura.matching.logic_v2.model import LogicV2
    from nomenklatura.matching.logic_v2.names.match import name_match

    config = LogicV2.default_config()
    queries = _entities(left, f"q{run}-")
    results = _entities(right, f"r{run}-")
    return [name_match(q, r, config).score for q, r in zip(queries, results, strict=True)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    try:
        pairs = json.loads(args.pairs.read_text(encoding="utf-8"))
        score_once(["warm up"], ["warm up"], -1)  # imports and data tables, outside timing
        seconds: list[float] = []
        scores: list[float] = []
        for run in range(max(1, args.repeats)):
            started = time.perf_counter()
            scores = score_once(pairs["left"], pairs["right"], run)
            seconds.append(time.perf_counter() - started)
        result: dict[str, Any] = {"scores": scores, "seconds": seconds}
        code = 0
    except Exception as exc:  # reported by type only, never by message
        result, code = {"error": type(exc).__name__}, 1
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
