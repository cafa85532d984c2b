"""The JSON Schema and the hand-written loader agree: valid projects pass both, broken ones fail both."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from planner.model import ActivityKind, ElementFormat, EventKind, NeedKind, StationSettings
from planner.model.catalogue import load_station
from planner.resources import resource_path
from planner.store import ProjectFileError, SCHEMA_VERSION, project_from_json, project_to_json
from planner.store import layout as L

from store_examples import film_project  # noqa: E402
from store_strategies import projects  # noqa: E402

SCHEMA = json.loads(resource_path("schema", "project.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
DEFS = SCHEMA["$defs"]


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert SCHEMA["properties"]["format"]["const"] == L.FORMAT


@pytest.mark.parametrize("keys, schema_object", [
    (L.TOP_KEYS, SCHEMA), (L.META_KEYS, DEFS["meta"]), (L.STATION_KEYS, DEFS["station"]),
    (L.PORT_BLOCK_KEYS, DEFS["port_block"]), (L.PERSON_KEYS, DEFS["person"]), (L.MISSION_KEYS, DEFS["mission"]),
    (L.EVENT_KEYS, DEFS["event"]), (L.ACTIVITY_KEYS, DEFS["activity"]), (L.NEED_KEYS, DEFS["need"]),
    (L.SITE_KEYS, DEFS["site"]), (L.ELEMENT_SET_KEYS, DEFS["element_set"]),
    (StationSettings.names(), DEFS["settings"]),
])
def test_schema_lists_properties_in_the_written_key_order(keys, schema_object):
    assert tuple(schema_object["properties"]) == tuple(keys)


def test_schema_enums_match_the_model_and_the_catalogue():
    station = load_station("iss")
    assert DEFS["port_id"]["enum"] == [p.id for p in station.ports]
    assert DEFS["vehicle_type"]["enum"] == [v.id for v in station.vehicle_types]
    assert DEFS["event"]["properties"]["kind"]["enum"] == [k.value for k in EventKind]
    assert DEFS["activity"]["properties"]["kind"]["enum"] == [k.value for k in ActivityKind]
    assert DEFS["need"]["properties"]["kind"]["enum"] == [k.value for k in NeedKind]
    assert DEFS["element_set"]["properties"]["format"]["enum"] == [f.value for f in ElementFormat]


def test_the_example_project_validates():
    VALIDATOR.validate(json.loads(project_to_json(film_project())))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_generated_projects_validate_against_the_schema(project):
    VALIDATOR.validate(json.loads(project_to_json(project)))


BROKEN = {
    "no format": lambda d: d.pop("format"),
    "newer version": lambda d: d.update(schema_version=2),
    "unknown vehicle type": lambda d: d["missions"][0].update(vehicle_type="buran"),
    "unknown event kind": lambda d: d["missions"][0]["events"][0].update(kind="explode"),
    "unknown port": lambda d: d["missions"][0]["events"][1].update(port="mir-aft"),
    "dock without port": lambda d: d["missions"][0]["events"][1].pop("port"),
    "relocate without from_port": lambda d: d["missions"][1]["events"][0].pop("from_port"),
    "negative seats": lambda d: d["missions"][0].update(seats=-1),
    "latitude beyond 90": lambda d: d["sites"][0].update(lat_deg=91.0),
    "time without Z": lambda d: d["activities"][0].update(start="2021-10-07T10:00:00"),
    "year 1800": lambda d: d["activities"][0].update(start="1800-10-07T10:00:00Z"),
    "person without name": lambda d: d["people"][0].pop("name"),
    "empty id": lambda d: d["people"][0].update(id=""),
    "crew not a list": lambda d: d["missions"][0]["events"][0].update(crew="a;b"),
    "site-in-view without site": lambda d: d["activities"][1]["needs"][0].pop("site"),
    "unknown need kind": lambda d: d["activities"][0]["needs"][0].update(kind="moonlight"),
    "element set without text": lambda d: d["element_sets"][0].pop("text"),
    "unknown element format": lambda d: d["element_sets"][0].update(format="sp3"),
    "settings as a list": lambda d: d["station"].update(settings=[]),
    "integer setting as fraction": lambda d: d["station"]["settings"].update(beds=7.5),
    "people not a list": lambda d: d.update(people={}),
    "title a number": lambda d: d["meta"].update(title=3),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_documents_are_rejected_by_both(name):
    doc = json.loads(project_to_json(film_project()))
    BROKEN[name](doc)
    assert not VALIDATOR.is_valid(doc)
    with pytest.raises(ProjectFileError):
        project_from_json(json.dumps(doc))
