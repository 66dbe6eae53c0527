"""How alike two full names are, as written, in any script and any order.

    name_similarity("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan")   # Somali orthography
    name_similarity("محمد عبدي حسن", "Mohamed Abdi Hassan")          # Arabic script
    name_similarity("Hassan Mohamed", "Mohamed Hassan")              # order

Both names are standardised (:func:`kintrace.names.standard_tokens`: script, compounds,
particles), then every token of one is scored against every token of the other by the best
evidence: the same token (1), the same consonant skeleton (:data:`SKELETON_SCORE`, the
cross-script evidence), or Jaro-Winkler similarity. Tokens are aligned one to one, best pairs
first, whatever their order. The score is the mean over the aligned pairs (as many as the
shorter name has tokens) times a small penalty for tokens only one name has, because
registrations drop names often and a missing name is weak evidence against.

Everything is vectorised over the pairs: token similarities are computed once per distinct
pair of tokens with rapidfuzz, and the alignment runs on ``[pairs, T, T]`` arrays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kintrace.names.parse import standard_tokens
from kintrace.names.skeleton import MAX_KEYS, skeleton_keys

__all__ = ["MAX_TOKENS", "SKELETON_SCORE", "name_similarities", "name_similarity"]

#: Tokens of a name that are compared (names longer than this keep their first tokens).
MAX_TOKENS = 6
#: Score of two tokens that share a consonant skeleton but are not spelt alike.
SKELETON_SCORE = 0.88
#: Share of the score lost when one name has every token and the other almost none.
EXTRA_TOKEN_PENALTY = 0.1

FloatArray = npt.NDArray[np.float64]


def _token_ids(
    names: Sequence[str], vocabulary: dict[str, int]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """``[len(names), MAX_TOKENS]`` token ids (-1 padded) and the token count of each name."""
    ids = np.full((len(names), MAX_TOKENS), -1, dtype=np.int32)
    counts = np.zeros(len(names), dtype=np.int32)
    for row, name in enumerate(names):
        tokens = standard_tokens(name)[:MAX_TOKENS] if isinstance(name, str) else ()
        counts[row] = len(tokens)
        for col, token in enumerate(tokens):
            ids[row, col] = vocabulary.setdefault(token, len(vocabulary))
    return ids, counts


def _skeleton_codes(tokens: Sequence[str]) -> npt.NDArray[np.int32]:
    codes = np.full((len(tokens) + 1, MAX_KEYS), -1, dtype=np.int32)
    ids: dict[str, int] = {}
    for row, token in enumerate(tokens):
        for col, key in enumerate(skeleton_keys(token)):
            codes[row, col] = ids.setdefault(key, len(ids))
    return codes


def token_scores(
    left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], tokens: Sequence[str]
) -> FloatArray:
    """Score of each pair of token ids (ids into ``tokens``; both >= 0)."""
    size = np.int64(len(tokens))
    pair = left.astype(np.int64) * size + right.astype(np.int64)
    unique, inverse = np.unique(pair, return_inverse=True)
    ul, ur = unique // size, unique % size
    words = np.asarray(tokens, dtype=object)
    jw = process.cpdist(
        words[ul], words[ur], scorer=JaroWinkler.normalized_similarity, dtype=np.float32
    ).astype(np.float64)
    keys = _skeleton_codes(tokens)
    lk, rk = keys[ul], keys[ur]
    shared = np.zeros(len(unique), dtype=bool)
    for a in range(MAX_KEYS):
        present = lk[:, a] >= 0
        for b in range(MAX_KEYS):
            shared |= present & (lk[:, a] == rk[:, b])
    scores = np.maximum(jw, np.where(shared, SKELETON_SCORE, 0.0))
    scores[ul == ur] = 1.0
    return np.asarray(scores[inverse], dtype=np.float64)


def _align(grid: FloatArray) -> tuple[FloatArray, npt.NDArray[np.int32]]:
    """Greedy one-to-one alignment on ``[P, T, T]`` (-inf = no token): sum and pair count."""
    grid = grid.copy()
    n_pairs, t, _ = grid.shape
    total = np.zeros(n_pairs)
    aligned = np.zeros(n_pairs, dtype=np.int32)
    rows = np.arange(n_pairs)
    for _ in range(t):
        flat = grid.reshape(n_pairs, t * t)
        best = flat.argmax(axis=1)
        value = flat[rows, best]
        ok = np.isfinite(value)
        if not ok.any():
            break
        total[ok] += value[ok]
        aligned[ok] += 1
        i, j = best // t, best % t
        grid[rows[ok], i[ok], :] = -np.inf
        grid[rows[ok], :, j[ok]] = -np.inf
    return total, aligned


def name_similarities(left: Sequence[str | None], right: Sequence[str | None]) -> FloatArray:
    """:func:`name_similarity` of every ``(left[i], right[i])``, vectorised.

    Parameters
    ----------
    left, right:
        Full names as written (any script); equal lengths. ``None`` or an empty/"unknown"
        name scores 0.

    Returns
    -------
    numpy.ndarray
        float64 scores in [0, 1].
    """
    if len(left) != len(right):
        raise ValueError(
            f"left and right must have the same length; got {len(left)} and {len(right)}."
        )
    if not len(left):
        return np.zeros(0)
    # Work once per distinct pair of names: registries repeat names a great deal.
    codes_l, names_l = _codes(left)
    codes_r, names_r = _codes(right)
    pair = codes_l * np.int64(len(names_r)) + codes_r
    unique, inverse = np.unique(pair, return_inverse=True)
    pl, pr = unique // len(names_r), unique % len(names_r)

    vocabulary: dict[str, int] = {}
    ids_l, n_l = _token_ids(names_l, vocabulary)
    ids_r, n_r = _token_ids(names_r, vocabulary)
    tokens = list(vocabulary)
    # The grid is as wide as the longest name present, not MAX_TOKENS: most names have 2-4.
    width = max(int(n_l.max(initial=0)), int(n_r.max(initial=0)), 1)
    a = ids_l[pl][:, :width, None]
    b = ids_r[pr][:, None, :width]
    a, b = np.broadcast_arrays(a, b)
    valid = (a >= 0) & (b >= 0)
    grid = np.full(valid.shape, -np.inf)
    if valid.any():
        grid[valid] = token_scores(a[valid], b[valid], tokens)
    total, aligned = _align(grid)
    shorter = np.minimum(n_l[pl], n_r[pr])
    longer = np.maximum(n_l[pl], n_r[pr])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(aligned > 0, total / np.maximum(aligned, 1), 0.0)
        extra = np.where(longer > 0, (longer - shorter) / np.maximum(longer, 1), 0.0)
    scores = np.clip(mean * (1.0 - EXTRA_TOKEN_PENALTY * extra), 0.0, 1.0)
    scores[shorter == 0] = 0.0
    return np.asarray(scores[inverse], dtype=np.float64)


def _codes(values: Sequence[str | None]) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Integer code of each value and the distinct values (missing counts as ``""``)."""
    codes, uniques = pd.factorize(pd.Series(list(values), dtype=object).fillna(""), sort=False)
    return codes.astype(np.int64), [str(u) for u in uniques]


def name_similarity(a: str | None, b: str | None) -> float:
    """How alike two full names are, in [0, 1], whatever their script or order.

    >>> name_similarity("Mohamed Abdi Hassan", "Mohamed Abdi Hassan")
    1.0
    >>> name_similarity("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan") > 0.85
    True
    >>> name_similarity("محمد عبدي حسن", "Mohamed Abdi Hassan") > 0.85
    True
    >>> name_similarity("Hassan Mohamed", "Mohamed Hassan")
    1.0
    >>> name_similarity("Fatima Ali", "Yohannes Tesfay") < 0.6
    True
    """
    return float(name_similarities([a], [b])[0])
