"""The crew's day in a project file: the station's ``crew_day`` (the values that differ from the catalogue's day
template) and the top-level ``sleep_shifts`` list. Old files have neither and open with the catalogue's day."""

from __future__ import annotations

import re
from datetime import date

from planner.model.crew_day import DayTemplate, SleepShift
from planner.store import fields as F
from planner.store import layout as L
from planner.store.errors import FieldError

_CLOCKS = frozenset({"wake_hour", "sleep_hour"})
_DAY = re.compile(r"\d\d\d\d-\d\d-\d\d", re.ASCII)
_SHIFT_KEYS = frozenset(L.SLEEP_SHIFT_KEYS)


def crew_day_from_json(value, defaults: DayTemplate) -> DayTemplate:
    """The project's day template from ``station.crew_day`` (missing values: the catalogue's)."""
    where = ("station", "crew_day")
    obj = F.an_object(value, where, "'crew_day'")
    names = defaults.names()
    changes = {}
    for name in names:
        if name in obj:
            low, high = L.CLOCK_HOUR_RANGE if name in _CLOCKS else L.DAY_HOURS_RANGE
            changes[name] = F.number(obj, name, where, low, high, unit=" h")
    return defaults.updated(**changes, extra=F.extra(obj, frozenset(names), where))


def crew_day_to_json(template: DayTemplate, defaults: DayTemplate) -> dict:
    """``station.crew_day``: the values that differ from the catalogue's, then the unknown fields kept."""
    out = {name: float(getattr(template, name)) for name in template.names()
           if getattr(template, name) != getattr(defaults, name)}
    for key in sorted(template.extra):
        out.setdefault(key, template.extra[key])
    return out


def sleep_shifts_from_json(items: list, people: dict) -> list[SleepShift]:
    """The ``sleep_shifts`` list, each checked (its person must be one of the plan's)."""
    seen: dict = {}
    return [_shift(value, ("sleep_shifts", i), seen, people) for i, value in enumerate(items)]


def _shift(value, where: tuple, seen: dict, people: dict) -> SleepShift:
    obj = F.an_object(value, where, "a sleep shift")
    ident = F.unique_id(obj, where, seen, "sleep shift")
    person = F.optional_text(obj, "person", where)
    if person is not None and person not in people:
        raise FieldError(where + ("person",), f"no person has the id {F.show(person)}")
    return SleepShift(
        id=ident, day=_day(obj, where), person=person,
        wake_delay_hours=F.number(obj, "wake_delay_hours", where, *L.SHIFT_HOURS_RANGE, default=0.0, unit=" h"),
        sleep_delay_hours=F.number(obj, "sleep_delay_hours", where, *L.SHIFT_HOURS_RANGE, default=0.0, unit=" h"),
        note=F.text(obj, "note", where), extra=F.extra(obj, _SHIFT_KEYS, where),
    )


def _day(obj: dict, where: tuple) -> date | None:
    value = obj.get("day")
    if value is None:
        return None
    if type(value) is not str or not _DAY.fullmatch(value):
        raise FieldError(where + ("day",), f"'day' must be a GMT date like 2012-09-16, not {F.show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(where + ("day",), f"{F.show(value)} is not a date") from None


def sleep_shift_to_json(shift: SleepShift) -> dict:
    """JSON form of a sleep shift (numbers always written; no day: every day, no person: the whole crew)."""
    out: dict = {"id": shift.id}
    if shift.day is not None:
        out["day"] = shift.day.isoformat()
    if shift.person is not None:
        out["person"] = shift.person
    out["wake_delay_hours"] = float(shift.wake_delay_hours)
    out["sleep_delay_hours"] = float(shift.sleep_delay_hours)
    if shift.note:
        out["note"] = shift.note
    for key in sorted(shift.extra):
        out.setdefault(key, shift.extra[key])
    return out
