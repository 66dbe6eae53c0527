"""Group sought rows by the naming culture of their family and by the requester's relation.

The groups come from ``truth_records.csv``: each request row (``kind == "request"``,
``record_id`` = ``sought_id``) carries the culture of the sought child's family and the
relation of the relative who lodged the request. Sought rows the records do not describe go to
the group ``"unknown"``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["BREAKDOWNS", "UNKNOWN", "group_of_sought"]

#: Breakdown name -> column of ``truth_records`` it groups by.
BREAKDOWNS: dict[str, str] = {"culture": "culture", "requester_relation": "requester_relation"}
UNKNOWN = "unknown"


def group_of_sought(records: pd.DataFrame, column: str, sought_ids: pd.Series) -> pd.Series:
    """The group (culture, relation) of each sought row, ``"unknown"`` where not recorded.

    Parameters
    ----------
    records:
        ``truth_records`` with ``kind``, ``record_id`` and ``column``.
    column:
        The column to group by.
    sought_ids:
        Sought ids to look up.

    Returns
    -------
    pandas.Series
        Group names, aligned with ``sought_ids``.
    """
    requests = records.loc[records["kind"] == "request", ["record_id", column]]
    lookup = requests.drop_duplicates("record_id").set_index("record_id")[column]
    groups = sought_ids.map(lookup)
    return groups.where(groups.notna() & (groups.astype(str) != ""), UNKNOWN).astype(str)
