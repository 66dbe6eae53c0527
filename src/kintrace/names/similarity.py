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

Everything is vectorised over the pairs of names. The pairs of the same token are aligned
first, with no string work (they score 1, the most there is); then only the tokens still
free are scored, once per distinct pair of tokens, with rapidfuzz, and aligned on dense
grids, one per shape. Arrays are token-major (``[token, pair]``), so that numpy's inner loops
run over the pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kintrace.names.parse import standard_tokens
from kintrace.names.skeleton import MAX_KEYS, key_bits, key_id_matrix, rows_share_a_key
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
#: Distinct name pairs scored at once: bounds the memory of the per-pair arrays (some 600
#: bytes a pair at the peak), while each distinct pair of tokens is scored once per batch.
_BATCH = 100_000
#: Share of the score lost when one name has every token and the other almost none.
EXTRA_TOKEN_PENALTY = 0.22
#: Distinct names whose token ids are kept (then they are forgotten and numbered anew).
_MAX_NAMES = 500_000

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
Int64Array = npt.NDArray[np.int64]


# Token ids shared by every call: names repeat across calls (and across a run's chunks), so a
# name's tokens are standardised and numbered once. Grows with the distinct tokens seen.
_VOCABULARY: dict[str, int] = {}
_WORDS: list[str] = []


def _name_token_ids(name: str) -> tuple[int, ...]:
    ids = []
    for token in standard_tokens(name)[:MAX_TOKENS]:
        if token not in _VOCABULARY:
            _VOCABULARY[token] = len(_WORDS)
            _WORDS.append(token)
        ids.append(_VOCABULARY[token])
    return tuple(ids)


class _NameTable(dict[object, int]):
    """Row of each name seen in :attr:`ids` (its token ids, -1 padded) and :attr:`counts`.

    A dict, so that a whole column of names is looked up by one C-level ``map`` with no
    Python call per known name; :meth:`__missing__` standardises a new name, once.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ids = np.full((1024, MAX_TOKENS), -1, dtype=np.int32)
        self.counts = np.zeros(1024, dtype=np.int32)
        self.size = 0

    def __missing__(self, name: object) -> int:
        if _is_missing(name):  # no name; kept, as columns often hold many
            row = self[""]
            self[name] = row
            return row
        if not isinstance(name, str):
            return self[str(name)]
        tokens = _name_token_ids(name)
        if self.size == len(self.ids):  # grow by doubling: amortised O(1) per name
            self.ids = np.concatenate([self.ids, np.full_like(self.ids, -1)])
            self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
        row = self.size
        self.ids[row, : len(tokens)] = tokens
        self.counts[row] = len(tokens)
        self.size += 1
        self[name] = row
        return row

    def rows(self, names: Sequence[object]) -> Int64Array:
        """Row of each name, numbering new ones."""
        return np.fromiter(map(self.__getitem__, names), dtype=np.int64, count=len(names))


def _is_missing(value: object) -> bool:
    """None, NaN, pd.NA or NaT: what pandas' ``fillna`` fills."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


_NAMES = _NameTable()


def _name_table() -> _NameTable:
    """The table of names seen, started afresh once it holds :data:`_MAX_NAMES` names."""
    global _NAMES
    if _NAMES.size >= _MAX_NAMES:
        _NAMES = _NameTable()
    return _NAMES


def _distinct(keys: Int64Array) -> tuple[npt.NDArray[np.intp], Int64Array]:
    """Code of each key and the distinct keys, in order of first appearance.

    A hash table rather than np.unique's sort: the order of the distinct keys does not
    matter here, and hashing is several times faster.
    """
    codes, unique = pd.factorize(keys, sort=False)
    return codes, np.asarray(unique, dtype=np.int64)


# The signature of a token: its length, its first and its last character (a code point takes
# 21 bits), packed in one integer. Equal tokens have equal signatures, and the signature of a
# join follows from those of its parts.
_CHAR_BITS = 21
_LAST_CHAR = (1 << _CHAR_BITS) - 1
_FIRST_CHAR = _LAST_CHAR << _CHAR_BITS


def _signature(word: str) -> int:
    if not word:
        return 0
    return (len(word) << 2 * _CHAR_BITS) | (ord(word[0]) << _CHAR_BITS) | ord(word[-1])


def _joined_signatures(first: Int64Array, second: Int64Array) -> Int64Array:
    """Signature of each ``first + second``, from theirs: lengths add, ends come from each."""
    length = (first >> 2 * _CHAR_BITS) + (second >> 2 * _CHAR_BITS)
    return (length << 2 * _CHAR_BITS) | (first & _FIRST_CHAR) | (second & _LAST_CHAR)


@dataclass(frozen=True)
class _TokenTable:
    """Per token id, as arrays: what token scores and compound joins need."""

    words: npt.NDArray[np.object_]
    signatures: Int64Array  # see _signature
    keys: Int64Array  # skeleton key ids, -1 padded
    classes: Int64Array  # variant classes, -1 padded
    # Keys and classes as bits (key_bits): tokens with no bit in common share no key.
    key_bits: npt.NDArray[np.uint64]
    class_bits: npt.NDArray[np.uint64]

    @classmethod
    def of(cls, words: list[str]) -> _TokenTable:
        keys = key_id_matrix(words).reshape(-1, MAX_KEYS)
        classes = class_id_matrix(words).reshape(-1, MAX_CLASSES)
        return cls(
            words=np.asarray(words, dtype=object),
            signatures=np.fromiter(map(_signature, words), dtype=np.int64, count=len(words)),
            keys=keys,
            classes=classes,
            key_bits=key_bits(keys),
            class_bits=key_bits(classes),
        )

    def extended(self, words: list[str]) -> _TokenTable:
        more = _TokenTable.of(words)
        return _TokenTable(
            *(np.concatenate([getattr(self, f.name), getattr(more, f.name)]) for f in fields(self))
        )

    def __len__(self) -> int:
        return len(self.words)


_TABLES: dict[int, _TokenTable] = {}


def _token_table(tokens: Sequence[str]) -> _TokenTable:
    """The :class:`_TokenTable` of ``tokens``; only tokens new since the last call are added."""
    table = _TABLES.get(id(tokens))
    if table is None or len(table) < len(tokens):
        new = list(tokens[len(table) if table is not None else 0 :])
        table = _TokenTable.of(new) if table is None else table.extended(new)
        _TABLES[id(tokens)] = table
    return table


def token_scores(
    left: npt.NDArray[np.integer], right: npt.NDArray[np.integer], tokens: Sequence[str]
) -> FloatArray:
    """Score of each pair of token ids (ids into ``tokens``; both >= 0).

    1 for the same token, else the larger of Jaro-Winkler and the best evidence that holds:
    :data:`SPELLING_SCORE` (a known spelling of one name), :data:`SKELETON_SCORE` (the same
    consonant skeleton), :data:`RELATED_SCORE` (the name in another tradition). Computed once
    per distinct pair of tokens, in either order: every part of the score is symmetric.
    """
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    size = np.int64(max(len(tokens), 1))
    inverse, unique = _distinct(np.minimum(left, right) * size + np.maximum(left, right))
    table = _token_table(tokens)
    return _distinct_token_scores(unique // size, unique % size, table)[inverse]


def _distinct_token_scores(ul: Int64Array, ur: Int64Array, table: _TokenTable) -> FloatArray:
    """:func:`token_scores` of pairs of token ids, each pair once."""
    scores = np.ones(len(ul))
    differ = np.flatnonzero(ul != ur)  # the same token scores 1: no string work
    ul, ur = ul[differ], ur[differ]
    jw = process.cpdist(
        table.words[ul], table.words[ur], scorer=JaroWinkler.normalized_similarity,
        dtype=np.float32,
    ).astype(np.float64)  # fmt: skip
    skeleton = rows_share_a_key(table.keys, table.key_bits, ul, ur)
    variant = rows_share_a_key(table.classes, table.class_bits, ul, ur)
    evidence = np.where(
        skeleton,
        np.where(variant, SPELLING_SCORE, SKELETON_SCORE),
        np.where(variant, RELATED_SCORE, 0.0),
    )
    scores[differ] = np.maximum(jw, evidence)
    return scores


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
    names = _name_table()
    rows_l, rows_r = names.rows(left), names.rows(right)
    # Work once per distinct pair of names: registries repeat names a great deal.
    inverse, unique = _distinct(rows_l * names.size + rows_r)
    pl, pr = unique // names.size, unique % names.size
    scores = scores_by_token_ids(names.ids[pl], names.counts[pl], names.ids[pr], names.counts[pr])
    return np.asarray(scores[inverse], dtype=np.float64)


def token_ids(names: Sequence[str | None]) -> tuple[IntArray, IntArray]:
    """Token ids of each name (``[len(names), MAX_TOKENS]``, -1 padded) and its token count.

    For callers that score many pairs over one set of names (a match run's vocabulary): number
    the names once, then call :func:`scores_by_token_ids` per chunk of pairs.
    """
    table = _name_table()
    rows = table.rows([name if isinstance(name, str) else "" for name in names])
    return table.ids[rows], table.counts[rows]


def scores_by_token_ids(
    ids_l: IntArray, n_l: IntArray, ids_r: IntArray, n_r: IntArray
) -> FloatArray:
    """Scores of aligned rows of :func:`token_ids` output, in batches of :data:`_BATCH`."""
    scores = np.empty(len(ids_l))
    # In batches, so the per-pair arrays stay small whatever the number of pairs.
    for start in range(0, len(ids_l), _BATCH):
        stop = start + _BATCH
        scores[start:stop] = _scores(ids_l[start:stop], n_l[start:stop],
                                     ids_r[start:stop], n_r[start:stop])  # fmt: skip
    return scores


def _scores(ids_l: IntArray, n_l: IntArray, ids_r: IntArray, n_r: IntArray) -> FloatArray:
    """Scores of aligned rows of token ids (see :func:`name_similarities`).

    The alignment is greedy: the best-scoring pair of tokens first (the first in row-major
    order of the ``[left token, right token]`` grid on ties), then the best among the tokens
    left, and so on. Two steps make exactly those choices: :func:`_align_same_tokens` takes
    the pairs of the same token (score 1, the maximum), then :func:`_align_rest` scores only
    the tokens still free and aligns them.
    """
    # From here on token-major, [token, pair]: numpy's inner loops then run over thousands of
    # pairs, not over a name's 2-6 tokens (an order of magnitude faster). As wide as the
    # longest name present, not MAX_TOKENS.
    width = max(int(n_l.max(initial=0)), int(n_r.max(initial=0)), 1)
    left = np.ascontiguousarray(ids_l[:, :width].T)
    right = np.ascontiguousarray(ids_r[:, :width].T)
    # A compound written in one word on one side and in two on the other (Gulahmad / Gul
    # Ahmad) is one name: join the two where their join is a token of the other name.
    left, n_l = _join_split_compounds(left, n_l, right)
    right, n_r = _join_split_compounds(right, n_r, left)
    total, weights = np.zeros(len(n_l)), np.zeros(len(n_l))
    free_l, free_r = _align_same_tokens(left, right, total, weights)
    _align_rest(left, right, free_l, free_r, total, weights)
    shorter = np.minimum(n_l, n_r)
    longer = np.maximum(n_l, n_r)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(weights > 0, total / np.maximum(weights, 1.0), 0.0)
        extra = np.where(longer > 0, (longer - shorter) / np.maximum(longer, 1), 0.0)
    scores = np.clip(mean * (1.0 - EXTRA_TOKEN_PENALTY * extra), 0.0, 1.0)
    scores[shorter == 0] = 0.0
    return np.asarray(scores, dtype=np.float64)


def _pair_weight(first: BoolArray | bool) -> FloatArray:
    """Weight of aligned pairs, by whether they hold either name's first token.

    That pair (the given name, nearly always) weighs :data:`FIRST_TOKEN_WEIGHT`: siblings
    share their father's and grandfather's names and differ only there.
    """
    return np.where(first, FIRST_TOKEN_WEIGHT, 1.0)


def _align_same_tokens(
    left: IntArray, right: IntArray, total: FloatArray, weights: FloatArray
) -> tuple[BoolArray, BoolArray]:
    """Align the pairs of the same token as the greedy alignment would, adding to ``total``
    and ``weights`` in place; returns which tokens of each side are still free.

    ``left`` and ``right`` are token-major (``[token, pair]``, -1 padded). The same token
    scores 1 and no two different tokens do (Jaro-Winkler is 1 only for equal strings,
    evidence is below 1), so while such a pair is free the greedy alignment takes one: the
    first in row-major order, that is the first free right token equal to the earliest left
    token that has one. Scanning the left tokens in order makes the same choices, with no
    string score at all.
    """
    free_l, free_r = left >= 0, right >= 0
    same = (left[:, None, :] == right[None, :, :]) & free_l[:, None, :]  # [left, right, pair]
    pairs = np.flatnonzero(same.any(axis=(0, 1)))  # only these share a token
    same, open_r = same[:, :, pairs], free_r[:, pairs]
    for i in range(len(left)):
        # Left token i is still free here: only earlier left tokens have been aligned.
        hit = same[i] & open_r
        found = np.flatnonzero(hit.any(axis=0))
        if not len(found):
            continue
        j = hit[:, found].argmax(axis=0)  # the first free equal right token
        weight = _pair_weight((i == 0) | (j == 0))
        # Added as the greedy alignment adds them (weight * score 1), so sums are identical.
        total[pairs[found]] += weight
        weights[pairs[found]] += weight
        free_l[i, pairs[found]] = False
        open_r[j, found] = False
    free_r[:, pairs] = open_r
    return free_l, free_r


class _Grids(NamedTuple):
    """Pairs of names with the same number of free tokens on each side: their dense grids."""

    members: npt.NDArray[np.intp]  # the pairs
    cols: int  # free right tokens (the grid rows are the free left tokens)
    cells_l: IntArray  # [member, rows * cols]: left token id of each cell, row-major
    cells_r: IntArray  # the same for the right token id
    first: BoolArray  # whether the cell holds either name's first token


def _align_rest(
    left: IntArray,
    right: IntArray,
    free_l: BoolArray,
    free_r: BoolArray,
    total: FloatArray,
    weights: FloatArray,
) -> None:
    """Greedy alignment of the free tokens, adding to ``total`` and ``weights`` in place.

    Only free left x free right tokens are scored. Pairs of names are grouped by how many
    tokens each side has free, so that every grid is dense (no padding, no invalid cell).
    The free tokens keep their order, hence the row-major order and the choice among equal
    scores too.
    """
    n_free_l = np.count_nonzero(free_l, axis=0)
    n_free_r = np.count_nonzero(free_r, axis=0)
    shape = n_free_l * (MAX_TOKENS + 1) + n_free_r  # one code per (rows, cols)
    busy = np.flatnonzero((n_free_l > 0) & (n_free_r > 0))
    if not len(busy):
        return
    busy = busy[np.argsort(shape[busy], kind="stable")]
    codes, starts = np.unique(shape[busy], return_index=True)
    groups = [
        _grids(left, right, free_l, free_r, members, *divmod(code, MAX_TOKENS + 1))
        for code, members in zip(codes.tolist(), np.split(busy, starts[1:]), strict=True)
    ]
    # Every group's cells scored in one call: each distinct pair of tokens once.
    values = token_scores(
        np.concatenate([group.cells_l.ravel() for group in groups]),
        np.concatenate([group.cells_r.ravel() for group in groups]),
        _WORDS,
    ).astype(np.float32)  # the grid's precision, as before the alignment
    start = 0
    for group in groups:
        grid = values[start : start + group.first.size].reshape(group.first.shape)
        start += group.first.size
        group_total, group_weights = _greedy(grid, group.first, group.cols)
        total[group.members] += group_total
        weights[group.members] += group_weights


def _grids(
    left: IntArray,
    right: IntArray,
    free_l: BoolArray,
    free_r: BoolArray,
    members: npt.NDArray[np.intp],
    rows: int,
    cols: int,
) -> _Grids:
    """The grids of pairs ``members``, each with ``rows`` left and ``cols`` right tokens free."""
    # Positions of each member's free tokens, in order: [member, rows] and [member, cols].
    at_l = np.nonzero(free_l[:, members].T)[1].reshape(-1, rows)
    at_r = np.nonzero(free_r[:, members].T)[1].reshape(-1, cols)
    shape = (len(members), rows, cols)
    ids_l = left[at_l, members[:, None]][:, :, None]
    ids_r = right[at_r, members[:, None]][:, None, :]
    first = (at_l[:, :, None] == 0) | (at_r[:, None, :] == 0)
    return _Grids(
        members=members,
        cols=cols,
        cells_l=np.broadcast_to(ids_l, shape).reshape(len(members), -1),
        cells_r=np.broadcast_to(ids_r, shape).reshape(len(members), -1),
        first=first.reshape(len(members), -1),
    )


def _greedy(
    grid: npt.NDArray[np.float32], first: BoolArray, cols: int
) -> tuple[FloatArray, FloatArray]:
    """Greedy one-to-one alignment on dense ``[pairs, rows * cols]`` grids (row-major).

    Returns the weighted sum of the aligned scores and the weights, per pair. ``first`` says
    which cells hold a name's first token.
    """
    n_pairs, size = grid.shape
    rows = size // cols
    steps = min(rows, cols)  # every step aligns one pair: all finite, none is ever skipped
    if steps > 1:
        grid = grid.copy()  # cells are struck out below
    pairs = np.arange(n_pairs)
    total, weights = np.zeros(n_pairs), np.zeros(n_pairs)
    cube = grid.reshape(n_pairs, rows, cols)
    for step in range(steps):
        best = grid.argmax(axis=1)  # the first maximum, in row-major order
        weight = _pair_weight(first[pairs, best])
        # Summed step by step, in the order of the greedy alignment.
        total += weight * grid[pairs, best]
        weights += weight
        if step < steps - 1:
            cube[pairs, best // cols, :] = -np.inf
            cube[pairs, :, best % cols] = -np.inf
    return total, weights


def _join_split_compounds(
    ids: IntArray, counts: IntArray, other: IntArray
) -> tuple[IntArray, IntArray]:
    """Per pair, the first two adjacent tokens whose join is a token of ``other``, joined.

    ``ids`` and ``other`` are token-major (``[token, pair]``, -1 padded at the end).
    """
    width = len(ids)
    if width < 2:
        return ids, counts  # one token at most: nothing to join
    signatures = _token_table(_WORDS).signatures
    # The join can only be a token of `other` with the same signature (length, first and
    # last character): comparing signatures rules out nearly every pair before any string
    # is built.
    # Where there is no token (-1) these read the last token's signature: unused for `ids`
    # (masked by `two`), at worst a needless look-up for `other`, never a wrong join.
    own_signatures, other_signatures = signatures[ids], signatures[other]
    done = np.zeros(len(counts), dtype=bool)
    copied = False
    for i in range(width - 1):
        two = ids[i + 1] >= 0  # so token i is there too
        if not two.any():
            break  # no pair has a token i + 1, so none has a later one either
        joined = _joined_signatures(own_signatures[i], own_signatures[i + 1])
        pairs = np.flatnonzero(two & ~done & (other_signatures == joined).any(axis=0))
        if not len(pairs):
            continue
        joined = _joined_ids(ids[i, pairs], ids[i + 1, pairs])
        hit = (joined >= 0) & (other[:, pairs] == joined).any(axis=0)
        pairs, joined = pairs[hit], joined[hit]
        if not len(pairs):
            continue
        if not copied:  # the callers' arrays are left as they are
            ids, counts, copied = ids.copy(), counts.copy(), True
        ids[i, pairs] = joined
        ids[i + 1 : width - 1, pairs] = ids[i + 2 :, pairs]
        ids[width - 1, pairs] = -1
        counts[pairs] -= 1
        done[pairs] = True
    return ids, counts


def _joined_ids(first: IntArray, second: IntArray) -> Int64Array:
    """Id of the known token spelt ``first + second`` per pair (both >= 0); -1 where none.

    Looked up afresh each time (a handful of pairs, after the signature test): a token added
    later may be the join of two tokens seen before.
    """
    return np.fromiter(
        (
            _VOCABULARY.get(_WORDS[a] + _WORDS[b], -1)
            for a, b in zip(first.tolist(), second.tolist(), strict=True)
        ),
        dtype=np.int64,
        count=len(first),
    )


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
