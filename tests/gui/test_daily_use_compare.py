"""File > Compare With…: a planner compares the plan in the window with a colleague's copy, reads what differs and the
findings each has, sees the changed missions and activities marked on the timeline, and clears the marks."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QTreeWidgetItemIterator

from planner.gui.timeline.layers.changes import CHANGED
from planner.resources import example_project_path
from planner.store import load_project, save_project


@pytest.fixture
def theirs(tmp_path):
    """A colleague's copy of the example: Soyuz MS-19 docks 3 h later, CRS-24 two days later (which clears the
    example's spacing warning), a shoot renamed, Yozo Hirano gone from the plan."""
    plan = load_project(example_project_path())
    plan.mission("soyuz-ms-19").events[1].utc += timedelta(hours=3)
    plan.mission("crs-24").events[1].utc += timedelta(days=2)
    next(a for a in plan.activities if a.id == "act-05").title = "Scene: the spacewalk"
    plan.people = [p for p in plan.people if p.id != "yozo-hirano"]
    for event in plan.mission("soyuz-ms-20").events:
        event.crew = tuple(c for c in event.crew if c != "yozo-hirano")
    path = tmp_path / "colleague.issplan"
    save_project(plan, path)
    return path


@pytest.fixture
def chosen_file(monkeypatch):
    """The file the Open dialog answers with (``chosen_file.answer``); ``chosen_file.asked`` lists the titles."""

    class Chosen:
        answer = ""
        asked: list = []

    def ask(_parent, title, _start="", _filter="", *args, **kwargs):
        Chosen.asked.append(title)
        return str(Chosen.answer), ""

    Chosen.asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(ask))
    return Chosen


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def _rows(tree) -> list[tuple[int, str, str, str]]:
    """(depth, the three columns) of every row of the tree."""
    out = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        item, depth, parent = it.value(), 0, it.value().parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        out.append((depth, item.text(0), item.text(1), item.text(2)))
        it += 1
    return out


def _violet_pixels(canvas) -> int:
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, image.bytesPerLine() // 4, 4)[:, :width]
    blue, green, red = (pixels[..., k].astype(int) for k in range(3))
    return int(np.count_nonzero((abs(red - CHANGED.red()) < 12) & (abs(green - CHANGED.green()) < 12)
                                & (abs(blue - CHANGED.blue()) < 12)))


def test_compare_with_a_colleagues_copy(active_example, theirs, chosen_file, qtbot, click_text):
    window = active_example
    menu = window.file_menu
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts.index("Compare With…") == texts.index("Open Recent") + 1
    canvas = window.timeline_view.canvas
    window.central_tabs.setCurrentWidget(window.timeline_view)
    qtbot.wait(50)
    before = _violet_pixels(canvas)

    chosen_file.answer = theirs
    _action(menu, "Compare With…").trigger()
    assert chosen_file.asked == ["Compare With"]
    dialog = window.compare_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Compare With colleague.issplan"
    rows = _rows(dialog.tree)
    assert (1, "event dock of Soyuz MS-19 (soyuz-ms-19)", "", "") in rows
    assert (2, "time (UTC)", "2021-10-05T12:22:31Z", "2021-10-05T15:22:31Z") in rows
    assert (1, "person Yozo Hirano (yozo-hirano)", "only here", "—") in rows
    # a crew's change is said in its field's row, whatever the columns' widths cut off
    assert (2, "crew (without Yozo Hirano)", "Alexander Misurkin, Yusaku Maezawa, Yozo Hirano",
            "Alexander Misurkin, Yusaku Maezawa") in rows
    assert (2, "title", "Surgery scene, part 1", "Scene: the spacewalk") in rows
    # the findings each side alone has: the spacing warning of CRS-24's docking is only in this plan
    here = rows.index((0, "Findings only in this plan (1)", "", ""))
    assert rows[here + 1][1].startswith("warning [spacing] CRS-24 docking (2021-12-22 08:41 UTC)")
    assert (0, "Findings only in colleague.issplan (0)", "", "") in rows
    assert "2 records and 6 events differ" in dialog.summary.text()

    # the changed missions and activities of this plan are marked on the timeline, in front
    assert window.central_tabs.currentWidget() is window.timeline_view
    assert canvas.state.changed.missions == {"soyuz-ms-19", "soyuz-ms-20", "crs-24"}
    assert canvas.state.changed.activities == {"act-05"}
    assert dialog.legend.text().startswith("3 missions and 1 activity of this plan that differ are marked on the")
    qtbot.wait(50)
    marked = _violet_pixels(canvas)
    assert marked > before + 200  # the edges of three stays at least

    click_text(dialog, "Clear Marks")
    assert canvas.state.changed is None
    qtbot.wait(50)
    assert _violet_pixels(canvas) == before
    assert window.doc.undo_stack.count() == 0  # comparing changes nothing in the plan


def test_closing_the_dialog_clears_the_marks(active_example, theirs, chosen_file, qtbot, click_text):
    window = active_example
    chosen_file.answer = theirs
    _action(window.file_menu, "Compare With…").trigger()
    dialog = window.compare_dialog
    canvas = window.timeline_view.canvas
    assert canvas.state.changed
    click_text(dialog, "Close")
    qtbot.waitUntil(lambda: canvas.state.changed is None)


def test_picking_a_changed_mission_selects_it(active_example, theirs, chosen_file, qtbot):
    window = active_example
    chosen_file.answer = theirs
    _action(window.file_menu, "Compare With…").trigger()
    tree = window.compare_dialog.tree
    it = QTreeWidgetItemIterator(tree)
    while it.value() and it.value().text(0) != "event dock of CRS-24 (crs-24)":
        it += 1
    tree.setCurrentItem(it.value())
    assert window.views["missions"].selected_ids() == ["crs-24"]


def test_a_file_that_cannot_be_read_changes_nothing(active_example, chosen_file, tmp_path):
    window = active_example
    bad = tmp_path / "broken.issplan"
    bad.write_text('{"format": "iss-visit-planner", "schema_version": 1, "people": [{"id": "x"}]}')
    chosen_file.answer = bad
    _action(window.file_menu, "Compare With…").trigger()
    [(title, text)] = window.errors
    assert title == "Compare With"
    assert text.startswith(f"cannot load {bad}") and "people[0]" in text and "'name' is missing" in text
    assert getattr(window, "compare_dialog", None) is None
    assert window.timeline_view.canvas.state.changed is None


def test_cancelling_the_file_dialog_does_nothing(active_example, chosen_file):
    window = active_example
    chosen_file.answer = ""
    _action(window.file_menu, "Compare With…").trigger()
    assert getattr(window, "compare_dialog", None) is None and not getattr(window, "errors", [])


def test_an_edit_meanwhile_is_said_and_compare_again_compares_anew(active_example, theirs, chosen_file, qtbot,
                                                                   click_text):
    from planner.gui.commands import ReplaceItem

    window = active_example
    chosen_file.answer = theirs
    _action(window.file_menu, "Compare With…").trigger()
    first = window.compare_dialog
    # the planner makes the colleague's rename here too
    shoot = next(a for a in window.doc.project.activities if a.id == "act-05")
    window.doc.undo_stack.push(ReplaceItem(window.doc, "activities", "act-05",
                                           replace(shoot, title="Scene: the spacewalk")))
    assert first.summary.text().endswith("This plan has been edited since: Compare Again compares it as it is now.")
    click_text(first, "Compare Again")
    second = window.compare_dialog
    assert second is not first
    assert not any(row[1] == "title" for row in _rows(second.tree))
    assert window.timeline_view.canvas.state.changed.activities == frozenset()
    assert window.timeline_view.canvas.state.changed.missions == {"soyuz-ms-19", "soyuz-ms-20", "crs-24"}
