"""The map's legend: it explains what is drawn in the colours it is drawn in, stays off the track, and can be hidden."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from planner.gui.map.frame import SHADOW, SUNLIT
from planner.gui.map.layers.legend import layout
from planner.gui.map.layers.places import marks_font


def _entries_of(panel):
    """The legend's entries for the map as it is now."""
    from planner.gui.map.frame import MapFrame, map_colours
    from planner.gui.map.layers.legend import entries

    renderer = panel.renderer
    frame = MapFrame(renderer, panel.canvas.projection, map_colours(panel.canvas.palette()))
    if renderer.cache is not None:
        frame.position = renderer.cache.position(renderer.time)
    return entries(frame)


def _entries(panel) -> list[str]:
    return [e.key for e in _entries_of(panel)]


def _painted(panel):
    panel.canvas.repaint()
    return panel.renderer.legend.rect


def test_it_lists_what_is_drawn(window):
    panel = window.map_panel
    assert _entries(panel) == ["station", "daylight", "shadow", "footprint", "sites", "night"]
    panel.set_layer("sites", False)
    panel.set_layer("terminator", False)
    assert _entries(panel) == ["station", "daylight", "shadow", "footprint"]
    panel.set_place("Russia")
    panel.show_windows([(panel.renderer.time, panel.renderer.time + 600)], 0)
    assert _entries(panel)[-2:] == ["overflights", "windows"]


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_its_track_swatches_are_in_the_tracks_colours(window):
    """One source of truth: the swatches are painted with the track layer's own pens."""
    panel = window.map_panel
    image = panel.canvas.grab().toImage()
    rect = panel.renderer.legend.rect
    assert rect is not None
    font = marks_font(QFont(panel.canvas.font()))
    placed, _box = layout(_entries_of(panel), QFontMetricsF(font), panel.canvas.width())
    swatches = {entry.key: r.translated(rect.topLeft()) for entry, r in placed}
    ratio = image.devicePixelRatio()
    for key, colour in (("daylight", SUNLIT), ("shadow", SHADOW)):
        centre = swatches[key].center()
        pixel = image.pixelColor(QPoint(round(centre.x() * ratio), round(centre.y() * ratio)))
        assert _close(pixel, colour), (key, pixel.getRgb(), colour.getRgb())


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_at_1024_by_700_and_larger_it_keeps_off_the_track_the_sites_and_the_labels(window, qtbot, size):
    window.resize(*size)
    panel = window.map_panel
    qtbot.waitUntil(lambda: window.width() == size[0] and panel.canvas.projection.width == panel.canvas.width())
    rect = _painted(panel)
    assert rect is not None
    proj = panel.canvas.projection
    # One line of entries at the whole world; below every latitude the station reaches (51.6°), inside the map.
    assert rect.height() < 30
    assert rect.top() > float(proj.y(-52.0))
    left, top, w, h = proj.world_rect()
    assert rect.left() >= left and rect.bottom() < top + h - 8  # the longitudes' labels run below it
    track, xs, ys = panel.renderer.drawn_track()
    assert not any(rect.contains(x, y) for x, y in zip(xs, ys))
    for site in window.doc.project.sites:
        assert not rect.contains(float(proj.x(site.lon_deg)), float(proj.y(site.lat_deg)))


def test_it_can_be_hidden_from_the_layers_menu_and_goes_into_pictures(window, tmp_path):
    panel = window.map_panel
    assert panel.layer_actions["legend"].text() == "Legend"
    assert _painted(panel) is not None
    with_legend = panel.canvas.render_image(1024, 512)
    assert panel.renderer.legend.rect is not None  # (exported pictures explain themselves too)
    panel.layer_actions["legend"].trigger()
    assert not panel.renderer.layers.legend
    assert _painted(panel) is None
    without = panel.canvas.render_image(1024, 512)
    assert with_legend != without


def test_a_plan_without_element_sets_or_sites_has_no_legend(window):
    window.files.new_project()
    assert _painted(window.map_panel) is None
