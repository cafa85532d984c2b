"""Every edit is undoable, and undo/redo restore exactly what was there."""

import copy
import dataclasses

from planner.gui.commands import InsertItem, RemoveItem, ReplaceItem, SetPart
from planner.gui.document import ProjectDocument
from planner.model import GroundSite, Project, StationSettings


def _doc(qtbot):
    doc = ProjectDocument(Project(sites=[GroundSite("mcc", "Mission Control Moscow", 55.91, 37.81)]))
    return doc


def test_insert_remove_replace_undo_redo(qtbot):
    doc = _doc(qtbot)
    stack = doc.undo_stack
    start = copy.deepcopy(doc.project)
    with qtbot.waitSignal(doc.itemsChanged) as blocker:
        stack.push(InsertItem(doc, "sites", GroundSite("jsc", "Houston", 29.56, -95.09)))
    assert blocker.args == ["sites", ["jsc"]]
    stack.push(ReplaceItem(doc, "sites", "mcc", dataclasses.replace(doc.project.sites[0], name="Korolyov")))
    stack.push(RemoveItem(doc, "sites", "jsc"))
    assert [s.name for s in doc.project.sites] == ["Korolyov"]
    assert doc.modified
    for _ in range(3):
        stack.undo()
    assert doc.project == start
    assert not doc.modified
    for _ in range(3):
        stack.redo()
    assert [s.name for s in doc.project.sites] == ["Korolyov"]


def test_typing_merges_into_one_undo_step(qtbot):
    doc = _doc(qtbot)
    for name in ["K", "Ko", "Kor"]:
        site = dataclasses.replace(doc.project.sites[0], name=name)
        doc.undo_stack.push(ReplaceItem(doc, "sites", "mcc", site, merge_key="site-name"))
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.project.sites[0].name == "Mission Control Moscow"


def test_a_macro_is_one_step(qtbot):
    doc = _doc(qtbot)
    doc.undo_stack.beginMacro("Add two sites")
    doc.undo_stack.push(InsertItem(doc, "sites", GroundSite("a", "A", 0, 0)))
    doc.undo_stack.push(InsertItem(doc, "sites", GroundSite("b", "B", 0, 0)))
    doc.undo_stack.endMacro()
    doc.undo_stack.undo()
    assert [s.id for s in doc.project.sites] == ["mcc"]


def test_settings_change_is_undoable(qtbot):
    doc = _doc(qtbot)
    with qtbot.waitSignal(doc.partChanged):
        doc.undo_stack.push(SetPart(doc, "settings", StationSettings(headcount_limit=12)))
    assert doc.project.effective_settings.headcount_limit == 12
    doc.undo_stack.undo()
    assert doc.project.settings is None
    assert doc.project.effective_settings.headcount_limit == 13
