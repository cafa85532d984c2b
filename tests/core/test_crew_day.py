"""The crew's day: the template's blocks at the hours of the team's domain notes (wake about 06:00 GMT, about an hour
of post-sleep, bed about 21:30 GMT; Saturday a half day, Sunday off), and sleep shifts moving them (the Soyuz 30S
undocking of 2012-09-16: wake delayed 7 h, sleep shifted 6 h 20 min)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np

from planner.model.catalogue import load_station
from planner.model.crew_day import BlockKind, DayTemplate, SleepShift
from planner.model.project import Project
from planner.station.crew_day import day_number, person_blocks, waking_days, weekday, work_budget_s

K = BlockKind


def t(text: str) -> float:
    """Epoch seconds of a GMT time written '2021-10-12 06:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


def blocks_of(day: str, shifts=(), person=None, template=None):
    """(start text, end text, kind) of the blocks that start on ``day`` (GMT), in order."""
    template = template or load_station("iss").crew_day
    start = t(f"{day} 00:00")
    found = person_blocks(template, shifts, person, start, start + 86399)
    fmt = lambda s: datetime.fromtimestamp(s, timezone.utc).strftime("%d %H:%M")  # noqa: E731
    return [(fmt(s), fmt(e), K(k)) for s, e, k in zip(found.start, found.end, found.kind) if s >= start]


def test_the_catalogue_holds_the_domain_notes_defaults():
    day = load_station("iss").crew_day
    assert (day.wake_hour, day.sleep_hour, day.post_sleep_hours) == (6.0, 21.5, 1.0)
    assert (day.work_hours, day.lunch_hours, day.exercise_hours) == (6.5, 1.0, 2.5)
    assert day.saturday_work_hours == day.work_hours / 2 and day.sunday_work_hours == 0
    assert Project().effective_crew_day == day


def test_a_tuesday_in_october_2021():
    assert date(2021, 10, 12).weekday() == 1
    assert blocks_of("2021-10-12") == [
        ("12 06:00", "12 07:00", K.POST_SLEEP),
        ("12 07:00", "12 07:15", K.CONFERENCE),  # the morning daily planning conference
        ("12 07:15", "12 19:15", K.WORK),  # 12 h: 6.5 h work, 1 h lunch, 2.5 h exercise and the rest
        ("12 19:15", "12 19:30", K.CONFERENCE),  # the evening one
        ("12 19:30", "12 21:30", K.PRE_SLEEP),
        ("12 21:30", "13 06:00", K.SLEEP),
    ]
    tpl = load_station("iss").crew_day
    assert tpl.work_hours + tpl.lunch_hours + tpl.exercise_hours <= 12


def test_saturday_is_a_working_day_with_half_the_work_and_sunday_a_day_off():
    saturday = blocks_of("2021-10-09")
    assert ("09 07:15", "09 19:15", K.WORK) in saturday
    sunday = blocks_of("2021-10-10")
    assert ("10 07:15", "10 19:15", K.DAY_OFF) in sunday
    assert ("10 21:30", "11 06:00", K.SLEEP) in sunday and ("10 06:00", "10 07:00", K.POST_SLEEP) in sunday
    tpl = load_station("iss").crew_day
    days = day_number([t("2021-10-08 12:00"), t("2021-10-09 12:00"), t("2021-10-10 12:00")])
    assert work_budget_s(tpl, weekday(days)).tolist() == [6.5 * 3600, 3.25 * 3600, 0.0]


def test_the_soyuz_30s_sleep_shift_moves_the_blocks():
    # 2012-09-16: wake delayed 7 h (13:00 GMT), sleep shifted 6 h 20 min (03:50 GMT on the 17th).
    shift = SleepShift("s1", day=date(2012, 9, 16), wake_delay_hours=7.0, sleep_delay_hours=6 + 20 / 60,
                       note="Soyuz 30S undocking")
    before = blocks_of("2012-09-16")
    after = blocks_of("2012-09-16", [shift])
    assert before[0] == ("16 06:00", "16 07:00", K.POST_SLEEP)
    assert after[0] == ("16 13:00", "16 14:00", K.POST_SLEEP)
    assert date(2012, 9, 16).weekday() == 6  # a Sunday: its waking hours are a day off
    assert after[1:] == [("16 14:00", "16 14:15", K.CONFERENCE), ("16 14:15", "17 01:35", K.DAY_OFF)]
    following = blocks_of("2012-09-17", [shift])
    assert following[:3] == [("17 01:35", "17 01:50", K.CONFERENCE), ("17 01:50", "17 03:50", K.PRE_SLEEP),
                             ("17 03:50", "17 06:00", K.SLEEP)]
    # The day before and after are the template's, except that the night before lasts until the late wake.
    assert blocks_of("2012-09-15", [shift])[-1] == ("15 21:30", "16 13:00", K.SLEEP)
    assert following[3:] == blocks_of("2012-09-17")


def test_a_persons_own_shift_leaves_the_others_alone():
    late = SleepShift("s2", day=None, person="yulia", wake_delay_hours=1.0, sleep_delay_hours=1.0)
    assert blocks_of("2021-10-12", [late], person="yulia")[0] == ("12 07:00", "12 08:00", K.POST_SLEEP)
    assert blocks_of("2021-10-12", [late], person="klim")[0] == ("12 06:00", "12 07:00", K.POST_SLEEP)
    assert blocks_of("2021-10-12", [late], person=None)[0] == ("12 06:00", "12 07:00", K.POST_SLEEP)


def test_blocks_are_contiguous_and_cover_months():
    tpl = DayTemplate()
    start, end = t("2021-07-01 00:00"), t("2021-12-31 00:00")
    shifts = [SleepShift(f"s{k}", day=date(2021, 9, k), wake_delay_hours=k - 10, sleep_delay_hours=10 - k)
              for k in range(1, 28)]
    found = person_blocks(tpl, shifts, None, start, end)
    assert found.start[0] <= start and found.end[-1] >= end
    assert np.all(found.end > found.start) and np.array_equal(found.start[1:], found.end[:-1])
    assert len(found) > 183 * 5
    days, wake, sleep = waking_days(tpl, shifts, None, int(day_number(start)), int(day_number(end)))
    assert np.all(sleep >= wake)


def test_a_crowded_day_keeps_its_blocks_in_order():
    # Wake delayed 15 h with the sleep unmoved: the waking day is squeezed to nothing, blocks never go back.
    shift = SleepShift("s", day=date(2021, 10, 12), wake_delay_hours=15.0)
    found = person_blocks(DayTemplate(), [shift], None, t("2021-10-11 00:00"), t("2021-10-14 00:00"))
    assert np.all(found.end > found.start) and np.array_equal(found.start[1:], found.end[:-1])
    overlapping = found.overlapping(t("2021-10-12 12:00"), t("2021-10-12 13:00"))
    assert [k for _s, _e, k in overlapping] == [K.SLEEP]


def test_a_persons_shifts_follow_a_rename():
    from planner.model import Person
    from planner.model.ids import retargeted

    project = Project(people=[Person("yulia", "Yulia")],
                      sleep_shifts=[SleepShift("s", person="yulia", wake_delay_hours=1.0), SleepShift("crew")])
    [(collection, moved)] = retargeted(project, "people", "yulia", "yulia-peresild")
    assert collection == "sleep_shifts" and moved.id == "s" and moved.person == "yulia-peresild"
    assert project.sleep_shifts[0].person == "yulia"  # a changed copy: the undo command puts it in


def test_the_working_windows_are_the_grids_blocks_on_crowded_and_shifted_days():
    # The rules' screen reads working_windows; the exact look, day_grid: the same numbers, however odd the day.
    import random

    from planner.station.crew_day import day_grid, working_windows

    rng = random.Random(1)
    for _ in range(300):
        template = DayTemplate(wake_hour=rng.uniform(0, 30), sleep_hour=rng.uniform(0, 48),
                               post_sleep_hours=rng.uniform(0, 5), conference_hours=rng.uniform(0, 2),
                               pre_sleep_hours=rng.uniform(0, 5), sunday_work_hours=rng.choice([0.0, 3.0]))
        shifts = [SleepShift(f"s{k}", day=date(1970, 4, 11 + rng.randrange(20)) if rng.random() < 0.8 else None,
                             wake_delay_hours=rng.uniform(-24, 24), sleep_delay_hours=rng.uniform(-24, 24))
                  for k in range(rng.randrange(4))]
        starts, ends, kinds = day_grid(template, shifts, None, 95, 125)
        opens, closes, working = working_windows(template, shifts, None, 95, 125)
        assert np.array_equal(starts[2::6], opens) and np.array_equal(ends[2::6], closes)
        assert np.array_equal(kinds[2::6] == K.WORK, working)
