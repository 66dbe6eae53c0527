"""The name scorers under test: kintrace, two rapidfuzz baselines and a peer matcher.

Each scorer takes two equal-length lists of full names as written and returns float scores in
[0, 1]. Each is run through :func:`timed`, so every scorer is timed the same way: whole
calls over all pairs, repeated, the median kept.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

__all__ = [
    "Scorer",
    "Timed",
    "in_process",
    "jaro_winkler_lower",
    "kintrace_scorers",
    "nomenklatura_scorer",
    "raw_cpdist_jaro_winkler",
    "timed",
    "token_set_anyascii",
]

FloatArray = npt.NDArray[np.float64]
ScoreFn = Callable[[Sequence[str], Sequence[str]], FloatArray]
CHILD = Path(__file__).resolve().with_name("nomenklatura_child.py")


@dataclass(frozen=True)
class Timed:
    """Scores of the last run and the wall seconds of every run."""

    scores: FloatArray
    seconds: list[float]

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.seconds)


@dataclass(frozen=True)
class Scorer:
    """A named scorer; ``run(left, right, repeats)`` scores every pair ``repeats`` times."""

    name: str
    about: str
    run: Callable[[Sequence[str], Sequence[str], int], Timed]


def timed(fn: ScoreFn, left: Sequence[str], right: Sequence[str], repeats: int) -> Timed:
    """Run ``fn`` over all pairs ``repeats`` times; the wall time of each whole call."""
    seconds: list[float] = []
    scores = np.zeros(0)
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        scores = np.asarray(fn(left, right), dtype=np.float64)
        seconds.append(time.perf_counter() - started)
    return Timed(scores, seconds)


def in_process(name: str, about: str, fn: ScoreFn) -> Scorer:
    """A scorer that runs in this process."""
    return Scorer(name, about, lambda left, right, repeats: timed(fn, left, right, repeats))


def raw_cpdist_jaro_winkler(left: Sequence[str], right: Sequence[str]) -> FloatArray:
    """rapidfuzz's vectorised Jaro-Winkler on the strings as given: the speed floor."""
    return np.asarray(
        process.cpdist(left, right, scorer=JaroWinkler.normalized_similarity), dtype=np.float64
    )


def jaro_winkler_lower(left: Sequence[str], right: Sequence[str]) -> FloatArray:
    """Plain Jaro-Winkler on the lower-cased whole names: what most pipelines start with."""
    return raw_cpdist_jaro_winkler([s.lower() for s in left], [s.lower() for s in right])


def token_set_anyascii(left: Sequence[str], right: Sequence[str]) -> FloatArray:
    """Token-set ratio after anyascii transliteration: order-free and script-blind."""
    a = [anyascii(s).lower() for s in left]
    b = [anyascii(s).lower() for s in right]
    return np.asarray(process.cpdist(a, b, scorer=fuzz.token_set_ratio), dtype=np.float64) / 100.0


def kintrace_scorers() -> tuple[Scorer, ScoreFn, Callable[[str, str], float]] | None:
    """kintrace's vectorised scorer, its function, and the one-pair function (None if absent).

    Imported from the public ``kintrace.names`` only: the benchmark measures what users call.
    """
    try:
        from kintrace.names import name_similarities, name_similarity
    except ImportError:
        return None
    scorer = in_process(
        "kintrace",
        "kintrace.names.name_similarities (vectorised)",
        lambda left, right: np.asarray(name_similarities(left, right), dtype=np.float64),
    )
    return scorer, name_similarities, name_similarity


def baseline_scorers() -> list[Scorer]:
    """The two rapidfuzz baselines."""
    return [
        in_process(
            "jaro-winkler", "rapidfuzz Jaro-Winkler, lower-cased whole names", jaro_winkler_lower
        ),
        in_process(
            "token-set",
            "rapidfuzz token_set_ratio / 100 after anyascii, lower-cased",
            token_set_anyascii,
        ),
    ]


def _nomenklatura_importable(python: str) -> bool:
    probe = [python, "-c", "import nomenklatura.matching.logic_v2.names.match"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def _run_child(python: str, left: Sequence[str], right: Sequence[str], repeats: int) -> Timed:
    """Score in a child process: the peer may live in its own environment (see README)."""
    with tempfile.TemporaryDirectory(prefix="bench-names-") as tmp:
        pairs, out = Path(tmp) / "pairs.json", Path(tmp) / "scores.json"
        # JSON, not Parquet: the peer's environment needs nothing but the peer.
        payload = {"left": list(left), "right": list(right)}
        pairs.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        command = [python, str(CHILD), str(pairs), str(out), "--repeats", str(repeats)]
        # The child reports errors by type only; its output never carries a name.
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            reason = (
                json.loads(out.read_text(encoding="utf-8"))
                if out.exists()
                else {"error": "no output"}
            )
            raise RuntimeError(f"nomenklatura child failed: {reason.get('error')}")
        result = json.loads(out.read_text(encoding="utf-8"))
    return Timed(np.asarray(result["scores"], dtype=np.float64), list(result["seconds"]))


def nomenklatura_scorer(python: str) -> Scorer | None:
    """OpenSanctions' person-name matcher (nomenklatura logic-v2), or None if not installed."""
    if not _nomenklatura_importable(python):
        return None
    return Scorer(
        "nomenklatura",
        "nomenklatura logic-v2 name_match (OpenSanctions), in a child process",
        lambda left, right, repeats: _run_child(python, left, right, repeats),
    )


def default_scorers(nomenklatura_python: str | None = None) -> list[Scorer]:
    """Every scorer available here, kintrace first; the peer only where it is installed."""
    scorers: list[Scorer] = []
    found = kintrace_scorers()
    if found is not None:
        scorers.append(found[0])
    scorers.extend(baseline_scorers())
    peer = nomenklatura_scorer(nomenklatura_python or sys.executable)
    if peer is not None:
        scorers.append(peer)
    return scorers
