"""Bring documents written by older planners up to the current layout, one version step at a time.

Each step takes the decoded JSON document of version N and returns one of version N+1; the loader runs
the chain from the file's version to :data:`SCHEMA_VERSION`. Steps work on plain JSON before any
validation, so they must tolerate anything and leave what they do not understand for the loader to report.
"""

from __future__ import annotations

from planner.store.layout import SCHEMA_VERSION


def _v0_to_v1(doc: dict) -> dict:
    """Version 0 (development builds): title/description/author at the top, ``station`` a bare id,
    event times named ``time``/``end_time``, and event crews a ``;``-separated text."""
    doc = dict(doc)
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    meta = dict(meta)
    for key in ("title", "description", "author"):
        if key in doc:
            meta.setdefault(key, doc.pop(key))
    if meta or "meta" in doc:
        doc["meta"] = meta
    if isinstance(doc.get("station"), str):
        doc["station"] = {"id": doc["station"]}
    missions = doc.get("missions")
    if isinstance(missions, list):
        doc["missions"] = [_v0_mission(m) if isinstance(m, dict) else m for m in missions]
    doc["schema_version"] = 1
    return doc


def _v0_mission(mission: dict) -> dict:
    mission = dict(mission)
    events = mission.get("events")
    if isinstance(events, list):
        mission["events"] = [_v0_event(e) if isinstance(e, dict) else e for e in events]
    return mission


def _v0_event(event: dict) -> dict:
    event = dict(event)
    for old, new in (("time", "utc"), ("end_time", "end_utc")):
        if old in event and new not in event:
            event[new] = event.pop(old)
    crew = event.get("crew")
    if isinstance(crew, str):
        event["crew"] = [name.strip() for name in crew.split(";") if name.strip()]
    return event


#: Step from version N (the key) to N+1.
MIGRATIONS = {0: _v0_to_v1}

OLDEST_VERSION = min(MIGRATIONS)


def migrate(doc: dict, version: int) -> dict:
    """The document brought from ``version`` up to :data:`SCHEMA_VERSION` (unchanged when current)."""
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc
