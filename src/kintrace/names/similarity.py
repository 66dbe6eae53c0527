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
#: Pairs of tokens given to rapidfuzz at once (see :func:`_jaro_winkler`).
_JW_SLICE = 16_384
#: Share of the score lost when one name has every token and the other almost none.
EXTRA_TOKEN_PENALTY = 0.22
#: Distinct names whose token ids are kept (then they are forgotten and numbered anew).
_MAX_NAMES = 500_000

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
Int64Array = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]


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
    inverse, ul, ur = _distinct_token_pairs(left, right, len(tokens))
    return _distinct_token_scores(ul, ur, _token_table(tokens))[inverse]


def _distinct_token_pairs(
    left: Int64Array, right: Int64Array, n_tokens: int
) -> tuple[npt.NDArray[np.intp], Int64Array, Int64Array]:
    """Code of each pair of token ids and the distinct pairs (smaller id first), each once."""
    size = max(n_tokens, 1)
    inverse, unique = _distinct(np.minimum(left, right) * size + np.maximum(left, right))
    ul, ur = np.divmod(unique, size)
    return inverse, ul, ur


def _distinct_token_scores(ul: Int64Array, ur: Int64Array, table: _TokenTable) -> FloatArray:
    """:func:`token_scores` of pairs of token ids, each pair once."""
    scores = np.ones(len(ul))
    differ = np.flatnonzero(ul != ur)  # the same token scores 1: no string work
    ul, ur = ul[differ], ur[differ]
    jw = _jaro_winkler(table.words, ul, ur)
    skeleton = rows_share_a_key(table.keys, table.key_bits, ul, ur)
    variant = rows_share_a_key(table.classes, table.class_bits, ul, ur)
    evidence = np.where(
        skeleton,
        np.where(variant, SPELLING_SCORE, SKELETON_SCORE),
        np.where(variant, RELATED_SCORE, 0.0),
    )
    scores[differ] = np.maximum(jw, evidence)
    return scores


def _jaro_winkler(
    words: npt.NDArray[np.object_], left: Int64Array, right: Int64Array
) -> FloatArray:
    """rapidfuzz's Jaro-Winkler of ``words[left[i]]`` and ``words[right[i]]``, rounded to float32.

    In slices of :data:`_JW_SLICE` pairs: rapidfuzz holds a wrapper of some 50 bytes per string
    while it scores, and tens of megabytes allocated afresh on every call cost more in page
    faults than the few extra calls do; slices of one size reuse the same memory instead.
    """
    jw = np.empty(len(left))
    for start in range(0, len(left), _JW_SLICE):
        part = slice(start, start + _JW_SLICE)
        jw[part] = process.cpdist(
            words[left[part]], words[right[part]], scorer=JaroWinkler.normalized_similarity,
            dtype=np.float32,
        )  # fmt: skip
    return jw


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

    Every aligned score is a float32 that is 0 or at least 1/6 (Jaro is at least a sixth
    once one character matches), times a weight of 1 or 2, and a name has at most
    :data:`MAX_TOKENS` tokens: each sum of them is exact in float64, so the two steps may add
    their parts to ``total`` in any order and the sums are those of the greedy alignment.
    """
    # From here on token-major, [token, pair]: numpy's inner loops then run over thousands of
    # pairs, not over a name's 2-6 tokens (an order of magnitude faster). As wide as the
    # longest name present, not MAX_TOKENS. int64 (intp), numpy's index type: any other is
    # converted again on every fancy index.
    width = max(int(n_l.max(initial=0)), int(n_r.max(initial=0)), 1)
    left = np.ascontiguousarray(ids_l[:, :width].T, dtype=np.int64)
    right = np.ascontiguousarray(ids_r[:, :width].T, dtype=np.int64)
    # A compound written in one word on one side and in two on the other (Gulahmad / Gul
    # Ahmad) is one name: join the two where their join is a token of the other name.
    sig_l, sig_r = _token_signatures(left), _token_signatures(right)
    n_l = _join_split_compounds(left, n_l, sig_l, right, sig_r)
    n_r = _join_split_compounds(right, n_r, sig_r, left, sig_l)
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
    left: Int64Array, right: Int64Array, total: FloatArray, weights: FloatArray
) -> tuple[BoolArray, BoolArray]:
    """Align the pairs of the same token as the greedy alignment would, adding to ``total``
    and ``weights`` in place; returns which tokens of each side are still free.

    ``left`` and ``right`` are token-major (``[token, pair]``, -1 padded). The same token
    scores 1 and no two different tokens do (Jaro-Winkler is 1 only for equal strings,
    evidence is below 1), so while such a pair is free the greedy alignment takes one: the
    first in row-major order, that is the first free right token equal to the earliest left
    token that has one. Visiting the cells in row-major order and taking each one whose two
    tokens are equal and still free makes the same choices, with no string score at all.
    """
    free_l, free_r = left >= 0, right >= 0
    for i in range(len(left)):
        for j in range(len(right)):
            # One cell of every pair's grid at once: a few passes over [pairs] booleans.
            take = (left[i] == right[j]) & free_l[i] & free_r[j]
            if not take.any():
                continue
            free_l[i] &= ~take
            free_r[j] &= ~take
            weight = FIRST_TOKEN_WEIGHT if i == 0 or j == 0 else 1.0
            np.add(total, weight, out=total, where=take)
            np.add(weights, weight, out=weights, where=take)
    return free_l, free_r


class _Group(NamedTuple):
    """Pairs of names with ``rows`` free left and ``cols`` free right tokens: dense grids."""

    members: npt.NDArray[np.intp]  # the pairs
    rows: int
    cols: int
    cells_l: Int64Array  # [rows * cols, member]: left token id of each cell, row-major
    cells_r: Int64Array  # the same for the right token id


def _align_rest(
    left: Int64Array,
    right: Int64Array,
    free_l: BoolArray,
    free_r: BoolArray,
    total: FloatArray,
    weights: FloatArray,
) -> None:
    """Greedy alignment of the free tokens, adding to ``total`` and ``weights`` in place.

    Only free left x free right tokens are scored. Pairs of names are grouped by how many
    tokens each side has free, so that every grid is dense (no padding, no invalid cell).
    The free tokens keep their order, hence the row-major order and the choice among equal
    scores too. Grids are cell-major (``[cell, pair]``), like the tokens.
    """
    packed_l, n_free_l = _packed(left, free_l)
    packed_r, n_free_r = _packed(right, free_r)
    groups = [
        _Group(
            members,
            rows,
            cols,
            np.repeat(packed_l[:rows, members], cols, axis=0),
            np.tile(packed_r[:cols, members], (rows, 1)),
        )
        for members, rows, cols in _shape_groups(n_free_l, n_free_r)
    ]
    if not groups:
        return
    # Every group's cells scored in one call: each distinct pair of tokens once.
    values = _cell_scores(
        np.concatenate([group.cells_l.ravel() for group in groups]),
        np.concatenate([group.cells_r.ravel() for group in groups]),
    )
    # A name's first token can only be its first free token: the weight needs no positions.
    first_l, first_r = free_l[0], free_r[0]
    start = 0
    for group in groups:
        grid = values[start : start + group.cells_l.size].reshape(group.cells_l.shape)
        start += group.cells_l.size
        members = group.members
        group_total, group_weights = _greedy(
            grid, group.rows, group.cols, first_l[members], first_r[members]
        )
        total[members] += group_total
        weights[members] += group_weights


def _packed(ids: Int64Array, free: BoolArray) -> tuple[Int64Array, Int8Array]:
    """Each pair's free tokens moved to the top, in their order (-1 below), and how many.

    ``ids`` is token-major: the free token ``i`` of a pair goes to row ``before``, the number
    of free tokens before it; a where-copy per (token, row) keeps every pass over [pairs]
    (numpy's cumsum along the short axis would loop over it per pair).
    """
    packed = np.full_like(ids, -1)
    before = np.zeros(ids.shape[1], dtype=np.int8)
    for i in range(len(ids)):
        for row in range(i + 1):  # before <= i
            np.copyto(packed[row], ids[i], where=free[i] & (before == row))
        before += free[i]
    return packed, before


def _shape_groups(
    n_free_l: Int8Array, n_free_r: Int8Array
) -> list[tuple[npt.NDArray[np.intp], int, int]]:
    """The pairs with free tokens on both sides, grouped by ``(rows, cols)``, their numbers."""
    side = MAX_TOKENS + 1
    shape = (n_free_l * side + n_free_r).astype(np.uint8)  # at most 48
    # A counting sort (numpy's stable sort of bytes is a radix sort): members of a shape are
    # then one slice of `order`.
    order = np.argsort(shape, kind="stable")
    counts = np.bincount(shape, minlength=side * side)
    stops = np.cumsum(counts)
    groups = []
    for code in np.flatnonzero(counts).tolist():
        rows, cols = divmod(code, side)
        if rows and cols:  # a side with no free token has nothing to align
            groups.append((order[stops[code] - counts[code] : stops[code]], rows, cols))
    return groups


def _cell_scores(cells_l: Int64Array, cells_r: Int64Array) -> npt.NDArray[np.float32]:
    """:func:`token_scores` of grid cells, in the grid's precision (float32)."""
    inverse, ul, ur = _distinct_token_pairs(cells_l, cells_r, len(_WORDS))
    scores = _distinct_token_scores(ul, ur, _token_table(_WORDS))
    # Rounded once per distinct pair, then spread over the cells: the same values.
    return scores.astype(np.float32)[inverse]


def _greedy(
    grid: npt.NDArray[np.float32],
    rows: int,
    cols: int,
    first_l: BoolArray,
    first_r: BoolArray,
) -> tuple[FloatArray, FloatArray]:
    """Greedy one-to-one alignment on dense ``[rows * cols, pairs]`` grids (row-major cells).

    Returns the weighted sum of the aligned scores and the weights, per pair. ``first_l`` and
    ``first_r`` say whether a pair's first free token on that side is its name's first token.
    Every operation is a pass over the pairs, per cell: no ``argmax`` along a short axis.
    """
    steps = min(rows, cols)  # every step aligns one pair: all finite, none is ever skipped
    if steps > 1:
        grid = grid.copy()  # cells are struck out below
    cube = grid.reshape(rows, cols, -1)
    total, weights = np.zeros(grid.shape[1]), np.zeros(grid.shape[1])
    for step in range(steps):
        best = grid.max(axis=0)
        row, col = _first_cell(cube, best)
        weight = _pair_weight(((row == 0) & first_l) | ((col == 0) & first_r))
        # The best score is the aligned cell's own value.
        total += weight * best
        weights += weight
        if step < steps - 1:
            for r in range(rows):
                np.copyto(cube[r], -np.inf, where=row == r)
            for c in range(cols):
                np.copyto(cube[:, c], -np.inf, where=col == c)
    return total, weights


def _first_cell(
    cube: npt.NDArray[np.float32], best: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Row and column of the first cell, in row-major order, that holds ``best`` per pair.

    The cells are visited last to first, so the first match is the one written last.
    """
    rows, cols, n_pairs = cube.shape
    row, col = np.zeros(n_pairs, dtype=np.int8), np.zeros(n_pairs, dtype=np.int8)
    for r in reversed(range(rows)):
        for c in reversed(range(cols)):
            hit = cube[r, c] == best
            np.copyto(row, r, where=hit)
            np.copyto(col, c, where=hit)
    return row, col


def _token_signatures(ids: Int64Array) -> Int64Array:
    """:func:`_signature` of each token id of a token-major array; -1 where there is none."""
    signatures = _token_table(_WORDS).signatures
    # One entry more, which the padding id -1 reads: no signature is negative.
    return np.append(signatures, -1)[ids]


def _join_split_compounds(
    ids: Int64Array,
    counts: IntArray,
    signatures: Int64Array,
    other: Int64Array,
    other_signatures: Int64Array,
) -> IntArray:
    """Per pair, the first two adjacent tokens whose join is a token of ``other``, joined.

    ``ids`` and ``other`` are token-major (``[token, pair]``, -1 padded at the end), with
    their :func:`_token_signatures`. ``ids`` and ``signatures`` are joined in place (they are
    the caller's working copies, and joins are rare: a copy would cost more than they do);
    returns the token counts after the joins, a new array if any changed.
    """
    width = len(ids)
    # The join can only be a token of `other` with the same signature (length, first and
    # last character): comparing signatures rules out nearly every pair before any string
    # is built.
    done = np.zeros(len(counts), dtype=bool)
    copied = False
    for i in range(width - 1):
        two = ids[i + 1] >= 0  # so token i is there too
        if not two.any():
            break  # no pair has a token i + 1, so none has a later one either
        joined = _joined_signatures(signatures[i], signatures[i + 1])
        pairs = np.flatnonzero(two & ~done & (other_signatures == joined).any(axis=0))
        if not len(pairs):
            continue
        joined = _joined_ids(ids[i, pairs], ids[i + 1, pairs])
        hit = (joined >= 0) & (other[:, pairs] == joined).any(axis=0)
        pairs, joined = pairs[hit], joined[hit]
        if not len(pairs):
            continue
        if not copied:  # the caller's counts are left as they are
            counts, copied = counts.copy(), True
        for rows, new in ((ids, joined), (signatures, _token_table(_WORDS).signatures[joined])):
            rows[i, pairs] = new
            rows[i + 1 : width - 1, pairs] = rows[i + 2 :, pairs]
            rows[width - 1, pairs] = -1
        counts[pairs] -= 1
        done[pairs] = True
    return counts


def _joined_ids(first: Int64Array, second: Int64Array) -> Int64Array:
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
