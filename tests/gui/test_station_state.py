"""Views are handed the station state they show (a StationState), not the checker's engine."""

from __future__ import annotations

import copy
from datetime import date

from planner.gui.calendar.view import CalendarView
from planner.gui.clash_checker import ClashChecker
from planner.gui.commands import ReplaceItem
from planner.gui.document import ProjectDocument
from planner.gui.station_state import StationState
from planner.model import EventKind
from planner.resources import example_project_path
from planner.station import StationTimeline
from planner.store import load_project


def _docked(view, day) -> set[str]:
    return {entry.item_id for entry in view.canvas.index().stays_on(day)}


def test_a_calendar_shows_the_state_it_is_handed_and_follows_it(qtbot):
    project = load_project(example_project_path())
    doc = ProjectDocument(project)
    state = StationState.of(project)
    view = CalendarView(doc, state)  # no checker anywhere
    qtbot.addWidget(view)
    assert "soyuz-ms-19" in _docked(view, date(2021, 10, 10))

    without = copy.deepcopy(project)
    without.missions = [m for m in without.missions if m.id != "soyuz-ms-19"]
    with qtbot.waitSignal(state.changed):
        state.publish(StationTimeline.from_project(without))
    assert "soyuz-ms-19" not in _docked(view, date(2021, 10, 10))


def test_the_checker_publishes_each_checked_edit(qtbot):
    doc = ProjectDocument(load_project(example_project_path()))
    checker = ClashChecker(doc)
    checker.settle()  # (the full check runs on a worker thread)
    ms18 = next(m for m in doc.project.missions if m.id == "soyuz-ms-18")
    assert checker.station.timeline.missions["soyuz-ms-18"].stays[-1].end == ms18.first(EventKind.UNDOCK).utc.timestamp()
    earlier = copy.deepcopy(ms18)
    undock = earlier.first(EventKind.UNDOCK)
    undock.utc = undock.utc.replace(hour=0)
    order = []
    checker.station.changed.connect(lambda: order.append("station"))
    checker.findingsChanged.connect(lambda: order.append("findings"))

    doc.undo_stack.push(ReplaceItem(doc, "missions", ms18.id, earlier))

    assert order == ["station", "findings"]  # a view reading both sees them agree
    assert checker.station.timeline.missions["soyuz-ms-18"].stays[-1].end == undock.utc.timestamp()
