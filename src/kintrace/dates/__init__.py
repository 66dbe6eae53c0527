"""Dates as registries write them: partial, defaulted, in either day/month order, in the
Gregorian, Ethiopian, Solar Hijri or lunar Hijri calendar.

See :func:`parse_dates` and :mod:`kintrace.dates.calendars`.
"""

from __future__ import annotations

from kintrace.dates.calendars import Calendar
from kintrace.dates.columns import DateColumns
from kintrace.dates.parse import (
    DEFAULT_DAYS,
    DatePrecision,
    DayMonthOrder,
    PartialDates,
    parse_dates,
)

__all__ = [
    "DEFAULT_DAYS",
    "Calendar",
    "DateColumns",
    "DatePrecision",
    "DayMonthOrder",
    "PartialDates",
    "parse_dates",
]
