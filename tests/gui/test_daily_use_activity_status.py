"""An activity's status, set in the activity editor as a user does (the keyboard or the mouse on its list), undone,
and drawn on the timeline: done faded and ticked, in progress marked, skipped grey and struck through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.gui.timeline.layout import ACTIVITY_COLORS, SKIPPED_COLOR, bar_style
from planner.model import ActivityStatus

# A combo box's list is a popup: the offscreen platform says it cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")

FIRST_NIGHT = "act-02"  # Scene: first night aboard, 6 Oct 2021 16:00-19:00, a film shoot


def _status(window, activity_id=FIRST_NIGHT):
    return next(a for a in window.doc.project.activities if a.id == activity_id).status


def _editor(window):
    window.views["activities"].select_ids([FIRST_NIGHT])
    editor = window.activity_editor
    assert window.editor_stack.currentWidget() is editor
    return editor


def test_the_keyboard_sets_the_status_and_undo_takes_it_back(active_example):
    window = active_example
    editor = _editor(window)
    combo = editor.status_combo
    assert combo.currentText() == "Planned"
    assert [combo.itemText(i) for i in range(combo.count())] == ["Planned", "In progress", "Done", "Skipped"]
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # St&atus:
    assert combo.hasFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert _status(window) is ActivityStatus.IN_PROGRESS
    QTest.keyClicks(combo, "d")  # typed: the entry starting so
    assert _status(window) is ActivityStatus.DONE and combo.currentText() == "Done"
    stack = window.doc.undo_stack
    assert stack.text(stack.index() - 1) == "Change status of Scene: first night aboard"
    window.act_undo.trigger()
    assert _status(window) is ActivityStatus.IN_PROGRESS and combo.currentText() == "In progress"
    window.act_undo.trigger()
    assert _status(window) is ActivityStatus.PLANNED and combo.currentText() == "Planned"
    window.act_redo.trigger()
    assert _status(window) is ActivityStatus.IN_PROGRESS


def test_the_mouse_sets_the_status_on_its_list(active_example):
    window = active_example
    combo = _editor(window).status_combo
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findText("Skipped"), 0)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert _status(window) is ActivityStatus.SKIPPED
    window.act_undo.trigger()
    assert _status(window) is ActivityStatus.PLANNED


def _bar(window, activity_id, lane="person:yulia-peresild"):
    """The look of an activity's bar in a person's lane: (colour, label, struck through)."""
    spans = window.timeline_view.canvas.layout_.lane(lane).spans
    k = next(i for i, bar in enumerate(spans.payloads) if bar.activity == activity_id)
    style = bar_style(spans)
    return style.codes[style.color[k]], style.labels[k], bool(style.struck[k])


def test_the_timeline_draws_each_status(example_window, example_tab):
    window = example_tab(example_window.timeline_view)
    editor = _editor(window)
    shoot = ACTIVITY_COLORS["film-shoot"]
    assert _bar(window, FIRST_NIGHT) == (shoot, "Scene: first night aboard", False)
    looks = {}
    for status in ActivityStatus:
        editor.status_combo.setCurrentIndex(editor.status_combo.findText(status.label))
        editor.status_combo.activated.emit(editor.status_combo.currentIndex())
        looks[status] = _bar(window, FIRST_NIGHT)
    assert looks[ActivityStatus.PLANNED] == (shoot, "Scene: first night aboard", False)
    assert looks[ActivityStatus.IN_PROGRESS] == (shoot, "▶ Scene: first night aboard", False)
    faded, label, struck = looks[ActivityStatus.DONE]
    assert label == "✓ Scene: first night aboard" and not struck
    # Faded: the kind's hue, lighter (each channel between the colour and white).
    for i in (1, 3, 5):
        assert int(shoot[i:i + 2], 16) < int(faded[i:i + 2], 16) < 255
    assert looks[ActivityStatus.SKIPPED] == (SKIPPED_COLOR, "Scene: first night aboard", True)
    # The tooltip says it too.
    canvas = window.timeline_view.canvas
    assert "skipped" in canvas.tooltip_at(_bar_middle(canvas, FIRST_NIGHT))


def _bar_middle(canvas, activity_id):
    from PySide6.QtCore import QPointF

    from planner.gui.timeline.frame import AXIS_H

    activity = next(a for a in canvas.doc.project.activities if a.id == activity_id)
    canvas.show_window(activity.start.timestamp() - 3600, activity.end.timestamp() + 3600)
    lane = canvas.layout_.lane("person:yulia-peresild")
    canvas.set_scroll(lane.top)
    y = AXIS_H - canvas.scroll_y + lane.top + lane.height / 2
    return QPointF(canvas.scale.x((activity.start.timestamp() + activity.end.timestamp()) / 2), y)


def test_a_kind_chosen_in_the_editor_is_a_kind_and_saves(active_example):
    # The editor's lists give back their entries' text (Qt keeps a str enum so): the kind chosen became a plain
    # text, and the plan could no longer be saved.
    from planner.model import ActivityKind
    from planner.store.encode import project_to_dict

    window = active_example
    combo = _editor(window).kind_combo
    combo.setFocus()
    QTest.keyClicks(combo, "e")  # EVA (spacewalk)
    activity = next(a for a in window.doc.project.activities if a.id == FIRST_NIGHT)
    assert activity.kind is ActivityKind.EVA
    assert next(a for a in project_to_dict(window.doc.project)["activities"] if a["id"] == FIRST_NIGHT)["kind"] == "eva"
