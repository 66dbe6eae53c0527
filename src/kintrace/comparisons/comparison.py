"""A comparison: one field compared into ordered, labelled levels.

    Model ── Comparison (given name, date of birth, …) ── Level (exact, JW ≥ 0.92, …, else)

Level 0 is always "missing" (no evidence either way: either side has no value, or, for a
comparison of several columns, nothing on one side to compare with the other), the declared
levels follow in order, and the last level is "else" (values present, none of the levels met).
The first level a pair meets wins. The model only ever sees these level indices, so a new
comparison never needs a change to the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kintrace.comparisons.levels import Exact, Level, PairChunk

__all__ = ["Comparison"]


@dataclass(frozen=True)
class Comparison:
    """One field's comparison.

    Parameters
    ----------
    name:
        Identifier used in output column names (``given_name`` → ``given_name_level``).
    description:
        Plain-language name of the field for reasons ("given name").
    missing_when:
        Standard columns whose absence on either side makes the pair "missing".
    levels:
        Levels from strongest to weakest evidence.
    term_frequency_column:
        When set, an exact match on this column is weighted by how common the value is
        (sharing "mohamed" says less than sharing a rare name).
    evidence_when_any:
        ``(children column, requests column)`` pairs: when given, a pair is also "missing"
        unless at least one of them has a value on both sides. For comparisons that read
        several columns, where some missing values still leave something to compare (a
        child's other names against the request's name).
    else_label:
        Label of the last level, met when values are present but no declared level is.
    """

    name: str
    description: str
    missing_when: tuple[str, ...]
    levels: tuple[Level, ...]
    term_frequency_column: str | None = None
    evidence_when_any: tuple[tuple[str, str], ...] = ()
    else_label: str = "different"

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError(f"Comparison {self.name!r} needs at least one level.")
        if self.term_frequency_column is not None and not any(
            isinstance(level, Exact) and level.column == self.term_frequency_column
            for level in self.levels
        ):
            raise ValueError(
                f"Comparison {self.name!r} adjusts for term frequency on "
                f"{self.term_frequency_column!r} but has no exact level on that column."
            )

    @property
    def n_levels(self) -> int:
        """Number of levels including "missing" (0) and "else" (last)."""
        return len(self.levels) + 2

    @property
    def else_level(self) -> int:
        return len(self.levels) + 1

    @property
    def tf_level(self) -> int | None:
        """Index of the exact level that term frequencies adjust, if any."""
        if self.term_frequency_column is None:
            return None
        for i, level in enumerate(self.levels, start=1):
            if isinstance(level, Exact) and level.column == self.term_frequency_column:
                return i
        return None

    def level_labels(self) -> tuple[str, ...]:
        """Labels of every level, "missing" first and "else" last."""
        return ("missing", *(level.label() for level in self.levels), self.else_label)

    def text_columns(self) -> tuple[str, ...]:
        columns: list[str] = []
        for level in self.levels:
            columns.extend(level.text_columns())
        # A "missing" column that a level reads as a number is numeric, not text.
        numeric = self.numeric_columns()
        columns.extend(c for c in self.missing_when if c not in numeric)
        columns.extend(c for pair in self.evidence_when_any for c in pair if c not in numeric)
        if self.term_frequency_column:
            columns.append(self.term_frequency_column)
        return tuple(dict.fromkeys(columns))

    def numeric_columns(self) -> tuple[str, ...]:
        columns: list[str] = []
        for level in self.levels:
            columns.extend(level.numeric_columns())
        return tuple(dict.fromkeys(columns))

    def evaluate(self, chunk: PairChunk) -> np.ndarray:
        """Level index of every pair in the chunk (int8)."""
        result = np.full(len(chunk), self.else_level, dtype=np.int8)
        undecided = np.ones(len(chunk), dtype=bool)
        missing = np.zeros(len(chunk), dtype=bool)
        for column in self.missing_when:
            missing |= chunk.missing(column)
        if self.evidence_when_any:
            evidence = np.zeros(len(chunk), dtype=bool)
            for left_column, right_column in self.evidence_when_any:
                evidence |= chunk.present_on_both(left_column, right_column)
            missing |= ~evidence
        result[missing] = 0
        undecided &= ~missing
        for index, level in enumerate(self.levels, start=1):
            if not undecided.any():
                break
            hit = level.evaluate(chunk) & undecided
            result[hit] = index
            undecided &= ~hit
        return result
