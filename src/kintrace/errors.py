"""One exception tree for kintrace.

Every error kintrace raises on purpose subclasses :class:`KintraceError`, so an embedding
service can catch them all in one place and the CLI can map them to exit codes in one place::

    KintraceError
    ├── ConfigError            a mapping/settings file or parameter is wrong
    ├── InputError             an input file cannot be used as it is (CLI exit code 2)
    │   ├── ReadError          the file cannot be read: missing, wrong format, wrong encoding
    │   └── ValidationError    the file reads but breaks the data contract (carries a report)
    ├── ModelError             a model file is malformed or does not fit the comparisons
    │   └── NotFittedError     a model was used for scoring before it was trained or loaded
    └── OutputError            an output cannot be written (exists, not writable)

Messages name the file, the row (as a spreadsheet shows it: header = row 1) and the column;
they never carry a record's values -- no names, birth dates or locations -- because run logs
are shared and these are children's records.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from kintrace.io.validation import ValidationReport

__all__ = [
    "ConfigError",
    "InputError",
    "KintraceError",
    "ModelError",
    "NotFittedError",
    "OutputError",
    "ReadError",
    "ValidationError",
    "choice",
]


class KintraceError(Exception):
    """Root of every error kintrace raises on purpose."""


class ConfigError(KintraceError):
    """A settings or mapping file, or a parameter, is invalid."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path is not None else message)


class InputError(KintraceError):
    """An input file cannot be used as it is."""


class ReadError(InputError):
    """An input file cannot be read (missing, unsupported format, undecodable)."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path is not None else message)


class ValidationError(InputError):
    """An input file breaks the data contract; ``report`` lists every problem found."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.format())


class ModelError(KintraceError):
    """A model file is malformed, or does not fit the comparisons it is used with."""


class NotFittedError(ModelError):
    """The model has no parameters yet: train it or load it from a model file."""


class OutputError(KintraceError):
    """An output cannot be written."""


_Choice = TypeVar("_Choice", bound=Enum)


def choice(kind: type[_Choice], value: object, setting: str) -> _Choice:
    """The member of ``kind`` that ``value`` names, or a :class:`ConfigError` that says which
    ``setting`` is wrong and lists every allowed value."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise ConfigError(f"{setting} must be one of {allowed}. Got {value!r} instead.") from None
