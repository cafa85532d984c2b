"""Saving and loading give back the same project and the same bytes."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import strategies as st

from planner import PROJECT_SUFFIX
from planner.model.times import format_utc
from planner.resources import resource_path
from planner.store import load_project, project_from_json, project_to_json, save_project
from planner.store.encode import project_to_bytes

from store_examples import film_project  # noqa: E402  (tests/store is on sys.path via its conftest)


def test_film_project_round_trips_with_unknown_fields(tmp_path):
    project = film_project()
    path = tmp_path / f"film{PROJECT_SUFFIX}"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded == project
    assert loaded.extra == project.extra
    assert loaded.meta.extra == project.meta.extra
    assert loaded.station_extra == project.station_extra
    assert loaded.settings_extra == project.settings_extra
    assert loaded.port_blocks[0].extra == {"since": 2025}
    assert loaded.people[2].extra == {"liner": "custom"}
    assert loaded.missions[0].events[1].extra == {"docking_mode": "manual"}
    assert loaded.activities[0].needs[1].extra == {"why": "vibration"}
    assert loaded.activities[1].extra == {"channel": 1}
    assert loaded.element_sets[0].text == project.element_sets[0].text
    # Load then save without edits: byte-identical.
    save_project(loaded, tmp_path / "again.issplan")
    assert (tmp_path / "again.issplan").read_bytes() == path.read_bytes()


def test_file_layout_is_stable_and_diffable():
    text = project_to_json(film_project())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.splitlines()[1] == '  "format": "iss-visit-planner",'
    doc = json.loads(text)
    assert list(doc) == ["format", "schema_version", "meta", "station", "people", "missions", "activities",
                         "sites", "element_sets", "a-first", "app_state"]
    assert list(doc["missions"][1]) == ["id", "name", "vehicle_type", "tags", "note", "events"]
    assert list(doc["missions"][1]["events"][0]) == ["kind", "utc", "end_utc", "port", "from_port"]
    assert doc["missions"][1]["events"][2]["utc"] == "2021-10-17T04:35:00.5Z"
    assert doc["station"] == {
        "id": "iss",
        "settings": {"headcount_warning": 10, "spacing_warning_hours": 12.5, "future_setting": 3},
        "port_blocks": [{"occupied": "unity-nadir", "blocked": "rassvet-nadir", "occupant_tags": ["cygnus-xl"],
                         "since": 2025}],
        "label": "ISS",
    }
    # Lists keep the user's order.
    assert [p["id"] for p in doc["people"]] == ["anton-shkaplerov", "yulia-peresild", "klim-shipenko", "oleg-novitskiy"]


def test_hand_written_unknown_fields_are_kept_sorted_after_known_ones():
    doc = json.loads(project_to_json(film_project()))
    doc["people"][0] = {"zeta": 1, "name": "Anton Shkaplerov", "alpha": [1], "id": "anton-shkaplerov"}
    project = project_from_json(json.dumps(doc))
    again = json.loads(project_to_json(project))
    assert list(again["people"][0].items()) == [("id", "anton-shkaplerov"), ("name", "Anton Shkaplerov"),
                                                ("alpha", [1]), ("zeta", 1)]


def test_settings_equal_to_defaults_stay_explicit():
    project = film_project()
    project.settings = project.station.settings
    project.settings_extra = {}
    loaded = project_from_json(project_to_json(project))
    assert loaded.settings == project.station.settings
    project.settings = None
    assert project_from_json(project_to_json(project)).settings is None


@pytest.mark.parametrize("missing", ["meta", "station", "people", "missions", "activities", "sites", "element_sets"])
def test_optional_sections_may_be_left_out(missing):
    doc = json.loads(project_to_json(film_project()))
    if missing in ("people", "sites"):  # others refer to them
        doc["missions"], doc["activities"] = [], []
    del doc[missing]
    project = project_from_json(json.dumps(doc))
    assert project.station_id == "iss"


# --- property-based round trips -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402

from store_strategies import projects  # noqa: E402
from planner.store.encode import project_to_dict  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_generated_projects_round_trip(project):
    text = project_to_json(project)
    loaded = project_from_json(text)
    assert loaded == project
    assert project_to_dict(loaded) == project_to_dict(project)  # unknown fields too (not part of ==)
    assert project_to_json(loaded) == text


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?=,?$)")


def _same_numbers(line: str) -> str:
    # Writers may spell a float differently (1e-05 or 0.00001); the value is what must not change.
    return _NUMBER.sub(lambda m: repr(float(m.group())) if not m.group().lstrip("-").isdigit() else m.group(), line)


def _assert_reference_form(project) -> None:
    """The file is the standard library's 2-space indented JSON of the documented dict form, line for line."""
    data = project_to_bytes(project)
    text = data.decode("utf-8")  # strict UTF-8: no lone surrogates, no other encoding
    reference = json.dumps(project_to_dict(project), indent=2, ensure_ascii=False) + "\n"
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert project_to_json(project) == text
    mine, theirs = text.split("\n"), reference.split("\n")
    assert len(mine) == len(theirs)
    for a, b in zip(mine, theirs):
        assert a == b or _same_numbers(a) == _same_numbers(b)
    # Strict JSON: NaN, Infinity and duplicate keys would all fail here.
    assert json.loads(text, parse_constant=pytest.fail, object_pairs_hook=_no_duplicates) == project_to_dict(project)


def _no_duplicates(pairs):
    assert len({key for key, _ in pairs}) == len(pairs)
    return dict(pairs)


def test_writer_gives_the_reference_form_for_the_example():
    _assert_reference_form(film_project())
    assert project_to_json(film_project()) == json.dumps(project_to_dict(film_project()), indent=2,
                                                         ensure_ascii=False) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_writer_gives_the_reference_form(project):
    _assert_reference_form(project)


def test_the_bundled_example_round_trips_byte_for_byte(tmp_path):
    example = resource_path("examples", "the-challenge-2021.issplan")
    project = load_project(example)
    assert project_to_bytes(project) == example.read_bytes()
    save_project(project, tmp_path / "copy.issplan")
    assert (tmp_path / "copy.issplan").read_bytes() == example.read_bytes()


def test_floats_are_written_as_the_shortest_text_that_reads_back():
    project = film_project()
    project.extra = {"tiny": 1e-05, "huge": 1e16, "third": 1 / 3, "negative_zero": -0.0, "whole": 2.0}
    text = project_to_json(project)
    assert '"tiny": 0.00001,' in text and '"huge": 1e+16,' in text and '"third": 0.3333333333333333,' in text
    assert '"negative_zero": -0.0,' in text and '"whole": 2.0' in text
    assert project_to_json(project_from_json(text)) == text


_ZONES = [timezone.utc, timezone(timedelta(hours=3)), timezone(timedelta(hours=-9, minutes=-30)), timezone(timedelta(0), "UTC")]


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30), timezones=st.sampled_from(_ZONES)))
def test_times_are_written_as_the_models_format_utc_writes_them(when):
    project = film_project()
    project.activities[0].start = project.activities[0].end = when
    project.missions[0].events[0].utc = when
    project.element_sets = []
    doc = json.loads(project_to_json(project))
    assert doc["activities"][0]["start"] == doc["activities"][0]["end"] == format_utc(when)
    assert doc["missions"][0]["events"][0]["utc"] == format_utc(when)
