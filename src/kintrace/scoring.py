"""The compare and score steps over chunks: candidate pairs → levels on disk → kept candidates.

Levels of every candidate pair are computed once, chunk by chunk, and appended to plain files
(4 + 4 bytes of positions and one byte per comparison per pair). Scoring reads them back one
chunk at a time and keeps, per chunk, only the best pairs of each sought child, so memory is
bounded by the chunk size and the number of candidates kept -- not by the number of pairs
blocking produced.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from kintrace.comparisons import Comparison, EncodedTables, PairChunk
from kintrace.model import FellegiSunter
from kintrace.posterior import MAX_LOG2_BAYES_FACTOR
from kintrace.progress import NullProgress, Progress
from kintrace.ranking import rank_within

__all__ = ["KeptPairs", "PairStore", "compute_levels", "term_frequency_lookup"]

# Positions are stored as int32: registries of up to two billion rows.
_POSITION = np.dtype(np.int32)


def compute_levels(
    comparisons: Sequence[Comparison],
    tables: EncodedTables,
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = 1,
) -> np.ndarray:
    """Level matrix (n_pairs, n_comparisons) of int8 for one chunk of pairs."""
    chunk = PairChunk(tables=tables, left=left, right=right, workers=workers)
    levels = np.empty((len(left), len(comparisons)), dtype=np.int8)
    for c, comparison in enumerate(comparisons):
        levels[:, c] = comparison.evaluate(chunk)
    return levels


def term_frequency_lookup(
    comparisons: Sequence[Comparison],
    tables: EncodedTables,
    frequencies: dict[str, np.ndarray],
    left: np.ndarray,
) -> dict[int, np.ndarray]:
    """Per pair, the frequency of the children-side value of each term-frequency comparison."""
    result: dict[int, np.ndarray] = {}
    for c, comparison in enumerate(comparisons):
        column = comparison.term_frequency_column
        if column is None:
            continue
        codes = tables.text[column].left[left]
        values = np.full(len(left), np.nan)
        present = codes >= 0
        values[present] = frequencies[column][codes[present]]
        result[c] = values
    return result


@dataclass(frozen=True)
class KeptPairs:
    """Candidate pairs kept after scoring, with their levels and weights."""

    left: np.ndarray
    right: np.ndarray
    levels: np.ndarray
    weights: np.ndarray

    @classmethod
    def concatenate(cls, parts: Sequence[KeptPairs], n_comparisons: int) -> KeptPairs:
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, np.zeros((0, n_comparisons), np.int8), np.zeros(0))
        return cls(
            np.concatenate([p.left for p in parts]),
            np.concatenate([p.right for p in parts]),
            np.concatenate([p.levels for p in parts]),
            np.concatenate([p.weights for p in parts]),
        )

    def top(self, top_k: int | None) -> KeptPairs:
        """The best ``top_k`` pairs of each sought child, ordered by requests position.

        Ties in weight go to the child that comes first in the registry, so the same input
        always keeps the same pairs.
        """
        order = np.lexsort((self.left, -self.weights, self.right))
        if top_k is not None:
            order = order[rank_within(self.right[order]) <= top_k]
        return KeptPairs(
            self.left[order], self.right[order], self.levels[order], self.weights[order]
        )


@dataclass
class PairStore:
    """Candidate pairs and their levels, in files under ``directory``."""

    directory: Path
    n_pairs: int
    n_comparisons: int

    @property
    def _files(self) -> tuple[Path, Path, Path]:
        return (
            self.directory / "left.i32",
            self.directory / "right.i32",
            self.directory / "levels.i8",
        )

    @classmethod
    def build(
        cls,
        chunks: Iterable[tuple[np.ndarray, np.ndarray]],
        *,
        n_pairs: int,
        comparisons: Sequence[Comparison],
        tables: EncodedTables,
        directory: Path,
        workers: int = 1,
        progress: Progress | None = None,
    ) -> PairStore:
        """Compute the levels of every pair and append them, with the pair, to the files."""
        progress = progress or NullProgress()
        store = cls(directory=directory, n_pairs=n_pairs, n_comparisons=len(comparisons))
        left_path, right_path, levels_path = store._files
        written = 0
        progress.start("Comparing candidate pairs", n_pairs)
        with (
            left_path.open("wb") as left_file,
            right_path.open("wb") as right_file,
            levels_path.open("wb") as levels_file,
        ):
            for left, right in chunks:
                levels = compute_levels(comparisons, tables, left, right, workers=workers)
                left_file.write(left.astype(_POSITION).tobytes())
                right_file.write(right.astype(_POSITION).tobytes())
                levels_file.write(np.ascontiguousarray(levels).tobytes())
                written += len(left)
                progress.advance(len(left))
        progress.finish()
        if written != n_pairs:
            raise RuntimeError(f"expected {n_pairs} candidate pairs, read {written}")
        return store

    def chunks(self, chunk_size: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(children positions, requests positions, levels), read one chunk at a time."""
        left_path, right_path, levels_path = self._files
        width = self.n_comparisons
        with (
            left_path.open("rb") as left_file,
            right_path.open("rb") as right_file,
            levels_path.open("rb") as levels_file,
        ):
            for start in range(0, self.n_pairs, chunk_size):
                n = min(chunk_size, self.n_pairs - start)
                left = np.fromfile(left_file, dtype=_POSITION, count=n).astype(np.int64)
                right = np.fromfile(right_file, dtype=_POSITION, count=n).astype(np.int64)
                levels = np.fromfile(levels_file, dtype=np.int8, count=n * width)
                yield left, right, levels.reshape(n, width)

    def write_pairs(
        self,
        path: Path,
        child_ids: np.ndarray,
        sought_ids: np.ndarray,
        *,
        chunk_size: int,
    ) -> None:
        """Write every candidate pair as ``(sought_id, child_id)`` to a Parquet file, by chunk."""
        schema = pa.schema([("sought_id", pa.string()), ("child_id", pa.string())])
        with pq.ParquetWriter(path, schema, compression="zstd") as writer:
            for left, right, _ in self.chunks(chunk_size):
                writer.write_table(
                    pa.table(
                        {
                            "sought_id": pa.array(sought_ids[right].astype(str)),
                            "child_id": pa.array(child_ids[left].astype(str)),
                        },
                        schema=schema,
                    )
                )

    def score(
        self,
        model: FellegiSunter,
        *,
        tables: EncodedTables,
        frequencies: dict[str, np.ndarray],
        n_right: int,
        top_k: int | None,
        chunk_size: int,
        progress: Progress | None = None,
    ) -> tuple[KeptPairs, np.ndarray]:
        """Score every pair; keep the best ``top_k`` per request row.

        Returns the kept pairs and, per request row, the sum of the Bayes factors of *all*
        its candidate pairs (for :mod:`kintrace.posterior`). Each chunk keeps its own best
        ``top_k`` per request row; the best k overall are among the union, so the final
        choice is exact.
        """
        progress = progress or NullProgress()
        kept: list[KeptPairs] = []
        sums = np.zeros(n_right, dtype=np.float64)
        progress.start("Scoring candidate pairs", self.n_pairs)
        for left, right, levels in self.chunks(chunk_size):
            tf = term_frequency_lookup(model.comparisons, tables, frequencies, left)
            weights, _ = model.match_weight(levels, tf)
            log2_bayes = np.minimum(weights - model.prior_weight, MAX_LOG2_BAYES_FACTOR)
            sums += np.bincount(right, weights=np.exp2(log2_bayes), minlength=n_right)
            kept.append(KeptPairs(left, right, levels, weights).top(top_k))
            progress.advance(len(left))
        progress.finish()
        return KeptPairs.concatenate(kept, self.n_comparisons).top(top_k), sums
