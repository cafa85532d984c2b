"""The project file as a user meets it: the bundled example is a template, file dialogs open in the user's
folders, one change by another program is one question, a file deleted while open is said at once, crash
recovery asks its own question, and both Redo keys redo."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner import resources
from planner.gui import recovery
from planner.gui.main_window import MainWindow
from planner.gui.recovery import ask_to_recover as real_ask_to_recover  # before the fixture stubs it
from planner.store import load_project

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _shown(qtbot, window: MainWindow) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """The app's resources folder as an installed copy in the test's own folder (the example in it is the one
    the app opens): a save over it shows up there, never in the checkout."""
    folder = tmp_path / "install" / "resources"
    shutil.copytree(resources.resources_dir(), folder)
    monkeypatch.setattr(resources, "resources_dir", lambda: folder)
    return folder


@pytest.fixture
def dialogs(monkeypatch):
    """File dialogs answered without showing: ``dialogs.answer`` is the file chosen, ``dialogs.asked`` lists
    (title, the folder or file the dialog opened on)."""

    class Dialogs:
        answer = ""
        asked: list[tuple[str, str]] = []

    def ask(_parent, title, start, _filter="", *args, **kwargs):
        Dialogs.asked.append((title, start))
        return str(Dialogs.answer), ""

    Dialogs.asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(ask))
    return Dialogs


# ---------------------------------------------------------------- item 7: the example is a template


def test_ctrl_s_on_the_bundled_example_saves_a_copy_in_the_users_documents(qtbot, installed, dialogs, tmp_path):
    from pathlib import Path

    from planner.gui.app import start_window

    documents = Path.home() / "Documents"
    documents.mkdir()
    example = installed / "examples" / "the-challenge-2021.issplan"
    before = example.read_bytes()
    window = start_window(None)  # a first start opens the bundled example
    qtbot.addWidget(window)
    assert window.doc.path == example
    _shown(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_M, CTRL_SHIFT)  # an edit: a new mission
    assert window.isWindowModified()
    mine = documents / "my-challenge.issplan"
    dialogs.answer = mine
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)

    assert example.read_bytes() == before  # the installed file is untouched
    assert [title for title, _ in dialogs.asked] == ["Save Project As"]
    assert dialogs.asked[0][1] == str(documents / "the-challenge-2021.issplan")
    assert window.doc.path == mine and not window.isWindowModified()
    assert load_project(mine) == window.doc.project
    # From now on Ctrl+S saves the user's own file, without asking.
    QTest.keyClick(window, Qt.Key.Key_M, CTRL_SHIFT)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert len(dialogs.asked) == 1 and not window.isWindowModified()
    assert example.read_bytes() == before


def test_save_as_into_the_install_folder_is_refused(qtbot, installed, dialogs):
    from planner.gui.app import start_window

    example = installed / "examples" / "the-challenge-2021.issplan"
    before = example.read_bytes()
    window = start_window(None)
    qtbot.addWidget(window)
    dialogs.answer = example
    window.act_save_as.trigger()
    assert example.read_bytes() == before
    ((title, text),) = window.errors
    assert title == "Cannot save project" and "folder of your own" in text


def test_file_dialogs_of_the_example_open_in_the_users_folders(qtbot, installed, dialogs, events_csv):
    from pathlib import Path

    from planner.gui.app import start_window

    documents = Path.home() / "Documents"
    documents.mkdir()
    window = start_window(None)
    qtbot.addWidget(window)
    dialogs.answer = ""  # every dialog cancelled: only where it opened matters
    window.act_open.trigger()
    window.act_import_csv.trigger()
    window.act_export_csv.trigger()
    for action in window.findChild(type(window.file_menu), "exportScheduleMenu").actions():
        if action.text().replace("&", "").startswith("Calendar"):
            action.trigger()
    assert len(dialogs.asked) >= 4
    for title, start in dialogs.asked:
        assert Path(start) == documents or Path(start).parent == documents, (title, start)
        assert not Path(start).resolve().is_relative_to(installed.parent), (title, start)


def test_dialogs_of_a_users_project_open_beside_it(example_window, dialogs):
    dialogs.answer = ""
    example_window.act_open.trigger()
    example_window.act_export_csv.trigger()
    folder = str(example_window.doc.path.parent)
    assert dialogs.asked == [("Open Project", folder), ("Export Traffic CSV", folder + "/challenge.csv")]


# ---------------------------------------------------------------- item 8: one change, one question


def test_one_save_by_another_program_asks_one_question(example_window, qtbot):
    window, path = example_window, example_window.doc.path
    asked = []

    def like_a_dialog(title, text):
        # A real question runs the event loop while it is open: file events keep arriving meanwhile.
        asked.append(title)
        qtbot.wait(700)
        return False

    window.confirm = like_a_dialog
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["title"] = "Changed elsewhere"
    text = json.dumps(data, indent=2)
    with open(path, "w", encoding="utf-8") as out:  # another program: truncate, then write in two bursts
        out.write(text[:100])
        out.flush()
        qtbot.wait(120)
        out.write(text[100:])
    qtbot.wait(1500)
    assert asked == ["File changed on disk"]
    assert window.doc.project.meta.title != "Changed elsewhere"  # answered No: the plan stays as it was
    # A later change is a new question.
    data["meta"]["title"] = "Changed again"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)


def test_a_reload_reads_the_file_as_it_is_once_the_other_program_is_done(example_window, qtbot):
    window, path = example_window, example_window.doc.path
    window.answers = [True]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["title"] = "Changed elsewhere"
    text = json.dumps(data, indent=2)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text[:100])
        out.flush()
        qtbot.wait(60)
        out.write(text[100:])
    qtbot.waitUntil(lambda: window.doc.project.meta.title == "Changed elsewhere", timeout=5000)
    qtbot.wait(600)
    assert [title for title, _ in window.confirms] == ["File changed on disk"]
    assert window.__dict__.get("errors", []) == [] and not window.isWindowModified()


# ---------------------------------------------------------------- issue 15 item 6: the file deleted while open


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_project_file_deleted_while_open_is_said_at_once_and_save_writes_it_anew(example_window, qtbot, how):
    window, path = _shown(qtbot, example_window), example_window.doc.path
    project = window.doc.project
    assert not window.isWindowModified()
    if how == "deleted":
        path.unlink()
    else:
        path.rename(path.with_name("elsewhere.issplan"))
    qtbot.waitUntil(lambda: window.isWindowModified(), timeout=5000)
    assert "gone from disk" in window.statusBar().currentMessage()
    notice = window.notice
    assert notice.isVisible() and QApplication.activeModalWidget() is None
    assert path.name in notice.text() and "still open" in notice.text()
    assert window.doc.project is project and window.doc.path == path  # the plan stays, with its name
    assert window.__dict__.get("confirms", []) == []  # no reload question for a file that is not there
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert path.is_file() and load_project(path) == project
    assert not window.isWindowModified() and not notice.isVisible()
    # Closing now asks nothing: the plan is on disk again.
    assert window.close() and window.__dict__.get("questions", []) == []


def test_closing_after_the_file_went_asks_to_save(example_window, qtbot):
    window, path = example_window, example_window.doc.path
    path.unlink()
    qtbot.waitUntil(lambda: window.isWindowModified(), timeout=5000)
    window.save_answer = QMessageBox.StandardButton.Save
    assert window.close()
    assert window.questions == [path.name] and path.is_file()


# ---------------------------------------------------------------- crash recovery and Redo keys


def test_recovery_at_start_asks_with_recover_as_the_default(qtbot, example_window, monkeypatch):
    example_window.act_new_mission.trigger()
    assert example_window.files.autosave() is not None
    expected = example_window.doc.project
    monkeypatch.setattr(recovery, "ask_to_recover", real_ask_to_recover)
    seen = []

    def press_enter():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_enter)
            return
        seen.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.files.offer_recovery()
    assert len(seen) == 1 and str(example_window.doc.path) in seen[0]
    assert second.doc.project == expected and second.isWindowModified()
    assert second.__dict__.get("confirms", []) == []


@pytest.mark.parametrize("redo", [(Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL_SHIFT)], ids=["ctrl-y", "ctrl-shift-z"])
def test_both_redo_keys_redo(example_window, qtbot, redo):
    window = _shown(qtbot, example_window)
    count = len(window.doc.project.missions)
    window.views["missions"].table.setFocus()
    QTest.keyClick(window, Qt.Key.Key_M, CTRL_SHIFT)
    window.views["missions"].table.setFocus()
    QTest.keyClick(window.views["missions"].table, Qt.Key.Key_Z, CTRL)
    assert len(window.doc.project.missions) == count
    QTest.keyClick(window.views["missions"].table, *redo)
    assert len(window.doc.project.missions) == count + 1
