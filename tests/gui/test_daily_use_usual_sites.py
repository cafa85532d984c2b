"""A new project gets the usual ground sites (Houston, Moscow, Munich, Tsukuba, Huntsville) in one click and one undo
step; a plan that has some of them gets only the others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from planner.gui.commands import InsertItem
from planner.gui.main_window import MainWindow
from planner.model import GroundSite

USUAL = ["jsc-houston", "mcc-moscow", "colcc-munich", "tksc-tsukuba", "poic-huntsville"]


def _shown(window: MainWindow, qtbot) -> MainWindow:
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.docks["sites"].raise_()
    return window


def click(window: MainWindow, qtbot, text: str) -> None:
    """Click the visible button reading ``text``, as a person does."""
    buttons = [b for b in window.findChildren(QAbstractButton) if b.text() == text and b.isVisible()]
    assert len(buttons) == 1, [b.text() for b in window.findChildren(QAbstractButton)]
    assert buttons[0].isEnabled()
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


@pytest.fixture
def new_window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.files.new_project()
    return _shown(window, qtbot)


def test_a_new_project_gets_the_usual_sites_in_one_click_and_one_undo_step(new_window, qtbot):
    window = new_window
    stack = window.doc.undo_stack
    click(window, qtbot, "Add Usual Ground Sites")
    sites = window.doc.project.sites
    assert [s.id for s in sites] == USUAL
    assert [s.name for s in sites] == ["Houston (JSC, MCC-H)", "Moscow (TsUP, Korolyov)",
                                       "Munich (Col-CC, Oberpfaffenhofen)", "Tsukuba (TKSC, JAXA)",
                                       "Huntsville (Marshall, POIC)"]
    assert all("Where the coordinates come from:" in s.note for s in sites)  # the source travels with the site
    assert stack.count() == 1 and stack.undoText().startswith("Add usual ground sites (Houston, Moscow, Munich")
    # Shown where the user can see them: the table selects them, the map draws them.
    assert window.views["sites"].selected_ids() == USUAL
    assert [s.id for s in window.map_panel.renderer.sites] == USUAL
    # Nothing left to add: the button says so and does nothing.
    action = window.act_usual_sites
    assert not action.isEnabled() and "has the usual ground sites" in action.toolTip()
    stack.undo()
    assert window.doc.project.sites == [] and action.isEnabled()
    stack.redo()
    assert [s.id for s in window.doc.project.sites] == USUAL


def test_sites_already_in_the_plan_are_not_added_twice(example_window, qtbot):
    window = _shown(example_window, qtbot)
    before = [s.id for s in window.doc.project.sites]
    assert {"mcc-moscow", "jsc-houston"} <= set(before)
    # (worked out once the button is on screen)
    qtbot.waitUntil(lambda: "Add Munich, Tsukuba, Huntsville " in window.act_usual_sites.toolTip())
    click(window, qtbot, "Add Usual Ground Sites")
    assert [s.id for s in window.doc.project.sites] == before + ["colcc-munich", "tksc-tsukuba", "poic-huntsville"]
    assert window.doc.undo_stack.count() == 1


def test_a_centre_the_plan_has_under_another_name_counts_as_there(new_window, qtbot):
    window = new_window
    doc = window.doc
    # The user's own Munich entry, 3 km from the catalogue's, and a site that is nowhere near a usual one.
    doc.undo_stack.push(InsertItem(doc, "sites", GroundSite("gsoc", "GSOC Oberpfaffenhofen", 48.06, 11.26)))
    doc.undo_stack.push(InsertItem(doc, "sites", GroundSite("baikonur", "Baikonur", 45.96, 63.31)))
    click(window, qtbot, "Add Usual Ground Sites")
    assert [s.id for s in doc.project.sites] == ["gsoc", "baikonur", "jsc-houston", "mcc-moscow", "tksc-tsukuba",
                                                 "poic-huntsville"]


def test_the_edit_menu_offers_it_after_new_ground_site(new_window):
    actions = new_window.edit_menu.actions()
    assert actions[actions.index(new_window.act_new_site) + 1] is new_window.act_usual_sites
    new_window.act_usual_sites.trigger()
    assert len(new_window.doc.project.sites) == 5
