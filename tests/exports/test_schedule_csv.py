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


def test_status_is_the_last_column_and_a_skipped_activity_is_still_listed():
    from dataclasses import replace

    from planner.model.activity import ActivityStatus

    plan = _plan()
    shoot = plan.activities[0]
    t = parse_utc
    plan.activities = [
        replace(shoot, status=ActivityStatus.DONE),
        replace(shoot, id="a2", title="Downlink", start=t("2030-01-02T11:00:00Z"), end=t("2030-01-02T11:20:00Z"),
                status=ActivityStatus.SKIPPED),
        replace(shoot, id="a3", title="Shoot, take 2", start=t("2030-01-02T12:00:00Z"),
                end=t("2030-01-02T13:00:00Z"), status=ActivityStatus.IN_PROGRESS),
        replace(shoot, id="a4", title="Shoot, take 3", start=t("2030-01-02T14:00:00Z"),
                end=t("2030-01-02T15:00:00Z")),
    ]
    text = schedule_csv_text(plan)
    rows = list(csv.reader(io.StringIO(text)))
    # The columns a script reads by position are where they were; status comes after them all.
    assert rows[0] == ["kind", "start_utc", "end_utc", "title", "detail", "port", "people", "record", "uid",
                       "status"]
    assert all(len(row) == 10 for row in rows)
    by_record = {row[7]: row for row in rows[1:]}
    assert by_record["activities/a1"][9] == "done" and by_record["activities/a1"][8] == "activity-a1"
    assert by_record["activities/a2"][9] == "skipped"  # a record of the day: listed, marked skipped
    assert by_record["activities/a2"][1:3] == ["2030-01-02T11:00:00Z", "2030-01-02T11:20:00Z"]
    assert by_record["activities/a3"][9] == "in-progress"
    assert by_record["activities/a4"][9] == "planned"
    assert {row[9] for row in rows[1:] if row[0] != "activity"} == {""}  # stays and events have no status
    assert len(rows) == 1 + 3 + 4  # launch, docking, stay and the four activities
