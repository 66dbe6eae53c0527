"""Dates as registries write them: partial, defaulted, in either day/month order.

See :func:`parse_dates`.
"""

from __future__ import annotations

from kintrace.dates.parse import DatePrecision, DayMonthOrder, PartialDates, parse_dates

__all__ = ["DatePrecision", "DayMonthOrder", "PartialDates", "parse_dates"]
