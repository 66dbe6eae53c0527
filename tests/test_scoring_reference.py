"""The vectorised comparison and scoring path agrees with the slow per-pair reference."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kintrace.comparisons import (
    birth_year_comparison,
    default_comparisons,
    encode_tables,
    full_name_comparison,
    other_names_comparison,
)
from kintrace.model import FellegiSunter, term_frequencies
from kintrace.scoring import compute_levels, term_frequency_lookup
from kintrace.standardise import ALT_NAMES_SEPARATOR
from reference import reference_level, reference_weight

# The defaults (with the other-names comparison), the optional order-free full-name comparison
# and other names counted even where the main names agree: every fast path is checked.
COMPARISONS = (
    *default_comparisons(),
    full_name_comparison(),
    replace(other_names_comparison(beyond_name=False), name="other_names_plain"),
    replace(birth_year_comparison(), name="birth_year"),
)
TEXT = sorted({c for comp in COMPARISONS for c in comp.text_columns()})
NUMERIC = sorted({c for comp in COMPARISONS for c in comp.numeric_columns()})

# Small alphabets so that equal values, near misses and keys collide often.
names = st.one_of(st.none(), st.sampled_from(["ali", "aly", "alia", "omar", "umar", "amina"]))
full_names = st.one_of(
    st.none(),
    st.lists(st.sampled_from(["ali", "aly", "omar", "umar", "amina", "hassan"]), min_size=1,
             max_size=3).map(" ".join),
)  # fmt: skip
# Other names: a few standard names joined as standardise joins them, often a full name too.
alt_names = st.one_of(
    st.none(),
    st.lists(
        st.lists(st.sampled_from(["ali", "aly", "omar", "amina", "hassan", "mimi"]), min_size=1,
                 max_size=2).map(" ".join),
        min_size=1,
        max_size=3,
    ).map(ALT_NAMES_SEPARATOR.join),
)  # fmt: skip
keys = st.one_of(st.none(), st.sampled_from(["AL", "OMR", "AMN"]))
# Tagged grandfathers (p: father's side, m: mother's, ?: either) and sibling lists.
grandfathers = st.one_of(
    st.none(),
    st.lists(
        st.tuples(st.sampled_from(["p", "m", "?"]), st.sampled_from(["ali", "aly", "omar"])),
        min_size=1,
        max_size=2,
    ).map(lambda found: " ".join(f"{side}:{name}" for side, name in found)),
)
siblings = st.one_of(
    st.none(),
    st.lists(st.sampled_from(["ali", "aly", "umar", "amina"]), min_size=1, max_size=3).map(
        " ".join
    ),
)
# A requester's birth interval and the relation's age gap (years older), or none.
requesters = st.one_of(
    st.none(),
    st.tuples(
        st.integers(0, 14_000),
        st.sampled_from([0, 364, 730]),
        st.sampled_from([(12.0, 55.0), (26.0, 110.0), (-30.0, 40.0)]),
    ),
)
sexes = st.one_of(st.none(), st.sampled_from(["m", "f"]))


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    precision = draw(st.integers(0, 3))
    year = draw(st.integers(2004, 2012)) if precision else 0
    birth_year = (
        float(year)
        if precision
        else draw(
            st.one_of(st.just(float("nan")), st.floats(2003.5, 2012.5).map(lambda v: round(v, 1)))
        )
    )
    # A birth interval: a day, a month's or a year's days, or an age's years (days since 1970).
    if precision:
        start = draw(st.integers(12_400, 15_400))
        width = {3: 0, 2: 29, 1: 364}[precision]
        first, last = float(start), float(start + width)
    else:
        age_interval = draw(st.one_of(st.none(), st.tuples(st.integers(12_000, 15_000),
                                                           st.integers(700, 1_900))))  # fmt: skip
        first, last = (
            (float("nan"), float("nan"))
            if age_interval is None
            else (float(age_interval[0]), float(age_interval[0] + age_interval[1]))
        )
    requester = draw(requesters)
    nan = float("nan")
    return {
        "birth_first": first,
        "birth_last": last,
        "father_chain": draw(names),
        "grandfathers": draw(grandfathers),
        "siblings": draw(siblings),
        "requester_birth_first": nan if requester is None else float(requester[0]),
        "requester_birth_last": nan if requester is None else float(requester[0] + requester[1]),
        "relation_older_min": nan if requester is None else requester[2][0],
        "relation_older_max": nan if requester is None else requester[2][1],
        "given": draw(names),
        "middle": draw(names),
        "family": draw(names),
        "name": draw(full_names),
        "alt_names": draw(alt_names),
        "father": draw(names),
        "mother": draw(names),
        "given_key": draw(keys),
        "middle_key": draw(keys),
        "family_key": draw(keys),
        "sex": draw(sexes),
        "dob_year": year,
        # Days and months of 1-3 so that swapped dates come up often.
        "dob_month": draw(st.integers(1, 3)) if precision >= 2 else 0,
        "dob_day": draw(st.integers(1, 3)) if precision >= 3 else 0,
        "dob_precision": precision,
        "birth_year": birth_year,
    }


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in TEXT:
        frame[column] = frame[column].astype(object)
    for column in ("dob_year", "dob_month", "dob_day", "dob_precision"):
        frame[column] = frame[column].astype(np.int32)
    for column in NUMERIC:
        frame[column] = frame[column].astype(float)
    return frame


def _probabilities(rng: np.random.Generator, size: int) -> np.ndarray:
    values = np.ones(size)
    raw = rng.random(size - 1) + 0.01
    values[1:] = raw / raw.sum()
    return values


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    left_rows=st.lists(records(), min_size=1, max_size=8),
    right_rows=st.lists(records(), min_size=1, max_size=8),
    seed=st.integers(0, 2**16),
)
def test_levels_and_weights_match_the_reference(
    left_rows: list[dict[str, object]], right_rows: list[dict[str, object]], seed: int
) -> None:
    left, right = _frame(left_rows), _frame(right_rows)
    tables = encode_tables(left, right, text_columns=TEXT, numeric_columns=NUMERIC)
    li, ri = np.meshgrid(np.arange(len(left)), np.arange(len(right)), indexing="ij")
    li, ri = li.ravel(), ri.ravel()
    levels = compute_levels(COMPARISONS, tables, li, ri)

    expected = np.array(
        [
            [reference_level(c, left_rows[a], right_rows[b]) for c in COMPARISONS]
            for a, b in zip(li, ri, strict=True)
        ],
        dtype=np.int8,
    ).reshape(levels.shape)
    np.testing.assert_array_equal(levels, expected)

    rng = np.random.default_rng(seed)
    m = [_probabilities(rng, c.n_levels) for c in COMPARISONS]
    u = [_probabilities(rng, c.n_levels) for c in COMPARISONS]
    prior = float(rng.uniform(0.001, 0.5))
    model = FellegiSunter(COMPARISONS).set_parameters(m=m, u=u, prior=prior)
    frequencies = {
        c.term_frequency_column: term_frequencies(tables.text[c.term_frequency_column])
        for c in COMPARISONS
        if c.term_frequency_column
    }
    tf = term_frequency_lookup(COMPARISONS, tables, frequencies, li)
    weights, _ = model.match_weight(levels, tf)

    # The reference counts value frequencies itself, from the raw rows.
    for pair, (a, _b) in enumerate(zip(li, ri, strict=True)):
        pair_frequencies: dict[int, float | None] = {}
        for c, comparison in enumerate(COMPARISONS):
            column = comparison.term_frequency_column
            if column is None:
                continue
            value = left_rows[a][column]
            values = [r[column] for r in left_rows + right_rows if r[column] is not None]
            pair_frequencies[c] = None if value is None else values.count(value) / len(values)
        want = reference_weight(COMPARISONS, expected[pair], m, u, prior, pair_frequencies)
        assert math.isclose(weights[pair], want, rel_tol=1e-9, abs_tol=1e-9)
