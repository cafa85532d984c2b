"""Live checking: the rules engine kept current on every edit of the document.

The engine is this module's own: views read the findings here and the station state from :attr:`station`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from planner.gui.document import ProjectDocument
from planner.gui.station_state import StationState
from planner.rules import Finding, RuleEngine
from planner.rules.orbit_link import orbit_conditions

# Edits to these lists change what the engine derives as a whole (orbit, sites): rebuild it.
_REBUILD_COLLECTIONS = {"sites", "element_sets"}


class ClashChecker(QObject):
    """Owns a :class:`RuleEngine` for the document and re-checks incrementally after each edit.

    After every check the engine's station timeline is published to :attr:`station` (its ``changed``
    signal first), then ``findingsChanged`` is emitted."""

    findingsChanged = Signal()

    def __init__(self, doc: ProjectDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.engine: RuleEngine | None = None
        self.station = StationState(parent=self)
        self.findings: list[Finding] = []
        self.last_check_ms = 0.0
        doc.itemsChanged.connect(self._items_changed)
        doc.partChanged.connect(lambda _part: self.rebuild())
        doc.projectReset.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        """Check the whole project again (after open, or a change of settings, sites or element sets)."""
        started = time.perf_counter()
        self.engine = RuleEngine(self.doc.project, orbit_conditions(self.doc.project))
        self._publish(started)
        QTimer.singleShot(0, self._prepare)

    def _prepare(self) -> None:
        # While the app is idle after a full check: what the first edit would otherwise build.
        if self.engine is not None:
            self.engine.prepare_for_edits()

    def _items_changed(self, collection: str, ids: list) -> None:
        if collection in _REBUILD_COLLECTIONS or self.engine is None:
            self.rebuild()
            return
        started = time.perf_counter()
        self.engine.changed(collection, *ids)
        self._publish(started)

    def _publish(self, started: float) -> None:
        self.findings = self.engine.findings()
        self._counts = self.engine.counts()
        self.last_check_ms = (time.perf_counter() - started) * 1000
        self.station.publish(self.engine.timeline)
        self.findingsChanged.emit()

    def with_fixes(self, finding: Finding) -> Finding:
        """The finding with its suggested fixes (worked out now, from the current plan)."""
        return self.engine.with_fixes(finding) if self.engine else finding

    def counts(self) -> tuple[int, int]:
        """(conflicts, warnings)."""
        return self._counts
