"""The main window driven as a user would: open, edit, undo, save, reopen, recover, refuse bad files."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from planner.gui.app import start_window
from planner.gui.main_window import MainWindow
from planner.gui.settings import Settings
from planner.resources import example_project_path


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.errors, win.answers, win.questions = [], [], []
    return win


@pytest.fixture
def example_copy(tmp_path):
    target = tmp_path / "challenge.issplan"
    shutil.copyfile(example_project_path(), target)
    return target


def test_opens_the_example_and_shows_its_missions(window, example_copy):
    assert window.files.open_path(example_copy) is None
    table = window.views["missions"].table
    assert table.model().rowCount() == 15
    names = {table.model().index(r, 0).data() for r in range(15)}
    assert {"Soyuz MS-18", "Soyuz MS-19", "Crew-3"} <= names
    assert window.windowTitle().startswith("challenge.issplan[*]")
    assert not window.isWindowModified()
    assert Settings().recent_files() == [str(example_copy.resolve())]


def test_edit_marks_modified_undo_restores_and_save_reopen_is_identical(window, example_copy, tmp_path):
    window.files.open_path(example_copy)
    original = example_copy.read_bytes()
    window.views["missions"].select_ids(["soyuz-ms-19"])
    editor = window.mission_editor
    assert editor.mission_id == "soyuz-ms-19"
    editor.name_edit.setText("Soyuz MS-19 (renamed)")
    editor.name_edit.textEdited.emit("Soyuz MS-19 (renamed)")
    assert window.isWindowModified()
    assert window.doc.project.mission("soyuz-ms-19").name == "Soyuz MS-19 (renamed)"
    window.act_undo.trigger()
    assert window.doc.project.mission("soyuz-ms-19").name == "Soyuz MS-19"
    assert not window.isWindowModified()
    window.act_redo.trigger()
    target = tmp_path / "renamed.issplan"
    assert window.files.save_as(target)
    assert not window.isWindowModified()
    reopened = MainWindow()
    assert reopened.files.open_path(target) is None
    assert reopened.doc.project == window.doc.project
    # Undo back to the opened state and save: the bytes are the original ones.
    window.act_undo.trigger()
    assert window.files.save_to(tmp_path / "same.issplan")
    assert (tmp_path / "same.issplan").read_bytes() == original
    reopened.deleteLater()


def test_a_damaged_file_is_refused_and_the_open_project_stays(window, example_copy, tmp_path):
    window.files.open_path(example_copy)
    window.views["missions"].select_ids(["crew-3"])
    window.mission_editor.name_edit.textEdited.emit("Crew-3 edited")
    broken = tmp_path / "broken.issplan"
    broken.write_text('{"format": "iss-visit-planner", "schema_version": 1, "missions": [', encoding="utf-8")
    assert window.files.open_file(broken) is False
    assert window.questions == []  # refused before any Save/Discard question
    assert window.errors and "broken.issplan" in window.errors[-1][1]
    error = window.files.open_path(broken)
    assert error and "broken.issplan" in error
    assert window.doc.path == example_copy
    assert window.doc.project.mission("crew-3").name == "Crew-3 edited"
    assert window.isWindowModified()


def test_save_over_keeps_the_previous_version(window, example_copy):
    window.files.open_path(example_copy)
    before = example_copy.read_bytes()
    window.views["missions"].select_ids(["crew-2"])
    window.mission_editor.name_edit.textEdited.emit("Crew-2 Endeavour")
    assert window.files.save()
    assert example_copy.with_name(example_copy.name + "~").read_bytes() == before
    assert json.loads(example_copy.read_text())["missions"]


def test_new_duplicate_delete_missions_are_undoable(window, example_copy):
    window.files.open_path(example_copy)
    count = len(window.doc.project.missions)
    window.act_new_mission.trigger()
    assert len(window.doc.project.missions) == count + 1
    window.act_duplicate.trigger()
    assert len(window.doc.project.missions) == count + 2
    window.act_delete.trigger()
    assert len(window.doc.project.missions) == count + 1
    for _ in range(3):
        window.act_undo.trigger()
    assert len(window.doc.project.missions) == count
    assert not window.isWindowModified()


def test_closing_with_changes_asks_and_cancel_keeps_the_window(window, example_copy):
    window.files.open_path(example_copy)
    window.act_new_mission.trigger()
    window.save_answer = QMessageBox.StandardButton.Cancel
    assert window.close() is False
    assert window.questions == ["challenge.issplan"]
    window.save_answer = QMessageBox.StandardButton.Discard
    assert window.close() is True


def test_closing_without_changes_asks_nothing(window, example_copy):
    window.files.open_path(example_copy)
    assert window.close() is True
    assert window.questions == []


def test_autosave_then_crash_then_recovery(qtbot, example_copy):
    first = MainWindow()
    qtbot.addWidget(first)
    first.files.open_path(example_copy)
    first.act_new_mission.trigger()
    assert first.files.autosave() is not None
    expected = first.doc.project
    # A crash: the window is never closed normally. The next start offers the recovery.
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.files.offer_recovery()
    assert second.recoveries == [example_copy]  # asked once, with Recover (the default) as the answer
    assert second.__dict__.get("confirms", []) == []
    assert second.doc.project == expected
    assert second.doc.path == example_copy
    assert second.isWindowModified()
    second.close()  # discarding the recovered work
    third = MainWindow()
    qtbot.addWidget(third)
    assert not third.files.offer_recovery()


def test_file_changed_on_disk_offers_reload(window, example_copy, qtbot):
    window.files.open_path(example_copy)
    data = json.loads(example_copy.read_text())
    data["meta"]["title"] = "Changed elsewhere"
    window.answers = [True]
    example_copy.write_text(json.dumps(data, indent=2), encoding="utf-8")  # another program saves the file
    qtbot.waitUntil(lambda: window.doc.project.meta.title == "Changed elsewhere", timeout=5000)
    assert [title for title, _text in window.confirms] == ["File changed on disk"]


def _drop(window, path) -> None:
    """Drop a file on the window, as from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_dropping_a_project_file_opens_it(window, example_copy, qtbot):
    _drop(window, example_copy)
    assert window.doc.path == example_copy


def test_import_traffic_csv_is_one_undo_step(window, events_csv):
    _drop(window, events_csv)
    assert len(window.doc.project.missions) == 15
    assert window.doc.undo_stack.count() == 1
    window.act_undo.trigger()
    assert window.doc.project.missions == [] and window.doc.project.people == []


def test_importing_traffic_already_in_the_plan_adds_nothing(example_window, events_csv):
    # The example was made from this very file: importing it again must not double every vehicle.
    before = list(example_window.doc.project.missions)
    _drop(example_window, events_csv)
    assert example_window.doc.project.missions == before
    assert example_window.doc.undo_stack.count() == 0  # and no empty step to undo
    assert "15 already in the plan" in example_window.statusBar().currentMessage()
    assert example_window.__dict__.get("messages", []) == []  # nothing merged: no dialog to dismiss


def test_a_flight_in_the_plan_gets_the_events_the_csv_adds_in_one_undo_step(example_window, events_csv):
    """Issue 14: the plan knew Soyuz MS-19 up to its docking; the traffic CSV also has its return in March 2022."""
    from planner.gui.commands import ReplaceItem

    doc = example_window.doc
    ms19 = next(m for m in doc.project.missions if m.name == "Soyuz MS-19")
    known = copy.deepcopy(ms19)
    known.events = [e for e in known.events if e.utc.year == 2021]
    doc.undo_stack.push(ReplaceItem(doc, "missions", ms19.id, known))
    missions = len(doc.project.missions)

    _drop(example_window, events_csv)

    assert len(doc.project.missions) == missions  # merged, not doubled
    merged = next(m for m in doc.project.missions if m.name == "Soyuz MS-19")
    assert merged == ms19  # its undocking and landing are back, with the plan's ids for the crew
    ((title, text),) = example_window.messages
    assert title == "Traffic imported"
    assert "merged 1 flight already in the plan (Soyuz MS-19: 2 events added (undock, land))" in text
    assert "14 already in the plan" in text
    assert doc.undo_stack.undoText() == f"Import {events_csv.name}"
    example_window.act_undo.trigger()
    assert next(m for m in doc.project.missions if m.name == "Soyuz MS-19") == known


def test_start_window_opens_the_example_first_then_the_last_project(qtbot, example_copy):
    first = start_window(None)
    qtbot.addWidget(first)
    assert first.doc.path == example_project_path()
    assert first.files.open_path(example_copy) is None
    second = start_window(None)
    qtbot.addWidget(second)
    assert second.doc.path == example_copy.resolve() or second.doc.path == example_copy


def test_recent_files_menu_drops_missing_files(window, example_copy, tmp_path):
    gone = tmp_path / "gone.issplan"
    shutil.copyfile(example_copy, gone)
    window.files.open_path(gone)
    window.files.open_path(example_copy)
    gone.unlink()
    window.recent_menu.aboutToShow.emit()  # what opening the menu sends: it is rebuilt then
    assert [a.text() for a in window.recent_menu.actions()] == ["challenge.issplan"]


def test_layout_and_geometry_come_back_on_the_next_start(qtbot):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.docks["history"].raise_()
    first.docks["clashes"].hide()
    assert first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    # (The offscreen platform clamps window sizes oddly, so the geometry itself is not compared.)
    assert not Settings().get("window/geometry").isEmpty()
    assert second.docks["clashes"].isHidden()


def test_opening_shows_a_wait_cursor_and_says_what_it_is_doing(example_window, tmp_path, monkeypatch):
    """While a file is read and checked the cursor waits and the status bar names the file; after, the counts."""
    import shutil

    from PySide6.QtWidgets import QApplication

    from planner.resources import resource_path
    from planner.store import load_project

    path = tmp_path / "copy.issplan"
    shutil.copy(resource_path("examples", "the-challenge-2021.issplan"), path)
    seen = []
    real_load = load_project

    def watching(p):
        cursor = QApplication.overrideCursor()
        seen.append((example_window.statusBar().currentMessage(), cursor.shape() if cursor else None))
        return real_load(p)

    monkeypatch.setattr("planner.store.files.load_project", watching)  # what read_project reads through
    assert example_window.files.open_file(path)
    from PySide6.QtCore import Qt

    assert seen == [("Reading copy.issplan…", Qt.CursorShape.WaitCursor)]
    assert QApplication.overrideCursor() is None
    assert "missions" in example_window.statusBar().currentMessage()


def test_a_plan_opens_where_it_is_not_at_today(example_window):
    from planner.model.times import from_epoch

    project = example_window.doc.project
    first = min(a.start for a in project.activities)
    assert from_epoch(example_window.time_cursor.time()) == first  # the map, the timeline and the dialogs look there
    assert example_window.timeline_view.date_edit.date().toString("yyyy-MM-dd") == first.strftime("%Y-%m-%d")


_TAB_BARS = """
import sys
from PySide6.QtWidgets import QApplication, QTabBar
app = QApplication(sys.argv)
from planner.gui.main_window import MainWindow
window = MainWindow()
window.resize(1200, 800)
window.show()
for _ in range(5):
    app.processEvents()
for bar in window.findChildren(QTabBar):
    if bar.isVisible() and bar.parent() is window:
        print("|".join(bar.tabText(i) for i in range(bar.count())))
"""


def test_the_docks_tab_bars_are_where_their_docks_are():
    import os
    import subprocess
    import sys

    # In a process of its own, as the app starts (the quirk did not show inside the test session's app).
    out = subprocess.run([sys.executable, "-c", _TAB_BARS], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True).stdout
    # one bar per tabbed group: no second "Editor | History" bar drawn over the clashes (a Qt quirk)
    assert sorted(out.splitlines()) == ["Activities|People|Ground sites|Element sets", "Clashes|Time List",
                                        "Editor|History"]


def test_the_first_window_fits_a_small_screen(qtbot):
    """With no saved layout, the window starts at 1280x800, or within the screen's free area when that is smaller
    (on a 1024x700 screen the docks and the status bar were off the screen)."""
    from planner.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.width() == min(1280, free.width())
    assert window.height() <= min(800, free.height())
    assert free.contains(window.geometry().topLeft())
