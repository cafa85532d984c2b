"""The map and its filming-window dialog as a new user met them (issue 14 items 11 and 16)."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.gui.commands import ReplaceItem
from planner.model import EventKind


@pytest.fixture
def narrow(example_window, example_tab):
    """The map tab in a 1024-pixel window."""
    return example_tab(example_window.map_panel, 1024, 700)


def test_at_today_the_old_element_set_is_a_visible_warning_not_a_cut_off_line(narrow, qtbot):
    panel = narrow.map_panel
    assert not panel.stale_label.isVisible()  # the plan's own dates: its 2021 set is near
    QTest.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)  # a plan opened at "today"
    qtbot.waitUntil(panel.stale_label.isVisible)
    text = panel.stale_label.text()
    assert "years from the time shown" in text and "Import a set" in text
    # Shown whole, above the map, and nothing of it under the buttons.
    label = panel.stale_label
    assert label.width() > 0 and label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() <= panel.canvas.geometry().top()
    assert not label.geometry().intersects(panel.fit_button.geometry())
    assert not panel.status_label.geometry().intersects(panel.fit_button.geometry())
    line = panel.status_label
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    # Back at the plan's dates the warning goes.
    narrow.views["activities"].select_ids([narrow.doc.project.activities[0].id])
    assert not panel.stale_label.isVisible()


def test_an_open_ended_stay_is_listed_without_an_invented_end(example_window):
    """Issue 14 item 16: Soyuz MS-19 with no undocking was listed '2021-10-05 to 2021-11-04'."""
    doc = example_window.doc
    ms19 = copy.deepcopy(doc.project.mission("soyuz-ms-19"))
    ms19.events = [e for e in ms19.events if e.kind not in (EventKind.UNDOCK, EventKind.LAND)]
    doc.undo_stack.push(ReplaceItem(doc, "missions", ms19.id, ms19))
    dialog = example_window.map_panel.open_windows_dialog()
    combo = dialog.stay_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    (label,) = [text for text in labels if text.startswith("Soyuz MS-19")]
    assert label == "Soyuz MS-19 at rassvet-nadir (from 2021-10-05, no departure planned)"
    assert "2021-11-04" not in " ".join(labels)
    # Choosing it searches its first 31 days, and says so.
    combo.setCurrentIndex(labels.index(label))
    combo.activated.emit(combo.currentIndex())
    assert dialog.start_edit.utc().isoformat() == "2021-10-05T12:22:31+00:00"
    assert dialog.end_edit.utc().isoformat() == "2021-11-05T12:22:31+00:00"
    assert "first 31 days" in dialog.message.text() and "no departure planned" in dialog.message.text()
    dialog.reject()
