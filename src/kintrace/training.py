"""Training the model without labels: u from random pairs, m from anchor pairs and EM.

u -- how often different people agree -- comes from random pairs (almost all non-matches).

m -- how often true links agree -- cannot come from EM over all candidate pairs with that u:
blocking chose them because they agree on some fields, and records of one culture share name
sounds without being one child, so EM settles on "same culture" instead of "same child"
(measured on generated data: the prior went to 1). Instead, each training session

1. blocks on a few fields and takes its *anchor pairs*, which agree strongly on them -- the
   same whole name; or the same date of birth, sex and father's name -- where almost every
   pair is a true link, and reads m for the *other* comparisons from them, the
   few non-links subtracted using u (observed = links × m + non-links × u);
2. when its block is large enough, refines that m by EM over every pair of the block, with the
   anchored comparisons held out and u free to describe the block's own non-links (measured on
   200,000 generated children: recall at rank 1 from 0.44 to 0.51).

Two sessions with disjoint anchors train every comparison; where a registry lacks what the
second one anchors on (no sex, no parents' names: FEBRL4), a last session anchored on the same
date of birth alone trains what is left.

The prior -- the chance that two random records are the same child -- is stated
(``expected_matches``) or estimated: the links in an anchor, divided by the share of true links
that meet the anchor (from the other session's m and how often the fields are filled).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kintrace.blocking import BlockingRule, block
from kintrace.comparisons import Comparison, EncodedTables, default_comparisons
from kintrace.comparisons.comparison import plausibility_m
from kintrace.model import EMResult, count_patterns, expectation_maximisation
from kintrace.model.em import merge_patterns
from kintrace.model.fellegi_sunter import FellegiSunter, starting_m
from kintrace.progress import NullProgress, Progress
from kintrace.scoring import compute_levels

__all__ = ["SessionResult", "TrainingSession", "default_training_sessions", "train"]


@dataclass(frozen=True)
class TrainingSession:
    """One training session: anchor pairs, found by a blocking rule and a level filter.

    Parameters
    ----------
    name:
        Shown in progress and in the run report.
    rule:
        A blocking rule that finds every anchor pair (and some more).
    anchor:
        ``{comparison name: level indices}``: a pair is an anchor when each named comparison
        is at one of its levels. m is estimated for every comparison not named here.
    held_out:
        Comparisons this session does not train although it does not anchor on them, because
        they read the anchored fields too (the full name, when anchoring on name parts).
    anchors_only:
        Comparisons this session trains from its anchor pairs alone: they are left out of
        its EM (missing in the block's patterns), so they neither steer it nor are refined by
        it. For evidence that partly restates other comparisons, such as other names: with
        them, EM over a block of one father's children drifted towards "same family" (on
        200,000 generated children it gave "other name similar, score ≥ 0.9" an m of 0.28
        where the truth is 0.20, moved the other comparisons' m and the prior with it, and
        wrote 11% more candidates, less well calibrated).
    """

    name: str
    rule: BlockingRule
    anchor: Mapping[str, tuple[int, ...]]
    held_out: tuple[str, ...] = ()
    anchors_only: tuple[str, ...] = ()

    def untrained(self) -> frozenset[str]:
        """Comparisons this session leaves alone: its anchor and the ones held out."""
        return frozenset(self.anchor) | frozenset(self.held_out)


_NAME_PARTS = ("given_name", "middle_name", "family_name")

#: Most of an anchor's pairs that may be counted as not the same child. u comes from random
#: pairs, which hold the true links too; where those are a large part of the random pairs
#: that agree on the anchor (the same whole name, in a registry where most records have a
#: link and names are rare: FEBRL4), u alone says every anchor pair is a non-link, and m and
#: the prior collapse (FEBRL4: prior 1e-12, recall at 1 0.939 -> 0.887). An anchor is chosen
#: so that most of its pairs are links; past this share the estimate is not believed. (At 0.5
#: it also bound on 200,000 generated children and cost 0.4 points of recall at 1; at 0.9 it
#: does not, and FEBRL4 keeps its gain, with the date-of-birth session.)
MAX_NON_LINK_SHARE = 0.9


def _name_session(comparison_names: Collection[str]) -> TrainingSession:
    """Session one: pairs with the same names, anchored on whichever name evidence the run
    has (the whole name by default, the three parts with :func:`name_parts_comparisons`)."""
    rule = BlockingRule(
        name="same given and family name", on=(("given", "given"), ("family", "family"))
    )
    if all(name in comparison_names for name in _NAME_PARTS):
        return TrainingSession(
            name="same given, second and family names",
            rule=rule,
            anchor={name: (1,) for name in _NAME_PARTS},
            # Both read the names the anchor is made of.
            held_out=("full_name", "other_names"),
        )
    return TrainingSession(
        name="same full name",
        rule=rule,
        anchor={"full_name": (1,)},
        held_out=("other_names",),  # it reads the names the anchor is made of
    )


def _date_of_birth_session(
    comparisons: Sequence[Comparison], untrained: Sequence[str]
) -> TrainingSession:
    """A last session for comparisons the default ones could not train, anchored on the same
    date of birth alone: registries without sex or parents' names (FEBRL4) leave the second
    default session without anchor pairs, and the whole-name comparison, the first session's
    own anchor, untrained (its m left at a guess: on FEBRL4 recall at 1 fell from 0.94 to
    0.89)."""
    return TrainingSession(
        name="same date of birth",
        rule=BlockingRule(name="same date of birth", on=(("dob", "dob"),)),
        anchor={"date_of_birth": (1,)},
        held_out=tuple(
            c.name for c in comparisons if c.name not in untrained and c.name != "date_of_birth"
        ),
    )


def default_training_sessions(
    comparisons: Sequence[Comparison] | None = None,
) -> tuple[TrainingSession, ...]:
    """Two sessions with disjoint anchors that between them train every default comparison.

    Session one anchors on the same whole name (``full_name``), or on the same given, second
    and family names when ``comparisons`` compare those box by box
    (:func:`~kintrace.comparisons.name_parts_comparisons`).
    """
    chosen = comparisons if comparisons is not None else default_comparisons()
    names = {c.name for c in chosen}
    return (
        _name_session(names),
        TrainingSession(
            name="same date of birth, sex and father's name",
            rule=BlockingRule(
                name="same father's name and sex, same birth year",
                on=(("father", "father"), ("sex", "sex")),
                birth_year_within=0.5,
            ),
            anchor={"date_of_birth": (1,), "sex": (1,), "father_name": (1,)},
            anchors_only=("other_names",),
        ),
    )


@dataclass(frozen=True)
class SessionResult:
    """What one session found."""

    name: str
    candidate_pairs: int
    anchor_pairs: int
    expected_non_links: float
    m: dict[str, np.ndarray]
    em_iterations: int | None = None
    em_converged: bool | None = None


def _session_levels(
    session: TrainingSession,
    comparisons: Sequence[Comparison],
    left: pd.DataFrame,
    right: pd.DataFrame,
    tables: EncodedTables,
    right_rows: np.ndarray,
    *,
    threads: int,
    chunk_size: int,
) -> tuple[int, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Candidate pairs seen, the anchor pairs' levels, and the block's patterns for EM.

    In the patterns, the anchored comparisons are set to "missing": the block chose its pairs
    by them, so they are no evidence there.
    """
    index = {c.name: i for i, c in enumerate(comparisons)}
    held = [
        index[name]
        for name in session.untrained() | frozenset(session.anchors_only)
        if name in index
    ]
    blocked = block(left, right.iloc[right_rows], [session.rule], threads=threads)
    anchor_parts, pattern_parts, count_parts = [], [], []
    try:
        for li, ri in blocked.chunks(chunk_size):
            levels = compute_levels(comparisons, tables, li, right_rows[ri], workers=threads)
            keep = np.ones(len(li), dtype=bool)
            for name, allowed in session.anchor.items():
                keep &= np.isin(levels[:, index[name]], allowed)
            anchor_parts.append(levels[keep])
            levels[:, held] = 0
            patterns, counts = count_patterns(levels)
            pattern_parts.append(patterns)
            count_parts.append(counts)
    finally:
        blocked.close()
    width = len(comparisons)
    anchors = np.concatenate(anchor_parts) if anchor_parts else np.zeros((0, width), np.int8)
    return blocked.n_pairs, anchors, merge_patterns(pattern_parts, count_parts, width)


def _anchor_share(
    anchor: Mapping[str, tuple[int, ...]],
    index: Mapping[str, int],
    probabilities: Sequence[np.ndarray],
    filled: np.ndarray,
) -> float:
    """P(a pair meets the anchor) given per-level probabilities (m or u) and fill rates."""
    share = 1.0
    for name, levels in anchor.items():
        c = index[name]
        share *= float(filled[c] * probabilities[c][list(levels)].sum())
    return share


def _session_m(
    session: TrainingSession,
    comparisons: Sequence[Comparison],
    anchors: np.ndarray,
    expected_non_links: float,
    u: Sequence[np.ndarray],
    filled: np.ndarray,
) -> dict[str, np.ndarray]:
    """m of each comparison outside the anchor: anchor level counts minus expected non-links."""
    result: dict[str, np.ndarray] = {}
    for c, comparison in enumerate(comparisons):
        if comparison.name in session.untrained() or len(anchors) == 0:
            continue
        counts = np.bincount(anchors[:, c].astype(np.int64), minlength=comparison.n_levels)
        evidence = counts[1:].astype(float) - expected_non_links * filled[c] * u[c][1:]
        evidence = np.clip(evidence, 0.0, None) + 0.5  # half a count: rare, not impossible
        m = np.ones(comparison.n_levels)
        m[1:] = evidence / evidence.sum()
        result[comparison.name] = m
    return result


def _refine_by_em(
    session: TrainingSession,
    comparisons: Sequence[Comparison],
    start: dict[str, np.ndarray],
    patterns: tuple[np.ndarray, np.ndarray],
    u: Sequence[np.ndarray],
    block_prior: float,
) -> tuple[dict[str, np.ndarray], EMResult]:
    """EM over every pair of the session's block, started from the anchors' m.

    u is free here: it describes the *non-links of this block* (same-sounding names, same
    culture), not random pairs, which is what keeps EM from taking them for links. Only m is
    kept; scoring uses u from random pairs.
    """
    result = expectation_maximisation(
        patterns[0],
        patterns[1],
        m_start=tuple(start.get(c.name, starting_m(c)) for c in comparisons),
        u_start=tuple(u),
        prior_start=float(np.clip(block_prior, 1e-4, 0.99)),
        fix_u=False,
    )
    refined = {
        c.name: start[c.name] if c.name in session.anchors_only else result.m[i]
        for i, c in enumerate(comparisons)
        if c.name not in session.untrained()
    }
    return refined, result


def train(
    comparisons: Sequence[Comparison],
    u: tuple[np.ndarray, ...],
    filled: np.ndarray,
    left: pd.DataFrame,
    right: pd.DataFrame,
    tables: EncodedTables,
    *,
    sessions: Sequence[TrainingSession] | None = None,
    expected_matches: int | None = None,
    sample_rows: int = 20_000,
    min_em_pairs: int = 5_000,
    seed: int = 42,
    threads: int = 2,
    chunk_size: int = 1_000_000,
    progress: Progress | None = None,
) -> tuple[FellegiSunter, list[SessionResult]]:
    """Estimate m (anchor pairs, refined by EM) and the prior; u is given.

    Parameters
    ----------
    comparisons, u:
        The comparisons and their u from random pairs.
    filled:
        Per comparison, the share of random pairs with a value on both sides.
    left, right, tables:
        Standard frames of children and requests, and their encoded columns.
    sessions:
        Training sessions (default :func:`default_training_sessions`).
    expected_matches:
        Stated number of true links between the registries; sets the prior.
    sample_rows:
        Request rows the sessions look at (a random, seeded sample): bounds the work.
    min_em_pairs:
        A session refines its anchors' m by EM over its whole block when the block has at
        least this many pairs (fewer make EM noisier than the anchors).
    """
    progress = progress or NullProgress()
    # The fallback only backs the default sessions: sessions given are used as given.
    fallback = sessions is None and "date_of_birth" in {c.name for c in comparisons}
    sessions = tuple(sessions) if sessions is not None else default_training_sessions(comparisons)
    index = {c.name: i for i, c in enumerate(comparisons)}
    for session in sessions:
        unknown = [name for name in session.anchor if name not in index]
        if unknown:
            raise ValueError(
                f"Training session {session.name!r} anchors on unknown comparisons {unknown}; "
                f"the comparisons are {list(index)}."
            )
    n_right = len(right)
    rng = np.random.default_rng(seed)
    if n_right > sample_rows:
        right_rows = np.sort(rng.choice(n_right, size=sample_rows, replace=False))
    else:
        right_rows = np.arange(n_right)
    all_pairs = float(len(left)) * float(len(right_rows))

    found: list[tuple[TrainingSession, int, float]] = []
    results: list[SessionResult] = []
    pending = list(sessions)
    while pending:
        session = pending.pop(0)
        progress.start(f"Training: {session.name}")
        n_pairs, anchors, patterns = _session_levels(
            session,
            comparisons,
            left,
            right,
            tables,
            right_rows,
            threads=threads,
            chunk_size=chunk_size,
        )
        expected_non_links = min(
            all_pairs * _anchor_share(session.anchor, index, u, filled),
            MAX_NON_LINK_SHARE * len(anchors),
        )
        trained = _session_m(session, comparisons, anchors, expected_non_links, u, filled)
        em: EMResult | None = None
        if n_pairs >= min_em_pairs and len(anchors) > 0:
            trained, em = _refine_by_em(
                session, comparisons, trained, patterns, u, len(anchors) / n_pairs
            )
        found.append((session, len(anchors), expected_non_links))
        results.append(
            SessionResult(
                session.name,
                n_pairs,
                len(anchors),
                expected_non_links,
                trained,
                em.iterations if em else None,
                em.converged if em else None,
            )
        )
        progress.finish()
        em_note = (
            f"; EM over its {n_pairs:,} pairs {'converged' if em.converged else 'stopped'} "
            f"after {em.iterations} iterations"
            if em
            else ""
        )
        progress.note(
            f"training '{session.name}': {len(anchors):,} anchor pairs "
            f"(about {expected_non_links:,.0f} of them not the same child){em_note}"
        )
        if fallback and not pending:
            fallback = False
            trained_by_now = {name for r in results for name in r.m}
            untrained = [c.name for c in comparisons if c.name not in trained_by_now]
            if untrained and "date_of_birth" not in untrained:
                pending.append(_date_of_birth_session(comparisons, untrained))

    combined = []
    for c, comparison in enumerate(comparisons):
        estimates = [r.m[comparison.name] for r in results if comparison.name in r.m]
        if comparison.plausibility_factor is not None:
            # Not learned: a failed check weighs its stated factor (Comparison docs).
            combined.append(plausibility_m(u[c], comparison.plausibility_factor))
            continue
        combined.append(np.mean(estimates, axis=0) if estimates else starting_m(comparison))
    m = tuple(combined)

    if expected_matches is not None:
        prior = expected_matches / max(len(left) * n_right, 1)
    else:
        priors: list[float] = []
        for session, n_anchor, non_links in found:
            share = _anchor_share(session.anchor, index, m, filled)
            if n_anchor > 0 and share > 0:
                priors.append((n_anchor - non_links) / share / all_pairs)
        # With no anchor found, assume one child in ten is sought by one request row.
        prior = float(np.median(priors)) if priors else 0.1 / max(len(left), 1)
    prior = float(np.clip(prior, 1e-12, 0.5))
    return FellegiSunter(comparisons).set_parameters(m=m, u=u, prior=prior), results
