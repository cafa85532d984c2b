"""What makes scrubbing quick, checked for what it draws: blocks of track, overflights, sprites, work done ahead."""

from __future__ import annotations

import numpy as np
import pytest

from planner.model.times import parse_utc

DOCKING = parse_utc("2021-10-05T12:22:31Z").timestamp()


@pytest.fixture(scope="module")
def orbit():
    from planner.resources import example_project_path
    from planner.orbit import Orbit
    from planner.store import load_project

    return Orbit.from_sets(load_project(example_project_path()).element_sets)


@pytest.mark.parametrize("batched", [False, True])
def test_a_block_of_track_is_lit_where_skyfield_says_the_station_is_sunlit(orbit, batched):
    from skyfield.api import EarthSatellite

    from planner.gui.map.track_cache import TrackCache
    from planner.orbit.skydata import ephemeris, skyfield_times, timescale

    cache = TrackCache(orbit)
    if batched:  # the block cut out of one pass over the blocks either side of it too
        assert cache.ensure(DOCKING - cache.block_s, DOCKING + cache.block_s) == 3
    block = cache.block(int(DOCKING // cache.block_s))
    t = block.track.t
    lines = orbit.sets[0].text.strip().splitlines()
    sat = EarthSatellite(lines[-2], lines[-1], lines[0], timescale())
    lit = sat.at(skyfield_times(t)).is_sunlit(ephemeris())
    # Away from the transitions (a second either side) every sample agrees; there are transitions.
    edges = block.sunlit_intervals.ravel()
    far = np.abs(t[:, None] - edges[None, :]).min(axis=1) > 1.0
    assert 2 <= len(edges) and far.sum() > len(t) - 10
    assert np.array_equal(block.sunlit[far], lit[far])
    for edge in edges[(edges > block.start) & (edges < block.start + cache.block_s)]:
        before, after = sat.at(skyfield_times(np.array([edge - 0.5, edge + 0.5]))).is_sunlit(ephemeris())
        assert before != after  # each transition is within half a second of skyfield's


def test_a_block_of_track_follows_the_block_boundaries_without_a_seam(orbit):
    from planner.gui.map.track_cache import TrackCache
    from planner.orbit.track import ground_track

    cache = TrackCache(orbit)
    k = int(DOCKING // cache.block_s)
    track, _lit = cache.window(k * cache.block_s - 600.0, k * cache.block_s + 600.0)
    assert np.allclose(np.diff(track.t), 10.0)  # the shared boundary sample is not repeated
    exact = ground_track(orbit, track.t)  # SGP4 at every sample
    assert np.abs(track.lat_deg - exact.lat_deg).max() < 1e-4  # ~10 m
    dlon = (track.lon_deg - exact.lon_deg + 180.0) % 360.0 - 180.0
    assert np.abs(dlon).max() < 1e-4


@pytest.mark.parametrize("place, radius_km", [("Russia", 0.0), ("site", 800.0)])
def test_highlighted_overflights_are_the_exact_ones_to_within_a_sample(orbit, place, radius_km):
    from planner.gui.map.renderer import MapRenderer
    from planner.model import GroundSite
    from planner.orbit.overflights import overflights

    if place == "site":
        place = GroundSite(id="baikonur", name="Baikonur", lat_deg=45.92, lon_deg=63.34)
    renderer = MapRenderer()
    renderer.set_orbit(orbit)
    renderer.place, renderer.place_radius_km = place, radius_km
    t0, t1 = DOCKING, DOCKING + 86400.0
    drawn = renderer.overflight_intervals(t0, t1)
    exact = overflights(orbit, place, t0, t1, radius_km)
    exact = exact[(exact[:, 1] - exact[:, 0] > 30.0) & (exact[:, 0] > t0) & (exact[:, 1] < t1)]
    assert len(exact) >= 2
    for a, b in exact:
        k = np.argmin(np.abs(drawn[:, 0] - a))
        assert drawn[k] == pytest.approx([a, b], abs=10.0)


def test_the_country_bitmap_agrees_with_the_borders_but_within_a_few_kilometres():
    from planner.gui.map.place_mask import over_place
    from planner.orbit.geography import country_index_at, countries, distance_to_country_km, find_country

    russia = find_country("Russia")
    rng = np.random.default_rng(7)
    lat = rng.uniform(41.0, 82.0, 20000)
    lon = rng.uniform(-180.0, 180.0, 20000)
    bitmap = over_place("Russia", 0.0, lat, lon)
    rings = country_index_at(lat, lon) == countries().index(russia)
    assert rings.sum() > 2000 and (bitmap == rings).mean() > 0.995
    wrong = np.flatnonzero(bitmap != rings)
    # The few that differ lie on the border: 0.05 degrees is at most 8 km across.
    near = np.where(rings[wrong], 0.0, distance_to_country_km(russia, lat[wrong], lon[wrong]))
    inside = rings[wrong]
    assert np.all(near[~inside] < 8.0)


def _grey(image):
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[:, :, :3].astype(int)


def test_the_track_copied_from_sprites_looks_as_the_vector_picture(window):
    panel = window.map_panel
    panel.set_place("Russia", 0.0)
    panel.show_windows([(DOCKING - 3000.0, DOCKING - 2400.0), (DOCKING + 1200.0, DOCKING + 1800.0)])
    for name in ("graticule", "sites"):  # text is laid out differently on a widget and an image
        panel.set_layer(name, False)
    window.time_cursor.set_time(DOCKING)
    panel.renderer.moving = False
    canvas = panel.canvas
    canvas.repaint()
    assert len(canvas.sprites) > 40  # the whole chunks of six orbits' track came from sprites
    screen, vector = _grey(canvas.grab().toImage()), _grey(canvas.render_image())
    assert screen.shape == vector.shape
    differ = np.abs(screen - vector).max(axis=2) > 60
    track = np.abs(vector - _grey(_without_track(panel))).max(axis=2) > 60
    assert track.sum() > 5000  # the comparison covers a drawn track
    assert differ.sum() < 0.015 * track.sum()  # where tracks cross arrows and highlights, strokes come in another order


def _without_track(panel):
    for name in ("track", "overflights", "windows"):
        panel.set_layer(name, False)
    image = panel.canvas.render_image()
    for name in ("track", "overflights", "windows"):
        panel.set_layer(name, True)
    return image


@pytest.mark.parametrize("direction", [1, -1])
def test_while_scrubbing_the_next_blocks_and_sprites_are_made_in_idle_time(window, qtbot, direction):
    from planner.gui.map.renderer import AHEAD_BLOCKS
    from planner.gui.map.sprites import CHUNK_S

    panel, cursor = window.map_panel, window.time_cursor
    canvas, renderer = panel.canvas, panel.renderer
    start = DOCKING + direction * 5 * 86400.0  # ground not computed yet
    for k in range(4):
        cursor.set_time(start + direction * 600.0 * k)
        canvas.repaint()
    assert renderer.moving  # the panel says the time moves: no sprite is drawn during these frames
    qtbot.waitUntil(lambda: not canvas.prepare_timer.isActive(), timeout=10000)
    cache = renderer.cache
    t0, t1 = renderer.track_span()
    reach = AHEAD_BLOCKS * cache.block_s
    ahead = (t1, t1 + reach) if direction > 0 else (t0 - reach, t0)
    assert cache.missing(*ahead) == []
    chunks = range(int(np.ceil(t0 / CHUNK_S)), int(np.floor(t1 / CHUNK_S)))
    assert all((k, False) in canvas.sprites for k in chunks)
    # The next frames along the way compute nothing: what they show was made ahead.
    computed = cache.blocks_computed
    for k in range(4, 10):
        cursor.set_time(start + direction * 600.0 * k)
        canvas.repaint()
    assert cache.blocks_computed == computed


def test_a_far_jump_shows_the_track_at_once_and_the_smooth_frame_when_the_time_stops(window, qtbot):
    panel, cursor = window.map_panel, window.time_cursor
    cursor.set_time(DOCKING)
    panel.canvas.repaint()
    qtbot.waitUntil(lambda: not panel.canvas.prepare_timer.isActive(), timeout=10000)
    far = parse_utc("2022-03-30T00:00:00Z").timestamp()
    cursor.set_time(far)
    panel.canvas.repaint()
    track, _xs, _ys = panel.renderer.drawn_track()
    assert track.t[0] <= far <= track.t[-1]
    assert panel.renderer.moving
    # A jump is not a drag: nothing is prepared a whole jump further on (months of tables and blocks).
    qtbot.waitUntil(lambda: not panel.canvas.prepare_timer.isActive(), timeout=10000)
    t0, t1 = panel.renderer.track_span()
    further = far - DOCKING
    assert panel.renderer.cache.missing(t0 + further, t1 + further)
    qtbot.waitUntil(lambda: not panel.renderer.moving, timeout=5000)  # the settle timer
    panel.canvas.repaint()
    t0, t1 = panel.renderer.track_span()
    assert (int(np.ceil(t0 / 600.0)), False) in panel.canvas.sprites


def test_sprites_are_drawn_again_for_new_element_sets(window):
    import copy

    from planner.gui.commands import ReplaceItem

    panel = window.map_panel
    window.time_cursor.set_time(DOCKING)
    panel.renderer.moving = False
    panel.canvas.repaint()
    before = dict(panel.canvas.sprites._sprites)
    assert before
    # The same orbit from a new element-set record: the map builds a new orbit and must not reuse pictures.
    doc = window.doc
    changed = copy.deepcopy(doc.project.element_sets[0])
    doc.undo_stack.push(ReplaceItem(doc, "element_sets", changed.id, changed))
    panel.canvas.repaint()
    after = panel.canvas.sprites._sprites
    assert after and all(after[k] is not before.get(k) for k in after)
