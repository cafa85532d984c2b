"""The big views of the main window (timeline, calendar, map) plug in here, one line each.

Each is a central tab built the first time it is shown (or asked for, e.g. ``window.map_panel``): a start-up
on the Missions tab builds none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from planner.gui import map as ground_map
from planner.gui import calendar, timeline
from planner.gui.time_cursor import open_plans_at_start, plan_start


class LazyTabs:
    """Central tabs whose views are built the first time they are shown or asked for: until then a tab holds an
    empty placeholder, which the view then replaces (so a built view is the tab's page, as any other)."""

    def __init__(self, tabs: QTabWidget):
        self.tabs = tabs
        self._pending: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._views: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._current_changed)

    def add(self, title: str, build: Callable[[], QWidget]) -> None:
        """A tab ``title`` whose view ``build()`` makes when it is first needed."""
        placeholder = QWidget(self.tabs)
        self._pending[title] = (placeholder, build)
        self.tabs.addTab(placeholder, title)

    def view(self, title: str) -> QWidget:
        """The view of tab ``title`` (built now if it was not yet)."""
        if title not in self._views:
            placeholder, build = self._pending.pop(title)
            view = build()
            index, current = self.tabs.indexOf(placeholder), self.tabs.currentIndex()
            self.tabs.blockSignals(True)  # the same tab stays current: nobody needs to hear of the swap
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, view, title)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
            self._views[title] = view
        return self._views[title]

    def widget(self, index: int) -> QWidget:
        """The page of tab ``index``, its view built if it is a lazy one."""
        title = self.tabs.tabText(index)
        return self.view(title) if title in self._pending else self.tabs.widget(index)

    def _current_changed(self, index: int) -> None:
        title = self.tabs.tabText(index)
        if title in self._pending:
            self.view(title)


def install_views(window) -> None:
    """Create the central views of ``window`` (a :class:`planner.gui.main_window.MainWindow`)."""
    # The shared time cursor first: at the plan's start, and at every new plan's start before the views hear of
    # that plan (they connect after it), so that each of them opens on the plan, not on today.
    window.time_cursor.set_time(plan_start(window.doc.project))
    open_plans_at_start(window.time_cursor, window.doc)
    # Each view module offers install(window): it adds its menus and returns the function that builds its widget
    # (connected to window.doc, window.station, window.checker, window.time_cursor and the selection).
    window.lazy_tabs = LazyTabs(window.central_tabs)
    for title, module in (("Timeline", timeline), ("Calendar", calendar), ("Map", ground_map)):
        window.lazy_tabs.add(title, module.install(window))
