"""Issue 19: Element Sets > Update From Source… against a local server (never the internet): the address typed,
the set added as one undo step, every failure one sentence with nothing changed, Cancel while a server keeps
silent (the window usable meanwhile), and the notice that offers the update when the plan outgrows its sets."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.orbit.fetch import DEFAULT_SOURCE, DEFAULT_TIMEOUT_S

UPDATE = "Update From Source…"


def _menu_titles(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def _open_from_menu(window, qtbot):
    from PySide6.QtWidgets import QApplication

    menu = window.element_sets_menu
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text().replace("&", "") == UPDATE)
    assert action.isEnabled()
    action.trigger()
    dialog = window.element_update_dialog
    qtbot.waitExposed(dialog)
    assert QApplication.activeModalWidget() is None  # the window stays usable
    return dialog


def _checked(window, qtbot):
    """The window once its check of the plan has ended (it may run in the background)."""
    qtbot.waitUntil(lambda: not getattr(window.checker, "checking", False))
    return window


def _type_source(dialog, url: str) -> None:
    dialog.source_edit.selectAll()
    QTest.keyClick(dialog.source_edit, Qt.Key.Key_Delete)
    QTest.keyClicks(dialog.source_edit, url)


@pytest.fixture
def december(element_server, data_dir):
    """The server also serves the 2021-12-22 set, which the example lacks."""
    element_server.routes["/dec.tle"] = (200, "text/plain", (data_dir / "iss-2021-12-22.tle").read_text())
    return element_server.url("/dec.tle")


def test_the_element_sets_menu_holds_import_and_update(example_window):
    window = example_window
    titles = _menu_titles(window)
    assert titles.index("Edit") < titles.index("Element Sets") < titles.index("View")
    assert [a.text().replace("&", "") for a in window.element_sets_menu.actions()] == ["Import Element Sets…", UPDATE]
    assert window.act_import_elements not in window.file_menu.actions()


def test_a_downloaded_set_is_added_as_one_undo_step_and_the_address_remembered(example_window, qtbot, december,
                                                                                click_text):
    window = _checked(example_window, qtbot)
    before = list(window.doc.project.element_sets)
    steps = window.doc.undo_stack.count()
    dialog = _open_from_menu(window, qtbot)
    # the app's default timeout is the command line's: one setting, 20 s (the words)
    assert dialog.source_edit.text() == DEFAULT_SOURCE and dialog.timeout_spin.value() == DEFAULT_TIMEOUT_S == 20
    _type_source(dialog, december)
    click_text(dialog, "Update")
    qtbot.waitUntil(lambda: dialog.added is not None, timeout=10000)
    sets = window.doc.project.element_sets
    assert sets[:-1] == before and len(sets) == len(before) + 1
    added = sets[-1]
    assert added.epoch.date().isoformat() == "2021-12-22" and added.source == december
    assert added.fetched is not None and abs((datetime.now(timezone.utc) - added.fetched).total_seconds()) < 60
    stack = window.doc.undo_stack
    assert stack.count() == steps + 1 and stack.text(stack.count() - 1).startswith("Update element sets from 127.0.0.1:")
    assert "Added the element set ISS (ZARYA) (25544), epoch 2021-12-22T16:58:31Z" in window.statusBar().currentMessage()
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed once the set is added
    model = window.models["element_sets"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = model.rowCount() - 1
    cell = lambda name: model.index(row, headers.index(name)).data()  # noqa: E731
    assert cell("Source") == december and cell("Fetched") == added.fetched.strftime("%Y-%m-%d %H:%M:%S UTC")
    window.act_undo.trigger()
    assert window.doc.project.element_sets == before
    window.act_redo.trigger()
    assert window.doc.project.element_sets[-1] == added
    again = _open_from_menu(window, qtbot)  # remembered
    assert again.source_edit.text() == december


def test_a_redirect_is_followed_and_a_set_already_there_is_not_added_twice(example_window, qtbot, element_server,
                                                                           click_text):
    window = example_window
    steps = window.doc.undo_stack.count()
    dialog = _open_from_menu(window, qtbot)
    _type_source(dialog, element_server.url("/moved"))
    QTest.keyClick(dialog.source_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.downloading(), timeout=10000)
    assert element_server.hits == ["/moved", "/omm.json"]
    assert dialog.message.text() == ("The plan already holds the element set ISS (ZARYA) (25544), epoch "
                                     "2021-10-15T16:50:04Z (as 'iss-2021-10-15'): nothing added.")
    assert window.doc.undo_stack.count() == steps and dialog.isVisible()


@pytest.mark.parametrize("path, words", [
    ("/garbage", "is not element sets ("),
    ("/nowhere", "the server answered HTTP 404 Not Found for"),
    ("/other.tle", "holds element sets of 25545 OTHER SAT, not of satellite 25544"),
    ("/page", "is a web page, not element sets"),
])
def test_a_failed_download_says_why_in_one_sentence_and_changes_nothing(example_window, qtbot, element_server,
                                                                        click_text, path, words):
    window = example_window
    before, steps = list(window.doc.project.element_sets), window.doc.undo_stack.count()
    dialog = _open_from_menu(window, qtbot)
    _type_source(dialog, element_server.url(path))
    click_text(dialog, "Update")
    qtbot.waitUntil(lambda: not dialog.downloading(), timeout=10000)
    text = dialog.message.text()
    assert text.startswith("Nothing changed: ") and words in text and text.count(". ") == 0, text
    assert "c62828" in dialog.message.styleSheet()
    assert window.doc.project.element_sets == before and window.doc.undo_stack.count() == steps
    assert not window.isWindowModified() and dialog.isVisible() and dialog.update_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the open dialog brought to the front
def test_cancel_while_the_server_keeps_silent(example_window, qtbot, element_server, click_text):
    window = example_window
    before, steps = list(window.doc.project.element_sets), window.doc.undo_stack.count()
    dialog = _open_from_menu(window, qtbot)
    _type_source(dialog, element_server.url("/hang"))
    dialog.timeout_spin.setValue(30)
    click_text(dialog, "Update")
    qtbot.waitUntil(lambda: element_server.hits == ["/hang"], timeout=5000)
    assert dialog.downloading() and dialog.progress.isVisible() and not dialog.update_button.isEnabled()
    assert "Downloading from 127.0.0.1:" in dialog.message.text()
    assert _open_from_menu(window, qtbot) is dialog and dialog.downloading()  # asked again: the same, still at it
    # The window goes on working meanwhile: an edit and its undo.
    window.doc.project.meta  # noqa: B018
    window.act_new_person.trigger()
    assert window.doc.undo_stack.count() == steps + 1
    window.act_undo.trigger()
    click_text(dialog, "Cancel")
    assert not dialog.downloading() and dialog.message.text() == "Cancelled: nothing changed."
    assert dialog.update_button.isEnabled() and not dialog.cancel_button.isVisible()
    qtbot.wait(100)
    assert window.doc.project.element_sets == before and window.doc.undo_stack.index() == steps


def test_the_settings_timeout_is_used(example_window, qtbot, element_server, click_text):
    window = example_window
    window.settings.set("elements/timeout_seconds", 1)
    dialog = _open_from_menu(window, qtbot)
    assert dialog.timeout_spin.value() == 1
    _type_source(dialog, element_server.url("/hang"))
    click_text(dialog, "Update")
    qtbot.waitUntil(lambda: not dialog.downloading(), timeout=10000)
    assert dialog.message.text().startswith("Nothing changed: no answer from 127.0.0.1:")
    assert "within 1 s" in dialog.message.text()


# ---------------------------------------------------------------- the notice that offers the update

def test_no_notice_for_a_plan_of_past_years(example_window, qtbot):
    """The example (2021-22) has a landing too far from its one set, but today's set would not help it."""
    window = _checked(example_window, qtbot)
    assert window.element_notice.text() == ""


def test_a_plan_beyond_its_element_sets_is_offered_the_update(qtbot, tmp_path, monkeypatch, click_text):
    """Seen from March 2022, the example's Soyuz MS-19 landing (30 March) is 166 days from its element set."""
    import shutil

    from planner.gui import element_sets_menu
    from planner.gui.main_window import MainWindow
    from planner.resources import example_project_path

    monkeypatch.setattr(element_sets_menu, "now", lambda: datetime(2022, 3, 20, tzinfo=timezone.utc).timestamp())
    path = tmp_path / "challenge.issplan"
    shutil.copyfile(example_project_path(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(path) is None
    window.show()
    _checked(window, qtbot)
    notice = window.element_notice
    qtbot.waitUntil(lambda: notice.text() != "")
    assert notice.text().startswith("Element sets too old: ")
    assert ("the rules cannot judge 1 activity or landing of the plan, more than 14 days from the newest element "
            "set (epoch 2021-10-15)") in notice.text()
    assert not window.doc.undo_stack.count()  # offered, never done
    click_text(notice.bar, "Update Element Sets…")
    dialog = window.element_update_dialog
    assert dialog.isVisible() and not dialog.downloading()
    dialog.close()
    click_text(notice.bar, "Dismiss")
    assert notice.text() == ""
    notice.refresh()  # the same findings: it stays dismissed
    assert notice.text() == ""


def test_the_timeout_is_one_setting_in_preferences_and_in_the_dialog(example_window, qtbot, element_server,
                                                                     click_text):
    """Typed in Edit > Settings…, the update dialog offers it; typed in the dialog, Settings shows it; Esc stops a
    download and a second Esc closes the dialog."""
    from planner.gui.settings_dialog import SettingsDialog

    window = example_window
    settings = SettingsDialog(window)
    qtbot.addWidget(settings)
    settings.show()
    settings.timeout_spin.selectAll()
    QTest.keyClicks(settings.timeout_spin, "45")
    click_text(settings, "OK")
    dialog = _open_from_menu(window, qtbot)
    assert dialog.timeout_spin.value() == 45 and dialog.timeout_spin.text() == "45 s"
    # idle, the buttons keep their size beside the progress bar's room (not stretched across the dialog)
    assert dialog.update_button.width() < dialog.width() // 4 and dialog.timeout_spin.width() < dialog.width() // 4
    dialog.timeout_spin.selectAll()
    QTest.keyClicks(dialog.timeout_spin, "7")
    _type_source(dialog, element_server.url("/hang"))
    click_text(dialog, "Update")
    assert dialog.downloading()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.downloading() and dialog.message.text() == "Cancelled: nothing changed." and dialog.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    again = SettingsDialog(window)
    qtbot.addWidget(again)
    assert again.timeout_spin.value() == 7
