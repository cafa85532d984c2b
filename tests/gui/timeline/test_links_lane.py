"""The timeline's links lane: a coverage band per network above the ports, drawn when zoomed to hours where the
station sees a relay or site of that network (as planner.orbit.coverage finds it), hatched where it sees none,
a tooltip naming what is in view, and the Day/Night & Passes toggle taking it away."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage

from planner.gui.timeline.frame import AXIS_H, LABEL_W
from planner.gui.timeline.layers.links import COLOURS
from planner.model.times import parse_utc

START, END = parse_utc("2021-10-06T09:00:00Z").timestamp(), parse_utc("2021-10-06T17:00:00Z").timestamp()


@pytest.fixture
def two_relays(monkeypatch):
    """The relay catalogue cut to the TDRS at 41 W and Luch-5V (as if the others were out of service), so that each
    network has gaps to draw."""
    from planner.orbit import coverage

    kept = tuple(r for r in coverage.relays() if r.id in ("tdrs-41w", "luch-5v"))
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)
    return kept


def _canvas(window):
    canvas = window.timeline_view.canvas
    canvas.show_window(START, END, margin=0.0)
    return canvas


def _row_y(canvas, network: str) -> int:
    lane = canvas.layout_.lane("links")
    return round(AXIS_H - canvas.scroll_y + lane.top + 3 + (0.5 if network == "us" else 1.5) * (lane.height - 6) / 2)


def _coloured_columns(canvas, network: str) -> np.ndarray:
    """The plot's pixel columns whose pixel on the network's row has the band's colour."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    colour = COLOURS[network]
    row = pixels[_row_y(canvas, network), :canvas.width(), :3].astype(int)
    match = (np.abs(row - [colour.blue(), colour.green(), colour.red()]) <= 2).all(axis=1)
    columns = np.arange(canvas.width())
    return columns[match & (columns >= LABEL_W + 40)]  # right of the row's label


def test_the_bands_are_drawn_where_the_core_finds_a_link(two_relays, example_window, example_tab):
    from planner.orbit import Orbit
    from planner.orbit.coverage import relays_in_view_within, russian_sites
    from planner.orbit.passes import in_view_within

    window = example_tab(example_window.timeline_view, 1024, 700)
    canvas = _canvas(window)
    lanes = [lane.key for lane in canvas.layout_.lanes]
    assert lanes.index("links") == lanes.index("beta") + 1 and lanes[lanes.index("links") + 1].startswith("port:")
    assert canvas.layout_.lane("links").title == "Links to the ground"
    orbit = Orbit.from_sets(list(window.doc.project.element_sets))
    us_relay, ru_relay = two_relays
    moscow = russian_sites(window.doc.project.sites)
    expected = {
        "us": relays_in_view_within(orbit, [us_relay], [[START - 3600, END + 3600]])[0],
        "ru": np.concatenate([relays_in_view_within(orbit, [ru_relay], [[START - 3600, END + 3600]])[0]]
                             + [in_view_within(orbit, s, [[START - 3600, END + 3600]]) for s in moscow]),
    }
    for network in ("us", "ru"):
        columns = _coloured_columns(canvas, network)
        t = canvas.scale.t(columns + 0.5)
        inside = ((t[:, None] >= expected[network][:, 0]) & (t[:, None] < expected[network][:, 1])).any(axis=1)
        edges = canvas.scale.x(expected[network].ravel())
        near = np.min(np.abs(columns[:, None] - edges[None, :]), axis=1) <= 2
        assert inside[~near].all(), network  # the band's colour only where there is a link
        plot = np.arange(LABEL_W + 40, canvas.width() - 20)
        t_all = canvas.scale.t(plot + 0.5)
        linked = ((t_all[:, None] >= expected[network][:, 0]) & (t_all[:, None] < expected[network][:, 1])).any(axis=1)
        far = np.min(np.abs(plot[:, None] - edges[None, :]), axis=1) > 2
        drawn = np.isin(plot, columns)
        # Where there is a link the band is coloured, but for the few columns a grid line or the cursor crosses.
        assert (drawn[linked & far]).mean() > 0.97, network
        assert (~linked & far).sum() > 50  # a gap of each network is in view: the test sees both cases


def test_the_tooltip_names_the_relays_in_view(two_relays, example_window, example_tab):
    window = example_tab(example_window.timeline_view, 1024, 700)
    canvas = _canvas(window)
    x = canvas.width() / 2
    text = canvas.tooltip_at(QPointF(x, _row_y(canvas, "us")))
    assert "US link (TDRS): " in text and "Russian link (Luch, Russian sites): " in text
    assert "TDRS 41°W" in text or "none until" in text


def test_zoomed_out_the_lane_says_to_zoom_in_and_the_toggle_takes_it_away(example_window, example_tab):
    window = example_tab(example_window.timeline_view, 1024, 700)
    canvas = window.timeline_view.canvas
    canvas.show_window(START, START + 10 * 86400, margin=0.0)
    assert not len(_coloured_columns(canvas, "us"))
    canvas.show_window(START, END, margin=0.0)
    assert len(_coloured_columns(canvas, "us")) > 0.9 * (canvas.width() - LABEL_W - 40)  # three TDRS: no gap
    (toggle,) = [a for a in window.timeline_view.toolbar.actions() if a.text() == "Day/Night && Passes"]
    toggle.trigger()
    assert canvas.layout_.lane("links") is None
    toggle.trigger()
    assert canvas.layout_.lane("links") is not None


def test_a_day_on_screen_shows_its_links_beside_its_day_and_night(example_window, example_tab):
    """Zoomed to one day at 1400x900, as a planner looks at a day of the visit: the bands are drawn (with three
    TDRS the US row is covered all day), not 'zoom in to hours', where the day/night strip already is."""
    window = example_tab(example_window.timeline_view, 1400, 900)
    canvas = window.timeline_view.canvas
    day = parse_utc("2021-10-06T00:00:00Z").timestamp()
    canvas.show_window(day, day + 86400, margin=0.0)
    assert canvas.scale.seconds_per_px > 60  # wider than the fifteen hours the lane once waited for
    assert len(_coloured_columns(canvas, "us")) > 0.9 * (canvas.width() - LABEL_W - 40)
