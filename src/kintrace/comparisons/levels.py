"""Comparison levels: frozen specs that evaluate, for a chunk of pairs, which pairs meet them.

A level never decides precedence: the :class:`~kintrace.comparisons.Comparison` that holds it
tries its levels in order and the first that holds wins. Levels work on the shared integer
codes of :mod:`kintrace.comparisons.encoded`, so they are vectorised over a whole chunk.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler as _JaroWinkler

from kintrace.comparisons.encoded import EncodedTables, OtherNames
from kintrace.dates.intervals import DAYS_PER_YEAR
from kintrace.names.similarity import scores_by_token_ids
from kintrace.names.skeleton import keys_shared, rows_share_a_key
from kintrace.names.variants import VariantRelation, variant_relations

__all__ = [
    "AgeGapFits",
    "BirthYearsApart",
    "Exact",
    "JaroWinkler",
    "KnownVariant",
    "Level",
    "NameSimilarity",
    "OtherNameExact",
    "OtherNameSimilarity",
    "PairChunk",
    "SameDay",
    "SameKey",
    "SameSkeleton",
    "SameYearMonth",
    "SharesAName",
]


@dataclass(frozen=True)
class OtherNameScores:
    """Per pair of a chunk: how the records' other names meet the other record's names.

    ``score`` is the best :func:`kintrace.name_similarity` of an other name of one record
    against the name or an other name of the other (float32, 0 with nothing to compare) and
    ``same`` whether one of those is the same name. ``name_same`` is whether the two main names
    are the same, and ``name_score`` their score, filled only for the pairs a level asked for
    (NaN elsewhere; see :meth:`PairChunk.main_name_score`): so that a level can ask for more
    than the main names already give.
    """

    score: np.ndarray
    same: np.ndarray
    name_same: np.ndarray
    name_score: np.ndarray


@dataclass
class PairChunk:
    """A chunk of candidate pairs: row positions into the children and requests tables.

    Holds a per-chunk memo so that two levels reading the same similarity (Jaro-Winkler ≥ 0.92,
    then ≥ 0.80) compute it once.
    """

    tables: EncodedTables
    left: np.ndarray  # int32/int64 row positions in the children table
    right: np.ndarray  # row positions in the requests table
    workers: int = 1
    _memo: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    _other_names_memo: dict[tuple[str, str], OtherNameScores] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.left)

    def codes(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        encoded = self.tables.text[column]
        return encoded.left[self.left], encoded.right[self.right]

    def numeric(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        return (
            self.tables.numeric_left[column][self.left],
            self.tables.numeric_right[column][self.right],
        )

    def missing(self, column: str) -> np.ndarray:
        """True where the column is missing on either side of the pair."""
        if column in self.tables.text:
            lc, rc = self.codes(column)
            return np.asarray((lc < 0) | (rc < 0))
        lv, rv = self.numeric(column)
        return np.asarray(np.isnan(lv.astype(float)) | np.isnan(rv.astype(float)))

    def missing_on_side(self, column: str, *, right: bool) -> np.ndarray:
        """True where one side of the pair (the request's with ``right``, else the child's)
        has no value in ``column``."""
        rows = self.right if right else self.left
        if column in self.tables.text:
            encoded = self.tables.text[column]
            return np.asarray((encoded.right if right else encoded.left)[rows] < 0)
        values = (self.tables.numeric_right if right else self.tables.numeric_left)[column]
        return np.asarray(np.isnan(values[rows].astype(float)))

    def present_on_both(self, left_column: str, right_column: str) -> np.ndarray:
        """True where the child has ``left_column`` and the request has ``right_column``."""
        return np.asarray(
            (self.tables.text[left_column].left[self.left] >= 0)
            & (self.tables.text[right_column].right[self.right] >= 0)
        )

    def jaro_winkler(self, column: str) -> np.ndarray:
        """Jaro-Winkler similarity per pair, computed once per distinct pair of values."""
        key = ("jaro_winkler", column)
        if key not in self._memo:
            self._memo[key] = self._string_similarity(column)
        return self._memo[key]

    def skeleton_match(self, column: str) -> np.ndarray:
        """True where the two values share a consonant skeleton (any reading of each)."""
        key = ("skeleton", column)
        if key not in self._memo:
            keys = self.tables.skeleton_codes(column)
            lc, rc = self.codes(column)
            hit = keys_shared(keys[lc], keys[rc])
            self._memo[key] = hit
        return self._memo[key]

    def shares_a_name(self, column: str) -> np.ndarray:
        """True where a (side-tagged) name of one value is one of the other's, by skeleton
        (:meth:`~kintrace.comparisons.encoded.EncodedTables.tagged_name_keys`)."""
        key = ("shares_a_name", column)
        if key not in self._memo:
            keys, bits = self.tables.tagged_name_keys(column)
            lc, rc = self.codes(column)
            # Code -1 (missing) indexes the last row, which has no key.
            self._memo[key] = rows_share_a_key(keys, bits, lc, rc)
        return self._memo[key]

    def variant_relation(self, column: str) -> np.ndarray:
        """:class:`~kintrace.names.variants.VariantRelation` of the two values, per pair."""
        key = ("variant", column)
        if key not in self._memo:
            classes = self.tables.variant_codes(column)
            masks = self.tables.variant_masks(column)
            lc, rc = self.codes(column)
            shared = rows_share_a_key(classes, masks, lc, rc)
            skeleton = self.skeleton_match(column).copy()
            # Ukrainian h for Russian g (Ihor / Igor) is a spelling of a known name.
            other = np.flatnonzero(shared & ~skeleton)
            h_as_g = self.tables.h_as_g_codes(column)
            skeleton[other] = keys_shared(h_as_g[lc[other]], h_as_g[rc[other]])
            self._memo[key] = variant_relations(shared, skeleton)
        return self._memo[key]

    def name_similarity(self, column: str) -> np.ndarray:
        """:func:`kintrace.names.name_similarities` per pair, once per distinct pair of values.

        Works on the run's token ids of each name (numbered once per run), not on strings.
        """
        key = ("name_similarity", column)
        if key not in self._memo:
            ids, counts = self.tables.name_token_ids(column)
            lc, rc = self.codes(column)
            size = np.int64(len(ids))
            pair_codes = lc.astype(np.int64) % size * size + rc.astype(np.int64) % size
            unique, inverse = np.unique(pair_codes, return_inverse=True)
            ul, ur = unique // size, unique % size
            scores = scores_by_token_ids(ids[ul], counts[ul], ids[ur], counts[ur])
            self._memo[key] = np.asarray(scores[inverse], dtype=np.float32)
        return self._memo[key]

    def other_names(self, alt_column: str, name_column: str) -> OtherNameScores:
        """Scores of each pair's other names against the other record's names (see
        :class:`OtherNameScores`), computed once per chunk.

        Every pair's names are listed, each distinct pair of names is scored once with
        :func:`kintrace.names.similarity.scores_by_token_ids`, and the best is taken per pair;
        the child's name always comes first, as in the reference.
        """
        key = (alt_column, name_column)
        if key not in self._other_names_memo:
            self._other_names_memo[key] = self._other_names(alt_column, name_column)
        return self._other_names_memo[key]

    def main_name_score(self, alt_column: str, name_column: str, where: np.ndarray) -> np.ndarray:
        """:attr:`OtherNameScores.name_score`, computed (once) at least for the pairs ``where``.

        Only the few pairs whose other names score high need it, so it is not computed for all.
        """
        scores = self.other_names(alt_column, name_column)
        todo = np.flatnonzero(where & np.isnan(scores.name_score))
        if len(todo):
            names = self.tables.other_names(alt_column, name_column)
            ln, rn = self.codes(name_column)
            ids_l, ids_r = names.name_ids[ln[todo]], names.name_ids[rn[todo]]
            both = (ids_l >= 0) & (ids_r >= 0)
            result = np.zeros(len(todo), dtype=np.float32)
            if both.any():
                result[both] = _scores_of_name_pairs(names, ids_l[both], ids_r[both])
            scores.name_score[todo] = result
        return scores.name_score

    def _other_names(self, alt_column: str, name_column: str) -> OtherNameScores:
        names = self.tables.other_names(alt_column, name_column)
        la, ra = self.codes(alt_column)
        ln, rn = self.codes(name_column)
        result = OtherNameScores(
            score=np.zeros(len(self), dtype=np.float32),
            same=np.zeros(len(self), dtype=bool),
            name_same=np.asarray((ln == rn) & (ln >= 0)),
            name_score=np.full(len(self), np.nan, dtype=np.float32),
        )
        pairs = np.flatnonzero((la >= 0) | (ra >= 0))
        if not len(pairs):
            return result
        # Once per distinct combination of (name, other names) on each side in the chunk.
        left_inverse, left_name, left_alt = _distinct_records(ln[pairs], la[pairs])
        right_inverse, right_name, right_alt = _distinct_records(rn[pairs], ra[pairs])
        n_right_records = np.int64(len(right_name))
        unique, inverse = np.unique(
            left_inverse * n_right_records + right_inverse, return_inverse=True
        )
        combo_l, combo_r = unique // n_right_records, unique % n_right_records
        # Each side's list: its name (when there is one), then its other names.
        left_names, n_left = _name_lists(names, left_name[combo_l], left_alt[combo_l])
        right_names, n_right = _name_lists(names, right_name[combo_r], right_alt[combo_r])
        # Every (left, right) of the two lists but name against name (the first when both
        # have a name): that one is the main names', not an other name's.
        skip = ((names.name_ids[left_name[combo_l]] >= 0)
                & (names.name_ids[right_name[combo_r]] >= 0)).astype(np.int64)  # fmt: skip
        total = n_left * n_right - skip
        row = np.repeat(np.arange(len(unique)), total)
        k = np.arange(int(total.sum()), dtype=np.int64) - _list_start(total)[row] + skip[row]
        i, j = k // n_right[row], k % n_right[row]
        ids_l = left_names[_list_start(n_left)[row] + i]
        ids_r = right_names[_list_start(n_right)[row] + j]
        best = np.zeros(len(unique), dtype=np.float32)
        hit = np.zeros(len(unique), dtype=bool)
        if len(row):
            scores = _scores_of_name_pairs(names, ids_l, ids_r)
            # Rows are in order: reduce each row's run of pairs.
            filled = total > 0
            starts = _list_start(total)[filled]
            best[filled] = np.maximum.reduceat(scores, starts)
            hit[filled] = np.logical_or.reduceat(ids_l == ids_r, starts)
        result.score[pairs] = best[inverse.reshape(-1)]
        result.same[pairs] = hit[inverse.reshape(-1)]
        return result

    def _string_similarity(self, column: str) -> np.ndarray:
        return self._per_distinct_pair(
            column,
            lambda a, b: process.cpdist(
                a, b, scorer=_JaroWinkler.normalized_similarity, workers=self.workers
            ),
        )

    def _per_distinct_pair(
        self, column: str, score: Callable[[np.ndarray, np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """``score`` of every pair, computed once per distinct pair of values (0 if missing)."""
        lc, rc = self.codes(column)
        vocabulary = self.tables.text[column].vocabulary
        size = np.int64(len(vocabulary) + 1)
        # Shift by one so that "missing" (-1) gets its own code, then pair the codes.
        pair_codes = (lc.astype(np.int64) + 1) * size + (rc.astype(np.int64) + 1)
        unique, inverse = np.unique(pair_codes, return_inverse=True)
        ul, ur = unique // size - 1, unique % size - 1
        padded = np.append(vocabulary, "").astype(object)  # index -1 → ""
        scores = np.asarray(score(padded[ul], padded[ur]), dtype=np.float32)
        scores[(ul < 0) | (ur < 0)] = 0.0
        return np.asarray(scores[inverse], dtype=np.float32)


def _distinct_records(
    name_codes: np.ndarray, alt_codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Number the distinct (name, other names) code pairs: each row's number, then the name
    code and other-names code of each number."""
    width = np.int64(int(alt_codes.max(initial=-1)) + 2)
    key = (name_codes.astype(np.int64) + 1) * width + (alt_codes.astype(np.int64) + 1)
    unique, inverse = np.unique(key, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), unique // width - 1, unique % width - 1


def _scores_of_name_pairs(names: OtherNames, ids_l: np.ndarray, ids_r: np.ndarray) -> np.ndarray:
    """float32 name similarity of each (ids_l[i], ids_r[i]) of name ids, once per distinct pair."""
    size = np.int64(len(names.token_counts))
    distinct, back = np.unique(ids_l * size + ids_r, return_inverse=True)
    dl, dr = distinct // size, distinct % size
    scores = scores_by_token_ids(
        names.token_ids[dl], names.token_counts[dl], names.token_ids[dr], names.token_counts[dr]
    )
    return np.asarray(scores, dtype=np.float32)[back.reshape(-1)]


def _list_start(counts: np.ndarray) -> np.ndarray:
    """Where each row's list starts in the concatenated lists."""
    return np.asarray(np.cumsum(counts) - counts)


def _name_lists(
    names: OtherNames, name_codes: np.ndarray, alt_codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the name ids of the name (when present) then the other names, concatenated,
    and how many each row has."""
    has_name = names.name_ids[name_codes] >= 0
    n_alt = names.alt_counts[alt_codes]
    counts = has_name.astype(np.int64) + n_alt
    row = np.repeat(np.arange(len(counts)), counts)
    k = np.arange(int(counts.sum()), dtype=np.int64) - _list_start(counts)[row]
    is_name = has_name[row] & (k == 0)
    ids = np.full(len(row), -1, dtype=np.int64)
    ids[is_name] = names.name_ids[name_codes][row[is_name]]
    position = names.alt_starts[alt_codes][row] + k - has_name[row]
    ids[~is_name] = names.alt_ids[position[~is_name]]
    return ids, counts


class Level(ABC):
    """One level of a comparison: a condition on a pair, and a label built from it."""

    @abstractmethod
    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        """Boolean array: which pairs of the chunk meet this level."""

    @abstractmethod
    def label(self) -> str:
        """A short, plain-language description ("exact", "Jaro-Winkler ≥ 0.92")."""

    def text_columns(self) -> tuple[str, ...]:
        return ()

    def numeric_columns(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class Exact(Level):
    """The two values are identical (after standardisation)."""

    column: str

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        lc, rc = chunk.codes(self.column)
        return np.asarray((lc == rc) & (lc >= 0))

    def label(self) -> str:
        return "exact"

    def text_columns(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class _ScoreAtLeast(Level):
    """A similarity score of the two values in [0, 1] is at least ``threshold``."""

    column: str
    threshold: float

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(
                f"The 'threshold' parameter of {type(self).__name__} must be a float in (0, 1]. "
                f"Got {self.threshold!r} instead."
            )

    @abstractmethod
    def scores(self, chunk: PairChunk) -> np.ndarray:
        """The float32 score of every pair of the chunk."""

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        # Compared in float32, as computed, so the reference and the fast path agree exactly.
        return np.asarray(self.scores(chunk) >= np.float32(self.threshold))

    def text_columns(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class JaroWinkler(_ScoreAtLeast):
    """Jaro-Winkler similarity of the two values is at least ``threshold``."""

    def scores(self, chunk: PairChunk) -> np.ndarray:
        return chunk.jaro_winkler(self.column)

    def label(self) -> str:
        return f"Jaro-Winkler ≥ {self.threshold:g}"


@dataclass(frozen=True)
class SameKey(Level):
    """The two values share a key column (a phonetic code): they sound alike."""

    key_column: str
    description: str = "sounds alike"

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        lc, rc = chunk.codes(self.key_column)
        return np.asarray((lc == rc) & (lc >= 0))

    def label(self) -> str:
        return self.description

    def text_columns(self) -> tuple[str, ...]:
        return (self.key_column,)


@dataclass(frozen=True)
class SameSkeleton(Level):
    """The two names share a consonant skeleton: the same name across scripts and spellings.

    Mohamed / Maxamed / محمد, Yusuf / Jussuf / يوسف (see :mod:`kintrace.names.skeleton`).
    """

    column: str

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        return chunk.skeleton_match(self.column)

    def label(self) -> str:
        return "same consonants (across scripts and spellings)"

    def text_columns(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class KnownVariant(Level):
    """Public name data gives the two values as one name (see :mod:`kintrace.names.variants`).

    ``relation`` picks the evidence: ``SPELLING`` (two romanisations of one name: Mohamed /
    Muhammad) or ``RELATED`` (the name in another language or tradition, consonants differ:
    Mamadou / Mohamed, Mykola / Nikolai).
    """

    column: str
    relation: VariantRelation = VariantRelation.SPELLING

    def __post_init__(self) -> None:
        if self.relation is VariantRelation.NONE:
            raise ValueError("KnownVariant needs relation SPELLING or RELATED, not NONE.")

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        return np.asarray(chunk.variant_relation(self.column) == self.relation)

    def label(self) -> str:
        if self.relation is VariantRelation.SPELLING:
            return "known spelling of the same name"
        return "same name in another language or tradition"

    def text_columns(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class NameSimilarity(_ScoreAtLeast):
    """Two full names align, in any order and script, with a score of at least ``threshold``.

    The score is :func:`kintrace.name_similarity` (tokens aligned one to one, each pair scored
    by its best evidence: same token, same consonant skeleton, Jaro-Winkler).
    """

    def scores(self, chunk: PairChunk) -> np.ndarray:
        return chunk.name_similarity(self.column)

    def label(self) -> str:
        return f"names align, any order or script (score ≥ {self.threshold:g})"


@dataclass(frozen=True)
class OtherNameExact(Level):
    """An other name of one record is the other record's name, or one of its other names
    (after standardisation).

    Other names (``alt_names``) are aliases, nicknames and other spellings, and the name as
    written in its own script when the main name came from other columns. The two main names
    against each other are the name comparisons' business. With ``beyond_name`` (the
    default) the level holds only where the main names are not the same already: an other
    name that says what the main names say is no new evidence.
    """

    alt_column: str = "alt_names"
    name_column: str = "name"
    beyond_name: bool = True

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        scores = chunk.other_names(self.alt_column, self.name_column)
        if self.beyond_name:
            return np.asarray(scores.same & ~scores.name_same)
        return scores.same

    def label(self) -> str:
        return "same as the other record's name"

    def text_columns(self) -> tuple[str, ...]:
        return (self.alt_column, self.name_column)


@dataclass(frozen=True)
class OtherNameSimilarity(Level):
    """An other name of one record aligns with the other record's name, or one of its other
    names, with a :func:`kintrace.name_similarity` of at least ``threshold``.

    The score of a pair is the best over every other name of the child against the request's
    name and other names, and every other name of the request against the child's name and
    other names. With ``beyond_name`` (the default) the level holds only where the two main
    names score below ``threshold``.
    """

    threshold: float
    alt_column: str = "alt_names"
    name_column: str = "name"
    beyond_name: bool = True

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(
                f"The 'threshold' parameter of {type(self).__name__} must be a float in (0, 1]. "
                f"Got {self.threshold!r} instead."
            )

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        scores = chunk.other_names(self.alt_column, self.name_column)
        threshold = np.float32(self.threshold)
        hit = scores.score >= threshold
        if self.beyond_name:
            hit &= ~(chunk.main_name_score(self.alt_column, self.name_column, hit) >= threshold)
        return np.asarray(hit)

    def label(self) -> str:
        return f"similar to the other record's name (score ≥ {self.threshold:g})"

    def text_columns(self) -> tuple[str, ...]:
        return (self.alt_column, self.name_column)


@dataclass(frozen=True)
class SameDay(Level):
    """Both dates of birth are known to the day, and are the same day."""

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        ly, ry = chunk.numeric("dob_year")
        lm, rm = chunk.numeric("dob_month")
        ld, rd = chunk.numeric("dob_day")
        lp, rp = chunk.numeric("dob_precision")
        return np.asarray((lp >= 3) & (rp >= 3) & (ly == ry) & (lm == rm) & (ld == rd))

    def label(self) -> str:
        return "same date"

    def numeric_columns(self) -> tuple[str, ...]:
        return ("dob_year", "dob_month", "dob_day", "dob_precision")


@dataclass(frozen=True)
class SameYearMonth(Level):
    """Both dates of birth are known to the month, and share year and month."""

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        ly, ry = chunk.numeric("dob_year")
        lm, rm = chunk.numeric("dob_month")
        lp, rp = chunk.numeric("dob_precision")
        return np.asarray((lp >= 2) & (rp >= 2) & (ly == ry) & (lm == rm))

    def label(self) -> str:
        return "same month and year"

    def numeric_columns(self) -> tuple[str, ...]:
        return ("dob_year", "dob_month", "dob_precision")


@dataclass(frozen=True)
class DayMonthSwapped(Level):
    """Both dates of birth are known to the day, in the same year, with day and month
    swapped (04/03/2010 against 03/04/2010: one office wrote it month-first)."""

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        ly, ry = chunk.numeric("dob_year")
        lm, rm = chunk.numeric("dob_month")
        ld, rd = chunk.numeric("dob_day")
        lp, rp = chunk.numeric("dob_precision")
        return np.asarray((lp >= 3) & (rp >= 3) & (ly == ry) & (ld == rm) & (lm == rd) & (ld != lm))

    def label(self) -> str:
        return "day and month swapped"

    def numeric_columns(self) -> tuple[str, ...]:
        return ("dob_year", "dob_month", "dob_day", "dob_precision")


def _interval_gap(chunk: PairChunk) -> np.ndarray:
    """Days between the two birth intervals (0 where they overlap; NaN where one is unknown);
    computed once per chunk, as every interval level reads it."""
    key = ("birth_interval_gap", "")
    if key not in chunk._memo:
        lf, rf = chunk.numeric("birth_first")
        ll, rl = chunk.numeric("birth_last")
        gap = np.maximum(lf.astype(float) - rl.astype(float), rf.astype(float) - ll.astype(float))
        chunk._memo[key] = np.maximum(gap, 0.0)
    return chunk._memo[key]


@dataclass(frozen=True)
class BirthIntervalsOverlap(Level):
    """The birth intervals overlap: the dates, years and ages given can be the same birth
    (born 2010 against "about 13" at a registration in 2023; see
    :mod:`kintrace.dates.intervals`).

    Parameters
    ----------
    max_width_years:
        When set, both intervals must also be at most this wide: with 1, two years (or a
        year and a date in it) agree, which says more than an age's several years that
        merely overlap another's.
    max_middle_years:
        When set, the middles of the two intervals must also be at most this far apart: two
        ages that point at the same year, not just overlapping ranges.
    text:
        The label, when the default would mislead where the level stands: after "centred
        within a year", plain overlap means the centres are further apart.
    """

    max_width_years: float | None = None
    max_middle_years: float | None = None
    text: str = ""

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        lf, rf = (v.astype(float) for v in chunk.numeric("birth_first"))
        ll, rl = (v.astype(float) for v in chunk.numeric("birth_last"))
        with np.errstate(invalid="ignore"):
            holds = _interval_gap(chunk) <= 0.0
            if self.max_width_years is not None:
                # Days in the interval, both ends counted.
                widest = np.maximum(ll - lf, rl - rf) + 1.0
                holds &= widest <= self.max_width_years * DAYS_PER_YEAR + 1.0
            if self.max_middle_years is not None:
                middles = np.abs((lf + ll) - (rf + rl)) / 2.0
                holds &= middles <= self.max_middle_years * DAYS_PER_YEAR
        return np.asarray(holds)

    def label(self) -> str:
        if self.text:
            return self.text
        if self.max_width_years is not None:
            return (
                "same year"
                if self.max_width_years == 1
                else (f"consistent, both within {self.max_width_years:g} years")
            )
        if self.max_middle_years is not None:
            return f"consistent, centred within {self.max_middle_years:g} year" + (
                "" if self.max_middle_years == 1 else "s"
            )
        return "consistent"

    def numeric_columns(self) -> tuple[str, ...]:
        return ("birth_first", "birth_last")


@dataclass(frozen=True)
class BirthIntervalsWithin(Level):
    """The birth intervals are at most ``years`` apart."""

    years: float

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.asarray(_interval_gap(chunk) <= self.years * DAYS_PER_YEAR)

    def label(self) -> str:
        return f"within {self.years:g} year" + ("" if self.years == 1 else "s")

    def numeric_columns(self) -> tuple[str, ...]:
        return ("birth_first", "birth_last")


@dataclass(frozen=True)
class BirthYearsApart(Level):
    """The estimated birth years are at most ``years`` apart."""

    years: float

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        lb, rb = chunk.numeric("birth_year")
        with np.errstate(invalid="ignore"):
            return np.asarray(np.abs(lb.astype(float) - rb.astype(float)) <= self.years)

    def label(self) -> str:
        return "same birth year" if self.years < 1 else f"birth years within {self.years:g}"

    def numeric_columns(self) -> tuple[str, ...]:
        return ("birth_year",)


@dataclass(frozen=True)
class SharesAName(Level):
    """One of the names in one record's column is one of the other's (a shared consonant
    skeleton, so across scripts and spellings): a brother named on both sides, a grandfather.

    The column holds space-separated name tokens; a token tagged ``p:``, ``m:`` (the
    father's or mother's side) only meets a token of the same side, ``?:`` either
    (:meth:`kintrace.comparisons.encoded.EncodedTables.tagged_name_keys`).
    """

    column: str
    text: str

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        return chunk.shares_a_name(self.column)

    def label(self) -> str:
        return self.text

    def text_columns(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class AgeGapFits(Level):
    """The requester was born the years before the child that their relation allows
    (:attr:`kintrace.relations.RelationFacts.older_by`), by the two birth intervals.

    A "mother" two years older than the child, a "grandfather" younger than twenty-six years
    older, do not fit: a slip in the request, or the wrong child.
    """

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        child_first, _ = chunk.numeric("birth_first")
        child_last, _ = chunk.numeric("birth_last")
        _, requester_first = chunk.numeric("requester_birth_first")
        _, requester_last = chunk.numeric("requester_birth_last")
        _, least = chunk.numeric("relation_older_min")
        _, most = chunk.numeric("relation_older_max")
        with np.errstate(invalid="ignore"):
            low = (child_first.astype(float) - requester_last.astype(float)) / DAYS_PER_YEAR
            high = (child_last.astype(float) - requester_first.astype(float)) / DAYS_PER_YEAR
            return np.asarray((high >= least) & (low <= most))

    def label(self) -> str:
        return "fits the relation"

    def numeric_columns(self) -> tuple[str, ...]:
        return (
            "birth_first",
            "birth_last",
            "requester_birth_first",
            "requester_birth_last",
            "relation_older_min",
            "relation_older_max",
        )
