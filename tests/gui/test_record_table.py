"""The record tables are proper Qt models: checked by Qt's own model tester while the project is edited."""

from __future__ import annotations

import copy

import pytest

from planner.gui.columns import mission_columns
from planner.gui.commands import InsertItem, RemoveItem, ReplaceItem
from planner.gui.document import ProjectDocument
from planner.gui.record_table import ID_ROLE, RecordTableModel, filtered
from planner.traffic import read_traffic_csv


def _doc(data_dir):
    return ProjectDocument(read_traffic_csv(data_dir / "iss-traffic-2021h2.csv"))


@pytest.mark.parametrize("through_proxy", [False, True])
def test_model_passes_qt_model_tester_through_edits_undo_and_reset(qtmodeltester, data_dir, through_proxy):
    doc = _doc(data_dir)
    model = RecordTableModel(doc, "missions", mission_columns(lambda: doc.project, lambda: "UTC"))
    proxy = filtered(model)
    proxy.sort(2)
    qtmodeltester.check(proxy if through_proxy else model, force_py=True)
    clone = copy.deepcopy(doc.project.missions[3])
    clone.id, clone.name = "copy", "Copy"
    doc.undo_stack.push(InsertItem(doc, "missions", clone, index=0))
    doc.undo_stack.push(RemoveItem(doc, "missions", "crew-2"))
    renamed = copy.deepcopy(doc.project.mission("soyuz-ms-19"))
    renamed.name = "Soyuz MS-19 Yenisei"
    doc.undo_stack.push(ReplaceItem(doc, "missions", "soyuz-ms-19", renamed))
    assert model.rowCount() == len(doc.project.missions) == 15
    assert model.index(0, 0).data() == "Copy" and model.index(0, 0).data(ID_ROLE) == "copy"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.reset(read_traffic_csv(data_dir / "iss-traffic-2021h2.csv"), None)
    assert model.rowCount() == 15


def test_sorting_by_time_and_filtering_by_text(data_dir):
    doc = _doc(data_dir)
    model = RecordTableModel(doc, "missions", mission_columns(lambda: doc.project, lambda: "UTC"))
    proxy = filtered(model)
    proxy.sort(4)  # arrival
    arrivals = [proxy.index(r, 4).data() for r in range(proxy.rowCount())]
    assert arrivals == sorted(arrivals)
    proxy.setFilterFixedString("soyuz")
    assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} == {"Soyuz MS-18", "Soyuz MS-19", "Soyuz MS-20"}
