"""Generate a data set: plan the truth, write both registries, number the records."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from kintrace.synth._bank import name_bank
from kintrace.synth._children import render_children
from kintrace.synth._config import SynthConfig
from kintrace.synth._cultures import CULTURES
from kintrace.synth._offices import OFFICES
from kintrace.synth._plan import RELATIONS, Plan, make_plan
from kintrace.synth._requests import render_requests

__all__ = ["SynthData", "generate"]

# Independent random streams per stage, so that changing how one stage draws leaves the
# others as they were (and the structure never depends on the noise level).
_STAGES = ("plan", "children", "requests", "ids")


@dataclass(frozen=True)
class SynthData:
    """A generated data set and its ground truth.

    Attributes
    ----------
    children:
        The children registry, canonical columns of ``kintrace.schema.CHILDREN``, all text.
    requests:
        The tracing requests, one row per sought child, columns of ``REQUESTS``, all text.
    links:
        Every true (request row, child record) pair: ``request_id``, ``sought_id``,
        ``child_id``; a child registered twice links to both records.
    duplicates:
        Pairs of child records of the same child: ``child_id_a`` < ``child_id_b``.
    families:
        ``family_id``, ``kind`` ("child" or "request"), ``record_id`` for every record.
    records:
        ``kind``, ``record_id``, ``family_id``, ``person_id`` (the registered or sought
        child), ``culture``, ``requester_relation`` (requests only: the fine relation of
        ``RELATIONS``, whatever words the request used), ``office`` (children only),
        ``requester_age_noise`` (requests only: ``"true"`` where the requester's written
        birth date or age is a slip that does not fit the relation, else ``"false"``).
    config:
        The configuration that produced the data.
    """

    children: pd.DataFrame
    requests: pd.DataFrame
    links: pd.DataFrame
    duplicates: pd.DataFrame
    families: pd.DataFrame
    records: pd.DataFrame
    config: SynthConfig


def _ids(prefix: str, n: int) -> list[str]:
    width = max(6, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def generate(config: SynthConfig) -> SynthData:
    """Generate registries with ground truth for ``config``.

    Parameters
    ----------
    config:
        What to generate; the same config always gives the same data, byte for byte.

    Returns
    -------
    SynthData
        Children, requests and truth tables.

    Examples
    --------
    >>> from kintrace.synth import SynthConfig, generate
    >>> data = generate(SynthConfig(n_children=50, seed=7))
    >>> len(data.children)
    50
    >>> data.children["child_id"].iloc[0]
    'C000001'
    """
    streams = dict(
        zip(
            _STAGES,
            (np.random.default_rng(s) for s in np.random.SeedSequence(config.seed).spawn(4)),
            strict=True,
        )
    )
    bank = name_bank()
    plan = make_plan(streams["plan"], bank, config)
    children = render_children(plan, config, bank, streams["children"])
    requests, age_noise = render_requests(plan, config, bank, streams["requests"])
    return _number(plan, children, requests, age_noise, config, streams["ids"])


def _number(
    plan: Plan,
    children: pd.DataFrame,
    requests: pd.DataFrame,
    age_noise: npt.NDArray[np.bool_],
    config: SynthConfig,
    rng: np.random.Generator,
) -> SynthData:
    fam, kids = plan.families, plan.children
    n_rec = plan.rec_child.size
    # Records are shuffled before numbering so that ids say nothing about families or
    # duplicates.
    rec_order = rng.permutation(n_rec)
    rec_rank = np.empty(n_rec, dtype=np.int64)
    rec_rank[rec_order] = np.arange(n_rec)
    child_ids = np.array(_ids("C", n_rec), dtype=object)[rec_rank]
    children = children.iloc[rec_order].reset_index(drop=True)
    children["child_id"] = child_ids[rec_order]

    n_req = plan.req_family.size
    req_order = rng.permutation(n_req)
    req_rank = np.empty(n_req, dtype=np.int64)
    req_rank[req_order] = np.arange(n_req)
    request_ids = np.array(_ids("TR", n_req), dtype=object)[req_rank]
    row_req = plan.row_request
    row_order = np.lexsort((np.arange(row_req.size), req_rank[row_req]))
    sorted_req = row_req[row_order]
    sorted_rank = req_rank[sorted_req]
    first = np.searchsorted(sorted_rank, sorted_rank, side="left")
    number = np.arange(row_req.size) - first + 1
    sought_sorted = [
        f"{request_ids[q]}-{k}" for q, k in zip(sorted_req.tolist(), number.tolist(), strict=True)
    ]
    sought_ids = np.empty(row_req.size, dtype=object)
    sought_ids[row_order] = sought_sorted
    requests = requests.iloc[row_order].reset_index(drop=True)
    requests["request_id"] = list(request_ids[sorted_req])
    requests["sought_id"] = sought_sorted

    width_f = max(6, len(str(len(fam))))
    width_p = max(6, len(str(len(kids))))
    fam_id = np.array([f"F{i + 1:0{width_f}d}" for i in range(len(fam))], dtype=object)
    person_id = np.array([f"P{i + 1:0{width_p}d}" for i in range(len(kids))], dtype=object)
    culture_key = np.array([c.key for c in CULTURES], dtype=object)

    rec_family = kids.family[plan.rec_child]
    row_family = kids.family[plan.row_child]
    records = pd.concat(
        [
            pd.DataFrame(
                {
                    "kind": "child",
                    "record_id": child_ids,
                    "family_id": fam_id[rec_family],
                    "person_id": person_id[plan.rec_child],
                    "culture": culture_key[fam.culture[rec_family]],
                    "requester_relation": None,
                    "office": [OFFICES[o].code for o in plan.rec_office.tolist()],
                    "requester_age_noise": None,
                }
            ).iloc[rec_order],
            pd.DataFrame(
                {
                    "kind": "request",
                    "record_id": sought_ids,
                    "family_id": fam_id[row_family],
                    "person_id": person_id[plan.row_child],
                    "culture": culture_key[fam.culture[row_family]],
                    "requester_relation": [
                        RELATIONS[r] for r in plan.req_relation[row_req].tolist()
                    ],
                    "office": None,
                    "requester_age_noise": np.where(age_noise[row_req], "true", "false"),
                }
            ).iloc[row_order],
        ],
        ignore_index=True,
    ).astype(object)
    families = records[["family_id", "kind", "record_id"]].copy()

    by_person: dict[int, list[str]] = {}
    for c in np.argsort(child_ids, kind="stable").tolist():
        by_person.setdefault(int(plan.rec_child[c]), []).append(str(child_ids[c]))
    link_rows = [
        (str(request_ids[row_req[i]]), str(sought_ids[i]), cid)
        for i in row_order.tolist()
        for cid in by_person.get(int(plan.row_child[i]), [])
    ]
    links = pd.DataFrame(link_rows, columns=["request_id", "sought_id", "child_id"], dtype=object)

    dup = plan.rec_duplicate_of
    second = np.flatnonzero(dup >= 0)
    pairs = sorted(
        tuple(sorted((str(child_ids[dup[i]]), str(child_ids[i])))) for i in second.tolist()
    )
    duplicates = pd.DataFrame(pairs, columns=["child_id_a", "child_id_b"], dtype=object)
    return SynthData(
        children=children,
        requests=requests,
        links=links,
        duplicates=duplicates,
        families=families,
        records=records,
        config=config,
    )
