"""The standardise step reads names in any script, in whichever box the registry used."""

from __future__ import annotations

import pandas as pd

from kintrace.standardise import standardise


def _children(**columns: list[str | None]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({"child_id": [f"C{i}" for i in range(n)]})
    for name, values in columns.items():
        frame[name] = pd.Series(values, dtype=object)
    return frame


def test_name_in_original_script_only_is_the_name() -> None:
    frame = _children(
        given_name=[None, "Youssef"],
        family_name=[None, "Ali"],
        name_original_script=["يوسف محمد علي", "يوسف علي"],
    )
    table = standardise(frame, "children").frame
    # Row 0 has no Latin name: its Arabic-script name is read (and transliterated).
    assert table.loc[0, ["given", "middle", "family"]].tolist() == ["ywsf", "mhmd", "aly"]
    assert table.loc[0, "given_skeleton"] == "YSF"
    # Row 1 has a Latin name: that is the name; the original script does not override it.
    assert table.loc[1, ["given", "family"]].tolist() == ["youssef", "ali"]


def test_compounds_and_particles_in_name_boxes() -> None:
    frame = _children(
        given_name=["Abdul Rahman", "G/Medhin"],
        family_name=["al-Hussein", "Tesfay"],
        father_name=["Abd al-Karim", "Tesfay Gebru"],
    )
    table = standardise(frame, "children").frame
    assert table["given"].tolist() == ["abdulrahman", "gebremedhin"]
    assert table["family"].tolist() == ["hussein", "tesfay"]
    assert table["father"].tolist() == ["abdalkarim", "tesfay"]
    assert table["given_skeleton"].tolist() == ["ABDRHMN", "KBRMDN"]


def test_siblings_are_first_names_of_the_listed_brothers_and_sisters() -> None:
    frame = _children(
        given_name=["Amina", "Yusuf", "Lwam"],
        sibling_names=["Yusuf Ali; Hisham | UNKNOWN", None, "ልዋም; Lwam"],
    )
    table = standardise(frame, "children").frame
    # Each sibling once, by first name, in its comparison form; placeholders dropped.
    siblings = [v if isinstance(v, str) else None for v in table["siblings"]]  # NaN: pandas 3
    assert siblings == ["yusuf hisham", None, "lwam"]


def test_a_request_lodged_by_a_sibling_counts_the_requester_among_the_siblings() -> None:
    frame = pd.DataFrame(
        {
            "request_id": ["R1", "R2", "R3"],
            "sought_id": ["R1-1", "R2-1", "R3-1"],
            "given_name": ["Amina", "Omar", "Sara"],
            "other_children_sought": ["Hisham", "Hisham; Yusuf", None],
            "requester_name": ["Yusuf Hassan", "Fatima Ali", "Mariam Ali"],
            "requester_relation": ["brother", "mother", "soeur"],
        }
    )
    table = standardise(frame, "requests").frame
    assert table["siblings"].tolist() == ["hisham yusuf", "hisham yusuf", "mariam"]
