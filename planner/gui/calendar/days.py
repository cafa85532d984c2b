"""The schedule sorted into calendar days of a time zone (no Qt): what each day holds and how busy it is."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.exports.schedule import Schedule, ScheduleEntry
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


_SLACK_S = 3 * 3600  # more than any clock change


class DayIndex:
    """A plan's schedule by local day: ``on(day)`` the events and activities starting that day, ``stays_on(day)``
    the stays covering any part of it. A day's lines are made when that day is first asked for."""

    def __init__(self, schedule: Schedule, zone: str = "UTC"):
        self.zone = zone
        self.schedule = schedule
        self._on: dict[date, list[ScheduleEntry]] = {}

    def _bounds(self, day: date) -> tuple[float, float]:
        return day_start(day, self.zone), day_start(day + timedelta(days=1), self.zone)

    def on(self, day: date) -> list[ScheduleEntry]:
        """The events and activities starting on ``day``, in time order."""
        found = self._on.get(day)
        if found is None:
            t0, t1 = self._bounds(day)
            if self.zone == "UTC":
                found = self.schedule.starting_between(t0, t1)
            else:
                # Where a clock change repeats midnight, a local date is not one stretch of time: take a few
                # hours more on each side and keep what falls on the day by its own local date.
                found = [e for e in self.schedule.starting_between(t0 - _SLACK_S, t1 + _SLACK_S)
                         if local_day(e.start, self.zone) == day]
            self._on[day] = found
        return found

    def stays_on(self, day: date) -> list[ScheduleEntry]:
        """The vehicle stays covering any part of ``day``."""
        return self.schedule.stays_between(*self._bounds(day))

    def busy(self, day: date) -> int:
        """How busy a day is: 0 nothing starts, 1 activities only, 2 a docking, undocking or other station event."""
        entries = self.on(day)
        if any(e.kind == "event" for e in entries):
            return 2
        return 1 if entries else 0
