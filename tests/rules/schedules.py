"""Random small schedules for property tests (hypothesis strategies), on a whole-minute grid in 2030."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from planner.model import Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, Mission, Need, NeedKind
from planner.model import ActivityStatus, PortBlock, Project, StationSettings
from planner.model.crew_day import SleepShift

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
PEOPLE = ("ann", "bo", "cy", "di", "ed")
PORTS = ("rassvet-nadir", "poisk-zenith", "harmony-forward", "harmony-zenith", "unity-nadir", "pirs-nadir", "mars-port")
TYPES = ("soyuz-ms", "crew-dragon", "progress-ms", "cygnus", "cargo-dragon")
KINDS = (EventKind.LAUNCH, EventKind.DOCK, EventKind.BERTH, EventKind.UNDOCK, EventKind.UNBERTH,
         EventKind.RELOCATE, EventKind.LAND)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


times = st.integers(0, 30 * 24 * 60).map(lambda m: m - m % 30)  # half-hour grid: many exact ties
crews = st.lists(st.sampled_from(PEOPLE), unique=True, max_size=4).map(tuple)


@st.composite
def events(draw):
    kind = draw(st.sampled_from(KINDS))
    t = draw(times)
    port = draw(st.sampled_from(PORTS)) if kind not in (EventKind.LAUNCH, EventKind.LAND) else None
    from_port = draw(st.sampled_from(PORTS)) if kind is EventKind.RELOCATE else None
    end = at(t + draw(st.integers(0, 40)) * 30) if kind is EventKind.RELOCATE else None
    return Event(kind=kind, utc=at(t), port=port, from_port=from_port, end_utc=end, crew=draw(crews))


@st.composite
def missions(draw, mission_id: str):
    evs = draw(st.lists(events(), min_size=1, max_size=5))
    evs.sort(key=lambda e: e.utc)
    return Mission(id=mission_id, name=mission_id.upper(), vehicle_type=draw(st.sampled_from(TYPES)), events=evs,
                   tags=draw(st.sampled_from(((), ("roll-out-solar-arrays",), ("big",)))),
                   seats=draw(st.sampled_from((None, None, 1, 2))),
                   arrives_with=draw(st.sampled_from((None, None, None, "m0", "m1"))))


#: mostly planned; a skipped one is left out of the rules, a done one is not
STATUSES = (ActivityStatus.PLANNED, ActivityStatus.PLANNED, ActivityStatus.DONE, ActivityStatus.SKIPPED)


@st.composite
def activities(draw, activity_id: str):
    start = draw(times)
    kind = draw(st.sampled_from((ActivityKind.EVA, ActivityKind.FILM_SHOOT, ActivityKind.OTHER)))
    needs = draw(st.sampled_from(((), (Need(NeedKind.DAYLIGHT),), (Need(NeedKind.NO_DYNAMIC_EVENT),))))
    return Activity(id=activity_id, title=activity_id, kind=kind, start=at(start),
                    end=at(start + draw(st.integers(0, 16)) * 30),
                    people=draw(st.lists(st.sampled_from(PEOPLE + ("ghost",)), unique=True, max_size=3).map(tuple)),
                    needs=needs, status=draw(st.sampled_from(STATUSES)))


@st.composite
def projects(draw):
    n = draw(st.integers(0, 6))
    ms = [draw(missions(f"m{i}")) for i in range(n)]
    acts = [draw(activities(f"a{i}")) for i in range(draw(st.integers(0, 6)))]
    epochs = draw(st.lists(times, max_size=2))
    sets = [ElementSet(id=f"e{i}", format=ElementFormat.TLE, text="-", epoch=at(m)) for i, m in enumerate(epochs)]
    settings = StationSettings(headcount_warning=draw(st.integers(1, 4)), headcount_limit=draw(st.integers(3, 6)),
                               spacing_warning_hours=24.0, spacing_conflict_hours=48.0,
                               element_set_max_age_days=draw(st.sampled_from((1.0, 14.0))))
    blocks = (PortBlock("unity-nadir", "rassvet-nadir"), PortBlock("harmony-zenith", "harmony-forward",
                                                                    occupant_tags=("big",)))
    shifts = [draw(sleep_shifts(f"s{i}")) for i in range(draw(st.integers(0, 2)))]
    return Project(missions=ms, activities=acts, element_sets=sets, settings=settings, port_blocks=blocks,
                   sleep_shifts=shifts)


@st.composite
def sleep_shifts(draw, shift_id: str):
    """The crew's or one person's wake and sleep moved by whole half hours, on a day of the plan or every day."""
    day = draw(st.none() | st.integers(0, 30).map(lambda k: (T0 + timedelta(days=k)).date()))
    half_hours = st.integers(-16, 16).map(lambda n: n / 2)
    return SleepShift(shift_id, day=day, person=draw(st.none() | st.sampled_from(PEOPLE)),
                      wake_delay_hours=draw(half_hours), sleep_delay_hours=draw(half_hours))
