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


def test_the_status_line_says_the_links_at_the_time_shown(one_each, window):
    """What the station can talk through at the map's time, as the core finds it (the TDRS at 41 W alone: a US link
    for part of each orbit), in the status line while the layer is on; gone with the layer."""
    from planner.orbit.coverage import relays_in_view_within

    panel = window.map_panel
    t0, t1 = panel.renderer.track_span()
    seen = relays_in_view_within(panel.renderer.cache.orbit, [one_each[0]], [[t0, t1]])[0]
    gaps = intervals.complement(seen, t0, t1)
    inside = float(seen[np.argmax(seen[:, 1] - seen[:, 0])].mean())  # the middle of the longest US view
    outside = float(gaps[np.argmax(gaps[:, 1] - gaps[:, 0])].mean())  # the middle of the longest US gap
    words = {}
    for when in (inside, outside):
        window.time_cursor.set_time(when)
        line = panel.status_label.text()
        words[when] = [w for w in ("links US, RU", "link US only", "link RU only", "no link") if f" · {w} · " in line]
    assert words[inside] in (["links US, RU"], ["link US only"])
    assert words[outside] in (["link RU only"], ["no link"])
    panel.set_layer("coverage", False)
    assert "link" not in panel.status_label.text()


def test_with_three_relays_each_the_status_line_says_both_links(window):
    panel = window.map_panel
    assert " · links US, RU · β" in panel.status_label.text()  # the layer draws nothing: the line says why
