"""The search: launch opportunities from the earliest launch onwards, each tried at each port and length of stay,
judged by the station rules until ``count`` flights pass.

How a candidate is judged. One :class:`~planner.rules.engine.RuleEngine` checks the plan once (a full check, with
its element sets' orbit); each candidate is then added to it as a mission, re-checked incrementally
(``engine.changed("missions", id)``: only what that mission touches), and taken out again. The findings that were
not there before (conflicts or warnings that appeared or changed because of it) are the candidate's: any conflict
rejects it, and so does a warning of :data:`REJECTING_WARNINGS` (the issue asks for flights that pass every rule:
spacing, high beta, the landing's daylight and opportunity, the headcount's warning level). Before the engine, a
cheap screen turns down a port another vehicle occupies during the stay.

The project is never changed: the engine works on a copy of its list of missions, and the candidate's crew are
the given people or placeholders named only on its events.

One flight per launch opportunity: the first port (catalogue order, or the given port) and length of stay (in the
order given) that pass; a launch opportunity where none passes gets one rejection line, the first rule that
turned down each port (``2021-10-21: harmony-forward busy with Crew-3 until 2021-11-11 12:00 UTC; ...``).

Without an orbit (a plan with no element sets of the station) the launch and landing opportunities cannot be known:
the API then tries a launch a day at the earliest launch's time of day and lands the zone's undocking-to-landing
time after the stay (for tests and benchmarks; the command line refuses a plan without element sets).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from planner.finder.candidates import (CANDIDATE_ID, LANDING_LOOK_S, FlightRequest, Plan, RequestError, docked,
                                       nominal_departure, plan_request, returned)
from planner.model.landing_choice import LandingChoiceError
from planner.model.mission import EventKind, Mission
from planner.model.project import Project
from planner.model.rendezvous import RendezvousProfile
from planner.model.time_text import short_time
from planner.orbit.errors import CannotJudge
from planner.orbit.timebase import epoch_seconds, to_datetime
from planner.rules.engine import RuleEngine
from planner.rules.findings import Finding
from planner.rules.orbit_link import orbit_conditions

#: Warnings that reject a candidate (every conflict does): the rules the issue asks a flight to pass.
REJECTING_WARNINGS = frozenset({"spacing", "high-beta", "landing", "headcount"})
#: How far past the earliest launch the search goes unless told.
SEARCH_DAYS = 365.0
#: Launch opportunities are worked out this many days at a time (the first time, FIRST_CHUNK_DAYS, doubling).
CHUNK_DAYS = 16.0
FIRST_CHUNK_DAYS = 2.0


@dataclass(frozen=True)
class Flight:
    """A proposed flight: its events' times (aware UTC), the port, the opportunity and profile it was made from,
    and the mission as it would be added to the plan."""

    launch: datetime
    dock: datetime
    port: str
    undock: datetime
    land: datetime
    in_plane: datetime | None
    profile: RendezvousProfile
    stay_days: float
    mission: Mission

    def as_dict(self) -> dict:
        """``{"launch", "dock", "port", "undock", "land"}``, times ISO 8601 UTC with Z, to the second."""
        from planner.model.times import format_utc

        return {"launch": format_utc(self.launch), "dock": format_utc(self.dock), "port": self.port,
                "undock": format_utc(self.undock), "land": format_utc(self.land)}


@dataclass(frozen=True)
class Rejection:
    """A launch opportunity no port and stay passed at, and why: ``reasons``, the first rule that turned down each
    port (in the order tried); ``reason``, them in one line."""

    launch: datetime
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    @property
    def line(self) -> str:
        return f"{self.launch:%Y-%m-%d}: {self.reason}"

    def as_dict(self) -> dict:
        from planner.model.times import format_utc

        return {"launch": format_utc(self.launch), "reason": self.reason}


@dataclass(frozen=True)
class FinderResult:
    """The flights found (earliest first, at most the count asked), the launches turned down before the last of
    them, and why the search stopped short of the count (None when it found them all)."""

    flights: tuple[Flight, ...]
    rejected: tuple[Rejection, ...]
    stopped: str | None = None

    def as_dict(self) -> dict:
        return {"flights": [f.as_dict() for f in self.flights], "rejected": [r.as_dict() for r in self.rejected]}


class _Launch:
    """A launch to try: liftoff and in-plane moment (epoch seconds; in-plane None without an orbit)."""

    __slots__ = ("launch", "in_plane")

    def __init__(self, launch: float, in_plane: float | None):
        self.launch, self.in_plane = launch, in_plane


def find_flights(project: Project, request: FlightRequest, count: int = 3, days: float = SEARCH_DAYS,
                 conditions=..., stop: Callable[[], bool] | None = None) -> FinderResult:
    """The earliest ``count`` flights of ``request`` that pass every station rule in ``project``, searched over
    ``days`` from the earliest launch (see the module). ``conditions``: the rules' orbit
    (:func:`planner.rules.orbit_link.orbit_conditions` of the project unless given; None: no orbit). ``stop``:
    asked before each launch is tried (the app's Cancel, from another thread); when it says True the search ends
    with what it has, ``stopped`` saying it was cancelled.
    Raises :class:`RequestError` for a request the station cannot fly, or one the element sets cannot judge."""
    if count < 1:
        raise RequestError("the number of flights to find must be at least 1")
    work = replace(project, missions=list(project.missions))
    if conditions is ...:
        conditions = orbit_conditions(work)
    taken = {p.id for p in project.people} | {c for m in project.missions for e in m.events for c in e.crew}
    if any(m.id == CANDIDATE_ID for m in project.missions):
        raise RequestError(f"the plan already has a mission with the id '{CANDIDATE_ID}'")
    plan = plan_request(request, work.station, taken)
    start = float(epoch_seconds(request.earliest))
    end = start + days * 86400.0
    orbit = getattr(conditions, "orbit", None)
    stopped = None
    if orbit is not None:
        end, stopped = _reach(orbit, start, end)
    judge = _Judge(work, conditions)
    flights, rejected = [], []
    notes: list[str] = []
    for launch in _launches(plan, orbit, start, end, notes):
        if len(flights) >= count:
            break
        if stop is not None and stop():
            notes.insert(0, f"cancelled after {len(flights)} of {count} flights")
            break
        flight, reasons = _try_launch(plan, judge, launch)
        if flight is not None:
            flights.append(flight)
        else:
            rejected.append(Rejection(to_datetime(round(launch.launch)), tuple(reasons)))
    if len(flights) >= count:
        stopped = None
    elif notes:
        stopped = notes[0]
    elif stopped is None:
        stopped = f"only {len(flights)} of {count} flights within {days:g} days of the earliest launch"
    return FinderResult(tuple(flights), tuple(rejected), stopped)


def _reach(orbit, start: float, end: float) -> tuple[float, str | None]:
    """The end of the search within the element sets' reach (``planner.orbit.horizon.REACH_DAYS`` either side of an
    epoch, within the ephemeris), and why it is cut (None: not cut). Where SGP4 itself fails inside that reach, the
    launch opportunities say so and the search stops there (:func:`_launches`)."""
    from planner.orbit.horizon import REACH_DAYS, ephemeris_bounds

    first, last = ephemeris_bounds()
    reach = REACH_DAYS * 86400.0
    spans = []
    for epoch in sorted(float(e) for e in orbit.epochs):
        lo, hi = max(epoch - reach, first), min(epoch + reach, last)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        elif lo <= hi:
            spans.append([lo, hi])
    for lo, hi in spans:
        if lo <= start <= hi:
            if hi < end:
                return hi, f"the element sets reach only to {short_time(hi)}: import newer ones to search further"
            return end, None
    raise RequestError(f"the earliest launch, {short_time(start)}, is beyond the reach of the element sets "
                       f"({REACH_DAYS:g} days either side of an epoch)")


def _launches(plan: Plan, orbit, start: float, end: float, notes: list[str]):
    """The launches to try, in time order: the opportunities from the site (a launch a day without an orbit); where
    the orbit cannot give them, the reason goes to ``notes`` and the launches end."""
    if orbit is None:
        t = start
        while t <= end:
            yield _Launch(t, None)
            t += 86400.0
        return
    from planner.orbit.launch import launch_opportunities

    lead_room = 3600.0  # the liftoff comes minutes before the in-plane moment: look a little past the end
    t, chunk, last = start, FIRST_CHUNK_DAYS, -math.inf
    while t < end:
        b = min(t + chunk * 86400.0, end + lead_room)
        chunk = min(2 * chunk, CHUNK_DAYS)  # the first flights often come within days: ask little at first
        try:
            found = launch_opportunities(orbit, plan.request.site, to_datetime(t), to_datetime(b),
                                         plan.request.vehicle_type)
        except CannotJudge as error:
            notes.append(f"launch opportunities from {to_datetime(t):%Y-%m-%d} cannot be worked out: {error.reason}")
            return
        for o in found:
            if start <= o.launch <= end and o.in_plane > last:  # one at a chunk's edge comes once
                last = o.in_plane
                yield _Launch(o.launch, o.in_plane)
        t = b


def _try_launch(plan: Plan, judge: "_Judge", launch: _Launch) -> tuple[Flight | None, list[str]]:
    """The first flight from this launch that passes (port by port, stay by stay), or the reasons none did."""
    reasons = []
    for port in plan.ports:
        first = None  # the reason the first length of stay was turned down (the one a user asked for first)
        arrived = docked(plan, launch.launch, launch.in_plane, port)
        for stay in plan.request.stay_days:
            mission, why = _complete(plan, judge, arrived, stay)
            if mission is not None:
                why = judge.busy(mission, port) or judge.verdict(mission)
                if why is None:
                    return _flight(mission, launch, plan, stay, port), []
            first = first or why
        reasons.append(f"{port}: {first}" if len(plan.ports) > 1 and not first.startswith(port) else first)
    return None, reasons


def _complete(plan: Plan, judge: "_Judge", arrived: Mission, stay: float) -> tuple[Mission | None, str | None]:
    """The docked candidate with its departure and landing, or why it cannot land (no daylight opportunity)."""
    if plan.zone is None or judge.orbit is None:  # without an orbit: the zone's time after the stay, unjudged
        return returned(plan, arrived, stay), None
    nominal = float(epoch_seconds(nominal_departure(arrived, stay))) + plan.undock_to_land.total_seconds()
    try:
        found = judge.daylight_landings(plan.zone, nominal)
    except CannotJudge as error:
        return None, f"its landing at {plan.zone.name} cannot be worked out: {error.reason}"
    if not found:
        return None, (f"no landing opportunity in daylight at {plan.zone.name} within "
                      f"{LANDING_LOOK_S / 3600:g} h of {short_time(nominal)}")
    landing, sun = min(found, key=lambda o: abs(o[0] - nominal))
    try:
        return returned(plan, arrived, stay, landing, sun), None
    except LandingChoiceError as error:
        return None, str(error)


def _flight(mission: Mission, launch: _Launch, plan: Plan, stay: float, port: str) -> Flight:
    at = {e.kind: e.utc for e in mission.events}
    arrive = at.get(EventKind.DOCK) or at[EventKind.BERTH]
    leave = at.get(EventKind.UNDOCK) or at[EventKind.UNBERTH]
    plane = to_datetime(round(launch.in_plane)) if launch.in_plane is not None else None
    return Flight(at[EventKind.LAUNCH], arrive, port, leave, at[EventKind.LAND], plane, plan.profile, stay, mission)


class _Judge:
    """One engine over the plan; candidates go in, are judged by what they add, and come out again."""

    def __init__(self, work: Project, conditions):
        self.project = work
        self.engine = RuleEngine(work, conditions)
        self.before = set(self.engine.findings())
        self.orbit = getattr(conditions, "orbit", None)
        self.names = {m.id: m.name for m in work.missions}
        self._landings: dict[tuple[str, int], list[tuple[float, float]]] = {}

    def busy(self, mission: Mission, port: str) -> str | None:
        """Another vehicle at ``port`` during the candidate's stay there (the cheap screen), in words."""
        at = {e.kind: e.utc.timestamp() for e in mission.events}
        start = at.get(EventKind.DOCK, at.get(EventKind.BERTH))
        end = at.get(EventKind.UNDOCK, at.get(EventKind.UNBERTH))
        for stay in self.engine.timeline.port_stays.get(port, ()):
            if stay.start < end and start < stay.end:
                until = "onwards" if math.isinf(stay.end) else f"until {short_time(stay.end)}"
                return f"{port} busy with {self.names.get(stay.mission, stay.mission)} {until}"
        return None

    def verdict(self, mission: Mission) -> str | None:
        """The first rule the candidate breaks (its finding's words), or None when it passes."""
        engine = self.engine
        self.project.missions.append(mission)
        engine.changed("missions", mission.id)
        try:
            new = [f for f in engine.findings() if f not in self.before and _rejects(f)]
        finally:
            self.project.missions.pop()
            engine.changed("missions", mission.id)
        if not new:
            return None
        first = min(new, key=Finding.sort_key)
        return f"{first.rule}: {first.message}"

    def daylight_landings(self, zone, when: float) -> list[tuple[float, float]]:
        """(landing, Sun elevation) of the daylight landing opportunities at ``zone`` within LANDING_LOOK_S of
        ``when`` (worked out ten days at a time and kept)."""
        from planner.orbit.landing import landing_opportunities

        if self.orbit is None:
            raise CannotJudge("the plan has no element sets of the station")
        block = 10 * 86400.0
        found = []
        for k in range(int((when - LANDING_LOOK_S) // block), int((when + LANDING_LOOK_S) // block) + 1):
            key = (zone.id, k)
            if key not in self._landings:
                self._landings[key] = [(o.landing, o.sun_elevation_deg) for o in
                                       landing_opportunities(self.orbit, zone, to_datetime(k * block),
                                                             to_datetime((k + 1) * block)) if o.daylight]
            found += [o for o in self._landings[key] if abs(o[0] - when) <= LANDING_LOOK_S]
        return found


def _rejects(finding: Finding) -> bool:
    return finding.is_conflict or finding.rule in REJECTING_WARNINGS
