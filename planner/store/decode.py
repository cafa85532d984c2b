"""Build a :class:`Project` from a decoded JSON document, checking every value on the way.

Validation is done by hand, not by a generic schema validator: it is several times faster on big plans
and the messages can say what is wrong in the planner's words. Problems are raised as
:class:`FieldError` with the JSON path as a tuple; the caller turns it into a ``ProjectFileError``.
The readers of single values are in ``fields.py``, element sets in ``element_sets.py``.
"""

from __future__ import annotations

from functools import cache

from planner.model import (
    Activity, ActivityKind, ActivityStatus, Event, EventKind, GroundSite, Mission, Need, NeedKind, Person, PortBlock,
    Project, ProjectMeta,
)
from planner.model.catalogue import load_station
from planner.resources import resource_path
from planner.store import fields as F
from planner.store.crew_day import crew_day_from_json, sleep_shifts_from_json
from planner.store import layout as L
from planner.store.element_sets import element_set
from planner.store.errors import FieldError

_NEEDS_PORT = frozenset({EventKind.DOCK, EventKind.BERTH, EventKind.UNDOCK, EventKind.UNBERTH, EventKind.RELOCATE})

_KNOWN = {name: frozenset(keys) for name, keys in (
    ("top", L.TOP_KEYS), ("meta", L.META_KEYS), ("station", L.STATION_KEYS), ("port_block", L.PORT_BLOCK_KEYS),
    ("person", L.PERSON_KEYS), ("mission", L.MISSION_KEYS), ("event", L.EVENT_KEYS),
    ("activity", L.ACTIVITY_KEYS), ("need", L.NEED_KEYS), ("site", L.SITE_KEYS),
)}
_EVENT_KINDS = F.enum_table(EventKind)
_ACTIVITY_KINDS = F.enum_table(ActivityKind)
_ACTIVITY_STATUSES = F.enum_table(ActivityStatus)
_NEED_KINDS = F.enum_table(NeedKind)


def project_from_document(doc: dict) -> Project:
    """Build a project from a current-version document (format and version already checked)."""
    top_extra = F.extra(doc, _KNOWN["top"], ())
    meta = _meta(doc.get("meta", {}))
    station_id, settings, port_blocks, station_extra, settings_extra, station = _station(doc.get("station", {"id": "iss"}))
    station_doc = doc.get("station")
    crew_day = None
    if type(station_doc) is dict and station_doc.get("crew_day") is not None:
        crew_day = crew_day_from_json(station_doc["crew_day"], station.crew_day)

    people_seen: dict = {}
    people = [_person(item, ("people", i), people_seen) for i, item in enumerate(F.a_list(doc, "people", ()))]
    sites_seen: dict = {}
    sites = [_site(item, ("sites", i), sites_seen) for i, item in enumerate(F.a_list(doc, "sites", ()))]
    missions = _missions(F.a_list(doc, "missions", ()), people_seen, station)
    _arrives_with(missions)
    activities = _activities(F.a_list(doc, "activities", ()), people_seen, sites_seen)
    sleep_shifts = sleep_shifts_from_json(F.a_list(doc, "sleep_shifts", ()), people_seen)
    sets_seen: dict = {}
    element_sets = [element_set(item, ("element_sets", i), sets_seen)
                    for i, item in enumerate(F.a_list(doc, "element_sets", ()))]
    return Project(
        meta=meta, station_id=station_id, settings=settings, port_blocks=port_blocks,
        missions=missions, people=people, activities=activities, sites=sites, element_sets=element_sets,
        extra=top_extra, station_extra=station_extra, settings_extra=settings_extra,
        crew_day=crew_day, sleep_shifts=sleep_shifts,
    )


def _meta(value) -> ProjectMeta:
    where = ("meta",)
    obj = F.an_object(value, where, "'meta'")
    title = obj.get("title", "Untitled plan")
    if type(title) is not str:
        raise FieldError(where + ("title",), f"'title' must be a text, not {F.kind_of(title)}")
    return ProjectMeta(
        title=F.plain(title, where + ("title",), "'title'"), description=F.text(obj, "description", where),
        author=F.text(obj, "author", where), extra=F.extra(obj, _KNOWN["meta"], where),
    )


@cache
def _station_ids() -> frozenset:
    # The bundled catalogues; an id is looked up here, never turned into a file name unchecked.
    return frozenset(path.stem for path in resource_path("stations").glob("*.json"))


def _station(value):
    where = ("station",)
    obj = F.an_object(value, where, "'station'")
    station_id = F.name(obj, "id", where)
    if station_id not in _station_ids():
        raise FieldError(where + ("id",), f"{F.show(station_id)} is not a station this planner knows "
                         f"(use {', '.join(repr(s) for s in sorted(_station_ids()))})")
    station = load_station(station_id)
    settings = None
    settings_extra: dict = {}
    if obj.get("settings") is not None:
        settings, settings_extra = _settings(obj["settings"], station)
    port_blocks = None
    if obj.get("port_blocks") is not None:
        port_blocks = tuple(
            _port_block(item, where + ("port_blocks", i), station)
            for i, item in enumerate(F.a_list(obj, "port_blocks", where))
        )
    return station_id, settings, port_blocks, F.extra(obj, _KNOWN["station"], where), settings_extra, station


def _settings(value, station):
    where = ("station", "settings")
    obj = F.an_object(value, where, "'settings'")
    defaults = station.settings
    names = defaults.names()
    changes = {}
    for name in names:
        if name not in obj:
            continue
        if type(getattr(defaults, name)) is int:
            changes[name] = F.integer(obj[name], where, name, 0, L.SETTING_MAX_COUNT)
        else:
            changes[name] = F.number(obj, name, where, 0.0, L.SETTING_MAX_SPAN)
    return defaults.updated(**changes), F.extra(obj, frozenset(names), where)


def _port_block(value, where: tuple, station) -> PortBlock:
    obj = F.an_object(value, where, "a port block")
    for key in ("occupied", "blocked"):
        port = F.required_text(obj, key, where)
        if station.port(port) is None:
            raise FieldError(where + (key,), f"{F.show(port)} is not a port of the {station.name}")
    types = F.texts(obj, "occupant_types", where)
    for index, type_id in enumerate(types):
        if station.vehicle_type(type_id) is None:
            raise FieldError(where + ("occupant_types", index), f"{F.show(type_id)} is not a known vehicle type")
    return PortBlock(
        occupied=obj["occupied"], blocked=obj["blocked"], occupant_types=types,
        occupant_tags=F.texts(obj, "occupant_tags", where, names=True), note=F.text(obj, "note", where),
        extra=F.extra(obj, _KNOWN["port_block"], where),
    )


def _person(value, where: tuple, seen: dict) -> Person:
    obj = F.an_object(value, where, "a person")
    return Person(
        id=F.unique_id(obj, where, seen, "person"), name=F.name(obj, "name", where),
        role=F.text(obj, "role", where), agency=F.text(obj, "agency", where), note=F.text(obj, "note", where),
        extra=F.extra(obj, _KNOWN["person"], where),
    )


def _site(value, where: tuple, seen: dict) -> GroundSite:
    obj = F.an_object(value, where, "a ground site")
    return GroundSite(
        id=F.unique_id(obj, where, seen, "site"), name=F.name(obj, "name", where),
        lat_deg=F.number(obj, "lat_deg", where, -90.0, 90.0, unit=" degrees"),
        lon_deg=F.number(obj, "lon_deg", where, -180.0, 180.0, unit=" degrees"),
        alt_m=F.number(obj, "alt_m", where, *L.ALT_RANGE_M, default=0.0, unit=" m"),
        min_elevation_deg=F.number(obj, "min_elevation_deg", where, *L.ELEVATION_RANGE_DEG, default=10.0,
                                   unit=" degrees"),
        note=F.text(obj, "note", where), extra=F.extra(obj, _KNOWN["site"], where),
    )


def _missions(items: list, people: dict, station) -> list:
    seen: dict = {}
    out = []
    for index, value in enumerate(items):
        out.append(_mission(value, ("missions", index), seen, people, station))
        items[index] = None  # the decoded JSON is ours: free it as we go to keep the peak memory down
    return out


def _mission(value, where: tuple, seen: dict, people: dict, station) -> Mission:
    obj = F.an_object(value, where, "a mission")
    ident = F.unique_id(obj, where, seen, "mission")
    name = F.name(obj, "name", where)
    vehicle_type = F.required_text(obj, "vehicle_type", where)
    if station.vehicle_type(vehicle_type) is None:
        raise FieldError(where + ("vehicle_type",), f"{F.show(vehicle_type)} is not a known vehicle type "
                         f"(use one of {', '.join(v.id for v in station.vehicle_types)})")
    seats = obj.get("seats")
    if seats is not None:
        seats = F.integer(seats, where, "seats", 0, L.MAX_SEATS)
    events_where = where + ("events",)
    events = [_event(item, events_where + (i,), people, station)
              for i, item in enumerate(F.a_list(obj, "events", where))]
    return Mission(
        id=ident, name=name, vehicle_type=vehicle_type, events=events, tags=F.texts(obj, "tags", where, names=True),
        seats=seats, note=F.text(obj, "note", where), extra=F.extra(obj, _KNOWN["mission"], where),
        arrives_with=F.optional_text(obj, "arrives_with", where),
    )


def _arrives_with(missions: list) -> None:
    """Each ``arrives_with`` names another mission of the plan (they may come in any order in the file)."""
    ids = {m.id for m in missions}
    for index, mission in enumerate(missions):
        other = mission.arrives_with
        if other is not None and (other not in ids or other == mission.id):
            what = "itself" if other == mission.id else f"{F.show(other)}, which is not a mission of this plan"
            raise FieldError(("missions", index, "arrives_with"), f"{mission.name} cannot arrive attached to {what}")


def _port(obj: dict, key: str, where: tuple, station) -> str | None:
    port = F.optional_text(obj, key, where)
    if port is not None and station.port(port) is None:
        raise FieldError(where + (key,), f"{F.show(port)} is not a port of the {station.name} "
                         f"(use one of {', '.join(p.id for p in station.ports)})")
    return port


def _event(value, where: tuple, people: dict, station) -> Event:
    obj = F.an_object(value, where, "an event")
    kind = F.enum_member(obj, "kind", _EVENT_KINDS, where, "event kind")
    utc = F.utc_time(obj, "utc", where)
    end_utc = F.utc_time(obj, "end_utc", where, required=False)
    port = _port(obj, "port", where, station)
    from_port = _port(obj, "from_port", where, station)
    if kind in _NEEDS_PORT and port is None:
        raise FieldError(where, f"a '{kind.value}' event needs a 'port'")
    if kind is EventKind.RELOCATE:
        if from_port is None:
            raise FieldError(where, "a 'relocate' event needs a 'from_port' (the port left)")
        if end_utc is None:
            raise FieldError(where, "a 'relocate' event needs an 'end_utc' (the redocking time)")
    if end_utc is not None and end_utc < utc:
        raise FieldError(where + ("end_utc",), "'end_utc' is before 'utc'")
    crew = F.texts(obj, "crew", where)
    if crew:
        F.references(crew, people, where, "crew", "person")
    return Event(
        kind=kind, utc=utc, port=port, from_port=from_port, end_utc=end_utc, crew=crew,
        note=F.text(obj, "note", where), source=F.text(obj, "source", where),
        extra=F.extra(obj, _KNOWN["event"], where),
    )


def _activities(items: list, people: dict, sites: dict) -> list:
    seen: dict = {}
    out = []
    for index, value in enumerate(items):
        out.append(_activity(value, ("activities", index), seen, people, sites))
        items[index] = None
    return out


def _activity(value, where: tuple, seen: dict, people: dict, sites: dict) -> Activity:
    obj = F.an_object(value, where, "an activity")
    ident = F.unique_id(obj, where, seen, "activity")
    title = F.name(obj, "title", where)
    kind = F.enum_member(obj, "kind", _ACTIVITY_KINDS, where, "activity kind")
    start = F.utc_time(obj, "start", where)
    end = F.utc_time(obj, "end", where)
    if end < start:
        raise FieldError(where + ("end",), "'end' is before 'start'")
    status = (F.enum_member(obj, "status", _ACTIVITY_STATUSES, where, "activity status") if "status" in obj
              else ActivityStatus.PLANNED)  # files from before statuses: every activity planned
    crew = F.texts(obj, "people", where)
    if crew:
        F.references(crew, people, where, "people", "person")
    needs = ()
    if "needs" in obj:
        needs_where = where + ("needs",)
        needs = tuple(_need(item, needs_where + (i,), sites) for i, item in enumerate(F.a_list(obj, "needs", where)))
    return Activity(
        id=ident, title=title, kind=kind, start=start, end=end, people=crew, module=F.text(obj, "module", where),
        needs=needs, note=F.text(obj, "note", where), status=status, extra=F.extra(obj, _KNOWN["activity"], where),
    )


def _need(value, where: tuple, sites: dict) -> Need:
    obj = F.an_object(value, where, "a need")
    kind = F.enum_member(obj, "kind", _NEED_KINDS, where, "need kind")
    site = F.optional_text(obj, "site", where)
    if site is not None and site not in sites:
        raise FieldError(where + ("site",), f"no ground site has the id {F.show(site)}")
    if kind is NeedKind.SITE_IN_VIEW and site is None:
        raise FieldError(where, "a 'site-in-view' need names its ground site in 'site'")
    elevation = None
    if obj.get("min_elevation_deg") is not None:
        elevation = F.number(obj, "min_elevation_deg", where, *L.ELEVATION_RANGE_DEG, unit=" degrees")
    network = F.optional_text(obj, "network", where)
    if network is not None and network not in L.LINK_NETWORKS:
        raise FieldError(where + ("network",), f"{F.show(network)} is not a network: expected us, ru or any")
    return Need(kind=kind, site=site, min_elevation_deg=elevation, network=network,
                extra=F.extra(obj, _KNOWN["need"], where))
