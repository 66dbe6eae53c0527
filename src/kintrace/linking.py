"""The pipeline: standardise → block → compare → train → score → rank, chunk by chunk.

:func:`link` takes two mapped registries (canonical columns) and returns a
:class:`LinkResult`: the ranked candidates, the trained model and a run report. Candidate
pairs live in DuckDB and in level files on disk, never all in Python objects, so memory stays
bounded as registries grow; comparisons and the model are pure functions of chunks.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kintrace.blocking import Rule, block, default_blocking_rules
from kintrace.comparisons import (
    AgeGapFits,
    Comparison,
    EncodedTables,
    default_comparisons,
    encode_tables,
)
from kintrace.dates import DEFAULT_DAYS, DateColumns
from kintrace.dates.explain import explain_date_levels
from kintrace.dates.intervals import AgeUncertainty
from kintrace.kin import explain_age_gaps
from kintrace.model import FellegiSunter, estimate_u, sample_random_pairs, term_frequencies
from kintrace.posterior import estimate_share_registered, one_to_one_probability
from kintrace.progress import NullProgress, Progress
from kintrace.ranking import candidate_columns, level_label_columns, rank_within, reasons
from kintrace.schema import RecordKind
from kintrace.scoring import KeptPairs, PairStore, compute_levels, term_frequency_lookup
from kintrace.standardise import ImplausibleCount, StandardTable, UnparseableCount, standardise
from kintrace.training import SessionResult, train

__all__ = ["LinkResult", "LinkSettings", "link", "link_standard"]


@dataclass(frozen=True)
class LinkSettings:
    """Everything a match run can be told, with sane defaults.

    Parameters
    ----------
    comparisons, blocking_rules:
        What is compared and which pairs are compared at all.
    top_k:
        Candidates kept per sought child (request row); ``None`` keeps all.
    min_probability:
        Candidates below this match probability are dropped.
    include_without_consent:
        Also match children whose record has no consent for tracing.
    expected_matches:
        How many true links the analyst expects between the two registries; sets the prior.
        ``None`` estimates it from the training sessions.
    u_sample_size:
        Random pairs drawn to estimate u.
    seed:
        Seed of every random choice: same input and seed, same output.
    chunk_size:
        Candidate pairs per chunk: bounds memory.
    threads:
        Threads for DuckDB and the string comparisons.
    blocking_memory_mib:
        Most memory DuckDB may hold while blocking and keeping the candidate pairs; what is
        more spills to a temporary directory. At 200,000 children, 1,024 kept the whole run
        under 3 GB where 2,048 peaked at 3.8 GB, for 10% more blocking time.
    date_order:
        Day/month order of dates: ``"auto"`` (inferred per column), ``"dmy"``, ``"mdy"``.
    age_uncertainty:
        Years an age's birth interval is widened by on each side, for estimated and stated
        ages (:class:`kintrace.dates.intervals.AgeUncertainty`: 2 and 1).
    age_limit:
        Children this old or older at registration are flagged in the report (``None``: no
        limit).
    default_days:
        ``(day, month)`` pairs that mark an assigned default date of birth, read as its year
        (1 January and 1 July by default).
    training_sample_rows:
        Request rows each training session samples (bounds the training work).
    """

    comparisons: tuple[Comparison, ...] = field(default_factory=default_comparisons)
    blocking_rules: tuple[Rule, ...] = field(default_factory=default_blocking_rules)
    top_k: int | None = 10
    min_probability: float = 0.001
    include_without_consent: bool = False
    expected_matches: int | None = None
    u_sample_size: int = 1_000_000
    seed: int = 42
    chunk_size: int = 1_000_000
    threads: int = 2
    blocking_memory_mib: int = 1024
    date_order: str = "auto"
    age_uncertainty: AgeUncertainty = field(default_factory=AgeUncertainty)
    age_limit: float | None = 18
    default_days: tuple[tuple[int, int], ...] = DEFAULT_DAYS
    training_sample_rows: int = 20_000

    def __post_init__(self) -> None:
        def bad(name: str, expected: str, value: object) -> ValueError:
            return ValueError(
                f"The '{name}' parameter of LinkSettings must be {expected}. Got {value!r} instead."
            )

        if self.top_k is not None and self.top_k < 1:
            raise bad("top_k", "an int >= 1 or None", self.top_k)
        if not 0.0 <= self.min_probability < 1.0:
            raise bad("min_probability", "a float in [0, 1)", self.min_probability)
        if self.expected_matches is not None and self.expected_matches < 1:
            raise bad("expected_matches", "an int >= 1 or None", self.expected_matches)
        if self.u_sample_size < 1000:
            raise bad("u_sample_size", "an int >= 1000", self.u_sample_size)
        if any(not (1 <= d <= 31 and 1 <= m <= 13) for d, m in self.default_days):
            raise bad("default_days", "(day, month) pairs", self.default_days)
        if self.age_limit is not None and not self.age_limit > 0:
            raise bad("age_limit", "a number > 0 or None", self.age_limit)
        if self.training_sample_rows < 100:
            raise bad("training_sample_rows", "an int >= 100", self.training_sample_rows)
        if self.chunk_size < 1:
            raise bad("chunk_size", "an int >= 1", self.chunk_size)
        if self.threads < 1:
            raise bad("threads", "an int >= 1", self.threads)
        if self.blocking_memory_mib < 64:
            raise bad("blocking_memory_mib", "an int >= 64", self.blocking_memory_mib)
        if not self.comparisons:
            raise bad("comparisons", "a non-empty tuple of Comparison", self.comparisons)


@dataclass
class LinkResult:
    """What a match run produced."""

    candidates: pd.DataFrame
    model: FellegiSunter
    report: dict[str, Any]


def link(
    children: pd.DataFrame,
    requests: pd.DataFrame,
    settings: LinkSettings | None = None,
    *,
    model: FellegiSunter | None = None,
    progress: Progress | None = None,
    work_dir: Path | None = None,
    pairs_path: Path | None = None,
    children_dates: DateColumns | None = None,
    requests_dates: DateColumns | None = None,
) -> LinkResult:
    """Link a children registry with tracing requests.

    Parameters
    ----------
    children, requests:
        Registries with canonical column names (see :mod:`kintrace.schema`), as text, e.g.
        the ``frame`` of :func:`kintrace.io.load_registry`.
    settings:
        :class:`LinkSettings`; defaults when ``None``.
    model:
        A trained model to score with (e.g. from :func:`kintrace.model.load_model`);
        when ``None`` the model is trained on these registries.
    progress:
        Receives progress of long steps.
    work_dir:
        Where temporary pair files go (default: the system's temporary directory).
    pairs_path:
        When given, every candidate pair blocking produced is written there as Parquet
        (``sought_id, child_id``), for measuring blocking with :mod:`kintrace.evaluate`.
    children_dates, requests_dates:
        Date columns written in another calendar than the Gregorian, or in a known day/month
        order (:class:`kintrace.dates.DateColumns`): a mapping file's ``[children.calendars]``,
        ``[children.date_order]`` and the same for requests.
    """
    settings = settings or LinkSettings()
    progress = progress or NullProgress()
    started = time.perf_counter()
    progress.start("Standardising records")
    left = standardise(
        children,
        RecordKind.CHILDREN,
        include_without_consent=settings.include_without_consent,
        date_order=settings.date_order,
        date_columns=children_dates,
        default_days=settings.default_days,
        age_uncertainty=settings.age_uncertainty,
        age_limit=settings.age_limit,
    )
    right = standardise(
        requests,
        RecordKind.REQUESTS,
        date_order=settings.date_order,
        date_columns=requests_dates,
        default_days=settings.default_days,
        age_uncertainty=settings.age_uncertainty,
    )
    progress.finish()
    standardised = time.perf_counter() - started
    result = link_standard(
        left,
        right,
        settings,
        model=model,
        progress=progress,
        work_dir=work_dir,
        pairs_path=pairs_path,
    )
    result.report["timings_seconds"] = {
        "standardise": round(standardised, 3),
        **result.report["timings_seconds"],
    }
    return result


def _counts_report(counts: Sequence[UnparseableCount | ImplausibleCount]) -> list[dict[str, Any]]:
    """Per-column counts for the run report (rows as a list, JSON-ready)."""
    return [{**asdict(c), "first_rows": list(c.first_rows)} for c in counts]


def _random_pair_levels(
    settings: LinkSettings, tables: EncodedTables, n_left: int, n_right: int
) -> np.ndarray:
    left, right = sample_random_pairs(n_left, n_right, settings.u_sample_size, seed=settings.seed)
    parts = [
        compute_levels(
            settings.comparisons,
            tables,
            left[start : start + settings.chunk_size],
            right[start : start + settings.chunk_size],
            workers=settings.threads,
        )
        for start in range(0, len(left), settings.chunk_size)
    ]
    if not parts:
        return np.zeros((0, len(settings.comparisons)), dtype=np.int8)
    return np.concatenate(parts)


def link_standard(
    left: StandardTable,
    right: StandardTable,
    settings: LinkSettings,
    *,
    model: FellegiSunter | None = None,
    progress: Progress | None = None,
    work_dir: Path | None = None,
    pairs_path: Path | None = None,
) -> LinkResult:
    """:func:`link` on registries already standardised."""
    progress = progress or NullProgress()
    comparisons = settings.comparisons
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    text_columns = dict.fromkeys(c for comp in comparisons for c in comp.text_columns())
    numeric_columns = dict.fromkeys(c for comp in comparisons for c in comp.numeric_columns())
    tables = encode_tables(
        left.frame, right.frame, text_columns=text_columns, numeric_columns=numeric_columns
    )

    with tempfile.TemporaryDirectory(prefix="kintrace-", dir=work_dir) as tmp:
        progress.start("Blocking")
        blocked = block(
            left.frame,
            right.frame,
            settings.blocking_rules,
            threads=settings.threads,
            memory_limit=f"{settings.blocking_memory_mib}MiB",
            temp_directory=Path(tmp) / "duckdb",
        )
        progress.finish()
        for rule, count in blocked.pairs_per_rule.items():
            progress.note(f"{count:,} pairs from rule: {rule}")
        timings["block"] = time.perf_counter() - clock

        clock = time.perf_counter()
        try:
            store = PairStore.build(
                blocked.chunks(settings.chunk_size),
                n_pairs=blocked.n_pairs,
                comparisons=comparisons,
                tables=tables,
                directory=Path(tmp),
                workers=settings.threads,
                progress=progress,
            )
        finally:
            blocked.close()
        if pairs_path is not None:
            store.write_pairs(
                pairs_path,
                left.frame["record_id"].to_numpy(dtype=object),
                right.frame["record_id"].to_numpy(dtype=object),
                chunk_size=settings.chunk_size,
            )
        timings["compare"] = time.perf_counter() - clock

        clock = time.perf_counter()
        trained = model is None
        sessions: list[SessionResult] = []
        if model is None:
            progress.start("Estimating u from random pairs")
            random_levels = _random_pair_levels(settings, tables, len(left), len(right))
            u = estimate_u(random_levels, tuple(c.n_levels for c in comparisons))
            filled = (random_levels != 0).mean(axis=0) if len(random_levels) else None
            progress.finish()
            model, sessions = train(
                comparisons,
                u,
                filled if filled is not None else np.ones(len(comparisons)),
                left.frame,
                right.frame,
                tables,
                expected_matches=settings.expected_matches,
                sample_rows=settings.training_sample_rows,
                seed=settings.seed,
                threads=settings.threads,
                chunk_size=settings.chunk_size,
                progress=progress,
            )
        timings["train"] = time.perf_counter() - clock

        clock = time.perf_counter()
        frequencies = {
            c.term_frequency_column: term_frequencies(tables.text[c.term_frequency_column])
            for c in comparisons
            if c.term_frequency_column is not None
        }
        kept, bayes_sums = store.score(
            model,
            tables=tables,
            frequencies=frequencies,
            n_right=len(right),
            top_k=settings.top_k,
            chunk_size=settings.chunk_size,
            progress=progress,
        )
        # The share of sought children registered among their candidates: stated, or by EM
        # (starting from the model's prior); the model's prior follows it.
        if settings.expected_matches is not None:
            share = min(settings.expected_matches / max(len(right), 1), 0.999)
        else:
            start = min(max(float(model.prior_ or 0.0) * len(left), 1e-3), 0.999)
            share = estimate_share_registered(bayes_sums, len(left), start=start)
        timings["score"] = time.perf_counter() - clock

    clock = time.perf_counter()
    probability = one_to_one_probability(
        kept.weights - model.prior_weight, bayes_sums[kept.right], share, len(left)
    )
    keep = probability >= settings.min_probability
    kept = KeptPairs(kept.left[keep], kept.right[keep], kept.levels[keep], kept.weights[keep])
    candidates = _candidates(
        kept, probability[keep], left, right, model, tables, frequencies, comparisons
    )
    timings["rank"] = time.perf_counter() - clock

    report = {
        "children": {
            "records_matched": len(left),
            "excluded_without_consent": left.excluded_no_consent,
            "unparseable_values": _counts_report(left.unparseable),
            "implausible_values": _counts_report(left.implausible),
        },
        "requests": {
            "rows_matched": len(right),
            "unparseable_values": _counts_report(right.unparseable),
            "implausible_values": _counts_report(right.implausible),
        },
        "blocking": {
            "pairs_per_rule": blocked.pairs_per_rule,
            "candidate_pairs": blocked.n_pairs,
            "reduction_ratio": (
                1.0 - blocked.n_pairs / (len(left) * len(right)) if len(left) * len(right) else 0.0
            ),
        },
        "model": {
            "trained_on_this_run": trained,
            "prior": model.prior_,
            "share_of_sought_children_registered": round(share, 6),
            "training_sessions": [
                {
                    "name": s.name,
                    "candidate_pairs": s.candidate_pairs,
                    "anchor_pairs": s.anchor_pairs,
                    "expected_non_links": round(s.expected_non_links, 1),
                    "trained": sorted(s.m),
                    "em_iterations": s.em_iterations,
                    "em_converged": s.em_converged,
                }
                for s in sessions
            ],
        },
        "candidates_written": len(candidates),
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
    return LinkResult(candidates=candidates, model=model, report=report)


def _candidates(
    kept: KeptPairs,
    probability: np.ndarray,
    left: StandardTable,
    right: StandardTable,
    model: FellegiSunter,
    tables: EncodedTables,
    frequencies: dict[str, np.ndarray],
    comparisons: Sequence[Comparison],
) -> pd.DataFrame:
    """The candidates table from the kept pairs (ordered by requests position, then rank)."""
    columns = candidate_columns(comparisons)
    if len(kept.left) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    child_ids = left.frame["record_id"].to_numpy(dtype=object)
    tf = term_frequency_lookup(comparisons, tables, frequencies, kept.left)
    _, contributions = model.match_weight(kept.levels, tf)
    frame = pd.DataFrame(
        {
            "request_id": right.frame["group_id"].to_numpy(dtype=object)[kept.right],
            "sought_id": right.frame["record_id"].to_numpy(dtype=object)[kept.right],
            "child_id": child_ids[kept.left],
            "match_probability": np.round(probability, 6),
            "match_weight": np.round(kept.weights, 4),
            "rank_in_request": rank_within(kept.right),
        }
    )
    # Rank of each sought child among the candidates written for the same child.
    child_order = np.lexsort((kept.right, -kept.weights, kept.left))
    child_rank = np.empty(len(frame), dtype=np.int64)
    child_rank[child_order] = rank_within(kept.left[child_order])
    frame["rank_for_child"] = child_rank
    for name, series in level_label_columns(comparisons, kept.levels, contributions).items():
        frame[name] = series.to_numpy()
    frame["reasons"] = reasons(
        comparisons, kept.levels, contributions, _date_details(comparisons, kept, left, right)
    )
    return frame[columns]


def _date_details(
    comparisons: Sequence[Comparison], kept: KeptPairs, left: StandardTable, right: StandardTable
) -> dict[int, list[str]]:
    """The labels of the date and requester-age comparisons with the evidence on both sides,
    for the reasons."""
    details: dict[int, list[str]] = {}
    for index, comparison in enumerate(comparisons):
        labels = np.array(comparison.level_labels(), dtype=object)[kept.levels[:, index]]
        columns = comparison.numeric_columns()
        if comparison.name == "date_of_birth" and "birth_first" in columns:
            details[index] = explain_date_levels(
                list(labels), left.frame, right.frame, kept.left, kept.right
            )
        elif any(isinstance(level, AgeGapFits) for level in comparison.levels):
            details[index] = explain_age_gaps(
                list(labels), left.frame, right.frame, kept.left, kept.right
            )
    return details


def comparisons_summary(comparisons: Sequence[Comparison]) -> list[dict[str, Any]]:
    """Names and level labels of comparisons (for reports and documentation)."""
    return [
        {"name": c.name, "description": c.description, "levels": list(c.level_labels())}
        for c in comparisons
    ]
