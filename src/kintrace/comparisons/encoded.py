"""Both registries' columns as integer codes over one shared vocabulary.

Names repeat a great deal (a few hundred given names cover most children of a culture), so a
comparison works on codes: equality is an integer compare, and an expensive string similarity
is computed once per *distinct* pair of values in a chunk, then spread back to every pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kintrace.names.similarity import token_ids
from kintrace.names.skeleton import (
    MAX_KEYS,
    h_as_g_key_id_matrix,
    key_bits,
    key_id_matrix,
    skeleton_keys,
)
from kintrace.names.variants import MAX_CLASSES, class_id_matrix
from kintrace.standardise import ALT_NAMES_SEPARATOR

__all__ = ["EncodedColumn", "EncodedTables", "OtherNames", "encode_tables"]


@dataclass(frozen=True)
class EncodedColumn:
    """One text column of both tables: codes into ``vocabulary``; -1 means missing."""

    vocabulary: np.ndarray  # object array of str, sorted (so codes are deterministic)
    left: np.ndarray  # int32 codes of the children table
    right: np.ndarray  # int32 codes of the requests table


@dataclass(frozen=True)
class OtherNames:
    """A run's names and other names, each distinct name numbered once (its *name id*).

    Indexed by a value's code in the name column (``name_ids``) or in the other-names column
    (``alt_starts``, ``alt_counts`` into ``alt_ids``); the last entry of each stands for a
    missing value (code -1): no name id, no other names. ``token_ids`` and ``token_counts``
    hold the tokens of every name id, for :func:`kintrace.names.similarity.scores_by_token_ids`.
    """

    name_ids: np.ndarray  # [len(name vocabulary) + 1] name id of each name, -1 for missing
    alt_starts: np.ndarray  # [len(alt vocabulary) + 1] first position in alt_ids
    alt_counts: np.ndarray  # [len(alt vocabulary) + 1] how many other names
    alt_ids: np.ndarray  # name ids of every value's other names, in order
    token_ids: np.ndarray  # [number of name ids, MAX_TOKENS]
    token_counts: np.ndarray  # [number of name ids]


@dataclass(frozen=True)
class EncodedTables:
    """Text columns encoded, numeric columns as arrays, for both sides of the link."""

    text: dict[str, EncodedColumn]
    numeric_left: dict[str, np.ndarray]
    numeric_right: dict[str, np.ndarray]
    n_left: int
    n_right: int
    _derived: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def name_token_ids(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Token ids (and counts) of each value of a name column, for the full-name score.

        One row per vocabulary value plus a last row with no tokens, so indexing with a missing
        value's code (-1) finds an empty name. Computed once per column and run.
        """
        ids_name, counts_name = f"tokens:{column}", f"token_counts:{column}"
        if ids_name not in self._derived:
            ids, counts = token_ids([*self.text[column].vocabulary, None])
            self._derived[ids_name], self._derived[counts_name] = ids, counts
        return self._derived[ids_name], self._derived[counts_name]

    def other_names(self, alt_column: str, name_column: str) -> OtherNames:
        """Every name of ``name_column`` and ``alt_column`` numbered once, for the other-names
        comparison (see :class:`OtherNames`). Computed once per pair of columns and run."""
        prefix = f"other_names:{alt_column}:{name_column}:"
        fields = ("name_ids", "alt_starts", "alt_counts", "alt_ids", "token_ids", "token_counts")
        if prefix + fields[0] not in self._derived:
            names = [str(v) for v in self.text[name_column].vocabulary]
            alternatives = [
                str(v).split(ALT_NAMES_SEPARATOR) for v in self.text[alt_column].vocabulary
            ]
            flat = [name for names_of in alternatives for name in names_of]
            universe = pd.Index(pd.unique(pd.Series([*names, *flat], dtype=object)))
            counts = np.array([len(a) for a in alternatives] + [0], dtype=np.int64)
            starts = np.zeros(len(counts), dtype=np.int64)
            np.cumsum(counts[:-1], out=starts[1:])
            ids, n_tokens = token_ids(list(universe))
            arrays: tuple[np.ndarray, ...] = (
                np.append(universe.get_indexer(pd.Index(names, dtype=object)), -1).astype(np.int64),
                starts,
                counts,
                np.asarray(universe.get_indexer(pd.Index(flat, dtype=object)), dtype=np.int64),
                ids,
                n_tokens,
            )
            for name, array in zip(fields, arrays, strict=True):
                self._derived[prefix + name] = array
        return OtherNames(*(self._derived[prefix + name] for name in fields))

    def skeleton_codes(self, column: str) -> np.ndarray:
        """``[len(vocabulary) + 1, MAX_KEYS]`` integer skeleton keys of each value, -1 padded.

        The last row is all -1, so indexing with a missing value's code (-1) finds no key.
        Computed once per column and run.
        """
        return self._per_value_matrix(f"skeleton:{column}", column, key_id_matrix, MAX_KEYS)

    def h_as_g_codes(self, column: str) -> np.ndarray:
        """:meth:`skeleton_codes` with H read as K
        (:func:`~kintrace.names.skeleton.h_as_g_key_id_matrix`)."""
        return self._per_value_matrix(f"h_as_g:{column}", column, h_as_g_key_id_matrix, MAX_KEYS)

    def variant_codes(self, column: str) -> np.ndarray:
        """``[len(vocabulary) + 1, MAX_CLASSES]`` name-variant classes of each value, -1 padded.

        Like :meth:`skeleton_codes`, the last row (a missing value) has none.
        """
        return self._per_value_matrix(f"variants:{column}", column, class_id_matrix, MAX_CLASSES)

    def variant_masks(self, column: str) -> np.ndarray:
        """:func:`~kintrace.names.skeleton.key_bits` of :meth:`variant_codes` (0 for a
        missing value): most pairs share no class, and the bits rule them out cheaply."""
        name = f"variant_masks:{column}"
        if name not in self._derived:
            self._derived[name] = key_bits(self.variant_codes(column))
        return self._derived[name]

    def tagged_name_keys(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Per value of a column of names (space-separated tokens, each optionally tagged
        ``p:``, ``m:`` or ``?:``), the skeleton keys of every token with its tag (``?:`` as
        both ``p:`` and ``m:``), as ids -1 padded, and their :func:`key_bits`; the last row
        (a missing value) has none. Two values share a name where they share an id."""
        name = f"tagged_keys:{column}"
        if name not in self._derived:
            rows = [_tagged_key_ids(str(v)) for v in self.text[column].vocabulary]
            width = max((len(r) for r in rows), default=1) or 1
            matrix = np.full((len(rows) + 1, width), -1, dtype=np.int64)
            for i, row in enumerate(rows):
                matrix[i, : len(row)] = row
            self._derived[name] = matrix
            self._derived[f"tagged_bits:{column}"] = key_bits(matrix)
        return self._derived[name], self._derived[f"tagged_bits:{column}"]

    def _per_value_matrix(
        self,
        name: str,
        column: str,
        build: Callable[[list[str]], np.ndarray],
        width: int,
    ) -> np.ndarray:
        """``build`` over a column's vocabulary, plus a last all -1 row for missing values."""
        if name not in self._derived:
            vocabulary = [str(v) for v in self.text[column].vocabulary]
            self._derived[name] = np.concatenate(
                [build(vocabulary), np.full((1, width), -1, dtype=np.int64)]
            )
        return self._derived[name]


# Ids of tagged skeleton keys, shared by every table of the process (as skeleton key ids are).
_TAGGED_KEY_IDS: dict[str, int] = {}
_SIDES = {"p": ("p",), "m": ("m",), "?": ("p", "m")}


def _tagged_key_ids(value: str) -> list[int]:
    keys: dict[str, None] = {}
    for token in value.split():
        tag, _, name = token.rpartition(":")
        for side in _SIDES.get(tag, ("",)):
            for key in skeleton_keys(name):
                keys[f"{side}:{key}"] = None
    return [_TAGGED_KEY_IDS.setdefault(key, len(_TAGGED_KEY_IDS)) for key in keys]


def _encode(left: pd.Series, right: pd.Series) -> EncodedColumn:
    values = pd.concat([left.dropna(), right.dropna()]).astype(str)
    vocabulary = np.sort(pd.unique(values)).astype(object)
    index = pd.Index(vocabulary)

    def codes(series: pd.Series) -> np.ndarray:
        as_text = series.where(series.notna(), None)
        return np.asarray(index.get_indexer(as_text), dtype=np.int32)

    return EncodedColumn(vocabulary=vocabulary, left=codes(left), right=codes(right))


def encode_tables(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    text_columns: Iterable[str],
    numeric_columns: Iterable[str],
) -> EncodedTables:
    """Encode the columns the comparisons need, once per run."""
    text = {c: _encode(left[c], right[c]) for c in text_columns}
    numeric_columns = tuple(numeric_columns)
    return EncodedTables(
        text=text,
        numeric_left={c: left[c].to_numpy() for c in numeric_columns},
        numeric_right={c: right[c].to_numpy() for c in numeric_columns},
        n_left=len(left),
        n_right=len(right),
    )
