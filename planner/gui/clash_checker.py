"""Live checking: the rules engine kept current on every edit of the document.

The engine is this module's own: views read the findings here and the station state from :attr:`station`.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from planner.gui.document import ProjectDocument
from planner.gui.station_state import StationState
from planner.rules import Finding, RuleEngine
from planner.rules.orbit_link import orbit_conditions

_log = logging.getLogger(__name__)

# Edits to these lists change what the engine derives as a whole (orbit, sites, the crew's day): rebuild it.
_REBUILD_COLLECTIONS = {"sites", "element_sets", "sleep_shifts"}


class ClashChecker(QObject):
    """Owns a :class:`RuleEngine` for the document and re-checks incrementally after each edit.

    After every check the engine's station timeline is published to :attr:`station` (its ``changed``
    signal first), then ``findingsChanged`` is emitted.

    A check that fails (an error inside the rules) is never shown as a clean plan: :attr:`error` says what went
    wrong in one sentence, the findings kept are those of the last check that worked, and ``findingsChanged``
    is emitted so the views say the results are not current. The next edit checks the whole plan again."""

    findingsChanged = Signal()

    def __init__(self, doc: ProjectDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.engine: RuleEngine | None = None
        self.station = StationState(parent=self)
        self.findings: list[Finding] = []
        self._counts = (0, 0)
        self.error = ""  # why the last check failed ('' when it worked)
        self.last_check_ms = 0.0
        doc.itemsChanged.connect(self._items_changed)
        doc.partChanged.connect(lambda _part: self.rebuild())
        doc.projectReset.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """Check the whole project again (after open, or a change of settings, sites or element sets)."""
        started = time.perf_counter()
        try:
            self.engine = RuleEngine(self.doc.project, orbit_conditions(self.doc.project))
            self._publish(started)
        except Exception as exc:  # noqa: BLE001 (any error of the rules is shown as a failed check)
            self._failed(exc)
            return
        QTimer.singleShot(0, self._prepare)

    def _prepare(self) -> None:
        # While the app is idle after a full check: what the first edit would otherwise build.
        if self.engine is not None:
            try:
                self.engine.prepare_for_edits()
            except Exception as exc:  # noqa: BLE001
                self._failed(exc)

    def _items_changed(self, collection: str, ids: list) -> None:
        if collection in _REBUILD_COLLECTIONS or self.engine is None:
            self.rebuild()  # (also after a failed check: an engine that stopped half-way is not trusted)
            return
        started = time.perf_counter()
        try:
            self.engine.changed(collection, *ids)
            self._publish(started)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)

    def _publish(self, started: float) -> None:
        self.findings = self.engine.findings()
        self._counts = self.engine.counts()
        self.last_check_ms = (time.perf_counter() - started) * 1000
        self.error = ""
        self.station.publish(self.engine.timeline)
        self.findingsChanged.emit()

    def _failed(self, exc: Exception) -> None:
        _log.error("The check of the plan failed", exc_info=exc)
        self.engine = None
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        self.error = (f"The check stopped with an error in the rules ({type(exc).__name__}"
                      f"{': ' + detail if detail else ''}).")
        self.findingsChanged.emit()

    def with_fixes(self, finding: Finding) -> Finding:
        """The finding with its suggested fixes (worked out now, from the current plan)."""
        return self.engine.with_fixes(finding) if self.engine else finding

    def counts(self) -> tuple[int, int]:
        """(conflicts, warnings)."""
        return self._counts
