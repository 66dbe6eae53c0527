"""The compare step over chunks: candidate pairs → level matrices kept on disk.

Levels of every candidate pair are computed once, chunk by chunk, and written to memory-mapped
files (one byte per comparison per pair), so memory stays bounded however many pairs blocking
yields; EM and scoring then read them back in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kintrace.comparisons import Comparison, EncodedTables, PairChunk
from kintrace.model import FellegiSunter
from kintrace.progress import NullProgress, Progress

__all__ = ["PairStore", "compute_levels", "term_frequency_lookup"]


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


@dataclass
class PairStore:
    """Candidate pairs and their levels, in memory-mapped files under ``directory``."""

    directory: Path
    n_pairs: int
    n_comparisons: int

    @property
    def _left_path(self) -> Path:
        return self.directory / "left.i64"

    @property
    def _right_path(self) -> Path:
        return self.directory / "right.i64"

    @property
    def _levels_path(self) -> Path:
        return self.directory / "levels.i8"

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
        """Compute and store the levels of every pair."""
        progress = progress or NullProgress()
        store = cls(directory=directory, n_pairs=n_pairs, n_comparisons=len(comparisons))
        shape = (max(n_pairs, 1),)
        left_map = np.memmap(store._left_path, dtype=np.int64, mode="w+", shape=shape)
        right_map = np.memmap(store._right_path, dtype=np.int64, mode="w+", shape=shape)
        levels_map = np.memmap(
            store._levels_path,
            dtype=np.int8,
            mode="w+",
            shape=(max(n_pairs, 1), max(len(comparisons), 1)),
        )
        offset = 0
        progress.start("Comparing candidate pairs", n_pairs)
        for left, right in chunks:
            n = len(left)
            levels = compute_levels(comparisons, tables, left, right, workers=workers)
            left_map[offset : offset + n] = left
            right_map[offset : offset + n] = right
            levels_map[offset : offset + n] = levels
            offset += n
            progress.advance(n)
        progress.finish()
        if offset != n_pairs:
            raise RuntimeError(f"expected {n_pairs} candidate pairs, read {offset}")
        for mapped in (left_map, right_map, levels_map):
            mapped.flush()
        del left_map, right_map, levels_map
        return store

    def chunks(self, chunk_size: int) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """(offset, children positions, requests positions, levels) chunk by chunk."""
        if self.n_pairs == 0:
            return
        shape = (self.n_pairs,)
        left_map = np.memmap(self._left_path, dtype=np.int64, mode="r", shape=shape)
        right_map = np.memmap(self._right_path, dtype=np.int64, mode="r", shape=shape)
        levels_map = np.memmap(
            self._levels_path, dtype=np.int8, mode="r", shape=(self.n_pairs, self.n_comparisons)
        )
        for start in range(0, self.n_pairs, chunk_size):
            stop = min(start + chunk_size, self.n_pairs)
            yield (
                start,
                np.asarray(left_map[start:stop]),
                np.asarray(right_map[start:stop]),
                np.asarray(levels_map[start:stop]),
            )

    def take(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Children positions, requests positions and levels of selected pairs."""
        if self.n_pairs == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros((0, self.n_comparisons), dtype=np.int8)
        shape = (self.n_pairs,)
        left_map = np.memmap(self._left_path, dtype=np.int64, mode="r", shape=shape)
        right_map = np.memmap(self._right_path, dtype=np.int64, mode="r", shape=shape)
        levels_map = np.memmap(
            self._levels_path, dtype=np.int8, mode="r", shape=(self.n_pairs, self.n_comparisons)
        )
        return (
            np.asarray(left_map[positions]),
            np.asarray(right_map[positions]),
            np.asarray(levels_map[positions]),
        )

    def weights(
        self,
        model: FellegiSunter,
        *,
        tables: EncodedTables,
        frequencies: dict[str, np.ndarray],
        chunk_size: int,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Match weight of every stored pair (float64, in store order)."""
        progress = progress or NullProgress()
        result = np.empty(self.n_pairs, dtype=np.float64)
        progress.start("Scoring candidate pairs", self.n_pairs)
        for start, left, _right, levels in self.chunks(chunk_size):
            tf = term_frequency_lookup(model.comparisons, tables, frequencies, left)
            weights, _ = model.match_weight(levels, tf)
            result[start : start + len(left)] = weights
            progress.advance(len(left))
        progress.finish()
        return result
