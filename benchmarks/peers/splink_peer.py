"""Splink (DuckDB backend) as a peer, configured the way its documentation recommends.

    python -m peers.splink_peer CHILDREN REQUESTS OUT

Link-only job on the two tables; name comparisons with term-frequency adjustments; u by random
sampling; m by EM over two training blocking rules that each leave the other fields free;
``predict`` with the shared probability cut-off, then the best candidates per sought row.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from peers.common import MIN_PROBABILITY, load_side, write_candidates


def settings() -> Any:
    """The Splink model: comparisons and blocking rules for a link-only job."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("middle_name"),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("first_key", "birth_year"),
            block_on("surname_key", "birth_year"),
            block_on("first_key", "surname_key"),
            block_on("dob"),
            # Name parts written in the other order (family name first).
            "l.first_name = r.surname and l.surname = r.first_name",
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def run(children: Path, requests: Path, out: Path, seed: int = 42) -> None:
    """Train and predict with Splink; write the common candidates and meta.json."""
    import splink
    from splink import DuckDBAPI, Linker, block_on

    left = load_side(children, "child_id", consent_only=True)
    right = load_side(requests, "sought_id", consent_only=False)
    db_api = DuckDBAPI()
    tables = [
        db_api.register(left, dataset_display_name="children"),
        db_api.register(right, dataset_display_name="requests"),
    ]
    linker = Linker(tables, settings(), log_level=logging.WARNING)
    # Prior from a deterministic rule, as the tutorials do, before u and m.
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=seed)
    # Each training rule fixes some fields and lets EM learn m for the others.
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predictions = linker.inference.predict()
    con = db_api.duckdb_con
    table = predictions.physical_name
    pairs_compared = int(con.execute(f"select count(*) from {table}").fetchall()[0][0])
    # In a link-only job the left side is the first registered table (children).
    scored: pd.DataFrame = con.sql(
        f"""
        select
            case when source_dataset_l = 'children' then unique_id_r else unique_id_l end
                as sought_id,
            case when source_dataset_l = 'children' then unique_id_l else unique_id_r end
                as child_id,
            match_probability
        from {table}
        where match_probability >= {MIN_PROBABILITY}
        """
    ).df()
    write_candidates(
        scored,
        out,
        {
            "tool": "splink",
            "version": splink.__version__,
            "pairs_compared": pairs_compared,
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
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    run(args.children, args.requests, args.out, args.seed)


if __name__ == "__main__":
    main()
