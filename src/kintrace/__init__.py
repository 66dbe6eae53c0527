"""kintrace: probabilistic record linkage for family tracing.

kintrace links registries of unaccompanied and separated children with tracing requests lodged
by their relatives, and outputs ranked candidate links with reasons, for people to verify. It
never decides on its own.

The data flow is the package layout::

    read ─▶ standardise ─▶ block ─▶ compare ─▶ score ─▶ rank ─▶ (review)
    io/     standardise    blocking comparisons/ model/  ranking
            names/ dates/

Typical use::

    import kintrace
    run = kintrace.match_files("children.csv", "requests.csv", "out/", mapping="primero")
    run.result.candidates.head()
"""

from __future__ import annotations

__version__ = "0.1.0"

from kintrace.blocking import BlockingRule, SharedNameRule, block_on, default_blocking_rules
from kintrace.comparisons import (
    Comparison,
    default_comparisons,
    full_name_comparison,
    name_level,
    name_parts_comparisons,
)
from kintrace.dates import Calendar, DateColumns, parse_dates
from kintrace.dates.intervals import AgeUncertainty
from kintrace.errors import (
    ConfigError,
    InputError,
    KintraceError,
    ModelError,
    NotFittedError,
    OutputError,
    ReadError,
    ValidationError,
)
from kintrace.io import load_mapping, load_registry, read_table
from kintrace.linking import LinkResult, LinkSettings, link
from kintrace.model import FellegiSunter, load_model, save_model
from kintrace.names import name_similarities, name_similarity
from kintrace.run import InputOptions, MatchRun, match_files
from kintrace.schema import CHILDREN, REQUESTS, RecordKind

__all__ = [
    "CHILDREN",
    "REQUESTS",
    "AgeUncertainty",
    "BlockingRule",
    "Calendar",
    "Comparison",
    "ConfigError",
    "DateColumns",
    "FellegiSunter",
    "InputError",
    "InputOptions",
    "KintraceError",
    "LinkResult",
    "LinkSettings",
    "MatchRun",
    "ModelError",
    "NotFittedError",
    "OutputError",
    "ReadError",
    "RecordKind",
    "SharedNameRule",
    "ValidationError",
    "__version__",
    "block_on",
    "default_blocking_rules",
    "default_comparisons",
    "full_name_comparison",
    "link",
    "load_mapping",
    "load_model",
    "load_registry",
    "match_files",
    "name_level",
    "name_parts_comparisons",
    "name_similarities",
    "name_similarity",
    "parse_dates",
    "read_table",
    "save_model",
]
