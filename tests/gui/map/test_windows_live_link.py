"""The filming-window finder asked for a live link, as a planner asks: the network picked on its list, the windows
found lie where the station sees a relay of that network, and the activity added from one needs that link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner import intervals
from planner.model import Need, NeedKind

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def _pick(combo, text):
    combo.showPopup()
    view = combo.view()
    index = view.model().index(combo.findText(text), 0)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert combo.currentText() == text


def test_windows_with_a_us_link_lie_where_a_tdrs_sees_the_station(window, monkeypatch, click_text):
    from planner.orbit import coverage

    east = tuple(r for r in coverage.relays() if r.id == "tdrs-41w")  # as if the other two were out of service
    monkeypatch.setattr(coverage, "_catalogue", lambda: east)
    dialog = window.map_panel.open_windows_dialog()
    dialog.end_edit.set_utc(dialog.start_edit.utc() + timedelta(days=1))
    _pick(dialog.link_combo, "US (TDRS)")
    click_text(dialog, "Find Windows")
    assert dialog.results
    t0, t1 = dialog.start_edit.utc().timestamp(), dialog.end_edit.utc().timestamp()
    seen = coverage.relays_in_view_within(window.map_panel.orbit, east, [[t0, t1]])[0]
    found = intervals.normalise([(w.start, w.end) for w in dialog.results])
    assert len(found) == len(seen) and abs(found - seen).max() < 1e-6  # the relay's views, nothing else
    assert dialog.label(0).startswith("#1 US link, ")
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    click_text(dialog, "Add as Activity")
    added = window.doc.project.activities[-1]
    assert Need(NeedKind.LIVE_LINK, network="us") in added.needs
    assert not [f for f in window.checker.findings if added.id in f.activities and f.rule == "activity-link"]
