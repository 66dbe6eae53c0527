"""The people of a generated world as arrays: families and their children.

Plain containers with one element per family or per child, and the two operations the
generator needs on them: append a batch, keep a subset (renumbering indices).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

__all__ = ["Children", "Families", "concat", "subset"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]


@dataclass
class Families:
    """Per-family arrays (one element per family).

    Given names are global given-name ids of :class:`._bank.NameBank`; family names are
    family-name ids or ``-1``. ``pggf``/``mggf`` are the great-grandfathers (third name of the
    father's / mother's chain); ``pgm_father``/``mgm_father`` the grandmothers' fathers.
    ``*_fam`` are the family names of the grandmothers and of the aunts' husbands (used
    where women carry their own or their husband's name).
    """

    culture: IntArray
    origin: ObjArray
    lang: IntArray
    fam_p: IntArray
    fam_m: IntArray
    pgm_fam: IntArray
    mgm_fam: IntArray
    aunt_p_fam: IntArray
    aunt_m_fam: IntArray
    pggf: IntArray
    mggf: IntArray
    pgm_father: IntArray
    mgm_father: IntArray
    father: IntArray
    mother: IntArray
    pgf: IntArray
    pgm: IntArray
    mgf: IntArray
    mgm: IntArray
    uncle_p: IntArray
    aunt_p: IntArray
    uncle_m: IntArray
    aunt_m: IntArray
    dob_father: IntArray
    dob_mother: IntArray
    dob_pgf: IntArray
    dob_pgm: IntArray
    dob_mgf: IntArray
    dob_mgm: IntArray
    dob_uncle_p: IntArray
    dob_aunt_p: IntArray
    dob_uncle_m: IntArray
    dob_aunt_m: IntArray
    separation: IntArray
    origin_place: IntArray
    separation_place: IntArray
    cousin_of: IntArray

    def __len__(self) -> int:
        return int(self.culture.size)


@dataclass
class Children:
    """Per-child arrays: every child of every family, registered or not."""

    family: IntArray
    order: IntArray
    sex: IntArray
    given: IntArray
    given2: IntArray
    given2_before: BoolArray
    dob: IntArray
    age_at_separation: FloatArray

    def __len__(self) -> int:
        return int(self.family.size)


def concat(a: Families | Children, b: Families | Children, family_offset: int = 0) -> None:
    """Append ``b`` to ``a`` in place (family indices of children shifted by the offset)."""
    for f in fields(a):
        left = getattr(a, f.name)
        right = getattr(b, f.name)
        if isinstance(a, Children) and f.name == "family":
            right = right + family_offset
        if isinstance(a, Families) and f.name == "cousin_of":
            right = np.where(right >= 0, right + family_offset, -1)
        setattr(a, f.name, np.concatenate([left, right]))


def subset(fam: Families, children: Children, keep: BoolArray) -> tuple[Families, Children]:
    """The families where ``keep`` is true and their children, indices renumbered."""
    new_index = np.cumsum(keep) - 1
    kept = Families(**{f.name: getattr(fam, f.name)[keep] for f in fields(fam)})
    kept.cousin_of = np.where(
        kept.cousin_of >= 0,
        np.where(keep[np.maximum(kept.cousin_of, 0)], new_index[np.maximum(kept.cousin_of, 0)], -1),
        -1,
    )
    child_keep = keep[children.family]
    kids = Children(**{f.name: getattr(children, f.name)[child_keep] for f in fields(children)})
    kids.family = new_index[kids.family]
    return kept, kids
