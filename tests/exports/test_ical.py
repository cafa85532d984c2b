"""The iCalendar export, parsed back with ``icalendar`` and compared with the plan it came from."""

from __future__ import annotations

from datetime import datetime, timezone

import icalendar
import pytest

from planner.exports import ics_bytes, write_ics
from planner.model import EventKind
from planner.store import load_project

STAMP = datetime(2021, 10, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def example():
    from planner.resources import example_project_path

    return load_project(example_project_path())


def _events(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_every_activity_comes_back_with_its_exact_times_and_title(example):
    events = _events(ics_bytes(example, stamp=STAMP))
    for activity in example.activities:
        event = events[f"activity-{activity.id}@iss-planner"]
        assert str(event["summary"]) == activity.title
        assert event.decoded("dtstart") == activity.start
        assert event.decoded("dtend") == activity.end


def test_dockings_and_undockings_come_back_at_their_times(example):
    events = _events(ics_bytes(example, stamp=STAMP))
    ms19 = example.mission("soyuz-ms-19")
    dock_index = next(i for i, e in enumerate(ms19.events) if e.kind is EventKind.DOCK)
    event = events[f"event-soyuz-ms-19-{dock_index}@iss-planner"]
    assert event.decoded("dtstart") == datetime(2021, 10, 5, 12, 22, 31, tzinfo=timezone.utc)
    assert "Soyuz MS-19 docks at" in str(event["summary"])
    assert str(event["location"]) == "rassvet-nadir"


def test_stays_span_dock_to_undock_and_open_stays_have_no_end(example):
    events = _events(ics_bytes(example, stamp=STAMP))
    # MS-18 stayed at Rassvet until its relocation on 2021-09-28, then at Nauka until 2021-10-17.
    rassvet, nauka = events["stay-soyuz-ms-18-0@iss-planner"], events["stay-soyuz-ms-18-1@iss-planner"]
    assert rassvet.decoded("dtstart") == datetime(2021, 4, 9, 11, 5, 7, tzinfo=timezone.utc)
    relocation = example.mission("soyuz-ms-18").first(EventKind.RELOCATE)
    assert rassvet.decoded("dtend") == relocation.utc
    assert nauka.decoded("dtstart") == relocation.end_utc
    assert str(nauka["location"]) == "nauka-nadir"
    crew3 = events["stay-crew-3-0@iss-planner"]  # still docked when the plan ends
    assert "dtend" not in crew3 and "duration" not in crew3
    assert "No departure planned" in str(crew3["description"])


def test_one_event_per_record_line_and_a_calendar_other_programs_accept(example):
    data = ics_bytes(example, stamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and "ISS Visit Planner" in str(cal["prodid"])
    n_events = sum(len(m.events) for m in example.missions)
    n_stays = 18  # 15 missions, three of them relocated once (MS-18, Crew-2, Progress MS-17)
    assert len(cal.walk("VEVENT")) == n_events + n_stays + len(example.activities)
    assert all(line.endswith(b"\r") or line == b"" for line in data.split(b"\n"))  # CRLF line ends
    assert ics_bytes(example, stamp=STAMP) == data  # repeatable with a fixed stamp


def test_write_ics_keeps_the_previous_file(example, tmp_path):
    path = tmp_path / "plan.ics"
    path.write_text("old")
    write_ics(example, path, stamp=STAMP)
    assert (tmp_path / "plan.ics~").read_text() == "old"
    assert len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) > 50


def test_a_skipped_activity_is_cancelled_and_a_done_one_says_so(example):
    import copy

    from planner.model import ActivityStatus

    plan = copy.deepcopy(example)
    plan.activities[0].status = ActivityStatus.SKIPPED
    plan.activities[1].status = ActivityStatus.DONE
    events = _events(ics_bytes(plan, stamp=STAMP))
    skipped, done, planned = (events[f"activity-{a.id}@iss-planner"] for a in plan.activities[:3])
    assert str(skipped["status"]) == "CANCELLED" and "Status: skipped" in str(skipped["description"])
    assert "status" not in done and str(done["description"]).endswith("Status: done")
    assert "status" not in planned and "Status" not in str(planned["description"])
