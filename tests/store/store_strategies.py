"""Hypothesis strategies for valid projects: unique ids, references that resolve, values within limits."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from planner.model import (
    Activity, ActivityKind, ActivityStatus, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission, Need,
    NeedKind, Person, PortBlock, Project, ProjectMeta, StationSettings,
)
from planner.model.catalogue import load_station
from planner.store import layout as L

from store_examples import ELEMENT_TEXTS, TLE_EPOCH  # noqa: E402

STATION = load_station("iss")
PORTS = [p.id for p in STATION.ports]
TYPES = [v.id for v in STATION.vehicle_types]

texts = st.text(max_size=12)
# Names, titles and ids show no control characters, line separators or text-direction marks.
DIRECTION_MARKS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_shown = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=DIRECTION_MARKS)
names = st.text(_shown, min_size=1, max_size=12)
titles = st.text(_shown, max_size=12)
ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
times = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 30, 23, 59, 59), timezones=st.just(timezone.utc),
)
finite = st.floats(allow_nan=False, allow_infinity=False)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | finite | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def extras(known) -> st.SearchStrategy[dict]:
    """Unknown fields for an object whose known keys are ``known``."""
    return st.dictionaries(st.text(max_size=8).filter(lambda k: k not in known), json_values, max_size=2)


def _unique(items, key):
    seen, out = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


@st.composite
def events(draw, people: list[str]) -> Event:
    kind = draw(st.sampled_from(list(EventKind)))
    when = draw(times.filter(lambda t: t.year < 2200))
    crew = tuple(draw(st.lists(st.sampled_from(people), max_size=3, unique=True))) if people else ()
    port = from_port = end = None
    if kind is not EventKind.LAUNCH and kind is not EventKind.LAND:
        port = draw(st.sampled_from(PORTS))
    if kind is EventKind.RELOCATE:
        from_port = draw(st.sampled_from(PORTS))
        end = when + timedelta(seconds=draw(st.integers(0, 200_000)))
    return Event(kind, when, port=port, from_port=from_port, end_utc=end, crew=crew, note=draw(texts),
                 source=draw(texts), extra=draw(extras(L.EVENT_KEYS)))


@st.composite
def iss_element_sets(draw) -> ElementSet:
    """One of the real ISS element set's four forms; the epoch as the text says, or within the 1 ms tolerated."""
    fmt = draw(st.sampled_from(list(ElementFormat)))
    return ElementSet(
        id=draw(ids), format=fmt, text=ELEMENT_TEXTS[fmt],
        epoch=TLE_EPOCH + timedelta(microseconds=draw(st.integers(-1000, 1000))),
        norad_id=draw(st.none() | st.just(25544)), name=draw(titles), source=draw(texts),
        fetched=draw(st.none() | times), extra=draw(extras(L.ELEMENT_SET_KEYS)),
    )


@st.composite
def projects(draw, max_items: int = 3) -> Project:
    """A valid project with a few of everything."""
    people = _unique(draw(st.lists(st.builds(
        Person, id=ids, name=names, role=texts, agency=texts, note=texts, extra=extras(L.PERSON_KEYS),
    ), max_size=max_items)), lambda p: p.id)
    person_ids = [p.id for p in people]
    sites = _unique(draw(st.lists(st.builds(
        GroundSite, id=ids, name=names, lat_deg=st.floats(-90, 90), lon_deg=st.floats(-180, 180),
        alt_m=st.floats(*L.ALT_RANGE_M), min_elevation_deg=st.floats(-90, 90), note=texts,
        extra=extras(L.SITE_KEYS),
    ), max_size=max_items)), lambda s: s.id)
    site_ids = [s.id for s in sites]
    missions = _unique(draw(st.lists(st.builds(
        Mission, id=ids, name=names, vehicle_type=st.sampled_from(TYPES),
        events=st.lists(events(person_ids), max_size=max_items), tags=st.lists(ids, max_size=2).map(tuple),
        seats=st.none() | st.integers(0, L.MAX_SEATS), note=texts, extra=extras(L.MISSION_KEYS),
    ), max_size=max_items)), lambda m: m.id)
    for mission in missions:  # now and then one arrives attached to another (it must name one of the plan)
        others = [m.id for m in missions if m.id != mission.id]
        if others and draw(st.integers(0, 3)) == 0:
            mission.arrives_with = draw(st.sampled_from(others))
    need_kinds = list(NeedKind) if site_ids else [k for k in NeedKind if k is not NeedKind.SITE_IN_VIEW]

    @st.composite
    def needs(draw2):
        kind = draw2(st.sampled_from(need_kinds))
        site = draw2(st.sampled_from(site_ids)) if kind is NeedKind.SITE_IN_VIEW else (
            draw2(st.none() | st.sampled_from(site_ids)) if site_ids else None)
        network = draw2(st.none() | st.sampled_from(L.LINK_NETWORKS))
        return Need(kind, site, draw2(st.none() | st.floats(-90, 90)), network, extra=draw2(extras(L.NEED_KEYS)))

    @st.composite
    def activities(draw2):
        start = draw2(times.filter(lambda t: t.year < 2200))
        return Activity(
            id=draw2(ids), title=draw2(names), kind=draw2(st.sampled_from(list(ActivityKind))), start=start,
            end=start + timedelta(seconds=draw2(st.floats(0, 1e6))),
            people=tuple(draw2(st.lists(st.sampled_from(person_ids), max_size=3, unique=True))) if person_ids else (),
            module=draw2(texts), needs=tuple(draw2(st.lists(needs(), max_size=2))), note=draw2(texts),
            status=draw2(st.sampled_from(list(ActivityStatus))), extra=draw2(extras(L.ACTIVITY_KEYS)),
        )

    acts = _unique(draw(st.lists(activities(), max_size=max_items)), lambda a: a.id)
    element_sets = _unique(draw(st.lists(iss_element_sets(), max_size=2)), lambda e: e.id)
    settings = draw(st.none() | st.builds(
        StationSettings, beds=st.integers(0, 1000), headcount_warning=st.integers(0, 1000),
        headcount_limit=st.integers(0, 1000), spacing_warning_hours=st.floats(0, 1e5),
        spacing_conflict_hours=st.floats(0, 1e5), element_set_max_age_days=st.floats(0, 1e5),
    ))
    port_blocks = draw(st.none() | st.lists(st.builds(
        PortBlock, occupied=st.sampled_from(PORTS), blocked=st.sampled_from(PORTS),
        occupant_types=st.lists(st.sampled_from(TYPES), max_size=2).map(tuple),
        occupant_tags=st.lists(ids, max_size=2).map(tuple), note=texts, extra=extras(L.PORT_BLOCK_KEYS),
    ), max_size=2).map(tuple))
    return Project(
        meta=draw(st.builds(ProjectMeta, title=titles, description=texts, author=texts, extra=extras(L.META_KEYS))),
        settings=settings, port_blocks=port_blocks, missions=missions, people=people, activities=acts, sites=sites,
        element_sets=element_sets, extra=draw(extras(L.TOP_KEYS)), station_extra=draw(extras(L.STATION_KEYS)),
        # Unknown settings only live inside a settings object, so they need settings of the project's own.
        settings_extra=draw(extras(StationSettings.names())) if settings is not None else {},
    )
