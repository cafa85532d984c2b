"""Applying a suggested fix: the changed missions and activities it takes, worked out on copies (the caller
decides how to store them, e.g. as one undo step)."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Iterator, NamedTuple

from planner.model import Activity, EventKind, Mission, Project
from planner.model.times import from_epoch
from planner.rules.findings import Finding, Suggestion

_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)
_DYNAMIC = _ARRIVE + _LEAVE + (EventKind.RELOCATE,)
#: The rules whose ``move-to`` fix moves one event with what belongs to it (see :func:`shift_event`).
EVENT_RULES = ("high-beta", "landing")


class FixError(ValueError):
    """The suggestion no longer fits the plan (it changed since the check)."""


class FixResult(NamedTuple):
    """What a fix changes, by collection: edited copies to put in place of the items with the same ids."""

    missions: tuple[Mission, ...] = ()
    activities: tuple[Activity, ...] = ()

    def changes(self) -> Iterator[tuple[str, Mission | Activity]]:
        """(collection, item) for every changed item: the missions first, then the activities."""
        for mission in self.missions:
            yield "missions", mission
        for activity in self.activities:
            yield "activities", activity

    def applied_to(self, project: Project) -> Project:
        """A copy of ``project`` with these changes in place (where ids repeat, of the item the rules read: the
        first mission, the last activity); ``project`` is not changed."""
        fixed = copy.deepcopy(project)
        for collection, item in self.changes():
            items = getattr(fixed, collection)
            order = range(len(items)) if collection == "missions" else range(len(items) - 1, -1, -1)
            items[next(k for k in order if items[k].id == item.id)] = item
        return fixed


def apply_fix(project: Project, finding: Finding, suggestion: Suggestion) -> FixResult:
    """The missions and activities changed by ``suggestion`` (edited copies, the project itself is untouched)."""
    if suggestion.action == "use-port":
        return FixResult(missions=(_use_port(project, finding, suggestion),))
    if suggestion.action == "move-to":
        return FixResult(missions=(_move_to(project, finding, suggestion),))
    if suggestion.action == "use-seat":
        return FixResult(missions=tuple(_use_seat(project, finding, suggestion)))
    if suggestion.action == "move-activity":
        return FixResult(activities=(_move_activity(project, suggestion),))
    raise FixError(f"no way to apply a '{suggestion.action}' fix")


def describe_fix(suggestion: Suggestion) -> str:
    """The undo step's name for a fix."""
    return f"Fix: {suggestion.text}"


def _move_activity(project: Project, suggestion: Suggestion) -> Activity:
    """The activity moved to start at the suggested time, its length kept."""
    if suggestion.utc is None:
        raise FixError("the fix names no time")
    # Where ids repeat the later activity counts, as the rules read them.
    activity = next((a for a in reversed(project.activities) if a.id == suggestion.activity), None)
    if activity is None:
        raise FixError(f"the activity '{suggestion.activity}' is no longer in the plan")
    moved = copy.deepcopy(activity)
    delta = from_epoch(suggestion.utc) - moved.start
    moved.start += delta
    moved.end += delta
    return moved


def _mission(project: Project, mission_id: str | None) -> Mission:
    mission = project.mission(mission_id) if mission_id else None
    if mission is None:
        raise FixError(f"the vehicle '{mission_id}' is no longer in the plan")
    return copy.deepcopy(mission)


def _arrival_index(mission: Mission, port: str | None, when: float) -> int:
    """The event that brings the vehicle to ``port`` for the stay around ``when`` (docking or redocking)."""
    best, best_gap = None, None
    for index, event in enumerate(mission.events):
        if event.kind in _ARRIVE or event.kind is EventKind.RELOCATE:
            if port is not None and event.port != port:
                continue
            gap = abs(event.end.timestamp() - when)
            if best_gap is None or gap < best_gap:
                best, best_gap = index, gap
    if best is None:
        raise FixError(f"{mission.name} has no arrival at {port}")
    return best


def _use_port(project: Project, finding: Finding, suggestion: Suggestion) -> Mission:
    mission = _mission(project, suggestion.vehicle or (finding.vehicles[0] if finding.vehicles else None))
    old_port = finding.ports[0] if finding.ports else None
    start = _arrival_index(mission, old_port, finding.start)
    new_port = suggestion.port
    mission.events[start].port = new_port
    # The stay goes on until the vehicle leaves that port: its undocking or a relocation away from it.
    for event in mission.events[start + 1:]:
        if event.kind is EventKind.RELOCATE and event.from_port == old_port:
            event.from_port = new_port
            break
        if event.kind in _LEAVE and event.port == old_port:
            event.port = new_port
            break
    return mission


def _move_to(project: Project, finding: Finding, suggestion: Suggestion) -> Mission:
    """Move the vehicle so that its event lands at the suggested time.

    For a stay-limit fix, the departure (and what follows it) moves earlier; otherwise the whole flight
    moves, so the launch-to-docking time and the length of the stay are kept.
    """
    if suggestion.utc is None:
        raise FixError("the fix names no time")
    mission = _mission(project, suggestion.vehicle or (finding.vehicles[0] if finding.vehicles else None))
    if finding.rule in EVENT_RULES:
        return shift_event(mission, finding.rule, finding.start, suggestion.utc)[0]
    target = from_epoch(suggestion.utc)
    if finding.rule == "stay-limit":
        index = next((i for i, e in enumerate(mission.events) if e.kind in _LEAVE and e.utc > target), None)
        if index is None:
            raise FixError(f"{mission.name} has no departure after {target:%Y-%m-%d %H:%M} UTC")
        delta = target - mission.events[index].utc
        moved = mission.events[index:]
    else:
        port = suggestion.port if suggestion.port in {e.port for e in mission.events} else None
        index = _arrival_index(mission, port, finding.start)
        event = mission.events[index]
        delta = target - (event.end if event.kind is EventKind.RELOCATE else event.utc)
        if finding.rule == "spacing":
            delta = max(delta, timedelta(0))
        moved = mission.events
    for event in moved:
        event.utc += delta
        if event.end_utc is not None:
            event.end_utc += delta
    mission.sort_events()
    return mission


def shift_event(mission: Mission, rule: str, when: float, target: float) -> tuple[Mission, list[int], bool]:
    """A copy of ``mission`` (events in time order) in which the event a ``high-beta`` or ``landing`` finding names,
    the one at ``when`` (epoch seconds), starts at ``target``; the positions of the events moved; and whether they
    kept their place among the others (no event passed another).

    What belongs to the event moves with it by the same time: the launch before an arrival (the rendezvous is kept),
    the landing after a departure and the departure before a landing (the descent is kept); a relocation moves alone.
    """
    moved = copy.deepcopy(mission)
    moved.sort_events()
    events = moved.events
    kinds = (EventKind.LAND,) if rule == "landing" else _DYNAMIC
    index = next((i for i, e in enumerate(events) if e.kind in kinds and abs(e.utc.timestamp() - when) < 1e-3), None)
    if index is None:
        raise FixError(f"{mission.name} has no such event at {from_epoch(when):%Y-%m-%d %H:%M} UTC any more")
    first = last = index
    kind = events[index].kind
    if kind in _ARRIVE:  # the launch and anything else since the event before
        while first > 0 and events[first - 1].kind not in _DYNAMIC:
            first -= 1
    elif kind in _LEAVE:  # the landing and anything else until the next event
        while last + 1 < len(events) and events[last + 1].kind not in _DYNAMIC:
            last += 1
    elif kind is EventKind.LAND:  # back to the departure it comes home from
        while first > 0 and events[first - 1].kind not in _DYNAMIC:
            first -= 1
        if first > 0 and events[first - 1].kind in _LEAVE:
            first -= 1
    delta = from_epoch(target) - events[index].utc
    for event in events[first:last + 1]:
        event.utc += delta
        if event.end_utc is not None:
            event.end_utc += delta
    # The block keeps its place when it still follows the event before it and comes before the one after it.
    in_order = all((a.end_utc or a.utc) <= b.utc for a, b in
                   ((events[i], events[i + 1]) for i in (first - 1, last) if 0 <= i < len(events) - 1))
    moved.sort_events()
    return moved, list(range(first, last + 1)), in_order


def _use_seat(project: Project, finding: Finding, suggestion: Suggestion) -> list[Mission]:
    """The people of the finding go home on the suggested vehicle instead of the one they leave on now."""
    lifeboat = _mission(project, suggestion.vehicle)
    leave = min((e for e in lifeboat.events if e.kind in _LEAVE and e.utc.timestamp() >= finding.start),
                key=lambda e: e.utc, default=None)
    if leave is None:
        raise FixError(f"{lifeboat.name} has no undocking after the problem starts")
    land = min((e for e in lifeboat.events if e.kind is EventKind.LAND and e.utc >= leave.utc),
               key=lambda e: e.utc, default=None)
    people = [p for p in finding.people if p not in leave.crew]
    if finding.rule == "lifeboat-seats" and finding.vehicles:
        people = _excess(project, finding, people)
    if not people:
        raise FixError("nobody to move: the people already leave on that vehicle")
    changed: dict[str, Mission] = {lifeboat.id: lifeboat}
    for person in people:
        # The departure that ends their stay now (the first from the problem on) and its landing: they go
        # home on the lifeboat instead.
        going = [(e.utc, m.id, i) for m in project.missions if m.id != lifeboat.id
                 for i, e in enumerate(m.events) if e.kind in _LEAVE and person in e.crew
                 and e.utc.timestamp() >= finding.start]
        if going:
            when, mid, index = min(going)
            edited = changed.setdefault(mid, copy.deepcopy(project.mission(mid)))
            lands = [e for e in edited.events if e.kind is EventKind.LAND and e.utc >= when and person in e.crew]
            home = [edited.events[index]] + ([min(lands, key=lambda e: e.utc)] if lands else [])
            for event in home:
                event.crew = tuple(p for p in event.crew if p != person)
        leave.crew = leave.crew + (person,)
        if land is not None:
            land.crew = land.crew + (person,)
    return list(changed.values())


def _excess(project: Project, finding: Finding, people: list[str]) -> list[str]:
    """The people to move off an overfull lifeboat: as many as it lacks seats, the last listed first."""
    full = project.mission(finding.vehicles[0])
    if full is None:
        return people
    vtype = project.station.vehicle_type(full.vehicle_type)
    seats = full.seats if full.seats is not None else (vtype.crew_seats if vtype else 0)
    excess = max(0, len(finding.people) - seats)
    order = [p for e in full.events for p in e.crew]
    ranked = sorted(people, key=lambda p: order.index(p) if p in order else -1, reverse=True)
    return ranked[:excess]
