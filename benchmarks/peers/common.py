"""What every peer shares: the candidate format and an independent input preparation.

The peers get the same fields kintrace reads (names, sex, date of birth), prepared here with
plain pandas, not with kintrace's own standardisation, so the comparison stays independent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

CANDIDATE_COLUMNS = ["sought_id", "child_id", "match_probability", "rank_in_request"]
CANDIDATES_FILE = "candidates.parquet"
META_FILE = "meta.json"
# The same cut-offs as kintrace's defaults (--top-k 10 --min-probability 0.001).
TOP_K = 10
MIN_PROBABILITY = 0.001
CONSENT_YES = {"yes", "y", "true", "1"}

PEER_COLUMNS = [
    "unique_id",
    "first_name",
    "middle_name",
    "surname",
    "first_key",
    "surname_key",
    "dob",
    "birth_year",
    "sex",
]

_NOT_LETTER = re.compile(r"[^a-z ]+")
_DMY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_YEAR = re.compile(r"(\d{4})")


def clean_name(values: pd.Series) -> pd.Series:
    """Lower case, accents stripped, hyphens and apostrophes to spaces; empty becomes missing."""

    def one(value: object) -> object:
        if not isinstance(value, str):
            return pd.NA
        folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        text = " ".join(_NOT_LETTER.sub(" ", folded.lower()).split())
        return text or pd.NA

    return values.map(one).astype("string")


def parse_dob(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Full dates as ISO text (missing when partial or unparseable) and the year when known.

    Year-only or month/year values keep their year but no date: inventing a day would give the
    peers agreements the data does not hold.
    """
    text = values.astype("string").str.strip()
    iso = pd.to_datetime(
        text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}", na=False)),
        format="%Y-%m-%d",
        errors="coerce",
    )
    dmy = pd.to_datetime(
        text.where(text.str.fullmatch(_DMY.pattern, na=False)),
        format="%d/%m/%Y",
        errors="coerce",
    )
    compact = pd.to_datetime(
        text.where(text.str.fullmatch(r"\d{8}", na=False)), format="%Y%m%d", errors="coerce"
    )
    full = iso.fillna(dmy).fillna(compact)
    dob = full.dt.strftime("%Y-%m-%d").astype("string")
    year = text.str.extract(_YEAR, expand=False).astype("string")
    year = full.dt.year.astype("Int64").astype("string").fillna(year)
    return dob, year


def parse_sex(values: pd.Series) -> pd.Series:
    """``m`` / ``f`` from the common spellings; anything else is missing."""
    first = values.astype("string").str.strip().str.lower().str[:1]
    return first.where(first.isin(["m", "f"])).astype("string")


def phonetic_key(names: pd.Series) -> pd.Series:
    """Metaphone of the first word of a cleaned name (jellyfish), the usual blocking key."""
    import jellyfish

    first = names.str.split(" ").str[0]
    return first.map(
        lambda v: jellyfish.metaphone(v) or pd.NA if isinstance(v, str) else pd.NA
    ).astype("string")


def split_names(frame: pd.DataFrame) -> pd.DataFrame:
    """First, middle and last name from the name parts, or split from ``full_name``."""
    out = pd.DataFrame(index=frame.index)
    for column in ("given_name", "middle_name", "family_name", "full_name"):
        out[column] = (
            clean_name(frame[column])
            if column in frame
            else pd.Series(pd.NA, index=frame.index, dtype="string")
        )
    tokens = out["full_name"].str.split(" ")
    from_full_first = tokens.str[0]
    from_full_last = tokens.map(lambda t: t[-1] if isinstance(t, list) and len(t) > 1 else pd.NA)
    from_full_middle = tokens.map(
        lambda t: " ".join(t[1:-1]) if isinstance(t, list) and len(t) > 2 else pd.NA
    )
    has_parts = out["given_name"].notna() | out["family_name"].notna()
    result = pd.DataFrame(index=frame.index)
    result["first_name"] = out["given_name"].where(has_parts, from_full_first)
    result["middle_name"] = out["middle_name"].where(has_parts, from_full_middle)
    result["surname"] = out["family_name"].where(has_parts, from_full_last)
    return result.astype("string")


def load_side(path: Path, id_column: str, consent_only: bool) -> pd.DataFrame:
    """Read canonical Parquet and prepare the peer columns (see :data:`PEER_COLUMNS`).

    Parameters
    ----------
    path:
        A canonical children or requests Parquet file.
    id_column:
        ``child_id`` or ``sought_id``: becomes ``unique_id``.
    consent_only:
        Keep only children with consent for tracing, as kintrace does by design.

    Returns
    -------
    pandas.DataFrame
        One row per record with the columns of :data:`PEER_COLUMNS`.
    """
    frame = pd.read_parquet(path)
    if consent_only and "consent_for_tracing" in frame:
        consent = frame["consent_for_tracing"].astype("string").str.strip().str.lower()
        frame = frame[consent.isin(CONSENT_YES)].reset_index(drop=True)
    names = split_names(frame)
    dob, year = parse_dob(frame.get("date_of_birth", pd.Series(pd.NA, index=frame.index)))
    sex = parse_sex(frame.get("sex", pd.Series(pd.NA, index=frame.index)))
    prepared = pd.DataFrame(
        {
            "unique_id": frame[id_column].astype("string"),
            **{c: names[c] for c in ("first_name", "middle_name", "surname")},
            "first_key": phonetic_key(names["first_name"]),
            "surname_key": phonetic_key(names["surname"]),
            "dob": dob,
            "birth_year": year,
            "sex": sex,
        }
    )
    return prepared[PEER_COLUMNS]


def write_candidates(pairs: pd.DataFrame, out: Path, meta: dict[str, Any]) -> None:
    """Keep the best :data:`TOP_K` pairs per sought row above the cut-off, rank and write them.

    Parameters
    ----------
    pairs:
        Scored pairs with ``sought_id``, ``child_id`` and ``match_probability``.
    out:
        Output directory; receives :data:`CANDIDATES_FILE` and :data:`META_FILE`.
    meta:
        Figures of the run (pairs compared, tool version), written as JSON.
    """
    out.mkdir(parents=True, exist_ok=True)
    kept = pairs.loc[pairs["match_probability"] >= MIN_PROBABILITY, CANDIDATE_COLUMNS[:3]]
    kept = kept.sort_values(["sought_id", "match_probability"], ascending=[True, False])
    kept["rank_in_request"] = kept.groupby("sought_id").cumcount() + 1
    kept = kept[kept["rank_in_request"] <= TOP_K].reset_index(drop=True)
    kept.to_parquet(out / CANDIDATES_FILE, index=False)
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
