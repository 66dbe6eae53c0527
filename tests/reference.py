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
    BirthYearsApart,
    Comparison,
    Exact,
    JaroWinkler,
    KnownVariant,
    Level,
    NameSimilarity,
    SameDay,
    SameKey,
    SameSkeleton,
    SameYearMonth,
)
from kintrace.names import name_similarity, skeleton_keys
from kintrace.names.variants import variant_relation


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
