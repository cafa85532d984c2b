"""Reading a traffic CSV into a :class:`~planner.model.Project`, with errors a planner can act on."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from planner.model.catalogue import Station, load_station
from planner.model.mission import Event, EventKind, Mission
from planner.model.people import Person, unique_slug
from planner.model.project import Project, ProjectMeta
from planner.model.times import TimeFormatError, parse_utc
from planner.traffic.columns import (
    COLUMNS, CREW_SEPARATOR, MAX_REPORTED_PROBLEMS, MAX_TRAFFIC_BYTES, PORT_EVENTS,
)
from planner.traffic.errors import TrafficCsvError

DEFAULT_SOURCE = "traffic CSV"
_BOM = "\ufeff"
# Bytes that are not UTF-8 survive decoding as lone surrogates, so they can be reported at their cell.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# A date and time that only lacks the zone: worth a more helpful message than "not a time".
_NO_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_EXAMPLE_TIME = "2021-10-05T08:55:02Z"

_PORT_ROLE = {
    EventKind.DOCK: "the port docked at",
    EventKind.BERTH: "the port berthed at",
    EventKind.UNDOCK: "the port left",
    EventKind.UNBERTH: "the port left",
    EventKind.RELOCATE: "the new port",
}


def read_traffic_csv(path: str | Path, *, title: str | None = None, station: Station | None = None,
                     max_bytes: int = MAX_TRAFFIC_BYTES) -> Project:
    """Import a traffic CSV file; the project's title defaults to the file's name without extension."""
    path = Path(path)
    shown = str(path)
    try:
        if path.is_dir():
            raise TrafficCsvError("this is a folder, not a traffic CSV file", shown)
        size = path.stat().st_size
        if size > max_bytes:
            raise TrafficCsvError(_too_big(size, max_bytes), shown)
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise TrafficCsvError(f"the file cannot be read ({exc.strerror or exc})", shown) from None
    return parse_traffic_csv(data, source=shown, title=path.stem if title is None else title,
                             station=station, max_bytes=max_bytes)


def parse_traffic_csv(data: str | bytes, *, source: str = DEFAULT_SOURCE, title: str | None = None,
                      station: Station | None = None, max_bytes: int = MAX_TRAFFIC_BYTES) -> Project:
    """Import traffic CSV text (or its UTF-8 bytes); ``source`` names it in error messages."""
    station = station or load_station()
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise TrafficCsvError(_too_big(size, max_bytes), source)
    nul_line = _first_nul_line(data)
    if nul_line == 1:
        raise TrafficCsvError("the file holds NUL bytes: it is UTF-16 text (Excel's 'Unicode Text') or not text at "
                              "all; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')", source, 1)
    if nul_line is not None:
        raise TrafficCsvError("this line holds a NUL byte, which no text has: the file is damaged or not all "
                              "text; save it again as UTF-8 (in a spreadsheet: 'CSV UTF-8')", source, nul_line)
    text, check_bytes = _decode(data)
    rows = _Parser(station, source, check_bytes).parse(text)
    return _build_project(rows, station, title if title is not None else _default_title(source))


def _too_big(size: int, limit: int) -> str:
    return (f"the file is {size:,} bytes, more than the {limit:,} a traffic CSV may have; "
            "check that this is the right file, or split it")


def _default_title(source: str) -> str:
    return "Imported traffic" if source == DEFAULT_SOURCE else (Path(source).stem or source)


def _first_nul_line(data: str | bytes) -> int | None:
    """The line of a file's first NUL byte anywhere in it (1 also for a UTF-16/32 byte-order mark), or None.

    UTF-16/32 text has NUL bytes between the letters of its first line; a NUL further on is damage.
    Text handed over as ``str`` did not come from a file as it is, and is not looked at here.
    """
    if not isinstance(data, bytes):
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1
    at = data.find(b"\x00")
    return None if at < 0 else data.count(b"\n", 0, at) + 1


def _decode(data: str | bytes) -> tuple[str, bool]:
    """The text without a byte-order mark, and whether it holds bytes that were not UTF-8."""
    if isinstance(data, str):
        return data.removeprefix(_BOM), False
    try:
        return data.decode("utf-8").removeprefix(_BOM), False
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape").removeprefix(_BOM), True


@dataclass(slots=True)
class _Row:
    vehicle: str
    vehicle_type: str
    event: Event
    crew_names: tuple[str, ...]


class _Parser:
    """One pass over the records, collecting rows and problems (every problem, reported in file order)."""

    def __init__(self, station: Station, source: str, check_bytes: bool):
        self.station = station
        self.source = source
        self.check_bytes = check_bytes
        self.problems: list[TrafficCsvError] = []
        self.types: dict[str, tuple[str, int]] = {}  # vehicle -> (type, first line giving it)
        self.known_types = ", ".join(t.id for t in station.vehicle_types)
        self.known_ports = ", ".join(p.id for p in station.ports)

    def problem(self, line: int | None, column: str | None, text: str) -> None:
        self.problems.append(TrafficCsvError(text, self.source, line, column))

    def fail_if_any(self) -> None:
        if self.problems:
            raise TrafficCsvError.collect(self.problems, MAX_REPORTED_PROBLEMS)

    def parse(self, text: str) -> list[_Row]:
        header: list[str] | None = None
        rows: list[_Row] = []
        for line, record in self.records(text):
            if all(not cell.strip() for cell in record):
                continue  # blank lines (and spreadsheets' rows of empty cells) carry nothing
            if header is None:
                header = self.header(line, record)
                continue
            row = self.row(line, header, record)
            if row is not None:
                rows.append(row)
        if header is None:
            self.problem(1, None, f"the file is empty; a traffic CSV starts with the header {','.join(COLUMNS)}")
        self.fail_if_any()
        return rows

    def records(self, text: str):
        """(first line number, cells) of each record; a quoted note may span several lines."""
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = 1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.problem(start, None, f"the CSV is malformed ({exc}); check the double quotes on this line")
                self.fail_if_any()  # the reader cannot resynchronise after broken quoting
            yield start, record
            start = reader.line_num + 1

    def not_utf8(self, line: int, column: str | None, cell: str) -> bool:
        match = _NOT_UTF8.search(cell) if self.check_bytes else None
        if match:
            byte = ord(match.group()) - 0xDC00
            self.problem(line, column, f"holds the byte 0x{byte:02X}, which is not UTF-8; "
                                       "save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8')")
        return match is not None

    def header(self, line: int, record: list[str]) -> list[str]:
        names = [cell.strip().lower() for cell in record]
        expected = ",".join(COLUMNS)
        if not set(names) & set(COLUMNS):  # not one column known: one sentence, not a problem per column
            self.problem(line, None, _not_a_header(record, expected))
            self.fail_if_any()
        seen: set[str] = set()
        for number, name in enumerate(names, start=1):
            if self.not_utf8(line, f"{number}", name):
                continue
            if name in seen:
                self.problem(line, name, "this column appears twice in the header")
            elif not name:
                self.problem(line, f"{number}", f"the header's column {number} has no name (a stray comma?); "
                                                f"the header is {expected}")
            elif name not in COLUMNS:
                self.problem(line, name, f"'{name}' is not a traffic CSV column; the header is {expected}")
            seen.add(name)
        missing = [name for name in COLUMNS if name not in seen]
        if len(missing) == 1:
            self.problem(line, missing[0], f"missing from the header; the header is {expected}")
        elif missing:
            # One problem, not ten, when the file is not a traffic CSV at all.
            self.problem(line, missing[0], f"the header lacks the columns {', '.join(missing)}; "
                                           f"the header is {expected}")
        self.fail_if_any()  # without a sound header no row can be read
        return names

    def row(self, line: int, header: list[str], record: list[str]) -> _Row | None:
        if len(record) != len(header):
            self.problem(line, None, f"{len(record)} fields where the header has {len(header)}; "
                                     "a note or name holding a comma must be in double quotes")
            return None
        cells = dict(zip(header, record))
        before = len(self.problems)
        if any(self.not_utf8(line, name, cells[name]) for name in COLUMNS):
            return None
        vehicle = cells["vehicle"].strip()
        if not vehicle:
            self.problem(line, "vehicle", "the vehicle name is missing; it ties a vehicle's rows together")
        vtype = self.vehicle_type(line, vehicle, cells["vehicle_type"])
        kind = self.kind(line, cells["event"])
        utc = self.time(line, "utc", cells["utc"], required=True)
        end_utc = self.end_time(line, kind, utc, cells["end_utc"])
        port = self.port(line, kind, cells["port"])
        from_port = self.from_port(line, kind, cells["from_port"])
        crew = self.crew(line, cells["crew"])
        if len(self.problems) > before:
            return None
        event = Event(kind=kind, utc=utc, port=port, from_port=from_port, end_utc=end_utc,
                      note=cells["note"], source=cells["source"])
        return _Row(vehicle, vtype, event, crew)

    def vehicle_type(self, line: int, vehicle: str, text: str) -> str | None:
        type_id = text.strip().lower()
        if not type_id:
            self.problem(line, "vehicle_type", f"the vehicle type is missing; known types: {self.known_types}")
            return None
        if self.station.vehicle_type(type_id) is None:
            self.problem(line, "vehicle_type", f"'{text.strip()}' is not a vehicle type; known types: {self.known_types}")
            return None
        if vehicle:
            first = self.types.setdefault(vehicle, (type_id, line))
            if first[0] != type_id:
                self.problem(line, "vehicle_type", f"'{vehicle}' is a {first[0]} on line {first[1]} but a "
                                                   f"{type_id} here; a vehicle has one type")
        return type_id

    def kind(self, line: int, text: str) -> EventKind | None:
        try:
            return EventKind(text.strip().lower())
        except ValueError:
            known = ", ".join(k.value for k in EventKind)
            shown = f"'{text.strip()}' is not an event" if text.strip() else "the event is missing"
            self.problem(line, "event", f"{shown}; use one of {known}")
            return None

    def time(self, line: int, column: str, text: str, required: bool):
        text = text.strip()
        if not text:
            if required:
                self.problem(line, column, f"the time is missing; write it in UTC like {_EXAMPLE_TIME}")
            return None
        try:
            return parse_utc(text)
        except TimeFormatError as exc:
            if _NO_ZONE.match(text):
                message = f"'{text}' has no time zone; write UTC times with a trailing Z, like {_EXAMPLE_TIME}"
            else:
                message = str(exc)
            self.problem(line, column, message)
            return None

    def end_time(self, line: int, kind: EventKind | None, utc, text: str):
        if not text.strip():
            return None
        if kind is not None and kind is not EventKind.RELOCATE:
            self.problem(line, "end_utc", f"end_utc is only for relocate rows (the redocking time); "
                                          f"leave it empty on a {kind.value} row")
            return None
        end = self.time(line, "end_utc", text, required=False)
        if end is not None and utc is not None and end < utc:
            self.problem(line, "end_utc", f"'{text.strip()}' is before utc; end_utc is the redocking, "
                                          "which comes after the undocking")
        return end

    def known_port(self, line: int, column: str, text: str) -> str | None:
        port_id = text.strip().lower()
        if self.station.port(port_id) is None:
            self.problem(line, column, f"'{text.strip()}' is not a port of the {self.station.name}; "
                                       f"known ports: {self.known_ports}")
            return None
        return port_id

    def port(self, line: int, kind: EventKind | None, text: str) -> str | None:
        if kind is None:
            return self.known_port(line, "port", text) if text.strip() else None
        if kind in PORT_EVENTS:
            if not text.strip():
                self.problem(line, "port", f"a {kind.value} row needs {_PORT_ROLE[kind]}; "
                                           f"known ports: {self.known_ports}")
                return None
            return self.known_port(line, "port", text)
        if text.strip():
            self.problem(line, "port", f"a {kind.value} row has no port (the vehicle is away from the station); "
                                       "leave it empty")
        return None

    def from_port(self, line: int, kind: EventKind | None, text: str) -> str | None:
        if kind is EventKind.RELOCATE:
            if not text.strip():
                self.problem(line, "from_port", f"a relocate row needs the port left; known ports: {self.known_ports}")
                return None
            return self.known_port(line, "from_port", text)
        if text.strip() and kind is not None:
            self.problem(line, "from_port", f"from_port is only for relocate rows (the port left); "
                                            f"leave it empty on a {kind.value} row")
        return None

    def crew(self, line: int, text: str) -> tuple[str, ...]:
        names = [name.strip() for name in text.split(CREW_SEPARATOR)]
        names = [name for name in names if name]
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.problem(line, "crew", f"'{name}' is named twice; separate different people with '{CREW_SEPARATOR}'")
            seen.add(name)
        return tuple(names)


def _build_project(rows: list[_Row], station: Station, title: str) -> Project:
    """Missions keyed by vehicle name and people by name, ids assigned in time order (so stable on re-import)."""
    # Time order, then vehicle; same-time rows of one vehicle keep their written order.
    rows = sorted(rows, key=lambda r: (r.event.utc, r.vehicle))
    missions: dict[str, Mission] = {}
    people: dict[str, Person] = {}
    mission_ids: set[str] = set()
    person_ids: set[str] = set()
    for row in rows:
        mission = missions.get(row.vehicle)
        if mission is None:
            mission_id = unique_slug(row.vehicle, mission_ids)
            mission_ids.add(mission_id)
            mission = missions[row.vehicle] = Mission(id=mission_id, name=row.vehicle, vehicle_type=row.vehicle_type)
        crew = []
        for name in row.crew_names:
            person = people.get(name)
            if person is None:
                person_id = unique_slug(name, person_ids)
                person_ids.add(person_id)
                person = people[name] = Person(id=person_id, name=name)
            crew.append(person.id)
        row.event.crew = tuple(crew)
        mission.events.append(row.event)
    for mission in missions.values():
        mission.sort_events()
    return Project(meta=ProjectMeta(title=title), station_id=station.id,
                   missions=list(missions.values()), people=list(people.values()))


def _not_a_header(record: list[str], expected: str) -> str:
    """What a first line that names no traffic column says about the file."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        cells = {cell.strip().lower() for cell in ",".join(record).split(separator)}
        if cells & set(COLUMNS):
            return (f"the columns are separated by {name}, not commas; save the file as comma-separated CSV "
                    f"(the header is {expected})")
    return f"this is not a traffic CSV: its first line should be the header {expected}"
