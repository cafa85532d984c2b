"""Fast text writer for project files: the same bytes as ``json.dumps(project_to_dict(p), indent=2)``.

The standard library writes indented JSON with its pure-Python encoder, about six times slower than
compact JSON; a plan of 100,000 activities would take many seconds to save. Here the bulky objects
(missions, events, activities, needs) are written by hand with the C string encoder; everything small
goes through ``json.dumps``. A test checks byte equality with the reference form for generated projects.
"""

from __future__ import annotations

import json
from datetime import timezone
from json.encoder import encode_basestring as _enc  # the C version when available, ensure_ascii=False

from planner.model import Activity, Event, Mission, Need, Project
from planner.model.times import format_utc
from planner.store import encode
from planner.store import layout as L

_UTC = timezone.utc


def _utc(when) -> str:
    # isoformat is several times faster than strftime; other cases take the general path.
    if when.tzinfo is _UTC and not when.microsecond:
        return f'"{when.isoformat()[:19]}Z"'
    return _enc(format_utc(when))


def _generic(value, indent: str) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def _texts(items, indent: str) -> str:
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(map(_enc, items)) + "\n" + indent + "]"


def _extra(parts: list, extra: dict, known: tuple, indent: str) -> None:
    for key in sorted(extra):
        if key not in known:
            parts.append(f"{_enc(key)}: {_generic(extra[key], indent)}")


def _close(parts: list, indent: str) -> str:
    inner = indent + "  "
    return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}"


def _list(texts: list, indent: str) -> str:
    if not texts:
        return "[]"
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(texts) + "\n" + indent + "]"


def _event(event: Event, indent: str) -> str:
    inner = indent + "  "
    parts = [f'"kind": "{event.kind.value}"', f'"utc": {_utc(event.utc)}']
    if event.end_utc is not None:
        parts.append(f'"end_utc": {_utc(event.end_utc)}')
    if event.port:
        parts.append(f'"port": {_enc(event.port)}')
    if event.from_port:
        parts.append(f'"from_port": {_enc(event.from_port)}')
    if event.crew:
        parts.append(f'"crew": {_texts(event.crew, inner)}')
    if event.note:
        parts.append(f'"note": {_enc(event.note)}')
    if event.source:
        parts.append(f'"source": {_enc(event.source)}')
    if event.extra:
        _extra(parts, event.extra, L.EVENT_KEYS, inner)
    return _close(parts, indent)


def _mission(mission: Mission, indent: str) -> str:
    inner = indent + "  "
    parts = [f'"id": {_enc(mission.id)}', f'"name": {_enc(mission.name)}',
             f'"vehicle_type": {_enc(mission.vehicle_type)}']
    if mission.seats is not None:
        parts.append(f'"seats": {int(mission.seats)!r}')
    if mission.tags:
        parts.append(f'"tags": {_texts(mission.tags, inner)}')
    if mission.arrives_with:
        parts.append(f'"arrives_with": {_enc(mission.arrives_with)}')
    if mission.note:
        parts.append(f'"note": {_enc(mission.note)}')
    deeper = inner + "  "
    parts.append(f'"events": {_list([_event(e, deeper) for e in mission.events], inner)}')
    if mission.extra:
        _extra(parts, mission.extra, L.MISSION_KEYS, inner)
    return _close(parts, indent)


def _need(need: Need, indent: str) -> str:
    parts = [f'"kind": "{need.kind.value}"']
    if need.site:
        parts.append(f'"site": {_enc(need.site)}')
    if need.min_elevation_deg is not None:
        parts.append(f'"min_elevation_deg": {float(need.min_elevation_deg)!r}')
    if need.extra:
        _extra(parts, need.extra, L.NEED_KEYS, indent + "  ")
    return _close(parts, indent)


def _activity(activity: Activity, indent: str) -> str:
    inner = indent + "  "
    parts = [f'"id": {_enc(activity.id)}', f'"title": {_enc(activity.title)}', f'"kind": "{activity.kind.value}"',
             f'"start": {_utc(activity.start)}', f'"end": {_utc(activity.end)}']
    if activity.people:
        parts.append(f'"people": {_texts(activity.people, inner)}')
    if activity.module:
        parts.append(f'"module": {_enc(activity.module)}')
    if activity.needs:
        deeper = inner + "  "
        parts.append(f'"needs": {_list([_need(n, deeper) for n in activity.needs], inner)}')
    if activity.note:
        parts.append(f'"note": {_enc(activity.note)}')
    if activity.extra:
        _extra(parts, activity.extra, L.ACTIVITY_KEYS, inner)
    return _close(parts, indent)


def write_project(project: Project) -> str:
    """The text of a project file (see :func:`planner.store.project_to_json`)."""
    return "".join(iter_project_text(project))


_BATCH = 500  # items per yielded piece: few pieces, yet each small next to the whole file


def iter_project_text(project: Project):
    """The text of a project file in pieces, so a big plan can be saved without holding it all at once."""
    item = "    "  # list items inside the top-level object
    meta = {"title": project.meta.title}
    encode._put(meta, "description", project.meta.description)
    encode._put(meta, "author", project.meta.author)
    yield (
        f'{{\n  "format": {_enc(L.FORMAT)},\n  "schema_version": {L.SCHEMA_VERSION},\n'
        f'  "meta": {_generic(encode._put_extra(meta, project.meta.extra), "  ")},\n'
        f'  "station": {_generic(encode._station_to_dict(project), "  ")}'
    )
    sections = (
        ("people", project.people, lambda p: _generic(encode.person_to_dict(p), item)),
        ("missions", project.missions, lambda m: _mission(m, item)),
        ("activities", project.activities, lambda a: _activity(a, item)),
        ("sites", project.sites, lambda s: _generic(encode.site_to_dict(s), item)),
        ("element_sets", project.element_sets, lambda e: _generic(encode.element_set_to_dict(e), item)),
    )
    for key, items, render in sections:
        if not items:
            yield f',\n  "{key}": []'
            continue
        opening = f',\n  "{key}": [\n{item}'
        for start in range(0, len(items), _BATCH):
            yield opening + ",\n    ".join([render(x) for x in items[start:start + _BATCH]])
            opening = ",\n    "
        yield "\n  ]"
    if project.extra:
        parts: list = []
        _extra(parts, project.extra, L.TOP_KEYS, "  ")
        if parts:
            yield ",\n  " + ",\n  ".join(parts)
    yield "\n}\n"
