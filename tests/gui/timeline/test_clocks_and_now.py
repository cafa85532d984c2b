"""The timeline's clocks and now-line: the time cursor read on GMT (with the day of year), Houston and Moscow over
the lanes, across Houston's fall-back of 7 Nov 2021; the now-line drawn only while the plan spans today (the clock
set by the test), moved by the clock's ticks with only its strips repainted; Today goes to the clock's now."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPointF

from planner.gui.timeline.frame import AXIS_H
from planner.gui.timeline.layers.now import NOW


def utc(*args) -> float:
    return datetime(*args, tzinfo=timezone.utc).timestamp()


@pytest.fixture
def window(example_window, example_tab):
    """The example at 1024x700 on its timeline tab."""
    return example_tab(example_window.timeline_view, 1024, 700)


def _click_empty_time(canvas, mouse, when: float) -> None:
    """Click the plot at ``when`` on the beta strip (no bar there): the cursor moves there."""
    pos = QPointF(canvas.scale.x(when), AXIS_H + 8)
    assert canvas.hit(pos) is None
    mouse(canvas, "press", pos)
    mouse(canvas, "release", pos)


def test_the_cursor_is_read_on_the_three_clocks_across_houstons_fall_back(window, mouse):
    view = window.timeline_view
    canvas = view.canvas
    canvas.show_window(utc(2021, 11, 7, 5), utc(2021, 11, 7, 9), margin=0.0)
    _click_empty_time(canvas, mouse, utc(2021, 11, 7, 6, 59, 30))
    assert view.clock_bar.cursor_label.text() == "Cursor   GMT 311/06:59  ·  Houston 01:59 CDT  ·  Moscow 09:59"
    _click_empty_time(canvas, mouse, utc(2021, 11, 7, 7, 0, 30))
    assert view.clock_bar.cursor_label.text() == "Cursor   GMT 311/07:00  ·  Houston 01:00 CST  ·  Moscow 10:00"
    # Going to a day (Ctrl+G's box) puts the cursor at its GMT midnight: 19:00 the evening before in Houston.
    view.go_to_date(view.date_edit.date().addDays(-30))
    assert view.clock_bar.cursor_label.text() == "Cursor   GMT 281/00:00  ·  Houston 19:00 CDT -1 d  ·  Moscow 03:00"


def _now_pixels(canvas, when: float) -> int:
    """How many pixels of the now-line's colour the column at ``when`` has below the axis."""
    image = canvas.grab().toImage()
    x = canvas.scale.x(when)
    count = 0
    for k in {int(x), round(x)}:
        for y in range(AXIS_H + 2, image.height(), 2):
            c = image.pixelColor(k, y)
            count += abs(c.red() - NOW.red()) + abs(c.green() - NOW.green()) + abs(c.blue() - NOW.blue()) < 60
    return count


def test_the_now_line_shows_only_while_the_plan_spans_today(window, tmp_path):
    view = window.timeline_view
    canvas = view.canvas
    now = utc(2021, 10, 6, 14, 5)
    window.clock.set_now(now)
    canvas.show_window(utc(2021, 10, 6, 6), utc(2021, 10, 7), margin=0.0)
    assert _now_pixels(canvas, now) > 20
    assert canvas.state.now == now
    assert view.clock_bar.now_label.text() == "Now   GMT 279/14:05"
    on_line = QPointF(canvas.scale.x(now) + 1, canvas.height() - 30)
    assert "<b>Now</b> GMT 279/14:05 · Houston 09:05 CDT · Moscow 17:05" in canvas.tooltip_at(on_line)
    assert window.grab().save(str(tmp_path / "now-line.png"))
    # Beyond the plan (its last landing is on 30 Mar 2022): no line, even on the day shown.
    later = utc(2023, 6, 1, 12)
    window.clock.set_now(later)
    canvas.show_window(later - 6 * 3600, later + 6 * 3600, margin=0.0)
    assert _now_pixels(canvas, later) == 0
    assert canvas.state.now is None
    assert view.clock_bar.now_label.text() == "Now   GMT 152/12:00"


def test_a_tick_moves_the_line_repainting_only_its_strips(window, monkeypatch):
    canvas = window.timeline_view.canvas
    now = utc(2021, 10, 6, 14, 5)
    window.clock.set_now(now)
    canvas.show_window(utc(2021, 10, 6, 6), utc(2021, 10, 7), margin=0.0)
    assert _now_pixels(canvas, now) > 20
    asked = []  # what the tick asks to repaint (the tick's own asks: it is handled at once, not queued)
    monkeypatch.setattr(canvas, "update", lambda *area: asked.append(area))
    window.clock.set_now(now + 3600)
    monkeypatch.undo()
    assert len(asked) == 2 and all(len(area) == 1 and area[0].width() <= 16 for area in asked), asked
    for area, when in zip(asked, (now, now + 3600)):  # the strip the line leaves, the one it comes to
        assert area[0].left() < canvas.scale.x(when) < area[0].right()
        assert area[0].height() == canvas.height()
    assert _now_pixels(canvas, now + 3600) > 20 and _now_pixels(canvas, now) == 0


def test_today_goes_to_the_clocks_now(window, click_text):
    canvas = window.timeline_view.canvas
    now = utc(2021, 10, 9, 12)
    window.clock.set_now(now)
    click_text(window.timeline_view.toolbar, "Today")
    t0, t1 = canvas.visible_span()
    assert abs((t0 + t1) / 2 - now) < 2 * canvas.scale.seconds_per_px
    assert abs((t1 - t0) - 2 * 86400) < 2 * canvas.scale.seconds_per_px
