"""Term frequencies: how common each value is, so that sharing a rare name counts for more.

For an exact match on value v the model uses P(two different people share v) ≈ f(v), the share
of records holding v, in place of the level's average u. Frequencies come from the data being
matched (both registries together) and are never written to a model file: they are names.
"""

from __future__ import annotations

import numpy as np

from kintrace.comparisons.encoded import EncodedColumn

__all__ = ["term_frequencies"]


def term_frequencies(column: EncodedColumn) -> np.ndarray:
    """Share of non-missing records holding each vocabulary value (float64, per code)."""
    size = len(column.vocabulary)
    codes = np.concatenate([column.left[column.left >= 0], column.right[column.right >= 0]])
    if codes.size == 0:
        return np.zeros(size)
    counts = np.bincount(codes.astype(np.int64), minlength=size).astype(float)
    return counts / codes.size
