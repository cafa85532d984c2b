"""An activity's status on the calendar, set as a user does (click the entry on the calendar, then type into the
activity editor's Status list): drawn as the timeline draws it (done faded and ticked, in progress marked, skipped
grey and struck through) and said in the tooltip."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.gui.timeline.layout import ACTIVITY_COLORS, SKIPPED_COLOR, bar_style
from planner.model import ActivityStatus

# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

FIRST_NIGHT = "act-02"  # film shoot, Wed 6 Oct 2021 16:00-19:00
WINDOW_SHOT = "act-03"  # film shoot, Thu 7 Oct 10:01-10:31
FALLS_ILL = "act-04"  # film shoot, Fri 8 Oct 08:30-12:30
SURGERY = "act-05"  # film shoot, Sat 9 Oct 09:00-14:00: left planned


@pytest.fixture
def window(active_example):
    """The example window, active, on the calendar's week of 4-10 October 2021."""
    window = active_example
    window.central_tabs.setCurrentWidget(window.calendar_view)
    view = window.calendar_view
    view.set_mode("week")
    view.go_to(date(2021, 10, 6))
    view.canvas.repaint()
    return window


def _rect(canvas, activity_id):
    canvas.repaint()
    return next(r for r, e in canvas.hits if e.item_id == activity_id)


def _mark(window, activity_id, typed):
    """Click the activity on the calendar (the editor shows it), then type into its Status list."""
    canvas = window.calendar_view.canvas
    pos = _rect(canvas, activity_id).center()
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseButtonPress, pos, canvas.mapToGlobal(pos), left,
                                               left, Qt.KeyboardModifier.NoModifier))
    editor = window.activity_editor
    assert window.editor_stack.currentWidget() is editor and editor.title_edit.text()
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # St&atus:
    assert editor.status_combo.hasFocus()
    # A list takes letters typed in quick succession as one word: a user pauses between two activities.
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    QTest.keyClicks(editor.status_combo, typed)


def _status(window, activity_id):
    return next(a for a in window.doc.project.activities if a.id == activity_id).status


def _fill(canvas, activity_id) -> QColor:
    """The colour of the activity's box away from its label and its edges (below the label's line)."""
    rect = _rect(canvas, activity_id)
    image = canvas.grab().toImage()
    return image.pixelColor(int(rect.right()) - 4, int(rect.bottom()) - 3)


def _timeline_color(window, activity_id) -> str:
    """The colour the timeline gives the activity's bar in Yulia Peresild's lane."""
    spans = window.timeline_view.canvas.layout_.lane("person:yulia-peresild").spans
    k = next(i for i, bar in enumerate(spans.payloads) if bar.activity == activity_id)
    style = bar_style(spans)
    return style.codes[style.color[k]]


def test_statuses_set_in_the_editor_show_on_the_calendar_as_on_the_timeline(window):
    canvas = window.calendar_view.canvas
    shoot = QColor(ACTIVITY_COLORS["film-shoot"])
    for activity_id in (FIRST_NIGHT, WINDOW_SHOT, FALLS_ILL, SURGERY):
        assert _fill(canvas, activity_id) == shoot  # all planned: the kind's colour
    _mark(window, FIRST_NIGHT, "d")
    _mark(window, WINDOW_SHOT, "s")
    _mark(window, FALLS_ILL, "i")
    assert [_status(window, a) for a in (FIRST_NIGHT, WINDOW_SHOT, FALLS_ILL, SURGERY)] == [
        ActivityStatus.DONE, ActivityStatus.SKIPPED, ActivityStatus.IN_PROGRESS, ActivityStatus.PLANNED]

    done = _fill(canvas, FIRST_NIGHT)
    # Done: the kind's hue faded towards white (each channel between the colour and white)...
    for ours, kind in zip(done.getRgb()[:3], shoot.getRgb()[:3]):
        assert kind < ours < 255
    # ... the very colour of its timeline bar; in progress keeps the kind's colour, skipped is the timeline's grey.
    assert done == QColor(_timeline_color(window, FIRST_NIGHT))
    assert _fill(canvas, FALLS_ILL) == shoot == QColor(_timeline_color(window, FALLS_ILL))
    assert _fill(canvas, WINDOW_SHOT) == QColor(SKIPPED_COLOR) == QColor(_timeline_color(window, WINDOW_SHOT))
    assert _fill(canvas, SURGERY) == shoot

    # Skipped: a dark line through the label's line, across the box (right of the text, where there is no text).
    rect = _rect(canvas, WINDOW_SHOT)
    image = canvas.grab().toImage()
    x = int(rect.right()) - 3
    line = [image.pixelColor(x, y) for y in range(int(rect.top()), int(rect.top()) + canvas.fontMetrics().height())]
    assert any(c.lightness() < 110 for c in line), [c.name() for c in line]
    done_rect = _rect(canvas, FIRST_NIGHT)
    assert all(image.pixelColor(int(done_rect.right()) - 3, y).lightness() > 110
               for y in range(int(done_rect.top()) + 1, int(done_rect.top()) + canvas.fontMetrics().height()))

    # The labels carry the timeline's marks, and the tooltips say the status.
    labels = {e.item_id: label for e, label in canvas.labels()}
    assert labels[FIRST_NIGHT] == "16:00 ✓ Scene: first night aboard"
    assert labels[FALLS_ILL] == "08:30 ▶ Scene: the cosmonaut falls ill"
    assert labels[WINDOW_SHOT] == "10:01 Window shot: Earth in daylight"
    assert labels[SURGERY] == "09:00 Surgery scene, part 1"
    tip = canvas.tooltip_at(_rect(canvas, WINDOW_SHOT).center())
    assert tip.startswith("<b>Window shot: Earth in daylight</b> (film-shoot, skipped)")
    assert "2021-10-07 10:01:00 UTC → 2021-10-07 10:31:00 UTC" in tip and "Yulia Peresild" in tip
    assert "(film-shoot, done)" in canvas.tooltip_at(_rect(canvas, FIRST_NIGHT).center())
    assert "(film-shoot, in progress)" in canvas.tooltip_at(_rect(canvas, FALLS_ILL).center())
    assert "(film-shoot)<br>" in canvas.tooltip_at(_rect(canvas, SURGERY).center())
    assert canvas.tooltip_at(QPointF(canvas.width() - 2, canvas.height() - 2)) == ""  # nothing there

    # Undone, the skip leaves the calendar too.
    window.act_undo.trigger()  # in progress
    window.act_undo.trigger()  # skipped
    assert _status(window, WINDOW_SHOT) is ActivityStatus.PLANNED
    assert _fill(canvas, WINDOW_SHOT) == shoot
    assert "skipped" not in canvas.tooltip_at(_rect(canvas, WINDOW_SHOT).center())


def test_the_month_page_shows_the_status_too(window):
    canvas = window.calendar_view.canvas
    _mark(window, WINDOW_SHOT, "s")
    window.calendar_view.set_mode("month")
    rect = _rect(canvas, WINDOW_SHOT)
    assert _fill(canvas, WINDOW_SHOT) == QColor(SKIPPED_COLOR)
    assert "(film-shoot, skipped)" in canvas.tooltip_at(rect.center())


def test_a_short_page_still_holds_the_whole_day(window):
    # At 1024x700 the docks leave the calendar little room: the hours shrink, the evening is not cut off.
    window.resize(1024, 700)
    QApplication.processEvents()
    canvas = window.calendar_view.canvas
    top, hour_h, _gutter, _cw = canvas._column_geometry()
    assert top + 24 * hour_h <= canvas.height() + 0.5
    assert _rect(canvas, FIRST_NIGHT).bottom() <= canvas.height()  # 16:00-19:00 on the page
