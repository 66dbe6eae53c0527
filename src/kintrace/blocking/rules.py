"""Blocking rules: which pairs of records are worth comparing.

Two kinds, unioned by :func:`kintrace.blocking.block`:

* :class:`BlockingRule` — columns equal on both sides (and birth years close, when set):
  "same date of birth and sex".
* :class:`SharedNameRule` — records share a name key (:mod:`kintrace.blocking.keys`): one name
  part, or two, in any script, spelling, order or box. A key shared by too many children would
  make a block that swamps every request carrying it (Mohamed, Diallo), so such a block is
  *narrowed* — by birth year (within a year where both records give a date to the day, wider
  where one gives a year or an age), then also by sex — until it holds at most ``max_block``
  children, and left out (counted) when even that is too many. Every request's candidates stay
  bounded, whatever the registry's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from kintrace.blocking.keys import KEY_KINDS

__all__ = ["BlockingRule", "Rule", "SharedNameRule", "block_on", "default_blocking_rules"]


@dataclass(frozen=True)
class BlockingRule:
    """Pairs whose columns are equal (and birth years close, when set) become candidates.

    Parameters
    ----------
    name:
        Shown in the per-rule pair counts.
    on:
        ``(children column, requests column)`` pairs of standard columns that must be equal.
        A column pair such as ``("given_key", "family_key")`` catches swapped name order.
    birth_year_within:
        When set, estimated birth years must also be known and at most this many years apart.
    unless_missing:
        Columns that must be equal where both sides have a value; a missing value does not
        keep a pair out (a registry without a sex column still blocks on the rest).
    """

    name: str
    on: tuple[tuple[str, str], ...]
    birth_year_within: float | None = None
    unless_missing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.on:
            raise ValueError(f"Blocking rule {self.name!r} needs at least one column to join on.")
        if self.birth_year_within is not None and self.birth_year_within < 0:
            raise ValueError(
                "The 'birth_year_within' parameter of BlockingRule must be a number >= 0. "
                f"Got {self.birth_year_within!r} instead."
            )

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        left = tuple(a for a, _ in self.on)
        right = tuple(b for _, b in self.on)
        if self.birth_year_within is not None:
            left, right = (*left, "birth_year"), (*right, "birth_year")
        return (*left, *self.unless_missing), (*right, *self.unless_missing)

    def condition(self) -> str:
        """The rule as a SQL join condition over tables ``l`` and ``r``."""
        parts = [f'l."{a}" = r."{b}"' for a, b in self.on]
        if self.birth_year_within is not None:
            parts.append(f"abs(l.birth_year - r.birth_year) <= {float(self.birth_year_within)!r}")
        parts.extend(
            f'(l."{c}" = r."{c}" OR l."{c}" IS NULL OR r."{c}" IS NULL)'
            for c in self.unless_missing
        )
        return " AND ".join(parts)


def block_on(
    *columns: str,
    birth_year_within: float | None = None,
    unless_missing: tuple[str, ...] = (),
    name: str = "",
) -> BlockingRule:
    """A rule joining each column with the same column on the other side."""
    label = name or " + ".join(columns) + (
        f" + birth year ±{birth_year_within:g}" if birth_year_within is not None else ""
    )
    return BlockingRule(
        name=label,
        on=tuple((c, c) for c in columns),
        birth_year_within=birth_year_within,
        unless_missing=unless_missing,
    )


@dataclass(frozen=True)
class SharedNameRule:
    """Pairs that share a name key, with common keys narrowed so no block explodes.

    Parameters
    ----------
    name:
        Shown in the per-rule pair counts.
    keys:
        ``"single"``, ``"pair"``, ``"triple"`` (one, two or three name parts in common),
        ``"near_pair"`` (two, one of them within a letter) or ``"sibling_pair"`` (one and a
        sibling's name): :mod:`kintrace.blocking.keys`.
    max_block:
        Most children one block may hold. A key held by more children is narrowed.
    birth_year_within:
        When set, every pair must also have birth years at most this far apart (and known).
        When not set, a key's block is used whole if it is small enough, and narrowed by
        ``narrow_birth_year_within`` otherwise.
    narrow_birth_year_within:
        Birth-year window of a narrowed block.
    exact_birth_year_within:
        The window of a narrowed block for a pair whose two records both give the birth date
        to the day: a stated date is rarely a year out, an estimated age or a year written
        from memory often is. Never wider than ``narrow_birth_year_within``; a required
        ``birth_year_within`` holds for every pair as given (on FEBRL4, whose dates carry
        typos, tightening it lost 5% of true pairs).
    narrow_by_sex:
        Narrow a block that is still too big by sex as well (a missing sex never joins then).
    same_sex:
        Leave out pairs whose records give different sexes (a missing sex keeps the pair): for
        rules whose evidence is weak on its own, such as one name part in common.
    missing_year_block:
        Without ``birth_year_within``, a request that gives no birth year cannot be narrowed
        by year: it meets a too-big key's children of its own sex when they number at most
        this (see :mod:`kintrace.blocking.engine`). Its default, twice ``max_block``, is
        set by the engine when left at 0.
    without_year_block:
        With ``birth_year_within``, a request that gives no birth year (nor an age) would
        never meet anyone by this rule; with this set, it meets the key's children of its
        sex (all of them when it gives none) when they number at most this: a rare name
        part in common is evidence enough to compare. 0: never.
    """

    name: str
    keys: str
    max_block: int = 100
    birth_year_within: float | None = None
    narrow_birth_year_within: float = 3.0
    exact_birth_year_within: float = 1.0
    narrow_by_sex: bool = True
    same_sex: bool = False
    missing_year_block: int = 0
    without_year_block: int = 0

    def __post_init__(self) -> None:
        if self.keys not in KEY_KINDS:
            raise ValueError(
                f"The 'keys' parameter of SharedNameRule must be one of {KEY_KINDS}. "
                f"Got {self.keys!r} instead."
            )
        if self.max_block < 1:
            raise ValueError(
                "The 'max_block' parameter of SharedNameRule must be an int >= 1. "
                f"Got {self.max_block!r} instead."
            )
        for label, count in (
            ("missing_year_block", self.missing_year_block),
            ("without_year_block", self.without_year_block),
        ):
            if count < 0:
                raise ValueError(
                    f"The {label!r} parameter of SharedNameRule must be an int >= 0. "
                    f"Got {count!r} instead."
                )
        for label, value in (
            ("birth_year_within", self.birth_year_within),
            ("narrow_birth_year_within", self.narrow_birth_year_within),
            ("exact_birth_year_within", self.exact_birth_year_within),
        ):
            if value is not None and value < 0:
                raise ValueError(
                    f"The {label!r} parameter of SharedNameRule must be a number >= 0. "
                    f"Got {value!r} instead."
                )

    @property
    def window(self) -> float:
        """Birth-year window of the narrowed blocks."""
        return (
            self.birth_year_within
            if self.birth_year_within is not None
            else self.narrow_birth_year_within
        )

    @property
    def exact_window(self) -> float:
        """Birth-year window of a pair whose records both give a date to the day."""
        if self.birth_year_within is not None:
            return self.birth_year_within
        return min(self.exact_birth_year_within, self.narrow_birth_year_within)


#: Either kind of rule.
Rule = BlockingRule | SharedNameRule


def default_blocking_rules() -> tuple[Rule, ...]:
    """Rules that keep a true pair when names are written in other scripts, spellings or order.

    Measured on generated data (``benchmarks/README.md``): pair completeness 0.993 at 20,000
    children and 0.978 at 200,000, with the candidates per request bounded by ``max_block``.
    """
    return (
        SharedNameRule("two name parts in common", keys="pair", max_block=100),
        # Where two common parts make a block too big (Mohamed + Ahmed), a third part in
        # common is rare again.
        SharedNameRule("three name parts in common", keys="triple", max_block=100),
        # A brother's or sister's name that both records give, beside one of the child's own:
        # rare however common each name is. In blocks of 20: in the pair rule's blocks of 100
        # it added 12% more pairs for +0.13 points of completeness at 200,000.
        SharedNameRule(
            "a name part and a sibling's name in common", keys="sibling_pair", max_block=20
        ),
        # Two parts in common, one of them with a recorder's slip (Kabihe for Kabine): as weak
        # as one part alone when the slip hides a different name, so held to the same bounds.
        SharedNameRule(
            "two name parts in common, one within a letter, same sex, born within 2 years",
            keys="near_pair",
            max_block=10,
            birth_year_within=2,
            same_sex=True,
        ),
        # One part in common is weak on its own: a different recorded sex leaves the pair out
        # (measured at 200,000: 9% fewer pairs, no true pair lost; real registries do mistype
        # a sex now and then, and such a pair still meets by two parts or by date of birth).
        # A request with no birth year still meets a rare part's few children (FEBRL4: pair
        # completeness 0.963 -> 0.975 for 17% more pairs; 200,000 generated: +50,000 pairs).
        SharedNameRule(
            "a name part in common, same sex, born within 2 years",
            keys="single",
            max_block=30,
            birth_year_within=2,
            same_sex=True,
            without_year_block=30,
        ),
        # Needs no name of the child: keeps pairs whose names share nothing readable.
        block_on("dob", unless_missing=("sex",), name="same date of birth and sex"),
    )
