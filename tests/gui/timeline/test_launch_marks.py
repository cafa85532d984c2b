"""The timeline marks the launch opportunities of the selected mission's launch site when zoomed to days, the same
moments planner.orbit.launch finds, with a tooltip in words; none when zoomed out, switched off or beyond the
element sets' reach (said in words)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from planner.model.times import parse_utc

REAL_LAUNCH = parse_utc("2021-10-05T08:55:02Z")  # Soyuz MS-19's liftoff (the example's traffic, Roscosmos)


@pytest.fixture
def timeline(example_window, example_tab):
    """The example's window at 1024x700 on its timeline tab."""
    return example_tab(example_window.timeline_view, 1024, 700)


def _show_day(window, start: str, days: float = 1.0):
    canvas = window.timeline_view.canvas
    t0 = parse_utc(start).timestamp()
    canvas.show_window(t0, t0 + days * 86400, margin=0.0)
    return canvas


def test_the_timeline_marks_the_selected_missions_opportunities_only_when_zoomed_to_days(timeline, tmp_path):
    from planner.gui.timeline.layers.launches import launch_markers
    from planner.model.launch_sites import find_launch_site
    from planner.orbit import Orbit
    from planner.orbit.launch import launch_opportunities

    window = timeline
    window.views["missions"].select_ids(["soyuz-ms-19"])
    canvas = _show_day(window, "2021-10-05T00:00:00Z")
    t0, t1 = canvas.visible_span()
    marked = launch_markers(canvas.orbit, canvas.state, t0, t1)
    # Independently: Baikonur Site 31's in-plane moment of that day, for a Soyuz.
    orbit = Orbit.from_sets(list(window.doc.project.element_sets))
    site = find_launch_site("Baikonur Site 31")
    expected = launch_opportunities(orbit, site, parse_utc("2021-10-05T00:00:00Z"), parse_utc("2021-10-06T00:00:00Z"),
                                    "soyuz-ms")
    assert len(expected) == 1
    assert [round(o.in_plane, 3) for o in marked] == [round(expected[0].in_plane, 3)]
    assert abs(marked[0].launch - REAL_LAUNCH.timestamp()) < 180

    # The tooltip over the mark says the site, the times, the direction and the azimuth.
    x = canvas.scale.x(marked[0].launch)
    text = canvas.tooltip_at(QPointF(x + 1, canvas.height() - 20))
    assert "Baikonur Site 31/6: liftoff 08:55, in plane 08:58 UTC, northeast 61.8°" in text
    QApplication.processEvents()  # the editor laid out for the mission clicked
    image = canvas.grab().toImage()
    assert window.grab().save(str(tmp_path / "timeline-launches.png"))
    # The mark is drawn: the layer's colour in the pixel column of the liftoff, below the axis.
    from planner.gui.timeline.layers.launches import LAUNCH

    # (A one-pixel line at x = 387.67 lands in column 387: the column it falls in, or the nearest one.)
    columns = [[image.pixelColor(k, y) for y in range(40, image.height(), 3)] for k in {int(x), round(x)}]
    assert max(sum(abs(c.red() - LAUNCH.red()) + abs(c.green() - LAUNCH.green()) + abs(c.blue() - LAUNCH.blue()) < 90
                   for c in column) for column in columns) > 5

    # Zoomed out to months: none.
    canvas = _show_day(window, "2021-09-01T00:00:00Z", 90)
    assert launch_markers(canvas.orbit, canvas.state, *canvas.visible_span()) == []
    assert "Launch opportunity" not in canvas.tooltip_at(QPointF(canvas.scale.x(REAL_LAUNCH.timestamp()), 200))
    # Zoomed to days beyond the element set's reach: none, and the layer says why.
    canvas = _show_day(window, "2022-03-29T00:00:00Z", 2)
    assert launch_markers(canvas.orbit, canvas.state, *canvas.visible_span()) == []
    assert "days from the epoch of element set iss-2021-10-15" in canvas.orbit.launches.problem
    # The toolbar's toggle switches them off; nothing selected, nothing marked.
    canvas = _show_day(window, "2021-10-05T00:00:00Z")
    assert launch_markers(canvas.orbit, canvas.state, *canvas.visible_span())
    window.timeline_view.actions_by_name["launches"].trigger()
    assert launch_markers(canvas.orbit, canvas.state, *canvas.visible_span()) == []
    window.timeline_view.actions_by_name["launches"].trigger()
    window.views["missions"].select_ids([])
    assert launch_markers(canvas.orbit, canvas.state, *canvas.visible_span()) == []
