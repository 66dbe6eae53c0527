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

Everything is vectorised over the pairs of names, once per distinct pair. The pairs of the
same token are aligned first, with no string work (they score 1, the most there is); then
only the tokens still free are scored with rapidfuzz and aligned, on dense grids, one group
per shape. Arrays are token-major (``[token, pair]``) and grids cell-major (``[cell, pair]``),
so that numpy's inner loops run over the pairs, and gathers are ``take`` (several times
faster than fancy indexing on rows and columns, a third on 1-d arrays). Where the time goes,
for a sense of scale (65,787 generated pairs, some 55 ms a warm call, under 5x rapidfuzz's
raw ``cpdist`` of the whole names): Jaro-Winkler of some 255,000 grid cells, half the time
(:func:`_jaro_winkler`): 18-19 ms inside rapidfuzz, though a frequent token meets all its
partners in one cached call (the most frequent ones each distinct partner once: 143,000
scores for 193,000 cells) and only the 62,000 cells of two rare tokens go through ``cpdist``
(130 ns each), and some 10 ms ordering the cells by token and gathering their words as
lists; looking the 131,000 names up, 7-8 ms (one C loop, with the caches cold); the joins,
same-token alignment and packing, 7 ms; evidence, greedy alignment, de-duplication of the
pairs and bookkeeping the rest. Each of those is a few numpy passes over pairs or cells, kept
small (slices and runs whose arrays the allocator reuses).
"""

from __future__ import annotations

import operator
import struct
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from kintrace.names.parse import standard_tokens
from kintrace.names.skeleton import (
    MAX_KEYS,
    h_as_g_key_id_matrix,
    key_bits,
    key_id_matrix,
    rows_share_a_key,
)
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
#: (consonants differ: Mamadou / Mohamed, Mykola / Nikolai).
RELATED_SCORE = 0.8
#: Weight of the aligned pair that holds a name's first token (the others weigh 1).
FIRST_TOKEN_WEIGHT = 2.0
#: Distinct name pairs scored at once: bounds the memory of the per-pair arrays (some 600
#: bytes a pair at the peak), while the grids of a batch are scored together, so that a
#: frequent token meets all its partners of the batch in one rapidfuzz call.
_BATCH = 100_000
#: Pairs of names whose same tokens are aligned at once, within a batch (see :func:`_scores`).
_SLICE = 8_192
#: Pairs from which a token is scored against all its partners in one call (a hub, see
#: :func:`_jaro_winkler`): past some 40 pairs that saves more than the call costs.
_HUB_PARTNERS = 48
#: Pairs from which a hub is scored once per distinct partner (see
#: :func:`_jaro_winkler_of_hub`): past some 400, finding the repeated partners costs less than
#: scoring them again.
_DISTINCT_PARTNERS = 512
#: Pairs of tokens given to rapidfuzz's cpdist at once (see :func:`_jaro_winkler_pairs`).
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
Float32Array = npt.NDArray[np.float32]


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


class _NameTable:
    """Row of each name seen in :attr:`ids` (its token ids, -1 padded) and :attr:`counts`."""

    def __init__(self) -> None:
        # Name -> row, an exact dict: a whole column is looked up by one C-level
        # `itemgetter` (a dict subclass is looked up half again as slowly, through a slot).
        # Holds text names and the missing values met, never other values (see `row`).
        self.row_of: dict[object, int] = {}
        self.ids = np.full((1024, MAX_TOKENS), -1, dtype=np.int32)
        self.counts = np.zeros(1024, dtype=np.int32)
        self.size = 0

    def rows(self, names: Sequence[object]) -> Int64Array:
        """Row of each name, numbering new ones (a read-only array).

        ``itemgetter(*names)`` looks the whole column up in one C loop: some 40 ns a name
        with the conversion to int64, where ``np.fromiter`` of a ``map`` took 70 (and a pass
        of pandas' ``factorize``, to look up only the distinct names, costs more than a dict
        look-up saves). Only when a name is new does it fall back to
        :meth:`_rows_numbering`.
        """
        if len(names) < 2:  # itemgetter of one name returns its row, not a tuple
            return np.array([self.row(name) for name in names], dtype=np.int64)
        lookup = operator.itemgetter(*names)
        try:
            found = lookup(self.row_of)
        except KeyError:
            found = self._rows_numbering(names, lookup)
        # struct packs a sequence of ints into int64s three times faster than np.fromiter.
        packed = struct.pack(f"={len(found)}q", *found)
        return np.frombuffer(packed, dtype=np.int64)

    def _rows_numbering(
        self, names: Sequence[object], lookup: operator.itemgetter[object]
    ) -> Sequence[int]:
        """Rows of a column that holds new names: each distinct name is numbered once, in
        order of first appearance, then the column is looked up again."""
        for name in dict.fromkeys(names):
            if name not in self.row_of:
                self.row(name)
        try:
            return lookup(self.row_of)  # type: ignore[no-any-return]
        except KeyError:  # values that are not text (numbers ...): looked up one by one
            return [self.row(name) for name in names]

    def row(self, name: object) -> int:
        """Row of one name; a new text name is standardised and numbered, once."""
        row = self.row_of.get(name)
        if row is not None:
            return row
        if _is_missing(name):  # no name; kept, as columns often hold many
            row = self.row_of[name] = self.row("")
            return row
        if not isinstance(name, str):  # read as its text; not kept (1 == True as a key)
            return self.row(str(name))
        tokens = _name_token_ids(name)
        if self.size == len(self.ids):  # grow by doubling: amortised O(1) per name
            self.ids = np.concatenate([self.ids, np.full_like(self.ids, -1)])
            self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
        row = self.size
        self.ids[row, : len(tokens)] = tokens
        self.counts[row] = len(tokens)
        self.size += 1
        self.row_of[name] = row
        return row


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


# The fingerprint of a token: a polynomial hash of its code points modulo 2**64, with the
# base to the power of its length. The hash of a join follows from those of its parts,
# hash(a) * power(b) + hash(b), in uint64 arithmetic (which wraps modulo 2**64 for free).
_MASK = (1 << 64) - 1
_BASE = 1_000_003


def _fingerprint(word: str) -> tuple[int, int]:
    """The hash of ``word`` and the base to the power of its length (see above)."""
    value = 0
    for char in word:
        value = (value * _BASE + ord(char)) & _MASK
    return value, pow(_BASE, len(word), 1 << 64)


@dataclass(frozen=True)
class _TokenTable:
    """Per token id, as arrays: what token scores and compound joins need."""

    words: npt.NDArray[np.object_]
    hashes: npt.NDArray[np.uint64]  # see _fingerprint
    powers: npt.NDArray[np.uint64]
    keys: Int64Array  # skeleton key ids, -1 padded
    classes: Int64Array  # variant classes, -1 padded
    # Keys and classes as bits (key_bits): tokens with no bit in common share no key.
    key_bits: npt.NDArray[np.uint64]
    class_bits: npt.NDArray[np.uint64]
    # Both at once: tokens with no bit in common here have no evidence (only a screen).
    evidence_bits: npt.NDArray[np.uint64]
    # Skeleton keys with H read as K (Ukrainian h, Russian g), for known variants only.
    h_as_g_keys: Int64Array
    h_as_g_bits: npt.NDArray[np.uint64]

    @classmethod
    def of(cls, words: list[str]) -> _TokenTable:
        keys = key_id_matrix(words).reshape(-1, MAX_KEYS)
        classes = class_id_matrix(words).reshape(-1, MAX_CLASSES)
        h_as_g = h_as_g_key_id_matrix(words)
        fingerprints = np.array([_fingerprint(w) for w in words], dtype=np.uint64).reshape(-1, 2)
        return cls(
            words=np.asarray(_fresh_copies(words), dtype=object),
            hashes=fingerprints[:, 0],
            powers=fingerprints[:, 1],
            keys=keys,
            classes=classes,
            key_bits=key_bits(keys),
            class_bits=key_bits(classes),
            evidence_bits=key_bits(keys) | key_bits(classes),
            h_as_g_keys=h_as_g,
            h_as_g_bits=key_bits(h_as_g),
        )

    def extended(self, words: list[str]) -> _TokenTable:
        more = _TokenTable.of(words)
        return _TokenTable(
            *(np.concatenate([getattr(self, f.name), getattr(more, f.name)]) for f in fields(self))
        )

    def __len__(self) -> int:
        return len(self.words)


def _fresh_copies(words: list[str]) -> list[str]:
    """Copies of ``words`` made one after another, so that they lie together in memory.

    Jaro-Winkler reads the token strings (and numpy counts references to them) hundreds of
    thousands of times a call; tokens made one at a time while names were standardised lie
    scattered over thousands of memory pages, more than the processor's page cache (TLB)
    holds, while copies made together fill a few hundred. Worth 2-3% of a call.
    """
    return [(word + " ")[:-1] for word in words]


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
    size = max(len(tokens), 1)
    inverse, unique = _distinct(np.minimum(left, right) * size + np.maximum(left, right))
    low, high = np.divmod(unique, size)
    table = _token_table(tokens)
    scores = np.ones(len(unique))
    differ = np.flatnonzero(low != high)  # the same token scores 1: no string work
    low, high = low[differ], high[differ]
    jw = _jaro_winkler(table.words, low, high).astype(np.float64)
    maybe, evidence = _evidence(low, high, jw, table)
    jw[maybe] = np.maximum(jw[maybe], evidence)
    scores[differ] = jw
    return scores[inverse]


def _pair_scores(low: Int64Array, high: Int64Array, table: _TokenTable) -> Float32Array:
    """:func:`token_scores` of pairs of different token ids, the smaller first, rounded to
    float32 (the alignment grid's precision)."""
    scores = _jaro_winkler(table.words, low, high)
    maybe, evidence = _evidence(low, high, scores, table)
    # The larger in float64, then rounded: as if every pair were computed so.
    scores[maybe] = np.maximum(scores[maybe].astype(np.float64), evidence)
    return scores


def _evidence(
    low: Int64Array, high: Int64Array, jw: npt.NDArray[np.floating], table: _TokenTable
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """The pairs of token ids whose evidence may raise their Jaro-Winkler ``jw``, and its
    score (0 where there is none).

    Looked up only for the few pairs that the evidence bits do not rule out, and whose
    Jaro-Winkler is below the best evidence (compared in ``jw``'s precision: at worst a
    pair is looked up for nothing).
    """
    meet = table.evidence_bits.take(low)
    meet &= table.evidence_bits.take(high)
    maybe = np.flatnonzero(meet.astype(bool) & (jw < SPELLING_SCORE))
    low, high = low.take(maybe), high.take(maybe)
    skeleton = rows_share_a_key(table.keys, table.key_bits, low, high)
    variant = rows_share_a_key(table.classes, table.class_bits, low, high)
    # A known variant whose consonants differ only by Ukrainian h for Russian g is one name
    # in a person's two document languages (Ihor / Igor), a spelling, not another tradition.
    other = np.flatnonzero(variant & ~skeleton)
    if len(other):
        skeleton[other] = rows_share_a_key(
            table.h_as_g_keys, table.h_as_g_bits, low.take(other), high.take(other)
        )
    evidence = np.where(
        skeleton,
        np.where(variant, SPELLING_SCORE, SKELETON_SCORE),
        np.where(variant, RELATED_SCORE, 0.0),
    )
    return maybe, evidence


def _jaro_winkler(
    words: npt.NDArray[np.object_], left: Int64Array, right: Int64Array
) -> Float32Array:
    """rapidfuzz's Jaro-Winkler of ``words[left[i]]`` and ``words[right[i]]``, rounded to float32.

    A left token in many pairs (a hub) is scored against all its partners in one ``cdist``
    call, which prepares it once (rapidfuzz's cached scorer, the same arithmetic): some
    50-70 ns a pair where ``cpdist``, preparing both strings of every pair, takes 150 (and
    the most frequent tokens once per distinct partner). The pairs of other tokens go to
    ``cpdist``.
    """
    partners = np.bincount(left)
    hubs = np.flatnonzero(partners >= _HUB_PARTNERS)  # in id order
    # Every pair in order of its left token's rank among the hubs, the pairs of no hub last:
    # a stable sort of small integers, numpy's radix sort while they fit in 16 bits.
    rank = np.full(len(partners), len(hubs), dtype=np.min_scalar_type(len(hubs)))
    rank[hubs] = np.arange(len(hubs))
    order = np.argsort(rank.take(left), kind="stable")
    stops = np.cumsum(partners[hubs])  # where each hub's pairs end in `order`
    scores = np.empty(len(left), dtype=np.float32)
    done = _jaro_winkler_by_hub(words, hubs, stops, order, right, scores)
    _jaro_winkler_pairs(words, left, right, order[done:], scores)
    return scores


def _jaro_winkler_by_hub(
    words: npt.NDArray[np.object_],
    hubs: Int64Array,
    stops: Int64Array,
    order: npt.NDArray[np.intp],
    right: Int64Array,
    scores: Float32Array,
) -> int:
    """Jaro-Winkler of each hub and its partners, the pairs ``order[stops[i - 1]:stops[i]]``,
    written to ``scores``; returns how many pairs that is (the hubs' pairs come first).

    A hub of :data:`_DISTINCT_PARTNERS` pairs or more is scored once per distinct partner
    (:func:`_jaro_winkler_of_hub`); the others in runs (:func:`_jaro_winkler_run`).
    """
    queries = words[hubs].tolist()
    bounds: list[int] = [0, *stops.tolist()]  # hub i's pairs: order[bounds[i]:bounds[i + 1]]
    scratch = np.empty(len(words), dtype=np.intp)
    first = 0
    while first < len(hubs):
        if bounds[first + 1] - bounds[first] >= _DISTINCT_PARTNERS:
            pairs = order[bounds[first] : bounds[first + 1]]
            scores[pairs] = _jaro_winkler_of_hub(queries[first], right.take(pairs), words, scratch)
            first += 1
            continue
        last = first + 1  # the run: hubs first..last - 1, up to _JW_SLICE pairs or a large hub
        while (
            last < len(hubs)
            and bounds[last + 1] - bounds[first] <= _JW_SLICE
            and bounds[last + 1] - bounds[last] < _DISTINCT_PARTNERS
        ):
            last += 1
        pairs = order[bounds[first] : bounds[last]]
        ends = [bound - bounds[first] for bound in bounds[first + 1 : last + 1]]
        partners = words.take(right.take(pairs)).tolist()
        scores[pairs] = _jaro_winkler_run(queries[first:last], ends, partners)
        first = last
    return bounds[-1]


def _jaro_winkler_run(queries: list[str], ends: list[int], partners: list[str]) -> Float32Array:
    """Jaro-Winkler of each hub of a run and its partners, ``partners[ends[i - 1]:ends[i]]``.

    A run's partners are gathered at once, as a list (rapidfuzz reads a list faster than an
    array); a run of some :data:`_JW_SLICE` pairs keeps that list and its arrays in the
    processor's cache.
    """
    scores = np.empty(len(partners), dtype=np.float32)
    start = 0
    for query, end in zip(queries, ends, strict=True):
        # No dtype: rapidfuzz's default for this scorer is float32 (and `scores` is float32
        # anyway), and converting a dtype costs a third of a small call.
        found = process.cdist(
            [query], partners[start:end], scorer=JaroWinkler.normalized_similarity
        )
        scores[start:end] = found[0]
        start = end
    return scores


def _jaro_winkler_of_hub(
    query: str,
    partners: Int64Array,
    words: npt.NDArray[np.object_],
    scratch: npt.NDArray[np.intp],
) -> Float32Array:
    """Jaro-Winkler of ``query`` and ``words[partners[i]]``, once per distinct partner.

    A frequent token meets the same partners again and again (half its pairs or more, past
    some hundreds). Each pair writes its index at its partner's entry of ``scratch`` (a
    ``len(words)`` array, read only where just written): one of a partner's pairs is left
    there, its representative, which all of them then read back. A few passes over the
    pairs, no hashing, no sort.
    """
    at = np.arange(len(partners))
    scratch[partners] = at
    representative = scratch.take(partners)
    distinct = representative == at
    choices = words.take(partners[distinct]).tolist()
    values = process.cdist([query], choices, scorer=JaroWinkler.normalized_similarity)[0]
    position = np.cumsum(distinct) - 1  # of a representative's value: those before it
    return np.asarray(values.take(position.take(representative)), dtype=np.float32)


def _jaro_winkler_pairs(
    words: npt.NDArray[np.object_],
    left: Int64Array,
    right: Int64Array,
    pairs: npt.NDArray[np.intp],
    scores: Float32Array,
) -> None:
    """Jaro-Winkler of ``words[left[i]]`` and ``words[right[i]]`` for ``i`` in ``pairs``
    (``cpdist``), written to ``scores``.

    In slices of :data:`_JW_SLICE` pairs: rapidfuzz holds a wrapper of some 50 bytes per string
    while it scores, and tens of megabytes allocated afresh on every call cost more in page
    faults than the few extra calls do; slices of one size reuse the same memory instead (and
    stay in the processor's cache).
    """
    for start in range(0, len(pairs), _JW_SLICE):
        part = pairs[start : start + _JW_SLICE]
        scores[part] = process.cpdist(
            words.take(left.take(part)).tolist(),
            words.take(right.take(part)).tolist(),
            scorer=JaroWinkler.normalized_similarity,
            dtype=np.float32,
        )


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
    pl, pr = np.divmod(unique, names.size)
    scores = _batched_scores(names.ids, names.counts, pl, names.ids, names.counts, pr)
    return np.asarray(scores.take(inverse), dtype=np.float64)


def token_ids(names: Sequence[str | None]) -> tuple[IntArray, IntArray]:
    """Token ids of each name (``[len(names), MAX_TOKENS]``, -1 padded) and its token count.

    For callers that score many pairs over one set of names (a match run's vocabulary): number
    the names once, then call :func:`scores_by_token_ids` per chunk of pairs.
    """
    table = _name_table()
    rows = table.rows([name if isinstance(name, str) else "" for name in names])
    return table.ids.take(rows, axis=0), table.counts.take(rows)


def scores_by_token_ids(
    ids_l: IntArray, n_l: IntArray, ids_r: IntArray, n_r: IntArray
) -> FloatArray:
    """Scores of aligned rows of :func:`token_ids` output, in batches of :data:`_BATCH`."""
    rows = np.arange(len(ids_l))
    return _batched_scores(ids_l, n_l, rows, ids_r, n_r, rows)


def _batched_scores(
    ids_l: IntArray,
    n_l: IntArray,
    rows_l: Int64Array,
    ids_r: IntArray,
    n_r: IntArray,
    rows_r: Int64Array,
) -> FloatArray:
    """Scores of the pairs ``(rows_l[i], rows_r[i])`` of rows of token ids (``ids_l``, their
    counts ``n_l``; ``ids_r``, ``n_r``), in batches of :data:`_BATCH` pairs."""
    scores = np.empty(len(rows_l))
    # In batches, so the per-pair arrays stay small whatever the number of pairs.
    for start in range(0, len(rows_l), _BATCH):
        part = slice(start, start + _BATCH)
        scores[part] = _scores(ids_l, n_l, rows_l[part], ids_r, n_r, rows_r[part])
    return scores


def _scores(
    ids_l: IntArray,
    n_l: IntArray,
    rows_l: Int64Array,
    ids_r: IntArray,
    n_r: IntArray,
    rows_r: Int64Array,
) -> FloatArray:
    """Scores of the pairs ``(rows_l[i], rows_r[i])`` of rows of token ids (see
    :func:`name_similarities`).

    The alignment is greedy: the best-scoring pair of tokens first (the first in row-major
    order of the ``[left token, right token]`` grid on ties), then the best among the tokens
    left, and so on. Two steps make exactly those choices: :func:`_align_same_tokens` takes
    the pairs of the same token (score 1, the maximum), then only the tokens still free are
    scored (:func:`_grid_values`) and aligned (:func:`_greedy`).

    Every aligned score is a float32 that is 0 or at least 1/6 (Jaro is at least a sixth
    once one character matches), times a weight of 1 or 2, and a name has at most
    :data:`MAX_TOKENS` tokens: each sum of them is exact in float64, so the two steps may add
    their parts in any order and the sums are those of the greedy alignment.
    """
    # Pairs in order of their longer name's token count, for slices of names of about one
    # length (see _align_slices); from here on a pair is its position in that order, so that
    # a slice of pairs is a slice of every per-pair array, not a gather and a scatter.
    length = np.maximum(n_l.take(rows_l), n_r.take(rows_r)).astype(np.uint8)
    order = np.argsort(length, kind="stable")
    rows_l, rows_r = rows_l.take(order), rows_r.take(order)
    # Token counts, after the joins of split compounds.
    n_l, n_r = n_l.take(rows_l), n_r.take(rows_r)
    total, weights = np.zeros(len(rows_l)), np.zeros(len(rows_l))
    free = _align_slices(ids_l, rows_l, n_l, ids_r, rows_r, n_r, total, weights)
    # Every grid of the batch is scored at once, then aligned.
    groups = free.grids()
    values = _grid_values(groups)
    for group, grid in zip(groups, values, strict=True):
        group_total, group_weights = _greedy(
            grid, group.rows, group.cols, group.first_l, group.first_r
        )
        total[group.members] += group_total
        weights[group.members] += group_weights
    shorter = np.minimum(n_l, n_r)
    longer = np.maximum(n_l, n_r)
    # No weight means no aligned pair, so a total of 0, and a longer name of no token a
    # shorter one too: the divisions by at least 1 give 0 there, with no mask.
    mean = total / np.maximum(weights, 1.0)
    extra = (longer - shorter) / np.maximum(longer, 1)
    ordered = np.clip(mean * (1.0 - EXTRA_TOKEN_PENALTY * extra), 0.0, 1.0)
    ordered[shorter == 0] = 0.0
    scores = np.empty(len(order))
    scores[order] = ordered
    return scores


class _Grids(NamedTuple):
    """Pairs of names with ``rows`` free left and ``cols`` free right tokens: dense grids."""

    members: npt.NDArray[np.intp]  # the pairs
    rows: int
    cols: int
    free_l: IntArray  # [rows, member]: the free left token ids, in order
    free_r: IntArray  # [cols, member]: the free right token ids, in order
    # Whether a member's first free token on that side is its name's first token.
    first_l: BoolArray
    first_r: BoolArray


class _FreeTokens(NamedTuple):
    """Per pair of names, the tokens of each side not aligned with the same token: packed
    at the top of ``[MAX_TOKENS, pairs]`` arrays (rows past a pair's count are not set)."""

    left: IntArray
    right: IntArray
    count_l: Int8Array
    count_r: Int8Array
    # Whether a pair's first token on that side is free: a name's first token can only be
    # its first free token, so the weight of an aligned pair needs no positions.
    first_l: BoolArray
    first_r: BoolArray

    @classmethod
    def empty(cls, pairs: int) -> _FreeTokens:
        return cls(
            np.empty((MAX_TOKENS, pairs), dtype=np.int32),
            np.empty((MAX_TOKENS, pairs), dtype=np.int32),
            np.empty(pairs, dtype=np.int8),
            np.empty(pairs, dtype=np.int8),
            np.empty(pairs, dtype=bool),
            np.empty(pairs, dtype=bool),
        )

    def grids(self) -> list[_Grids]:
        """The pairs with free tokens on both sides as dense grids, one group per shape."""
        return [
            _Grids(
                at,
                rows,
                cols,
                self.left[:rows].take(at, axis=1),
                self.right[:cols].take(at, axis=1),
                self.first_l[at],
                self.first_r[at],
            )
            for at, rows, cols in _shape_groups(self.count_l, self.count_r)
        ]


def _align_slices(
    ids_l: IntArray,
    rows_l: Int64Array,
    n_l: IntArray,
    ids_r: IntArray,
    rows_r: Int64Array,
    n_r: IntArray,
    total: FloatArray,
    weights: FloatArray,
) -> _FreeTokens:
    """Joins and same-token alignment of the pairs of rows ``(rows_l[i], rows_r[i])`` of
    ``ids_l`` and ``ids_r``, written to their counts ``n_l`` and ``n_r``, ``total`` and
    ``weights``; returns the tokens left free.

    In slices of :data:`_SLICE` pairs: every array there stays small (reused by the
    allocator, never fresh pages) and only as wide as the slice's longest name.
    """
    free = _FreeTokens.empty(len(rows_l))
    for start in range(0, len(rows_l), _SLICE):
        part = slice(start, start + _SLICE)
        _align_slice(
            ids_l.take(rows_l[part], axis=0),
            n_l[part],
            ids_r.take(rows_r[part], axis=0),
            n_r[part],
            part,
            total,
            free,
        )
    weights[:] = total  # the aligned pairs so far score 1: their weights are their sum
    return free


def _align_slice(
    ids_l: IntArray,
    n_l: IntArray,
    ids_r: IntArray,
    n_r: IntArray,
    part: slice,
    total: FloatArray,
    free: _FreeTokens,
) -> None:
    """Joins and same-token alignment of the pairs ``part`` (rows ``ids_l``, ``ids_r``, token
    counts ``n_l``, ``n_r``: written in place), their weight in ``total`` and their free
    tokens in ``free``."""
    # From here on token-major, [token, pair]: numpy's inner loops then run over thousands of
    # pairs, not over a name's 2-6 tokens (an order of magnitude faster). As wide as the
    # longest name present, not MAX_TOKENS. int64 (intp), numpy's index type: any other is
    # converted again on every fancy index.
    width = max(int(n_l.max(initial=0)), int(n_r.max(initial=0)), 1)
    left = np.ascontiguousarray(ids_l[:, :width].T, dtype=np.int64)
    right = np.ascontiguousarray(ids_r[:, :width].T, dtype=np.int64)
    # A compound written in one word on one side and in two on the other (Gulahmad / Gul
    # Ahmad) is one name: join the two where their join is a token of the other name.
    n_l[:] = _join_split_compounds(left, n_l, right)
    n_r[:] = _join_split_compounds(right, n_r, left)
    # Each aligned pair of the same token adds its weight to both (times a score of 1).
    total[part], free_l, free_r = _align_same_tokens(left, right)
    free.count_l[part] = _packed(left, free_l, free.left[:width, part])
    free.count_r[part] = _packed(right, free_r, free.right[:width, part])
    free.first_l[part], free.first_r[part] = free_l[0], free_r[0]


def _pair_weight(first: BoolArray | bool) -> FloatArray:
    """Weight of aligned pairs, by whether they hold either name's first token.

    That pair (the given name, nearly always) weighs :data:`FIRST_TOKEN_WEIGHT`: siblings
    share their father's and grandfather's names and differ only there.
    """
    return np.where(first, FIRST_TOKEN_WEIGHT, 1.0)


def _align_same_tokens(
    left: Int64Array, right: Int64Array
) -> tuple[FloatArray, BoolArray, BoolArray]:
    """Align the pairs of the same token as the greedy alignment would; returns the weight
    they add up to per pair and which tokens of each side are still free.

    ``left`` and ``right`` are token-major (``[token, pair]``, -1 padded). The same token
    scores 1 and no two different tokens do (Jaro-Winkler is 1 only for equal strings,
    evidence is below 1), so while such a pair is free the greedy alignment takes one: the
    first in row-major order, that is the first free right token equal to the earliest left
    token that has one. Visiting the cells in row-major order and taking each one whose two
    tokens are equal and still free makes the same choices, with no string score at all.
    """
    # Aligned pairs that hold a name's first token, and the others (small counts: int8).
    n_first, n_other = np.zeros((2, left.shape[1]), dtype=np.int8)
    free_l, free_r = left >= 0, right >= 0
    for i in range(len(left)):
        for j in range(len(right)):
            # One cell of every pair's grid at once: a few passes over [pairs] booleans.
            take = (left[i] == right[j]) & free_l[i] & free_r[j]
            if not take.any():
                continue
            free_l[i] ^= take  # only free tokens are taken
            free_r[j] ^= take
            if i == 0 or j == 0:
                n_first += take
            else:
                n_other += take
    same = np.asarray(n_first * FIRST_TOKEN_WEIGHT + n_other, dtype=np.float64)
    return same, free_l, free_r


def _packed(ids: Int64Array, free: BoolArray, out: IntArray) -> Int8Array:
    """Each pair's free tokens written to the top of ``out``, in their order; how many.

    ``ids`` and ``out`` are token-major (``[token, pair]``); rows of ``out`` below a pair's
    count are left as they are (nothing reads them). Token ``i`` of every pair is written at
    once to row ``before``, the number of free tokens before it: a free one stays there, one
    that is not free is overwritten by the next free token or lies below the pair's count.
    One scatter per token (a masked copy per token and row costs as much at three tokens,
    more past that).
    """
    pairs = np.arange(ids.shape[1])
    before = np.zeros(ids.shape[1], dtype=np.intp)
    for i in range(len(ids)):
        out[before, pairs] = ids[i]
        before += free[i]
    return before.astype(np.int8)


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


def _grid_values(groups: list[_Grids]) -> list[Float32Array]:
    """The scores of every cell of every group's grids (``[rows * cols, member]``, float32,
    the grid's precision).

    Cell by cell, with no de-duplication of the pairs of tokens: most pairs of a grid have a
    frequent token, scored by :func:`_jaro_winkler` at about the cost of hashing the pair,
    so finding the repeated pairs would save less than it costs. No cell holds the same
    token twice: those were aligned first.
    """
    if not groups:
        return []
    sizes = [g.rows * g.cols * len(g.members) for g in groups]
    stops = np.cumsum(sizes).tolist()
    # Each cell's smaller and larger token id, row-major, written in place group by group.
    low, high = np.empty(stops[-1], dtype=np.int64), np.empty(stops[-1], dtype=np.int64)
    for g, start, stop in zip(groups, [0, *stops], stops, strict=False):
        cells = (g.rows, g.cols, len(g.members))
        np.minimum(g.free_l[:, None], g.free_r[None], out=low[start:stop].reshape(cells))
        np.maximum(g.free_l[:, None], g.free_r[None], out=high[start:stop].reshape(cells))
    values = _pair_scores(low, high, _token_table(_WORDS))
    return [
        values[start:stop].reshape(g.rows * g.cols, len(g.members))
        for g, start, stop in zip(groups, [0, *stops], stops, strict=False)
    ]


def _greedy(
    grid: Float32Array, rows: int, cols: int, first_l: BoolArray, first_r: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """Greedy one-to-one alignment on dense ``[rows * cols, pairs]`` grids (row-major cells).

    Returns the weighted sum of the aligned scores and the weights, per pair. ``first_l`` and
    ``first_r`` say whether a pair's first free token on that side is its name's first token.
    A step takes every pair's best cell (see :func:`_cell_keys`) and strikes out its row and
    column; what the steps took is read once they are all done, with few numpy calls per
    step (a group is often small: the calls cost more than their work).
    """
    steps = min(rows, cols)  # a step aligns one pair; all finite, none skipped
    keys = _cell_keys(grid)
    struck, in_first_row, in_first_col = _cell_tables(rows, cols)
    best = np.empty((steps, grid.shape[1]), dtype=np.int64)
    for step in range(steps):
        keys.max(axis=0, out=best[step])
        if step < steps - 1:  # strike out the aligned tokens' row and column
            np.copyto(keys, _STRUCK, where=struck.take(best[step] & _CELL_MASK, axis=1))
    code = best & _CELL_MASK
    score = (best >> _CELL_BITS).astype(np.int32).view(np.float32)
    weight = _pair_weight((in_first_row.take(code) & first_l) | (in_first_col.take(code) & first_r))
    # Sums of at most MAX_TOKENS such terms are exact (see _scores): any order gives them.
    return (weight * score).sum(axis=0), weight.sum(axis=0)


# A cell of a grid as one integer (see _cell_keys): the bits of its score, then its code,
# its distance from the last cell.
_CELL_BITS = 8  # MAX_TOKENS ** 2 cells at most
_CELL_MASK = (1 << _CELL_BITS) - 1
_STRUCK = np.iinfo(np.int64).min


def _cell_keys(grid: Float32Array) -> Int64Array:
    """One integer per cell of ``[cells, pairs]`` grids, largest for the greedy's next pick.

    Scores are float32 >= 0, whose bits order as the scores do (+ 0.0 turns a -0.0 into 0.0,
    which is equal to it); below them the cell's code, its distance from the last cell, so
    that among equal scores the first cell in row-major order wins. One ``max`` over the
    cells then finds the best score and its cell together: no ``argmax`` along a short axis,
    no pass per cell.
    """
    cells = len(grid)
    keys = (grid + np.float32(0.0)).view(np.int32).astype(np.int64)
    keys <<= _CELL_BITS
    keys |= (cells - 1 - np.arange(cells))[:, None]
    return keys


@cache
def _cell_tables(rows: int, cols: int) -> tuple[BoolArray, BoolArray, BoolArray]:
    """By cell code (see :func:`_cell_keys`) of a ``rows`` x ``cols`` grid: which cells
    share its row or column (``[cell, code]``), and whether it lies in the first row, the
    first column."""
    cells = rows * cols
    row, col = np.divmod(cells - 1 - np.arange(cells), cols)  # of each code
    struck = (row[None, :] == row[::-1, None]) | (col[None, :] == col[::-1, None])
    tables = (struck, row == 0, col == 0)
    for table in tables:  # shared by every call: read only
        table.flags.writeable = False
    return tables


def _join_split_compounds(ids: Int64Array, counts: IntArray, other: Int64Array) -> IntArray:
    """Per pair, the first two adjacent tokens whose join is a token of ``other``, joined.

    ``ids`` and ``other`` are token-major (``[token, pair]``, -1 padded at the end). ``ids``
    is joined in place (the caller's working copy; joins are rare, a copy would cost more
    than they do); returns the token counts after the joins, a new array if any changed.
    """
    width = len(ids)
    if width < 2:
        return counts
    # The join can only be a token of `other` with the join's hash (see _fingerprint), for
    # every two adjacent tokens at once ([token, pair]): that rules out nearly every pair
    # before any string is built. Where there is no token (-1) this reads the last token's
    # hash: masked for `ids`, at worst a needless look-up for `other`, never a wrong join.
    table = _token_table(_WORDS)
    hashes = table.hashes.take(ids)
    joined = hashes[:-1] * table.powers.take(ids[1:]) + hashes[1:]
    maybe = (joined[:, None] == table.hashes.take(other)[None]).any(axis=1) & (ids[1:] >= 0)
    done = np.zeros(len(counts), dtype=bool)
    copied = False
    for i in np.flatnonzero(maybe.any(axis=1)).tolist():
        pairs = np.flatnonzero(maybe[i] & ~done)
        joined_ids = _joined_ids(ids[i, pairs], ids[i + 1, pairs])
        hit = (joined_ids >= 0) & (other[:, pairs] == joined_ids).any(axis=0)
        pairs, joined_ids = pairs[hit], joined_ids[hit]
        if not len(pairs):
            continue
        if not copied:  # the caller's counts are left as they are
            counts, copied = counts.copy(), True
        ids[i, pairs] = joined_ids
        ids[i + 1 : width - 1, pairs] = ids[i + 2 :, pairs]
        ids[width - 1, pairs] = -1
        counts[pairs] -= 1
        done[pairs] = True
    return counts


def _joined_ids(first: Int64Array, second: Int64Array) -> Int64Array:
    """Id of the known token spelt ``first + second`` per pair (both >= 0); -1 where none.

    Looked up afresh each time (a handful of pairs, after the hash test): a token added
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
