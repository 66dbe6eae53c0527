"""The Python Record Linkage Toolkit as a peer: phonetic blocking, comparisons, ECM.

    python -m peers.recordlinkage_peer CHILDREN REQUESTS OUT

Candidate pairs are the union of blocks on a phonetic key of the first name with the birth
year, of the surname with the birth year, of both phonetic keys, and of the full date of birth
(plain phonetic-key blocks would give millions of pairs at 20,000 children). ECM needs binary
features, so names compare by Jaro-Winkler at a threshold.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from peers.common import load_side, write_candidates

BLOCKS = (
    ("first_key", "birth_year"),
    ("surname_key", "birth_year"),
    ("first_key", "surname_key"),
    ("dob",),
)


def run(children: Path, requests: Path, out: Path) -> None:
    """Index, compare, classify with ECM; write the common candidates and meta.json."""
    import recordlinkage

    left = load_side(children, "child_id", consent_only=True).set_index("unique_id")
    right = load_side(requests, "sought_id", consent_only=False).set_index("unique_id")
    indexer = recordlinkage.Index()
    for columns in BLOCKS:
        indexer.block(list(columns))
    # recordlinkage blocks on equal values and pairs missing with missing: fill each side's
    # missing keys with distinct sentinels so a missing key never forms a block.
    keys = sorted({c for block in BLOCKS for c in block})
    left_keys = left[keys].astype(object).fillna("\x00missing-left")
    right_keys = right[keys].astype(object).fillna("\x00missing-right")
    pairs = indexer.index(left_keys, right_keys)

    compare = recordlinkage.Compare()
    compare.string("first_name", "first_name", method="jarowinkler", threshold=0.85, label="fn")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="sn")
    compare.string("middle_name", "middle_name", method="jarowinkler", threshold=0.85, label="mn")
    compare.exact("sex", "sex", label="sex")
    compare.exact("dob", "dob", label="dob")
    compare.exact("birth_year", "birth_year", label="year")
    features = compare.compute(pairs, left.astype(object), right.astype(object))
    features = features.fillna(0).astype(int)
    # ECM is naive Bayes: a feature implied by another (same date => same year) gets a zero
    # probability in the match class and NaN scores, so the year counts only without the date.
    features["year"] = features["year"] * (1 - features["dob"])
    # A feature that never varies (FEBRL4 has no sex, no middle name) makes ECM's estimates
    # NaN: it carries no evidence, so it is left out.
    features = features.loc[:, features.nunique() > 1]

    classifier = recordlinkage.ECMClassifier(binarize=None)
    classifier.fit(features)
    probability = classifier.prob(features)
    scored = pd.DataFrame(
        {
            "child_id": features.index.get_level_values(0).astype(str),
            "sought_id": features.index.get_level_values(1).astype(str),
            "match_probability": probability.to_numpy(),
        }
    )
    write_candidates(
        scored,
        out,
        {
            "tool": "recordlinkage",
            "version": recordlinkage.__version__,
            "pairs_compared": len(pairs),
            "children": len(left),
            "sought_rows": len(right),
        },
    )


def main() -> None:
    """Command line: ``CHILDREN REQUESTS OUT``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("children", type=Path)
    parser.add_argument("requests", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    run(args.children, args.requests, args.out)


if __name__ == "__main__":
    main()
