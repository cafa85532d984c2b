"""The main window: dockable panels over one project document, its menus, and file handling."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabWidget, QUndoView,
)

from planner import PROJECT_SUFFIX
from planner.gui import recovery
from planner.gui.columns import activity_columns, element_set_columns, mission_columns, people_columns, site_columns
from planner.gui.clash_checker import ClashChecker
from planner.gui.clash_panel import ClashPanel
from planner.gui.document import ProjectDocument
from planner.gui.time_cursor import TimeCursor
from planner.gui.views import install_views
from planner.gui.widgets import busy
from planner.gui.mission_editor import MissionEditor
from planner.gui import record_actions
from planner.gui.activity_editor import ActivityEditor
from planner.gui.record_form import RecordForm
from planner.gui.record_table import RecordTableModel
from planner.gui.record_view import RecordView
from planner.gui.settings import DISPLAY_TIMEZONES, Settings
from planner.model import Project

PROJECT_FILTER = f"Planner projects (*{PROJECT_SUFFIX});;JSON files (*.json);;All files (*)"
CSV_FILTER = "Traffic CSV (*.csv);;All files (*)"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _flight(mission) -> tuple:
    """What makes two missions the same flight: name, vehicle type and every event (kind, times, ports, crew)."""
    return (mission.name, mission.vehicle_type,
            tuple((e.kind, e.utc, e.end_utc, e.port, e.from_port, tuple(e.crew)) for e in mission.events))


class MainWindow(QMainWindow):
    """One window, one project document."""

    #: the selection across panels changed: (collection, ids)
    selectionChanged = Signal(str, list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = Settings()
        self.doc = ProjectDocument(Project(), None, self)
        self._disk_digest: str | None = None  # what the file held when we last read or wrote it
        self._autosaved_index = -1
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed_on_disk)
        self.setDockNestingEnabled(True)
        # The editor on the right runs the full height; the tables below stop at it.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setAcceptDrops(True)
        self.time_cursor = TimeCursor(parent=self)
        self._build_panels()
        self._build_actions()
        self._build_menus()
        install_views(self)
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.projectReset.connect(self._project_reset)
        self.doc.itemsChanged.connect(lambda *_: self._update_status())
        self.clash_status = QLabel(self)
        self.statusBar().addPermanentWidget(self.clash_status)
        self._update_clash_status()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(max(5, self.settings.get("autosave_seconds")) * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.resize(1280, 800)
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
        self.central_tabs.addTab(self.views["missions"], "Missions")
        self.setCentralWidget(self.central_tabs)

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
        self.clash_panel = ClashPanel(self.checker, self.zone, self)
        self.docks["clashes"] = self._dock("Clashes", "clashesDock", self.clash_panel, bottom)
        self.clash_panel.findingSelected.connect(self.show_finding)
        self.clash_panel.applyRequested.connect(self.apply_fix)
        self.checker.findingsChanged.connect(self._update_clash_status)
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
        self.act_new = self._action("&New", self.new_project, std.New, "Start an empty project")
        self.act_open = self._action("&Open…", self.open_dialog, std.Open, "Open a project file")
        self.act_save = self._action("&Save", self.save, std.Save, "Save the project")
        self.act_save_as = self._action("Save &As…", self.save_as, std.SaveAs, "Save the project under another name")
        self.act_revert = self._action("&Revert to Saved", self.revert, None, "Discard changes since the last save")
        self.act_import_csv = self._action("Import Traffic &CSV…", self.import_traffic_dialog, None,
                                           "Add the vehicles of a traffic CSV to the project")
        self.act_export_csv = self._action("&Export Traffic CSV…", self.export_traffic_dialog, None,
                                           "Write the project's traffic as CSV")
        self.act_close = self._action("&Close", self.close_project, std.Close, "Close the project")
        self.act_quit = self._action("&Quit", self.close, std.Quit, "Quit the planner")
        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence(std.Undo))
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence(std.Redo))
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

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as, self.act_revert])
        file_menu.addSeparator()
        file_menu.addActions([self.act_import_csv, self.act_export_csv])
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
        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        zone_menu = self.view_menu.addMenu("Show Times In")
        for zone, label in DISPLAY_TIMEZONES.items():
            action = zone_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(zone == self.zone())
            action.triggered.connect(lambda checked=False, zone=zone, menu=zone_menu: self.set_display_zone(zone, menu))
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.act_about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, path=path: self.open_file(Path(path)))
        if not files:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    def set_display_zone(self, zone: str, menu=None) -> None:
        """Show times in UTC, Moscow or Houston time."""
        self.settings.set("display_timezone", zone)
        if menu is not None:
            for action in menu.actions():
                action.setChecked(action.text() == DISPLAY_TIMEZONES[zone])
        for model in self.models.values():
            model.refresh()

    # ------------------------------------------------------------------ state shown

    def _update_title(self, *_):
        self.setWindowTitle(f"{self.doc.display_name}[*] — {self.doc.project.meta.title} — ISS Visit Planner")
        self.setWindowModified(self.doc.modified)
        self.act_revert.setEnabled(self.doc.path is not None and self.doc.modified)

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
        timeline = self.checker.engine.timeline if self.checker.engine else None
        names = {m.id: m.name for m in self.doc.project.missions}
        return port_status(timeline, port, start, end, mission.id, names)

    def _update_clash_status(self):
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
        """Apply a suggested fix as one undo step."""
        from planner.gui.commands import ReplaceItem
        from planner.rules.fixes import FixError, apply_fix, describe_fix

        try:
            missions = apply_fix(self.doc.project, finding, suggestion)
        except FixError as exc:
            self.show_error("Cannot apply the fix", str(exc))
            return False
        stack = self.doc.undo_stack
        stack.beginMacro(describe_fix(suggestion))
        for mission in missions:
            stack.push(ReplaceItem(self.doc, "missions", mission.id, mission))
        stack.endMacro()
        return True

    def add_view(self, widget, title: str) -> None:
        """Put a big view (timeline, calendar, map) in the central tabs."""
        self.central_tabs.addTab(widget, title)

    def _update_status(self):
        project = self.doc.project
        self.statusBar().showMessage(
            f"{len(project.missions)} missions · {len(project.people)} people · {len(project.activities)} activities"
        )

    def _project_reset(self):
        self._autosaved_index = -1
        self._update_title()
        self._update_status()
        for view in self.views.values():
            view.fit_columns()

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
        """The docks of a first start: the record tables tabbed below beside the clashes, the editor and the
        history tabbed on the right; the tables get about 40% of the height, activities 60% of the width.

        Done once the window is shown: tabbing docks in two areas before that leaves a stray second tab bar
        (Qt 6.11) drawn over the clashes."""
        self.splitDockWidget(self.docks["activities"], self.docks["clashes"], Qt.Orientation.Horizontal)
        for name in ("people", "sites", "element_sets"):
            self.tabifyDockWidget(self.docks["activities"], self.docks[name])
        self.docks["activities"].raise_()
        self.tabifyDockWidget(self.docks["editor"], self.docks["history"])
        self.docks["editor"].raise_()
        height, width = self.height(), self.width()
        self.resizeDocks([self.docks["activities"]], [int(height * 0.4)], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["activities"], self.docks["clashes"]],
                         [int(width * 0.3), int(width * 0.35)], Qt.Orientation.Horizontal)

    def _save_layout(self):
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())

    # ------------------------------------------------------------------ files

    def _watch(self, path: Path | None) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if path is not None and path.exists():
            self.watcher.addPath(str(path))
        self._disk_digest = _digest(path) if path else None

    def open_file(self, path: Path) -> bool:
        """Open a project as a user does: a file that cannot be read is refused before anything else
        happens; otherwise unsaved changes are offered for saving first. False when not opened."""
        with busy(self, f"Reading {Path(path).name}…"):
            project, error = self._load(Path(path))
        if error:
            self.show_error("Cannot open project", error)
            return False
        if not self.maybe_save():
            return False
        with busy(self, f"Checking and drawing {Path(path).name}…"):
            self._show_loaded(project, Path(path))
        return True

    def open_path(self, path: Path) -> str | None:
        """Load ``path`` into the window without questions; the loader's message when it cannot be read
        (the open project then stays as it was)."""
        with busy(self, f"Opening {Path(path).name}…"):
            project, error = self._load(Path(path))
            if error:
                return error
            self._show_loaded(project, Path(path))
        return None

    @staticmethod
    def _load(path: Path):
        from planner.store import ProjectFileError, load_project

        try:
            return load_project(path), None
        except ProjectFileError as exc:
            return None, str(exc)
        except OSError as exc:
            return None, f"{path}: {exc.strerror or exc}"

    def _show_loaded(self, project: Project, path: Path) -> None:
        self._replace_document(project, path)
        if path.resolve() != _bundled_example().resolve():
            self.settings.add_recent_file(path)

    def _replace_document(self, project: Project, path: Path | None) -> None:
        recovery.discard_recovery(self.doc.path)  # the user chose to save or discard that work
        self.doc.reset(project, path)
        self._watch(path)

    def open_dialog(self) -> None:
        """File > Open."""
        start = str(self.doc.path.parent) if self.doc.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open Project", start, PROJECT_FILTER)
        if name:
            self.open_file(Path(name))

    def new_project(self) -> None:
        """File > New."""
        if self.maybe_save():
            self._replace_document(Project(), None)

    def close_project(self) -> None:
        """File > Close: an empty untitled project takes its place."""
        self.new_project()

    def save(self) -> bool:
        """File > Save; False when not saved (cancelled or failed)."""
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self, path: Path | None = None) -> bool:
        """File > Save As."""
        if path is None:
            suggested = str(self.doc.path or Path.home() / f"{self.doc.project.meta.title}{PROJECT_SUFFIX}")
            name, _ = QFileDialog.getSaveFileName(self, "Save Project As", suggested, PROJECT_FILTER)
            if not name:
                return False
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(PROJECT_SUFFIX)
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the project to ``path`` atomically, keeping the previous version beside it."""
        from planner.store import save_project

        try:
            save_project(self.doc.project, path)
        except OSError as exc:
            self.show_error("Cannot save project", f"{path}: {exc.strerror or exc}. The project is still open and unchanged.")
            return False
        old_path = self.doc.path
        if old_path != path:
            recovery.discard_recovery(old_path)
        self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        recovery.discard_recovery(path)
        self._watch(path)
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def revert(self) -> None:
        """File > Revert to Saved."""
        if self.doc.path is None:
            return
        if self.doc.modified and not self.confirm(
                "Revert to Saved", f"Discard all changes since {self.doc.display_name} was last saved?"):
            return
        error = self.open_path(self.doc.path)
        if error:
            self.show_error("Cannot revert", error)

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True when it is fine to go on."""
        if not self.doc.modified:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            # The recovery file goes when the project is replaced or the window closes, not before.
            return True
        return False

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

    # ------------------------------------------------------------------ traffic CSV

    def import_traffic_dialog(self) -> None:
        """File > Import Traffic CSV."""
        name, _ = QFileDialog.getOpenFileName(self, "Import Traffic CSV", "", CSV_FILTER)
        if name:
            self.import_traffic(Path(name))

    def import_traffic(self, path: Path) -> bool:
        """Add the missions and people of a traffic CSV to the project, as one undo step."""
        from planner.gui.commands import InsertItem
        from planner.model.people import unique_slug
        from planner.traffic import TrafficCsvError, read_traffic_csv

        try:
            imported = read_traffic_csv(path)
        except TrafficCsvError as exc:
            self.show_error("Cannot import traffic", str(exc))
            return False
        except OSError as exc:
            self.show_error("Cannot import traffic", f"{path}: {exc.strerror or exc}")
            return False
        project = self.doc.project
        people_by_name = {p.name: p.id for p in project.people}
        person_ids = {p.id for p in project.people}
        renamed: dict[str, str] = {}
        new_people, new_missions = [], []
        for person in imported.people:
            if person.name in people_by_name:
                renamed[person.id] = people_by_name[person.name]
                continue
            new_id = unique_slug(person.name, person_ids)
            person_ids.add(new_id)
            renamed[person.id] = new_id
            person.id = new_id
            new_people.append(person)
        mission_ids = {m.id for m in project.missions}
        flights = {_flight(m) for m in project.missions}
        skipped = 0
        for mission in imported.missions:
            for event in mission.events:
                event.crew = tuple(renamed.get(p, p) for p in event.crew)
            if _flight(mission) in flights:  # the same vehicle with the same events is in the plan already
                skipped += 1
                continue
            mission.id = unique_slug(mission.id, mission_ids)
            mission_ids.add(mission.id)
            new_missions.append(mission)
        if new_people or new_missions:  # one undo step, and none for an import that adds nothing
            stack = self.doc.undo_stack
            stack.beginMacro(f"Import {path.name}")
            for person in new_people:
                stack.push(InsertItem(self.doc, "people", person))
            for mission in new_missions:
                stack.push(InsertItem(self.doc, "missions", mission))
            stack.endMacro()
        added = len(new_missions)
        note = f"; {skipped} already in the plan were left as they are" if skipped else ""
        self.statusBar().showMessage(f"Imported {added} vehicle{'s' if added != 1 else ''} from {path.name}{note}",
                                     8000)
        return True

    def export_traffic_dialog(self) -> None:
        """File > Export Traffic CSV."""
        suggested = str((self.doc.path or Path.home() / "traffic").with_suffix(".csv"))
        name, _ = QFileDialog.getSaveFileName(self, "Export Traffic CSV", suggested, CSV_FILTER)
        if name:
            self.export_traffic(Path(name))

    def export_traffic(self, path: Path) -> bool:
        """Write the project's traffic as CSV."""
        from planner.store.atomic import atomic_write_text
        from planner.traffic import write_traffic_csv

        try:
            atomic_write_text(path, write_traffic_csv(self.doc.project), keep_backup=False)
        except OSError as exc:
            self.show_error("Cannot export traffic", f"{path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Exported traffic to {path}", 5000)
        return True

    # ------------------------------------------------------------------ autosave, disk changes

    def autosave(self) -> Path | None:
        """Write the unsaved work to the recovery file (if anything changed since the last autosave)."""
        from planner.store import project_to_json

        stack = self.doc.undo_stack
        if not self.doc.modified or stack.index() == self._autosaved_index:
            return None
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        try:
            written = recovery.write_recovery(project_to_json(self.doc.project), self.doc.path, stamp)
        except OSError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc.strerror or exc}", 10000)
            return None
        self._autosaved_index = stack.index()
        return written

    def offer_recovery(self) -> bool:
        """At start: offer to recover work left in recovery files; True when one was recovered."""
        from planner.store import ProjectFileError, load_project

        for found in recovery.pending_recoveries():
            label = str(found.original) if found.original else "an untitled project"
            if not self.confirm("Recover unsaved work",
                                f"The planner did not close normally. Recover the unsaved changes to {label} "
                                f"(autosaved {found.saved_at})?"):
                recovery.discard_recovery(found.original)
                continue
            try:
                project = load_project(found.file)
            except (ProjectFileError, OSError) as exc:
                self.show_error("Cannot recover", str(exc))
                continue
            self.doc.reset(project, found.original)
            self._watch(found.original)
            # The recovered work is not saved yet: mark it modified by leaving the clean state.
            self.doc.undo_stack.resetClean()
            self._update_title()
            return True
        return False

    def _file_changed_on_disk(self, name: str) -> None:
        path = Path(name)
        if self.doc.path is None or path.resolve() != self.doc.path.resolve():
            return
        digest = _digest(path)
        if path.exists() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # editors that replace files drop the watch
        if digest is None or digest == self._disk_digest:
            return
        self._disk_digest = digest
        extra = " Your unsaved changes would be lost." if self.doc.modified else ""
        if self.confirm("File changed on disk", f"{path.name} was changed by another program. Reload it?{extra}"):
            error = self.open_path(path)
            if error:
                self.show_error("Cannot reload", error)

    # ------------------------------------------------------------------ window events

    def dragEnterEvent(self, event):  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() == ".csv":
                    self.import_traffic(path)
                else:
                    self.open_file(path)
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent):  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        recovery.discard_recovery(self.doc.path)
        self._save_layout()
        event.accept()

    def open_settings(self) -> None:
        """Edit > Settings."""
        from planner.gui.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def about(self) -> None:
        """Help > About."""
        from planner.gui.about import show_about

        show_about(self)


def _bundled_example() -> Path:
    from planner.gui.app import example_project_path

    return example_project_path()
