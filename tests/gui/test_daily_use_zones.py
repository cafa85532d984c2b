"""View > Show Times In as a user meets it (issue 14 item 13): every time the app shows follows the clock
chosen, and no column is cut short by the longer zone names."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from planner.gui.findings_model import message_in_zone

TIME_COLUMNS = {"missions": (2, 4, 5), "activities": (2, 3), "element_sets": (2,)}


def _choose(window, label: str) -> None:
    """View > Show Times In > ``label``, through the menus."""
    submenu = next(a.menu() for a in window.view_menu.actions() if a.text() == "Show Times In")
    next(a for a in submenu.actions() if a.text() == label).trigger()


@pytest.fixture
def shown(example_window, qtbot):
    example_window.resize(1280, 800)
    example_window.show()
    qtbot.waitExposed(example_window)
    return example_window


def _texts(window, collection: str, column: int) -> list[str]:
    table = window.views[collection].table
    return [table.model().index(row, column).data() for row in range(table.model().rowCount())]


def test_moscow_time_fits_every_table_column_and_reaches_the_clash_panel(shown):
    window = shown
    _choose(window, "Moscow (MSK)")
    QApplication.processEvents()
    for collection, columns in TIME_COLUMNS.items():
        table = window.views[collection].table
        for column in columns:
            texts = [t for t in _texts(window, collection, column) if t]
            assert texts and all(t.endswith(" MSK") for t in texts), (collection, column)
            # Not cut short: the column is as wide as its texts ask (MSK is wider than UTC).
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), (collection, column)
    # The clash panel: the time window and the times inside the sentence.
    panel = window.clash_panel
    assert panel.model.rowCount()
    for row in range(panel.model.rowCount()):
        sentence, when = panel.model.index(row, 0).data(), panel.model.index(row, 1).data()
        assert "UTC" not in sentence and "UTC" not in when and when.endswith("MSK"), (sentence, when)
    spacing = next(r for r in range(panel.model.rowCount()) if "CRS-24" in panel.model.index(r, 0).data())
    assert "CRS-24 docking (2021-12-22 11:41 MSK)" in panel.model.index(spacing, 0).data()  # 08:41 UTC
    panel.select_row(spacing)
    assert "11:41 MSK" in panel.detail.text()
    # And back: View > Show Times In > UTC.
    _choose(window, "UTC")
    assert "CRS-24 docking (2021-12-22 08:41 UTC)" in panel.model.index(spacing, 0).data()
    assert "08:41 UTC" in panel.detail.text()
    assert [a.text() for a in window.zone_actions if a.isChecked()] == ["UTC"]


def test_the_settings_dialog_choice_checks_the_menu_too(shown):
    shown.set_display_zone("America/Chicago")
    assert [a.text() for a in shown.zone_actions if a.isChecked()] == ["Houston (CT)"]
    assert _texts(shown, "activities", 2)[0].endswith(" CDT")


def test_times_in_sentences_are_converted_and_nothing_else_is():
    text = "MS-18 undocking (2021-10-17 01:14:00 UTC) 14 h after 2021-10-16 11:00 UTC; port rassvet-nadir, 24 h UTC"
    assert message_in_zone(text, "Europe/Moscow") == (
        "MS-18 undocking (2021-10-17 04:14:00 MSK) 14 h after 2021-10-16 14:00 MSK; port rassvet-nadir, 24 h UTC")
    assert message_in_zone(text, "UTC") == text
