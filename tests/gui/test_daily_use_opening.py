"""A plan opens on itself: the timeline, the calendar and the map share the time cursor at the plan's start (its
first activity, else its first docking), not at today's date."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

import pytest

from planner.cli import main as cli_main
from planner.gui.main_window import MainWindow
from planner.gui.time_cursor import plan_start
from planner.model import ElementSet, Project
from planner.model.times import parse_utc
from planner.store import load_project


def _day(t: float) -> date:
    return datetime.fromtimestamp(t, timezone.utc).date()


def shown_days(window: MainWindow) -> dict[str, date]:
    """The day each view shows, as a person reads it off the screen (once the plan is checked: a timeline shown
    before fits itself to the stays when they are known)."""
    window.checker.settle()
    timeline, calendar, ground_map = window.timeline_view, window.calendar_view, window.map_panel
    timeline.canvas.layout_  # noqa: B018 (the lanes are built, and fitted, when first read or painted)
    lo, hi = timeline.canvas.visible_span()
    cursor = window.time_cursor.time()
    assert lo <= cursor <= hi, "the timeline shows the cursor"
    assert ground_map._range[0] <= cursor <= ground_map._range[1], "the map's slider reaches the cursor"
    assert calendar.canvas.day in calendar.canvas.days_shown()
    return {
        "cursor": _day(cursor),
        "timeline": timeline.date_edit.date().toPython(),
        "calendar": calendar.canvas.day,
        "calendar title": datetime.strptime(calendar.title.text().strip(), "%B %Y").date().replace(day=calendar.canvas.day.day),
        "map": _day(ground_map.renderer.time),
        "map label": date.fromisoformat(ground_map.time_label.text()[:10]),
    }


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def traffic_plan(events_csv, tmp_path):
    """A plan made on the command line from the 2021 traffic: missions only, no activities, no element sets."""
    path = tmp_path / "traffic.issplan"
    assert cli_main(["import-traffic", str(events_csv), "-o", str(path)]) == 0
    project = load_project(path)
    assert project.missions and not project.activities and not project.element_sets
    return path


def test_a_traffic_only_plan_opens_every_view_on_its_first_docking(window, traffic_plan):
    assert window.files.open_path(traffic_plan) is None
    # The first stay: Progress MS-16, docked since 2021-02-17 (the CSV's row of a vehicle already there).
    first_docking = min(e.utc for m in window.doc.project.missions for e in m.events if e.kind.arrives)
    assert window.time_cursor.time() == first_docking.timestamp()
    assert set(shown_days(window).values()) == {date(2021, 2, 17)}
    assert "February 2021" in window.calendar_view.title.text()


def test_the_example_opens_every_view_on_its_first_activity(window, example_window):
    first = min(a.start for a in example_window.doc.project.activities)
    assert first == parse_utc("2021-10-06T12:50:45Z")
    assert example_window.time_cursor.time() == first.timestamp()
    assert set(shown_days(example_window).values()) == {date(2021, 10, 6)}
    assert example_window.map_panel.time_label.text().startswith("2021-10-06 12:50")


def test_opening_another_plan_moves_every_view_to_it(example_window, traffic_plan):
    window = example_window
    window.map_panel.cursor.set_time(time.time())  # the user went to today on the map
    window.calendar_view.step(5)
    assert window.files.open_file(traffic_plan)
    assert set(shown_days(window).values()) == {date(2021, 2, 17)}
    # Revert to Saved reads the file again: the views go back to its start, wherever the user had gone.
    window.calendar_view.step(3)
    window.map_panel.cursor.set_time(time.time())
    window.files.revert()
    assert set(shown_days(window).values()) == {date(2021, 2, 17)}


def test_a_new_project_opens_on_today(example_window):
    window = example_window
    window.files.new_project()
    today = datetime.now(timezone.utc).date()
    assert set(shown_days(window).values()) <= {today, _day(time.time())}  # (midnight may pass in between)


def test_the_rule_activity_then_docking_then_any_event_then_element_sets_then_now(data_dir, traffic_plan):
    from planner.orbit import read_elements

    project = load_project(traffic_plan)
    launch_only = Project(missions=[m for m in project.missions if m.name == "Soyuz MS-19"])
    for mission in launch_only.missions:
        mission.events = [e for e in mission.events if e.kind.value == "launch"]
    assert _day(plan_start(launch_only)) == date(2021, 10, 5)
    sets: list[ElementSet] = read_elements(data_dir / "iss-2021-10-15.tle")
    assert _day(plan_start(Project(element_sets=sets))) == date(2021, 10, 15)
    before = time.time()
    assert before <= plan_start(Project()) <= time.time()
