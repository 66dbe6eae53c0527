"""kintrace.name_similarity: the public score of two full names, any script, any order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kintrace import name_similarities, name_similarity

# Same person, written by different offices, in different scripts or orders (real practice).
SAME = [
    ("Mohamed Abdi Hassan", "Maxamed Cabdi Xasan"),  # Somali orthography
    ("Mohamed Abdi Hassan", "محمد عبدي حسن"),  # Arabic script
    ("Hassan Mohamed", "Mohamed Hassan"),  # order
    ("Abdulrahman Hussein", "Abd al-Rahman al-Hussein"),  # compound, article
    ("Youssef Ibrahim", "Jussuf Ibrahim"),  # French and German offices
    ("Gebremedhin Tesfay", "G/Medhin Tesfai"),  # Ethiopic abbreviation
    ("Gebremedhin Tesfay", "ገብረመድህን ተስፋይ"),  # Ethiopic script
    ("Oleksandr Shevchenko", "Олександр Шевченко"),  # Cyrillic
    ("Mamadou Diallo", "Momodou Jallow"),  # Gambian English
    ("Fatoumata Cissé", "Fatoumatta Ceesay"),
    ("Ahmad Shah Popalzai", "Ahmad Shah"),  # a dropped family name
]
# Different people who share names: siblings (same father and grandfather), namesakes.
DIFFERENT = [
    ("Ahmed Mohamed Ali", "Fatima Mohamed Ali"),
    ("Yohannes Tesfay Gebremedhin", "Selam Tesfay Gebremedhin"),
    ("Fatima Ali", "Yohannes Tesfay"),
    ("Oleksandr Shevchenko", "Iryna Kovalenko"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person_scores_high(a: str, b: str) -> None:
    assert name_similarity(a, b) >= 0.85


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_people_score_lower_than_any_same_person_pair(a: str, b: str) -> None:
    lowest_same = min(name_similarity(x, y) for x, y in SAME)
    assert name_similarity(a, b) < lowest_same


@pytest.mark.parametrize("missing", [None, "", "UNKNOWN", "-", "N/A"])
def test_no_name_scores_zero(missing: str | None) -> None:
    assert name_similarity(missing, "Mohamed Ali") == 0.0
    assert name_similarity("Mohamed Ali", missing) == 0.0


def test_vectorised_equals_one_pair_at_a_time() -> None:
    left = [a for a, _ in SAME + DIFFERENT]
    right = [b for _, b in SAME + DIFFERENT]
    together = name_similarities(left, right)
    alone = np.array([name_similarity(a, b) for a, b in zip(left, right, strict=True)])
    np.testing.assert_array_equal(together, alone)


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError, match="same length"):
        name_similarities(["a"], ["a", "b"])


_NAME = st.lists(
    st.sampled_from(
        ["mohamed", "Maxamed", "محمد", "ali", "Cali", "hassan", "Xasan", "abdul", "rahman", "al",
         "G/Medhin", "ተስፋይ", "Tesfay", "Олександр", "Oleksandr", "fatima", "bin"]
    ),
    max_size=5,
).map(" ".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(a=_NAME, b=_NAME)
def test_symmetric_and_bounded(a: str, b: str) -> None:
    ab, ba = name_similarity(a, b), name_similarity(b, a)
    assert ab == pytest.approx(ba, abs=1e-9)
    assert 0.0 <= ab <= 1.0


@settings(max_examples=200, deadline=None)
@given(a=st.text(max_size=30), b=st.text(max_size=30))
def test_never_raises_on_any_text(a: str, b: str) -> None:
    assert 0.0 <= name_similarity(a, b) <= 1.0


@settings(max_examples=200, deadline=None)
@given(a=_NAME)
def test_a_name_is_identical_to_itself(a: str) -> None:
    score = name_similarity(a, a)
    assert score == 0.0 or score == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("Hassan Mohamed", "Mohamed Hassan", 1),
        ("Gebremedhin Tesfay", "G/Medhin Tesfai", 1),
        ("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan", 3),
        ("Fatima Ali", "Yohannes Tesfay", 5),
        ("UNKNOWN", "Mohamed", 0),
        (None, "Mohamed", 0),
    ],
)
def test_name_level_gives_the_model_level_and_its_label(a, b, level: int) -> None:
    from kintrace import full_name_comparison, name_level

    index, label = name_level(a, b)
    assert index == level
    assert label == full_name_comparison().level_labels()[level]
