"""Slavic patronymics: the father's name inside the child's middle name, for blocking."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kintrace.blocking import key_table
from kintrace.names import skeleton_keys, standard_tokens
from kintrace.names.patronymic import patronymic_stem

# (patronymic as written, the father's given name as a request gives it)
PATRONYMICS = [
    ("Mykhailovych", "Mykhailo"),  # Ukrainian, son
    ("Andriivna", "Andrii"),  # Ukrainian, daughter
    ("Oleksandrivna", "Oleksandr"),
    ("Bohdanovych", "Bohdan"),
    ("Mykolaiovych", "Mykola"),
    ("Ivanovich", "Ivan"),  # Russian
    ("Petrovna", "Petr"),
    ("Dmitrievna", "Dmitrii"),
    ("Sergeyevich", "Sergei"),
    ("Arsenyevich", "Arsenii"),
    ("Andrijowycz", "Andrij"),  # Polish-style romanisation
    ("Опанасович", "Opanas"),  # Cyrillic
]


def _tok(name: str) -> str:
    (token,) = standard_tokens(name)
    return token


@pytest.mark.parametrize(("patronymic", "father"), PATRONYMICS)
def test_a_patronymic_holds_the_fathers_skeleton(patronymic: str, father: str) -> None:
    stem = patronymic_stem(_tok(patronymic))
    assert stem is not None
    assert set(skeleton_keys(stem)) & set(skeleton_keys(_tok(father)))


@pytest.mark.parametrize("name", ["Ivanov", "Kovalenko", "Shevchenko", "Mohamed", "Ich", "Ovna"])
def test_other_names_are_not_patronymics(name: str) -> None:
    assert patronymic_stem(_tok(name)) is None


@given(st.text(max_size=30))
def test_never_raises_and_only_shortens(text: str) -> None:
    stem = patronymic_stem(text)
    assert stem is None or (text.startswith(stem) and len(stem) < len(text))


def test_child_with_patronymic_meets_a_request_naming_the_father() -> None:
    # The registration writes the patronymic; the request, lodged by the father, gives his name.
    child = pd.DataFrame(
        {"name": ["yaroslav mykhailovych lysenko"], "father": [None], "mother": [None],
         "birth_year": [2012.0], "sex": ["m"]}
    )  # fmt: skip
    request = pd.DataFrame(
        {"name": ["yaroslav"], "father": ["mykhailo"], "mother": [None],
         "birth_year": [2012.0], "sex": ["m"]}
    )  # fmt: skip
    child_keys = set(key_table(child, "pair").column("k").to_pylist())
    request_keys = set(key_table(request, "pair").column("k").to_pylist())
    assert "MHL+YRSLV" in child_keys & request_keys
