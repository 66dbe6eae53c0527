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

from kintrace.comparisons.encoded import EncodedTables
from kintrace.names.similarity import scores_by_token_ids
from kintrace.names.skeleton import keys_shared
from kintrace.names.variants import VariantRelation, variant_relations

__all__ = [
    "BirthYearsApart",
    "Exact",
    "JaroWinkler",
    "KnownVariant",
    "Level",
    "NameSimilarity",
    "PairChunk",
    "SameDay",
    "SameKey",
    "SameSkeleton",
    "SameYearMonth",
]


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

    def variant_relation(self, column: str) -> np.ndarray:
        """:class:`~kintrace.names.variants.VariantRelation` of the two values, per pair."""
        key = ("variant", column)
        if key not in self._memo:
            classes = self.tables.variant_codes(column)
            lc, rc = self.codes(column)
            self._memo[key] = variant_relations(
                keys_shared(classes[lc], classes[rc]), self.skeleton_match(column)
            )
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
    Mamadou / Mohamed, Serhii / Sergei).
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
