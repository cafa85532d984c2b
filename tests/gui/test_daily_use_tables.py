"""The record tables after an import: every column fits what it shows."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog


def _short_columns(view) -> list[str]:
    """Headers of the columns (all but the stretching last) narrower than their contents."""
    table, header = view.table, view.table.horizontalHeader()
    return [view.model.headerData(c, header.orientation()) for c in range(view.model.columnCount() - 1)
            if header.sectionSize(c) < table.sizeHintForColumn(c)]


def test_columns_fit_the_rows_an_import_brings(example_window, events_csv, qtbot, monkeypatch, tmp_path):
    window = example_window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.act_new.trigger()  # an empty plan: its tables were sized with no rows
    assert window.models["missions"].rowCount() == 0
    empty_widths = [window.views["missions"].table.columnWidth(c) for c in range(3)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(events_csv), ""))

    window.act_import_csv.trigger()

    assert window.models["missions"].rowCount() > 10
    for name in ("missions", "people"):
        view = window.views[name]
        qtbot.waitUntil(lambda view=view: not _short_columns(view), timeout=2000)
    # The launch and docking times did not fit the empty table's widths.
    assert [window.views["missions"].table.columnWidth(c) for c in range(3)] != empty_widths
    window.grab().save(str(tmp_path / "after-import.png"))


def test_a_width_the_user_chose_stays_when_a_row_is_added(example_window, qtbot):
    window = example_window
    window.show()
    qtbot.waitExposed(window)
    view = window.views["missions"]
    header = view.table.horizontalHeader()
    wide = header.sectionSize(0) + 120
    header.resizeSection(0, wide)  # as a drag of the header's edge does

    window.act_new_mission.trigger()

    qtbot.wait(50)
    assert header.sectionSize(0) == wide


def test_tables_filled_before_the_window_shows_fit_their_rows_once_shown(example_window, qtbot):
    """At start-up the project is opened before the window is shown: the tables are measured when they are."""
    window = example_window  # opened, never shown yet
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    for name, view in window.views.items():
        if view.isVisible() and view.model.rowCount():
            assert not _short_columns(view), name
