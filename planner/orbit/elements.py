"""Reading element sets: TLE (2- and 3-line) and CCSDS OMM as CelesTrak writes it (JSON, CSV, XML)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from planner.model.elements import ElementFormat, ElementSet
from planner.model.times import UTC, format_utc

#: The ISS's catalogue number, the satellite picked when a file holds several and none is named.
ISS_NORAD_ID = 25544

# The OMM fields SGP4 needs; the others (CENTER_NAME, TIME_SYSTEM, ...) are kept but not required.
OMM_REQUIRED = (
    "EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
    "ARG_OF_PERICENTER", "MEAN_ANOMALY", "NORAD_CAT_ID", "BSTAR", "MEAN_MOTION_DOT", "MEAN_MOTION_DDOT",
)
_OMM_NUMBERS = OMM_REQUIRED[1:]
_OMM_EPOCH = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$")


class ElementSetError(ValueError):
    """Element set text that cannot be used; the message names the place (file, line) and the problem."""


def tle_checksum(line: str) -> int:
    """The TLE checksum of a line's first 68 characters: the sum of its digits, minus signs counting 1, mod 10."""
    return sum(int(c) if c.isdigit() else c == "-" for c in line[:68]) % 10


def parse_elements(text: str, source: str = "", fmt: ElementFormat | None = None) -> list[ElementSet]:
    """Parse element sets from text in any supported form (guessed from the text unless ``fmt`` is given)."""
    fmt = fmt or guess_format(text)
    parser = {
        ElementFormat.TLE: parse_tle,
        ElementFormat.OMM_JSON: parse_omm_json,
        ElementFormat.OMM_CSV: parse_omm_csv,
        ElementFormat.OMM_XML: parse_omm_xml,
    }[fmt]
    return parser(text, source)


def read_elements(path: str | Path) -> list[ElementSet]:
    """Read every element set of a file (TLE or OMM JSON/CSV/XML), its source being the file name."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ElementSetError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ElementSetError(f"{path}: byte {exc.start} is not UTF-8 text") from None
    return parse_elements(text, str(path))


def guess_format(text: str) -> ElementFormat:
    """Tell TLE from OMM JSON, CSV or XML by the first characters that are not blank."""
    head = text.lstrip()
    if head.startswith(("[", "{")):
        return ElementFormat.OMM_JSON
    if head.startswith("<"):
        return ElementFormat.OMM_XML
    first = head.split("\n", 1)[0]
    if "," in first and "EPOCH" in first.upper():
        return ElementFormat.OMM_CSV
    return ElementFormat.TLE


def select_satellite(sets: list[ElementSet], sat: str | int | None = None) -> list[ElementSet]:
    """The sets of one satellite, by catalogue number or name (case-insensitive); the ISS when ``sat`` is None.

    With ``sat`` None and a single satellite in ``sets``, that satellite. Raises ``ElementSetError``
    naming the satellites there are when none matches.
    """
    if not sets:
        raise ElementSetError("no element sets to choose from")
    if sat is None:
        ids = {s.norad_id for s in sets}
        if len(ids) == 1:
            return list(sets)
        if ISS_NORAD_ID not in ids:
            names = ", ".join(sorted({f"{s.norad_id} {s.name}".strip() for s in sets})[:8])
            raise ElementSetError(f"{len(ids)} satellites and not the ISS: pick one by catalogue number or name "
                                  f"(there are: {names}{', ...' if len(ids) > 8 else ''})")
        sat = ISS_NORAD_ID
    text = str(sat).strip()
    if text.isdigit():
        number = int(text)
        found = [s for s in sets if s.norad_id == number]
    else:
        key = text.casefold()
        found = [s for s in sets if s.name.casefold() == key]
        if not found:  # "ISS" should find "ISS (ZARYA)"
            found = [s for s in sets if s.name.casefold().startswith(key + " ") or s.name.casefold() == key]
    if not found:
        known = ", ".join(sorted({f"{s.norad_id} {s.name}".strip() for s in sets})[:8])
        more = "" if len({s.norad_id for s in sets}) <= 8 else ", ..."
        raise ElementSetError(f"no satellite '{sat}' among the element sets (there are: {known}{more})")
    numbers = {s.norad_id for s in found}
    if len(numbers) > 1:
        raise ElementSetError(f"'{sat}' names several satellites ({', '.join(map(str, sorted(numbers)))}); "
                              "give the catalogue number")
    return found


# --- TLE -----------------------------------------------------------------------------------------------

def parse_tle(text: str, source: str = "") -> list[ElementSet]:
    """Parse a file of 2-line or 3-line element sets (any number of satellites), verifying checksums."""
    where = f"{source}: " if source else ""
    lines = text.splitlines()
    sets: list[ElementSet] = []
    name, name_line, name_no = "", "", 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        number = i + 1
        if not line.strip():
            i += 1
            continue
        if line.startswith("1 "):
            if i + 1 >= len(lines) or not lines[i + 1].startswith("2 "):
                raise ElementSetError(f"{where}line {number + 1}: expected line 2 of the element set "
                                      f"begun on line {number} (a line starting with '2 ')")
            line2 = lines[i + 1].rstrip()
            sets.append(_tle_set(name, name_line, line, line2, number, where, source))
            name, name_line, name_no = "", "", 0
            i += 2
            continue
        if line.startswith("2 "):
            raise ElementSetError(f"{where}line {number}: line 2 of an element set without its line 1")
        if name:
            raise ElementSetError(f"{where}line {number}: expected line 1 of the element set named "
                                  f"'{name}' on line {name_no} (a line starting with '1 ')")
        # A name line; Space-Track's 3LE form puts "0 " before the name.
        name = line[2:].strip() if line.startswith("0 ") else line.strip()
        name_line, name_no = line, number
        i += 1
    if name:
        raise ElementSetError(f"{where}line {name_no + 1}: the file ends after the name '{name}'")
    if not sets:
        raise ElementSetError(f"{where}no element sets found (expected lines starting with '1 ' and '2 ')")
    return sets


def _tle_set(name: str, name_line: str, line1: str, line2: str, no1: int, where: str, source: str) -> ElementSet:
    from sgp4.api import Satrec

    for line, no in ((line1, no1), (line2, no1 + 1)):
        if len(line) < 69:
            raise ElementSetError(f"{where}line {no}: {len(line)} characters, a TLE line has 69")
        if len(line) > 69:
            raise ElementSetError(f"{where}line {no}: {len(line)} characters, a TLE line has 69 "
                                  f"(extra text '{line[69:][:20]}')")
        if not line[68].isdigit():
            raise ElementSetError(f"{where}line {no}: column 69 should be the checksum digit, not '{line[68]}'")
        expected = tle_checksum(line)
        if int(line[68]) != expected:
            raise ElementSetError(f"{where}line {no}: checksum mismatch: the line's digits add up to "
                                  f"{expected} but its last digit says {line[68]}")
    if line1[2:7] != line2[2:7]:
        raise ElementSetError(f"{where}line {no1 + 1}: catalogue number '{line2[2:7].strip()}' differs from "
                              f"line {no1}'s '{line1[2:7].strip()}'")
    _check_tle_fields(line1, line2, no1, where)
    sat = Satrec.twoline2rv(line1, line2)
    if sat.error:
        raise ElementSetError(f"{where}line {no1}: SGP4 rejects these elements (error {sat.error})")
    epoch = _jd_to_datetime(sat.jdsatepoch, sat.jdsatepochF)
    norad = int(sat.satnum)
    text = "\n".join(([name_line] if name_line else []) + [line1, line2])
    return ElementSet(
        id=f"{norad}@{format_utc(epoch)}", format=ElementFormat.TLE,
        text=text, epoch=epoch, norad_id=norad, name=name, source=source,
    )


def _check_tle_fields(line1: str, line2: str, no1: int, where: str) -> None:
    """Numbers sgp4 would silently misread become errors naming the line and column."""
    fields = (
        (line1, no1, 18, 20, "epoch year"), (line1, no1, 20, 32, "epoch day"),
        (line2, no1 + 1, 8, 16, "inclination"), (line2, no1 + 1, 17, 25, "right ascension of the node"),
        (line2, no1 + 1, 26, 33, "eccentricity"), (line2, no1 + 1, 34, 42, "argument of perigee"),
        (line2, no1 + 1, 43, 51, "mean anomaly"), (line2, no1 + 1, 52, 63, "mean motion"),
    )
    for line, no, a, b, what in fields:
        piece = line[a:b].strip()
        try:
            float(piece if what != "eccentricity" else "0." + piece)
        except ValueError:
            raise ElementSetError(f"{where}line {no}, columns {a + 1}-{b}: {what} '{piece}' is not a number") from None
    day = float(line1[20:32])
    if not 1.0 <= day < 367.0:
        raise ElementSetError(f"{where}line {no1}, columns 21-32: epoch day {day} is not a day of the year")
    if float(line2[52:63]) <= 0:
        raise ElementSetError(f"{where}line {no1 + 1}, columns 53-63: the mean motion must be positive")


def _jd_to_datetime(jd: float, fraction: float) -> datetime:
    days = (jd - 2440587.5) + fraction
    whole = int(days // 1)
    micro = round((days - whole) * 86400e6)
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=whole, microseconds=micro)


# --- OMM -------------------------------------------------------------------------------------------------

def parse_omm_json(text: str, source: str = "") -> list[ElementSet]:
    """Parse CelesTrak's OMM JSON: a list of objects (or one object) of OMM keywords."""
    where = f"{source}: " if source else ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ElementSetError(f"{where}line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    records = data if isinstance(data, list) else [data]
    sets = []
    for k, record in enumerate(records):
        place = f"{where}$[{k}]" if isinstance(data, list) else f"{where}$"
        if not isinstance(record, dict):
            raise ElementSetError(f"{place}: expected an object of OMM keywords, found {type(record).__name__}")
        fields = {str(key).upper(): value for key, value in record.items()}
        verbatim = json.dumps(record, ensure_ascii=False)
        sets.append(_omm_set(fields, verbatim, ElementFormat.OMM_JSON, place, source))
    if not sets:
        raise ElementSetError(f"{where}the JSON holds no element sets")
    return sets


def parse_omm_csv(text: str, source: str = "") -> list[ElementSet]:
    """Parse CelesTrak's OMM CSV: a header row of OMM keywords, one satellite a row."""
    where = f"{source}: " if source else ""
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ElementSetError(f"{where}the CSV is empty")
    header = [h.strip().upper() for h in rows[0]]
    missing = [f for f in OMM_REQUIRED if f not in header]
    if missing:
        raise ElementSetError(f"{where}line 1: the header lacks the column(s) {', '.join(missing)}")
    sets = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ElementSetError(f"{where}line {number}: {len(row)} values for {len(header)} columns")
        fields = dict(zip(header, (cell.strip() for cell in row)))
        verbatim = lines[0] + "\n" + (lines[number - 1] if number - 1 < len(lines) else ",".join(row))
        sets.append(_omm_set(fields, verbatim, ElementFormat.OMM_CSV, f"{where}line {number}", source))
    if not sets:
        raise ElementSetError(f"{where}the CSV has a header but no element sets")
    return sets


def parse_omm_xml(text: str, source: str = "") -> list[ElementSet]:
    """Parse OMM XML (CelesTrak's ``<ndm><omm>...`` or a bare ``<omm>``): one set per ``segment``."""
    where = f"{source}: " if source else ""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ElementSetError(f"{where}line {line}, column {column + 1}: not well-formed XML") from None
    omms = [root] if _local(root.tag) == "omm" else [e for e in root.iter() if _local(e.tag) == "omm"]
    sets = []
    for k, omm in enumerate(omms):
        segments = [e for e in omm.iter() if _local(e.tag) == "segment"] or [omm]
        for segment in segments:
            fields = {}
            for element in segment.iter():
                if len(element) == 0 and element.text is not None:
                    fields[_local(element.tag).upper()] = element.text.strip()
            place = f"{where}<omm> number {k + 1}"
            verbatim = ET.tostring(omm, encoding="unicode")
            sets.append(_omm_set(fields, verbatim, ElementFormat.OMM_XML, place, source))
    if not sets:
        raise ElementSetError(f"{where}no <omm> element in the XML")
    return sets


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _omm_set(fields: dict, verbatim: str, fmt: ElementFormat, place: str, source: str) -> ElementSet:
    missing = [f for f in OMM_REQUIRED if fields.get(f) in (None, "")]
    if missing:
        raise ElementSetError(f"{place}: missing OMM field(s) {', '.join(missing)}")
    for key in _OMM_NUMBERS:
        try:
            float(fields[key])
        except (TypeError, ValueError):
            raise ElementSetError(f"{place}: {key} '{fields[key]}' is not a number") from None
    try:
        norad = int(str(fields["NORAD_CAT_ID"]).strip())
    except ValueError:
        raise ElementSetError(f"{place}: NORAD_CAT_ID '{fields['NORAD_CAT_ID']}' is not a whole number") from None
    epoch = _omm_epoch(str(fields["EPOCH"]), place)
    if float(fields["MEAN_MOTION"]) <= 0:
        raise ElementSetError(f"{place}: MEAN_MOTION must be positive")
    name = str(fields.get("OBJECT_NAME") or "").strip()
    return ElementSet(
        id=f"{norad}@{format_utc(epoch)}", format=fmt, text=verbatim,
        epoch=epoch, norad_id=norad, name=name, source=source,
    )


def _omm_epoch(text: str, place: str) -> datetime:
    m = _OMM_EPOCH.match(text.strip())
    if not m:
        raise ElementSetError(f"{place}: EPOCH '{text}' is not a time like 2021-10-15T16:50:05.958592")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    frac = m.group(7) or ""
    try:
        base = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise ElementSetError(f"{place}: EPOCH '{text}' is not a real date ({exc})") from None
    return base + timedelta(microseconds=round(float("0." + frac) * 1e6) if frac else 0)


def omm_fields(element_set: ElementSet) -> dict[str, str]:
    """The OMM keywords of an OMM element set, as upper-case keys and text values."""
    fmt = element_set.format
    if fmt == ElementFormat.OMM_JSON:
        record = json.loads(element_set.text)
        fields = {str(k).upper(): v for k, v in record.items()}
    elif fmt == ElementFormat.OMM_CSV:
        header, row = list(csv.reader(io.StringIO(element_set.text)))[:2]
        fields = dict(zip((h.strip().upper() for h in header), (c.strip() for c in row)))
    elif fmt == ElementFormat.OMM_XML:
        omm = ET.fromstring(element_set.text)
        fields = {_local(e.tag).upper(): e.text.strip() for e in omm.iter() if len(e) == 0 and e.text is not None}
    else:
        raise ValueError(f"element set {element_set.id} is not OMM")
    return {k: ("" if v is None else str(v)) for k, v in fields.items()}
