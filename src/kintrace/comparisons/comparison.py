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

__all__ = ["Comparison", "plausibility_m"]


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
    missing_on_left, missing_on_right:
        Columns whose absence on the children's (left) or the requests' (right) side makes the
        pair "missing": for evidence one side alone carries (the requester's birth is only on
        requests; the child's birth it is compared with, only needed on the child's side).
    missing_when_both:
        Columns that, present on *both* sides, make the pair "missing" here: another
        comparison has that evidence (the father's name as recorded, against the father's name
        as a name chain gives it), and counting it twice would overstate it.
    plausibility_factor:
        Makes the comparison a plausibility check whose m is not trained: a pair at the "else"
        level (the check fails) weighs ``log2(plausibility_factor)`` whatever the data, and
        the other levels share the rest of m in proportion to u (see
        :func:`plausibility_m`). For checks that random pairs nearly always pass, so that u
        cannot say what failing means, and that a true link fails only by a recording slip.
    """

    name: str
    description: str
    missing_when: tuple[str, ...]
    levels: tuple[Level, ...]
    term_frequency_column: str | None = None
    evidence_when_any: tuple[tuple[str, str], ...] = ()
    else_label: str = "different"
    plausibility_factor: float | None = None
    missing_on_left: tuple[str, ...] = ()
    missing_on_right: tuple[str, ...] = ()
    missing_when_both: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.plausibility_factor is not None and not 0 < self.plausibility_factor < 1:
            raise ValueError(
                f"Comparison {self.name!r}: plausibility_factor must be between 0 and 1 (a "
                f"failed check is evidence against); got {self.plausibility_factor!r}."
            )
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
        columns.extend(
            c
            for c in (
                *self.missing_when,
                *self.missing_on_left,
                *self.missing_on_right,
                *self.missing_when_both,
            )
            if c not in numeric
        )
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
        for column in self.missing_on_left:
            missing |= chunk.missing_on_side(column, right=False)
        for column in self.missing_on_right:
            missing |= chunk.missing_on_side(column, right=True)
        for column in self.missing_when_both:
            missing |= chunk.present_on_both(column, column)
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


def plausibility_m(u: np.ndarray, factor: float) -> np.ndarray:
    """m of a plausibility check (:attr:`Comparison.plausibility_factor`) from its u.

    Level 0 ("missing") weighs nothing and keeps u's entry; over the other levels, which sum
    to 1 as u's do, the failed check (the last level) gets ``factor`` times u's share and the
    levels that pass share what is left in proportion to u.

    >>> plausibility_m(np.array([1.0, 0.98, 0.02]), 0.05).round(4).tolist()
    [1.0, 0.999, 0.001]
    """
    u = np.asarray(u, dtype=float)
    m = u.copy()
    m[-1] = u[-1] * factor
    passing = u[1:-1].sum()
    if passing > 0:
        m[1:-1] = u[1:-1] * (1.0 - m[-1]) / passing
    return m
