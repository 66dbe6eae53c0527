"""The canonical fields of the two record kinds: the one place that defines the data contract.

kintrace links two registries:

* **children** -- one row per registered unaccompanied or separated child;
* **requests** -- tracing requests, one row per *sought child*; several rows share a
  ``request_id`` when one relative seeks several children.

Exports arrive with their own column names; a mapping (:mod:`kintrace.io.mapping`) renames
them to the canonical names below. Every canonical column is read as text; parsing into dates,
ages, sexes and flags happens in the standardise step, which counts what it cannot parse.

Fields the two kinds share (names, sex, date of birth, parents' names, separation) carry the
same canonical name on both sides, so a comparison reads the same column on the left and on
the right.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CHILDREN",
    "LIST_SEPARATORS",
    "REQUESTS",
    "FieldKind",
    "FieldSpec",
    "RecordKind",
    "RecordSchema",
    "schema_for",
]


class RecordKind(StrEnum):
    """The two kinds of record kintrace links."""

    CHILDREN = "children"
    REQUESTS = "requests"


class FieldKind(StrEnum):
    """What a field holds, which decides how it is parsed and validated."""

    ID = "id"
    NAME = "name"  # one person's name, any script
    NAME_LIST = "name_list"  # several names, separated by ; or |
    SEX = "sex"
    DATE = "date"  # partial dates allowed: 2010, 03/2010, 2010-03-04
    NUMBER = "number"  # ages in years
    FLAG = "flag"  # yes/no
    RELATION = "relation"  # a requester's relation to the sought child
    PLACE = "place"  # free text or a location code
    COUNTRY = "country"


# Cells with several names (aliases, siblings) separate them with one of these.
LIST_SEPARATORS: tuple[str, ...] = (";", "|")


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field.

    Attributes
    ----------
    name:
        Canonical column name.
    kind:
        What the field holds.
    description:
        One line for documentation and error messages.
    personal:
        True when values identify a person (names, dates, places): such values never appear
        in logs, errors or progress output.
    """

    name: str
    kind: FieldKind
    description: str
    personal: bool = True


@dataclass(frozen=True)
class RecordSchema:
    """The canonical fields of one record kind and what is required of an input."""

    kind: RecordKind
    id_field: str
    fields: tuple[FieldSpec, ...]
    # Each inner tuple is "at least one of these columns must be mapped".
    required_any: tuple[tuple[str, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def fields_of_kind(self, *kinds: FieldKind) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.kind in kinds)


_K = FieldKind

# The sought-child / registered-child fields both kinds share.
_PERSON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("full_name", _K.NAME, "the child's full name as one string, in any order"),
    FieldSpec("given_name", _K.NAME, "the child's given (first) name"),
    FieldSpec(
        "middle_name",
        _K.NAME,
        "middle name; in patronymic cultures usually the father's given name",
    ),
    FieldSpec("family_name", _K.NAME, "family name, surname, or last name of a chain"),
    FieldSpec("name_original_script", _K.NAME, "the name as written in its own script"),
    FieldSpec("other_names", _K.NAME_LIST, "aliases, nicknames, other spellings; ; or | separated"),
    FieldSpec("sex", _K.SEX, "sex: male/female (m/f, and common translations)", personal=False),
    FieldSpec("date_of_birth", _K.DATE, "date of birth; partial dates (year, month) allowed"),
    FieldSpec("mother_name", _K.NAME, "the child's mother's name"),
    FieldSpec("father_name", _K.NAME, "the child's father's name"),
    FieldSpec("separation_date", _K.DATE, "date of separation from the family"),
    FieldSpec("separation_place", _K.PLACE, "place of separation"),
)

CHILDREN = RecordSchema(
    kind=RecordKind.CHILDREN,
    id_field="child_id",
    fields=(
        FieldSpec("child_id", _K.ID, "unique id of the child's record", personal=False),
        *_PERSON_FIELDS,
        FieldSpec("age", _K.NUMBER, "age in years at the registration date"),
        FieldSpec("age_estimated", _K.FLAG, "whether the age is an estimate", personal=False),
        FieldSpec("registration_date", _K.DATE, "date of registration or interview"),
        FieldSpec(
            "registration_country",
            _K.COUNTRY,
            "country where the child is registered",
            personal=False,
        ),
        FieldSpec("place_of_origin", _K.PLACE, "where the child comes from"),
        FieldSpec("sibling_names", _K.NAME_LIST, "names of the child's siblings; ; or | separated"),
        FieldSpec(
            "consent_for_tracing",
            _K.FLAG,
            "consent to disclose information for tracing (records without it are left out)",
            personal=False,
        ),
    ),
    required_any=(("child_id",), ("full_name", "given_name", "family_name")),
)

REQUESTS = RecordSchema(
    kind=RecordKind.REQUESTS,
    id_field="sought_id",
    fields=(
        FieldSpec("request_id", _K.ID, "id of the tracing request", personal=False),
        FieldSpec(
            "sought_id",
            _K.ID,
            "unique id of the sought-child row; made from request_id when absent",
            personal=False,
        ),
        FieldSpec("requester_name", _K.NAME, "name of the relative who lodged the request"),
        FieldSpec(
            "requester_relation",
            _K.RELATION,
            "the requester's relation to the sought child (mother, uncle, ...)",
            personal=False,
        ),
        FieldSpec("requester_sex", _K.SEX, "the requester's sex", personal=False),
        FieldSpec("requester_age", _K.NUMBER, "the requester's age in years"),
        FieldSpec("requester_date_of_birth", _K.DATE, "the requester's date of birth"),
        FieldSpec(
            "requester_country",
            _K.COUNTRY,
            "country where the requester lives",
            personal=False,
        ),
        FieldSpec("request_date", _K.DATE, "date the request was lodged"),
        *_PERSON_FIELDS,
        FieldSpec("age_at_separation", _K.NUMBER, "the sought child's age at separation"),
        FieldSpec(
            "other_children_sought",
            _K.NAME_LIST,
            "names of other children sought in the same request; ; or | separated",
        ),
    ),
    required_any=(("request_id",), ("full_name", "given_name", "family_name")),
)


def schema_for(kind: RecordKind | str) -> RecordSchema:
    """The schema of a record kind (``"children"`` or ``"requests"``)."""
    kind = RecordKind(kind)
    return CHILDREN if kind is RecordKind.CHILDREN else REQUESTS
