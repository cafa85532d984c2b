"""The finder stops when asked (the app's Cancel): it tries no further launch and says it was cancelled."""

from __future__ import annotations

from datetime import datetime, timezone

from planner.finder import FlightRequest, find_flights
from planner.model.launch_sites import find_launch_site
from planner.model.project import Project

UTC = timezone.utc
# Without element sets the finder tries a launch a day: an empty plan passes each one.
REQUEST = FlightRequest("crew-dragon", 4, find_launch_site("lc-39a"), datetime(2022, 3, 1, tzinfo=UTC), (10.0,))


def test_a_stop_asked_before_the_third_launch_ends_the_search_with_two_flights():
    asked = []

    def stop():
        asked.append(True)
        return len(asked) >= 3

    result = find_flights(Project(), REQUEST, count=5, conditions=None, stop=stop)
    assert len(asked) == 3
    assert len(result.flights) == 2
    assert result.stopped == "cancelled after 2 of 5 flights"


def test_a_stop_that_never_says_yes_changes_nothing():
    asked = []
    result = find_flights(Project(), REQUEST, count=3, conditions=None, stop=lambda: asked.append(1) and False)
    assert len(result.flights) == 3 and result.stopped is None
    assert len(asked) == 3
    assert result.as_dict() == find_flights(Project(), REQUEST, count=3, conditions=None).as_dict()
