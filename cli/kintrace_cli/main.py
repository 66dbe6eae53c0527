"""The ``kintrace`` command: parse options, call the library, map errors to exit codes.

Exit codes: 0 success; 1 an unexpected failure; 2 bad input, settings, model file or output
directory (nothing written).
Tracebacks never show local variables, which would carry records.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

import kintrace
from kintrace.comparisons import name_parts_comparisons
from kintrace.errors import ConfigError, InputError, KintraceError, ModelError, OutputError
from kintrace_cli.progress import RichProgress

app = typer.Typer(
    name="kintrace",
    help="Link separated children with tracing requests: ranked candidates, for people to verify.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

_stderr = Console(stderr=True, highlight=False)


# Errors the user can fix by changing what they give kintrace: exit 2, nothing written.
_BAD_INPUT = (InputError, ConfigError, ModelError, OutputError)


def _fail(error: KintraceError) -> typer.Exit:
    code = EXIT_BAD_INPUT if isinstance(error, _BAD_INPUT) else EXIT_FAILURE
    # Messages hold [section] names of mapping files: escape them from rich's markup.
    _stderr.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True)
    return typer.Exit(code)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True)
    ] = False,
) -> None:
    if version:
        typer.echo(f"kintrace {kintrace.__version__}")
        raise typer.Exit(EXIT_OK)


def _default_days(text: str) -> tuple[tuple[int, int], ...]:
    """``"1/1,1/7"`` → ``((1, 1), (1, 7))``; a usage error naming the bad part otherwise."""
    days: list[tuple[int, int]] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        day, _, month = part.partition("/")
        if not (
            day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 13
        ):
            raise _fail(
                ConfigError(f"--default-days: {part!r} is not a day/month pair such as 1/1 or 1/7.")
            )
        days.append((int(day), int(month)))
    return tuple(days)


@app.command()
def match(
    children: Annotated[Path, typer.Argument(help="Children registry (CSV, XLSX or Parquet).")],
    requests: Annotated[Path, typer.Argument(help="Tracing requests (CSV, XLSX or Parquet).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the results.")],
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            "-m",
            help="Column mapping: a TOML file, or a shipped name (primero, examples).",
        ),
    ] = None,
    top_k: Annotated[
        int, typer.Option("--top-k", min=1, help="Candidates kept per sought child.")
    ] = 10,
    min_probability: Annotated[
        float,
        typer.Option("--min-probability", min=0.0, max=0.999, help="Drop candidates below this."),
    ] = 0.001,
    include_without_consent: Annotated[
        bool,
        typer.Option(
            "--include-without-consent",
            help="Also match children whose record has no consent for tracing.",
        ),
    ] = False,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="Score with this trained model.json instead of training."),
    ] = None,
    expected_matches: Annotated[
        int | None,
        typer.Option(
            "--expected-matches", min=1, help="Expected number of true links (sets the prior)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every random choice.")] = 42,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding of both CSV inputs, e.g. cp1256 or cp1251."),
    ] = None,
    children_encoding: Annotated[
        str | None, typer.Option("--children-encoding", help="Encoding of the children CSV.")
    ] = None,
    requests_encoding: Annotated[
        str | None, typer.Option("--requests-encoding", help="Encoding of the requests CSV.")
    ] = None,
    date_order: Annotated[
        str,
        typer.Option("--date-order", help="Day/month order of dates: auto, dmy or mdy."),
    ] = "auto",
    default_days: Annotated[
        str,
        typer.Option(
            "--default-days",
            help="Days and months an office assigns when it does not know a birth date, read "
            "as the year only: day/month pairs, comma-separated (default 1/1,1/7).",
        ),
    ] = "1/1,1/7",
    age_limit: Annotated[
        float,
        typer.Option(
            "--age-limit",
            min=1,
            help="Children this old or older at registration are flagged in the report "
            "(the registry's age limit).",
        ),
    ] = 18,
    estimated_age_years: Annotated[
        float,
        typer.Option(
            "--estimated-age-years",
            min=0,
            help="Years an age marked as estimated may be out, either way (default 2).",
        ),
    ] = 2.0,
    stated_age_years: Annotated[
        float,
        typer.Option(
            "--stated-age-years",
            min=0,
            help="Years a stated age (or one not marked) may be out, either way (default 1).",
        ),
    ] = 1.0,
    threads: Annotated[int, typer.Option("--threads", min=1, help="Worker threads.")] = 2,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace results already in the --out directory.")
    ] = False,
    write_pairs: Annotated[
        bool,
        typer.Option(
            "--write-pairs",
            help="Also write blocked_pairs.parquet: every candidate pair (for kintrace evaluate).",
        ),
    ] = False,
    name_parts: Annotated[
        bool,
        typer.Option(
            "--name-parts",
            help="Compare given, second and family names box by box instead of whole names in "
            "any order (kintrace's name evidence until 2026-11-29; less accurate).",
        ),
    ] = False,
    full_names: Annotated[
        bool,
        # Whole names became the default: the old switch is accepted and says so.
        typer.Option("--full-names", hidden=True),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Match a children registry against tracing requests and write ranked candidates."""
    if date_order not in ("auto", "dmy", "mdy", "ymd"):
        raise _fail(
            ConfigError(f"--date-order must be one of auto, dmy, mdy, ymd; got {date_order!r}.")
        )
    days = _default_days(default_days)
    if full_names and name_parts:
        raise _fail(ConfigError("--full-names and --name-parts exclude each other; pick one."))
    if full_names:
        _stderr.print("--full-names is the default now (whole names in any order); ignored.")
    try:
        comparisons = kintrace.default_comparisons()
        if name_parts:
            comparisons = (
                *name_parts_comparisons(),
                *(c for c in comparisons if c.name != "full_name"),
            )
        settings = kintrace.LinkSettings(
            comparisons=comparisons,
            top_k=top_k,
            min_probability=min_probability,
            include_without_consent=include_without_consent,
            expected_matches=expected_matches,
            seed=seed,
            threads=threads,
            date_order=date_order,
            age_limit=age_limit,
            default_days=days,
            age_uncertainty=kintrace.AgeUncertainty(
                estimated=estimated_age_years, stated=stated_age_years
            ),
        )
        progress = RichProgress(_stderr, enabled=not quiet)
        with progress:
            run = kintrace.match_files(
                children,
                requests,
                out,
                mapping=mapping,
                settings=settings,
                model_path=model,
                children_options=kintrace.InputOptions(encoding=children_encoding or encoding),
                requests_options=kintrace.InputOptions(encoding=requests_encoding or encoding),
                progress=progress,
                overwrite=overwrite,
                write_pairs=write_pairs,
            )
    except KintraceError as error:
        raise _fail(error) from None
    if not quiet:
        _summary(run)


def _summary(run: kintrace.MatchRun) -> None:
    report = run.report
    table = Table(title="kintrace match", show_header=False, box=None)
    table.add_row("children matched", f"{report['children']['records_matched']:,}")
    excluded = report["children"]["excluded_without_consent"]
    if excluded:
        table.add_row("children left out (no consent)", f"{excluded:,}")
    table.add_row("request rows", f"{report['requests']['rows_matched']:,}")
    table.add_row("candidate pairs compared", f"{report['blocking']['candidate_pairs']:,}")
    table.add_row("candidates written", f"{report['candidates_written']:,}")
    share = report["model"]["share_of_sought_children_registered"]
    table.add_row("sought children registered (estimate)", f"{share:.0%}")
    timings = run.result.report.get("timings_seconds", {})
    table.add_row("time", ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    _stderr.print(table)
    for issue in run.warnings.warnings:
        _stderr.print(f"[yellow]{escape(issue.file)}:[/] {escape(issue.format())}", soft_wrap=True)
    for path in run.outputs:
        _stderr.print(f"wrote {path}")


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the generated files.")],
    children: Annotated[
        int, typer.Option("--children", "-n", min=1, help="Registered child records to make.")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed: same seed, same files.")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet.")] = "csv",
    column_style: Annotated[
        str,
        typer.Option(
            "--column-style",
            help="canonical (kintrace names) or export (needs --mapping examples).",
        ),
    ] = "canonical",
    noise: Annotated[
        float,
        typer.Option("--noise", min=0.0, max=2.0, help="Recording noise: 0 clean, 1 default."),
    ] = 1.0,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace files already in --out.")
    ] = False,
    batch_children: Annotated[
        int,
        typer.Option(
            "--batch-children", min=1, help="Children generated and written per batch (memory)."
        ),
    ] = 100_000,
) -> None:
    """Generate registries with ground truth (synthetic data, no real person)."""
    from kintrace import synth as synth_module

    if fmt not in ("csv", "parquet"):
        raise _fail(ConfigError(f"--format must be csv or parquet; got {fmt!r}."))
    if column_style not in ("canonical", "export"):
        raise _fail(
            ConfigError(f"--column-style must be canonical or export; got {column_style!r}.")
        )
    try:
        files = synth_module.write_stream(
            synth_module.SynthConfig(n_children=children, seed=seed, noise=noise),
            out,
            batch_children=batch_children,
            fmt=fmt,  # type: ignore[arg-type]
            column_style=column_style,  # type: ignore[arg-type]
            overwrite=overwrite,
        )
    except KintraceError as error:
        raise _fail(error) from None
    _stderr.print(f"wrote {children:,} children, their tracing requests and truth files:")
    for path in files:
        _stderr.print(f"  {path}")


@app.command()
def evaluate(
    results: Annotated[Path, typer.Argument(help="Output folder of `kintrace match`.")],
    truth: Annotated[
        Path, typer.Argument(help="Folder with truth_links.csv and truth_records.csv.")
    ],
    children: Annotated[
        Path | None,
        typer.Option(
            "--children",
            help="The children registry that was matched: only children with consent for "
            "tracing count as findable.",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option("--mapping", "-m", help="Column mapping of --children (file or name)."),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0.0, max=1.0, help="Probability for P, R and F1."),
    ] = 0.5,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write evaluation.json and PNG plots (needs kintrace[plots])."
        ),
    ] = None,
) -> None:
    """Score a match run against ground truth: recall at top k, precision, calibration."""
    from kintrace import evaluate as evaluation_module

    try:
        findable = None
        if children is not None:
            table_mapping = None
            if mapping is not None:
                table_mapping = kintrace.load_mapping(mapping).children
            frame = kintrace.load_registry(children, "children", table_mapping).frame
            findable = evaluation_module.findable_children_from(frame)
        result = evaluation_module.evaluate_run(
            results, truth, children=findable, threshold=threshold
        )
        written: list[Path] = []
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            target = out / "evaluation.json"
            target.write_text(
                json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n", encoding="utf-8"
            )
            written = [target, *evaluation_module.write_plots(result, out)]
    except KintraceError as error:
        raise _fail(error) from None
    typer.echo(result.format_text())
    for path in written:
        _stderr.print(f"wrote {path}")


@app.command()
def mappings() -> None:
    """List the column mappings shipped with kintrace."""
    from kintrace.io import list_shipped_mappings

    for name in list_shipped_mappings():
        typer.echo(name)


@app.command()
def schema() -> None:
    """Print the canonical columns of both record kinds, as JSON."""
    data = {
        kind.kind.value: [
            {"name": f.name, "kind": f.kind.value, "description": f.description}
            for f in kind.fields
        ]
        for kind in (kintrace.CHILDREN, kintrace.REQUESTS)
    }
    typer.echo(json.dumps(data, indent=2))


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
