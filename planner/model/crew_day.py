"""The crew's day on the station: a day template in GMT, sleep shifts, and each person's blocks of time.

The station runs on GMT. Defaults (``resources/stations/iss.json``, ``crew_day``; sources in
``docs/crew-day.md``): wake 06:00, an hour of post-sleep, a morning daily planning conference, the working
window (6.5 h of work, 1 h of lunch and 2.5 h of exercise), an evening conference, pre-sleep, sleep 21:30.
Saturday is a half day (housekeeping), Sunday a day off.

A :class:`SleepShift` moves one day's wake and sleep for the whole crew or one person (the crew's sleep moves
around a night-time docking or undocking); a shift with no day moves every day of that person (a person whose
day differs from the template's). Each person's blocks over a span, as arrays, are worked out in
:mod:`planner.station.crew_day` (this module is the plan's data only, and loads no numpy).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import IntEnum

DAY_S = 86400.0
SATURDAY, SUNDAY = 5, 6  # date.weekday()


class BlockKind(IntEnum):
    """What a person does in a block of their day."""

    SLEEP = 0
    POST_SLEEP = 1
    CONFERENCE = 2  # a daily planning conference with the ground
    WORK = 3  # the working window: work, lunch and exercise
    DAY_OFF = 4  # the waking hours of a day off
    PRE_SLEEP = 5


#: The blocks a planned activity should keep out of.
REST = (BlockKind.SLEEP, BlockKind.POST_SLEEP, BlockKind.PRE_SLEEP)
BLOCK_WORDS = {BlockKind.SLEEP: "sleep", BlockKind.POST_SLEEP: "post-sleep", BlockKind.CONFERENCE: "planning conference",
               BlockKind.WORK: "working hours", BlockKind.DAY_OFF: "day off", BlockKind.PRE_SLEEP: "pre-sleep"}


@dataclass(frozen=True, slots=True)
class DayTemplate:
    """The crew's usual day, in GMT hours. A project's own or the station catalogue's defaults."""

    wake_hour: float = 6.0  # wake-up, GMT
    post_sleep_hours: float = 1.0  # hygiene, breakfast, getting ready
    conference_hours: float = 0.25  # each daily planning conference, morning and evening
    work_hours: float = 6.5  # work a weekday holds (the rest of the working window: lunch, exercise)
    lunch_hours: float = 1.0
    exercise_hours: float = 2.5
    pre_sleep_hours: float = 2.0  # dinner, hygiene, own time before sleep
    sleep_hour: float = 21.5  # bed time, GMT
    saturday_work_hours: float = 3.25  # a half day of housekeeping
    sunday_work_hours: float = 0.0  # 0: a day off
    extra: dict = field(default_factory=dict, compare=False)  # unknown file fields, kept for saving

    def updated(self, **changes) -> "DayTemplate":
        """A copy with some values changed."""
        return replace(self, **changes)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The value names, in documentation order."""
        return tuple(f.name for f in fields(cls) if f.name != "extra")



#: A day of work around the clock, every day: no rest, no day off, no limit a day's plan can pass (for plans whose
#: crew's day is not to be judged, e.g. tests of other rules at any hour).
AROUND_THE_CLOCK = DayTemplate(wake_hour=0.0, post_sleep_hours=0.0, conference_hours=0.0, work_hours=24.0,
                               pre_sleep_hours=0.0, sleep_hour=24.0, saturday_work_hours=24.0, sunday_work_hours=24.0)


@dataclass(slots=True, eq=True)
class SleepShift:
    """The crew's (``person`` None) or one person's wake and sleep moved on ``day`` (GMT), or on every day when
    ``day`` is None. Hours later (negative: earlier): the wake of that day, and the sleep that starts that day."""

    id: str
    day: date | None = None
    person: str | None = None
    wake_delay_hours: float = 0.0
    sleep_delay_hours: float = 0.0
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """How the planner names it in lists and undo steps."""
        when = self.day.isoformat() if self.day else "every day"
        return f"Sleep shift {when}"


def template_from_catalogue(data: dict) -> DayTemplate:
    """The template of a station catalogue's ``crew_day`` object (``{name: {"default": ...}}``)."""
    known = set(DayTemplate.names())
    return DayTemplate(**{k: float(v["default"]) for k, v in data.items() if k in known})
