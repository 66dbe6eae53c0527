"""A slow, obviously correct reference for comparison levels and Fellegi–Sunter weights.

One pair at a time, plain Python: the vectorised path in kintrace must agree with it exactly
(levels) and to float precision (weights).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from rapidfuzz.distance import JaroWinkler as JW

from kintrace.comparisons import (
    AgeGapFits,
    BirthIntervalsOverlap,
    BirthIntervalsWithin,
    BirthYearsApart,
    Comparison,
    DayMonthSwapped,
    Exact,
    JaroWinkler,
    KnownVariant,
    Level,
    NameSimilarity,
    OtherNameExact,
    OtherNameSimilarity,
    SameDay,
    SameKey,
    SameSkeleton,
    SameYearMonth,
    SharesAName,
)
from kintrace.dates.intervals import DAYS_PER_YEAR
from kintrace.names import name_similarity, skeleton_keys
from kintrace.names.variants import variant_relation
from kintrace.standardise import ALT_NAMES_SEPARATOR


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _other_name_pairs(
    left: Mapping[str, Any], right: Mapping[str, Any], alt_column: str, name_column: str
) -> list[tuple[str, str]]:
    """(child name, request name) pairs: an other name of one record against the name or an
    other name of the other."""

    def alternatives(record: Mapping[str, Any]) -> list[str]:
        value = record[alt_column]
        return [] if _missing(value) else value.split(ALT_NAMES_SEPARATOR)

    def every_name(record: Mapping[str, Any]) -> list[str]:
        name = record[name_column]
        return ([] if _missing(name) else [name]) + alternatives(record)

    pairs = [(a, b) for a in alternatives(left) for b in every_name(right)]
    pairs += [(a, b) for a in every_name(left) for b in alternatives(right)]
    return pairs


def level_holds(level: Level, left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    if isinstance(level, Exact):
        a, b = left[level.column], right[level.column]
        return not _missing(a) and a == b
    if isinstance(level, SameKey):
        a, b = left[level.key_column], right[level.key_column]
        return not _missing(a) and a == b
    if isinstance(level, NameSimilarity):
        a, b = left[level.column], right[level.column]
        if _missing(a) or _missing(b):
            return False
        return bool(np.float32(name_similarity(a, b)) >= np.float32(level.threshold))
    if isinstance(level, SameSkeleton):
        a, b = left[level.column], right[level.column]
        if _missing(a) or _missing(b):
            return False
        return bool(set(skeleton_keys(a)) & set(skeleton_keys(b)))
    if isinstance(level, KnownVariant):
        a, b = left[level.column], right[level.column]
        if _missing(a) or _missing(b):
            return False
        return variant_relation(a, b) == level.relation
    if isinstance(level, JaroWinkler):
        a, b = left[level.column], right[level.column]
        if _missing(a) or _missing(b):
            return False
        return bool(np.float32(JW.normalized_similarity(a, b)) >= np.float32(level.threshold))
    if isinstance(level, OtherNameExact):
        pairs = _other_name_pairs(left, right, level.alt_column, level.name_column)
        a, b = left[level.name_column], right[level.name_column]
        names_same = not _missing(a) and not _missing(b) and a == b
        return any(x == y for x, y in pairs) and not (level.beyond_name and names_same)
    if isinstance(level, OtherNameSimilarity):
        pairs = _other_name_pairs(left, right, level.alt_column, level.name_column)
        best = max((name_similarity(x, y) for x, y in pairs), default=0.0)
        a, b = left[level.name_column], right[level.name_column]
        names = 0.0 if _missing(a) or _missing(b) else name_similarity(a, b)
        threshold = np.float32(level.threshold)
        if level.beyond_name and np.float32(names) >= threshold:
            return False
        return bool(np.float32(best) >= threshold)
    if isinstance(level, SameDay):
        return (
            left["dob_precision"] >= 3
            and right["dob_precision"] >= 3
            and (left["dob_year"], left["dob_month"], left["dob_day"])
            == (right["dob_year"], right["dob_month"], right["dob_day"])
        )
    if isinstance(level, SameYearMonth):
        return (
            left["dob_precision"] >= 2
            and right["dob_precision"] >= 2
            and (left["dob_year"], left["dob_month"]) == (right["dob_year"], right["dob_month"])
        )
    if isinstance(level, DayMonthSwapped):
        return (
            left["dob_precision"] >= 3
            and right["dob_precision"] >= 3
            and left["dob_year"] == right["dob_year"]
            and left["dob_day"] == right["dob_month"]
            and left["dob_month"] == right["dob_day"]
            and left["dob_day"] != left["dob_month"]
        )
    if isinstance(level, BirthIntervalsOverlap | BirthIntervalsWithin):
        ends = (left["birth_first"], left["birth_last"], right["birth_first"], right["birth_last"])
        if any(_missing(v) for v in ends):
            return False
        # Days from the end of the earlier interval to the start of the later one.
        gap = max(ends[0] - ends[3], ends[2] - ends[1], 0.0)
        if isinstance(level, BirthIntervalsWithin):
            return gap <= level.years * 365.2425
        holds = gap <= 0.0
        if level.max_width_years is not None:
            widest = max(ends[1] - ends[0], ends[3] - ends[2]) + 1.0
            holds = holds and widest <= level.max_width_years * 365.2425 + 1.0
        if level.max_middle_years is not None:
            middles = abs((ends[0] + ends[1]) - (ends[2] + ends[3])) / 2.0
            holds = holds and middles <= level.max_middle_years * 365.2425
        return holds
    if isinstance(level, SharesAName):
        a, b = left[level.column], right[level.column]
        if _missing(a) or _missing(b):
            return False

        def sided_skeletons(value: str) -> set[tuple[str, str]]:
            found = set()
            for token in value.split():
                tag, _, name = token.rpartition(":")
                sides = {"p": ["p"], "m": ["m"], "?": ["p", "m"]}.get(tag, [""])
                found |= {(side, key) for side in sides for key in skeleton_keys(name)}
            return found

        return bool(sided_skeletons(a) & sided_skeletons(b))
    if isinstance(level, AgeGapFits):
        values = (
            left["birth_first"],
            left["birth_last"],
            right["requester_birth_first"],
            right["requester_birth_last"],
            right["relation_older_min"],
            right["relation_older_max"],
        )
        if any(_missing(v) for v in values):
            return False
        child_first, child_last, requester_first, requester_last, least, most = values
        # Years the requester is older, at least and at most, by the two intervals.
        low = (child_first - requester_last) / DAYS_PER_YEAR
        high = (child_last - requester_first) / DAYS_PER_YEAR
        return bool(high >= least and low <= most)
    if isinstance(level, BirthYearsApart):
        a, b = left["birth_year"], right["birth_year"]
        if _missing(a) or _missing(b):
            return False
        return abs(a - b) <= level.years
    raise TypeError(f"no reference for {type(level).__name__}")


def reference_level(
    comparison: Comparison, left: Mapping[str, Any], right: Mapping[str, Any]
) -> int:
    if any(_missing(left[c]) or _missing(right[c]) for c in comparison.missing_when):
        return 0
    if any(_missing(left[c]) for c in comparison.missing_on_left):
        return 0
    if any(_missing(right[c]) for c in comparison.missing_on_right):
        return 0
    if any(not _missing(left[c]) and not _missing(right[c]) for c in comparison.missing_when_both):
        return 0
    if comparison.evidence_when_any and not any(
        not _missing(left[a]) and not _missing(right[b]) for a, b in comparison.evidence_when_any
    ):
        return 0
    for index, level in enumerate(comparison.levels, start=1):
        if level_holds(level, left, right):
            return index
    return comparison.else_level


def reference_weight(
    comparisons: Sequence[Comparison],
    levels: Sequence[int],
    m: Sequence[Sequence[float]],
    u: Sequence[Sequence[float]],
    prior: float,
    frequencies: Mapping[int, float | None] | None = None,
) -> float:
    """log2 prior odds + Σ log2(m/u), with u = f(value) on a term-frequency exact match."""
    weight = math.log2(prior / (1 - prior))
    for c, comparison in enumerate(comparisons):
        level = levels[c]
        if level == 0:
            continue
        u_value = u[c][level]
        if (
            frequencies is not None
            and comparison.tf_level == level
            and frequencies.get(c) is not None
        ):
            u_value = max(float(frequencies[c]), 1e-6)  # type: ignore[arg-type]
        weight += math.log2(m[c][level] / u_value)
    return weight
