"""Field comparisons as ordered, labelled levels, evaluated on chunks of candidate pairs."""

from kintrace.comparisons.comparison import Comparison
from kintrace.comparisons.encoded import EncodedColumn, EncodedTables, OtherNames, encode_tables
from kintrace.comparisons.levels import (
    BirthYearsApart,
    Exact,
    JaroWinkler,
    KnownVariant,
    Level,
    NameSimilarity,
    OtherNameExact,
    OtherNameSimilarity,
    PairChunk,
    SameDay,
    SameKey,
    SameSkeleton,
    SameYearMonth,
)
from kintrace.comparisons.library import (
    default_comparisons,
    full_name_comparison,
    name_comparison,
    name_level,
    name_parts_comparisons,
    other_names_comparison,
)

__all__ = [
    "BirthYearsApart",
    "Comparison",
    "EncodedColumn",
    "EncodedTables",
    "Exact",
    "JaroWinkler",
    "KnownVariant",
    "Level",
    "NameSimilarity",
    "OtherNameExact",
    "OtherNameSimilarity",
    "OtherNames",
    "PairChunk",
    "SameDay",
    "SameKey",
    "SameSkeleton",
    "SameYearMonth",
    "default_comparisons",
    "encode_tables",
    "full_name_comparison",
    "name_comparison",
    "name_level",
    "name_parts_comparisons",
    "other_names_comparison",
]
