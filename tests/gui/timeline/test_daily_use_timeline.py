"""The timeline driven from the keyboard and the mouse as a user does (issue 14 items 4 and 15): Go to Date
shows the day typed and stays out of the way afterwards; the zoom keys keep the time cursor or the selection
where it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.gui.timeline.frame import LABEL_W
from planner.model.times import parse_utc

CTRL = Qt.KeyboardModifier.ControlModifier
DAY = 86400.0


def _t(text):
    return parse_utc(text).timestamp()


@pytest.fixture
def active(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _days_shown(canvas) -> float:
    t0, t1 = canvas.visible_span()
    return (t1 - t0) / DAY


def _click_empty_time(canvas, x: float) -> None:
    """A click on the time axis (no bar there): what a user does to put the keyboard back in the timeline."""
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), 5))


def _go_to(view, text: str) -> None:
    QTest.keyClick(view.canvas, Qt.Key.Key_G, CTRL)
    field = view.date_edit
    assert field.hasFocus() and field.lineEdit().selectedText() == field.text()  # typed over, not into
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def test_go_to_shows_the_day_and_leaving_the_field_does_not_go_there_again(active, canvas):
    view = active.timeline_view
    canvas.setFocus()
    _go_to(view, "2021-10-09")
    t0, t1 = canvas.visible_span()
    assert t0 <= _t("2021-10-09T00:00:00Z") < _t("2021-10-10T00:00:00Z") <= t1 and _days_shown(canvas) < 1.1
    assert active.time_cursor.time() == _t("2021-10-09T00:00:00Z")
    # Zoom out twice while the field still has the keyboard, then click in the timeline.
    QTest.keyClick(view.date_edit, Qt.Key.Key_Minus, CTRL)
    QTest.keyClick(view.date_edit, Qt.Key.Key_Minus, CTRL)
    zoomed = canvas.visible_span()
    assert 3.9 < _days_shown(canvas) < 4.5
    _click_empty_time(canvas, LABEL_W + 40)
    assert canvas.hasFocus() and not view.date_edit.hasFocus()
    assert canvas.visible_span()[1] - canvas.visible_span()[0] == pytest.approx(zoomed[1] - zoomed[0])
    assert 3.9 < _days_shown(canvas) < 4.5  # it snapped back to one day here


def test_a_day_typed_then_left_without_enter_is_still_shown(active, canvas):
    view = active.timeline_view
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_G, CTRL)
    QTest.keyClicks(view.date_edit, "2021-11-20")
    _click_empty_time(canvas, LABEL_W + 40)
    t0, t1 = canvas.visible_span()
    assert t0 <= _t("2021-11-20T00:00:00Z") < _t("2021-11-21T00:00:00Z") <= t1 and _days_shown(canvas) < 1.1


def test_enter_on_the_day_shown_goes_back_to_it(active, canvas):
    view = active.timeline_view
    canvas.setFocus()
    _go_to(view, "2021-10-09")
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Right)  # pan away
    QTest.keyClick(canvas, Qt.Key.Key_Minus, CTRL)
    QTest.keyClick(canvas, Qt.Key.Key_G, CTRL)
    QTest.keyClick(view.date_edit, Qt.Key.Key_Return)
    t0, t1 = canvas.visible_span()
    assert t0 <= _t("2021-10-09T00:00:00Z") < _t("2021-10-10T00:00:00Z") <= t1 and _days_shown(canvas) < 1.1


@pytest.mark.parametrize("key", [Qt.Key.Key_Equal, Qt.Key.Key_Minus], ids=["zoom-in", "zoom-out"])
def test_zoom_keys_keep_the_time_cursor_where_it_is(active, canvas, key):
    canvas.setFocus()
    canvas.show_window(_t("2021-10-01T00:00:00Z"), _t("2021-10-11T00:00:00Z"), margin=0.0)
    near_right = canvas.scale.t(LABEL_W + canvas.plot_width() * 0.85)
    active.time_cursor.set_time(near_right)
    x = canvas.scale.x(near_right)
    QTest.keyClick(canvas, key, CTRL)
    assert canvas.scale.x(near_right) == pytest.approx(x, abs=1.0)  # was pushed off the right edge on zoom in
    days = _days_shown(canvas)
    assert days == pytest.approx(5 if key == Qt.Key.Key_Equal else 20, rel=0.01)


def test_zoom_in_keeps_the_selection_in_view_when_the_cursor_is_not(active, canvas):
    canvas.setFocus()
    canvas.show_window(_t("2021-10-01T00:00:00Z"), _t("2021-10-31T00:00:00Z"), margin=0.0)
    active.time_cursor.set_time(_t("2021-03-01T00:00:00Z"))  # far off screen
    # "Surgery scene, part 1" (2021-10-09 09:00-14:00), left of the middle: selected in its table.
    active.views["activities"].select_ids(["act-05"])
    for _ in range(4):  # 30 days to under 2
        QTest.keyClick(canvas, Qt.Key.Key_Equal, CTRL)
    t0, t1 = canvas.visible_span()
    assert _days_shown(canvas) < 2.0
    assert t0 < _t("2021-10-09T11:30:00Z") < t1  # (around the middle of the view it drifted off to the left)
