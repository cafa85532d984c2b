"""An activity's status (planned, in progress, done, skipped) is saved, read back, and absent from old files."""

from __future__ import annotations

import json

import pytest

from planner.model import ActivityStatus
from planner.resources import example_project_path
from planner.store import ProjectFileError, load_project, project_from_json, project_to_json
from planner.store.encode import project_to_dict

from store_examples import film_project  # noqa: E402  (tests/store is on sys.path via its conftest)


@pytest.mark.parametrize("status", list(ActivityStatus))
def test_each_status_round_trips(status):
    project = film_project()
    project.activities[0].status = status
    text = project_to_json(project)
    written = json.loads(text)["activities"][0]
    # Planned is the default and left out (files stay as they were); the others are written by their name.
    assert written.get("status") == (None if status is ActivityStatus.PLANNED else status.value)
    assert project_from_json(text).activities[0].status is status
    assert project_to_json(project_from_json(text)) == text


def test_status_is_written_after_the_times():
    project = film_project()
    project.activities[0].status = ActivityStatus.DONE
    keys = list(project_to_dict(project)["activities"][0])
    assert keys[keys.index("end") + 1] == "status"


def test_a_file_from_before_statuses_opens_with_every_activity_planned():
    text = example_project_path().read_text(encoding="utf-8")
    assert '"status"' not in text  # the bundled example was written before statuses
    project = load_project(example_project_path())
    assert project.activities
    assert {a.status for a in project.activities} == {ActivityStatus.PLANNED}


def test_an_unknown_status_is_refused_in_one_line():
    doc = json.loads(project_to_json(film_project()))
    doc["activities"][0]["status"] = "postponed"
    with pytest.raises(ProjectFileError) as caught:
        project_from_json(json.dumps(doc, indent=2))
    message = str(caught.value)
    assert "\n" not in message
    assert "at $.activities[0].status: 'postponed' is not a known activity status" in message
    assert "(use one of planned, in-progress, done, skipped)" in message
