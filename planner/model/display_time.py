"""Showing UTC instants in a mission-control clock (Moscow or Houston) without ever storing local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from planner.model.times import UTC


def format_in_zone(when: datetime | None, zone: str = "UTC", seconds: bool = True) -> str:
    """``2021-10-05 08:55:02 UTC``, or the same instant in ``zone`` with its abbreviation (``11:55:02 MSK``)."""
    if when is None:
        return ""
    local = when.astimezone(UTC if zone == "UTC" else ZoneInfo(zone))
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{local.strftime(pattern)} {local.tzname()}"
