"""The window at 1024x700 stays usable, and Help lists the keyboard shortcuts the actions really hold (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar


@pytest.fixture
def small(qtbot):
    """The app as it starts on a 1024x700 screen (first start: the default dock layout) on the example."""
    from planner.gui.main_window import MainWindow
    from planner.resources import example_project_path

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(example_project_path()) is None
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _clipped(window) -> list[str]:
    """Buttons shown narrower than their text and icon need, and tab titles cut short."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.width() < button.minimumSizeHint().width():
            found.append(f"button {button.text()!r}: {button.width()} < {button.minimumSizeHint().width()}")
    for bar in window.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for i in range(bar.count()):
            if bar.tabRect(i).width() < bar.tabSizeHint(i).width() - 1:
                found.append(f"tab {bar.tabText(i)!r}: {bar.tabRect(i).width()} < {bar.tabSizeHint(i).width()}")
    return found


@pytest.mark.parametrize("tab", ["Missions", "Timeline", "Calendar", "Map"])
def test_at_1024x700_no_button_or_tab_title_is_clipped(small, qtbot, tmp_path, tab):
    tabs = small.central_tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == tab))
    qtbot.wait(50)
    assert small.width() == 1024 and small.height() == 700
    image = tmp_path / f"{tab}.png"
    assert small.grab().save(str(image))  # what a reviewer looks at
    assert QImage(str(image)).width() == 1024
    assert _clipped(small) == []
    if tab == "Map":  # with a place chosen its distance shows too
        combo = small.map_panel.place_combo
        combo.setCurrentIndex(combo.findData("Russia"))
        combo.activated.emit(combo.currentIndex())
        qtbot.wait(50)
        assert small.map_panel.radius_spin.isVisible() and _clipped(small) == []
    # The central view keeps the larger part of the window; the docks give way.
    assert tabs.width() >= 0.6 * small.width() and small.docks["editor"].width() <= 0.36 * small.width()


def test_help_lists_the_shortcuts_the_actions_hold(small, qtbot):
    help_action = next(a for a in small.help_menu.actions() if a.text().replace("&", "") == "Keyboard Shortcuts")
    help_action.trigger()
    dialog = small.shortcuts_dialog
    assert dialog.isVisible() and QApplication.activeModalWidget() is None  # the keys can be tried meanwhile
    rows = dialog.rows()
    native = lambda text: QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)  # noqa: E731
    assert ("File", "Save", native("Ctrl+S")) in rows
    redo = next(keys for where, command, keys in rows if where == "Edit" and command == "Redo")
    assert native("Ctrl+Shift+Z") in redo.split(", ") and native("Ctrl+Y") in redo.split(", ")
    assert ("Timeline tab", "Zoom In", f"{native('Ctrl+=')}, {native('Ctrl++')}") in rows
    assert ("Calendar tab", "Go to Date", native("Ctrl+G")) in rows
    assert ("Edit", "New Person", native("Ctrl+Shift+P")) in rows
    # Read from the actions when the page opens, not copied: a changed key shows up.
    dialog.close()
    small.act_new_site.setShortcut(QKeySequence("Ctrl+Alt+G"))
    help_action.trigger()
    assert ("Edit", "New Ground Site", native("Ctrl+Alt+G")) in small.shortcuts_dialog.rows()
    every = {(where, command) for where, command, _keys in small.shortcuts_dialog.rows()}
    assert len(every) == len(small.shortcuts_dialog.rows())  # each command once


@pytest.mark.parametrize("collection, item", [("activities", "act-02"), ("missions", "soyuz-ms-19")])
def test_at_1024x700_the_editor_fits_its_dock_with_no_sideways_scrolling(small, qtbot, collection, item):
    small.views[collection].select_ids([item])
    editor = small.editors[collection]
    qtbot.waitUntil(lambda: editor.isVisible())
    scroll = editor.scroll
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()
