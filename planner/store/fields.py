"""Reading one value of a decoded project document, checked: texts, names and ids, times, numbers, lists, references.

Each reader takes the JSON object, the key and the JSON path of the object (a tuple of keys and indexes)
and raises :class:`FieldError` at the exact path when the value is missing, of the wrong kind or out of
range. The record decoders (``decode.py``, ``element_sets.py``) are built from these.
"""

from __future__ import annotations

import re

from planner.model.times import TimeFormatError, parse_utc
from planner.store import layout as L
from planner.store.errors import FieldError

# Characters that change how the text around them is shown (or are not shown at all) have no place in an
# id or a name: control characters (NUL, escape, DEL, C1), line and paragraph separators, and the
# direction marks, embeddings, overrides and isolates that can make "evil.exe" read as "exe.live".
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The one way a project writes a time (the schema's pattern with T, Z and ASCII digits only).
_UTC_TIME = re.compile(r"\d\d\d\d-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?Z", re.ASCII)
_EXAMPLE_TIME = "2021-10-05T08:55:02Z"


def kind_of(value) -> str:
    """How a JSON value is named in messages: ``a text``, ``a list``, ``null``..."""
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


def show(value) -> str:
    """A value as a message quotes it: texts in quotes and cut to 60 characters, other values by kind."""
    if type(value) is str:
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    return kind_of(value)


def enum_table(enum) -> dict:
    """``{value: member}`` of an enum, for :func:`enum_member`."""
    return {member.value: member for member in enum}


def enum_member(obj: dict, key: str, table: dict, where: tuple, what: str):
    """The member of ``table`` that ``obj[key]`` names."""
    value = obj.get(key)
    member = table.get(value) if type(value) is str else None
    if member is None:
        if key not in obj:
            raise FieldError(where, f"'{key}' is missing")
        raise FieldError(where + (key,), f"{show(value)} is not a known {what} (use one of {', '.join(table)})")
    return member


def an_object(value, where: tuple, what: str) -> dict:
    """``value`` itself, once known to be a JSON object."""
    if type(value) is not dict:
        raise FieldError(where, f"{what} must be an object, not {kind_of(value)}")
    return value


def a_list(obj: dict, key: str, where: tuple) -> list:
    """The list at ``obj[key]``; an absent key is an empty list."""
    value = obj.get(key, ())
    if type(value) is not list:
        if value == ():
            return []
        raise FieldError(where + (key,), f"'{key}' must be a list, not {kind_of(value)}")
    return value


def required_text(obj: dict, key: str, where: tuple) -> str:
    """A non-empty text that must be there."""
    value = obj.get(key)
    if type(value) is not str or not value:
        if key not in obj:
            raise FieldError(where, f"'{key}' is missing")
        raise FieldError(where + (key,), f"'{key}' must be a non-empty text, not {show(value) if value != '' else 'empty'}")
    return value


def name(obj: dict, key: str, where: tuple) -> str:
    """A non-empty text that names or identifies something: no control or direction-changing characters."""
    value = obj.get(key)
    if type(value) is not str or not value or _HIDDEN.search(value):
        plain(required_text(obj, key, where), where + (key,), f"'{key}'")  # raises, naming the problem
    return value


def plain(value: str, where: tuple, what: str) -> str:
    """``value`` once known to hold none of the hidden characters ids and names may not hold."""
    hidden = _HIDDEN.search(value)
    if hidden:
        char = hidden.group()
        raise FieldError(where, f"{what} holds the invisible character U+{ord(char):04X} at character "
                         f"{hidden.start() + 1}; ids and names may not hold control characters or "
                         "text-direction marks")
    return value


def text(obj: dict, key: str, where: tuple) -> str:
    """A text, empty when absent."""
    value = obj.get(key, "")
    if type(value) is not str:
        raise FieldError(where + (key,), f"'{key}' must be a text, not {kind_of(value)}")
    return value


def optional_text(obj: dict, key: str, where: tuple) -> str | None:
    """A non-empty text, or None when absent or null."""
    value = obj.get(key)
    if value is not None and (type(value) is not str or not value):
        raise FieldError(where + (key,), f"'{key}' must be a non-empty text or null, not {show(value) if value != '' else 'empty'}")
    return value


def texts(obj: dict, key: str, where: tuple, names: bool = False) -> tuple[str, ...]:
    """A list of non-empty texts (``names``: each a name, see :func:`name`); () when absent."""
    value = obj.get(key)
    if value is None and key not in obj:
        return ()
    if type(value) is not list:
        raise FieldError(where + (key,), f"'{key}' must be a list of texts, not {kind_of(value)}")
    for index, item in enumerate(value):
        if type(item) is not str or not item:
            raise FieldError(where + (key, index), f"must be a non-empty text, not {show(item) if item != '' else 'empty'}")
        if names:
            plain(item, where + (key, index), "the text")
    return tuple(value)


def utc_time(obj: dict, key: str, where: tuple, required: bool = True):
    """A time written as the schema says (``2021-10-05T08:55:02Z``, seconds and fraction optional)."""
    value = obj.get(key)
    if value is None:
        if required:
            if key in obj:
                raise FieldError(where + (key,), f"'{key}' must be a UTC time like {_EXAMPLE_TIME}, not null")
            raise FieldError(where, f"'{key}' is missing")
        return None
    if type(value) is not str:
        raise FieldError(where + (key,), f"'{key}' must be a UTC time like {_EXAMPLE_TIME}, not {kind_of(value)}")
    if not _UTC_TIME.fullmatch(value):
        raise FieldError(where + (key,), f"{show(value)} is not a UTC time like {_EXAMPLE_TIME}{_time_hint(value)}")
    try:
        return parse_utc(value)
    except TimeFormatError as exc:
        raise FieldError(where + (key,), str(exc)) from None


def _time_hint(value: str) -> str:
    # Other spellings of the same instant are refused rather than silently rewritten on the next save.
    if re.search(r"[+-][0-9]{2}:?[0-9]{2}$", value):
        return " (UTC is written with a final Z, not an offset)"
    if re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2} ", value):
        return " (the date and the time are joined by T, not a space)"
    if any(c.isdigit() and not "0" <= c <= "9" for c in value):
        return " (digits are written 0-9)"
    return ""


def number(obj: dict, key: str, where: tuple, low: float, high: float, default=None, unit: str = "") -> float:
    """A number within ``low``-``high``; ``default`` when absent (missing when there is no default)."""
    value = obj.get(key, default)
    if value is None and key not in obj:
        raise FieldError(where, f"'{key}' is missing")
    if type(value) not in (int, float):
        raise FieldError(where + (key,), f"'{key}' must be a number, not {kind_of(value)}")
    if not low <= value <= high:
        raise FieldError(where + (key,), f"'{key}' is {value}{unit}, outside {low:g} to {high:g}{unit}")
    return float(value)


def integer(value, where: tuple, key: str, low: int, high: int) -> int:
    """A whole number within ``low``-``high`` (``2.0`` counts as ``2``)."""
    whole = value
    if type(value) is not int:
        if type(value) is float and value.is_integer():
            whole = int(value)
        else:
            raise FieldError(where + (key,), f"'{key}' must be a whole number, not {kind_of(value)}")
    if not low <= whole <= high:
        raise FieldError(where + (key,), f"'{key}' is {value}, outside {low} to {high}")
    return whole


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


def extra(obj: dict, known: frozenset, where: tuple) -> dict:
    """The unknown fields of ``obj``, sorted by key, kept as they are (but not nested without end)."""
    if obj.keys() <= known:
        return {}
    unknown = obj.keys() - known
    kept = {}
    for key in sorted(unknown):
        value = obj[key]
        if type(value) in (dict, list) and not _depth_ok(value, L.MAX_EXTRA_DEPTH):
            raise FieldError(where + (key,), f"unknown field {show(key)} is nested more than {L.MAX_EXTRA_DEPTH} "
                             "levels deep")
        kept[key] = value
    return kept


def unique_id(obj: dict, where: tuple, seen: dict, what: str) -> str:
    """The record's ``id``, a name not used by an earlier record of its list (``seen``: id -> index)."""
    ident = name(obj, "id", where)
    first = seen.get(ident)
    if first is not None:
        raise FieldError(where + ("id",), f"{what} id {show(ident)} is used twice (first at index {first})")
    seen[ident] = where[-1]
    return ident


def references(ids: tuple, known: dict, where: tuple, key: str, what: str) -> None:
    """Each id names a known item, and none twice (a person cannot fill two seats or be at a shoot twice)."""
    first: dict = {}
    for index, ident in enumerate(ids):
        if ident not in known:
            raise FieldError(where + (key, index), f"no {what} has the id {show(ident)}")
        if ident in first:
            raise FieldError(where + (key, index), f"{what} {show(ident)} is named twice in '{key}' "
                             f"(first at index {first[ident]})")
        first[ident] = index
