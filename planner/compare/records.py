"""A plan as records a diff and a merge compare: one per mission, event, person, activity, ground site, element
set and sleep shift, and one each for the plan's title, its station, its settings, its crew's day and its port
blocks.

A record is the JSON object the project file holds (``planner.store.encode``), unknown fields included, split
where a planner thinks of separate things: a mission's events are records of their own, under their mission.
Records are keyed by their section and id; an event, which has no id, by its mission's id, its kind and its
place among the mission's events of that kind (``dock``, ``relocate 2``). :func:`document` puts merged records
back together into a project document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model import Project
from planner.store import layout
from planner.store.encode import project_to_dict

#: Sections of records with ids: (the document's list, what one record is called, the field that names it).
COLLECTIONS = (
    ("people", "person", "name"),
    ("sites", "ground site", "name"),
    ("missions", "mission", "name"),
    ("activities", "activity", "title"),
    ("element_sets", "element set", "name"),
    ("sleep_shifts", "sleep shift", "day"),
)
#: Sections with a single record, and what it is called.
SINGLES = (("plan", "plan"), ("meta", "title and description"), ("station", "station"),
           ("settings", "settings"), ("crew_day", "crew's day"), ("port_blocks", "port blocks"))
EVENTS = "events"
#: The order sections are listed in: the plan's header first, the traffic, then what happens aboard.
SECTION_ORDER = ("plan", "meta", "station", "settings", "crew_day", "port_blocks", "missions", EVENTS, "people",
                 "activities", "sleep_shifts", "sites", "element_sets")
SECTION_TITLES = {"plan": "Plan", "meta": "Title and description", "station": "Station", "settings": "Settings",
                  "crew_day": "The crew's day", "port_blocks": "Port blocks", "missions": "Missions", EVENTS: "Events",
                  "people": "People", "activities": "Activities", "sleep_shifts": "Sleep shifts",
                  "sites": "Ground sites", "element_sets": "Element sets"}
_KIND = {name: what for name, what, _ in COLLECTIONS} | dict(SINGLES) | {EVENTS: "event"}
_HEADER = ("format", "schema_version", "meta", "station", *(name for name, _, _ in COLLECTIONS))


@dataclass(slots=True)
class Record:
    """One thing of a plan: its section, id (the key within its section), a name to show, and its fields as the
    file holds them (JSON values). ``parent`` is an event's mission id."""

    section: str
    id: str
    name: str
    fields: dict = field(default_factory=dict)
    parent: str | None = None

    @property
    def kind(self) -> str:
        """What the record is, in words ('mission', 'event', 'ground site', ...)."""
        return _KIND[self.section]

    @property
    def label(self) -> str:
        """How a planner reads the record: 'Soyuz MS-19 (soyuz-ms-19)', 'dock of Soyuz MS-19 (soyuz-ms-19)'."""
        if self.section in dict(SINGLES):
            return self.name
        if self.section == EVENTS:
            return f"{self.name} ({self.parent})"
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id

    @property
    def heading(self) -> str:
        """The record with what it is: 'mission Soyuz MS-19 (soyuz-ms-19)', 'event dock of Soyuz MS-19 (soyuz-ms-19)'."""
        if self.section in dict(SINGLES):
            return self.name
        return f"{self.kind} {self.label}"

    @property
    def event_key(self) -> str:
        """An event's key within its mission ('dock', 'relocate 2'); '' for other records."""
        return self.id.split("/", 1)[1] if self.section == EVENTS else ""


Key = tuple[str, str]  # (section, id)


def project_document(project: Project, effective_settings: bool = False) -> dict:
    """The project's document; with ``effective_settings`` every setting (and every value of the crew's day) is
    written, not only those the plan changes from the station's defaults (what a diff compares: '24 h' reads better
    than 'absent')."""
    doc = project_to_dict(project)
    if effective_settings:
        station = doc["station"]
        for key, values in (("settings", project.effective_settings), ("crew_day", project.effective_crew_day)):
            kept = {k: v for k, v in station.get(key, {}).items() if k not in values.names()}
            station[key] = {name: getattr(values, name) for name in values.names()} | kept
    return doc


def event_keys(events: list[dict]) -> list[str]:
    """Each event's key within its mission: its kind, numbered from the second of that kind on."""
    counts: dict[str, int] = {}
    keys = []
    for event in events:
        kind = str(event.get("kind"))
        counts[kind] = counts.get(kind, 0) + 1
        keys.append(kind if counts[kind] == 1 else f"{kind} {counts[kind]}")
    return keys


def records(doc: dict) -> dict[Key, Record]:
    """The document's records, in document order (the plan, its station, then each list in its order)."""
    out: dict[Key, Record] = {}

    def put(record: Record) -> None:
        out[(record.section, record.id)] = record

    put(Record("plan", "plan", "plan", {k: v for k, v in doc.items() if k not in _HEADER}))
    put(Record("meta", "meta", "title and description", dict(doc.get("meta", {}))))
    station = dict(doc.get("station", {}))
    settings = station.pop("settings", None)
    crew_day = station.pop("crew_day", None)
    blocks = station.pop("port_blocks", None)
    put(Record("station", "station", "station", station))
    put(Record("settings", "settings", "settings", dict(settings or {})))
    put(Record("crew_day", "crew_day", "crew's day", dict(crew_day or {})))
    put(Record("port_blocks", "port_blocks", "port blocks", {} if blocks is None else {"port_blocks": blocks}))
    for section, _, name_field in COLLECTIONS:
        for item in doc.get(section, ()):
            fields = {k: v for k, v in item.items() if k != "id"}
            events = fields.pop(EVENTS, None) if section == "missions" else None
            name = str(item.get(name_field) or item["id"])
            put(Record(section, item["id"], name, fields))
            if events is not None:
                for key, event in zip(event_keys(events), events):
                    put(Record(EVENTS, f"{item['id']}/{key}", f"{key} of {name}", dict(event), parent=item["id"]))
    return out


def document(merged: dict[Key, Record]) -> dict:
    """A project document from records (the inverse of :func:`records`); each event goes to its mission, in the
    order the records come."""
    by_section: dict[str, list[Record]] = {}
    for record in merged.values():
        by_section.setdefault(record.section, []).append(record)

    def single(section: str) -> dict:
        found = by_section.get(section)
        return dict(found[0].fields) if found else {}

    doc: dict = {"format": layout.FORMAT, "schema_version": layout.SCHEMA_VERSION, "meta": single("meta")}
    station = single("station")
    settings = single("settings")
    if settings:
        station["settings"] = settings
    crew_day = single("crew_day")
    if crew_day:
        station["crew_day"] = crew_day
    station.update(single("port_blocks"))
    doc["station"] = station
    events: dict[str, list[dict]] = {}
    for record in by_section.get(EVENTS, ()):
        events.setdefault(record.parent, []).append(dict(record.fields))
    for mission_events in events.values():  # each side's events were in time order; merged, they are again
        mission_events.sort(key=lambda e: str(e.get("utc", "")))
    for section, _, _ in COLLECTIONS:
        items = []
        for record in by_section.get(section, ()):
            item = {"id": record.id, **record.fields}
            if section == "missions":
                item[EVENTS] = events.get(record.id, [])
            items.append(item)
        doc[section] = items
    for key, value in single("plan").items():
        doc.setdefault(key, value)
    return doc


def person_names(doc: dict) -> dict[str, str]:
    """Person id -> name, to show crews and activities' people by name."""
    return {p["id"]: p.get("name", p["id"]) for p in doc.get("people", ())}
