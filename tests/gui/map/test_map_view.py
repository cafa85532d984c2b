"""The map as drawn: track positions against skyfield, the antimeridian, the night side, hovering."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QPainter

from planner.model.times import parse_utc
from planner.orbit.skydata import ephemeris, skyfield_times, timescale

DOCKING = parse_utc("2021-10-05T12:22:31Z").timestamp()  # Soyuz MS-19 docks at Rassvet
NOON = parse_utc("2021-10-06T12:00:00Z").timestamp()


def _show(window, t: float):
    window.time_cursor.set_time(t)
    window.map_panel.canvas.repaint()  # paint now, not at the next event loop turn
    return window.map_panel


def _skyfield_subpoint(window, t: float) -> tuple[float, float]:
    from skyfield.api import EarthSatellite, wgs84

    lines = window.doc.project.element_sets[0].text.strip().splitlines()
    sat = EarthSatellite(lines[-2], lines[-1], lines[0], timescale())
    sub = wgs84.subpoint_of(sat.at(skyfield_times(t)))
    return float(sub.latitude.degrees), float(sub.longitude.degrees)


def test_the_track_is_drawn_where_skyfield_puts_the_station(window):
    panel = _show(window, DOCKING)
    track, xs, ys = panel.renderer.drawn_track()
    w, h = panel.canvas.width(), panel.canvas.height()
    # Independently of the map's code: at zoom 1 the whole world is centred and fits the widget.
    scale = min(w / 360.0, h / 180.0)
    left, top = (w - 360.0 * scale) / 2.0, (h - 180.0 * scale) / 2.0
    # Three orbits either side of the docking, every 10 seconds.
    assert track.t[0] == pytest.approx(DOCKING - 3 * panel.renderer.period_s, abs=10.0)
    assert track.t[-1] == pytest.approx(DOCKING + 3 * panel.renderer.period_s, abs=10.0)
    assert np.diff(track.t).max() == pytest.approx(10.0)
    for k in np.linspace(0, len(track.t) - 1, 9).astype(int):
        lat, lon = _skyfield_subpoint(window, float(track.t[k]))
        assert xs[k] == pytest.approx(left + (lon + 180.0) * scale, abs=0.3)
        assert ys[k] == pytest.approx(top + (90.0 - lat) * scale, abs=0.3)


def test_zoomed_in_the_map_still_puts_the_station_under_skyfield(window):
    panel = window.map_panel
    panel.canvas.zoom_by(6.0)
    panel = _show(window, NOON)
    track, xs, ys = panel.renderer.drawn_track()
    proj = panel.canvas.projection
    lat, lon = _skyfield_subpoint(window, float(track.t[100]))
    got_lon, got_lat = proj.lon_lat(xs[100], ys[100])
    assert (got_lat, got_lon) == pytest.approx((lat, lon), abs=0.005)


def test_no_line_is_drawn_across_the_map_at_the_antimeridian(window, monkeypatch):
    drawn = []
    original = QPainter.drawPolyline

    def record(painter, polygon, *rest):
        drawn.append(np.array([(p.x(), p.y()) for p in polygon.toList()]))
        return original(painter, polygon, *rest)

    monkeypatch.setattr(QPainter, "drawPolyline", record)
    panel = _show(window, DOCKING)
    proj = panel.canvas.projection
    world_width = 360.0 * proj.scale
    assert drawn
    for line in drawn:
        assert np.abs(np.diff(line[:, 0])).max() < world_width / 8, "a segment jumps across the map"
    # The track does cross: pieces end exactly on the map's left and right edges.
    ends = np.array([line[i, 0] for line in drawn for i in (0, -1)])
    assert np.isclose(ends, float(proj.x(180.0)), atol=1e-6).any()
    assert np.isclose(ends, float(proj.x(-180.0)), atol=1e-6).any()


def _sun_altitude(t: float, lat: float, lon: float) -> float:
    from skyfield.api import wgs84

    eph = ephemeris()
    observer = eph["earth"] + wgs84.latlon(lat, lon)
    return observer.at(skyfield_times(t)).observe(eph["sun"]).apparent().altaz()[0].degrees


def test_the_night_side_is_shaded_where_skyfield_has_the_sun_down(window):
    from planner.gui.map.renderer import overlay_path

    panel = _show(window, NOON)
    proj = panel.canvas.projection
    night = overlay_path(proj, *panel.renderer.night_lon_lat())
    checked = 0
    for lat in (-60.0, -30.0, 0.0, 30.0, 60.0):
        for lon in np.arange(-170.0, 180.0, 20.0):
            alt = _sun_altitude(NOON, lat, lon)
            if abs(alt) < 1.0:
                continue  # too close to the line to call
            from PySide6.QtCore import QPointF

            inside = night.contains(QPointF(float(proj.x(lon)), float(proj.y(lat))))
            assert inside == (alt < 0), (lat, lon, alt)
            checked += 1
    assert checked > 70


def test_the_shading_darkens_the_pacific_at_noon_in_greenwich_and_not_the_gulf_of_guinea(window):
    panel = _show(window, NOON)
    for name in ("track", "footprint", "sites", "arrows"):
        panel.set_layer(name, False)

    def brightness(on: bool, lat: float, lon: float) -> int:
        panel.set_layer("terminator", on)
        image = panel.canvas.render_image()
        proj = panel.canvas.projection
        return QColor(image.pixel(round(float(proj.x(lon))), round(float(proj.y(lat))))).lightness()

    # Both points are open ocean; only the night side changes when the shading is switched on.
    assert brightness(True, 0.0, -2.0) == brightness(False, 0.0, -2.0)
    assert brightness(True, 0.0, 175.0) < brightness(False, 0.0, 175.0) - 10


def test_hovering_the_track_tells_time_place_light_and_what_is_below(window, qtbot):
    panel = _show(window, DOCKING)
    track, xs, ys = panel.renderer.drawn_track()
    k = len(track.t) // 2  # the station itself, at the docking
    text = panel.canvas.describe_point(float(xs[k]) + 2, float(ys[k]) - 2)
    assert "2021-10-05 12:22:31 UTC" in text or "2021-10-05 12:22:3" in text
    lat, lon = float(track.lat_deg[k]), float(track.lon_deg[k])
    assert f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'}" in text
    assert f"{abs(lon):.2f}°{'E' if lon >= 0 else 'W'}" in text
    assert "over " in text and ("sunlit" in text or "shadow" in text)
    assert panel.canvas.describe_point(2.0, 2.0) == ""  # far from any track
    qtbot.mouseMove(panel.canvas, panel.canvas.rect().center())  # the real event path runs too


def test_the_docking_day_renders_to_png(window, tmp_path):
    from PySide6.QtGui import QImage

    panel = _show(window, DOCKING)
    path = tmp_path / "docking-day.png"
    assert panel.canvas.render_image(1200, 600).save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1200, 600)
    # The station's marker is red where the map draws it.
    lat, lon, _ = panel.renderer.cache.position(DOCKING)
    proj = panel.canvas.projection.resized(1200, 600)
    colour = QColor(image.pixel(round(float(proj.x(lon))) + 4, round(float(proj.y(lat)))))
    assert colour.red() > 150 and colour.green() < 90
