"""The main window: dockable panels over one project document, and its menus.

The file life cycle is :mod:`planner.gui.files`, the traffic CSV import and export :mod:`planner.gui.traffic_io`;
the window asks their questions (``confirm``, ``ask_save_changes``, ``show_error``, ``show_message``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabBar, QTabWidget, QUndoView, QVBoxLayout, QWidget,
)

from planner.gui import selection_export, traffic_io
from planner.gui.columns import activity_columns, element_set_columns, mission_columns, people_columns, site_columns
from planner.gui.clash_checker import ClashChecker
from planner.gui.clash_panel import ClashPanel
from planner.gui.document import ProjectDocument
from planner.gui.files import ProjectFiles
from planner.gui.time_cursor import TimeCursor
from planner.gui.time_list import TimeListPanel
from planner.gui.wall_clock import WallClock
from planner.gui.views import install_views
from planner.gui import element_sets_menu, finder_action, landing_action, launch_action, usual_sites
from planner.gui.mission_editor import MissionEditor
from planner.gui.notice_bar import NoticeBar
from planner.gui import record_actions, sleep_shifts
from planner.gui.activity_editor import ActivityEditor
from planner.gui.record_form import RecordForm
from planner.gui.record_table import RecordTableModel
from planner.gui.record_view import RecordView
from planner.gui import compare_action
from planner.gui.settings import DISPLAY_TIMEZONES, Settings
from planner.model import Project


class MainWindow(QMainWindow):
    """One window, one project document."""

    #: the selection across panels changed: (collection, ids)
    selectionChanged = Signal(str, list)
    #: the display time zone changed (View > Show Times In, or the settings): its name
    displayZoneChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = Settings()
        self.doc = ProjectDocument(Project(), None, self)
        self.files = ProjectFiles(self)
        self.setDockNestingEnabled(True)
        # The editor on the right runs the full height; the tables below stop at it.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setAcceptDrops(True)
        self.time_cursor = TimeCursor(parent=self)
        self.clock = WallClock(parent=self)  # now: the timeline's now-line and clocks, the time list's countdowns
        self._build_panels()
        self._build_actions()
        self._build_menus()
        install_views(self)
        element_sets_menu.install(self)  # Element Sets > Import…, Update From Source… (after the map's import action)
        usual_sites.install(self)  # (beside the ground sites' filter, and in the Edit menu)
        launch_action.install(self)  # Edit > Launch at an Opportunity… (the mission editor has its button)
        landing_action.install(self)  # Edit > Land at an Opportunity… (beside it, and the editor's button)
        finder_action.install(self)  # Edit > Find a Flight… (and a double-click on empty time on the timeline)
        compare_action.install(self)  # File > Compare With… (after Open Recent)
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.projectReset.connect(self._project_reset)
        self.doc.itemsChanged.connect(lambda *_: self._update_status())
        self.clash_status = QLabel(self)
        self.statusBar().addPermanentWidget(self.clash_status)
        self._update_clash_status()
        self._first_size()
        self._restore_layout()
        self._update_title()
        self._update_status()

    # ------------------------------------------------------------------ building

    def zone(self) -> str:
        """The display time zone chosen by the user."""
        return self.settings.get("display_timezone")

    def _dock(self, title: str, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        project = lambda: self.doc.project  # noqa: E731 (views read the current project)
        self.models = {
            "missions": RecordTableModel(self.doc, "missions", mission_columns(project, self.zone), self),
            "activities": RecordTableModel(self.doc, "activities", activity_columns(project, self.zone), self),
            "people": RecordTableModel(self.doc, "people", people_columns(), self),
            "sites": RecordTableModel(self.doc, "sites", site_columns(), self),
            "element_sets": RecordTableModel(self.doc, "element_sets", element_set_columns(self.zone), self),
        }
        nouns = {"missions": "missions", "activities": "activities", "people": "people",
                 "sites": "ground sites", "element_sets": "element sets"}
        self.views = {name: RecordView(model, nouns[name], self) for name, model in self.models.items()}
        for name, view in self.views.items():
            view.selectionChangedIds.connect(lambda ids, name=name: self.selectionChanged.emit(name, ids))

        # The central area holds the big views (timeline, calendar and map plug in as tabs).
        self.central_tabs = QTabWidget(self)
        self.central_tabs.setObjectName("centralTabs")
        self.central_tabs.setDocumentMode(True)
        # The docks give way to the central view: at 1024x700 it keeps room for a readable timeline or map (its
        # views are built when first shown, so their own minimum sizes are not there to hold it at start-up).
        self.central_tabs.setMinimumSize(420, 360)
        self.central_tabs.addTab(self.views["missions"], "Missions")
        self.notice = NoticeBar(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(self.central_tabs, 1)
        self.setCentralWidget(central)

        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "activities": self._dock("Activities", "activitiesDock", self.views["activities"], bottom),
            "people": self._dock("People", "peopleDock", self.views["people"], bottom),
            "sites": self._dock("Ground sites", "sitesDock", self.views["sites"], bottom),
            "element_sets": self._dock("Element sets", "elementSetsDock", self.views["element_sets"], bottom),
        }
        # The editor dock shows the editor of whatever was selected last.
        self.mission_editor = MissionEditor(self.doc, self.zone, self)
        self.activity_editor = ActivityEditor(self.doc, self.zone, self)
        self.record_forms = {name: RecordForm(self.doc, name, self) for name in ("people", "sites", "element_sets")}
        self.mission_editor.port_status = self._port_status
        self.editor_stack = QStackedWidget(self)
        self.editors = {"missions": self.mission_editor, "activities": self.activity_editor, **self.record_forms}
        for editor in self.editors.values():
            self.editor_stack.addWidget(editor)
        self.docks["editor"] = self._dock("Editor", "editorDock", self.editor_stack, right)
        self.active_collection = "missions"
        for name, view in self.views.items():
            view.selectionChangedIds.connect(lambda ids, name=name: self._selected(name, ids))
        self.checker = ClashChecker(self.doc, self)
        self.station = self.checker.station  # what the views and editors show of the plan's state
        self.clash_panel = ClashPanel(self.checker, self.zone, self)
        self.docks["clashes"] = self._dock("Clashes", "clashesDock", self.clash_panel, bottom)
        self.clash_panel.findingSelected.connect(self.show_finding)
        self.clash_panel.applyRequested.connect(self.apply_fix)
        self.checker.findingsChanged.connect(self._update_clash_status)
        self.checker.checkStarted.connect(self._update_clash_status)
        self.time_list = TimeListPanel(self.doc, self.clock, self.time_cursor,
                                       lambda ids: self.views["activities"].select_ids(ids), self)
        self.selectionChanged.connect(self.time_list.show_selection)
        self.docks["time_list"] = self._dock("Time List", "timeListDock", self.time_list, bottom)
        self.docks["time_list"].visibilityChanged.connect(self.time_list.set_on_screen)
        self.undo_view = QUndoView(self.doc.undo_stack, self)
        self.undo_view.setEmptyLabel("Opened project")
        self.undo_view.setAccessibleName("Undo history")
        self.docks["history"] = self._dock("History", "historyDock", self.undo_view, right)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda *_: slot())
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        files = self.files
        self.act_new = self._action("&New", files.new_project, std.New, "Start an empty project")
        self.act_open = self._action("&Open…", files.open_dialog, std.Open, "Open a project file")
        self.act_save = self._action("&Save", files.save, std.Save, "Save the project")
        self.act_save_as = self._action("Save &As…", files.save_as, std.SaveAs, "Save the project under another name")
        self.act_revert = self._action("&Revert to Saved", files.revert, None, "Discard changes since the last save")
        self.act_import_csv = self._action("Import Traffic &CSV…", lambda: traffic_io.import_traffic_dialog(self), None,
                                           "Add the vehicles of a traffic CSV to the project (flights already in it "
                                           "are merged)")
        self.act_export_csv = self._action("&Export Traffic CSV…", lambda: traffic_io.export_traffic_dialog(self), None,
                                           "Write the project's traffic as CSV")
        self.act_export_selection = selection_export.make_action(self)
        self.act_close = self._action("&Close", files.new_project, std.Close, "Close the project")
        self.act_quit = self._action("&Quit", self.close, std.Quit, "Quit the planner")
        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(std.Undo)
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        # Every key the platform uses for Redo (Ctrl+Y and Ctrl+Shift+Z on Linux and Windows), not only the first.
        self.act_redo.setShortcuts(std.Redo)
        new = record_actions.new_record
        self.act_new_mission = self._action("New &Mission", lambda: new(self, "missions"), "Ctrl+Shift+M",
                                            "Add a vehicle with launch, docking, undocking and landing")
        self.act_new_activity = self._action("New &Activity", lambda: new(self, "activities"), "Ctrl+Shift+A",
                                             "Add an activity aboard (film shoot, downlink, EVA, ...)")
        self.act_new_person = self._action("New &Person", lambda: new(self, "people"), "Ctrl+Shift+P")
        self.act_new_site = self._action("New &Ground Site", lambda: new(self, "sites"), "Ctrl+Shift+G")
        self.act_duplicate = self._action("D&uplicate", lambda: record_actions.duplicate_selected(self, self.active_collection),
                                          "Ctrl+D", "Copy the selected items")
        self.act_delete = self._action("&Delete", lambda: record_actions.delete_selected(self, self.active_collection),
                                       QKeySequence.StandardKey.Delete, "Delete the selected items")
        self.act_settings = self._action("&Settings…", self.open_settings, QKeySequence.StandardKey.Preferences,
                                         "Station thresholds for this project, and your preferences")
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_about = self._action("&About ISS Visit Planner", self.about)
        self.act_shortcuts = self._action("&Keyboard Shortcuts", self.show_shortcuts, None,
                                          "Every key of the menus and the views")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as, self.act_revert])
        file_menu.addSeparator()
        file_menu.addActions([self.act_import_csv, self.act_export_csv, self.act_export_selection])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        self.file_menu = file_menu
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.act_undo, self.act_redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.act_new_mission, self.act_new_activity, self.act_new_person, self.act_new_site])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.act_duplicate, self.act_delete])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_settings)
        self.edit_menu.addAction(sleep_shifts.make_action(self))
        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        zone_menu = self.view_menu.addMenu("Show Times In")
        self.zone_actions = []
        for zone, label in DISPLAY_TIMEZONES.items():
            action = zone_menu.addAction(label)
            action.setData(zone)
            action.setCheckable(True)
            action.setChecked(zone == self.zone())
            action.triggered.connect(lambda checked=False, zone=zone: self.set_display_zone(zone))
            self.zone_actions.append(action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.act_shortcuts, self.act_about])

    def set_display_zone(self, zone: str) -> None:
        """Show times in UTC, Moscow or Houston time: the tables (their columns widened to the new texts), the
        clash panel's sentences and windows, and the views."""
        self.settings.set("display_timezone", zone)
        for action in self.zone_actions:
            action.setChecked(action.data() == zone)
        for model in self.models.values():
            model.refresh()
        for view in self.views.values():
            view.widen_columns()
        self.clash_panel.zone_changed()
        self.displayZoneChanged.emit(zone)

    # ------------------------------------------------------------------ state shown

    def _update_title(self, *_):
        self.setWindowTitle(f"{self.doc.display_name}[*] — {self.doc.project.meta.title} — ISS Visit Planner")
        self.setWindowModified(self.doc.modified)
        self.act_revert.setEnabled(self.doc.path is not None and self.doc.modified)

    def follow_selection(self, set_selection) -> None:
        """Call ``set_selection(collection, ids)`` on every selection change, starting with what the missions and
        activities tables hold now (a view built later than the selection, e.g. a tab's, shows it outlined too)."""
        self.selectionChanged.connect(set_selection)
        for collection in ("missions", "activities"):
            ids = self.views[collection].selected_ids()
            if ids:
                set_selection(collection, ids)

    def _selected(self, collection: str, ids: list) -> None:
        """A table's selection changed: that table's items are what Duplicate/Delete act on, and the
        editor dock shows the selected item."""
        self.active_collection = collection
        one = ids[0] if len(ids) == 1 else None
        editor = self.editors[collection]
        if collection == "missions":
            editor.set_mission(one)
        elif collection == "activities":
            editor.set_activity(one)
        else:
            editor.set_item(one)
        self.editor_stack.setCurrentWidget(editor)

    def _port_status(self, mission, index: int, port) -> str:
        """For the port picker: is ``port`` free over the stay of ``mission``'s event ``index``?"""
        from planner.rules.availability import port_status, stay_window

        start, end = stay_window(mission, index)
        timeline = self.station.timeline
        names = {m.id: m.name for m in self.doc.project.missions}
        return port_status(timeline, port, start, end, mission.id, names)

    def _update_clash_status(self):
        if self.checker.checking:
            self.clash_status.setText("Checking the plan…")
            self.clash_status.setStyleSheet("")
            self.clash_status.setToolTip("The rules are checking the whole plan; the window can be used meanwhile")
            return
        if self.checker.error:  # never "0 conflicts" for a plan that could not be checked
            self.clash_status.setText("Check failed · results not current")
            self.clash_status.setStyleSheet("color: #c62828; font-weight: bold;")
            self.clash_status.setToolTip(self.checker.error)
            return
        conflicts, warnings = self.checker.counts()
        self.clash_status.setText(f"{conflicts} conflict{'s' if conflicts != 1 else ''} · "
                                  f"{warnings} warning{'s' if warnings != 1 else ''}")
        self.clash_status.setStyleSheet("color: #c62828; font-weight: bold;" if conflicts else "")
        self.clash_status.setToolTip(f"Last check took {self.checker.last_check_ms:.1f} ms")

    def show_finding(self, finding) -> None:
        """Select what a finding involves in the tables and show its time window in the views."""
        if finding.vehicles:
            self.views["missions"].select_ids(list(finding.vehicles))
        if finding.activities:
            self.views["activities"].select_ids(list(finding.activities))
        end = finding.end if finding.end != float("inf") else finding.start + 86400
        self.time_cursor.show_window(finding.start, max(end, finding.start + 60))

    def apply_fix(self, finding, suggestion) -> bool:
        """Apply a suggested fix as one undo step (every mission and activity it changes)."""
        from planner.gui.commands import ReplaceItem
        from planner.rules.fixes import FixError, apply_fix, describe_fix

        try:
            fixed = apply_fix(self.doc.project, finding, suggestion)
        except FixError as exc:
            self.show_error("Cannot apply the fix", str(exc))
            return False
        stack = self.doc.undo_stack
        stack.beginMacro(describe_fix(suggestion))
        for collection, item in fixed.changes():
            stack.push(ReplaceItem(self.doc, collection, item.id, item))
        stack.endMacro()
        return True

    def add_view(self, widget, title: str) -> None:
        """Put a big view (timeline, calendar, map) in the central tabs."""
        self.central_tabs.addTab(widget, title)

    # The big views are built when their tab is first shown; asking for one builds it now.
    @property
    def timeline_view(self):
        """The Timeline tab's :class:`~planner.gui.timeline.view.TimelineView`."""
        return self.lazy_tabs.view("Timeline")

    @property
    def calendar_view(self):
        """The Calendar tab's :class:`~planner.gui.calendar.view.CalendarView`."""
        return self.lazy_tabs.view("Calendar")

    @property
    def map_panel(self):
        """The Map tab's :class:`~planner.gui.map.panel.MapPanel`."""
        return self.lazy_tabs.view("Map")

    def _update_status(self):
        project = self.doc.project
        self.statusBar().showMessage(
            f"{len(project.missions)} missions · {len(project.people)} people · {len(project.activities)} activities"
        )

    def _project_reset(self):
        self._update_title()
        self._update_status()
        for view in self.views.values():
            view.fit_columns()

    def _first_size(self) -> None:
        """1280x800, or the screen's free area where that is smaller (a 1024x700 screen shows the whole window,
        its docks and status bar, not its top left)."""
        screen = self.screen()
        free = screen.availableGeometry() if screen is not None else None
        if free is None or (free.width() >= 1280 and free.height() >= 800):
            self.resize(1280, 800)
            return
        # The frame's title bar and borders come on top of the size asked for.
        self.resize(min(1280, free.width()), min(800, free.height() - 32))
        self.move(free.topLeft())

    def _restore_layout(self):
        geometry = self.settings.get("window/geometry")
        state = self.settings.get("window/state")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self._layout_restored = not state.isEmpty() and self.restoreState(state)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self._default_layout()

    def _default_layout(self) -> None:
        """The docks of a first start: the record tables tabbed below beside the clashes and the time list, the editor
        and the history tabbed on the right; the tables get about 40% of the height, activities 60% of the width.

        Done once the window is shown: tabbing docks in two areas before that leaves a stray second tab bar
        (Qt 6.11) drawn over the clashes."""
        self.splitDockWidget(self.docks["activities"], self.docks["clashes"], Qt.Orientation.Horizontal)
        for name in ("people", "sites", "element_sets"):
            self.tabifyDockWidget(self.docks["activities"], self.docks[name])
        self.docks["activities"].raise_()
        self.tabifyDockWidget(self.docks["clashes"], self.docks["time_list"])
        self.docks["clashes"].raise_()
        self.tabifyDockWidget(self.docks["editor"], self.docks["history"])
        self.docks["editor"].raise_()
        height, width = self.height(), self.width()
        # The docks give way to the central view: the editor column about a quarter of the width (its own
        # minimum at least), the tables below 40% of the height, shared with the clashes.
        fits = self.mission_editor.body.minimumSizeHint().width() + self.style().pixelMetric(
            self.style().PixelMetric.PM_ScrollBarExtent) + 12
        editor = max(fits, min(400, int(width * 0.27)))
        self.resizeDocks([self.docks["editor"]], [editor], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["activities"]], [int(height * 0.4)], Qt.Orientation.Vertical)
        below = width - editor
        self.resizeDocks([self.docks["activities"], self.docks["clashes"]],
                         [int(below * 0.55), int(below * 0.45)], Qt.Orientation.Horizontal)
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:  # the tab bars of tabbed docks: whole titles, scrolled when they do not fit
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)

    def _save_layout(self):
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())

    # ------------------------------------------------------------------ questions (tests replace these)

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """The Save / Discard / Cancel question (tests replace this)."""
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(
            self, "Unsaved changes", f"Save the changes to {self.doc.display_name} before closing it?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)

    def confirm(self, title: str, text: str) -> bool:
        """A yes/no question (tests replace this)."""
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(self, title, text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes

    def show_error(self, title: str, text: str) -> None:
        """An error a user can act on, in a dialog (tests replace this)."""
        QMessageBox.critical(self, title, text)

    def show_message(self, title: str, text: str) -> None:
        """Something done that the user should read, in a dialog (tests replace this)."""
        QMessageBox.information(self, title, text)

    def show_notice(self, title: str, text: str) -> None:
        """Something the user must know that does not stop the work: a notice above the views (non-modal)."""
        self.notice.show_notice(title, text)

    # ------------------------------------------------------------------ window events

    def dragEnterEvent(self, event):  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() == ".csv":
                    traffic_io.import_traffic(self, path)
                else:
                    self.files.open_file(path)
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent):  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.closed()
        self._save_layout()
        self.checker.shut_down()
        event.accept()

    def open_settings(self) -> None:
        """Edit > Settings."""
        from planner.gui.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def show_shortcuts(self):
        """Help > Keyboard Shortcuts (beside the window, which stays usable: the keys can be tried at once)."""
        from planner.gui.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.show()
        self.shortcuts_dialog = dialog
        return dialog

    def about(self) -> None:
        """Help > About."""
        from planner.gui.about import show_about

        show_about(self)
