"""The Qt test set-up: headless, no modal dialog ever blocks, and the bundled example open in a main window."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """No test ever blocks on a modal dialog: every MainWindow records its questions and errors instead.

    ``MainWindow.questions`` lists the Save/Discard/Cancel questions asked (answered with
    ``save_answer``, Discard unless a test sets it), ``confirms`` the yes/no questions (answered from the
    ``answers`` list, No when it is empty), ``errors`` the error dialogs, ``messages`` the information dialogs,
    ``recoveries`` the crash-recovery questions (answered from ``recover_answers``, Recover when it is empty: the
    question's default button), ``shift_questions`` the offers to shift what belongs with a moved launch or stay
    (answered from ``shift_answers``, ``(answer, ride home ticked)``, the default button when it is empty; a test
    that clicks the real question restores ``planner.gui.shift_offer.ask``).
    """

    def ask(self):
        from PySide6.QtWidgets import QMessageBox

        self.__dict__.setdefault("questions", []).append(self.doc.display_name)
        return self.__dict__.get("save_answer", QMessageBox.StandardButton.Discard)

    def confirm(self, title, text):
        self.__dict__.setdefault("confirms", []).append((title, text))
        answers = self.__dict__.setdefault("answers", [])
        return answers.pop(0) if answers else False

    def show_error(self, title, text):
        self.__dict__.setdefault("errors", []).append((title, text))

    def show_message(self, title, text):
        self.__dict__.setdefault("messages", []).append((title, text))

    def ask_to_recover(window, found):
        window.__dict__.setdefault("recoveries", []).append(found.original)
        answers = window.__dict__.setdefault("recover_answers", [])
        return answers.pop(0) if answers else True

    def ask_shift(parent, question):
        window = parent.window()
        window.__dict__.setdefault("shift_questions", []).append(question)
        answers = window.__dict__.setdefault("shift_answers", [])
        return answers.pop(0) if answers else (question.default, False)

    from planner.gui import recovery, shift_offer
    from planner.gui.main_window import MainWindow

    monkeypatch.setattr(shift_offer, "ask", ask_shift)
    monkeypatch.setattr(MainWindow, "ask_save_changes", ask)
    monkeypatch.setattr(MainWindow, "confirm", confirm)
    monkeypatch.setattr(MainWindow, "show_error", show_error)
    monkeypatch.setattr(MainWindow, "show_message", show_message)
    monkeypatch.setattr(recovery, "ask_to_recover", ask_to_recover)


@pytest.fixture
def example_window(qtbot, tmp_path):
    """A main window over a copy of the bundled example (``window.doc.path`` is the copy)."""
    import shutil

    from planner.resources import example_project_path
    from planner.gui.main_window import MainWindow

    path = tmp_path / "challenge.issplan"
    shutil.copyfile(example_project_path(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(path) is None
    # The full check runs on its worker thread; these tests start from the window once it has shown its result.
    qtbot.waitUntil(lambda: not window.checker.checking)
    return window


@pytest.fixture
def checked(qtbot):
    """``checked(window)``: wait until the window's full check (after an open, or a change of settings, sites or
    element sets, which runs on a worker thread) has finished and the views show its result."""

    def wait(window):
        qtbot.waitUntil(lambda: not window.checker.checking)
        return window

    return wait


@pytest.fixture
def press_undo(qtbot):
    """``press_undo(window)``: Ctrl+Z pressed in the window, made active first (as a user's key reaches it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def press(window):
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    return press


@pytest.fixture
def escape_changes_nothing(qtbot):
    """``escape_changes_nothing(window, dialog)``: Esc in the dialog's list closes it, and the plan has no new undo
    step."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def press(window, dialog):
        steps = window.doc.undo_stack.count()
        QTest.keyClick(dialog.list, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert window.doc.undo_stack.count() == steps

    return press


@pytest.fixture
def show_active(qtbot):
    """``show_active(window)``: the window shown at 1400x900 and active, so that keyboard shortcuts reach it."""
    from PySide6.QtWidgets import QApplication

    def show(window):
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return show


@pytest.fixture
def active_example(example_window, show_active):
    """The example window shown at 1400x900 and active, so that keyboard shortcuts reach it."""
    return show_active(example_window)


@pytest.fixture
def event_time_field(qtbot):
    """``event_time_field(window, mission_id, kind)``: the mission selected, the row of its first event of
    ``kind`` clicked in the mission editor, and the time field clicked: the keyboard is in it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def field(window, mission_id: str, kind):
        window.views["missions"].select_ids([mission_id])
        editor = window.mission_editor
        table = editor.events_table
        row = next(i for i, e in enumerate(editor.mission().events) if e.kind is kind)
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualItemRect(table.item(row, 1)).center())
        edit = editor.time_edit
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(edit.hasFocus)
        return edit

    return field


@pytest.fixture
def answer_input_dialog():
    """``answer_input_dialog(text, seen)``: when the next input dialog opens, type ``text`` and press Enter, as a
    user does (its label is added to ``seen``)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    def answer_next(text: str, seen: list) -> None:
        def answer():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QInputDialog):
                QTimer.singleShot(20, answer)  # not open yet
                return
            seen.append(dialog.labelText())
            field = dialog.findChild(QLineEdit)
            QTest.keyClicks(field, text)
            QTest.keyClick(field, Qt.Key.Key_Return)

        QTimer.singleShot(0, answer)

    return answer_next


@pytest.fixture
def example_tab(example_window, qtbot):
    """Show the example window on one of its central tabs: ``example_tab(window.map_panel, 1400, 900)``."""

    def show(tab, width: int = 1400, height: int = 900):
        example_window.central_tabs.setCurrentWidget(tab)
        example_window.resize(width, height)
        example_window.show()
        qtbot.waitExposed(example_window)
        return example_window

    return show


@pytest.fixture
def click_text():
    """``click_text(widget, text)``: click the one visible, enabled button reading ``text`` inside ``widget``, as a
    person does (fails listing the buttons there are when none or several read so)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    def click(widget, text: str) -> None:
        shown = [b for b in widget.findChildren(QAbstractButton) if b.isVisible()]
        found = [b for b in shown if b.text().replace("&", "") == text]
        assert len(found) == 1, [b.text() for b in shown]
        assert found[0].isEnabled(), text
        QTest.mouseClick(found[0], Qt.MouseButton.LeftButton)

    return click


@pytest.fixture
def click_mission():
    """``click_mission(window, name)``: click the mission's row in the Missions table (it is then selected)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def click(window, name: str) -> None:
        view = window.views["missions"]
        table, model = view.table, view.table.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
        index = model.index(row, 0)
        table.scrollTo(index)
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
        assert view.selected_ids() == [next(m.id for m in window.doc.project.missions if m.name == name)]

    return click


@pytest.fixture
def double_click():
    """``double_click(widget, pos)``: press, release, double-click and release the left button at ``pos`` (a
    QPointF), as the platform delivers a double-click (QTest.mouseDClick sends no double-click event the offscreen
    platform passes on)."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    def click(widget, pos: QPointF) -> None:
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        for kind, held in ((QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none),
                           (QEvent.Type.MouseButtonDblClick, left), (QEvent.Type.MouseButtonRelease, none)):
            QApplication.sendEvent(widget, QMouseEvent(kind, pos, QPointF(widget.mapToGlobal(pos.toPoint())), left,
                                                       held, Qt.KeyboardModifier.NoModifier))

    return click


@pytest.fixture
def tree_rows():
    """``tree_rows(tree)``: the texts of a QTreeWidget's top-level rows, column by column."""

    def rows(tree) -> list[list[str]]:
        return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
                for r in range(tree.topLevelItemCount())]

    return rows
