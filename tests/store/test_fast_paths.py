"""The loader's fast paths (plain valid missions and activities) build exactly what the checked paths build."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from planner.store import ProjectFileError, project_from_json, project_to_json
from planner.store import decode
from planner.store.encode import project_to_dict

from store_examples import film_project  # noqa: E402
from store_strategies import projects  # noqa: E402


def _without_extras(project):
    for mission in project.missions:
        mission.extra = {}
        for event in mission.events:
            event.extra = {}
    for activity in project.activities:
        activity.extra = {}
        activity.needs = tuple(type(n)(n.kind, n.site, n.min_elevation_deg) for n in activity.needs)
    return project


def _counting_fast_paths(monkeypatch):
    counts = {"fast": 0}
    for name in ("_quick_activity", "_quick_mission"):
        real = getattr(decode, name)

        def counting(*args, _real=real):
            result = _real(*args)
            counts["fast"] += result is not None
            return result

        monkeypatch.setattr(decode, name, counting)
    return counts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(projects())
def test_fast_and_checked_paths_agree(monkeypatch, project):
    text = project_to_json(_without_extras(project))
    fast = project_from_json(text)
    with monkeypatch.context() as patch:
        patch.setattr(decode, "_quick_activity", lambda *args: None)
        patch.setattr(decode, "_quick_mission", lambda *args: None)
        checked = project_from_json(text)
    assert fast == checked == project
    assert project_to_dict(fast) == project_to_dict(checked)


def test_plain_missions_and_activities_take_the_fast_path(monkeypatch):
    project = _without_extras(film_project())
    project.missions[1].events[2].utc = project.missions[1].events[2].utc.replace(microsecond=0)
    counts = _counting_fast_paths(monkeypatch)
    assert project_from_json(project_to_json(project)) == project
    assert counts["fast"] == len(project.missions) + len(project.activities)


def test_times_with_fractions_and_offsets_take_the_checked_path():
    doc = json.loads(project_to_json(film_project()))
    doc["activities"][0]["start"] = "2021-10-07T10:00:00.250Z"
    doc["activities"][0]["end"] = "2021-10-07 11:30+00:00"
    project = project_from_json(json.dumps(doc))
    assert project.activities[0].start.microsecond == 250_000
    assert project.activities[0].end == film_project().activities[0].end


def test_iso_week_dates_are_not_times():
    doc = json.loads(project_to_json(film_project()))
    doc["activities"][0]["start"] = "2021-W40-1T08:55:02Z"
    with pytest.raises(ProjectFileError) as info:
        project_from_json(json.dumps(doc))
    assert info.value.json_path == "$.activities[0].start"
