"""The calendar of the 2021 example: pages, busy days, click to select, double-click to open."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from planner.exports.schedule import Schedule
from planner.resources import example_project_path
from planner.gui.calendar.days import DayIndex
from planner.store import load_project


@pytest.fixture
def window(example_window, example_tab):
    """A main window over a copy of the bundled example, the calendar tab shown."""
    return example_tab(example_window.calendar_view, 1300)


def _click(widget, pos, double=False):
    kind = QEvent.Type.MouseButtonDblClick if double else QEvent.Type.MouseButtonPress
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(widget, QMouseEvent(kind, pos, QPointF(widget.mapToGlobal(pos.toPoint())), left, left,
                                               Qt.KeyboardModifier.NoModifier))


def test_busy_days_and_stays_of_the_real_traffic():
    index = DayIndex(Schedule(load_project(example_project_path())), "UTC")
    assert index.busy(date(2021, 10, 5)) == 2  # Soyuz MS-19 launches and docks
    assert index.busy(date(2021, 10, 9)) == 1  # only the surgery scene
    assert index.busy(date(2021, 10, 19)) == 0
    docked = {e.item_id for e in index.stays_on(date(2021, 10, 10))}
    assert {"soyuz-ms-18", "soyuz-ms-19", "crew-2", "nauka", "cygnus-ng-16", "progress-ms-17"} <= docked
    # In Moscow time the MS-18 undocking (01:14Z) is on the same day, the landing (04:35Z) too.
    moscow = DayIndex(Schedule(load_project(example_project_path())), "Europe/Moscow")
    assert [e.detail for e in moscow.on(date(2021, 10, 17)) if e.item_id == "soyuz-ms-18"] == ["undock", "land"]


def test_the_calendar_opens_on_the_first_activity_and_pages_step(window):
    view = window.calendar_view
    assert view.canvas.day == date(2021, 10, 6) and view.canvas.mode == "month"
    view.step(1)
    assert view.canvas.day == date(2021, 11, 1)
    view.set_mode("week")
    view.go_to(date(2021, 10, 6))
    assert view.canvas.days_shown()[0] == date(2021, 10, 4)
    view.step(-1)
    assert view.canvas.days_shown()[0] == date(2021, 9, 27)
    view.set_mode("day")
    view.today()
    assert view.canvas.days_shown() == [date.today()]


def test_click_selects_and_double_click_opens(window, qtbot):
    view = window.calendar_view
    view.set_mode("day")
    view.go_to(date(2021, 10, 5))
    view.canvas.repaint()
    hits = {entry.uid: rect for rect, entry in view.canvas.hits}
    rect = next(r for uid, r in hits.items() if uid.startswith("event-soyuz-ms-19"))
    _click(view.canvas, rect.center())
    assert window.views["missions"].selected_ids() == ["soyuz-ms-19"]
    _click(view.canvas, rect.center(), double=True)
    assert window.mission_editor.mission_id == "soyuz-ms-19"
    view.go_to(date(2021, 10, 9))
    view.canvas.repaint()
    rect = next(r for r, e in view.canvas.hits if e.item_id == "act-05")
    _click(view.canvas, rect.center())
    assert window.views["activities"].selected_ids() == ["act-05"]


def test_edits_show_up_in_the_calendar(window):
    view = window.calendar_view
    index = view.canvas.index()
    assert any(e.item_id == "act-05" for e in index.on(date(2021, 10, 9)))
    from planner.gui.commands import RemoveItem

    window.doc.undo_stack.push(RemoveItem(window.doc, "activities", "act-05"))
    assert not any(e.item_id == "act-05" for e in view.canvas.index().on(date(2021, 10, 9)))


def test_a_clicked_finding_turns_the_calendar_to_its_day(window):
    from planner.model.times import parse_utc

    window.time_cursor.show_window(parse_utc("2021-12-22T08:41:00Z").timestamp(),
                                   parse_utc("2021-12-22T10:00:00Z").timestamp())
    assert window.calendar_view.canvas.day == date(2021, 12, 22)


def test_candidate_windows_are_marked_on_the_day_and_week_pages(window):
    from planner.model.times import parse_utc

    canvas = window.calendar_view.canvas
    start, end = parse_utc("2021-10-09T03:00:00Z").timestamp(), parse_utc("2021-10-10T02:00:00Z").timestamp()
    canvas.set_page("week", date(2021, 10, 9))
    assert canvas.highlight_rects() == []
    window.time_cursor.set_highlights([(start, end, "Window across midnight")], chosen=0)
    pieces = canvas.highlight_rects()
    assert len(pieces) == 2  # the evening of the 9th and the early hours of the 10th
    top, hour_h, gutter, cw = canvas._column_geometry()
    first, second = sorted((r for _k, r in pieces), key=lambda r: r.x())
    assert abs(first.top() - (top + 3 * hour_h)) < 1 and abs(first.height() - 21 * hour_h) < 1
    assert abs(second.top() - top) < 1 and abs(second.height() - 2 * hour_h) < 1
    assert abs(second.x() - first.x() - cw) < 1
    image = canvas.grab().toImage()
    x = int(first.center().x()) - 30
    inside, outside = image.pixelColor(x, int(first.top() + 4)), image.pixelColor(x, int(first.top() - 6))
    assert inside != outside and inside.blue() > inside.red()
    canvas.set_page("month", date(2021, 10, 9))
    assert canvas.highlight_rects() == []  # the month page has no hours to mark
    canvas.set_page("day", date(2021, 10, 9))
    assert len(canvas.highlight_rects()) == 1
    window.time_cursor.set_highlights([])
    assert canvas.highlight_rects() == []


def test_a_day_holds_what_starts_on_its_local_date_where_midnight_repeats():
    from datetime import datetime, timedelta, timezone

    from planner.gui.calendar.days import local_day
    from planner.model import Activity, ActivityKind, Project

    # 03:20Z is 23:50 on 6 November in St John's: the second time 23:01-00:01 came round that night (2010).
    t = datetime(2010, 11, 7, 3, 20, tzinfo=timezone.utc)
    project = Project(activities=[Activity(id="a", title="late call", kind=ActivityKind.OTHER, start=t,
                                           end=t + timedelta(minutes=5))])
    index = DayIndex(Schedule(project), "America/St_Johns")
    assert local_day(t.timestamp(), "America/St_Johns") == date(2010, 11, 6)
    assert [e.title for e in index.on(date(2010, 11, 6))] == ["late call"]
    assert index.on(date(2010, 11, 7)) == []


def test_the_lines_of_a_day_are_of_the_plan_as_it_was_indexed():
    from dataclasses import replace

    project = load_project(example_project_path())
    index = DayIndex(Schedule(project), "UTC")
    project.activities = [replace(a, title="changed") for a in project.activities[:-1]]  # an edit, not yet seen
    assert "changed" not in {e.title for e in index.on(date(2021, 10, 9))}  # no mix of two plans, no IndexError
