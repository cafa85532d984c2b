"""The crew's day in project files: the day template and sleep shifts round-trip, old files open with the
catalogue's day, bad values are one message naming the place."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from planner.model.catalogue import load_station
from planner.model.crew_day import DayTemplate, SleepShift
from planner.resources import resource_path
from planner.store import ProjectFileError, load_project, project_from_json, project_to_json, save_project
from planner.store import layout as L

from store_examples import film_project  # noqa: E402

SCHEMA = json.loads(resource_path("schema", "project.schema.json").read_text(encoding="utf-8"))


def _with_crew_day():
    project = film_project()
    person = project.people[0].id
    project.crew_day = load_station("iss").crew_day.updated(wake_hour=5.5, pre_sleep_hours=1.5,
                                                            extra={"siesta": True})
    project.sleep_shifts = [
        SleepShift("shift-1", day=date(2012, 9, 16), wake_delay_hours=7.0, sleep_delay_hours=6 + 1 / 3,
                   note="Soyuz 30S undocking"),
        SleepShift("shift-2", person=person, wake_delay_hours=-0.5, extra={"why": "jet lag"}),
    ]
    return project


def test_the_day_template_and_sleep_shifts_round_trip(tmp_path):
    project = _with_crew_day()
    path = tmp_path / "plan.issplan"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded.crew_day == project.crew_day and loaded.crew_day.extra == {"siesta": True}
    assert loaded.sleep_shifts == project.sleep_shifts and loaded.sleep_shifts[1].extra == {"why": "jet lag"}
    doc = json.loads(path.read_text(encoding="utf-8"))
    # Only what differs from the catalogue is written, in the documented order.
    assert doc["station"]["crew_day"] == {"wake_hour": 5.5, "pre_sleep_hours": 1.5, "siesta": True}
    assert list(doc).index("sleep_shifts") == list(doc).index("element_sets") + 1
    assert doc["sleep_shifts"][0] == {"id": "shift-1", "day": "2012-09-16", "wake_delay_hours": 7.0,
                                      "sleep_delay_hours": 6 + 1 / 3, "note": "Soyuz 30S undocking"}
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    save_project(loaded, tmp_path / "again.issplan")
    assert (tmp_path / "again.issplan").read_bytes() == path.read_bytes()


def test_an_old_file_opens_with_the_catalogues_day():
    doc = json.loads(project_to_json(film_project()))
    assert "crew_day" not in doc["station"] and "sleep_shifts" not in doc
    project = project_from_json(json.dumps(doc))
    assert project.crew_day is None and project.sleep_shifts == []
    assert project.effective_crew_day == load_station("iss").crew_day == DayTemplate()


def test_the_schema_lists_the_crew_day_in_the_written_order():
    defs = SCHEMA["$defs"]
    assert tuple(defs["crew_day"]["properties"]) == DayTemplate.names()
    assert tuple(defs["sleep_shift"]["properties"]) == L.SLEEP_SHIFT_KEYS
    assert tuple(SCHEMA["properties"]) == L.TOP_KEYS


@pytest.mark.parametrize("edit, place, words", [
    (lambda d: d["station"].update(crew_day={"wake_hour": 50}), "$.station.crew_day.wake_hour", "outside 0 to 48"),
    (lambda d: d["station"].update(crew_day={"work_hours": "six"}), "$.station.crew_day.work_hours", "number"),
    (lambda d: d.update(sleep_shifts=[{"id": "s", "day": "2012-09-31"}]), "$.sleep_shifts[0].day", "not a date"),
    (lambda d: d.update(sleep_shifts=[{"id": "s", "day": "16 Sep"}]), "$.sleep_shifts[0].day", "like 2012-09-16"),
    (lambda d: d.update(sleep_shifts=[{"id": "s", "person": "nobody"}]), "$.sleep_shifts[0].person", "no person"),
    (lambda d: d.update(sleep_shifts=[{"id": "s", "wake_delay_hours": 30}]), "$.sleep_shifts[0].wake_delay_hours",
     "outside -24 to 24"),
    (lambda d: d.update(sleep_shifts=[{"id": "s"}, {"id": "s"}]), "$.sleep_shifts[1].id", "used twice"),
])
def test_bad_crew_day_values_are_one_message_naming_the_place(edit, place, words):
    doc = json.loads(project_to_json(film_project()))
    edit(doc)
    with pytest.raises(ProjectFileError) as caught:
        project_from_json(json.dumps(doc))
    message = str(caught.value)
    assert place in message and words in message and "\n" not in message
