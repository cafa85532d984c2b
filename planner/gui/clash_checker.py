"""Live checking: the rules engine kept current on every edit of the document.

A full check (after open, or a change of settings, sites or element sets) runs on a worker thread, started once the
event loop is back (a window opening is built and shown first), so that a window opens, and stays usable, while a
big plan is checked; an edit is then re-checked at once, on the GUI thread, by the engine that check built. The engine is this module's own: views read the findings here and the
station state from :attr:`station`.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from planner.gui.document import ProjectDocument
from planner.gui.station_state import StationState

_log = logging.getLogger(__name__)

# Edits to these lists change what the engine derives as a whole (orbit, sites, the crew's day): rebuild it.
_REBUILD_COLLECTIONS = {"sites", "element_sets", "sleep_shifts"}


class _FullCheck(QObject):
    """One full check of a project on a worker thread; ``done`` is emitted (from that thread) when it ends.

    The project is only read: the document settles the check (waits for it) before any edit changes it."""

    done = Signal(object)  # this check

    def __init__(self, project):
        super().__init__()
        self.project = project
        self.engine = None
        self.error: Exception | None = None
        self.started = time.perf_counter()
        self.dropped = False  # a newer check replaced it before it started: it never starts
        self.thread = threading.Thread(target=self._run, name="planner full check")

    def start(self) -> None:
        """Start the check (again, or once dropped: nothing)."""
        if self.thread.ident is None and not self.dropped:
            self.thread.start()

    def wait(self) -> None:
        """Start the check if it has not started, and wait for it to end."""
        self.start()
        self.thread.join()

    def _run(self) -> None:
        try:
            from planner.rules import RuleEngine
            from planner.rules.orbit_link import orbit_conditions

            engine = RuleEngine(self.project, orbit_conditions(self.project))
            engine.prepare_for_edits()  # what the first edit would otherwise build
            self.engine = engine
        except Exception as exc:  # noqa: BLE001 (any error of the rules is shown as a failed check)
            self.error = exc
        self.done.emit(self)


class ClashChecker(QObject):
    """Owns a :class:`~planner.rules.RuleEngine` for the document and re-checks incrementally after each edit.

    :attr:`checking` is true while a full check runs; :attr:`findings`, :meth:`counts` and :attr:`error` are
    then those of the last check that finished. When a check finishes, the engine's station timeline is
    published to :attr:`station` (its ``changed`` signal first), then ``findingsChanged`` is emitted.
    :meth:`settle` waits for a running check and publishes it at once (before an edit, or to read the engine).

    A check that fails (an error inside the rules) is never shown as a clean plan: :attr:`error` says what went
    wrong in one sentence, the findings kept are those of the last check that worked, and ``findingsChanged``
    is emitted so the views say the results are not current. The next edit checks the whole plan again."""

    findingsChanged = Signal()
    #: a full check started (the views may say "Checking…" until ``findingsChanged``)
    checkStarted = Signal()

    def __init__(self, doc: ProjectDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._engine = None
        self._running: _FullCheck | None = None
        self._dropped: list[_FullCheck] = []  # older checks still running (kept here until they end)
        self.station = StationState(parent=self)
        self.findings: list = []
        self._counts = (0, 0)
        self.error = ""  # why the last check failed ('' when it worked)
        self.last_check_ms = 0.0
        doc.aboutToEdit.connect(self.settle)
        doc.itemsChanged.connect(self._items_changed)
        doc.partChanged.connect(lambda _part: self.rebuild())
        doc.projectReset.connect(self.rebuild)
        self.rebuild()

    @property
    def checking(self) -> bool:
        """True while a full check runs on its worker thread."""
        return self._running is not None

    @property
    def engine(self):
        """The rules engine of the current plan (waits for a running full check); None after a failed check."""
        self.settle()
        return self._engine

    def rebuild(self) -> None:
        """Check the whole project again, on a worker thread (after open, or a change of settings, sites or
        element sets). A check still running for an older state of the plan is waited for and dropped."""
        self._drop_running()
        check = _FullCheck(self.doc.project)
        check.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._running = check
        QTimer.singleShot(0, check, check.start)  # when the event loop is back: a window opening is shown first
        self.checkStarted.emit()

    def settle(self) -> None:
        """Wait for a running full check and publish its result now."""
        check = self._running
        if check is not None:
            check.wait()
            self._finished(check)

    def _drop_running(self) -> None:
        # Only ever for a check of another project object (a reset), or one already settled before an edit:
        # what it reads does not change under it. Its result is ignored; one not started yet never starts.
        check, self._running = self._running, None
        if check is None:
            return
        check.dropped = True
        if check.thread.ident is not None:
            self._dropped.append(check)

    def shut_down(self) -> None:
        """Wait for every check still running (the window is closing); one not started yet never starts."""
        for check in [*self._dropped, *([self._running] if self._running else [])]:
            if check.thread.ident is not None:
                check.thread.join()
        self._dropped.clear()
        self._running = None

    def _finished(self, check: _FullCheck) -> None:
        if check is not self._running:
            if check in self._dropped:
                self._dropped.remove(check)
            return  # dropped, or already published by settle()
        self._running = None
        if check.error is not None:
            self._failed(check.error)
            return
        self._engine = check.engine
        self._publish(check.started)

    def _items_changed(self, collection: str, ids: list) -> None:
        if collection in _REBUILD_COLLECTIONS or self._engine is None:
            self.rebuild()  # (also after a failed check: an engine that stopped half-way is not trusted)
            return
        started = time.perf_counter()
        try:
            self._engine.changed(collection, *ids)
            self._publish(started)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)

    def _publish(self, started: float) -> None:
        self.findings = self._engine.findings()
        self._counts = self._engine.counts()
        self.last_check_ms = (time.perf_counter() - started) * 1000
        self.error = ""
        self.station.publish(self._engine.timeline)
        self.findingsChanged.emit()

    def _failed(self, exc: Exception) -> None:
        _log.error("The check of the plan failed", exc_info=exc)
        self._engine = None
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        self.error = (f"The check stopped with an error in the rules ({type(exc).__name__}"
                      f"{': ' + detail if detail else ''}).")
        self.findingsChanged.emit()

    def with_fixes(self, finding):
        """The finding with its suggested fixes (worked out now, from the current plan)."""
        engine = self.engine
        return engine.with_fixes(finding) if engine else finding

    def counts(self) -> tuple[int, int]:
        """(conflicts, warnings) of the last check that finished."""
        return self._counts
