"""The crew-day rules on the bundled example (The Challenge's shooting plan, October 2021): an activity in a
participant's sleep or the hours around it, on a day off, and more planned on a day than it holds; each fires
on the example when the plan breaks it, and not otherwise; a re-check after the edit agrees with a full check."""

from __future__ import annotations

from datetime import date

import pytest

from planner.model.crew_day import SleepShift
from planner.model.times import parse_utc
from planner.rules import RuleEngine
from planner.rules.crew_day import DAY_OFF_RULE, REST_RULE, WORKLOAD_RULE
from planner.rules.fixes import apply_fix

WINDOW_SHOT = "act-03"  # Window shot: Earth in daylight, Thu 7 Oct 10:01-10:31, Peresild and Shipenko


@pytest.fixture
def example(example_plan):
    return example_plan


def crew(engine, rule):
    return [f for f in engine.findings() if f.rule == rule]


def move(project, activity_id, start, end):
    activity = next(a for a in project.activities if a.id == activity_id)
    activity.start, activity.end = parse_utc(start), parse_utc(end)
    return activity


def same_as_full_check(engine):
    assert engine.findings() == RuleEngine(engine.project).findings()


def test_the_example_keeps_the_crews_rest(example):
    assert crew(RuleEngine(example), REST_RULE) == []


def test_a_shoot_moved_into_the_night_is_in_the_sleep_of_its_people(example):
    engine = RuleEngine(example)
    move(example, WINDOW_SHOT, "2021-10-07T23:00:00Z", "2021-10-07T23:30:00Z")
    engine.activity_changed(WINDOW_SHOT)
    [found] = crew(engine, REST_RULE)
    assert found.activities == (WINDOW_SHOT,) and set(found.people) == {"yulia-peresild", "klim-shipenko"}
    assert (found.start, found.end) == (parse_utc("2021-10-07T23:00:00Z").timestamp(),
                                        parse_utc("2021-10-07T23:30:00Z").timestamp())
    assert "falls in the sleep of Yulia Peresild and Klim Shipenko" in found.message
    same_as_full_check(engine)
    # Back in the working hours: gone again.
    move(example, WINDOW_SHOT, "2021-10-07T10:01:00Z", "2021-10-07T10:31:00Z")
    engine.activity_changed(WINDOW_SHOT)
    assert crew(engine, REST_RULE) == []


def test_post_sleep_and_pre_sleep_are_rest_too(example):
    engine = RuleEngine(example)
    move(example, WINDOW_SHOT, "2021-10-07T06:30:00Z", "2021-10-07T06:45:00Z")  # post-sleep 06:00-07:00
    engine.activity_changed(WINDOW_SHOT)
    assert "falls in the post-sleep of" in crew(engine, REST_RULE)[0].message
    move(example, WINDOW_SHOT, "2021-10-07T21:00:00Z", "2021-10-07T22:00:00Z")  # pre-sleep then sleep at 21:30
    engine.activity_changed(WINDOW_SHOT)
    assert "falls in the pre-sleep and sleep of" in crew(engine, REST_RULE)[0].message
    same_as_full_check(engine)


def test_the_crews_sleep_shift_puts_a_morning_shoot_in_their_sleep(example):
    example.sleep_shifts = [SleepShift("late", day=date(2021, 10, 7), wake_delay_hours=7.0, sleep_delay_hours=6.0)]
    [found] = crew(RuleEngine(example), REST_RULE)
    assert found.activities == (WINDOW_SHOT,)
    # Only Yulia Peresild's day moved: the shoot is in her sleep, not in Klim Shipenko's.
    example.sleep_shifts = [SleepShift("late", day=date(2021, 10, 7), person="yulia-peresild", wake_delay_hours=7.0)]
    [found] = crew(RuleEngine(example), REST_RULE)
    assert found.people == ("yulia-peresild",)


def test_the_sunday_surgery_scene_is_on_a_day_off(example):
    [found] = crew(RuleEngine(example), DAY_OFF_RULE)
    assert found.activities == ("act-06",) and "Sunday 2021-10-10, a day off for" in found.message
    assert len(found.people) == 4
    example.crew_day = example.station.crew_day.updated(sunday_work_hours=6.5)
    assert crew(RuleEngine(example), DAY_OFF_RULE) == []


def test_five_hours_of_shooting_on_a_saturday_is_more_than_its_half_day(example):
    found = crew(RuleEngine(example), WORKLOAD_RULE)
    saturday = [f for f in found if "Saturday 2021-10-09" in f.message]
    assert {f.people[0] for f in saturday} == {"yulia-peresild", "klim-shipenko", "oleg-novitskiy",
                                               "anton-shkaplerov"}
    assert "has 5 h of activities planned on Saturday 2021-10-09, more than the 3 h 15 min" in saturday[0].message
    assert (saturday[0].start, saturday[0].end) == (parse_utc("2021-10-09T06:00:00Z").timestamp(),
                                                    parse_utc("2021-10-09T21:30:00Z").timestamp())
    # Weekdays hold 6.5 h: the 4 h shoots of the example are within them.
    assert not [f for f in found if "Saturday" not in f.message]
    example.crew_day = example.station.crew_day.updated(saturday_work_hours=6.5)
    assert crew(RuleEngine(example), WORKLOAD_RULE) == []


def test_a_long_weekday_is_warned_after_an_edit_as_in_a_full_check(example):
    # Thursday 14 October holds a 3 h shoot (12:00-15:00) of Peresild and Shipenko; the window shot joins it.
    engine = RuleEngine(example)
    move(example, WINDOW_SHOT, "2021-10-14T08:00:00Z", "2021-10-14T11:00:00Z")  # 6 h: within 6.5 h
    engine.activity_changed(WINDOW_SHOT)
    assert [f for f in crew(engine, WORKLOAD_RULE) if "Thursday" in f.message] == []
    move(example, WINDOW_SHOT, "2021-10-14T07:30:00Z", "2021-10-14T11:30:00Z")  # 7 h
    engine.activity_changed(WINDOW_SHOT)
    thursday = [f for f in crew(engine, WORKLOAD_RULE) if "Thursday" in f.message]
    assert {f.people[0] for f in thursday} == {"yulia-peresild", "klim-shipenko"}
    assert "has 7 h of activities planned on Thursday 2021-10-14, more than the 6 h 30 min" in thursday[0].message
    assert set(thursday[0].activities) == {WINDOW_SHOT, "act-10"}
    same_as_full_check(engine)


def test_a_shoot_in_the_night_is_offered_the_nearest_working_hours_of_its_people(example):
    move(example, WINDOW_SHOT, "2021-10-07T23:00:00Z", "2021-10-07T23:30:00Z")
    engine = RuleEngine(example)
    [found] = [f for f in engine.findings(suggestions=True) if f.rule == REST_RULE]
    [fix] = found.suggestions
    # The working window of 7 October ends at 19:15 GMT: the half hour before it, 4 h 15 min earlier.
    assert fix.action == "move-activity" and fix.utc == parse_utc("2021-10-07T18:45:00Z").timestamp()
    assert fix.text == ("move to 2021-10-07 18:45–19:15 UTC (4 h 15 min earlier), the nearest time in the working "
                        "hours of Yulia Peresild and Klim Shipenko")
    fixed = apply_fix(example, found, fix).applied_to(example)
    assert crew(RuleEngine(fixed), REST_RULE) == []


def test_the_sunday_scene_is_offered_a_working_day(example):
    engine = RuleEngine(example)
    [found] = [f for f in engine.findings(suggestions=True) if f.rule == DAY_OFF_RULE]
    [fix] = found.suggestions
    assert "the nearest time in the working hours of all 4 of its people" in fix.text
    fixed = apply_fix(example, found, fix).applied_to(example)
    assert crew(RuleEngine(fixed), DAY_OFF_RULE) == [] and crew(RuleEngine(fixed), REST_RULE) == []
