"""The JSON form of a project: a dict tree with every object's keys in the documented order, and its bytes.

Text and list fields are left out when empty and nullable fields when null; numbers are always written.
Unknown fields kept from the file (``extra``) follow the known ones, sorted by key.

The bytes are written by orjson: the standard library writes indented JSON with its pure-Python
encoder, about eight times slower than compact JSON (the file-speed target is five), and the only
other way to stay within it was a hand-written second copy of this layout.
"""

from __future__ import annotations

from datetime import datetime, timezone

import orjson

from planner.model import (
    Activity, ActivityStatus, ElementSet, Event, GroundSite, Mission, Need, Person, PortBlock, Project,
)
from planner.model.times import format_utc
from planner.store import layout as L
from planner.store.crew_day import crew_day_to_json, sleep_shift_to_json


def project_to_bytes(project: Project) -> bytes:
    """The UTF-8 bytes of a project file: 2-space indented JSON, non-ASCII as is, newline at the end."""
    return orjson.dumps(project_to_dict(project), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _utc(when: datetime) -> str:
    """``format_utc(when)``; whole-second UTC times (nearly all of a plan's) without its strftime.

    strftime took ~30 % of building the document of the 10,000-mission plan, and the save missed its
    target without this. A test holds the two equal.
    """
    if when.tzinfo is timezone.utc and not when.microsecond:
        return when.isoformat()[:19] + "Z"
    return format_utc(when)


def _put_extra(out: dict, extra: dict) -> dict:
    if extra:
        for key in sorted(extra):
            if key not in out:  # a known field always wins over a stray copy in extra
                out[key] = extra[key]
    return out


def _put(out: dict, key: str, value) -> None:
    # Empty texts/lists and None are defaults: leaving them out keeps files small and diffs quiet.
    if value:
        out[key] = list(value) if isinstance(value, tuple) else value


def project_to_dict(project: Project) -> dict:
    """The document of a project, ready for ``json.dumps`` (keys in the documented order)."""
    out = {"format": L.FORMAT, "schema_version": L.SCHEMA_VERSION}
    meta = {"title": project.meta.title}
    _put(meta, "description", project.meta.description)
    _put(meta, "author", project.meta.author)
    out["meta"] = _put_extra(meta, project.meta.extra)
    out["station"] = _station_to_dict(project)
    out["people"] = [person_to_dict(p) for p in project.people]
    out["missions"] = [mission_to_dict(m) for m in project.missions]
    out["activities"] = [activity_to_dict(a) for a in project.activities]
    out["sites"] = [site_to_dict(s) for s in project.sites]
    out["element_sets"] = [element_set_to_dict(e) for e in project.element_sets]
    if project.sleep_shifts:
        out["sleep_shifts"] = [sleep_shift_to_json(s) for s in project.sleep_shifts]
    return _put_extra(out, project.extra)


def _station_to_dict(project: Project) -> dict:
    station = {"id": project.station_id}
    if project.settings is not None or project.settings_extra:
        defaults = project.station.settings
        current = project.settings if project.settings is not None else defaults
        # Only the settings that differ from the catalogue: the rest follow the catalogue's defaults.
        settings = {}
        for name in current.names():
            value, default = getattr(current, name), getattr(defaults, name)
            if value != default:
                settings[name] = float(value) if type(default) is float else value
        station["settings"] = _put_extra(settings, project.settings_extra)
    if project.crew_day is not None:
        station["crew_day"] = crew_day_to_json(project.crew_day, project.station.crew_day)
    if project.port_blocks is not None:
        station["port_blocks"] = [port_block_to_dict(b) for b in project.port_blocks]
    return _put_extra(station, project.station_extra)


def port_block_to_dict(block: PortBlock) -> dict:
    """JSON form of a port block."""
    out = {"occupied": block.occupied, "blocked": block.blocked}
    _put(out, "occupant_types", block.occupant_types)
    _put(out, "occupant_tags", block.occupant_tags)
    _put(out, "note", block.note)
    return _put_extra(out, block.extra)


def person_to_dict(person: Person) -> dict:
    """JSON form of a person."""
    out = {"id": person.id, "name": person.name}
    _put(out, "role", person.role)
    _put(out, "agency", person.agency)
    _put(out, "note", person.note)
    return _put_extra(out, person.extra)


def mission_to_dict(mission: Mission) -> dict:
    """JSON form of a mission with its events."""
    out = {"id": mission.id, "name": mission.name, "vehicle_type": mission.vehicle_type}
    if mission.seats is not None:
        out["seats"] = mission.seats
    _put(out, "tags", mission.tags)
    _put(out, "arrives_with", mission.arrives_with)
    _put(out, "note", mission.note)
    out["events"] = [event_to_dict(e) for e in mission.events]
    return _put_extra(out, mission.extra)


def event_to_dict(event: Event) -> dict:
    """JSON form of a mission event."""
    out = {"kind": event.kind.value, "utc": _utc(event.utc)}
    if event.end_utc is not None:
        out["end_utc"] = _utc(event.end_utc)
    _put(out, "port", event.port)
    _put(out, "from_port", event.from_port)
    _put(out, "crew", event.crew)
    _put(out, "note", event.note)
    _put(out, "source", event.source)
    return _put_extra(out, event.extra)


def activity_to_dict(activity: Activity) -> dict:
    """JSON form of an activity with its needs."""
    out = {
        "id": activity.id, "title": activity.title, "kind": activity.kind.value,
        "start": _utc(activity.start), "end": _utc(activity.end),
    }
    if activity.status is not ActivityStatus.PLANNED:  # the default, left out
        out["status"] = activity.status.value
    _put(out, "people", activity.people)
    _put(out, "module", activity.module)
    if activity.needs:
        out["needs"] = [need_to_dict(n) for n in activity.needs]
    _put(out, "note", activity.note)
    return _put_extra(out, activity.extra)


def need_to_dict(need: Need) -> dict:
    """JSON form of an activity's need."""
    out = {"kind": need.kind.value}
    _put(out, "site", need.site)
    if need.min_elevation_deg is not None:
        out["min_elevation_deg"] = float(need.min_elevation_deg)
    _put(out, "network", need.network)
    return _put_extra(out, need.extra)


def site_to_dict(site: GroundSite) -> dict:
    """JSON form of a ground site (numbers always written)."""
    out = {
        "id": site.id, "name": site.name, "lat_deg": float(site.lat_deg), "lon_deg": float(site.lon_deg),
        "alt_m": float(site.alt_m), "min_elevation_deg": float(site.min_elevation_deg),
    }
    _put(out, "note", site.note)
    return _put_extra(out, site.extra)


def element_set_to_dict(elements: ElementSet) -> dict:
    """JSON form of an element set; ``text`` verbatim."""
    out = {"id": elements.id, "format": elements.format.value}
    _put(out, "name", elements.name)
    if elements.norad_id is not None:
        out["norad_id"] = elements.norad_id
    out["epoch"] = _utc(elements.epoch)
    _put(out, "source", elements.source)
    if elements.fetched is not None:
        out["fetched"] = _utc(elements.fetched)
    out["text"] = elements.text
    return _put_extra(out, elements.extra)
