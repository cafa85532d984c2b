"""The real 2021 station traffic: facts read back from the import, and an import-export-import round trip."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import datetime, timezone

import pytest

from planner.model import EventKind, Project
from planner.traffic import COLUMNS, parse_traffic_csv, read_traffic_csv, write_traffic_csv

UTC = timezone.utc


@pytest.fixture
def csv_path(data_dir):
    return data_dir / "iss-traffic-2021h2.csv"


@pytest.fixture
def project(csv_path) -> Project:
    return read_traffic_csv(csv_path)


def _reference_rows(text: str) -> list[dict]:
    """The rows as the standard library reads them: the independent reference for the importer."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _meaning(row: dict) -> tuple:
    """What a row says, independent of formatting: times as instants, crew as a set."""
    def when(text):
        return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None

    crew = frozenset(n.strip() for n in row["crew"].split(";") if n.strip())
    return (row["vehicle"], row["vehicle_type"], row["event"], when(row["utc"]), when(row["end_utc"]),
            row["port"], row["from_port"], crew, row["note"], row["source"])


def _mission(project: Project, name: str):
    return next(m for m in project.missions if m.name == name)


def _names(project: Project, ids) -> set[str]:
    names = project.person_names()
    return {names[i] for i in ids}


def test_one_mission_per_vehicle_named_in_the_file(project, csv_path):
    vehicles = {row["vehicle"] for row in _reference_rows(csv_path.read_text(encoding="utf-8"))}
    # Counted by hand from the file: Progress MS-16/17/18 and M-UM, Soyuz MS-18/19/20, Crew-2/3,
    # CRS-22/23/24, Cygnus NG-16, and the modules Nauka and Prichal.
    assert len(vehicles) == 15
    assert {m.name for m in project.missions} == vehicles
    assert len(project.missions) == 15
    assert {m.id for m in project.missions} >= {"soyuz-ms-19", "soyuz-ms-18", "crew-2", "progress-m-um", "nauka"}
    assert project.meta.title == "iss-traffic-2021h2"
    assert project.station_id == "iss"


def test_every_event_row_becomes_one_event_in_time_order(project, csv_path):
    rows = _reference_rows(csv_path.read_text(encoding="utf-8"))
    assert sum(len(m.events) for m in project.missions) == len(rows) == 44
    for mission in project.missions:
        times = [e.utc for e in mission.events]
        assert times == sorted(times), mission.name


def test_soyuz_ms19_crew(project):
    ms19 = _mission(project, "Soyuz MS-19")
    assert ms19.vehicle_type == "soyuz-ms"
    assert [e.kind for e in ms19.events] == [EventKind.LAUNCH, EventKind.DOCK, EventKind.UNDOCK, EventKind.LAND]
    launch, dock, undock, land = ms19.events
    film_crew = {"Anton Shkaplerov", "Yulia Peresild", "Klim Shipenko"}
    assert _names(project, launch.crew) == film_crew
    assert _names(project, dock.crew) == film_crew
    assert _names(project, undock.crew) == {"Anton Shkaplerov", "Pyotr Dubrov", "Mark Vande Hei"}
    assert dock.utc == datetime(2021, 10, 5, 12, 22, 31, tzinfo=UTC)
    assert dock.port == "rassvet-nadir"
    assert launch.port is None and launch.note.startswith("Film 'Vyzov'")


def test_soyuz_ms18_relocation_ports_and_times(project):
    ms18 = _mission(project, "Soyuz MS-18")
    relocate = ms18.first(EventKind.RELOCATE)
    assert relocate.from_port == "rassvet-nadir"
    assert relocate.port == "nauka-nadir"
    assert relocate.utc == datetime(2021, 9, 28, 12, 21, tzinfo=UTC)
    assert relocate.end_utc == datetime(2021, 9, 28, 13, 4, tzinfo=UTC)
    assert _names(project, relocate.crew) == {"Oleg Novitskiy", "Pyotr Dubrov", "Mark Vande Hei"}
    # Only the relocation row carries an end time.
    assert [e.end_utc is None for e in ms18.events] == [True, False, True, True]


def test_peresild_arrives_on_ms19_and_leaves_on_ms18(project):
    peresild = next(p for p in project.people if p.name == "Yulia Peresild")
    assert peresild.id == "yulia-peresild"
    arrivals = [m.name for m in project.missions for e in m.events if e.kind.arrives and peresild.id in e.crew]
    departures = [m.name for m in project.missions for e in m.events if e.kind.departs and peresild.id in e.crew]
    assert arrivals == ["Soyuz MS-19"]
    assert departures == ["Soyuz MS-18"]


def test_one_person_per_distinct_name(project, csv_path):
    rows = _reference_rows(csv_path.read_text(encoding="utf-8"))
    names = {n.strip() for row in rows for n in row["crew"].split(";") if n.strip()}
    assert len(names) == 17
    assert sorted(p.name for p in project.people) == sorted(names)
    assert len({p.id for p in project.people}) == 17
    assert project.person("mark-vande-hei").name == "Mark Vande Hei"


def test_notes_and_sources_are_kept_verbatim(project):
    ms18_dock = _mission(project, "Soyuz MS-18").first(EventKind.DOCK)
    # The file's note starts with a space; the importer keeps notes exactly as written.
    assert ms18_dock.note == " (already docked when this timeline starts)"
    assert ms18_dock.source == "http://www.kosmonavtika.com/vaisseaux/mks/missions/mkseo65/chrono.html"
    crew2_relocate = _mission(project, "Crew-2").first(EventKind.RELOCATE)
    assert crew2_relocate.note.startswith("6:45 EDT undock, 7:35 EDT redock; frees forward port")


def test_import_export_import_gives_an_equal_project(project):
    exported = write_traffic_csv(project)
    again = parse_traffic_csv(exported, title=project.meta.title)
    assert again == project
    assert write_traffic_csv(again) == exported


def test_every_original_row_is_in_the_export(project, csv_path):
    original = Counter(_meaning(r) for r in _reference_rows(csv_path.read_text(encoding="utf-8")))
    exported_text = write_traffic_csv(project)
    exported = Counter(_meaning(r) for r in _reference_rows(exported_text))
    assert exported == original
    assert exported_text.splitlines()[0] == ",".join(COLUMNS)


def test_export_is_sorted_by_time_then_vehicle(project):
    rows = _reference_rows(write_traffic_csv(project))
    keys = [(r["utc"], r["vehicle"]) for r in rows]
    assert keys == sorted(keys)
    # Prichal and the Progress M-UM tug arrived together: same time, so the vehicle name decides.
    together = [r["vehicle"] for r in rows if r["utc"] == "2021-11-26T15:19:39Z"]
    assert together == ["Prichal", "Progress M-UM"]


def test_export_does_not_depend_on_mission_or_row_order(project, csv_path):
    expected = write_traffic_csv(project)
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    body = lines[1:]
    random.Random(2021).shuffle(body)
    shuffled = parse_traffic_csv("".join([lines[0], *body]), title=project.meta.title)
    assert shuffled == project
    shuffled.missions.reverse()
    assert write_traffic_csv(shuffled) == expected
