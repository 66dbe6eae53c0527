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
    ("Mohd Karim", "Muhammad Karim"),  # Muhammad abbreviated
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
        ("Mohamed Hassan", "MOHAMED HASSAN", 1),  # the same name once standardised
        ("Hassan Mohamed", "Mohamed Hassan", 2),
        ("Gebremedhin Tesfay", "G/Medhin Tesfai", 2),
        ("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan", 4),
        ("Fatima Ali", "Yohannes Tesfay", 11),
        ("UNKNOWN", "Mohamed", 0),
        (None, "Mohamed", 0),
    ],
)
def test_name_level_gives_the_model_level_and_its_label(a, b, level: int) -> None:
    from kintrace import full_name_comparison, name_level

    index, label = name_level(a, b)
    assert index == level
    assert label == full_name_comparison().level_labels()[level]


# Per culture: two spellings of one child's name, as offices of different languages write
# them, score at least 0.85.
SAME_BY_CULTURE = [
    ("arabic", "Abdulrahman Khaled al-Hussein", "Abd al-Rahman Khalid Hussein"),
    ("arabic", "Mustafa Mahmoud", "Moustafa Mahmud"),
    ("arabic", "Zainab Hassan", "Zeinab Hasan"),
    ("arabic", "Mohammed al-Amin", "Mohamed Elamin"),
    ("arabic", "Khadija Abdallah", "خديجة عبد الله"),
    ("dari_pashto", "Gul Ahmad Popalzai", "Gulahmad Popalzay"),
    ("dari_pashto", "Noorullah Ahmadzai", "Noor Ullah Ahmadzay"),
    ("dari_pashto", "Zarghona Sultani", "Zarghuna Sultany"),
    ("dari_pashto", "Fereshta Rahimi", "فرشته رحیمی"),
    ("somali", "Cabdullaahi Xuseen", "Abdullahi Hussein"),
    ("somali", "Faadumo Cali", "Fadumo Ali"),
    ("somali", "Maxamed Jaamac", "Mohamed Jama"),
    ("somali", "Xaliimo Faarax", "Halima Farah"),
    ("tigrinya_amharic", "Tesfaye Gebremariam", "Tesfay G/Mariam"),
    ("tigrinya_amharic", "Yohannes Woldemichael", "Yohanes W/Michael"),
    ("tigrinya_amharic", "Senait Tekle", "Senayt Tecle"),
    ("tigrinya_amharic", "Dawit Haile", "ዳዊት ሃይለ"),
    ("ukrainian_russian", "Oleksandr Kovalenko", "Aleksandr Kovalenko"),
    ("ukrainian_russian", "Olena Shevchenko", "Олена Шевченко"),
    ("ukrainian_russian", "Volodymyr Bondarenko", "Wolodymyr Bondarenko"),
    ("ukrainian_russian", "Iryna Melnyk", "Irina Melnik"),
    ("ukrainian_russian", "Yurii Petrenko", "Iurii Petrenko"),
    ("ukrainian_russian", "Serhii Tkachenko", "Sergei Tkachenko"),  # Ukrainian / Russian form
    ("ukrainian_russian", "Ihor Savchuk", "Игорь Савчук"),  # Ukrainian h, Russian g
    ("ukrainian_russian", "Halyna Bondar", "Галина Бондарь"),
    ("west_african", "Mamadou Diallo", "Momodou Jallow"),
    ("west_african", "Fatoumata Bah", "Fatoumatta Ba"),
    ("west_african", "Aissatou Sow", "Isatou Sowe"),
    ("west_african", "Ousmane Camara", "Usman Kamara"),
    ("west_african", "Kadiatou Barry", "Kadijatou Bari"),
    pytest.param(
        "west_african", "Ibrahima Touré", "Ebrima Turay",
        marks=pytest.mark.xfail(reason="Ebrima drops Ibrahima's h; the variant data lacks Ebrima"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("culture", "a", "b"), SAME_BY_CULTURE)
def test_spellings_of_one_name_per_culture(culture: str, a: str, b: str) -> None:
    assert name_similarity(a, b) >= 0.85, culture


# Per culture: a sibling (same father's and grandfather's names, or same family name) scores
# below a respelling of the child's own name.
SIBLINGS = [
    ("Ahmad Khaled al-Hussein", "Ahmed Khalid Hussein", "Omar Khaled al-Hussein"),
    ("Gul Ahmad Popalzai", "Gulahmad Popalzay", "Shah Mahmood Popalzai"),
    ("Maxamed Jaamac Cali", "Mohamed Jama Ali", "Cabdi Jaamac Cali"),
    ("Tesfaye Gebremariam Haile", "Tesfay G/Mariam Haile", "Senait Gebremariam Haile"),
    ("Mamadou Diallo", "Momodou Jallow", "Aissatou Diallo"),
    ("Oleksandr Kovalenko", "Aleksandr Kovalenko", "Olena Kovalenko"),
]


def test_ukrainian_and_russian_documents_beat_a_namesake_with_another_father() -> None:
    # Found on generated data: one person's Ukrainian and Russian forms (г is h in one, g in
    # the other) scored below two men sharing a given name and surname, fathers differing.
    same = name_similarity("Ігор Свиридович Шевченко", "Игорь Свиридович Шевченко")
    namesakes = name_similarity("Харитон Сергійович Шевченко", "Шевченко Харитон Іванович")
    assert same > namesakes


@pytest.mark.parametrize(("child", "respelt", "sibling"), SIBLINGS)
def test_a_sibling_scores_below_the_child_respelt(child: str, respelt: str, sibling: str) -> None:
    assert name_similarity(child, sibling) < name_similarity(child, respelt)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hassan Ali", "Hussein Ali"),  # vowels only tell them apart: one skeleton
        ("Mohamed Ahmed", "Mahmoud Ahmed"),
    ],
)
def test_known_limits_stay_visible(a: str, b: str) -> None:
    """Different names that score as high as respellings, until a variant resource exists;
    written down so that a change that fixes them shows up here."""
    assert name_similarity(a, b) >= 0.85
