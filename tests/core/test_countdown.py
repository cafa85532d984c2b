"""The time list's countdowns: how long until an activity, or how long it has left, at an injected now."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from planner.model import Activity, ActivityKind, ActivityStatus
from planner.model.countdown import coming, countdown, span_words

START = datetime(2021, 10, 6, 16, 0, tzinfo=timezone.utc)


def shoot(status=ActivityStatus.PLANNED) -> Activity:
    return Activity("a", "Scene", ActivityKind.FILM_SHOOT, START, START + timedelta(hours=3), status=status)


@pytest.mark.parametrize("before, said", [
    (timedelta(hours=2, minutes=14), "in 2 h 14 min"),
    (timedelta(minutes=12), "in 12 min"),
    (timedelta(seconds=29), "in 0 min"),
    (timedelta(days=3, hours=4, minutes=20), "in 3 d 4 h"),
    (timedelta(days=2), "in 2 d"),
    (timedelta(hours=30), "in 30 h 00 min"),
])
def test_before_the_start(before, said):
    assert countdown(shoot(), START - before) == said


def test_during_and_after():
    assert countdown(shoot(), START + timedelta(hours=2, minutes=48)) == "now, 12 min left"
    assert countdown(shoot(ActivityStatus.IN_PROGRESS), START + timedelta(minutes=30)) == "now, 2 h 30 min left"
    # Nobody said it ended: the list asks for it in its words.
    assert countdown(shoot(), START + timedelta(hours=3, minutes=20)) == "ended 20 min ago"
    assert countdown(shoot(ActivityStatus.IN_PROGRESS), START + timedelta(hours=3, minutes=5)) == "running 5 min over"


def test_done_and_skipped_say_so_at_any_time():
    for now in (START - timedelta(days=1), START, START + timedelta(days=1)):
        assert countdown(shoot(ActivityStatus.DONE), now) == "done"
        assert countdown(shoot(ActivityStatus.SKIPPED), now) == "skipped"


def test_span_words():
    assert span_words(59 * 60 + 31) == "1 h 00 min"
    assert span_words(47.9 * 3600) == "47 h 54 min"
    assert span_words(49.6 * 3600) == "2 d 2 h"
    assert span_words(13.9 * 86400) == "13 d 22 h"
    assert span_words(45.6 * 86400) == "46 d"
    assert span_words(729 * 86400) == "729 d"
    assert span_words(1882.9 * 86400) == "5 years"  # the example's 2021 seen from December 2026


def test_coming_lists_what_overlaps_in_time_order():
    def act(ident, hours_from, hours_to, status=ActivityStatus.PLANNED):
        return Activity(ident, ident, ActivityKind.OTHER, START + timedelta(hours=hours_from),
                        START + timedelta(hours=hours_to), status=status)

    acts = [act("late", 30, 31), act("running", -1, 1), act("next", 2, 3), act("old", -20, -19),
            act("ended-unmarked", -3, -2), act("ended-done", -3, -2, ActivityStatus.DONE), act("beyond", 48, 49)]
    day = START + timedelta(days=1)
    assert [a.id for a in coming(acts, START, day)] == ["running", "next"]
    assert [a.id for a in coming(acts, START, day + timedelta(hours=8))] == ["running", "next", "late"]
    # From now: what ended unmarked in the last six hours is still asked about; what is done is not.
    assert [a.id for a in coming(acts, START, day, now=START)] == ["ended-unmarked", "running", "next"]
