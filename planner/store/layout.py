"""The shape of a project file: the fixed key order of each kind of object, and the limits on values.

Writers put an object's known keys in the order listed here, then its unknown keys sorted, so the same
project always gives the same bytes and files diff and merge well. The JSON Schema
(``resources/schema/project.schema.json``) documents the same shape; a test keeps the two in step.
"""

from __future__ import annotations

FORMAT = "iss-visit-planner"

#: The version of the layout this planner writes; older files are migrated (``migrations.py``).
SCHEMA_VERSION = 1

#: Files bigger than this are refused before they are read. A plan with 10,000 missions and 100,000
#: activities is about 45 MB; in memory a loaded project takes roughly ten times its file size, so a
#: 256 MiB file would already need several GB. Anything bigger is almost certainly not a plan.
MAX_FILE_BYTES = 256 * 1024 * 1024

#: Unknown fields may hold any JSON, but not nested deeper than this (deep junk must not crash a save).
MAX_EXTRA_DEPTH = 64

TOP_KEYS = ("format", "schema_version", "meta", "station", "people", "missions", "activities", "sites", "element_sets",
            "sleep_shifts")
META_KEYS = ("title", "description", "author")
STATION_KEYS = ("id", "settings", "crew_day", "port_blocks")
PORT_BLOCK_KEYS = ("occupied", "blocked", "occupant_types", "occupant_tags", "note")
PERSON_KEYS = ("id", "name", "role", "agency", "note")
MISSION_KEYS = ("id", "name", "vehicle_type", "seats", "tags", "arrives_with", "note", "events")
EVENT_KEYS = ("kind", "utc", "end_utc", "port", "from_port", "crew", "note", "source")
ACTIVITY_KEYS = ("id", "title", "kind", "start", "end", "status", "people", "module", "needs", "note")
NEED_KEYS = ("kind", "site", "min_elevation_deg", "network")
#: The networks a live-link need may name (``planner.orbit.coverage``).
LINK_NETWORKS = ("us", "ru", "any")
SITE_KEYS = ("id", "name", "lat_deg", "lon_deg", "alt_m", "min_elevation_deg", "note")
SLEEP_SHIFT_KEYS = ("id", "day", "person", "wake_delay_hours", "sleep_delay_hours", "note")
ELEMENT_SET_KEYS = ("id", "format", "name", "norad_id", "epoch", "source", "fetched", "text")

# Value limits (inclusive). Years are limited to 1900-2200 by planner.model.times.parse_utc.
MAX_SEATS = 100
MAX_NORAD_ID = 999_999_999  # OMM allows nine digits (five-digit TLE numbers ran out in 2026)
ALT_RANGE_M = (-1_000.0, 100_000.0)  # from below the Dead Sea to a high-altitude balloon
ELEVATION_RANGE_DEG = (-90.0, 90.0)
SETTING_MAX_COUNT = 1_000  # people-count settings
SETTING_MAX_SPAN = 100_000.0  # hours/days settings
CLOCK_HOUR_RANGE = (0.0, 48.0)  # the crew day's wake and sleep, GMT hours (past 24: the next day)
DAY_HOURS_RANGE = (0.0, 24.0)  # the crew day's lengths of time
SHIFT_HOURS_RANGE = (-24.0, 24.0)  # how far a sleep shift moves a wake or a sleep
