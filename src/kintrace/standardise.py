"""The standardise step: canonical text columns → comparison-ready columns for every later step.

One :class:`StandardTable` per registry. Both kinds get the same columns, so a comparison or
a blocking rule reads the same column name on the left (children) and on the right (requests):

========================  ===================================================================
column                    meaning
========================  ===================================================================
``record_id``             the child id, or the sought-child id of a request row
``group_id``              the child id, or the request id (several sought children share one)
``source_row``            the row in the input file (header = row 1)
``given``                 first token of the given name (or of the full name), in its Latin
                          comparison form (:func:`kintrace.names.standard_tokens`: any script,
                          compounds joined, particles and titles dropped)
``middle``                second name (middle name, or the second token of a 3+ token name)
``family``                last token of the family name (or of a 2+ token full name)
``name``                  every name token, in given–middle–family order
``alt_names``             the record's other names (aliases, nicknames, other spellings), each
                          as a standard name, joined by `` | ``; also the name as written in its
                          own script when the main name came from other columns. A name whose
                          every token is a token of ``name`` (as written, or alike: another
                          spelling or script) is dropped, and so are repeats; ``None`` when
                          none is left
``given_key`` …           phonetic keys of ``given``, ``middle``, ``family``
``given_skeleton`` …      consonant skeletons of the same (most likely reading; a key that
                          survives transliteration: Mohamed, Maxamed, محمد → MHMD)
``father``, ``mother``    first token of the parent's name as recorded
``siblings``              first token of each sibling's name, joined by spaces: a child's
                          ``sibling_names``; a request's ``other_children_sought`` and, on a
                          request lodged by a brother or sister, the requester's own name
``father_chain``          the father's given name, recorded or as a name chain gives it
``grandfathers``          the grandfathers' given names tagged by side (``p:``, ``m:``, ``?:``)
                          (both: :mod:`kintrace.kin`)
``relation``              a request's requester relation (:mod:`kintrace.relations`)
``requester_birth_first``  the requester's birth interval (days since 1970-01-01), from their
``requester_birth_last``   date of birth, else their age at the request date
``relation_older_min``    the years a requester of that relation is plausibly older than the
``relation_older_max``    child (NaN: relation unknown; all four NaN on children)
``sex``                   ``"m"`` / ``"f"`` / ``None``
``dob_year/month/day``    the date of birth as recorded (0 = unknown part)
``dob_precision``         0 none, 1 year, 2 month, 3 day (a default 1 January counts as year)
``dob``                   the date of birth as ``YYYY-MM-DD`` when known to the day (a key)
``birth_year``            best estimate of the birth year: from the date, else from an age
                          at a reference date (a child's registration date; a request's
                          separation date, else the date it was lodged)
``birth_first/last``      the birth interval (:mod:`kintrace.dates.intervals`): first and last
                          day the birth can fall on, days since 1970-01-01 (NaN: unknown); a
                          default date allows its whole year, an age its years widened by the
                          age's uncertainty; dates in other calendars are converted
``birth_basis``           what the interval rests on: 0 nothing, 1 an age, 2 a year, 3 a
                          month, 4 a day (:class:`kintrace.dates.intervals.BirthBasis`)
``birth_default``         the date of birth looked like an assigned default (widened)
``age_value``             the age the interval rests on, and the Gregorian year of its
``age_year``              reference date (NaN where the interval rests on a date)
``age_estimated``         that age was marked as estimated
``country``               country of registration / of the requester (reporting only)
========================  ===================================================================

Values that are present but cannot be parsed are counted per column (for the validation report)
and treated as missing; nothing about their content is kept in the counts.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from kintrace.dates import (
    DEFAULT_DAYS,
    Calendar,
    DateColumns,
    DatePrecision,
    PartialDates,
    parse_dates,
)
from kintrace.dates.intervals import (
    DAYS_PER_YEAR,
    AgeUncertainty,
    BirthBasis,
    BirthIntervals,
    birth_intervals,
    gregorian_years,
)
from kintrace.kin import kin_columns, relation_age_gaps, requester_sex_conflicts
from kintrace.names import (
    name_similarities,
    phonetic_keys,
    skeletons,
    standard_name,
    standard_names,
)
from kintrace.relations import normalise_relations
from kintrace.schema import LIST_SEPARATORS, RecordKind
from kintrace.values import parse_age, parse_flag, parse_sex

__all__ = [
    "ALT_NAMES_SEPARATOR",
    "STANDARD_COLUMNS",
    "StandardTable",
    "UnparseableCount",
    "standardise",
]

#: Joins the names of the ``alt_names`` column (a standard name never holds it).
ALT_NAMES_SEPARATOR = " | "

STANDARD_COLUMNS: tuple[str, ...] = (
    "record_id",
    "group_id",
    "source_row",
    "given",
    "middle",
    "family",
    "name",
    "alt_names",
    "given_key",
    "middle_key",
    "family_key",
    "given_skeleton",
    "middle_skeleton",
    "family_skeleton",
    "father",
    "mother",
    "siblings",
    "father_chain",
    "grandfathers",
    "relation",
    "requester_birth_first",
    "requester_birth_last",
    "relation_older_min",
    "relation_older_max",
    "sex",
    "dob_year",
    "dob_month",
    "dob_day",
    "dob_precision",
    "dob",
    "birth_year",
    "birth_first",
    "birth_last",
    "birth_basis",
    "birth_default",
    "age_value",
    "age_year",
    "age_estimated",
    "country",
)


@dataclass(frozen=True)
class UnparseableCount:
    """How many values of one input column could not be read (never the values themselves)."""

    column: str
    count: int
    first_rows: tuple[int, ...]
    expected: str


@dataclass(frozen=True)
class ImplausibleCount:
    """How many records of one input column give a value that cannot be true (a birth after
    the registration, a "child" older than the registry's age limit): kept, and flagged for
    the validation report. Never the values themselves."""

    column: str
    count: int
    first_rows: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class StandardTable:
    """A registry in comparison-ready form (see the module docstring for the columns)."""

    kind: RecordKind
    frame: pd.DataFrame
    unparseable: tuple[UnparseableCount, ...] = field(default_factory=tuple)
    implausible: tuple[ImplausibleCount, ...] = field(default_factory=tuple)
    # Records left out of matching (for example: no consent for tracing), counted for the report.
    excluded_no_consent: int = 0

    def __len__(self) -> int:
        return len(self.frame)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype(object).where(frame[name].notna(), None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _tokens(names: pd.Series) -> pd.Series:
    return names.map(lambda v: v.split() if isinstance(v, str) else [])


def _pick(tokens: pd.Series, position: int) -> pd.Series:
    """The token at ``position`` (negative counts from the end), ``None`` when there is none."""
    needed = position + 1 if position >= 0 else -position
    return tokens.map(lambda t: t[position] if len(t) >= needed else None)


def _name_parts(frame: pd.DataFrame) -> pd.DataFrame:
    """Split recorded names into given / middle / family and one full token list.

    Registries fill either the parts or a full name; where both exist the parts win for their
    role and the full name fills the gaps (a form's "middle" box is often empty).
    """
    given_tokens = _tokens(standard_names(_column(frame, "given_name")))
    middle_tokens = _tokens(standard_names(_column(frame, "middle_name")))
    family_tokens = _tokens(standard_names(_column(frame, "family_name")))
    written_full_tokens = _tokens(standard_names(_column(frame, "full_name")))
    # Some records carry the name only as written in its own script (a Jordanian office
    # writing Arabic): that is the full name then.
    original_tokens = _tokens(standard_names(_column(frame, "name_original_script")))
    full_tokens = written_full_tokens.where(written_full_tokens.map(len) > 0, original_tokens)

    parts_tokens = given_tokens + middle_tokens + family_tokens
    tokens = parts_tokens.where(parts_tokens.map(len) > 0, full_tokens)

    given = _pick(given_tokens, 0).where(given_tokens.map(len) > 0, _pick(tokens, 0))
    # A family name of several tokens (al hasan) is compared by its last token.
    family_from_parts = _pick(family_tokens, -1)
    family_from_full = tokens.map(lambda t: t[-1] if len(t) >= 2 else None)
    family = family_from_parts.where(family_tokens.map(len) > 0, family_from_full)
    middle_from_full = tokens.map(lambda t: t[1] if len(t) >= 3 else None)
    middle = _pick(middle_tokens, 0).where(middle_tokens.map(len) > 0, middle_from_full)
    name = tokens.map(lambda t: " ".join(t) if t else None)
    # The original-script name is an alternative only when the main name came from elsewhere.
    from_other_fields = (parts_tokens.map(len) > 0) | (written_full_tokens.map(len) > 0)
    alt_names = _alt_names(
        _column(frame, "other_names"),
        _column(frame, "name_original_script").where(from_other_fields, None),
        tokens,
    )
    return pd.DataFrame(
        {"given": given, "middle": middle, "family": family, "name": name, "alt_names": alt_names},
        index=frame.index,
    )


_LIST_SPLIT = re.compile("|".join(re.escape(s) for s in LIST_SEPARATORS))


def _standard_list(cell: str) -> tuple[str, ...]:
    """The standard names of one list cell ("Mimi; Fati | UNKNOWN" → mimi, fati)."""
    names = (standard_name(item) for item in _LIST_SPLIT.split(cell))
    return tuple(name for name in names if name is not None)


#: Two tokens at least this alike (:func:`kintrace.name_similarity`: one consonant skeleton, a
#: known spelling, or close in spelling) are one name for :func:`_alt_names`.
SAME_TOKEN_SCORE = 0.88


def _alt_names(other_names: pd.Series, original: pd.Series, tokens: pd.Series) -> pd.Series:
    """The ``alt_names`` column: other names, then the original-script name, as standard names.

    An other name is dropped when each of its tokens is a token of the main name, as written
    or in another spelling or script ("Fadumo" beside "Fadumo Sakariya", "Soudabeh" beside
    "Sodaba Rahimi", "يوسف حسن" beside "Yusuf Hassan"): the name comparisons already see that
    name, and counting it again as an other name made rankings worse on generated data. So
    is a name that repeats an earlier one.
    """
    lists: dict[str, tuple[str, ...]] = {}
    originals: dict[str, str | None] = {}
    candidates: list[list[str]] = []
    for cell, script, main in zip(other_names, original, tokens, strict=True):
        names: list[str] = []
        if isinstance(cell, str):
            if cell not in lists:
                lists[cell] = _standard_list(cell)
            names.extend(lists[cell])
        if isinstance(script, str):
            if script not in originals:
                originals[script] = standard_name(script)
            standard = originals[script]
            if standard is not None:
                names.append(standard)
        main_tokens = set(main)
        candidates.append([n for n in dict.fromkeys(names) if not set(n.split()) <= main_tokens])
    # Every (other-name token, main-name token) pair, scored once.
    pairs = {
        (token, own)
        for names, main in zip(candidates, tokens, strict=True)
        for name in names
        for token in name.split()
        for own in main
    }
    ordered = sorted(pairs)
    scores = name_similarities([a for a, _ in ordered], [b for _, b in ordered])
    # In float32, as the scores are computed (a skeleton match scores 0.88 exactly).
    alike = scores.astype(np.float32) >= np.float32(SAME_TOKEN_SCORE)
    same = {pair for pair, hit in zip(ordered, alike.tolist(), strict=True) if hit}
    values: list[str | None] = []
    for names, main in zip(candidates, tokens, strict=True):
        kept = [
            name
            for name in names
            if not all(any((token, own) in same for own in main) for token in name.split())
        ]
        values.append(ALT_NAMES_SEPARATOR.join(kept) if kept else None)
    return pd.Series(values, index=other_names.index, dtype=object)


def _first_token(values: pd.Series) -> pd.Series:
    return _pick(_tokens(standard_names(values)), 0)


@dataclass(frozen=True)
class _Requester:
    """Who lodged each request, read once: the canonical relation and the requester's name
    tokens (``None`` and empty lists on children, and where a request does not say)."""

    relation: pd.Series
    tokens: pd.Series

    @classmethod
    def of(cls, frame: pd.DataFrame, kind: RecordKind) -> _Requester:
        if kind is RecordKind.CHILDREN:
            relation = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        else:
            relation = normalise_relations(_column(frame, "requester_relation"))
        tokens = _tokens(standard_names(_column(frame, "requester_name")))
        return cls(relation=relation, tokens=tokens)

    def given(self) -> pd.Series:
        """The requester's first name token."""
        return _pick(self.tokens, 0)


def _parent(frame: pd.DataFrame, parent: str, requester: _Requester) -> pd.Series:
    """First token of the parent's name; on a request lodged by that parent, their own name."""
    recorded = _first_token(_column(frame, f"{parent}_name"))
    lodged_by_parent = requester.relation == parent
    if lodged_by_parent.any():
        recorded = recorded.where(recorded.notna() | ~lodged_by_parent, requester.given())
    return recorded


def _first_tokens_of_list(values: pd.Series) -> pd.Series:
    """First token of each name in a list cell (``;`` or ``|`` between names), joined by
    spaces, each once; ``None`` when none is left."""

    def tokens(cell: str) -> str | None:
        found = dict.fromkeys(name.split()[0] for name in _standard_list(cell))
        return " ".join(found) or None

    lookup: dict[str, str | None] = {}
    # A list, not Series.map: pandas 3 turns a None that map returns into NaN.
    found = [
        lookup.setdefault(v, tokens(v)) if isinstance(v, str) else None for v in values.tolist()
    ]
    return pd.Series(found, index=values.index, dtype=object)


def _siblings(frame: pd.DataFrame, kind: RecordKind, requester: _Requester) -> pd.Series:
    """The ``siblings`` column: first tokens of the siblings' names (see the module table)."""
    if kind is RecordKind.CHILDREN:
        return _first_tokens_of_list(_column(frame, "sibling_names"))
    listed = _first_tokens_of_list(_column(frame, "other_children_sought"))
    own = requester.given()
    sibling = requester.relation.isin(["brother", "sister", "half_brother", "half_sister"])
    sibling &= own.notna()
    joined = [
        " ".join(dict.fromkeys(f"{a if isinstance(a, str) else ''} {b}".split())) if add else a
        for a, b, add in zip(listed, own, sibling, strict=True)
    ]
    return pd.Series(joined, index=frame.index, dtype=object)


def _kin(
    frame: pd.DataFrame,
    kind: RecordKind,
    parts: pd.DataFrame,
    father: pd.Series,
    requester: _Requester,
) -> pd.DataFrame:
    """The :mod:`kintrace.kin` columns and the canonical ``relation`` (``None`` on children)."""
    request = kind is RecordKind.REQUESTS
    kin = kin_columns(
        own_tokens=_tokens(parts["name"]),
        father=father,
        father_tokens=_tokens(standard_names(_column(frame, "father_name"))),
        mother_tokens=_tokens(standard_names(_column(frame, "mother_name"))),
        requester_tokens=requester.tokens if request else None,
        relation=requester.relation if request else None,
    )
    kin["relation"] = requester.relation
    return kin


def _requester_birth(
    frame: pd.DataFrame,
    dates: Callable[[str], PartialDates],
    lodged: PartialDates | None,
    source_rows: np.ndarray,
    counts: list[UnparseableCount],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The requester's birth interval (first and last day): their date of birth, else their
    age at the request date (a stated age: widened by a year each way); and where it came
    from the age."""
    dob = dates("requester_date_of_birth")
    _count("requester_date_of_birth", dob.unparseable, source_rows, "a date", counts)
    age = parse_age(_column(frame, "requester_age"))
    _count("requester_age", age.unparseable, source_rows, "an age in years", counts)
    reference = lodged.day_range() if lodged is not None else dob.day_range()
    births = birth_intervals(dob, age.values.to_numpy(dtype=float), reference)
    return births.first, births.last, births.basis == BirthBasis.AGE


def _implausible_requesters(
    frame: pd.DataFrame,
    kin: pd.DataFrame,
    requester_birth: tuple[np.ndarray, np.ndarray, np.ndarray],
    births: BirthIntervals,
    source_rows: np.ndarray,
) -> list[ImplausibleCount]:
    """Requesters whose recorded sex contradicts their relation, or whose birth does not fit
    it against the sought child's as the request gives it (a "mother" two years older)."""
    found: list[ImplausibleCount] = []
    sex = parse_sex(_column(frame, "requester_sex")).values
    conflicts = requester_sex_conflicts(kin["relation"], sex)
    least, most = relation_age_gaps(kin["relation"])
    with np.errstate(invalid="ignore"):
        # Years older at the least and at the most the two intervals allow.
        low = (births.first - requester_birth[1]) / DAYS_PER_YEAR
        high = (births.last - requester_birth[0]) / DAYS_PER_YEAR
        unfit = (high < least) | (low > most)
    unfit = np.asarray(unfit, dtype=bool)
    from_age = requester_birth[2]
    misfit = "a requester's age that does not fit their relation to the child"
    for column, hit, reason in (
        ("requester_sex", conflicts, "a requester's sex that contradicts their relation"),
        ("requester_date_of_birth", unfit & ~from_age, misfit),
        ("requester_age", unfit & from_age, misfit),
    ):
        if hit.any():
            rows = tuple(int(r) for r in source_rows[hit][:5])
            found.append(ImplausibleCount(column, int(hit.sum()), rows, reason))
    return found


def _day_keys(
    year: np.ndarray, month: np.ndarray, day: np.ndarray, precision: np.ndarray
) -> np.ndarray:
    """``YYYY-MM-DD`` where the date is known to the day, else ``None``."""
    keys = np.full(len(year), None, dtype=object)
    exact = np.flatnonzero(precision >= DatePrecision.DAY)
    keys[exact] = [
        f"{y:04d}-{m:02d}-{d:02d}"
        for y, m, d in zip(year[exact], month[exact], day[exact], strict=True)
    ]
    return keys


def _count(
    column: str,
    mask: np.ndarray,
    source_rows: np.ndarray,
    expected: str,
    counts: list[UnparseableCount],
) -> None:
    n = int(mask.sum())
    if n:
        first = tuple(int(r) for r in source_rows[mask][:5])
        counts.append(UnparseableCount(column, n, first, expected))


def _first_known(
    first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Day ranges: ``first`` where known, else ``second``."""
    use = ~np.isnan(first[0])
    return np.where(use, first[0], second[0]), np.where(use, first[1], second[1])


def _implausible_births(
    kind: RecordKind,
    births: BirthIntervals,
    reference: tuple[np.ndarray, np.ndarray],
    source_rows: np.ndarray,
    age_limit: float | None,
    today: float,
) -> list[ImplausibleCount]:
    """Births that cannot be true: after the reference date (registration, separation or
    request) or after today; and children older than ``age_limit`` at their registration."""
    column = np.where(births.basis == BirthBasis.AGE, -1, 0)  # which column the flag is about
    age_column = "age" if kind is RecordKind.CHILDREN else "age_at_separation"
    with np.errstate(invalid="ignore"):
        after = (births.first > today) | (births.first > reference[1])
        flags = [(after, "a birth after the reference date or after today")]
        if kind is RecordKind.CHILDREN and age_limit is not None:
            # At the limit or older even at the latest birth the interval allows (an age's
            # uncertainty included: a stated 18 may be 17, a stated 19 is 18 at least).
            years = (reference[0] - births.last) / DAYS_PER_YEAR
            flags.append((years >= age_limit, f"a child {age_limit:g} or older at registration"))
    found: list[ImplausibleCount] = []
    for mask, reason in flags:
        for name, which in (("date_of_birth", column == 0), (age_column, column == -1)):
            hit = np.asarray(mask & which, dtype=bool)
            if hit.any():
                rows = tuple(int(r) for r in source_rows[hit][:5])
                found.append(ImplausibleCount(name, int(hit.sum()), rows, reason))
    return found


def _in_gregorian(dob: PartialDates, precision: np.ndarray) -> PartialDates:
    """``dob`` (read at ``precision``) with Gregorian year, month and day, for the levels and
    keys that compare calendar fields. A day of another calendar is its Gregorian day; its
    months and years straddle Gregorian ones, so they keep only the Gregorian year of their
    middle, at year precision (their exact days stay in the birth interval)."""
    if dob.calendar is Calendar.GREGORIAN:
        return replace(dob, precision=precision)
    first, last = dob.day_range(precision)
    known = ~np.isnan(first)
    exact = known & (precision >= DatePrecision.DAY)
    on = np.where(exact, first, np.floor((first + last) / 2.0))
    when = np.nan_to_num(on, nan=0.0).astype(np.int64).astype("datetime64[D]")
    year = when.astype("datetime64[Y]").astype(np.int64) + 1970
    month = when.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (when - when.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    return replace(
        dob,
        year=np.where(known, year, 0).astype(np.int32),
        month=np.where(exact, month, 0).astype(np.int8),
        day=np.where(exact, day, 0).astype(np.int8),
        precision=np.where(
            exact, DatePrecision.DAY, np.where(known, DatePrecision.YEAR, DatePrecision.NONE)
        ).astype(np.int8),
        calendar=Calendar.GREGORIAN,
    )


def _birth_year(dob: PartialDates, age: pd.Series, ref_year: np.ndarray) -> np.ndarray:
    """Birth year from the date when known, else from the age at a reference date."""
    from_dob = np.where(dob.year > 0, dob.year.astype(float), np.nan)
    # An age of 13 in 2023 means born in 2009 or 2010; the midpoint keeps the error symmetric.
    from_age = ref_year - age.to_numpy(dtype=float) - 0.5
    return np.where(np.isnan(from_dob), from_age, from_dob)


def standardise(
    frame: pd.DataFrame,
    kind: RecordKind | str,
    *,
    include_without_consent: bool = False,
    date_order: str = "auto",
    age_uncertainty: AgeUncertainty | None = None,
    date_columns: DateColumns | None = None,
    default_days: tuple[tuple[int, int], ...] = DEFAULT_DAYS,
    age_limit: float | None = 18,
    today: datetime.date | None = None,
) -> StandardTable:
    """Turn a mapped registry (canonical columns, text) into a :class:`StandardTable`.

    Parameters
    ----------
    frame:
        Canonical columns as text, plus ``_source_row`` (as :func:`kintrace.io.load_registry`
        returns them).
    kind:
        ``"children"`` or ``"requests"``.
    include_without_consent:
        Children whose ``consent_for_tracing`` is not "yes" are left out unless this is set.
        When the registry has no consent column at all, every child is kept.
    date_order:
        Day/month order of the date columns: ``"auto"`` infers it per column.
    age_uncertainty:
        Years an age's birth interval is widened by (estimated / stated ages); the
        defaults of :class:`kintrace.dates.intervals.AgeUncertainty` when not given.
    date_columns:
        The calendar and day/month order of date columns that differ from the Gregorian
        calendar and from ``date_order`` (:class:`kintrace.dates.DateColumns`).
    default_days:
        ``(day, month)`` pairs that mark an assigned default date of birth (1 January and
        1 July by default; :data:`kintrace.dates.DEFAULT_DAYS`).
    age_limit:
        A child this old or older at registration is flagged as implausible (the registry's
        age limit; ``None``: no limit). Flagged values are kept and counted in
        :attr:`StandardTable.implausible`, as are births after the reference date or today.
    today:
        The date births must not be after (default: today).
    """
    kind = RecordKind(kind)
    source_rows = (
        frame["_source_row"].to_numpy(dtype=np.int64)
        if "_source_row" in frame.columns
        else np.arange(2, len(frame) + 2, dtype=np.int64)
    )
    counts: list[UnparseableCount] = []

    excluded = 0
    if kind is RecordKind.CHILDREN and "consent_for_tracing" in frame.columns:
        consent = parse_flag(_column(frame, "consent_for_tracing"))
        _count("consent_for_tracing", consent.unparseable, source_rows, "yes/no", counts)
        if not include_without_consent:
            keep = (consent.values == True).to_numpy()  # noqa: E712  (None/False drop out)
            excluded = int((~keep).sum())
            frame = frame.loc[keep]
            source_rows = source_rows[keep]

    id_column = "child_id" if kind is RecordKind.CHILDREN else "sought_id"
    group_column = "child_id" if kind is RecordKind.CHILDREN else "request_id"
    parts = _name_parts(frame)
    sex = parse_sex(_column(frame, "sex"))
    _count("sex", sex.unparseable, source_rows, "a sex (male/female)", counts)

    columns = date_columns or DateColumns()

    def dates(column: str) -> PartialDates:
        return parse_dates(
            _column(frame, column),
            order=columns.order(column, date_order),
            calendar=columns.calendar(column),
            default_days=default_days,
        )

    dob = dates("date_of_birth")
    _count("date_of_birth", dob.unparseable, source_rows, "a date", counts)
    age_column = "age" if kind is RecordKind.CHILDREN else "age_at_separation"
    age = parse_age(_column(frame, age_column))
    _count(age_column, age.unparseable, source_rows, "an age in years", counts)
    reference_column = "registration_date" if kind is RecordKind.CHILDREN else "separation_date"
    reference = dates(reference_column)
    _count(reference_column, reference.unparseable, source_rows, "a date", counts)
    reference_days = reference.day_range()
    if kind is RecordKind.REQUESTS:
        # An age at separation with no separation date: the request date is the next best
        # reference (requests are lodged months, rarely years, after the separation).
        lodged = dates("request_date")
        _count("request_date", lodged.unparseable, source_rows, "a date", counts)
        reference_days = _first_known(reference_days, lodged.day_range())
    estimated = None
    if kind is RecordKind.CHILDREN:
        flags = parse_flag(_column(frame, "age_estimated"))
        _count("age_estimated", flags.unparseable, source_rows, "yes/no", counts)
        estimated = (flags.values == True).to_numpy(dtype=bool)  # noqa: E712 (None is no)
    births = birth_intervals(
        dob,
        age.values.to_numpy(dtype=float),
        reference_days,
        age_estimated=estimated,
        uncertainty=age_uncertainty,
    )
    reference_year = gregorian_years(reference_days[0])
    today_number = float(((today or datetime.date.today()) - datetime.date(1970, 1, 1)).days)
    implausible = _implausible_births(
        kind, births, reference_days, source_rows, age_limit, today_number
    )

    requester = _Requester.of(frame, kind)
    father = _parent(frame, "father", requester)
    kin = _kin(frame, kind, parts, father, requester)
    no_birth = np.full(len(frame), np.nan)
    requester_birth = (no_birth, no_birth, np.zeros(len(frame), dtype=bool))
    if kind is RecordKind.REQUESTS:
        requester_birth = _requester_birth(frame, dates, lodged, source_rows, counts)
        implausible.extend(
            _implausible_requesters(frame, kin, requester_birth, births, source_rows)
        )
    older_min, older_max = relation_age_gaps(kin["relation"])

    # A default date (1 January, 00/00) says "born that year", nothing more.
    precision = dob.precision.astype(np.int8).copy()
    precision[dob.default_date & (precision > DatePrecision.YEAR)] = DatePrecision.YEAR
    dob = _in_gregorian(dob, precision)
    precision = dob.precision
    month = np.where(precision >= DatePrecision.MONTH, dob.month, 0).astype(np.int8)
    day = np.where(precision >= DatePrecision.DAY, dob.day, 0).astype(np.int8)

    country_column = "registration_country" if kind is RecordKind.CHILDREN else "requester_country"
    standard = pd.DataFrame(
        {
            "record_id": _column(frame, id_column).to_numpy(dtype=object),
            "group_id": _column(frame, group_column).to_numpy(dtype=object),
            "source_row": source_rows,
            "given": parts["given"].to_numpy(dtype=object),
            "middle": parts["middle"].to_numpy(dtype=object),
            "family": parts["family"].to_numpy(dtype=object),
            "name": parts["name"].to_numpy(dtype=object),
            "alt_names": parts["alt_names"].to_numpy(dtype=object),
            "given_key": phonetic_keys(parts["given"]).to_numpy(dtype=object),
            "middle_key": phonetic_keys(parts["middle"]).to_numpy(dtype=object),
            "family_key": phonetic_keys(parts["family"]).to_numpy(dtype=object),
            "given_skeleton": skeletons(parts["given"]).to_numpy(dtype=object),
            "middle_skeleton": skeletons(parts["middle"]).to_numpy(dtype=object),
            "family_skeleton": skeletons(parts["family"]).to_numpy(dtype=object),
            "father": father.to_numpy(dtype=object),
            "mother": _parent(frame, "mother", requester).to_numpy(dtype=object),
            "siblings": _siblings(frame, kind, requester).to_numpy(dtype=object),
            "father_chain": kin["father_chain"].to_numpy(dtype=object),
            "grandfathers": kin["grandfathers"].to_numpy(dtype=object),
            "relation": kin["relation"].to_numpy(dtype=object),
            "requester_birth_first": requester_birth[0],
            "requester_birth_last": requester_birth[1],
            "relation_older_min": older_min,
            "relation_older_max": older_max,
            "sex": sex.values.to_numpy(dtype=object),
            "dob_year": dob.year.astype(np.int32),
            "dob_month": month,
            "dob_day": day,
            "dob_precision": precision,
            "dob": _day_keys(dob.year, month, day, precision),
            "birth_year": _birth_year(dob, age.values, reference_year),
            "birth_first": births.first,
            "birth_last": births.last,
            "birth_basis": births.basis,
            "birth_default": births.default_date,
            "age_value": births.age,
            "age_year": births.age_year,
            "age_estimated": births.age_estimated,
            "country": _column(frame, country_column).to_numpy(dtype=object),
        }
    )
    return StandardTable(
        kind=kind,
        frame=standard,
        unparseable=tuple(counts),
        implausible=tuple(implausible),
        excluded_no_consent=excluded,
    )


def standard_columns_present(table: StandardTable, columns: Sequence[str]) -> dict[str, int]:
    """How many records have a value in each of ``columns`` (for the run report)."""
    return {c: int(table.frame[c].notna().sum()) for c in columns}
