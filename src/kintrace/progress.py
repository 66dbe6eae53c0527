"""Progress reporting without a terminal dependency.

The library reports steps through a :class:`Progress` object; the CLI passes one that draws
bars with rich, an embedding service may pass its own, and the default draws nothing.
Descriptions name steps and counts only -- never a record's values.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["NullProgress", "Progress"]


class Progress(Protocol):
    """Receives the steps of a long run."""

    def start(self, step: str, total: int | None = None) -> None:
        """A step begins; ``total`` is its number of units (pairs, rows) when known."""

    def advance(self, amount: int) -> None:
        """``amount`` more units of the current step are done."""

    def finish(self) -> None:
        """The current step is done."""

    def note(self, message: str) -> None:
        """A one-line fact worth showing (pairs per blocking rule, EM convergence)."""


class NullProgress:
    """Reports nothing."""

    def start(self, step: str, total: int | None = None) -> None:
        return None

    def advance(self, amount: int) -> None:
        return None

    def finish(self) -> None:
        return None

    def note(self, message: str) -> None:
        return None
