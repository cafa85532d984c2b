"""The map's status line says the beta angle and the orbital night at the time shown, as planner.orbit.beta gives
them, following the slider; beyond the element set's reach it says there is no orbit data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.model.times import parse_utc


@pytest.fixture
def narrow(example_window, example_tab):
    """The map tab in a 1024x700 window."""
    return example_tab(example_window.map_panel, 1024, 700)


def _expected(orbit, t: float) -> str:
    """The readout as it should read, worked out here from the core: rounded to a tenth of a degree and a minute."""
    from planner.orbit.beta import beta_angle, night_length_s

    beta = float(beta_angle(orbit, t)[0])
    night = float(night_length_s(orbit, t, beta)[0])
    sign = "−" if f"{beta:.1f}".startswith("-") else ""
    return f"β {sign}{abs(beta):.1f}° · " + (f"night {night / 60:.0f} min" if night > 0 else "no night")


def test_the_status_line_reads_beta_and_the_night_and_follows_the_slider(narrow, tmp_path):
    from planner.orbit import Orbit

    panel = narrow.map_panel
    orbit = Orbit.from_sets(list(narrow.doc.project.element_sets))
    narrow.time_cursor.set_time(parse_utc("2021-12-14T06:00:00Z").timestamp())
    t = narrow.time_cursor.time()
    line = panel.status_label.text()
    assert line.endswith(" · " + _expected(orbit, t))
    assert " · β −74." in line and line.endswith("no night")  # mid-December 2021: no night at all
    # An hour later by the slider (Page Up): the readout follows, a new value from the core.
    QTest.keyClick(panel.slider, Qt.Key.Key_PageUp)
    assert narrow.time_cursor.time() == t + 3600.0
    assert panel.status_label.text().endswith(" · " + _expected(orbit, t + 3600.0))
    # A month earlier the station has nights again.
    narrow.time_cursor.set_time(parse_utc("2021-11-20T06:00:00Z").timestamp())
    line = panel.status_label.text()
    assert line.endswith(" · " + _expected(orbit, narrow.time_cursor.time())) and " min" in line
    # Shown whole at 1024 pixels, under the bars and above the map.
    label = panel.status_label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.geometry().bottom() <= panel.canvas.geometry().top()
    assert narrow.grab().save(str(tmp_path / "map-beta.png"))


def test_beyond_the_element_sets_reach_the_readout_makes_nothing_up(narrow):
    panel = narrow.map_panel
    narrow.time_cursor.set_time(parse_utc("2022-02-20T06:00:00Z").timestamp())  # 128 days from the set's epoch
    line = panel.status_label.text()
    assert line.endswith(" · β unknown (no orbit data)")
    assert "night" not in line
