"""A project's element sets: each entry's text is one set the orbit engine reads, of the epoch and satellite it claims."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta

from planner.model import ElementFormat, ElementSet
from planner.model.times import format_utc
from planner.store import fields as F
from planner.store import layout as L
from planner.store.errors import FieldError

_KNOWN = frozenset(L.ELEMENT_SET_KEYS)
_FORMATS = F.enum_table(ElementFormat)
_FORMAT_NAMES = {ElementFormat.TLE: "TLE", ElementFormat.OMM_JSON: "OMM JSON", ElementFormat.OMM_CSV: "OMM CSV",
                 ElementFormat.OMM_XML: "OMM XML"}
_EPOCH_TOLERANCE = timedelta(milliseconds=1)  # files written by hand may round the text's epoch to the millisecond


def element_set(value, where: tuple, seen: dict) -> ElementSet:
    """The element set of one entry of ``element_sets`` (``seen``: the ids of the entries before it)."""
    obj = F.an_object(value, where, "an element set")
    ident = F.unique_id(obj, where, seen, "element set")
    fmt = F.enum_member(obj, "format", _FORMATS, where, "element set format")
    text = F.required_text(obj, "text", where)
    norad_id = obj.get("norad_id")
    if norad_id is not None:
        norad_id = F.integer(norad_id, where, "norad_id", 1, L.MAX_NORAD_ID)
    epoch = F.utc_time(obj, "epoch", where)
    name = F.text(obj, "name", where)
    if name:
        F.plain(name, where + ("name",), "'name'")
    return ElementSet(
        id=ident, format=fmt, text=_checked_text(fmt, text, epoch, norad_id, where), epoch=epoch,
        norad_id=norad_id, name=name, source=F.text(obj, "source", where),
        fetched=F.utc_time(obj, "fetched", where, required=False), extra=F.extra(obj, _KNOWN, where),
    )


def _checked_text(fmt: ElementFormat, text: str, epoch: datetime, norad_id: int | None, where: tuple) -> str:
    """The text, once read with the orbit package's own parsers (so a file loads only if its sets can be flown).

    OMM JSON as CelesTrak writes it, a list around the one object, is kept as that object: the orbit
    engine reads a project's OMM JSON set as one object.
    """
    # Imported here: the orbit package brings numpy, which plans without element sets never need.
    from planner.orbit.elements import guess_format, parse_elements

    kind = _FORMAT_NAMES[fmt]
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
        raise FieldError(where + ("text",), f"not a valid {kind} element set: {problem}{hint}")
    if len(sets) != 1:
        raise FieldError(where + ("text",), f"the text holds {len(sets)} element sets; each entry of 'element_sets' "
                         "holds one")
    parsed = sets[0]
    if abs(parsed.epoch - epoch) > _EPOCH_TOLERANCE:
        raise FieldError(where + ("epoch",), f"'epoch' is {format_utc(epoch)} but the {kind} text's epoch is "
                         f"{format_utc(parsed.epoch)}")
    if norad_id is not None and norad_id != parsed.norad_id:
        raise FieldError(where + ("norad_id",), f"'norad_id' is {norad_id} but the {kind} text is of satellite "
                         f"{parsed.norad_id}")
    if fmt is ElementFormat.OMM_JSON and text.lstrip().startswith("["):
        return parsed.text
    return text
