"""The timeline's beta strip: the solar beta angle in a lane above the ports, the spans when |beta| is above the
high-beta threshold shaded where planner.orbit.beta finds them, a tooltip in words, "no orbit data" beyond the
element set's reach, the selected mission's threshold, and a toolbar toggle that takes the lane away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from planner.gui.timeline.frame import AXIS_H, LABEL_W
from planner.model.times import parse_utc


def _t(text: str) -> float:
    return parse_utc(text).timestamp()


@pytest.fixture
def window(example_window, example_tab):
    """The example at 1024x700 on its timeline tab (the smallest screen the app fits)."""
    return example_tab(example_window.timeline_view, 1024, 700)


@pytest.fixture
def orbit(window):
    from planner.orbit import Orbit

    return Orbit.from_sets(list(window.doc.project.element_sets))


def _show(window, start: str, end: str):
    canvas = window.timeline_view.canvas
    canvas.show_window(_t(start), _t(end), margin=0.0)
    return canvas


def _shaded(canvas):
    """Per pixel of the canvas: True where it has the strip's shading over its plain background (exactly: the
    findings' amber bands, drawn over every lane, are another colour)."""
    import numpy as np
    from PySide6.QtGui import QImage, QPalette

    from planner.gui.timeline.layers.beta import HIGH_BETA, HIGH_BETA_ALPHA

    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    base = canvas.palette().color(QPalette.ColorRole.Base)  # the strip's own background (the first lane's)
    a = HIGH_BETA_ALPHA / 255.0
    blend = [getattr(base, c)() * (1 - a) + getattr(HIGH_BETA, c)() * a for c in ("blue", "green", "red")]
    return (np.abs(pixels[:, :canvas.width(), :3].astype(float) - blend) <= 3).all(axis=2)


def _shaded_runs(canvas, y: int) -> list[tuple[int, int]]:
    """First and last pixel column of each run of the strip's shading along row ``y`` (a dotted grid line across
    a run, a pixel or two, does not break it)."""
    runs = []
    for x in [int(x) for x in _shaded(canvas)[y].nonzero()[0] if x >= LABEL_W]:
        if runs and x - runs[-1][1] <= 3:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((x, x))
    return runs


def _shaded_pixels(canvas) -> int:
    """How many pixels of the canvas have the strip's shading."""
    return int(_shaded(canvas).sum())


def _strip_row(canvas) -> int:
    """A row of the beta lane clear of its line (|beta| never reaches 80 degrees) and of the dashed threshold."""
    lane = canvas.layout_.lane("beta")
    return round(AXIS_H - canvas.scroll_y + lane.top + 3)


def test_december_2021s_high_beta_span_is_shaded_where_the_core_finds_it(window, orbit):
    from planner.orbit.beta import beta_samples, high_beta_spans

    # The example's element set sees the station at beta near -75 degrees in mid-December 2021: no night at all.
    samples = beta_samples(orbit, _t("2021-12-13T00:00:00Z"), _t("2021-12-15T00:00:00Z"))
    assert samples.beta_deg.min() < -74.0 and samples.night_s.max() == 0.0

    canvas = _show(window, "2021-12-01T00:00:00Z", "2021-12-28T00:00:00Z")
    lane = canvas.layout_.lane("beta")
    assert lane is not None and lane.title == "Beta angle (>60°)"  # nothing selected: the lowest vehicle limit
    assert canvas.layout_.lane("port:rassvet-nadir").top > lane.top + lane.height  # above the ports
    t0, t1 = canvas.visible_span()
    (expected,) = high_beta_spans(orbit, t0, t1, 60.0)
    assert expected.peak_deg < -74.0
    runs = _shaded_runs(canvas, _strip_row(canvas))
    assert len(runs) == 1
    first, last = runs[0]
    # The edges within the drawing's resolution: a pixel (here about 80 minutes).
    assert abs(first - canvas.scale.x(expected.start)) <= 1.0
    assert abs(last + 1 - canvas.scale.x(expected.end)) <= 1.0
    # Closer, two days around each edge (a pixel is about six minutes): still within a pixel.
    for edge in (expected.start, expected.end):
        canvas.show_window(edge - 86400, edge + 86400, margin=0.0)
        assert 150.0 < canvas.scale.seconds_per_px < 400.0  # (closer still, the night bands are drawn over it)
        t0, t1 = canvas.visible_span()
        (span,) = high_beta_spans(orbit, t0, t1, 60.0)
        (run,) = _shaded_runs(canvas, _strip_row(canvas))
        at, drawn = (span.start, run[0]) if edge == expected.start else (span.end, run[1] + 1)
        # The same crossing, found on another span's hourly samples: where beta lingers at the threshold the
        # osculating plane's nod (hundredths of a degree twice an orbit) lets the crossing move by minutes.
        assert abs(at - edge) < 900.0
        assert abs(drawn - canvas.scale.x(at)) <= 1.0


def test_the_tooltip_says_beta_and_the_night_and_no_orbit_data_beyond_the_reach(window, orbit):
    from planner.orbit.beta import beta_angle, night_length_s

    canvas = _show(window, "2021-11-01T00:00:00Z", "2022-02-15T00:00:00Z")
    lane = canvas.layout_.lane("beta")
    y = AXIS_H - canvas.scroll_y + lane.top + lane.height / 2
    for when in ("2021-12-14T00:00:00Z", "2021-11-20T00:00:00Z"):
        x = round(canvas.scale.x(_t(when)))
        t = canvas.scale.t(x)
        beta = float(beta_angle(orbit, t)[0])
        night = float(night_length_s(orbit, t, beta)[0])
        text = canvas.tooltip_at(QPointF(x, y))
        if when.startswith("2021-12"):
            assert night == 0.0 and beta < -70.0
            assert text.startswith(f"β −{abs(beta):.1f}°, no orbital night (threshold 60°)")
        else:
            assert 0.0 < beta < 60.0
            assert text.startswith(f"β {beta:.1f}°, night {night / 60:.0f} min<br>")
        assert "Shaded: |β| above 60°, the lowest vehicle limit" in text
    # The element set reaches 90 days from its epoch (2021-10-15): after mid-January nothing is made up.
    text = canvas.tooltip_at(QPointF(canvas.scale.x(_t("2022-02-01T00:00:00Z")), y))
    assert text.startswith("No orbit data: ") and "element set iss-2021-10-15" in text and "β −" not in text
    view = lane.data.view(*canvas.visible_span(), lane.threshold, canvas.scale.seconds_per_px)
    reach = lane.data.readout.horizon.spans[-1, 1]
    assert view.gaps[-1] == (reach, canvas.visible_span()[1])
    assert max(seconds[-1] for seconds, _beta in view.segments) <= reach
    # Hatched and said in words: the strip differs from the lanes' plain background there.
    image = canvas.grab().toImage()
    x = round(canvas.scale.x(_t("2022-02-10T00:00:00Z")))
    column = {image.pixelColor(x, round(y) + dy).name() for dy in range(-8, 9)}
    assert len(column) > 1


def test_a_selected_soyuz_shades_above_its_own_limit(window, orbit):
    from planner.orbit.beta import high_beta_spans

    canvas = _show(window, "2021-12-01T00:00:00Z", "2021-12-28T00:00:00Z")
    t0, t1 = canvas.visible_span()
    wide = _shaded_runs(canvas, _strip_row(canvas))
    window.views["missions"].select_ids(["soyuz-ms-20"])
    lane = canvas.layout_.lane("beta")
    assert lane.title == "Beta angle (>70°)"
    (expected,) = high_beta_spans(orbit, t0, t1, 70.0)
    (narrow,) = _shaded_runs(canvas, _strip_row(canvas))
    assert abs(narrow[0] - canvas.scale.x(expected.start)) <= 1.0
    assert abs(narrow[1] + 1 - canvas.scale.x(expected.end)) <= 1.0
    assert wide[0][0] < narrow[0] and narrow[1] < wide[0][1]
    assert "Shaded: |β| above 70°, the Soyuz MS limit (Soyuz MS-20 selected)" in canvas.tooltip_at(
        QPointF(canvas.scale.x(_t("2021-12-14T00:00:00Z")), _strip_row(canvas)))
    # A Crew Dragon docks by IDA: 60 degrees again.
    window.views["missions"].select_ids(["crew-3"])
    assert lane.title == "Beta angle (>60°)"


def test_the_toolbar_toggle_takes_the_strip_away_and_brings_it_back(window):
    canvas = _show(window, "2021-12-01T00:00:00Z", "2021-12-28T00:00:00Z")
    y = _strip_row(canvas)
    assert len(_shaded_runs(canvas, y)) == 1
    assert _shaded_pixels(canvas) > 150 * 20  # the span across the strip
    (toggle,) = [a for a in window.timeline_view.toolbar.actions() if a.text() == "Beta Angle"]
    assert toggle.isCheckable() and toggle.isChecked()
    toggle.trigger()
    assert not toggle.isChecked()
    assert canvas.layout_.lane("beta") is None
    # Nothing is left in its place: the lanes below it (the links to the ground, then the ports) move up.
    assert canvas.layout_.lanes[0].key == "links" and canvas.layout_.lanes[0].top == 0
    assert canvas.layout_.lanes[1].key.startswith("port:")
    assert _shaded_pixels(canvas) == 0
    x = canvas.scale.x(_t("2021-12-14T00:00:00Z"))
    assert "β" not in canvas.tooltip_at(QPointF(x, y))
    toggle.trigger()
    assert canvas.layout_.lane("beta") is not None and len(_shaded_runs(canvas, y)) == 1
    assert _shaded_pixels(canvas) > 150 * 20


def test_paints_reuse_the_samples_and_a_pan_works_out_only_new_chunks(window):
    canvas = _show(window, "2021-12-01T00:00:00Z", "2021-12-28T00:00:00Z")
    canvas.repaint()
    data = canvas.layout_.lane("beta").data
    made = data.computed
    assert made > 0
    view = data.view(*canvas.visible_span(), 60.0, canvas.scale.seconds_per_px)
    for _ in range(3):
        canvas.repaint()
    window.time_cursor.set_time(_t("2021-12-05T00:00:00Z"))  # the cursor moves: a repaint, the same view
    canvas.repaint()
    assert data.computed == made
    assert data.view(*canvas.visible_span(), 60.0, canvas.scale.seconds_per_px) is view
    canvas.pan(canvas.plot_width() / 8)
    canvas.repaint()
    assert data.computed <= made + 1  # ten-day chunks: an eighth of four weeks' view needs at most one more


def test_the_strip_title_fits_its_column_at_1024_pixels(window, tmp_path):
    canvas = _show(window, "2021-10-01T00:00:00Z", "2022-03-01T00:00:00Z")
    lane = canvas.layout_.lane("beta")
    assert canvas.fontMetrics().horizontalAdvance(lane.title) <= LABEL_W - 12  # not elided
    assert window.grab().save(str(tmp_path / "timeline-beta.png"))
