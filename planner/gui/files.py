"""The life cycle of a window's project file: new, open, save, save as, revert, recent files, reloading when
another program changes the file, autosave and crash recovery.

The window builds the menus and owns the questions (``confirm``, ``ask_save_changes``, ``show_error``, which
tests replace); this module decides when to ask them and does the reading and writing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner import PROJECT_SUFFIX
from planner.gui import recovery
from planner.gui.user_folders import is_installed, start_folder, suggested_file
from planner.gui.widgets import busy
from planner.model import Project
from planner.resources import example_project_path
from planner.store import read_project

#: how long the file must stay quiet after a change by another program before it is read
SETTLE_MS = 250

PROJECT_FILTER = f"Planner projects (*{PROJECT_SUFFIX});;JSON files (*.json);;All files (*)"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class ProjectFiles(QObject):
    """Reads and writes the project of ``window`` (a MainWindow: its ``doc``, ``settings``, status bar and
    questions)."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.doc, self.settings = window, window.doc, window.settings
        self._disk_digest: str | None = None  # what the file held when we last read or wrote it
        self._autosaved_index = -1
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed_on_disk)
        # One save by another program is several file events (truncate, write, rename over): they are read
        # once it has settled, and never while the question about an earlier change is still open.
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._check_disk)
        self._asking = False
        self._gone_noticed = False
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(max(5, self.settings.get("autosave_seconds")) * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.doc.projectReset.connect(self._forget_autosave)

    # ------------------------------------------------------------------ opening

    def open_dialog(self) -> None:
        """File > Open."""
        start = str(start_folder(self.doc.path))
        name, _ = QFileDialog.getOpenFileName(self.window, "Open Project", start, PROJECT_FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> bool:
        """Open a project as a user does: a file that cannot be read is refused before anything else
        happens; otherwise unsaved changes are offered for saving first. False when not opened."""
        path = Path(path)
        with busy(self.window, f"Reading {path.name}…"):
            project, error = read_project(path)
        if error:
            self.window.show_error("Cannot open project", error)
            return False
        if not self.maybe_save():
            return False
        with busy(self.window, f"Checking and drawing {path.name}…"):
            self._show_loaded(project, path)
        return True

    def open_path(self, path: Path) -> str | None:
        """Load ``path`` without questions; the loader's message when it cannot be read (the open project then
        stays as it was)."""
        path = Path(path)
        with busy(self.window, f"Opening {path.name}…"):
            project, error = read_project(path)
            if error:
                return error
            self._show_loaded(project, path)
        return None

    def _show_loaded(self, project: Project, path: Path) -> None:
        self._replace_document(project, path)
        if path.resolve() != example_project_path().resolve():
            self.settings.add_recent_file(path)

    def _replace_document(self, project: Project, path: Path | None) -> None:
        recovery.discard_recovery(self.doc.path)  # the user chose to save or discard that work
        self.window.notice.dismiss()  # whatever it said was about the project now replaced
        self.doc.reset(project, path)
        self._watch(path)

    def new_project(self) -> None:
        """File > New (and Close: an empty untitled project takes the place of the open one)."""
        if self.maybe_save():
            self._replace_document(Project(), None)

    def revert(self) -> None:
        """File > Revert to Saved."""
        if self.doc.path is None:
            return
        if self.doc.modified and not self.window.confirm(
                "Revert to Saved", f"Discard all changes since {self.doc.display_name} was last saved?"):
            return
        error = self.open_path(self.doc.path)
        if error:
            self.window.show_error("Cannot revert", error)

    def fill_recent_menu(self, menu) -> None:
        """File > Open Recent, rebuilt each time it is about to show (files gone since are left out)."""
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, path=path: self.open_file(Path(path)))
        if not files:
            menu.addAction("No recent projects").setEnabled(False)

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """File > Save; False when not saved (cancelled or failed).

        An untitled project, or one opened from the app's own folders (the bundled example is a template), is
        saved as a new file of the user's: Save asks where, as Save As does."""
        if self.doc.path is None or is_installed(self.doc.path):
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self, path: Path | None = None) -> bool:
        """File > Save As (``path``: the name the dialog would give)."""
        if path is None:
            suggested = str(suggested_file(self.doc.path, self.doc.project.meta.title or "Untitled", PROJECT_SUFFIX))
            name, _ = QFileDialog.getSaveFileName(self.window, "Save Project As", suggested, PROJECT_FILTER)
            if not name:
                return False
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(PROJECT_SUFFIX)
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the project to ``path`` atomically, keeping the previous version beside it."""
        from planner.store import save_project

        if is_installed(path):
            self.window.show_error("Cannot save project",
                                   f"{path} is one of the planner's own files (the bundled example is a template). "
                                   f"Save the project in a folder of your own.")
            return False
        try:
            save_project(self.doc.project, path)
        except OSError as exc:
            self.window.show_error("Cannot save project",
                                   f"{path}: {exc.strerror or exc}. The project is still open and unchanged.")
            return False
        old_path = self.doc.path
        if old_path != path:
            recovery.discard_recovery(old_path)
        self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        recovery.discard_recovery(path)
        self._watch(path)
        self.settings.add_recent_file(path)
        self.window.notice.dismiss()  # (a file gone from disk is there again)
        self.window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True when it is fine to go on."""
        if not self.doc.modified:
            return True
        answer = self.window.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        # Discard: the recovery file goes when the project is replaced or the window closes, not before.
        return answer == QMessageBox.StandardButton.Discard

    def closed(self) -> None:
        """The window closes with the user's consent: the recovery file is not needed any more."""
        recovery.discard_recovery(self.doc.path)

    # ------------------------------------------------------------------ autosave and recovery

    def _forget_autosave(self) -> None:
        self._autosaved_index = -1

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
            self.window.statusBar().showMessage(f"Autosave failed: {exc.strerror or exc}", 10000)
            return None
        self._autosaved_index = stack.index()
        return written

    def offer_recovery(self) -> bool:
        """At start: offer to recover work left in recovery files; True when one was recovered."""
        from planner.store import ProjectFileError, load_project

        for found in recovery.pending_recoveries():
            if not recovery.ask_to_recover(self.window, found):  # Recover is the default: Enter keeps the work
                recovery.discard_recovery(found.original)
                continue
            try:
                project = load_project(found.file)
            except (ProjectFileError, OSError) as exc:
                self.window.show_error("Cannot recover", str(exc))
                continue
            self.doc.reset(project, found.original)
            self._watch(found.original)
            # The recovered work is not saved yet: mark it modified by leaving the clean state.
            self.doc.undo_stack.resetClean()
            return True
        return False

    # ------------------------------------------------------------------ changes by other programs

    def _watch(self, path: Path | None) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if path is not None and path.exists():
            self.watcher.addPath(str(path))
        self._disk_digest = _digest(path) if path else None
        self._gone_noticed = False

    def _changed_on_disk(self, name: str) -> None:
        if self.doc.path is None or Path(name).resolve() != self.doc.path.resolve():
            return
        self.settle_timer.start()  # (again: the file is read once the other program is done with it)

    def _check_disk(self) -> None:
        """The file changed on disk and has settled: ask once whether to reload it, or say it is gone."""
        path = self.doc.path
        if path is None:
            return
        if self._asking:  # a question about this file is open: its answer covers this change too
            return
        if path.exists() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # editors that replace files drop the watch
        digest = _digest(path)
        if digest is None:
            if not path.exists():
                self._file_gone(path)
            return
        self._gone_noticed = False
        if digest == self._disk_digest:
            return
        self._disk_digest = digest
        extra = " Your unsaved changes would be lost." if self.doc.modified else ""
        self._asking = True
        try:
            reload = self.window.confirm("File changed on disk",
                                         f"{path.name} was changed by another program. Reload it?{extra}")
        finally:
            self._asking = False
        self.settle_timer.stop()  # changes made while the question was open were part of the same one
        if reload:
            error = self.open_path(path)
            if error:
                self.window.show_error("Cannot reload", error)
        else:
            self._disk_digest = _digest(path)  # what is there now is what the user chose not to load

    def _file_gone(self, path: Path) -> None:
        """The open project's file was deleted or renamed away: the plan stays open, unsaved; Save writes it anew."""
        if self._gone_noticed:
            return
        self._gone_noticed = True
        self._disk_digest = None
        # Nothing of the plan is on disk any more: leave the clean state so the title, Save and closing say so.
        self.doc.undo_stack.resetClean()
        text = (f"{path.name} was deleted or moved by another program. The plan is still open here, with "
                f"nothing of it on disk: Save writes it to {path} again, Save As somewhere else.")
        self.window.statusBar().showMessage(f"{path.name} is gone from disk: the plan is not saved", 0)
        self.window.show_notice("Project file gone", text)
