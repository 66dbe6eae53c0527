"""The vectorised name score equals a plain, one-pair-at-a-time reading of its definition.

The fast path (kintrace.names.similarity) looks a column of names up in one C loop, aligns the
pairs of the same token first, in slices of pairs of names of about one length, groups pairs
of names by shape, scores a frequent token against all its partners in one rapidfuzz call
(the most frequent once per distinct partner), looks evidence up only where bits allow it,
picks the greedy's cells by one integer maximum and filters compound joins by a hash of the
join. None of that may change a score: here every step is done the obvious way, in Python,
one pair at a time, and the results must be equal.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kintrace.names import name_similarities
from kintrace.names import similarity as S
from kintrace.names.skeleton import key_id_matrix
from kintrace.names.variants import class_id_matrix


def _shared(matrix, a: str, b: str) -> bool:  # type: ignore[no-untyped-def]
    keys_a, keys_b = matrix([a])[0], matrix([b])[0]
    return bool({k for k in keys_a if k >= 0} & {k for k in keys_b if k >= 0})


def _token_score(a: int, b: int) -> np.float32:
    """The score of two tokens, as stored in the alignment grid (float32)."""
    if a == b:
        return np.float32(1.0)
    wa, wb = S._WORDS[a], S._WORDS[b]
    jw = float(np.float32(JaroWinkler.normalized_similarity(wa, wb)))
    skeleton, variant = _shared(key_id_matrix, wa, wb), _shared(class_id_matrix, wa, wb)
    if skeleton and variant:
        evidence = S.SPELLING_SCORE
    elif skeleton:
        evidence = S.SKELETON_SCORE
    elif variant:
        evidence = S.RELATED_SCORE
    else:
        evidence = 0.0
    return np.float32(max(jw, evidence))


def _join(ids: list[int], other: list[int]) -> list[int]:
    """The first two adjacent tokens whose join is a token of ``other``, joined."""
    for i in range(len(ids) - 1):
        joined = S._VOCABULARY.get(S._WORDS[ids[i]] + S._WORDS[ids[i + 1]])
        if joined is not None and joined in other:
            return [*ids[:i], joined, *ids[i + 2 :]]
    return ids


def reference_score(a: str | None, b: str | None) -> float:
    left = list(S._name_token_ids(a)) if isinstance(a, str) else []
    right = list(S._name_token_ids(b)) if isinstance(b, str) else []
    left = _join(left, right)
    right = _join(right, left)
    shorter, longer = min(len(left), len(right)), max(len(left), len(right))
    if shorter == 0:
        return 0.0
    grid = {(i, j): _token_score(x, y) for i, x in enumerate(left) for j, y in enumerate(right)}
    total = weights = 0.0
    while grid:
        # The best cell; on ties the first in row-major order (dicts keep insertion order).
        (i, j), value = max(grid.items(), key=lambda cell: cell[1])
        weight = S.FIRST_TOKEN_WEIGHT if i == 0 or j == 0 else 1.0
        total += weight * float(value)
        weights += weight
        grid = {cell: v for cell, v in grid.items() if cell[0] != i and cell[1] != j}
    mean = total / max(weights, 1.0)
    extra = (longer - shorter) / max(longer, 1)
    return float(np.clip(mean * (1.0 - S.EXTRA_TOKEN_PENALTY * extra), 0.0, 1.0))


# Repeated tokens (ties among equal tokens), split compounds and their joins, near spellings
# (ties among equal Jaro-Winkler scores), other scripts, and names longer than MAX_TOKENS.
_TOKENS = [
    "mohamed", "muhammad", "mohammed", "ali", "aly", "cali", "hassan", "xasan", "hasan",
    "abdi", "cabdi", "gul", "ahmad", "gulahmad", "abdul", "rahman", "abdulrahman", "fatima",
    "fatuma", "ab", "ac", "ad", "محمد", "حسن", "Олександр", "ተስፋይ", "tesfay", "mamadou",
    "momodou", "x", "al", "bin",
]  # fmt: skip
_NAMES = st.one_of(
    st.none(),
    st.just(""),
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=8).map(" ".join),
)


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(_NAMES, _NAMES), min_size=1, max_size=60))
def test_vectorised_scores_equal_the_plain_definition(
    pairs: list[tuple[str | None, str | None]],
) -> None:
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    fast = name_similarities(left, right)
    slow = np.array([reference_score(a, b) for a, b in pairs])
    np.testing.assert_array_equal(fast, slow)


def test_many_random_pairs_at_once() -> None:
    """One large call (many shapes and groups at once) against the plain definition."""
    rng = np.random.default_rng(7)

    def name() -> str:
        return " ".join(rng.choice(_TOKENS, size=int(rng.integers(1, 8))))

    pairs = [(name(), name()) for _ in range(3000)]
    fast = name_similarities([a for a, _ in pairs], [b for _, b in pairs])
    slow = np.array([reference_score(a, b) for a, b in pairs])
    np.testing.assert_array_equal(fast, slow)


def test_token_scores_are_symmetric_and_one_for_the_same_token() -> None:
    ids = np.array([S._name_token_ids(t)[0] for t in ("mohamed", "muhammad", "ali", "xasan")])
    left, right = np.repeat(ids, len(ids)), np.tile(ids, len(ids))
    scores = S.token_scores(left, right, S._WORDS).reshape(len(ids), len(ids))
    np.testing.assert_array_equal(scores, scores.T)
    np.testing.assert_array_equal(np.diag(scores), 1.0)


def test_many_pairs_across_slices_hubs_and_cpdist_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny slices and hub thresholds: pairs of names aligned in many slices whose grids are
    grouped by shape, tokens scored by hub (cdist, in runs, the largest hubs once per
    distinct partner) and pair by pair (cpdist, sliced)."""
    monkeypatch.setattr(S, "_SLICE", 37)
    monkeypatch.setattr(S, "_HUB_PARTNERS", 5)
    monkeypatch.setattr(S, "_DISTINCT_PARTNERS", 40)
    monkeypatch.setattr(S, "_JW_SLICE", 101)
    rng = np.random.default_rng(11)

    def name() -> str:
        return " ".join(rng.choice(_TOKENS, size=int(rng.integers(1, 8))))

    pairs = [(name(), name()) for _ in range(1500)]
    fast = name_similarities([a for a, _ in pairs], [b for _, b in pairs])
    slow = np.array([reference_score(a, b) for a, b in pairs])
    np.testing.assert_array_equal(fast, slow)


# Words for Jaro-Winkler: short and long (past rapidfuzz's 64-character blocks), one letter,
# repeated letters, shared prefixes, other scripts.
_JW_WORDS = st.one_of(
    st.text(alphabet="abcdeh", min_size=1, max_size=12),
    st.text(alphabet="ab", min_size=60, max_size=140),
    st.text(min_size=1, max_size=10),
)


@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(_JW_WORDS, min_size=2, max_size=25, unique=True),
    picks=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), min_size=1, max_size=300),
    hub=st.integers(1, 6),
    distinct=st.integers(1, 40),
    run=st.integers(1, 60),
)
def test_jaro_winkler_by_hub_equals_cpdist(
    words: list[str], picks: list[tuple[int, int]], hub: int, distinct: int, run: int
) -> None:
    """Scoring a token against all its partners at once (cdist, rapidfuzz's cached scorer),
    in runs of hubs or once per distinct partner, gives rapidfuzz's cpdist scores to the bit,
    pair by pair and in the same order."""
    table = np.asarray(words, dtype=object)
    left = np.array([a % len(words) for a, _ in picks], dtype=np.int64)
    right = np.array([b % len(words) for _, b in picks], dtype=np.int64)
    expected = process.cpdist(
        table[left], table[right], scorer=JaroWinkler.normalized_similarity, dtype=np.float32
    )
    settings_ = {"_HUB_PARTNERS": hub, "_DISTINCT_PARTNERS": distinct, "_JW_SLICE": run}
    old = {name: getattr(S, name) for name in settings_}
    try:
        for name, value in settings_.items():  # hypothesis runs examples without fixtures
            setattr(S, name, value)
        np.testing.assert_array_equal(S._jaro_winkler(table, left, right), expected)
    finally:
        for name, value in old.items():
            setattr(S, name, value)


def _plain_greedy(
    grid: np.ndarray, rows: int, cols: int, first_l: bool, first_r: bool
) -> tuple[float, float]:
    """The greedy alignment of one ``[rows, cols]`` grid, as :func:`reference_score` does."""
    cells = {(i, j): grid[i, j] for i in range(rows) for j in range(cols)}
    total = weights = 0.0
    while cells:
        (i, j), value = max(cells.items(), key=lambda cell: cell[1])  # first on ties
        weight = S.FIRST_TOKEN_WEIGHT if (i == 0 and first_l) or (j == 0 and first_r) else 1.0
        total += weight * float(value)
        weights += weight
        cells = {cell: v for cell, v in cells.items() if cell[0] != i and cell[1] != j}
    return total, weights


@pytest.mark.parametrize("rows", range(1, S.MAX_TOKENS + 1))
@pytest.mark.parametrize("cols", range(1, S.MAX_TOKENS + 1))
def test_greedy_picks_the_first_best_cell(rows: int, cols: int) -> None:
    """One integer maximum per step finds the best cell, the first in row-major order among
    equal scores (few distinct values here: many ties, zeros and negative zeros)."""
    rng = np.random.default_rng(rows * 10 + cols)
    n_pairs = 200
    values = np.array([0.0, -0.0, 0.25, 0.5, 0.88, 0.92, 1.0 / 3.0], dtype=np.float32)
    grids = rng.choice(values, size=(n_pairs, rows, cols))
    first_l, first_r = rng.random(n_pairs) < 0.5, rng.random(n_pairs) < 0.5
    cell_major = np.ascontiguousarray(grids.reshape(n_pairs, -1).T)
    total, weights = S._greedy(cell_major, rows, cols, first_l, first_r)
    for k in range(n_pairs):
        expected = _plain_greedy(grids[k], rows, cols, bool(first_l[k]), bool(first_r[k]))
        assert (total[k], weights[k]) == expected


def _plain_packed(ids: np.ndarray, free: np.ndarray) -> list[list[int]]:
    """Each pair's free tokens, in order (ids and free are token-major)."""
    return [
        [int(t) for t, f in zip(ids[:, k], free[:, k], strict=True) if f]
        for k in range(ids.shape[1])
    ]


@pytest.mark.parametrize("width", range(1, S.MAX_TOKENS + 1))
def test_packed_moves_each_pairs_free_tokens_to_the_top(width: int) -> None:
    """One scatter per token writes each pair's free tokens to the top rows, in order; the
    rows below a pair's count are not read (here: left as they were)."""
    rng = np.random.default_rng(width)
    ids = rng.integers(0, 1000, size=(width, 500)).astype(np.int64)
    free = rng.random((width, 500)) < 0.6
    out = np.full((S.MAX_TOKENS, 600), -7, dtype=np.int32)
    counts = S._packed(ids, free, out[:width, 50:550])
    for k, tokens in enumerate(_plain_packed(ids, free)):
        assert counts[k] == len(tokens)
        assert out[: len(tokens), 50 + k].tolist() == tokens
    assert (out[:, :50] == -7).all() and (out[:, 550:] == -7).all()  # nothing outside


class _Text:
    """A name that is not a str: read as its text."""

    def __str__(self) -> str:
        return "Mohamed Abdi"


def test_columns_with_missing_repeated_and_new_names() -> None:
    """A column is looked up at once; names first seen in the middle of it, missing values
    (None, NaN, pd.NA, NaT) and values that are not text take the slow path and give what
    each name alone gives: no name scores 0, a value that is not text is read as text."""
    known = ["Mohamed Abdi Hassan", "Fatima Ali", "Hassan Mohamed"]
    name_similarities(known, known[::-1])  # numbered before the column below
    nan = float("nan")
    column_l = [
        "Fatima Ali", None, "Zainab Yusuf Omar", nan, "Fatima Ali", pd.NA,
        "Zainab Yusuf Omar", pd.NaT, 7, _Text(), "", "Mohamed Abdi Hassan",
        np.float64("nan"), True, "Ahmed Nur",
    ]  # fmt: skip
    column_r = [
        "Fatuma Ali", "Fatima Ali", "Zeinab Yusuf", "Ali", None, "Fatima Ali",
        "Zainab Yusuf Omar", "Hassan Mohamed", "7", "Mohamed Abdi", "Ahmed Nur", nan,
        "Fatima", "True", "Ahmed Nuur",
    ]  # fmt: skip
    fast = name_similarities(column_l, column_r)

    def as_text(name: object) -> str | None:
        if name is None or name is pd.NA or name is pd.NaT:
            return None
        if isinstance(name, float) and math.isnan(name):
            return None
        return name if isinstance(name, str) else str(name)

    pairs = zip(column_l, column_r, strict=True)
    expected = [reference_score(as_text(a), as_text(b)) for a, b in pairs]
    np.testing.assert_array_equal(fast, expected)
    np.testing.assert_array_equal(name_similarities(column_l, column_r), fast)  # all known now


def test_rows_are_those_of_each_name_alone() -> None:
    """The row of every name of a column is that of the name looked up alone; new names are
    numbered once each, in order of first appearance; a column of one name works too."""
    table = S._NameTable()
    column = ["b a", "c", None, "b a", "d e f", float("nan"), 3, "c", "3", "g"]
    rows = table.rows(column)
    assert rows.dtype == np.int64
    assert rows.tolist() == [table.row(name) for name in column]
    assert table.size == 6  # "", "b a", "c", "d e f", "3", "g"
    assert [table.row(name) for name in ("", "b a", "c", "d e f", "3", "g")] == [2, 0, 1, 3, 4, 5]
    assert table.rows(column).tolist() == rows.tolist()  # the fast path: all known
    assert table.rows(["g"]).tolist() == [5] and table.rows([]).tolist() == []


def test_token_table_holds_copies_of_the_words() -> None:
    """The words Jaro-Winkler reads are copies made together, equal to the vocabulary's."""
    name_similarities(["Mohamed Abdi Hassan"], ["Maxamed Cabdi Xasan"])
    words = S._token_table(S._WORDS).words
    assert words.tolist() == list(S._WORDS)
    assert all(type(word) is str for word in words)
