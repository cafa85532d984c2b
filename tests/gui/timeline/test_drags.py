"""Dragging on the timeline as a user does: each drag is one undo step, findings follow while dragging."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPointF

from planner.gui.timeline.scale import snap_step
from planner.model import EventKind
from planner.model.times import parse_utc


def _t(text):
    return parse_utc(text).timestamp()


def _show_december(canvas):
    canvas.show_window(_t("2021-12-01T00:00:00Z"), _t("2021-12-25T00:00:00Z"), margin=0.0)


def test_drag_a_stay_later_moves_all_its_events_in_one_undo_step(window, canvas, mouse, lane_y):
    _show_december(canvas)
    before = window.doc.project.mission("soyuz-ms-20")
    start, end = _t("2021-12-08T13:40:42Z"), _t("2021-12-19T23:50:25Z")
    x = canvas.scale.x((start + end) / 2)
    y = lane_y(canvas, "port:poisk-zenith")
    steps = window.doc.undo_stack.count()
    mouse(canvas, "press", QPointF(x, y))
    assert window.views["missions"].selected_ids() == ["soyuz-ms-20"]  # clicking selects
    for dx in (10, 30, 60):
        mouse(canvas, "move", QPointF(x + dx, y))
    mouse(canvas, "release", QPointF(x + 60, y))
    after = window.doc.project.mission("soyuz-ms-20")
    assert window.doc.undo_stack.count() == steps + 1
    shift = (after.events[0].utc - before.events[0].utc).total_seconds()
    expected = 60 * canvas.scale.seconds_per_px
    step = snap_step(canvas.scale.seconds_per_px)  # drags move in round steps at each zoom
    assert shift % step == 0 and abs(shift - expected) <= step / 2
    assert shift > 0
    assert all(a.utc - b.utc == timedelta(seconds=shift) for a, b in zip(after.events, before.events))
    window.act_undo.trigger()
    assert window.doc.project.mission("soyuz-ms-20") == before


def test_drag_to_an_occupied_port_shows_the_clash_while_dragging(window, canvas, mouse, lane_y):
    _show_december(canvas)
    x = canvas.scale.x(_t("2021-12-14T00:00:00Z"))
    y_from, y_to = lane_y(canvas, "port:poisk-zenith"), lane_y(canvas, "port:rassvet-nadir")

    def clash():
        return [f for f in window.checker.findings
                if f.rule == "port-double-booking" and "soyuz-ms-20" in f.vehicles]

    assert not clash()
    steps = window.doc.undo_stack.count()
    mouse(canvas, "press", QPointF(x, y_from))
    mouse(canvas, "move", QPointF(x, (y_from + y_to) / 2))
    mouse(canvas, "move", QPointF(x, y_to))
    assert clash(), "the finding appears before the mouse is released"
    assert canvas.state.drop_lane == "port:rassvet-nadir"
    band = canvas.layout_.findings.findings
    assert any(f.rule == "port-double-booking" for f in band)
    mouse(canvas, "release", QPointF(x, y_to))
    moved = window.doc.project.mission("soyuz-ms-20")
    assert moved.first(EventKind.DOCK).port == "rassvet-nadir"
    assert moved.first(EventKind.UNDOCK).port == "rassvet-nadir"
    assert moved.first(EventKind.DOCK).utc == parse_utc("2021-12-08T13:40:42Z")  # no sideways move
    assert window.doc.undo_stack.count() == steps + 1
    window.act_undo.trigger()
    assert not clash()
    assert window.doc.project.mission("soyuz-ms-20").first(EventKind.DOCK).port == "poisk-zenith"


def test_drag_the_end_of_a_stay_changes_only_the_undocking(window, canvas, mouse, lane_y):
    _show_december(canvas)
    before = window.doc.project.mission("soyuz-ms-20")
    end = _t("2021-12-19T23:50:25Z")
    x = canvas.scale.x(end) - 1
    y = lane_y(canvas, "port:poisk-zenith")
    mouse(canvas, "press", QPointF(x, y))
    mouse(canvas, "move", QPointF(x + 40, y))
    mouse(canvas, "release", QPointF(x + 40, y))
    after = window.doc.project.mission("soyuz-ms-20")
    moved = after.first(EventKind.UNDOCK).utc - before.first(EventKind.UNDOCK).utc
    assert moved > timedelta(hours=12)
    assert after.first(EventKind.DOCK) == before.first(EventKind.DOCK)
    assert after.first(EventKind.LAND) == before.first(EventKind.LAND)
    window.act_undo.trigger()
    assert window.doc.project.mission("soyuz-ms-20") == before


def test_drag_the_start_of_a_stay_after_a_relocation_moves_the_redocking(window, canvas, mouse, lane_y):
    canvas.show_window(_t("2021-09-25T00:00:00Z"), _t("2021-10-05T00:00:00Z"), margin=0.0)
    before = window.doc.project.mission("soyuz-ms-18").first(EventKind.RELOCATE)
    x = canvas.scale.x(before.end_utc.timestamp()) + 1
    y = lane_y(canvas, "port:nauka-nadir")
    mouse(canvas, "press", QPointF(x, y))
    mouse(canvas, "move", QPointF(x + 30, y))
    mouse(canvas, "release", QPointF(x + 30, y))
    after = window.doc.project.mission("soyuz-ms-18").first(EventKind.RELOCATE)
    assert after.utc == before.utc
    assert after.end_utc > before.end_utc + timedelta(hours=6)


def test_drag_an_activity_later_and_stretch_it(window, canvas, mouse, lane_y):
    canvas.show_window(_t("2021-10-09T00:00:00Z"), _t("2021-10-10T00:00:00Z"), margin=0.0)
    original = next(a for a in window.doc.project.activities if a.id == "act-05")
    mid = (original.start.timestamp() + original.end.timestamp()) / 2
    y = lane_y(canvas, "person:yulia-peresild")
    x = canvas.scale.x(mid)
    mouse(canvas, "press", QPointF(x, y))
    assert window.views["activities"].selected_ids() == ["act-05"]
    mouse(canvas, "move", QPointF(x + 50, y))
    mouse(canvas, "release", QPointF(x + 50, y))
    moved = next(a for a in window.doc.project.activities if a.id == "act-05")
    assert moved.start > original.start and moved.duration_s == original.duration_s
    x_end = canvas.scale.x(moved.end.timestamp()) - 1
    mouse(canvas, "press", QPointF(x_end, y))
    mouse(canvas, "move", QPointF(x_end + 60, y))
    mouse(canvas, "release", QPointF(x_end + 60, y))
    stretched = next(a for a in window.doc.project.activities if a.id == "act-05")
    assert stretched.start == moved.start and stretched.end > moved.end
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert next(a for a in window.doc.project.activities if a.id == "act-05") == original


def test_double_click_opens_the_mission_in_the_editor(window, canvas, mouse, lane_y):
    _show_december(canvas)
    x = canvas.scale.x(_t("2021-12-14T00:00:00Z"))
    mouse(canvas, "double", QPointF(x, lane_y(canvas, "port:poisk-zenith")))
    assert window.mission_editor.mission_id == "soyuz-ms-20"


def test_a_click_on_empty_time_moves_the_shared_cursor(window, canvas, mouse, lane_y):
    _show_december(canvas)
    x = canvas.scale.x(_t("2021-12-10T00:00:00Z"))
    y = lane_y(canvas, "port:harmony-nadir")  # nothing docked there
    mouse(canvas, "press", QPointF(x, y))
    mouse(canvas, "release", QPointF(x, y))
    assert abs(window.time_cursor.time() - _t("2021-12-10T00:00:00Z")) <= canvas.scale.seconds_per_px
