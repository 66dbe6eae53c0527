"""The block step: which pairs of children and requests are compared at all.

rules.py   what a rule is (columns equal; name keys shared, common keys narrowed)
keys.py    the name keys of each record (single parts, pairs of parts)
engine.py  the DuckDB joins that turn rules into candidate pairs, read back in chunks
"""

from kintrace.blocking.engine import BlockedPairs, block
from kintrace.blocking.keys import KEY_KINDS, key_table
from kintrace.blocking.rules import (
    BlockingRule,
    Rule,
    SharedNameRule,
    block_on,
    default_blocking_rules,
)

__all__ = [
    "KEY_KINDS",
    "BlockedPairs",
    "BlockingRule",
    "Rule",
    "SharedNameRule",
    "block",
    "block_on",
    "default_blocking_rules",
    "key_table",
]
