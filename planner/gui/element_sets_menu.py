"""The Element Sets menu (Import Element Sets…, Update From Source…) and the notice that offers an update.

The notice appears above the views when the rules say part of the plan cannot be judged because it lies too far
from every element set (the activity rules' element-set age, a landing's opportunities), and a set downloaded now
could judge it: what cannot be judged ends no earlier than the element-set age before today. A plan of past
years is not offered today's set, which would not help it. The notice's button opens Update From Source…;
nothing is downloaded unless the user asks. Dismissed, the notice stays away until what cannot be judged changes.
"""

from __future__ import annotations

import time

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

from planner.gui.notice_bar import NoticeBar

UPDATE_TEXT = "Update From &Source…"
NOTICE_BUTTON = "Update Element Sets…"
NOTICE_TITLE = "Element sets too old"
_FAR_WORDS = ("from the nearest element set", "the project has no element set")


def install(window) -> None:
    """Add the Element Sets menu before View (moving Import Element Sets… there from the File menu) and the
    notice bar under the window's own."""
    from planner.gui.element_update import open_update

    menu = QMenu("Element &Sets", window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), menu)
    importing = getattr(window, "act_import_elements", None)
    if importing is not None:
        window.file_menu.removeAction(importing)
        menu.addAction(importing)
    update = QAction(UPDATE_TEXT, window)
    update.setStatusTip("Download the station's current element set (CelesTrak's by default) and add it to the "
                        "plan, as one step to undo")
    update.triggered.connect(lambda *_: open_update(window))
    menu.addAction(update)
    window.element_sets_menu, window.act_update_elements = menu, update
    window.element_notice = ElementNotice(window)


def not_judged(findings) -> list:
    """The findings saying something cannot be judged for want of a near element set."""
    if not findings:
        return []  # (before the first check: the rules load on its worker thread, not while the window opens)
    from planner.rules.activities import ELEMENT_AGE
    from planner.rules.landing_rule import LANDING

    return [f for f in findings if f.rule == ELEMENT_AGE
            or (f.rule == LANDING and "cannot be judged" in f.message and any(w in f.message for w in _FAR_WORDS))]


def now() -> float:
    """The clock, in UTC epoch seconds (tests set it)."""
    return time.time()


class ElementNotice:
    """The notice bar offering Update From Source… while the plan reaches beyond its element sets' age."""

    def __init__(self, window):
        from planner.gui.element_update import open_update

        self.window = window
        self.bar = NoticeBar(window)
        self.bar.setObjectName("elementsNoticeBar")  # its own bar: the file notices keep theirs
        self.bar.setStyleSheet(self.bar.styleSheet().replace("#noticeBar", "#elementsNoticeBar"))
        self.button = QToolButton(self.bar)
        self.button.setText(NOTICE_BUTTON)
        self.button.setToolTip("Download the station's current element set (you choose the source)")
        self.button.clicked.connect(lambda: open_update(window))
        layout = self.bar.layout()
        layout.insertWidget(layout.count() - 1, self.button)
        column = window.centralWidget().layout()
        column.insertWidget(column.indexOf(window.notice) + 1, self.bar)
        self.bar.close_button.clicked.connect(self._dismissed)
        self._shown_for: frozenset = frozenset()
        self._dismissed_for: frozenset | None = None
        window.checker.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show, update or hide the notice after a check."""
        limit = self.window.doc.project.effective_settings.element_set_max_age_days
        cutoff = now() - limit * 86400.0
        found = [f for f in not_judged(self.window.checker.findings) if _last(f) >= cutoff]
        keys = frozenset((f.rule, f.start, f.end, f.activities, f.vehicles) for f in found)
        self._shown_for = keys
        if not found or keys == self._dismissed_for:
            if self.bar.title == NOTICE_TITLE:
                self.bar.dismiss()
            return
        self._dismissed_for = None
        count = len(found)
        what = "1 activity or landing" if count == 1 else f"{count} activities and landings"
        newest = max((s.epoch for s in self.window.doc.project.element_sets), default=None)
        which = f"the newest element set (epoch {newest:%Y-%m-%d})" if newest else "any element set: the plan has none"
        self.bar.show_notice(NOTICE_TITLE, f"the rules cannot judge {what} of the plan, more than {limit:g} days "
                             f"from {which}. A current element set may help.")

    def text(self) -> str:
        """What the notice says ('' when hidden)."""
        return self.bar.text()

    def _dismissed(self) -> None:
        self._dismissed_for = self._shown_for


def _last(finding) -> float:
    return finding.end if finding.end != float("inf") else finding.start
