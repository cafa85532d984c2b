"""The schedule sorted into calendar days of a time zone (no Qt): what each day holds and how busy it is."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.exports.schedule import ScheduleEntry
from planner.model.times import UTC


def tz_of(zone: str):
    """The tzinfo of a display zone name."""
    return UTC if zone == "UTC" else ZoneInfo(zone)


def day_start(day: date, zone: str) -> float:
    """Epoch seconds of local midnight starting ``day``."""
    return datetime.combine(day, time(0), tz_of(zone)).timestamp()


def local_day(t: float, zone: str) -> date:
    """The local date of an instant."""
    return datetime.fromtimestamp(t, tz_of(zone)).date()


class DayIndex:
    """Entries by local day: ``events`` and ``activities`` by the day they start; ``stays`` by each day they cover."""

    def __init__(self, entries: list[ScheduleEntry], zone: str = "UTC"):
        self.zone = zone
        self.starting: dict[date, list[ScheduleEntry]] = defaultdict(list)
        self.stays: list[ScheduleEntry] = [e for e in entries if e.kind == "stay"]
        for entry in entries:
            if entry.kind != "stay":
                self.starting[local_day(entry.start, zone)].append(entry)

    def on(self, day: date) -> list[ScheduleEntry]:
        """The events and activities starting on ``day``, in time order."""
        return self.starting.get(day, [])

    def stays_on(self, day: date) -> list[ScheduleEntry]:
        """The vehicle stays covering any part of ``day``."""
        t0 = day_start(day, self.zone)
        t1 = day_start(day + timedelta(days=1), self.zone)
        return [s for s in self.stays if s.start < t1 and (math.isinf(s.end) or s.end > t0)]

    def busy(self, day: date) -> int:
        """How busy a day is: 0 nothing starts, 1 activities only, 2 a docking, undocking or other station event."""
        entries = self.on(day)
        if any(e.kind == "event" for e in entries):
            return 2
        return 1 if entries else 0
