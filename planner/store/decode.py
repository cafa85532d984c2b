"""Build a :class:`Project` from a decoded JSON document, checking every value on the way.

Validation is done by hand, not by a generic schema validator: it is several times faster on big plans
and the messages can say what is wrong in the planner's words. Problems are raised as
:class:`FieldError` with the JSON path as a tuple; the caller turns it into a ``ProjectFileError``.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta

from planner.model import (
    Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission, Need, NeedKind,
    Person, PortBlock, Project, ProjectMeta,
)
from planner.model.catalogue import load_station
from planner.model.times import TimeFormatError, format_utc, parse_utc
from planner.store import layout as L
from planner.store.errors import FieldError

_STATION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_NEEDS_PORT = frozenset({EventKind.DOCK, EventKind.BERTH, EventKind.UNDOCK, EventKind.UNBERTH, EventKind.RELOCATE})

_KNOWN = {name: frozenset(keys) for name, keys in (
    ("top", L.TOP_KEYS), ("meta", L.META_KEYS), ("station", L.STATION_KEYS), ("port_block", L.PORT_BLOCK_KEYS),
    ("person", L.PERSON_KEYS), ("mission", L.MISSION_KEYS), ("event", L.EVENT_KEYS),
    ("activity", L.ACTIVITY_KEYS), ("need", L.NEED_KEYS), ("site", L.SITE_KEYS),
    ("element_set", L.ELEMENT_SET_KEYS),
)}


def _kind_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _enum_lookup(enum) -> dict:
    return {member.value: member for member in enum}


_EVENT_KINDS = _enum_lookup(EventKind)
_ACTIVITY_KINDS = _enum_lookup(ActivityKind)
_NEED_KINDS = _enum_lookup(NeedKind)
_ELEMENT_FORMATS = _enum_lookup(ElementFormat)


def _enum(obj: dict, key: str, table: dict, where: tuple, what: str):
    value = obj.get(key)
    member = table.get(value) if type(value) is str else None
    if member is None:
        if key not in obj:
            raise FieldError(where, f"'{key}' is missing")
        raise FieldError(where + (key,), f"{_show(value)} is not a known {what} (use one of {', '.join(table)})")
    return member


def _show(value) -> str:
    if type(value) is str:
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    return _kind_of(value)


def _object(value, where: tuple, what: str) -> dict:
    if type(value) is not dict:
        raise FieldError(where, f"{what} must be an object, not {_kind_of(value)}")
    return value


def _list(obj: dict, key: str, where: tuple) -> list:
    value = obj.get(key, ())
    if type(value) is not list:
        if value == ():
            return []
        raise FieldError(where + (key,), f"'{key}' must be a list, not {_kind_of(value)}")
    return value


def _required_text(obj: dict, key: str, where: tuple) -> str:
    value = obj.get(key)
    if type(value) is not str or not value:
        if key not in obj:
            raise FieldError(where, f"'{key}' is missing")
        raise FieldError(where + (key,), f"'{key}' must be a non-empty text, not {_show(value) if value != '' else 'empty'}")
    return value


def _text(obj: dict, key: str, where: tuple) -> str:
    value = obj.get(key, "")
    if type(value) is not str:
        raise FieldError(where + (key,), f"'{key}' must be a text, not {_kind_of(value)}")
    return value


def _optional_text(obj: dict, key: str, where: tuple) -> str | None:
    value = obj.get(key)
    if value is not None and (type(value) is not str or not value):
        raise FieldError(where + (key,), f"'{key}' must be a non-empty text or null, not {_show(value) if value != '' else 'empty'}")
    return value


def _texts(obj: dict, key: str, where: tuple) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None and key not in obj:
        return ()
    if type(value) is not list:
        raise FieldError(where + (key,), f"'{key}' must be a list of texts, not {_kind_of(value)}")
    for index, item in enumerate(value):
        if type(item) is not str or not item:
            raise FieldError(where + (key, index), f"must be a non-empty text, not {_show(item) if item != '' else 'empty'}")
    return tuple(value)


def _time(obj: dict, key: str, where: tuple, required: bool = True):
    value = obj.get(key)
    if value is None:
        if required:
            if key in obj:
                raise FieldError(where + (key,), f"'{key}' must be a UTC time like 2021-10-05T08:55:02Z, not null")
            raise FieldError(where, f"'{key}' is missing")
        return None
    if type(value) is str and len(value) == 20 and value[7:8] != "-":
        # parse_utc's fast path would take ISO week dates (2021-W40-1T08:55:02Z); files never hold them.
        raise FieldError(where + (key,), f"'{value}' is not a UTC time like 2021-10-05T08:55:02Z")
    try:
        return parse_utc(value)
    except TimeFormatError as exc:
        raise FieldError(where + (key,), str(exc)) from None


def _number(obj: dict, key: str, where: tuple, low: float, high: float, default=None, unit: str = "") -> float:
    value = obj.get(key, default)
    if value is None and key not in obj:
        raise FieldError(where, f"'{key}' is missing")
    if type(value) not in (int, float):
        raise FieldError(where + (key,), f"'{key}' must be a number, not {_kind_of(value)}")
    if not low <= value <= high:
        raise FieldError(where + (key,), f"'{key}' is {value}{unit}, outside {low:g} to {high:g}{unit}")
    return float(value)


def _integer(value, where: tuple, key: str, low: int, high: int) -> int:
    if type(value) is not int:
        if type(value) is float and value.is_integer():
            value = int(value)
        else:
            raise FieldError(where + (key,), f"'{key}' must be a whole number, not {_kind_of(value)}")
    if not low <= value <= high:
        raise FieldError(where + (key,), f"'{key}' is {value}, outside {low} to {high}")
    return value


def _depth_ok(value, limit: int) -> bool:
    # Iterative, so deep junk cannot exhaust the stack here.
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if type(item) is dict:
            stack.extend((child, depth + 1) for child in item.values())
        elif type(item) is list:
            stack.extend((child, depth + 1) for child in item)
    return True


def _extra(obj: dict, known: frozenset, where: tuple) -> dict:
    unknown = obj.keys() - known
    if not unknown:
        return {}
    extra = {}
    for key in sorted(unknown):
        value = obj[key]
        if type(value) in (dict, list) and not _depth_ok(value, L.MAX_EXTRA_DEPTH):
            raise FieldError(where + (key,), f"unknown field '{key}' is nested more than {L.MAX_EXTRA_DEPTH} levels deep")
        extra[key] = value
    return extra


def _unique_id(obj: dict, where: tuple, seen: dict, what: str) -> str:
    ident = _required_text(obj, "id", where)
    first = seen.get(ident)
    if first is not None:
        raise FieldError(where + ("id",), f"{what} id '{ident}' is used twice (first at index {first})")
    seen[ident] = where[-1]
    return ident


def _refs(ids: tuple, known: dict, where: tuple, key: str, what: str) -> None:
    """Each id names a known item, and none twice (a person cannot fill two seats or be at a shoot twice)."""
    first: dict = {}
    for index, ident in enumerate(ids):
        if ident not in known:
            raise FieldError(where + (key, index), f"no {what} has the id '{ident}'")
        if ident in first:
            raise FieldError(where + (key, index), f"{what} '{ident}' is named twice in '{key}' (first at index {first[ident]})")
        first[ident] = index


def _arrives_with(missions: list) -> None:
    """Each ``arrives_with`` names another mission of the plan (they may come in any order in the file)."""
    ids = {m.id for m in missions}
    for index, mission in enumerate(missions):
        other = mission.arrives_with
        if other is not None and (other not in ids or other == mission.id):
            what = "itself" if other == mission.id else f"'{other}', which is not a mission of this plan"
            raise FieldError(("missions", index, "arrives_with"),
                             f"{mission.name} cannot arrive attached to {what}")


def project_from_document(doc: dict) -> Project:
    """Build a project from a current-version document (format and version already checked)."""
    top_extra = _extra(doc, _KNOWN["top"], ())
    meta = _meta(doc.get("meta", {}))
    station_id, settings, port_blocks, station_extra, settings_extra, station = _station(doc.get("station", {"id": "iss"}))

    people_seen: dict = {}
    people = [_person(item, ("people", i), people_seen) for i, item in enumerate(_list(doc, "people", ()))]
    sites_seen: dict = {}
    sites = [_site(item, ("sites", i), sites_seen) for i, item in enumerate(_list(doc, "sites", ()))]
    missions = _missions(_list(doc, "missions", ()), people_seen, station)
    _arrives_with(missions)
    activities = _activities(_list(doc, "activities", ()), people_seen, sites_seen)
    sets_seen: dict = {}
    element_sets = [_element_set(item, ("element_sets", i), sets_seen) for i, item in enumerate(_list(doc, "element_sets", ()))]
    return Project(
        meta=meta, station_id=station_id, settings=settings, port_blocks=port_blocks,
        missions=missions, people=people, activities=activities, sites=sites, element_sets=element_sets,
        extra=top_extra, station_extra=station_extra, settings_extra=settings_extra,
    )


def _meta(value) -> ProjectMeta:
    where = ("meta",)
    obj = _object(value, where, "'meta'")
    title = obj.get("title", "Untitled plan")
    if type(title) is not str:
        raise FieldError(where + ("title",), f"'title' must be a text, not {_kind_of(title)}")
    return ProjectMeta(
        title=title, description=_text(obj, "description", where), author=_text(obj, "author", where),
        extra=_extra(obj, _KNOWN["meta"], where),
    )


def _station(value):
    where = ("station",)
    obj = _object(value, where, "'station'")
    station_id = _required_text(obj, "id", where)
    station = None
    if _STATION_ID.match(station_id):
        try:
            station = load_station(station_id)
        except KeyError:
            pass
    if station is None:
        raise FieldError(where + ("id",), f"'{station_id}' is not a station this planner knows (use 'iss')")
    settings = None
    settings_extra: dict = {}
    if obj.get("settings") is not None:
        settings, settings_extra = _settings(obj["settings"], station)
    port_blocks = None
    if obj.get("port_blocks") is not None:
        port_blocks = tuple(
            _port_block(item, where + ("port_blocks", i), station)
            for i, item in enumerate(_list(obj, "port_blocks", where))
        )
    return station_id, settings, port_blocks, _extra(obj, _KNOWN["station"], where), settings_extra, station


def _settings(value, station):
    where = ("station", "settings")
    obj = _object(value, where, "'settings'")
    defaults = station.settings
    names = defaults.names()
    changes = {}
    for name in names:
        if name not in obj:
            continue
        if type(getattr(defaults, name)) is int:
            changes[name] = _integer(obj[name], where, name, 0, L.SETTING_MAX_COUNT)
        else:
            changes[name] = _number(obj, name, where, 0.0, L.SETTING_MAX_SPAN)
    return defaults.updated(**changes), _extra(obj, frozenset(names), where)


def _port_block(value, where: tuple, station) -> PortBlock:
    obj = _object(value, where, "a port block")
    for key in ("occupied", "blocked"):
        port = _required_text(obj, key, where)
        if station.port(port) is None:
            raise FieldError(where + (key,), f"{_show(port)} is not a port of the {station.name}")
    types = _texts(obj, "occupant_types", where)
    for index, type_id in enumerate(types):
        if station.vehicle_type(type_id) is None:
            raise FieldError(where + ("occupant_types", index), f"{_show(type_id)} is not a known vehicle type")
    return PortBlock(
        occupied=obj["occupied"], blocked=obj["blocked"], occupant_types=types,
        occupant_tags=_texts(obj, "occupant_tags", where), note=_text(obj, "note", where),
        extra=_extra(obj, _KNOWN["port_block"], where),
    )


def _person(value, where: tuple, seen: dict) -> Person:
    obj = _object(value, where, "a person")
    return Person(
        id=_unique_id(obj, where, seen, "person"), name=_required_text(obj, "name", where),
        role=_text(obj, "role", where), agency=_text(obj, "agency", where), note=_text(obj, "note", where),
        extra=_extra(obj, _KNOWN["person"], where),
    )


def _site(value, where: tuple, seen: dict) -> GroundSite:
    obj = _object(value, where, "a ground site")
    return GroundSite(
        id=_unique_id(obj, where, seen, "site"), name=_required_text(obj, "name", where),
        lat_deg=_number(obj, "lat_deg", where, -90.0, 90.0, unit=" degrees"),
        lon_deg=_number(obj, "lon_deg", where, -180.0, 180.0, unit=" degrees"),
        alt_m=_number(obj, "alt_m", where, *L.ALT_RANGE_M, default=0.0, unit=" m"),
        min_elevation_deg=_number(obj, "min_elevation_deg", where, *L.ELEVATION_RANGE_DEG, default=10.0, unit=" degrees"),
        note=_text(obj, "note", where), extra=_extra(obj, _KNOWN["site"], where),
    )


def _mission(value, where: tuple, seen: dict, people: dict, station) -> Mission:
    obj = _object(value, where, "a mission")
    ident = _unique_id(obj, where, seen, "mission")
    name = _required_text(obj, "name", where)
    vehicle_type = _required_text(obj, "vehicle_type", where)
    if station.vehicle_type(vehicle_type) is None:
        raise FieldError(where + ("vehicle_type",), f"{_show(vehicle_type)} is not a known vehicle type "
                         f"(use one of {', '.join(v.id for v in station.vehicle_types)})")
    seats = obj.get("seats")
    if seats is not None:
        seats = _integer(seats, where, "seats", 0, L.MAX_SEATS)
    events_where = where + ("events",)
    events = [_event(item, events_where + (i,), people, station) for i, item in enumerate(_list(obj, "events", where))]
    return Mission(
        id=ident, name=name, vehicle_type=vehicle_type, events=events, tags=_texts(obj, "tags", where),
        seats=seats, note=_text(obj, "note", where), extra=_extra(obj, _KNOWN["mission"], where),
        arrives_with=_optional_text(obj, "arrives_with", where),
    )


def _port(obj: dict, key: str, where: tuple, station) -> str | None:
    port = _optional_text(obj, key, where)
    if port is not None and station.port(port) is None:
        raise FieldError(where + (key,), f"{_show(port)} is not a port of the {station.name} "
                         f"(use one of {', '.join(p.id for p in station.ports)})")
    return port


def _event(value, where: tuple, people: dict, station) -> Event:
    obj = _object(value, where, "an event")
    kind = _enum(obj, "kind", _EVENT_KINDS, where, "event kind")
    utc = _time(obj, "utc", where)
    end_utc = _time(obj, "end_utc", where, required=False)
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
    crew = _texts(obj, "crew", where)
    if crew:
        _refs(crew, people, where, "crew", "person")
    return Event(
        kind=kind, utc=utc, port=port, from_port=from_port, end_utc=end_utc, crew=crew,
        note=_text(obj, "note", where), source=_text(obj, "source", where),
        extra=_extra(obj, _KNOWN["event"], where),
    )


def _activity(value, where: tuple, seen: dict, people: dict, sites: dict) -> Activity:
    obj = _object(value, where, "an activity")
    ident = _unique_id(obj, where, seen, "activity")
    title = _required_text(obj, "title", where)
    kind = _enum(obj, "kind", _ACTIVITY_KINDS, where, "activity kind")
    start = _time(obj, "start", where)
    end = _time(obj, "end", where)
    if end < start:
        raise FieldError(where + ("end",), "'end' is before 'start'")
    crew = _texts(obj, "people", where)
    if crew:
        _refs(crew, people, where, "people", "person")
    needs = ()
    if "needs" in obj:
        needs_where = where + ("needs",)
        needs = tuple(_need(item, needs_where + (i,), sites) for i, item in enumerate(_list(obj, "needs", where)))
    return Activity(
        id=ident, title=title, kind=kind, start=start, end=end, people=crew, module=_text(obj, "module", where),
        needs=needs, note=_text(obj, "note", where), extra=_extra(obj, _KNOWN["activity"], where),
    )


def _need(value, where: tuple, sites: dict) -> Need:
    obj = _object(value, where, "a need")
    kind = _enum(obj, "kind", _NEED_KINDS, where, "need kind")
    site = _optional_text(obj, "site", where)
    if site is not None and site not in sites:
        raise FieldError(where + ("site",), f"no ground site has the id '{site}'")
    if kind is NeedKind.SITE_IN_VIEW and site is None:
        raise FieldError(where, "a 'site-in-view' need names its ground site in 'site'")
    elevation = None
    if obj.get("min_elevation_deg") is not None:
        elevation = _number(obj, "min_elevation_deg", where, *L.ELEVATION_RANGE_DEG, unit=" degrees")
    return Need(kind=kind, site=site, min_elevation_deg=elevation, extra=_extra(obj, _KNOWN["need"], where))


def _element_set(value, where: tuple, seen: dict) -> ElementSet:
    obj = _object(value, where, "an element set")
    ident = _unique_id(obj, where, seen, "element set")
    fmt = _enum(obj, "format", _ELEMENT_FORMATS, where, "element set format")
    text = _required_text(obj, "text", where)
    norad_id = obj.get("norad_id")
    if norad_id is not None:
        norad_id = _integer(norad_id, where, "norad_id", 1, L.MAX_NORAD_ID)
    epoch = _time(obj, "epoch", where)
    _check_elements(fmt, text, epoch, norad_id, where)
    return ElementSet(
        id=ident, format=fmt, text=text, epoch=epoch, norad_id=norad_id,
        name=_text(obj, "name", where), source=_text(obj, "source", where),
        extra=_extra(obj, _KNOWN["element_set"], where),
    )


_FORMAT_NAMES = {ElementFormat.TLE: "TLE", ElementFormat.OMM_JSON: "OMM JSON", ElementFormat.OMM_CSV: "OMM CSV",
                 ElementFormat.OMM_XML: "OMM XML"}


def _check_elements(fmt: ElementFormat, text: str, epoch: datetime, norad_id: int | None, where: tuple) -> None:
    """The text is one element set in ``fmt`` that the orbit engine reads, of the stated epoch and satellite.

    Read with the orbit package's own parsers, so a file loads only if its element sets can be flown.
    """
    # Imported here: the orbit package brings numpy, which plans without element sets never need.
    from planner.orbit.elements import guess_format, parse_elements

    name = _FORMAT_NAMES[fmt]
    problem = None
    try:
        sets = parse_elements(text, fmt=fmt)
    except RecursionError:
        problem = "it is nested too deeply"
    except (ValueError, TypeError, OverflowError, csv.Error) as exc:  # ElementSetError is a ValueError
        problem = str(exc) or type(exc).__name__
        if problem.startswith("line "):  # the parsers count lines of the text, not of the project file
            problem = "text " + problem
    if problem is not None:
        looks = guess_format(text)
        hint = f" (the text looks like {_FORMAT_NAMES[looks]}: is 'format' right?)" if looks is not fmt else ""
        raise FieldError(where + ("text",), f"not a valid {name} element set: {problem}{hint}")
    if len(sets) != 1:
        raise FieldError(where + ("text",), f"the text holds {len(sets)} element sets; each entry of 'element_sets' "
                         "holds one")
    parsed = sets[0]
    if abs(parsed.epoch - epoch) > _EPOCH_TOLERANCE:
        raise FieldError(where + ("epoch",), f"'epoch' is {format_utc(epoch)} but the {name} text's epoch is "
                         f"{format_utc(parsed.epoch)}")
    if norad_id is not None and norad_id != parsed.norad_id:
        raise FieldError(where + ("norad_id",), f"'norad_id' is {norad_id} but the {name} text is of satellite "
                         f"{parsed.norad_id}")


_EPOCH_TOLERANCE = timedelta(milliseconds=1)  # files written by hand may round the text's epoch to the millisecond


def _activities(items: list, people: dict, sites: dict) -> list:
    seen: dict = {}
    out = []
    for index, value in enumerate(items):
        out.append(_activity(value, ("activities", index), seen, people, sites))
        items[index] = None  # the decoded JSON is ours: free it as we go to keep the peak memory down
    return out


def _missions(items: list, people: dict, station) -> list:
    seen: dict = {}
    out = []
    for index, value in enumerate(items):
        out.append(_mission(value, ("missions", index), seen, people, station))
        items[index] = None
    return out
