"""Field names and values as a diff or a merge shows them to a planner: 'vehicle type', 'Anton Shkaplerov, Yulia
Peresild', '2021-10-05T12:22:31Z' (times are already ISO UTC in the file), '(none)' for a field not set."""

from __future__ import annotations

import json


class _Absent:
    """A field a record does not have (told apart from a field that holds ``null``)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT = _Absent()

#: Fields that hold person ids, shown by the people's names (a list, or one person: a sleep shift's).
PEOPLE_FIELDS = frozenset({"crew", "people", "person"})
#: Longest value a line of text shows (element sets' text, long notes); JSON always has the whole value.
MAX_SHOWN = 100


#: File fields whose words are not just the name with spaces: units said, abbreviations spelt out.
_FIELD_WORDS = {
    "utc": "time (UTC)", "end_utc": "end (UTC)", "from_port": "from port", "arrives_with": "arrives with",
    "lat_deg": "latitude (°)", "lon_deg": "longitude (°)", "alt_m": "altitude (m)",
    "min_elevation_deg": "minimum elevation (°)", "norad_id": "catalogue number (NORAD)",
    "wake_delay_hours": "wake moved (h)", "sleep_delay_hours": "sleep moved (h)",
    "wake_hour": "wake (GMT hour)", "sleep_hour": "sleep (GMT hour)",
}


def field_words(name: str) -> str:
    """A file field as a planner reads it: 'vehicle_type' -> 'vehicle type', 'lat_deg' -> 'latitude (°)',
    'wake_hour' -> 'wake (GMT hour)'; other settings' and the day's values in hours or days say so by their name
    ('spacing warning hours')."""
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def value_words(value, field: str = "", names: dict | None = None, limit: int | None = MAX_SHOWN) -> str:
    """A field's value on one line: lists joined by commas (people by name), objects as ``key=value``, texts as
    they are (line breaks shown as ' / '), '(none)' when not set, cut at ``limit`` characters."""
    text = _words(value, field, names or {})
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def change_words(old, new, field: str = "", names: dict | None = None, limit: int = MAX_SHOWN) -> tuple[str, str]:
    """A changed field's two values on one line each, so the change shows: cut around where they first differ
    ('…for Nauka. (checked)') when either is longer than ``limit``, and as JSON when their words read the same (a
    field not set and an empty list are both '(none)')."""
    a, b = _words(old, field, names or {}), _words(new, field, names or {})
    if a == b:
        a, b = ("(none)" if v is ABSENT else json.dumps(v, ensure_ascii=False) for v in (old, new))
    if len(a) <= limit and len(b) <= limit:
        return a, b
    same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, same - limit // 3)  # some of what comes before the difference, as context, from a word's start
    space = a.rfind(" ", 0, start)
    start = space + 1 if start and space >= 0 and start - space < 16 else start
    return _cut(a, start, limit), _cut(b, start, limit)


def _cut(text: str, start: int, limit: int) -> str:
    head = "…" if start else ""
    body = text[start:]
    return head + (body if len(head + body) <= limit else body[: limit - len(head) - 1] + "…")


def _words(value, field: str, names: dict) -> str:
    if value is ABSENT or value is None:
        return "(none)"
    if isinstance(value, str):
        if field in PEOPLE_FIELDS:
            return names.get(value, value)
        return " / ".join(value.splitlines()) if value else '""'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, list):
        if not value:
            return "(none)"
        if field in PEOPLE_FIELDS:
            return ", ".join(names.get(v, str(v)) if isinstance(v, str) else _words(v, "", names) for v in value)
        return "; ".join(_words(v, "", names) if not isinstance(v, str) else v for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_words(v, k, names)}" if k != "kind" else str(v) for k, v in value.items())
    return json.dumps(value, ensure_ascii=False)


def list_change_words(old, new, field: str = "", names: dict | None = None) -> str:
    """What a list field (a crew, tags, needs) gained and lost: 'with Yozo Hirano, without Klim Shipenko'; '' when
    either value is no list (a field not set counts as an empty list) or only the order changed."""
    old = [] if old is ABSENT or old is None else old
    new = [] if new is ABSENT or new is None else new
    if not (isinstance(old, list) and isinstance(new, list)):
        return ""
    gained, lost = [v for v in new if v not in old], [v for v in old if v not in new]
    parts = [f"{word} {_words(values, field, names or {})}" for word, values in (("with", gained), ("without", lost))
             if values]
    return ", ".join(parts)


def json_value(value):
    """The value for JSON output (None for a field not set)."""
    return None if value is ABSENT else value
