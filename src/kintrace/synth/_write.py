"""Write a generated data set to disk: registries as CSV or Parquet, truth tables as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from kintrace.errors import ConfigError, OutputError
from kintrace.schema import CHILDREN, REQUESTS
from kintrace.synth._generate import SynthData

__all__ = ["EXPORT_COLUMNS", "write"]

#: An illustrative export naming of the registry columns, like a case-management system's
#: spreadsheet export: ``"children"``/``"requests"`` -> canonical name -> export header.
EXPORT_COLUMNS: dict[str, dict[str, str]] = {
    "children": {
        "child_id": "Case No",
        "full_name": "Full Name",
        "given_name": "First Name",
        "middle_name": "Middle Name",
        "family_name": "Last Name",
        "name_original_script": "Name (original script)",
        "other_names": "Other Names / Nicknames",
        "sex": "Sex",
        "date_of_birth": "DOB",
        "mother_name": "Mother's Name",
        "father_name": "Father's Name",
        "separation_date": "Date of Separation",
        "separation_place": "Place of Separation",
        "age": "Age",
        "age_estimated": "Age Estimated?",
        "registration_date": "Registration Date",
        "registration_country": "Country of Registration",
        "place_of_origin": "Place of Origin",
        "sibling_names": "Siblings",
        "consent_for_tracing": "Consent to trace",
    },
    "requests": {
        "request_id": "Tracing Request No",
        "sought_id": "Sought Person No",
        "requester_name": "Inquirer Name",
        "requester_relation": "Relationship",
        "requester_sex": "Inquirer Sex",
        "requester_age": "Inquirer Age",
        "requester_date_of_birth": "Inquirer DOB",
        "requester_country": "Inquirer Country",
        "request_date": "Date of Inquiry",
        "full_name": "Sought Person Full Name",
        "given_name": "Sought Person First Name",
        "middle_name": "Sought Person Middle Name",
        "family_name": "Sought Person Last Name",
        "name_original_script": "Sought Person Name (original script)",
        "other_names": "Sought Person Other Names",
        "sex": "Sought Person Sex",
        "date_of_birth": "Sought Person DOB",
        "mother_name": "Sought Person's Mother",
        "father_name": "Sought Person's Father",
        "separation_date": "Date of Separation",
        "separation_place": "Place of Separation",
        "age_at_separation": "Age at Separation",
        "other_children_sought": "Other Children Sought",
    },
}

_TRUTH = ("links", "duplicates", "families", "records")


def _target_files(out_dir: Path, ext: str) -> list[Path]:
    return [out_dir / f"children.{ext}", out_dir / f"requests.{ext}"] + [
        out_dir / f"truth_{name}.csv" for name in _TRUTH
    ]


def _to_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def prepare_targets(
    out_dir: Path | str, fmt: str, column_style: str, overwrite: bool
) -> tuple[Path, list[Path]]:
    """Check the options and the output folder; the files a data set will be written to."""
    if fmt not in ("csv", "parquet"):
        raise ConfigError(
            f"The 'fmt' parameter of write must be 'csv' or 'parquet'. Got {fmt!r} instead."
        )
    if column_style not in ("canonical", "export"):
        raise ConfigError(
            "The 'column_style' parameter of write must be 'canonical' or 'export'. "
            f"Got {column_style!r} instead."
        )
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a directory")
    files = _target_files(out, fmt)
    existing = [p.name for p in files if p.exists()]
    if existing and not overwrite:
        raise OutputError(
            f"{out}: would overwrite {', '.join(existing)}; pass overwrite=True "
            "(--overwrite on the command line)"
        )
    return out, files


def write(
    data: SynthData,
    out_dir: Path | str,
    *,
    fmt: Literal["csv", "parquet"] = "csv",
    column_style: Literal["canonical", "export"] = "canonical",
    overwrite: bool = False,
) -> list[Path]:
    """Write the registries and the truth tables of ``data`` into ``out_dir``.

    Parameters
    ----------
    data:
        A generated data set.
    out_dir:
        Directory to write into; created if missing.
    fmt:
        ``"csv"`` (UTF-8) or ``"parquet"`` for ``children`` and ``requests``; the truth
        tables are always CSV.
    column_style:
        ``"canonical"`` keeps kintrace's column names; ``"export"`` renames the registry
        columns as in :data:`EXPORT_COLUMNS` (the truth tables keep their names).
    overwrite:
        Replace existing files; by default an existing file is an error.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ConfigError
        If ``fmt`` or ``column_style`` is not one of the allowed values.
    OutputError
        If a file exists (and ``overwrite`` is false) or cannot be written.
    """
    out, files = prepare_targets(out_dir, fmt, column_style, overwrite)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for frame, schema_names, kind, path in (
            (data.children, CHILDREN.names, "children", files[0]),
            (data.requests, REQUESTS.names, "requests", files[1]),
        ):
            table = frame.loc[:, list(schema_names)]
            if column_style == "export":
                table = table.rename(columns=EXPORT_COLUMNS[kind])
            if fmt == "csv":
                _to_csv(table, path)
            else:
                table.astype("string").to_parquet(path, index=False)
        for name, path in zip(_TRUTH, files[2:], strict=True):
            _to_csv(getattr(data, name), path)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or type(exc).__name__})") from exc
    return files
