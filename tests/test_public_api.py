"""The public facade: what users may import, and that the library needs no CLI dependency."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kintrace


def test_all_names_are_importable() -> None:
    for name in kintrace.__all__:
        assert hasattr(kintrace, name), name


def test_all_is_sorted_and_unique() -> None:
    names = [n for n in kintrace.__all__ if n != "__version__"]
    assert len(names) == len(set(names))


def test_every_error_subclasses_the_root() -> None:
    for name in kintrace.__all__:
        value = getattr(kintrace, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, kintrace.KintraceError), name


def test_library_imports_without_cli_dependencies() -> None:
    code = (
        "import sys, kintrace, kintrace.linking, kintrace.run\n"
        "bad = [m for m in ('typer', 'rich') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("top_k", 0),
        ("min_probability", 1.0),
        ("threads", 0),
        ("chunk_size", 0),
        ("blocking_memory_mib", 10),
        ("age_limit", 0),
        ("default_days", ((1, 14),)),
    ],
)
def test_bad_link_settings_name_the_parameter(setting: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"'{setting}' parameter of LinkSettings"):
        kintrace.LinkSettings(**{setting: value})
