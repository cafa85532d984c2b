"""The map shades the track where the station is out of a network's link coverage: the gaps the core finds (to
its 10 s samples), in the legend only when some are drawn, and the layer switched from the Layers menu like the
others."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from planner import intervals


@pytest.fixture
def one_each(monkeypatch):
    """A relay catalogue of the TDRS at 41 W and Luch-5V alone (as if the others were out of service)."""
    from planner.orbit import coverage

    kept = tuple(r for r in coverage.relays() if r.id in ("tdrs-41w", "luch-5v"))
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)
    return kept


def _entries(panel) -> list[str]:
    from planner.gui.map.frame import MapFrame, map_colours
    from planner.gui.map.layers.legend import entries

    renderer = panel.renderer
    frame = MapFrame(renderer, panel.canvas.projection, map_colours(panel.canvas.palette()))
    frame.position = renderer.cache.position(renderer.time)
    return [e.key for e in entries(frame)]


def _picture(panel) -> np.ndarray:
    image = panel.canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4).copy()


def test_the_gaps_are_where_no_relay_or_russian_site_sees_the_station(one_each, window):
    from planner.orbit.coverage import relays_in_view_within, russian_sites
    from planner.orbit.passes import in_view_within

    panel = window.map_panel
    renderer = panel.renderer
    t0, t1 = renderer.track_span()
    orbit = renderer.cache.orbit
    us, ru = one_each
    for network, seen in (("us", relays_in_view_within(orbit, [us], [[t0, t1]])[0]),
                          ("ru", intervals.union(relays_in_view_within(orbit, [ru], [[t0, t1]])[0],
                                                 *(in_view_within(orbit, s, [[t0, t1]])
                                                   for s in russian_sites(window.doc.project.sites))))):
        gaps = intervals.clip(renderer.coverage_gaps(network, t0, t1), t0, t1)
        expected = intervals.complement(seen, t0, t1)
        # Shaded sample by sample (10 s apart, each run half a step beyond its samples): edges within a step.
        assert len(gaps) == len(expected) > 0, network
        assert np.abs(gaps - expected).max() <= renderer.cache.step_s, network
    assert _entries(panel)[-2:] == ["no-us-link", "no-ru-link"]
    shaded = _picture(panel)
    panel.set_layer("coverage", False)  # as the Layers menu does
    assert not panel.layer_actions["coverage"].isChecked()
    assert "no-us-link" not in _entries(panel)
    plain = _picture(panel)
    assert (shaded != plain).any(axis=2).sum() > 2000  # strokes along hours of track
    panel.layer_actions["coverage"].trigger()
    assert panel.renderer.layers.coverage


def test_with_three_relays_a_network_leaves_no_gap_to_shade(window):
    panel = window.map_panel
    t0, t1 = panel.renderer.track_span()
    for network in ("us", "ru"):
        assert not len(intervals.clip(panel.renderer.coverage_gaps(network, t0, t1), t0, t1))
    assert not {"no-us-link", "no-ru-link"} & set(_entries(panel))
