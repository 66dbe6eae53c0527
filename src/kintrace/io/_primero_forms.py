"""The Primero (CPIMS+) forms kintrace reads: field names and their English column labels.

Primero's XLSX exporter heads each column with the field's display name in the exporting
user's language ("Full Name"), its CSV exporter with the field name (``name``). These tables
translate English labels back to field names, form by form, because a label means different
fields on different forms ("Age" is the child's on Basic Identity, a relative's on Family
Details, and a perpetrator's on Incident Details).

Facts from Primero's default configuration (primeroIMS/primero, ``db/configuration/forms``;
AGPL-3.0, © UNICEF), reduced to the fields kintrace reads and a few that identify a form.
"""

from __future__ import annotations

from dataclasses import dataclass

from kintrace.schema import RecordKind

__all__ = ["PrimeroForm", "forms_for"]


@dataclass(frozen=True)
class PrimeroForm:
    """One form (or sub-form) of Primero as it appears as a sheet of an XLSX export.

    Attributes
    ----------
    name:
        Primero's id of the form or sub-form field.
    subform:
        True for a sub-form: one sheet row per entry, several per record.
    fields:
        ``(field name, English label)`` pairs; labels translate to field names.
    anchor_fields, anchor_labels:
        Field names, and English labels, that occur on no other form of the record type, so
        a sheet with one of them as a header is this form. Field names match exactly (a
        field ``name`` is not the label "Name"), labels ignoring case.
    """

    name: str
    subform: bool
    fields: tuple[tuple[str, str], ...]
    anchor_fields: frozenset[str]
    anchor_labels: frozenset[str]


def _form(
    name: str,
    fields: tuple[tuple[str, str], ...],
    anchors: set[str],
    *,
    subform: bool = False,
    shared_labels: frozenset[str] = frozenset(),
) -> PrimeroForm:
    """A form whose anchors are the given fields' names and labels, less shared labels."""
    labels = {label for field, label in fields if field in anchors and label not in shared_labels}
    return PrimeroForm(name, subform, fields, frozenset(anchors), frozenset(labels))


_BASIC_IDENTITY_FIELDS = (
    ("case_id", "Long ID"),
    ("short_id", "Short ID"),
    ("case_id_display", "Case ID"),
    ("name", "Full Name"),
    ("name_first", "First Name"),
    ("name_middle", "Middle Name"),
    ("name_last", "Surname"),
    ("name_nickname", "Nickname"),
    ("name_other", "Other Name"),
    ("registration_date", "Date of Registration or Interview"),
    ("sex", "Sex"),
    ("age", "Age"),
    ("date_of_birth", "Date of Birth"),
    ("estimated", "Is the age estimated?"),
    ("nationality", "Nationality"),
    ("location_current", "Current Location"),
)
BASIC_IDENTITY = _form(
    "basic_identity",
    _BASIC_IDENTITY_FIELDS,
    {
        "case_id",
        "short_id",
        "case_id_display",
        "name",
        "name_first",
        "name_middle",
        "name_last",
        "name_other",
        "registration_date",
        "estimated",
    },
)

_TRACING_FIELDS = (
    ("tracing_status", "Tracing Status"),
    ("date_of_separation", "Date of Separation"),
    ("separation_cause", "What was the main cause of separation?"),
    ("location_separation", "Separation Location"),
)
TRACING = _form(
    "tracing",
    _TRACING_FIELDS,
    {name for name, _ in _TRACING_FIELDS},
)

_DATA_CONFIDENTIALITY_FIELDS = (
    ("interview_subject", "Consent Obtained From"),
    (
        "consent_for_services",
        "Consent has been obtained for the child to receive case management services",
    ),
    (
        "consent_for_tracing",
        "Consent has been obtained to disclose information for tracing purposes",
    ),
)
DATA_CONFIDENTIALITY = _form(
    "data_confidentiality",
    _DATA_CONFIDENTIALITY_FIELDS,
    {name for name, _ in _DATA_CONFIDENTIALITY_FIELDS},
)

_FAMILY_DETAILS_FIELDS = (
    ("relation_name", "Name"),
    ("relation", "How are they related to the child?"),
    ("relation_is_caregiver", "Is this person the caregiver?"),
    ("relation_nickname", "Nickname"),
    ("relation_is_alive", "Is this family member alive?"),
    ("relation_age", "Age"),
    ("relation_date_of_birth", "Date of Birth"),
    ("relation_sex", "Sex"),
    ("relation_location_current", "Current Location"),
)
# "Name" also heads the abuser's name on Incident Details, so it is no anchor here.
FAMILY_DETAILS = _form(
    "family_details_section",
    _FAMILY_DETAILS_FIELDS,
    {"relation_name", "relation", "relation_is_caregiver", "relation_is_alive"},
    subform=True,
    shared_labels=frozenset({"Name"}),
)

_INQUIRER_FIELDS = (
    ("tracing_request_id", "Long ID"),
    ("short_id", "Inquirer ID"),
    ("inquiry_date", "Date of Inquiry"),
    ("status", "Inquiry Status"),
    ("relation_name", "Name of inquirer"),
    ("relation_nickname", "Nickname of inquirer"),
    ("relation_age", "Age"),
    ("relation_date_of_birth", "Date of Birth"),
    ("relation_nationality", "Nationality"),
    ("relation_location_current", "Current Location"),
    ("date_of_separation", "Date of Separation"),
    ("separation_cause", "What was the main cause of separation?"),
    ("location_separation", "Separation Location"),
)
INQUIRER = _form(
    "inquirer",
    _INQUIRER_FIELDS,
    {
        "tracing_request_id",
        "short_id",
        "inquiry_date",
        "status",
        "relation_name",
        "relation_nickname",
        "relation_location_current",
    },
)

_TRACING_REQUEST_SUBFORM_FIELDS = (
    ("matched_case_id", "Matched Case ID"),
    ("tracing_request_status", "Tracing status"),
    ("name", "Name"),
    ("relation", "How is the inquirer related to the child?"),
    ("name_nickname", "Nickname"),
    ("name_other", "Other Name"),
    ("sex", "Sex"),
    ("age", "Age"),
    ("date_of_birth", "Date of Birth"),
    ("date_of_separation", "Date of Separation"),
    ("separation_cause", "What was the main cause of separation?"),
    ("location_separation", "Separation Location"),
)
TRACING_REQUEST_SUBFORM = _form(
    "tracing_request_subform_section",
    _TRACING_REQUEST_SUBFORM_FIELDS,
    {
        "matched_case_id",
        "tracing_request_status",
        "name",
        "relation",
        "name_nickname",
        "name_other",
    },
    subform=True,
)


def forms_for(kind: RecordKind) -> tuple[PrimeroForm, ...]:
    """The forms of a record kind, top-level forms first, the main form first of all."""
    if kind is RecordKind.CHILDREN:
        return (BASIC_IDENTITY, TRACING, DATA_CONFIDENTIALITY, FAMILY_DETAILS)
    return (INQUIRER, TRACING_REQUEST_SUBFORM)
