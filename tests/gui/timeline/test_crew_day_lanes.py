"""The person lanes show the crew's day when zoomed in: sleep shaded (21:30 to 06:00 GMT), post- and pre-sleep and a day
off lighter, moved by a sleep shift of that person only, gone with a day around the clock, and not drawn zoomed out."""

from __future__ import annotations

from datetime import date, datetime, timezone

from planner.gui.commands import InsertItem, SetPart
from planner.gui.timeline.layers.crew_day import SHOW_BELOW_SECONDS_PER_PX
from planner.model.crew_day import AROUND_THE_CLOCK, SleepShift


def _t(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


def _pixel(canvas, lane_y, person, when):
    canvas.set_scroll(canvas.layout_.lane("person:yulia-peresild").top - 60)  # the film crew's lanes in view
    y = lane_y(canvas, f"person:{person}") + canvas.layout_.lane(f"person:{person}").height / 2 - 3
    return canvas.grab().toImage().pixelColor(int(canvas.scale.x(_t(when))), int(y))


def test_sleep_is_shaded_in_the_lanes_of_the_people_aboard(window, canvas, lane_y):
    canvas.show_window(_t("2021-10-07T00:00:00"), _t("2021-10-09T00:00:00"), margin=0.0)
    assert canvas.scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX
    asleep = _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T02:00:00")
    awake = _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T15:00:00")  # no activity then
    assert asleep.lightness() < awake.lightness() - 20 and asleep.blue() > asleep.red()
    # The wake of 8 October moved 7 h later for Yulia Peresild: still asleep at 09:00, Klim Shipenko awake.
    doc = window.doc
    shift = SleepShift("s1", day=date(2021, 10, 8), person="yulia-peresild", wake_delay_hours=7.0)
    doc.undo_stack.push(InsertItem(doc, "sleep_shifts", shift))
    assert _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T11:00:00").lightness() < awake.lightness() - 20
    klim_awake = _pixel(canvas, lane_y, "klim-shipenko", "2021-10-08T15:00:00")
    assert _pixel(canvas, lane_y, "klim-shipenko", "2021-10-07T14:00:00") == klim_awake
    doc.undo_stack.undo()
    assert _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T02:00:00") == asleep
    # A crew working around the clock has no sleep to draw.
    doc.undo_stack.push(SetPart(doc, "crew_day", AROUND_THE_CLOCK))
    assert _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T02:00:00") == awake
    doc.undo_stack.undo()
    assert _pixel(canvas, lane_y, "yulia-peresild", "2021-10-08T02:00:00") == asleep


def test_zoomed_out_the_blocks_are_not_drawn(window, canvas, lane_y):
    canvas.show_window(_t("2021-09-01T00:00:00"), _t("2021-11-30T00:00:00"), margin=0.0)
    assert canvas.scale.seconds_per_px > SHOW_BELOW_SECONDS_PER_PX
    before = canvas.grab().toImage()
    window.doc.undo_stack.push(SetPart(window.doc, "crew_day", AROUND_THE_CLOCK))
    assert canvas.grab().toImage() == before


def test_post_sleep_pre_sleep_and_a_day_off_are_shaded_lighter_than_sleep(window, canvas, lane_y):
    """Yulia Peresild's Friday 8 October (a weekday): post-sleep 06:00-07:00 and pre-sleep 19:30-21:30 shaded between
    her sleep and her working hours; Sunday 10 October, her day off, faintly shaded over its working hours."""
    canvas.show_window(_t("2021-10-07T18:00:00"), _t("2021-10-10T23:00:00"), margin=0.0)
    assert canvas.scale.seconds_per_px <= SHOW_BELOW_SECONDS_PER_PX

    def lightness(when):
        return _pixel(canvas, lane_y, "yulia-peresild", when).lightness()

    asleep, awake = lightness("2021-10-08T03:00:00"), lightness("2021-10-08T15:00:00")
    post, pre = lightness("2021-10-08T06:30:00"), lightness("2021-10-08T20:30:00")
    day_off = lightness("2021-10-10T17:00:00")
    for block in (post, pre):
        assert asleep + 10 < block < awake - 10
    assert post + 5 < day_off < awake - 3
