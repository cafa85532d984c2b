"""The Timeline, Calendar and Map tabs are built the first time they are shown (issue 14, start-up); a view built
then shows what was selected before it existed, as one built at start would."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _tab(window, title: str) -> int:
    tabs = window.central_tabs
    return next(i for i in range(tabs.count()) if tabs.tabText(i) == title)


def test_a_selection_made_before_the_timeline_is_first_shown_is_outlined_on_it(active_example, qtbot):
    window = active_example
    assert "Timeline" in window.lazy_tabs._pending  # not built yet: the window opened on the Missions tab
    window.views["missions"].select_ids(["soyuz-ms-19"])
    window.views["activities"].select_ids(["act-02"])
    qtbot.mouseClick(window.central_tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=window.central_tabs.tabBar().tabRect(_tab(window, "Timeline")).center())
    canvas = window.timeline_view.canvas
    assert window.central_tabs.currentWidget() is window.timeline_view
    assert canvas.state.selected_missions == {"soyuz-ms-19"}
    assert canvas.state.selected_activities == {"act-02"}


def test_a_selection_made_before_the_calendar_is_first_shown_is_outlined_on_it(active_example, qtbot):
    window = active_example
    window.views["missions"].select_ids(["crew-3"])
    qtbot.mouseClick(window.central_tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=window.central_tabs.tabBar().tabRect(_tab(window, "Calendar")).center())
    assert window.central_tabs.currentWidget() is window.calendar_view
    assert window.calendar_view.canvas.selected == {"crew-3"}
