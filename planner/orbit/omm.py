"""CCSDS OMM element sets as CelesTrak writes them (JSON, CSV, XML): records of keywords to checked numbers.

Every number is read strictly: a JSON number (not true/false) or text like ``15.5``, ``-1.2e-5`` or ``.6635e-4``;
``NaN``, ``Infinity``, ``1e999`` and digits of other scripts are refused by the shared check, naming the record.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from planner.model.elements import ElementFormat, ElementSet
from planner.model.times import UTC, format_utc
from planner.orbit.checks import Elements, Field, check_elements, check_name
from planner.orbit.errors import ElementSetError

# The OMM fields SGP4 needs; the others (CENTER_NAME, TIME_SYSTEM, ...) are kept but not required.
OMM_REQUIRED = (
    "EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
    "ARG_OF_PERICENTER", "MEAN_ANOMALY", "NORAD_CAT_ID", "BSTAR", "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT",
)
_KEYS = {
    "MEAN_MOTION": "mean_motion", "ECCENTRICITY": "eccentricity", "INCLINATION": "inclination",
    "RA_OF_ASC_NODE": "raan", "ARG_OF_PERICENTER": "arg_perigee", "MEAN_ANOMALY": "mean_anomaly",
    "BSTAR": "bstar", "MEAN_MOTION_DOT": "ndot", "MEAN_MOTION_DDOT": "nddot",
}
_USED = set(OMM_REQUIRED) | {"OBJECT_NAME"}
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)
_EPOCH = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?", re.ASCII)
_LONG_INT = 40  # digits: a JSON integer longer than this is read as a float (inf when huge), refused later


# --- the three forms ---------------------------------------------------------------------------------

def parse_omm_json(text: str, source: str = "") -> list[ElementSet]:
    """Parse CelesTrak's OMM JSON: a list of objects (or one object) of OMM keywords."""
    where = f"{source}: " if source else ""
    data = _load_json(text, where)
    records = data if isinstance(data, list) else [data]
    sets = []
    for k, record in enumerate(records):
        place = f"{where}$[{k}]" if isinstance(data, list) else f"{where}$"
        if not isinstance(record, dict):
            raise ElementSetError(f"{place}: expected an object of OMM keywords, found {_json_type(record)}")
        verbatim = json.dumps(record, ensure_ascii=False)
        sets.append(_omm_set(_json_fields(record, place), verbatim, ElementFormat.OMM_JSON, place, source))
    if not sets:
        raise ElementSetError(f"{where}the JSON holds no element sets")
    return sets


def parse_omm_csv(text: str, source: str = "") -> list[ElementSet]:
    """Parse CelesTrak's OMM CSV: a header row of OMM keywords, one satellite a row."""
    where = f"{source}: " if source else ""
    rows = _csv_rows(text, where)
    if not rows:
        raise ElementSetError(f"{where}the CSV is empty")
    header_row = rows[0][1]
    header = [h.strip().upper() for h in header_row]
    missing = [f for f in OMM_REQUIRED if f not in header]
    if missing:
        raise ElementSetError(f"{where}line 1: the header lacks the column(s) {', '.join(missing)}")
    twice = sorted({h for h in header if h in _USED and header.count(h) > 1})
    if twice:
        raise ElementSetError(f"{where}line 1: the header names {', '.join(twice)} more than once")
    sets = []
    for number, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ElementSetError(f"{where}line {number}: {len(row)} values for {len(header)} columns")
        fields = dict(zip(header, (cell.strip() for cell in row)))
        sets.append(_omm_set(fields, _csv_text(header_row, row), ElementFormat.OMM_CSV, f"{where}line {number}",
                             source))
    if not sets:
        raise ElementSetError(f"{where}the CSV has a header but no element sets")
    return sets


def parse_omm_xml(text: str, source: str = "") -> list[ElementSet]:
    """Parse OMM XML (CelesTrak's ``<ndm><omm>...`` or a bare ``<omm>``): one set per ``segment``."""
    where = f"{source}: " if source else ""
    root = _load_xml(text, where)
    omms = [root] if _local(root.tag) == "omm" else [e for e in root.iter() if _local(e.tag) == "omm"]
    sets = []
    for k, omm in enumerate(omms):
        segments = _segments(omm)
        for j, segment in enumerate(segments):
            place = f"{where}<omm> number {k + 1}" + (f", segment {j + 1}" if len(segments) > 1 else "")
            verbatim = ET.tostring(_only_segment(omm, j) if len(segments) > 1 else omm, encoding="unicode")
            sets.append(_omm_set(_xml_fields(segment, place), verbatim, ElementFormat.OMM_XML, place, source))
    if not sets:
        raise ElementSetError(f"{where}no <omm> element in the XML")
    return sets


# --- from a record's keywords to a checked element set -----------------------------------------------

def _omm_set(fields: dict, verbatim: str, fmt: ElementFormat, place: str, source: str) -> ElementSet:
    elements = omm_elements(fields, place)
    check_elements(elements)
    name = fields.get("OBJECT_NAME")
    if name is not None and (isinstance(name, bool) or not isinstance(name, (str, int, float))):
        raise ElementSetError(f"{place}: OBJECT_NAME is {_json_type(name)}, not a name")
    name = check_name(str(name or "").strip(), f"{place}: OBJECT_NAME")
    epoch = elements.epoch
    return ElementSet(id=f"{elements.norad_id}@{format_utc(epoch)}", format=fmt, text=verbatim, epoch=epoch,
                      norad_id=elements.norad_id, name=name, source=source)


def omm_elements(fields: dict, place: str) -> Elements:
    """The numbers of one OMM record (upper-case keywords to JSON values or text), each read strictly."""
    missing = [f for f in OMM_REQUIRED if fields.get(f) is None or fields.get(f) == ""]
    if missing:
        raise ElementSetError(f"{place}: missing OMM field(s) {', '.join(missing)}")
    values = {key: _number(fields[keyword], f"{place}: {keyword}") for keyword, key in _KEYS.items()}
    return Elements(place=place, epoch=_epoch(fields["EPOCH"], place),
                    norad_id=_catalogue(fields["NORAD_CAT_ID"], place), values=values)


def _number(value, label: str) -> Field:
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.fullmatch(text):
            raise ElementSetError(f"{label} '{value[:40]}' is not a number")
        return Field(label, text, float(text))  # '1e999' is inf: the check refuses it as not finite
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ElementSetError(f"{label} is {_json_type(value)}, not a number")
    if isinstance(value, int):
        try:
            return Field(label, str(value), float(value))
        except OverflowError:
            return Field(label, "a number too large", float("inf"))
    return Field(label, repr(value), value)


def _catalogue(value, place: str) -> int:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and re.fullmatch(r"[0-9]{1,9}", text, re.ASCII):
        return int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    shown = f"'{value[:40]}'" if isinstance(value, str) else _json_type(value)
    raise ElementSetError(f"{place}: NORAD_CAT_ID {shown} is not a catalogue number (a whole number)")


def _epoch(value, place: str) -> datetime:
    m = _EPOCH.fullmatch(value.strip()) if isinstance(value, str) else None
    if not m:
        shown = f"'{value[:40]}'" if isinstance(value, str) else _json_type(value)
        raise ElementSetError(f"{place}: EPOCH {shown} is not a time like 2021-10-15T16:50:05.958592")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    frac = m.group(7) or ""
    try:
        base = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise ElementSetError(f"{place}: EPOCH '{value}' is not a real date ({exc})") from None
    return base + timedelta(microseconds=round(float("0." + frac) * 1e6) if frac else 0)


def omm_fields(element_set: ElementSet) -> dict[str, str]:
    """The OMM keywords of an OMM element set, as upper-case keys and text values."""
    return {k: ("" if v is None else str(v)) for k, v in raw_fields(element_set).items()}


def raw_fields(element_set: ElementSet) -> dict:
    """The OMM keywords of an OMM element set's text, values as the form gives them (JSON values or text)."""
    fmt, text, place = element_set.format, element_set.text, f"element set {element_set.id}"
    if fmt == ElementFormat.OMM_JSON:
        record = _load_json(text, f"{place}: ")
        if isinstance(record, list) and len(record) == 1:  # kept as CelesTrak writes it: a list of one
            record = record[0]
        if not isinstance(record, dict):
            raise ElementSetError(f"{place}: the text is not one object of OMM keywords")
        return _json_fields(record, place)
    if fmt == ElementFormat.OMM_CSV:
        rows = _csv_rows(text, f"{place}: ")
        if len(rows) != 2:
            raise ElementSetError(f"{place}: the text is not a header and one row")
        return dict(zip((h.strip().upper() for h in rows[0][1]), (c.strip() for c in rows[1][1])))
    if fmt == ElementFormat.OMM_XML:
        segments = _segments(_load_xml(text, f"{place}: "))
        if len(segments) != 1:
            raise ElementSetError(f"{place}: the text is not one OMM segment")
        return _xml_fields(segments[0], place)
    raise ValueError(f"element set {element_set.id} is not OMM")


# --- reading each form safely ------------------------------------------------------------------------

class _Record(dict):
    """A JSON object that remembers the keys it was given more than once (json keeps the last silently)."""

    twice: tuple = ()


def _pairs(pairs: list) -> _Record:
    record = _Record(pairs)
    if len(record) < len(pairs):
        seen: set = set()
        record.twice = tuple(k for k, _v in pairs if k in seen or seen.add(k))
    return record


def _load_json(text: str, where: str):
    try:
        return json.loads(text, object_pairs_hook=_pairs,
                          parse_int=lambda s: int(s) if len(s) <= _LONG_INT else float(s))
    except json.JSONDecodeError as exc:
        raise ElementSetError(f"{where}line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ElementSetError(f"{where}the JSON is nested too deeply to be element sets") from None


def _json_fields(record: dict, place: str) -> dict:
    fields: dict = {}
    for key, value in record.items():
        upper = key.upper()
        if upper in fields or key in getattr(record, "twice", ()):
            raise ElementSetError(f"{place}: the keyword {upper[:40]} is given more than once")
        fields[upper] = value
    return fields


def _json_type(value) -> str:
    for kind, name in ((dict, "an object"), (list, "a list"), (str, "text"), (bool, "true or false")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else "a number"


def _csv_rows(text: str, where: str) -> list[tuple[int, list[str]]]:
    """(line where the row starts, cells) of each row; CR, LF and CRLF all end a line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ElementSetError(f"{where}line {reader.line_num}: not readable as CSV ({exc})") from None
    return rows


def _csv_text(header: list[str], row: list[str]) -> str:
    out = io.StringIO()
    # The writer quotes only what its line end holds: a cell with a CR needs quotes too, to read back as one row.
    quoting = csv.QUOTE_ALL if any("\r" in cell for cell in (*header, *row)) else csv.QUOTE_MINIMAL
    writer = csv.writer(out, lineterminator="\n", quoting=quoting)
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue()[:-1]


def _load_xml(text: str, where: str):
    declared = re.search(r"<!(DOCTYPE|ENTITY)", text)
    if declared:  # OMM files declare none; entities can swell a few hundred bytes into gigabytes
        line = text.count("\n", 0, declared.start()) + 1
        raise ElementSetError(f"{where}line {line}: the XML declares a {declared.group(1)}, which OMM files do not")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ElementSetError(f"{where}line {line}, column {column + 1}: not well-formed XML") from None


def _segments(omm) -> list:
    return [e for e in omm.iter() if _local(e.tag) == "segment"] or [omm]


def _only_segment(omm, keep: int):
    """A copy of an ``<omm>`` with only its segment number ``keep``: each element set's text holds one set."""
    omm = copy.deepcopy(omm)
    segments = _segments(omm)
    for parent in list(omm.iter()):
        for child in list(parent):
            if any(child is s for k, s in enumerate(segments) if k != keep):
                parent.remove(child)
    return omm


def _xml_fields(segment, place: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for element in segment.iter():
        if len(element) == 0 and element.text is not None:
            key, value = _local(element.tag).upper(), element.text.strip()
            if key in _USED and fields.get(key, value) != value:
                raise ElementSetError(f"{place}: <{_local(element.tag)}> is given twice, '{fields[key][:40]}' and "
                                      f"'{value[:40]}'")
            fields[key] = value
    return fields


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
