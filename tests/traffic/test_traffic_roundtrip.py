"""Generated traffic survives import, export and import again: every row's meaning, notes and sources."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model import EventKind
from planner.model.catalogue import load_station
from planner.traffic import COLUMNS, parse_traffic_csv, write_traffic_csv
from planner.traffic.columns import PORT_EVENTS

STATION = load_station()
PORTS = [p.id for p in STATION.ports]
TYPES = [t.id for t in STATION.vehicle_types]

# Names are trimmed by the importer and a ';' separates crew names, so generated names avoid both.
_NAME_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters=";")
person_names = st.text(_NAME_CHARS, min_size=1, max_size=16).map(str.strip).filter(bool)
vehicle_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=16).map(str.strip).filter(bool)
free_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['', 'a note, with "quotes"', "two\nlines", "a lone\rreturn", "crlf\r\nend", " edges ",
                     '"', ",", "Юлия Пересильд; Клим Шипенко", "🚀 launch"]),
)
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc))


@st.composite
def event_rows(draw, vehicle: str, vehicle_type: str, crew_pool: list[str]) -> dict:
    kind = draw(st.sampled_from(list(EventKind)))
    utc = draw(times)
    relocate = kind is EventKind.RELOCATE
    end = draw(st.none() | st.timedeltas(timedelta(0), timedelta(days=2)).map(lambda d: utc + d)) if relocate else None
    crew = draw(st.lists(st.sampled_from(crew_pool), unique=True, max_size=4)) if crew_pool else []
    return {
        "vehicle": vehicle, "vehicle_type": vehicle_type, "event": kind.value, "utc": utc, "end_utc": end,
        "port": draw(st.sampled_from(PORTS)) if kind in PORT_EVENTS else "",
        "from_port": draw(st.sampled_from(PORTS)) if relocate else "",
        "crew": crew, "note": draw(free_text), "source": draw(free_text),
    }


@st.composite
def traffic(draw) -> list[dict]:
    """Rows of several vehicles, in a random order (rules-wise nonsense is fine: import accepts clashes)."""
    crew_pool = draw(st.lists(person_names, unique=True, max_size=6))
    vehicles = draw(st.lists(vehicle_names, unique=True, min_size=1, max_size=5))
    rows = []
    for vehicle in vehicles:
        vtype = draw(st.sampled_from(TYPES))
        rows += draw(st.lists(event_rows(vehicle, vtype, crew_pool), min_size=1, max_size=6))
    return draw(st.permutations(rows))


def _reference_csv(rows: list[dict]) -> str:
    """The rows written by the standard library (CRLF line ends), not by the code under test."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "utc": _z(row["utc"]), "end_utc": _z(row["end_utc"]) if row["end_utc"] else "",
                         "crew": ";".join(row["crew"])})
    return out.getvalue()


def _z(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _row_meaning(row: dict) -> tuple:
    return (row["vehicle"], row["vehicle_type"], row["event"], row["utc"], row["end_utc"], row["port"],
            row["from_port"], frozenset(row["crew"]), row["note"], row["source"])


def _project_meanings(project) -> Counter:
    names = project.person_names()
    return Counter(
        (m.name, m.vehicle_type, e.kind.value, e.utc, e.end_utc, e.port or "", e.from_port or "",
         frozenset(names[p] for p in e.crew), e.note, e.source)
        for m in project.missions for e in m.events
    )


@settings(max_examples=60, deadline=None)
@given(traffic())
def test_generated_traffic_round_trips(rows):
    project = parse_traffic_csv(_reference_csv(rows))
    assert _project_meanings(project) == Counter(_row_meaning(r) for r in rows)
    assert len(project.missions) == len({r["vehicle"] for r in rows})
    assert len(project.people) == len({n for r in rows for n in r["crew"]})
    assert len({p.id for p in project.people}) == len(project.people)

    exported = write_traffic_csv(project)
    again = parse_traffic_csv(exported)
    assert again == project
    assert write_traffic_csv(again) == exported


@settings(max_examples=30, deadline=None)
@given(traffic())
def test_export_is_read_back_by_the_standard_library(rows):
    exported = write_traffic_csv(parse_traffic_csv(_reference_csv(rows)))
    reader = csv.DictReader(io.StringIO(exported, newline=""))
    read = list(reader)
    assert reader.fieldnames == list(COLUMNS)
    assert Counter((r["vehicle"], r["event"], r["note"], r["source"]) for r in read) == \
        Counter((r["vehicle"], r["event"], r["note"], r["source"]) for r in rows)
    keys = [(r["utc"], r["vehicle"]) for r in read]
    assert keys == sorted(keys, key=lambda k: (datetime.fromisoformat(k[0].replace("Z", "+00:00")), k[1]))
