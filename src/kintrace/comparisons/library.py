"""The default comparisons: whole names in any order and script, parents' names, other names,
date of birth, sex, and the family as the requester's relation tells it (the father's name in
a name chain, grandfathers, siblings, the requester's age for the relation).
"""

from __future__ import annotations

import numpy as np

from kintrace.comparisons.comparison import Comparison
from kintrace.comparisons.levels import (
    AgeGapFits,
    BirthIntervalsOverlap,
    BirthIntervalsWithin,
    BirthYearsApart,
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
from kintrace.names import name_similarity, standard_name
from kintrace.names.variants import VariantRelation

__all__ = [
    "FULL_NAME_THRESHOLDS",
    "birth_year_comparison",
    "date_of_birth_comparison",
    "default_comparisons",
    "father_in_name_chain_comparison",
    "full_name_comparison",
    "grandfathers_comparison",
    "name_comparison",
    "name_level",
    "name_parts_comparisons",
    "other_names_comparison",
    "requester_age_comparison",
    "siblings_comparison",
]


def name_comparison(
    name: str,
    description: str,
    column: str,
    *,
    key_column: str | None = None,
    term_frequencies: bool = True,
) -> Comparison:
    """Exact / Jaro-Winkler ≥ 0.92 / known spelling / same consonants / sounds alike /
    same name in another tradition / Jaro-Winkler ≥ 0.80 / else.

    "Same consonants" is the cross-script level: an Arabic-script or Ethiopic name against its
    romanisation, and romanisations of different traditions (Maxamed / Mohamed). "Known
    spelling" is the part of it that public name data confirms, so it is told apart from
    names that share consonants by chance; "same name in another tradition" is a variant whose
    consonants differ (Mamadou / Mohamed, Mykola / Nikolai): see :mod:`kintrace.names.variants`.
    """
    levels: list[Level] = [
        Exact(column),
        JaroWinkler(column, 0.92),
        KnownVariant(column, VariantRelation.SPELLING),
        SameSkeleton(column),
    ]
    if key_column is not None:
        levels.append(SameKey(key_column))
    levels.append(KnownVariant(column, VariantRelation.RELATED))
    levels.append(JaroWinkler(column, 0.80))
    return Comparison(
        name=name,
        description=description,
        missing_when=(column,),
        levels=tuple(levels),
        term_frequency_column=column if term_frequencies else None,
    )


#: Thresholds of the whole-name score, one level each, strongest first. Ten levels in all
#: (with "the same name"): the score is the main evidence on names, so its range is read finely.
FULL_NAME_THRESHOLDS: tuple[float, ...] = (0.97, 0.94, 0.91, 0.88, 0.84, 0.8, 0.75, 0.7, 0.6)


def full_name_comparison(*, term_frequencies: bool = True) -> Comparison:
    """The whole name, tokens aligned in any order and script: the same name / score ≥ 0.97 /
    ≥ 0.94 / ... / ≥ 0.6 / else (:data:`FULL_NAME_THRESHOLDS`).

    The score is :func:`kintrace.name_similarity`: every token of one name against every token
    of the other, by the best evidence (the same token, a known spelling, the same consonants,
    the name in another tradition, Jaro-Winkler), aligned one to one, the given name weighing
    double. A name written in another order, with the father's name where the other record has
    the family name, or with a name dropped still meets; siblings, who share all but the given
    name, are held apart. With ``term_frequencies``, the same name counts for less when many
    children carry it (Mohamed Ahmed against Tesfay Gebremedhin).

    The default name evidence since 2026-11-29, instead of the given, second and family names
    compared box by box (:func:`name_parts_comparisons`): on generated children, recall at 1
    0.865 → 0.924 and at 5 0.925 → 0.974 (20,000), 0.757 → 0.833 and 0.855 → 0.925
    (200,000), and better calibrated probabilities (see ``benchmarks/README.md``). Not *beside*
    the parts: the model treats comparisons as independent and would count one name twice.
    """
    return Comparison(
        name="full_name",
        description="full name (any order or script)",
        missing_when=("name",),
        levels=(Exact("name"), *(NameSimilarity("name", t) for t in FULL_NAME_THRESHOLDS)),
        term_frequency_column="name" if term_frequencies else None,
    )


def name_parts_comparisons() -> tuple[Comparison, ...]:
    """The given, second and family names compared box by box, each with the levels of
    :func:`name_comparison`: kintrace's name evidence until 2026-11-29, for runs that must
    reproduce it (``kintrace match --name-parts``). Use instead of
    :func:`full_name_comparison`, not beside it: the two restate each other."""
    return (
        name_comparison("given_name", "given name", "given", key_column="given_key"),
        name_comparison("middle_name", "second name", "middle", key_column="middle_key"),
        name_comparison("family_name", "family name", "family", key_column="family_key"),
    )


def name_level(a: str | None, b: str | None) -> tuple[int, str]:
    """The level of :func:`full_name_comparison` two full names reach, and its label.

    The same level a match run gives the pair on names (0 is "missing": a name is empty or
    "unknown"; the last is "different").

    >>> name_level("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan")
    (4, 'names align, any order or script (score ≥ 0.91)')
    >>> name_level("Mohamed Abdi", "MOHAMED ABDI")
    (1, 'exact')
    >>> name_level("UNKNOWN", "Mohamed")
    (0, 'missing')
    """
    comparison = full_name_comparison()
    labels = comparison.level_labels()
    left, right = standard_name(a or ""), standard_name(b or "")
    if left is None or right is None:
        return 0, labels[0]
    if left == right:
        return 1, labels[1]
    score = np.float32(name_similarity(a, b))
    for index, level in enumerate(comparison.levels, start=1):
        if isinstance(level, NameSimilarity) and score >= np.float32(level.threshold):
            return index, labels[index]
    return comparison.else_level, labels[-1]


def other_names_comparison(*, beyond_name: bool = True) -> Comparison:
    """Other names (aliases, nicknames, other spellings) and the name in its own script, as
    evidence: the same as the other record's name or one of its other names / similar with a
    score ≥ 0.9 / ≥ 0.8 / no closer than the main names.

    A child registered as Mariam with the other name "Mimi", sought by a family that knows her
    as Mimi, still meets; so does a request that gives the name in Arabic script beside a
    Latin one. The score is the best :func:`kintrace.name_similarity` of an other name of one
    record against the name or an other name of the other record. "Missing" when there is
    nothing to compare: neither record has other names (see ``alt_names`` in
    :mod:`kintrace.standardise`, which leaves out other names that are only the main name in
    another spelling or script).

    With ``beyond_name`` (the default) a level counts only where the two main names do not
    meet it themselves, so that a pair is not credited twice for one name; those pairs get the
    last level, "no closer than the main names". Without it the last level is "different",
    which counts a nickname the request does not use as evidence against.

    On generated data (``benchmarks/bench_match.py``) it raised recall at 1 from 0.857 to
    0.860 and at 5 from 0.920 to 0.921 (20,000 children), and from 0.748 to 0.752 and from
    0.845 to 0.848 (200,000), at no measurable cost in time. The generator gives other names to
    children only, never to requests, so the case it is for (a request that knows the child by
    a nickname) is not measured there.
    """
    levels = (
        OtherNameExact(beyond_name=beyond_name),
        OtherNameSimilarity(0.9, beyond_name=beyond_name),
        OtherNameSimilarity(0.8, beyond_name=beyond_name),
    )
    return Comparison(
        name="other_names",
        description="other names or original script",
        missing_when=(),
        levels=levels,
        evidence_when_any=(
            ("alt_names", "name"),
            ("name", "alt_names"),
            ("alt_names", "alt_names"),
        ),
        else_label="no closer than the main names" if beyond_name else "different",
    )


def date_of_birth_comparison() -> Comparison:
    """Dates of birth and ages as intervals (:mod:`kintrace.dates.intervals`): same day / day
    and month swapped / same month and year / same year (the intervals overlap and neither is
    wider than a year: a year, a default date widened to its year) / consistent, centred
    within a year / overlapping, centres over a year apart (an age at a reference date allows
    several years: ranges can overlap at their edges) / within 1 year / within 3 years / far
    apart; missing when either side gives neither a date nor an age."""
    return Comparison(
        name="date_of_birth",
        description="date of birth or age",
        missing_when=("birth_first",),
        levels=(
            SameDay(),
            DayMonthSwapped(),
            SameYearMonth(),
            BirthIntervalsOverlap(max_width_years=1),
            BirthIntervalsOverlap(max_middle_years=1),
            BirthIntervalsOverlap(text="overlapping, centres over a year apart"),
            BirthIntervalsWithin(1),
            BirthIntervalsWithin(3),
        ),
        else_label="far apart",
    )


def birth_year_comparison() -> Comparison:
    """The comparison of dates of kintrace 0.1 (estimated birth years, no intervals): same
    day / same month / same birth year / within 1 / within 3 years / different. Kept for
    comparing runs."""
    return Comparison(
        name="date_of_birth",
        description="date of birth or age",
        missing_when=("birth_year",),
        levels=(
            SameDay(),
            SameYearMonth(),
            BirthYearsApart(0.5),
            BirthYearsApart(1.5),
            BirthYearsApart(3.5),
        ),
    )


def father_in_name_chain_comparison() -> Comparison:
    """The father's given name where only one side records it, against the other side's name
    chain: in Arabic, Somali, Afghan, Ethiopian and Eritrean naming a child's second name is
    the father's (a Slavic patronymic carries it too), and a brother's second name is his
    father's (:mod:`kintrace.kin`, column ``father_chain``). Missing where both sides record
    the father's name: the father's-name comparison has that evidence."""
    return Comparison(
        name="father_in_name_chain",
        description="father's name in the name chain",
        missing_when=("father_chain",),
        missing_when_both=("father",),
        levels=(
            Exact("father_chain"),
            KnownVariant("father_chain", VariantRelation.SPELLING),
            SameSkeleton("father_chain"),
            JaroWinkler("father_chain", 0.9),
        ),
    )


def grandfathers_comparison() -> Comparison:
    """The grandfathers' given names, on the father's and the mother's side: the second name
    of each parent's name as recorded, the third of a child's chain, a grandfather's own
    name, the second name of an uncle's or aunt's (:mod:`kintrace.kin`, column
    ``grandfathers``). Missing where both sides record the father's or the mother's name:
    the parents' names already say "the same family", and counting it again made the model
    overconfident (at 20,000: candidates above 0.95 that were true links 0.98 → 0.96, most of
    the false ones the true child's brothers and sisters); it speaks where they cannot, as
    for a request from an uncle who gives no parents' names."""
    return Comparison(
        name="grandfathers",
        description="grandfather's name",
        missing_when=("grandfathers",),
        missing_when_both=("father", "mother"),
        levels=(SharesAName("grandfathers", "a grandfather's name agrees"),),
        else_label="grandfathers' names differ",
    )


def siblings_comparison() -> Comparison:
    """The siblings both records name: the child's listed brothers and sisters, the other
    children the request seeks and a brother or sister who lodged it."""
    return Comparison(
        name="siblings",
        description="siblings",
        missing_when=("siblings",),
        levels=(SharesAName("siblings", "a brother or sister named on both sides"),),
        else_label="no sibling named on both sides",
    )


#: How much less likely a pair whose requester's age does not fit the relation is: 1/20
#: (about -4.3 in match weight). Stated, not learned: nearly every random pair fits the wide
#: ranges of :data:`kintrace.relations.RELATION_FACTS`, so u cannot say what a misfit means,
#: and a true link misfits only by a recording slip.
REQUESTER_AGE_MISFIT_FACTOR = 0.05


def requester_age_comparison() -> Comparison:
    """The requester's birth against the child's, for the requester's relation
    (:class:`~kintrace.comparisons.levels.AgeGapFits`): a plausibility check with a stated
    weight (:data:`REQUESTER_AGE_MISFIT_FACTOR`); missing when the request gives no relation
    or no age or date of birth of the requester, or the child no birth."""
    return Comparison(
        name="requester_age",
        description="requester's age for the relation",
        missing_when=(),
        missing_on_left=("birth_first",),
        missing_on_right=("requester_birth_first", "relation_older_min"),
        levels=(AgeGapFits(),),
        else_label="does not fit the relation",
        plausibility_factor=REQUESTER_AGE_MISFIT_FACTOR,
    )


def sex_comparison() -> Comparison:
    return Comparison(name="sex", description="sex", missing_when=("sex",), levels=(Exact("sex"),))


def default_comparisons() -> tuple[Comparison, ...]:
    """The comparisons a match run uses unless told otherwise."""
    return (
        full_name_comparison(),
        name_comparison("father_name", "father's name", "father"),
        name_comparison("mother_name", "mother's name", "mother"),
        other_names_comparison(),
        date_of_birth_comparison(),
        sex_comparison(),
        father_in_name_chain_comparison(),
        grandfathers_comparison(),
        siblings_comparison(),
        requester_age_comparison(),
    )
