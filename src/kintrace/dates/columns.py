"""How each date column of an export is written: its calendar and its day/month order.

A mapping file says it per column (``[children.calendars]``, ``[children.date_order]``); a run
passes it to the standardise step as one :class:`DateColumns` per registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kintrace.dates.calendars import Calendar, check_calendar

__all__ = ["DateColumns"]


@dataclass(frozen=True)
class DateColumns:
    """Per canonical date column: its calendar and its day/month order, where not the run's.

    Parameters
    ----------
    calendars:
        ``{"date_of_birth": "ethiopian"}``: columns not in the Gregorian calendar.
    orders:
        ``{"registration_date": "mdy"}``: columns whose day/month order is known; the others
        follow the run's ``date_order`` (inferred per column by default).
    """

    calendars: Mapping[str, str] = field(default_factory=dict)
    orders: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column, calendar in self.calendars.items():
            check_calendar(calendar, where=f"calendar of {column}")

    def calendar(self, column: str) -> Calendar:
        """The calendar ``column`` is written in."""
        return Calendar(self.calendars.get(column, Calendar.GREGORIAN))

    def order(self, column: str, default: str) -> str:
        """The day/month order of ``column`` (``default`` where not set)."""
        return self.orders.get(column, default)
