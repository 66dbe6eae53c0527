"""Progress bars on the terminal, drawn with rich, for the library's progress reports."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class RichProgress:
    """Implements :class:`kintrace.progress.Progress` with rich bars on stderr."""

    def __init__(self, console: Console, *, enabled: bool = True) -> None:
        self._console = console
        self._enabled = enabled
        self._bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not enabled,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.finish()
        self._bars.stop()

    def start(self, step: str, total: int | None = None) -> None:
        self.finish()
        self._task = self._bars.add_task(step, total=total)

    def advance(self, amount: int) -> None:
        if self._task is not None:
            self._bars.advance(self._task, amount)

    def finish(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[-1]
            if task.total is None:
                self._bars.update(self._task, total=1, completed=1)
            else:
                self._bars.update(self._task, completed=task.total)
            self._task = None

    def note(self, message: str) -> None:
        if self._enabled:
            self._bars.console.print(f"  {escape(message)}", highlight=False)
