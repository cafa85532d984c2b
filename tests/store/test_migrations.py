"""Older layouts are brought up to date on load (version 0 is the made-up development layout)."""

from __future__ import annotations

import json

import pytest

from planner.model import EventKind
from planner.store import SCHEMA_VERSION, ProjectFileError, project_from_json, project_to_json
from planner.store.migrations import MIGRATIONS, OLDEST_VERSION, migrate

VERSION_0 = {
    "format": "iss-visit-planner",
    "schema_version": 0,
    "title": "Film flight",
    "author": "an early tester",
    "station": "iss",
    "people": [{"id": "anton", "name": "Anton Shkaplerov"}, {"id": "yulia", "name": "Yulia Peresild"}],
    "missions": [{
        "id": "ms-19", "name": "Soyuz MS-19", "vehicle_type": "soyuz-ms",
        "events": [
            {"kind": "launch", "time": "2021-10-05T08:55:02Z", "crew": "anton; yulia"},
            {"kind": "relocate", "time": "2021-10-06T08:00:00Z", "end_time": "2021-10-06T08:40:00Z",
             "from_port": "rassvet-nadir", "port": "nauka-nadir", "crew": "anton"},
        ],
        "legacy_colour": "#ff0000",
    }],
}


def test_every_step_between_oldest_and_current_exists():
    assert sorted(MIGRATIONS) == list(range(OLDEST_VERSION, SCHEMA_VERSION))


def test_version_0_file_loads_as_current_project():
    project = project_from_json(json.dumps(VERSION_0), source="old.issplan")
    assert project.meta.title == "Film flight" and project.meta.author == "an early tester"
    assert project.station_id == "iss"
    launch, relocate = project.missions[0].events
    assert launch.kind is EventKind.LAUNCH and launch.crew == ("anton", "yulia")
    assert launch.utc.isoformat() == "2021-10-05T08:55:02+00:00"
    assert relocate.end_utc.isoformat() == "2021-10-06T08:40:00+00:00" and relocate.crew == ("anton",)
    assert project.missions[0].extra == {"legacy_colour": "#ff0000"}
    saved = json.loads(project_to_json(project))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert "title" not in saved and saved["meta"]["title"] == "Film flight"
    assert saved["missions"][0]["events"][0]["utc"] == "2021-10-05T08:55:02Z"


def test_migration_does_not_change_the_callers_document():
    before = json.dumps(VERSION_0, sort_keys=True)
    migrate(VERSION_0, 0)
    assert json.dumps(VERSION_0, sort_keys=True) == before


def test_current_documents_pass_unchanged():
    doc = {"format": "iss-visit-planner", "schema_version": SCHEMA_VERSION}
    assert migrate(doc, SCHEMA_VERSION) is doc


def test_a_broken_version_0_file_is_still_reported_cleanly():
    doc = json.loads(json.dumps(VERSION_0))
    doc["missions"][0]["events"][0]["time"] = "yesterday"
    doc["station"] = 42
    with pytest.raises(ProjectFileError) as info:
        project_from_json(json.dumps(doc))
    assert info.value.json_path == "$.station"
