"""The schedule CSV read back with the csv module."""

from __future__ import annotations

import csv
import io

from planner.exports import SCHEDULE_COLUMNS, schedule_csv_text, write_schedule_csv
from planner.model import Activity, Mission, Project
from planner.model.activity import ActivityKind
from planner.model.mission import Event, EventKind
from planner.model.people import Person
from planner.model.times import parse_utc


def _plan() -> Project:
    t = parse_utc
    soyuz = Mission("s1", "Soyuz, \"test\"", "soyuz-ms", [
        Event(EventKind.LAUNCH, t("2030-01-01T08:00:00Z"), crew=("ann",)),
        Event(EventKind.DOCK, t("2030-01-01T12:00:00Z"), port="rassvet-nadir", crew=("ann",)),
    ])
    shoot = Activity("a1", "Shoot, take 1", ActivityKind.FILM_SHOOT, t("2030-01-02T09:00:00Z"),
                     t("2030-01-02T10:30:00Z"), people=("ann", "bob"))
    return Project(missions=[soyuz], activities=[shoot], people=[Person("ann", "Ann A"), Person("bob", "Bob B")])


def test_rows_in_time_order_with_exact_times_quoting_and_names():
    rows = list(csv.DictReader(io.StringIO(schedule_csv_text(_plan()))))
    assert tuple(rows[0]) == SCHEDULE_COLUMNS
    assert [(r["kind"], r["start_utc"], r["end_utc"]) for r in rows] == [
        ("event", "2030-01-01T08:00:00Z", "2030-01-01T08:00:00Z"),
        ("event", "2030-01-01T12:00:00Z", "2030-01-01T12:00:00Z"),
        ("stay", "2030-01-01T12:00:00Z", ""),  # still docked: no end
        ("activity", "2030-01-02T09:00:00Z", "2030-01-02T10:30:00Z"),
    ]
    assert rows[0]["title"] == 'Soyuz, "test" launches' and rows[0]["people"] == "Ann A"
    assert rows[1]["port"] == "rassvet-nadir" and rows[1]["detail"] == "dock"
    assert rows[3]["title"] == "Shoot, take 1" and rows[3]["people"] == "Ann A;Bob B"
    assert rows[3]["record"] == "activities/a1"


def test_write_schedule_csv_is_utf8(tmp_path):
    plan = _plan()
    plan.people[0].name = "Юлия Пересильд"
    path = tmp_path / "s.csv"
    write_schedule_csv(plan, path)
    assert "Юлия Пересильд" in path.read_text(encoding="utf-8")
