"""How alike two full names are, as written, in any script and any order.

    name_similarity("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan")   # Somali orthography
    name_similarity("محمد عبدي حسن", "Mohamed Abdi Hassan")          # Arabic script
    name_similarity("Hassan Mohamed", "Mohamed Hassan")              # order

Both names are standardised (:func:`kintrace.names.standard_tokens`: script, compounds,
particles), then every token of one is scored against every token of the other by the best
evidence: the same token (1), the same consonant skeleton (:data:`SKELETON_SCORE`, the
cross-script evidence), or Jaro-Winkler similarity. Tokens are aligned one to one, best pairs
first, whatever their order. The score is the mean over the aligned pairs (as many as the
shorter name has tokens; the pair holding a first token, the given name, counts twice: siblings
share the rest) times a small penalty for tokens only one name has, because registrations drop
names often and a missing name is weak evidence against.

Everything is vectorised over the pairs: token similarities are computed once per distinct
pair of tokens with rapidfuzz, and the alignment runs on ``[pairs, T, T]`` arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kintrace.names.parse import standard_tokens
from kintrace.names.skeleton import MAX_KEYS, key_id_matrix, keys_shared
from kintrace.names.variants import MAX_CLASSES, class_id_matrix

__all__ = ["MAX_TOKENS", "SKELETON_SCORE", "name_similarities", "name_similarity"]

#: Tokens of a name that are compared (names longer than this keep their first tokens).
MAX_TOKENS = 6
#: Score of two tokens that share a consonant skeleton but are not spelt alike.
SKELETON_SCORE = 0.88
#: Score of two tokens that public name data gives as one name and that share a skeleton
#: (see :mod:`kintrace.names.variants`): a skeleton match confirmed.
SPELLING_SCORE = 0.92
#: Score of two tokens that public name data gives as one name in different traditions
#: (consonants differ: Mamadou / Mohamed, Serhii / Sergei).
RELATED_SCORE = 0.8
#: Weight of the aligned pair that holds a name's first token (the others weigh 1).
FIRST_TOKEN_WEIGHT = 2.0
#: Distinct name pairs scored at once (bounds the memory of the alignment grids).
_BATCH = 50_000
#: Share of the score lost when one name has every token and the other almost none.
EXTRA_TOKEN_PENALTY = 0.22

FloatArray = npt.NDArray[np.float64]


# Token ids shared by every call: names repeat across calls (and across a run's chunks), so a
# name's tokens are standardised and numbered once. Grows with the distinct tokens seen.
_VOCABULARY: dict[str, int] = {}
_WORDS: list[str] = []


@lru_cache(maxsize=500_000)
def _name_token_ids(name: str) -> tuple[int, ...]:
    ids = []
    for token in standard_tokens(name)[:MAX_TOKENS]:
        if token not in _VOCABULARY:
            _VOCABULARY[token] = len(_WORDS)
            _WORDS.append(token)
        ids.append(_VOCABULARY[token])
    return tuple(ids)


def _token_ids(names: Sequence[str]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """``[len(names), MAX_TOKENS]`` token ids (-1 padded) and the token count of each name."""
    ids = np.full((len(names), MAX_TOKENS), -1, dtype=np.int32)
    counts = np.zeros(len(names), dtype=np.int32)
    for row, name in enumerate(names):
        tokens = _name_token_ids(name)
        counts[row] = len(tokens)
        ids[row, : len(tokens)] = tokens
    return ids, counts


_Arrays = tuple[npt.NDArray[np.object_], npt.NDArray[np.int64], npt.NDArray[np.int64]]
_ARRAYS: dict[int, _Arrays] = {}


def _token_arrays(tokens: Sequence[str]) -> _Arrays:
    """Every token as an object array, its skeleton key ids and its variant classes.

    Only tokens new since the last call are added.
    """
    words, keys, classes = _ARRAYS.get(
        id(tokens),
        (
            np.empty(0, dtype=object),
            np.empty((0, MAX_KEYS), dtype=np.int64),
            np.empty((0, MAX_CLASSES), dtype=np.int64),
        ),
    )
    if len(words) < len(tokens):
        new = list(tokens[len(words) :])
        words = np.concatenate([words, np.asarray(new, dtype=object)])
        keys = np.concatenate([keys, key_id_matrix(new)])
        classes = np.concatenate([classes, class_id_matrix(new)])
        _ARRAYS[id(tokens)] = (words, keys, classes)
    return words, keys, classes


def token_scores(
    left: npt.NDArray[np.integer], right: npt.NDArray[np.integer], tokens: Sequence[str]
) -> FloatArray:
    """Score of each pair of token ids (ids into ``tokens``; both >= 0).

    1 for the same token, else the larger of Jaro-Winkler and the best evidence that holds:
    :data:`SPELLING_SCORE` (a known spelling of one name), :data:`SKELETON_SCORE` (the same
    consonant skeleton), :data:`RELATED_SCORE` (the name in another tradition). Computed once
    per distinct pair of tokens.
    """
    size = np.int64(max(len(tokens), 1))
    pair = left.astype(np.int64) * size + right.astype(np.int64)
    unique, inverse = np.unique(pair, return_inverse=True)
    ul, ur = unique // size, unique % size
    words, keys, classes = _token_arrays(tokens)
    jw = process.cpdist(
        words[ul], words[ur], scorer=JaroWinkler.normalized_similarity, dtype=np.float32
    ).astype(np.float64)
    skeleton = keys_shared(keys[ul], keys[ur])
    variant = keys_shared(classes[ul], classes[ur])
    evidence = np.select(
        [variant & skeleton, skeleton, variant],
        [SPELLING_SCORE, SKELETON_SCORE, RELATED_SCORE],
        0.0,
    )
    scores = np.maximum(jw, evidence)
    scores[ul == ur] = 1.0
    return np.asarray(scores[inverse], dtype=np.float64)


def _align(grid: npt.NDArray[np.floating]) -> tuple[FloatArray, FloatArray]:
    """Greedy one-to-one alignment on ``[P, T, T]`` (-inf = no token): weighted sum, weights.

    The pair that holds either name's first token (the given name, nearly always) weighs
    :data:`FIRST_TOKEN_WEIGHT`: siblings share their father's and grandfather's names and
    differ only there.
    """
    grid = grid.copy()
    n_pairs, t, _ = grid.shape
    total = np.zeros(n_pairs)
    weights = np.zeros(n_pairs)
    rows = np.arange(n_pairs)
    for _ in range(t):
        flat = grid.reshape(n_pairs, t * t)
        best = flat.argmax(axis=1)
        value = flat[rows, best]
        ok = np.isfinite(value)
        if not ok.any():
            break
        i, j = best // t, best % t
        weight = np.where((i == 0) | (j == 0), FIRST_TOKEN_WEIGHT, 1.0)
        total[ok] += weight[ok] * value[ok]
        weights[ok] += weight[ok]
        grid[rows[ok], i[ok], :] = -np.inf
        grid[rows[ok], :, j[ok]] = -np.inf
    return total, weights


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
    ids_l, n_l = _token_ids(names_l)
    ids_r, n_r = _token_ids(names_r)
    scores = scores_by_token_ids(ids_l[pl], n_l[pl], ids_r[pr], n_r[pr])
    return np.asarray(scores[inverse], dtype=np.float64)


def token_ids(names: Sequence[str | None]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Token ids of each name (``[len(names), MAX_TOKENS]``, -1 padded) and its token count.

    For callers that score many pairs over one set of names (a match run's vocabulary): number
    the names once, then call :func:`scores_by_token_ids` per chunk of pairs.
    """
    return _token_ids([name if isinstance(name, str) else "" for name in names])


def scores_by_token_ids(
    ids_l: npt.NDArray[np.int32],
    n_l: npt.NDArray[np.int32],
    ids_r: npt.NDArray[np.int32],
    n_r: npt.NDArray[np.int32],
) -> FloatArray:
    """Scores of aligned rows of :func:`token_ids` output, in batches of :data:`_BATCH`."""
    scores = np.empty(len(ids_l))
    # In batches, so the [pairs, T, T] grids stay small whatever the number of pairs.
    for start in range(0, len(ids_l), _BATCH):
        stop = start + _BATCH
        scores[start:stop] = _scores(ids_l[start:stop], n_l[start:stop],
                                     ids_r[start:stop], n_r[start:stop])  # fmt: skip
    return scores


def _scores(
    ids_l: npt.NDArray[np.int32],
    n_l: npt.NDArray[np.int32],
    ids_r: npt.NDArray[np.int32],
    n_r: npt.NDArray[np.int32],
) -> FloatArray:
    """Scores of aligned rows of token ids (see :func:`name_similarities`)."""
    # A compound written in one word on one side and in two on the other (Gulahmad / Gul
    # Ahmad) is one name: join the two where their join is a token of the other name.
    ids_l, n_l = _join_split_compounds(ids_l, n_l, ids_r)
    ids_r, n_r = _join_split_compounds(ids_r, n_r, ids_l)
    # The grid is as wide as the longest name present, not MAX_TOKENS: most names have 2-4.
    width = max(int(n_l.max(initial=0)), int(n_r.max(initial=0)), 1)
    a = ids_l[:, :width, None]
    b = ids_r[:, None, :width]
    a, b = np.broadcast_arrays(a, b)
    valid = (a >= 0) & (b >= 0)
    grid = np.full(valid.shape, -np.inf, dtype=np.float32)
    if valid.any():
        grid[valid] = token_scores(a[valid], b[valid], _WORDS)
    total, weights = _align(grid)
    shorter = np.minimum(n_l, n_r)
    longer = np.maximum(n_l, n_r)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(weights > 0, total / np.maximum(weights, 1.0), 0.0)
        extra = np.where(longer > 0, (longer - shorter) / np.maximum(longer, 1), 0.0)
    scores = np.clip(mean * (1.0 - EXTRA_TOKEN_PENALTY * extra), 0.0, 1.0)
    scores[shorter == 0] = 0.0
    return np.asarray(scores, dtype=np.float64)


# (left token id * 2**32 + right token id) -> id of the token spelt left + right, or -1.
_JOINS: dict[int, int] = {}


def _joined_ids(
    first: npt.NDArray[np.int32], second: npt.NDArray[np.int32]
) -> npt.NDArray[np.int64]:
    """Id of the known token spelt ``first + second`` per row; -1 where there is none."""
    joined = np.full(len(first), -1, dtype=np.int64)
    present = (first >= 0) & (second >= 0)
    if not present.any():
        return joined
    keys = (first[present].astype(np.int64) << 32) | second[present].astype(np.int64)
    unique, inverse = np.unique(keys, return_inverse=True)
    found = np.empty(len(unique), dtype=np.int64)
    for position, key in enumerate(unique.tolist()):
        if key not in _JOINS:
            word = _WORDS[key >> 32] + _WORDS[key & 0xFFFFFFFF]
            _JOINS[key] = _VOCABULARY.get(word, -1)
        found[position] = _JOINS[key]
    joined[present] = found[inverse]
    return joined


def _join_split_compounds(
    ids: npt.NDArray[np.int32], counts: npt.NDArray[np.int32], other: npt.NDArray[np.int32]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Per row, the first two adjacent tokens whose join is a token of ``other``, joined."""
    width = ids.shape[1]
    ids, counts = ids.copy(), counts.copy()
    done = np.zeros(len(ids), dtype=bool)
    for i in range(width - 1):
        joined = _joined_ids(ids[:, i], ids[:, i + 1])
        rows = np.flatnonzero(~done & (joined >= 0) & (other == joined[:, None]).any(axis=1))
        if not len(rows):
            continue
        ids[rows, i] = joined[rows]
        ids[rows, i + 1 : width - 1] = ids[rows, i + 2 :]
        ids[rows, width - 1] = -1
        counts[rows] -= 1
        done[rows] = True
    return ids, counts


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
