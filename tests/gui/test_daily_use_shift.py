"""Moving a launch moves what belongs with it, as a planner does it: a new launch time typed in the mission editor,
the question answered by clicking a button, one Ctrl+Z to take it all back."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.gui import shift_offer
from planner.gui.commands import ReplaceItem
from planner.model import EventKind
from planner.model.times import parse_utc

REAL_ASK = shift_offer.ask  # taken before the test set-up answers every question itself
CTRL = Qt.KeyboardModifier.ControlModifier
FOUR_DAYS = timedelta(days=4)
FILM = [f"act-{n:02d}" for n in range(1, 13)]


@pytest.fixture
def window(active_example, monkeypatch):
    """The example window, active, asking the real question."""
    monkeypatch.setattr(shift_offer, "ask", REAL_ASK)
    return active_example


def answer_question(qtbot, button: str, seen: list, ride_home: bool = False, key=None) -> None:
    """When the shift question opens: note it, tick its ride-home box if asked, then click ``button`` (its text
    without the mnemonic's ampersand), or press ``key`` instead."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)  # not open yet
            return
        seen.append(box)
        texts = {b.text().replace("&", ""): b for b in box.buttons()}
        seen.append(sorted(texts))
        if ride_home:
            check = box.checkBox()
            QTest.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))  # on its box
            assert check.isChecked()
        if key is not None:
            QTest.keyClick(box, key)
        else:
            QTest.mouseClick(texts[button], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


@pytest.fixture
def type_launch(qtbot, event_time_field):
    """``type_launch(window, text)``: Soyuz MS-19's launch time typed over with ``text``, then Enter."""

    def type_over(window, text: str) -> None:
        window.activateWindow()  # back from an earlier question
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        field = event_time_field(window, "soyuz-ms-19", EventKind.LAUNCH)
        assert field.text() == "2021-10-05 08:55:02 UTC"
        QTest.keyClick(field, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    return type_over


def activities(window) -> dict:
    return {a.id: copy.deepcopy(a) for a in window.doc.project.activities}


def not_aboard(window) -> Counter:
    return Counter(f.activities[0] for f in window.checker.findings if f.rule == "activity-outside-stay")


def test_a_later_launch_shifts_the_mission_its_shoots_and_the_ride_home_in_one_step(window, qtbot, type_launch):
    project = window.doc.project
    ms19, ms18, acts = copy.deepcopy(project.mission("soyuz-ms-19")), copy.deepcopy(project.mission("soyuz-ms-18")), activities(window)
    steps = window.doc.undo_stack.count()
    assert not_aboard(window) == Counter()
    seen: list = []
    answer_question(qtbot, "Shift Mission and 12 Activities", seen, ride_home=True)

    type_launch(window, "2021-10-09 08:55:02")

    box, buttons = seen
    assert buttons == ["Cancel", "Only the Launch", "Shift Mission and 12 Activities", "Shift Whole Mission"]
    assert box.defaultButton().text().replace("&", "") == "Shift Mission and 12 Activities"
    assert "Soyuz MS-19 now launches 4 days later" in box.text()
    assert "go home on Soyuz MS-18 (2021-10-17 01:14 UTC), which does not move" in box.informativeText()
    after = project.mission("soyuz-ms-19")
    assert [e.utc - b.utc for e, b in zip(after.events, ms19.events)] == [FOUR_DAYS] * 4
    assert all(project_act.start - acts[project_act.id].start == FOUR_DAYS for project_act in project.activities)
    ride = project.mission("soyuz-ms-18")
    assert ride.first(EventKind.UNDOCK).utc == parse_utc("2021-10-21T01:14:00Z")
    assert ride.first(EventKind.DOCK) == ms18.first(EventKind.DOCK)
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == "Shift Soyuz MS-19 and 12 activities 4 days later"
    assert not_aboard(window) == Counter()  # the whole visit moved: nobody is planned while not aboard
    assert window.mission_editor.time_edit.text() == "2021-10-09 08:55:02 UTC"

    QTest.keyClick(window.mission_editor.time_edit, Qt.Key.Key_Z, CTRL)  # one Ctrl+Z takes it all back
    assert project.mission("soyuz-ms-19") == ms19 and project.mission("soyuz-ms-18") == ms18
    assert activities(window) == acts
    assert window.mission_editor.time_edit.text() == "2021-10-05 08:55:02 UTC"


def test_enter_takes_the_default_the_shoots_move_and_only_those_after_the_ride_home_are_flagged(window, qtbot, type_launch):
    acts = activities(window)
    seen: list = []
    answer_question(qtbot, "", seen, key=Qt.Key.Key_Return)

    type_launch(window, "2021-10-09 08:55:02")

    assert [a.start - acts[a.id].start for a in window.doc.project.activities] == [FOUR_DAYS] * 12
    assert window.doc.project.mission("soyuz-ms-18").first(EventKind.UNDOCK).utc == parse_utc("2021-10-17T01:14:00Z")
    # Nothing is left before the film crew arrives; the last four shoots end after MS-18 took them home, as said.
    assert set(not_aboard(window)) == {"act-09", "act-10", "act-11", "act-12"}
    assert "4 moved activities would end after that" in seen[0].informativeText()


def test_shifting_only_the_mission_leaves_the_shoots_behind_as_the_issue_says(window, qtbot, type_launch):
    seen: list = []
    answer_question(qtbot, "Shift Whole Mission", seen)
    acts = activities(window)

    type_launch(window, "2021-10-09 08:55:02")

    assert window.doc.project.mission("soyuz-ms-19").first(EventKind.DOCK).utc == parse_utc("2021-10-09T12:22:31Z")
    assert activities(window) == acts
    assert sum(not_aboard(window).values()) == 13


def test_only_the_launch_and_cancel(window, qtbot, type_launch):
    project = window.doc.project
    ms19 = copy.deepcopy(project.mission("soyuz-ms-19"))
    steps = window.doc.undo_stack.count()
    answer_question(qtbot, "Cancel", [])
    type_launch(window, "2021-10-04 08:55:02")
    assert project.mission("soyuz-ms-19") == ms19 and window.doc.undo_stack.count() == steps
    assert window.mission_editor.time_edit.text() == "2021-10-05 08:55:02 UTC"  # the time is put back

    answer_question(qtbot, "Only the Launch", [])
    type_launch(window, "2021-10-04 08:55:02")
    after = project.mission("soyuz-ms-19")
    assert after.first(EventKind.LAUNCH).utc == parse_utc("2021-10-04T08:55:02Z")
    assert after.events[1:] == ms19.events[1:]
    assert window.doc.undo_stack.count() == steps + 1


def test_a_mission_with_nothing_but_its_launch_is_not_asked_about(active_example, qtbot, type_launch):
    window = active_example  # the test set-up's stand-in answers, and notes, any question
    alone = copy.deepcopy(window.doc.project.mission("soyuz-ms-19"))
    alone.events = alone.events[:1]
    window.doc.undo_stack.push(ReplaceItem(window.doc, "missions", "soyuz-ms-19", alone))

    type_launch(window, "2021-10-06 08:55:02")

    assert window.doc.project.mission("soyuz-ms-19").events[0].utc == parse_utc("2021-10-06T08:55:02Z")
    assert window.__dict__.get("shift_questions", []) == []


def test_the_question_as_it_looks(window, qtbot, tmp_path, type_launch):
    """The question rendered (kept beside the test's files for a look: tmp_path/shift-question.png)."""
    seen: list = []

    def grab():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, grab)
            return
        box.grab().save(str(tmp_path / "shift-question.png"))
        seen.append(box.size())
        QTest.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, grab)
    type_launch(window, "2021-10-09 08:55:02")
    (size,) = seen
    assert size.width() < 900 and (tmp_path / "shift-question.png").stat().st_size > 5000
    assert window.doc.project.mission("soyuz-ms-19").first(EventKind.LAUNCH).utc == parse_utc("2021-10-05T08:55:02Z")


# ---------------------------------------------------------------- dragging a stay on the timeline

def _t(text: str) -> float:
    return parse_utc(text).timestamp()


@pytest.fixture
def timeline(example_window, example_tab, monkeypatch):
    """The example's timeline shown over 1-21 October 2021, asking the real question: (window, canvas)."""
    monkeypatch.setattr(shift_offer, "ask", REAL_ASK)
    window = example_tab(example_window.timeline_view)
    canvas = window.timeline_view.canvas
    canvas.show_window(_t("2021-10-01T00:00:00Z"), _t("2021-10-21T00:00:00Z"), margin=0.0)
    return window, canvas


def drag_stay_a_day_later(canvas, lane: str = "port:rassvet-nadir") -> None:
    """Press on the stay in ``lane`` on 10 October, move the mouse a day to the right in steps, release."""
    from planner.gui.timeline.frame import AXIS_H

    row = canvas.layout_.lane(lane)
    y = round(AXIS_H - canvas.scroll_y + row.top + row.height / 2)
    x = round(canvas.scale.x(_t("2021-10-10T00:00:00Z")))
    day = round(86400 / canvas.scale.seconds_per_px)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    for dx in (10, day // 2, day):
        QTest.mouseMove(canvas, QPoint(x + dx, y))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x + day, y))


def test_dragging_a_stay_a_day_moves_its_crews_activities_when_accepted_in_one_step(timeline, qtbot):
    window, canvas = timeline
    project = window.doc.project
    ms19, ms18, acts = copy.deepcopy(project.mission("soyuz-ms-19")), copy.deepcopy(project.mission("soyuz-ms-18")), activities(window)
    steps = window.doc.undo_stack.count()
    seen: list = []
    answer_question(qtbot, "Move 12 Activities Too", seen, ride_home=True)

    drag_stay_a_day_later(canvas)
    qtbot.waitUntil(lambda: len(seen) == 2 and QApplication.activeModalWidget() is None)

    box, buttons = seen
    assert buttons == ["Move 12 Activities Too", "Only the Stay"]
    assert box.text().startswith("Soyuz MS-19 moved ")
    delta = project.mission("soyuz-ms-19").first(EventKind.DOCK).utc - ms19.first(EventKind.DOCK).utc
    assert abs(delta - timedelta(days=1)) <= timedelta(hours=3)  # drags move in round steps at each zoom
    assert [e.utc - b.utc for e, b in zip(project.mission("soyuz-ms-19").events, ms19.events)] == [delta] * 4
    assert [a.start - acts[a.id].start for a in project.activities] == [delta] * 12
    assert project.mission("soyuz-ms-18").first(EventKind.UNDOCK).utc - ms18.first(EventKind.UNDOCK).utc == delta
    assert not_aboard(window) == Counter()
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText().startswith("Drag Soyuz MS-19 and 12 activities ")

    window.act_undo.trigger()  # one step back: the drag, the shoots and the ride home together
    assert project.mission("soyuz-ms-19") == ms19 and project.mission("soyuz-ms-18") == ms18
    assert activities(window) == acts


def test_only_the_stay_keeps_the_drag_and_leaves_the_activities(timeline, qtbot):
    window, canvas = timeline
    acts = activities(window)
    steps = window.doc.undo_stack.count()
    seen: list = []
    answer_question(qtbot, "Only the Stay", seen)

    drag_stay_a_day_later(canvas)
    qtbot.waitUntil(lambda: len(seen) == 2 and QApplication.activeModalWidget() is None)

    assert window.doc.project.mission("soyuz-ms-19").first(EventKind.DOCK).utc > parse_utc("2021-10-06T00:00:00Z")
    assert activities(window) == acts and window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == "Drag Soyuz MS-19"


def test_a_stay_with_no_activities_of_its_crew_is_moved_without_a_question(example_window, example_tab, qtbot):
    window = example_tab(example_window.timeline_view)  # the test set-up's stand-in notes any question
    canvas = window.timeline_view.canvas
    canvas.show_window(_t("2021-10-01T00:00:00Z"), _t("2021-10-21T00:00:00Z"), margin=0.0)
    before = copy.deepcopy(window.doc.project.mission("progress-ms-17"))

    drag_stay_a_day_later(canvas, "port:poisk-zenith")  # Progress MS-17, no crew
    qtbot.wait(50)

    assert window.doc.project.mission("progress-ms-17").first(EventKind.DOCK).utc > before.first(EventKind.DOCK).utc
    assert window.__dict__.get("shift_questions", []) == []
