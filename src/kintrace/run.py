"""A whole match run on files: read → validate → link → write.

This is what ``kintrace match`` does, as one library call, so a service that embeds kintrace
runs exactly what the CLI runs. Both inputs are read and validated before anything is written:
bad input raises :class:`~kintrace.errors.ValidationError` with every problem of both files,
and leaves no output behind.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kintrace import __version__
from kintrace.dates import DateColumns
from kintrace.errors import OutputError, ValidationError
from kintrace.io import (
    LoadedTable,
    Mapping,
    TableMapping,
    ValidationReport,
    load_mapping,
    load_registry,
)
from kintrace.io.writers import OUTPUT_FILES, write_results
from kintrace.linking import LinkResult, LinkSettings, comparisons_summary, link
from kintrace.model import load_model, model_to_dict
from kintrace.progress import NullProgress, Progress
from kintrace.schema import RecordKind

__all__ = ["PAIRS_FILE", "InputOptions", "MatchRun", "load_inputs", "match_files"]

# Written with --write-pairs: every candidate pair, for measuring blocking.
PAIRS_FILE = "blocked_pairs.parquet"


@dataclass(frozen=True)
class InputOptions:
    """How to read one input file; ``None`` means "as the mapping says, else detect"."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass
class MatchRun:
    """What :func:`match_files` did."""

    result: LinkResult
    outputs: list[Path]
    report: dict[str, Any]
    warnings: ValidationReport = field(repr=False, default_factory=ValidationReport)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_inputs(
    children_path: Path,
    requests_path: Path,
    *,
    mapping: Mapping | None,
    children_options: InputOptions = InputOptions(),
    requests_options: InputOptions = InputOptions(),
) -> tuple[LoadedTable, LoadedTable]:
    """Read, map and validate both registries; every problem of both files in one error."""
    reports: list[ValidationReport] = []
    loaded: list[LoadedTable] = []
    for path, kind, options in (
        (children_path, RecordKind.CHILDREN, children_options),
        (requests_path, RecordKind.REQUESTS, requests_options),
    ):
        table_mapping = None
        if mapping is not None:
            table_mapping = mapping.children if kind is RecordKind.CHILDREN else mapping.requests
        try:
            loaded.append(
                load_registry(
                    path,
                    kind,
                    table_mapping,
                    encoding=options.encoding,
                    delimiter=options.delimiter,
                    sheet=options.sheet,
                )
            )
        except ValidationError as exc:
            reports.append(exc.report)
    if reports:
        raise ValidationError(ValidationReport.merge(reports))
    return loaded[0], loaded[1]


def _date_columns(table_mapping: TableMapping) -> DateColumns:
    return DateColumns(calendars=table_mapping.calendar_of, orders=table_mapping.date_order_of)


def match_files(
    children_path: Path | str,
    requests_path: Path | str,
    out_dir: Path | str,
    *,
    mapping: Mapping | str | Path | None = None,
    settings: LinkSettings | None = None,
    model_path: Path | str | None = None,
    children_options: InputOptions = InputOptions(),
    requests_options: InputOptions = InputOptions(),
    progress: Progress | None = None,
    overwrite: bool = True,
    write_pairs: bool = False,
) -> MatchRun:
    """Match two registry files and write the results into ``out_dir``.

    Writes ``candidates.csv``, ``candidates.parquet``, ``run_report.json`` and ``model.json``
    (the trained model, reusable with ``model_path`` on a later run); with ``write_pairs``,
    also ``blocked_pairs.parquet``: every pair blocking produced, for measuring blocking.
    """
    progress = progress or NullProgress()
    settings = settings or LinkSettings()
    children_path, requests_path = Path(children_path), Path(requests_path)
    if isinstance(mapping, str | Path):
        mapping = load_mapping(mapping)
    model = load_model(model_path, settings.comparisons) if model_path is not None else None
    names = (*OUTPUT_FILES, PAIRS_FILE) if write_pairs else OUTPUT_FILES
    if not overwrite:
        existing = [name for name in names if (Path(out_dir) / name).exists()]
        if existing:
            # Checked before the work, not after: an hour of matching must not end in this.
            raise OutputError(
                f"{out_dir}: already holds {', '.join(existing)}; choose another --out or "
                "pass --overwrite."
            )

    progress.start("Reading and validating inputs")
    children, requests = load_inputs(
        children_path,
        requests_path,
        mapping=mapping,
        children_options=children_options,
        requests_options=requests_options,
    )
    progress.finish()
    with tempfile.TemporaryDirectory(prefix="kintrace-pairs-") as scratch:
        pairs_path = Path(scratch) / PAIRS_FILE if write_pairs else None
        result = link(
            children.frame,
            requests.frame,
            settings,
            model=model,
            progress=progress,
            pairs_path=pairs_path,
            children_dates=_date_columns(mapping.children) if mapping else None,
            requests_dates=_date_columns(mapping.requests) if mapping else None,
        )
        run = _finish(
            result,
            children,
            requests,
            children_path,
            requests_path,
            out_dir,
            settings,
            model_path,
            progress,
            overwrite,
        )
        if pairs_path is not None:
            target = Path(out_dir) / PAIRS_FILE
            shutil.move(pairs_path, target)
            run.outputs.append(target)
    return run


def _finish(
    result: LinkResult,
    children: LoadedTable,
    requests: LoadedTable,
    children_path: Path,
    requests_path: Path,
    out_dir: Path | str,
    settings: LinkSettings,
    model_path: Path | str | None,
    progress: Progress,
    overwrite: bool,
) -> MatchRun:
    """Warnings, run report and model file; writes the results."""

    warnings = ValidationReport.merge([children.report, requests.report])
    if "consent_for_tracing" not in children.frame.columns:
        warnings.warning(
            str(children_path),
            "no consent_for_tracing column: every child was matched. Map the consent column "
            "so that children without consent for tracing are left out.",
            column="consent_for_tracing",
        )
    for kind, table, path in (
        ("children", result.report["children"], children_path),
        ("requests", result.report["requests"], requests_path),
    ):
        del kind
        for entry in table["unparseable_values"]:
            warnings.add_unparseable(
                str(path), entry["column"], entry["count"], entry["first_rows"], entry["expected"]
            )
        for entry in table.get("implausible_values", ()):
            warnings.add_implausible(
                str(path), entry["column"], entry["count"], entry["first_rows"], entry["reason"]
            )
    report: dict[str, Any] = {
        "kintrace_version": __version__,
        "inputs": {
            "children": {
                "path": str(children_path),
                "sha256": _sha256(children_path),
                "rows": len(children.frame),
            },
            "requests": {
                "path": str(requests_path),
                "sha256": _sha256(requests_path),
                "rows": len(requests.frame),
            },
        },
        "settings": {
            "top_k": settings.top_k,
            "min_probability": settings.min_probability,
            "include_without_consent": settings.include_without_consent,
            "expected_matches": settings.expected_matches,
            "seed": settings.seed,
            "age_uncertainty_years": {
                "estimated": settings.age_uncertainty.estimated,
                "stated": settings.age_uncertainty.stated,
            },
            "age_limit": settings.age_limit,
            "default_days": [list(pair) for pair in settings.default_days],
            "model_file": str(model_path) if model_path is not None else None,
            "blocking_rules": [rule.name for rule in settings.blocking_rules],
            "comparisons": comparisons_summary(settings.comparisons),
        },
        # Timings stay out of the file: same input and seed must give byte-identical output.
        **{k: v for k, v in result.report.items() if k != "timings_seconds"},
        "warnings": warnings.to_dict(),
    }
    training = {
        "children_rows": len(children.frame),
        "request_rows": len(requests.frame),
        "candidate_pairs": result.report["blocking"]["candidate_pairs"],
        "u_sample_size": settings.u_sample_size,
        "seed": settings.seed,
        "training_sessions": result.report["model"]["training_sessions"],
    }
    progress.start("Writing results")
    outputs = write_results(
        out_dir,
        candidates=result.candidates,
        report=report,
        model=model_to_dict(result.model, training=training),
        overwrite=overwrite,
    )
    progress.finish()
    return MatchRun(result=result, outputs=outputs, report=report, warnings=warnings)
