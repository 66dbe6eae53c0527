"""Labelled name pairs: same person (positives) and different persons (negatives).

A name scorer is only as useful as it is at telling a child's two spellings apart from the
names of the children around it. So negatives are drawn hard first: siblings (same family,
so the same father's and grandfather's names in patronymic cultures), then children of the
same culture sharing a name token (Mohamed, Ahmad ...), then random pairs of that culture.
Every draw uses one seeded generator, so a seed gives the same pairs on every machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from anyascii import anyascii

__all__ = [
    "PAIR_COLUMNS",
    "febrl4_pairs",
    "generated_pairs",
    "label_pairs",
    "name_as_written",
    "sample_negatives",
    "script_label",
]

#: Columns of a pair table.
PAIR_COLUMNS = ["left", "right", "label", "kind", "culture", "script_pair"]
NAME_PARTS = ("given_name", "middle_name", "family_name")
#: Share of the negatives drawn from siblings, then from token-sharing pairs (the rest random).
SIBLING_SHARE = 1 / 3
TOKEN_SHARE = 1 / 3
_TOKEN = re.compile(r"[a-z0-9]+")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A name column as stripped text ("" where missing or absent)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype("string").fillna("").str.strip().astype(object)


def name_as_written(frame: pd.DataFrame) -> pd.Series:
    """``full_name`` where present, else given, middle and family names joined by spaces,
    else ``name_original_script``.

    This is the name a caseworker sees on the record; "" when the record has no name. The
    last fallback keeps the records written in their native script only (Arabic, Cyrillic,
    Ethiopic): without it the benchmark would have no cross-script pairs at all.
    """
    parts = pd.concat([_text(frame, c) for c in NAME_PARTS], axis=1)
    joined = parts.apply(lambda row: " ".join(p for p in row if p), axis=1)
    full = _text(frame, "full_name")
    written = full.where(full != "", joined)
    native = _text(frame, "name_original_script")
    return written.where(written != "", native).astype(object)


def script_label(name: str) -> str:
    """Script of a name: the script of most of its tokens, else "mixed" ("none": no letters).

    Uses kintrace's public ``script_of`` per token, so the breakdown means what kintrace
    means by a script.
    """
    from kintrace.names import script_of

    scripts = [script_of(token).value for token in name.split()]
    scripts = [s for s in scripts if s != "none"]
    if not scripts:
        return "none"
    values, counts = np.unique(scripts, return_counts=True)
    best = int(counts.argmax())
    return str(values[best]) if counts[best] * 2 > len(scripts) else "mixed"


def _tokens(name: str) -> set[str]:
    """Latin-letter tokens of a name (any script, via anyascii), for the token-sharing draw."""
    return {t for t in _TOKEN.findall(anyascii(name).lower()) if len(t) > 1}


def _group_partners(groups: np.ndarray, first: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each row index in ``first``, a random row index of the same group (itself possible)."""
    codes, uniques = pd.factorize(groups)
    order = np.argsort(codes, kind="mergesort")
    sizes = np.bincount(codes, minlength=len(uniques))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    group = codes[first]
    offset = (rng.random(len(first)) * sizes[group]).astype(np.int64)
    return np.asarray(order[starts[group] + offset])


def _valid_pairs(records: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """Pairs of different families (so different persons), unordered and without repeats."""
    fam = records["family_id"].to_numpy()
    person = records["person_id"].to_numpy()
    keep = (a != b) & (fam[a] != fam[b]) & (person[a] != person[b])
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    return pd.DataFrame({"a": lo, "b": hi}).drop_duplicates()


def _draw(
    records: pd.DataFrame,
    groups: np.ndarray,
    owners: np.ndarray,
    want: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """``want`` pairs (or fewer) of records from one group, in rounds until enough are found.

    ``groups[i]`` is the group of entry i and ``owners[i]`` the record it belongs to; an entry
    per record gives random pairs of a culture, an entry per (record, token) gives pairs that
    share a token, drawn in proportion to how common the token is, as in a real registry.
    """
    found = pd.DataFrame({"a": [], "b": []}, dtype=np.int64)
    if not len(groups) or want <= 0:
        return found
    for _ in range(20):
        first = rng.integers(0, len(groups), size=2 * (want - len(found)) + 16)
        second = _group_partners(groups, first, rng)
        fresh = _valid_pairs(records, owners[first], owners[second])
        found = pd.concat([found, fresh]).drop_duplicates()
        if len(found) >= want:
            break
    return found.iloc[:want]


def _sibling_pairs(records: pd.DataFrame, want: int, rng: np.random.Generator) -> pd.DataFrame:
    """Up to ``want`` pairs of records of one family and different persons."""
    rows = records.reset_index(drop=True)[["family_id", "person_id"]].reset_index()
    pairs = rows.merge(rows, on="family_id", suffixes=("_a", "_b"))
    pairs = pairs[
        (pairs["index_a"] < pairs["index_b"]) & (pairs["person_id_a"] != pairs["person_id_b"])
    ]
    if len(pairs) > want:
        pairs = pairs.iloc[np.sort(rng.choice(len(pairs), size=want, replace=False))]
    return pd.DataFrame({"a": pairs["index_a"].to_numpy(), "b": pairs["index_b"].to_numpy()})


def _token_entries(records: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One entry per (record, token): group "culture|token" and the record's row index."""
    groups: list[str] = []
    owners: list[int] = []
    for row, (name, culture) in enumerate(zip(records["name"], records["culture"], strict=True)):
        for token in sorted(_tokens(name)):
            groups.append(f"{culture}|{token}")
            owners.append(row)
    return np.asarray(groups, dtype=object), np.asarray(owners, dtype=np.int64)


def sample_negatives(
    records: pd.DataFrame, n_negatives: int, seed: int, *, siblings: bool = True
) -> pd.DataFrame:
    """Draw different-person pairs: siblings, then shared-token, then random (same culture).

    ``records`` needs ``name``, ``family_id``, ``person_id``, ``culture`` and a default index.
    Returns row positions ``a``, ``b`` and ``kind``; a pair drawn twice keeps its hardest kind.
    """
    rng = np.random.default_rng(seed)
    records = records.reset_index(drop=True)
    sib = _sibling_pairs(records, round(n_negatives * SIBLING_SHARE), rng) if siblings else None
    n_sib = 0 if sib is None else len(sib)
    token_want = round((n_negatives - n_sib) * TOKEN_SHARE / (1 - SIBLING_SHARE))
    groups, owners = _token_entries(records)
    token = _draw(records, groups, owners, token_want, rng)
    all_rows = np.arange(len(records), dtype=np.int64)
    culture = records["culture"].to_numpy(dtype=object)
    rand = _draw(records, culture, all_rows, n_negatives - n_sib - len(token), rng)
    parts = [("sibling", sib), ("shares-token", token), ("random", rand)]
    drawn = pd.concat([p.assign(kind=k) for k, p in parts if p is not None], ignore_index=True)
    return drawn.drop_duplicates(subset=["a", "b"], keep="first").reset_index(drop=True)


def _oriented(records: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Put the request on the left where a pair has one: the request is the query side."""
    is_request = (records["kind"] == "request").to_numpy()
    swap = is_request[b] & ~is_request[a]
    return np.where(swap, b, a), np.where(swap, a, b)


def label_pairs(
    records: pd.DataFrame, a: Iterable[int], b: Iterable[int], label: int, kinds: Iterable[str]
) -> pd.DataFrame:
    """A pair table (``PAIR_COLUMNS``) from row positions of ``records``."""
    left, right = _oriented(records, np.asarray(list(a)), np.asarray(list(b)))
    names = records["name"].to_numpy(dtype=object)
    scripts = records["script"].to_numpy(dtype=object)
    pair_script = ["–".join(sorted(p)) for p in zip(scripts[left], scripts[right], strict=True)]
    return pd.DataFrame(
        {
            "left": names[left],
            "right": names[right],
            "label": label,
            "kind": list(kinds),
            "culture": records["culture"].to_numpy(dtype=object)[right],
            "script_pair": pair_script,
        }
    )


def _positions(records: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    """Row positions of record ids (-1 where the record has no name and was left out)."""
    where = pd.Series(np.arange(len(records)), index=records["record_id"])
    return where.reindex(ids.to_numpy()).fillna(-1).to_numpy(dtype=np.int64)


def _assemble(
    records: pd.DataFrame, positives: pd.DataFrame, ratio: float, seed: int, siblings: bool
) -> pd.DataFrame:
    """Positives (``id_a``, ``id_b``, ``kind``) and sampled negatives as one pair table."""
    records = records[records["name"] != ""].reset_index(drop=True)
    records["script"] = [script_label(n) for n in records["name"]]
    a, b = _positions(records, positives["id_a"]), _positions(records, positives["id_b"])
    named = (a >= 0) & (b >= 0)
    pos = label_pairs(records, a[named], b[named], 1, positives["kind"][named])
    neg_idx = sample_negatives(records, round(ratio * len(pos)), seed, siblings=siblings)
    neg = label_pairs(records, neg_idx["a"], neg_idx["b"], 0, neg_idx["kind"])
    return pd.concat([pos, neg], ignore_index=True)


def generated_pairs(data: Path, ratio: float, seed: int) -> pd.DataFrame:
    """Pairs from a ``kintrace synth`` data set (children, requests and truth tables)."""
    children = pd.read_parquet(data / "children.parquet")
    requests = pd.read_parquet(data / "requests.parquet")
    names = pd.concat(
        [
            pd.DataFrame({"record_id": children["child_id"], "name": name_as_written(children)}),
            pd.DataFrame({"record_id": requests["sought_id"], "name": name_as_written(requests)}),
        ]
    )
    truth = pd.read_csv(data / "truth_records.csv", dtype=str)
    records = truth.merge(names, on="record_id", how="inner")
    links = pd.read_csv(data / "truth_links.csv", dtype=str)
    dups = pd.read_csv(data / "truth_duplicates.csv", dtype=str)
    positives = pd.concat(
        [
            pd.DataFrame({"id_a": links["sought_id"], "id_b": links["child_id"], "kind": "link"}),
            pd.DataFrame(
                {"id_a": dups["child_id_a"], "id_b": dups["child_id_b"], "kind": "duplicate"}
            ),
        ],
        ignore_index=True,
    )
    return _assemble(records, positives, ratio, seed, siblings=True)


def febrl4_pairs(data: Path, ratio: float, seed: int) -> pd.DataFrame:
    """Pairs from FEBRL4 (given name + surname): true matches, shared-token and random pairs.

    FEBRL has no families: each ``rec-N`` number is one person and its own "family", and
    every record has culture "febrl4".
    """
    frames = []
    for file, id_column, kind in (
        ("children.parquet", "child_id", "child"),
        ("requests.parquet", "sought_id", "request"),
    ):
        frame = pd.read_parquet(data / file)
        person = frame[id_column].str.extract(r"rec-(\d+)", expand=False)
        frames.append(
            pd.DataFrame(
                {
                    "kind": kind,
                    "record_id": frame[id_column],
                    "family_id": person,
                    "person_id": person,
                    "culture": "febrl4",
                    "name": name_as_written(frame),
                }
            )
        )
    links = pd.read_csv(data / "truth_links.csv", dtype=str)
    positives = pd.DataFrame(
        {"id_a": links["sought_id"], "id_b": links["child_id"], "kind": "link"}
    )
    return _assemble(pd.concat(frames, ignore_index=True), positives, ratio, seed, siblings=False)
