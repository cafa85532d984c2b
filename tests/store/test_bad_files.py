"""Every kind of broken file gives exactly one ProjectFileError naming the place and the problem."""

from __future__ import annotations

import json

import pytest

from planner.store import MAX_FILE_BYTES, ProjectFileError, load_project, project_from_json, project_to_json
from planner.store import layout
from planner.store.errors import format_json_path

from store_examples import film_project  # noqa: E402


def good_doc() -> dict:
    return json.loads(project_to_json(film_project()))


def load_text(text: str) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as info:
        project_from_json(text, source="plan.issplan")
    return info.value


def load_doc(doc) -> ProjectFileError:
    return load_text(json.dumps(doc, indent=2, ensure_ascii=False))


def test_message_is_one_sentence_with_file_line_path_and_problem():
    doc = good_doc()
    doc["missions"][0]["events"][1]["utc"] = "2021-13-05T12:22:31Z"
    text = json.dumps(doc, indent=2)
    error = load_text(text)
    assert error.path == "plan.issplan"
    assert error.json_path == "$.missions[0].events[1].utc"
    assert '"utc": "2021-13-05T12:22:31Z"' in text.splitlines()[error.line - 1]
    assert text.splitlines()[error.line - 1][error.column - 1:].startswith('"2021-13-05')
    message = str(error)
    assert message.startswith(f"cannot load plan.issplan, line {error.line}, column {error.column}, "
                              "at $.missions[0].events[1].utc: ")
    assert "2021-13-05T12:22:31Z" in message and "not a real date" in message
    assert message.endswith(".") and message.count("\n") == 0
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("text, problem, line", [
    ("", "empty", None),
    ("   \n\t", "empty", None),
    ("this is not json", "not valid JSON", 1),
    ('{"format": "iss-visit-planner",\n "schema_version": 1,\n "people": [', "truncated", 3),
    ('{"format": "iss-visit-planner", "schema_version": 1,}', "not valid JSON", 1),
    ("[1, 2]", "holds a list, not a planner project", 1),
    ('"iss"', "holds a single value", 1),
    ('{"schema_version": 1}', 'no "format"', 1),
    ('{"format": "gpx", "schema_version": 1}', 'the format is "gpx"', 1),
    ('{"format": "iss-visit-planner"}', "'schema_version' is missing", 1),
    ('{"format": "iss-visit-planner", "schema_version": "1"}', "whole number", 1),
    ('{"format": "iss-visit-planner", "schema_version": 7}', "made by a newer version of planner", 1),
    ('{"format": "iss-visit-planner", "schema_version": -1}', "does not exist", 1),
    ('{"format": "iss-visit-planner", "schema_version": 1, "sites": [\n{"id": "x", "name": "X", '
     '"lat_deg": NaN, "lon_deg": 0}]}', "NaN is not allowed", 2),
    ('{"format": "iss-visit-planner", "schema_version": 1, "x": -Infinity}', "-Infinity is not allowed", 1),
    ('{"format": "iss-visit-planner", "schema_version": 1, "title": "NaN",\n"x": 1e400}', "1e400 is too big", 2),
    ('{"format": "iss-visit-planner", "schema_version": 1, "x": "\\udc00"}', "lone surrogate", 1),
])
def test_document_level_problems(text, problem, line):
    error = load_text(text)
    assert problem in error.problem
    assert error.line == line


def test_deeply_nested_junk_is_refused_without_recursion_error():
    error = load_text("[" * 200_000 + "]" * 200_000)
    assert "nested more than 200 levels deep here" in str(error) and (error.line, error.column) == (1, 202)
    error = load_text('{"format": "iss-visit-planner", "schema_version": 1, "junk": ' + "[" * 500 + "]" * 500 + "}")
    assert error.json_path == "$.junk" and "nested more than" in error.problem


def test_unknown_fields_nested_within_the_limit_are_kept():
    doc = good_doc()
    deep = "leaf"
    for _ in range(layout.MAX_EXTRA_DEPTH - 1):
        deep = [deep]
    doc["junk"] = deep
    project = project_from_json(json.dumps(doc))
    assert json.loads(project_to_json(project))["junk"] == deep


def _set(doc, path, value):
    target = doc
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()

# (path to change, new value, JSON path reported, words of the problem)
SEMANTIC_CASES = [
    # wrong types
    (("meta",), [], "$.meta", "must be an object, not a list"),
    (("people",), {}, "$.people", "must be a list"),
    (("people", 0, "name"), 5, "$.people[0].name", "non-empty text"),
    (("people", 0, "name"), "", "$.people[0].name", "non-empty text, not empty"),
    (("people", 0, "role"), None, "$.people[0].role", "must be a text, not null"),
    (("missions", 0, "events", 0, "crew"), "anton-shkaplerov", "$.missions[0].events[0].crew", "list of texts"),
    (("missions", 0, "events", 0, "utc"), 1633424102, "$.missions[0].events[0].utc", "must be a UTC time like 2021-10-05T08:55:02Z, not a number"),
    (("missions", 0, "seats"), True, "$.missions[0].seats", "whole number"),
    (("missions", 0, "seats"), 2.5, "$.missions[0].seats", "whole number"),
    (("sites", 0, "lat_deg"), "55.91", "$.sites[0].lat_deg", "must be a number"),
    (("activities", 0, "needs"), "daylight", "$.activities[0].needs", "must be a list"),
    (("station", "settings", "headcount_warning"), 10.5, "$.station.settings.headcount_warning", "whole number"),
    # missing fields
    (("people", 1, "id"), _DELETE, "$.people[1]", "'id' is missing"),
    (("missions", 1, "events", 0, "utc"), _DELETE, "$.missions[1].events[0]", "'utc' is missing"),
    (("activities", 0, "end"), None, "$.activities[0].end", "not null"),
    # unknown enum values
    (("missions", 0, "vehicle_type"), "soyuz-tma", "$.missions[0].vehicle_type", "not a known vehicle type"),
    (("missions", 0, "events", 0, "kind"), "dok", "$.missions[0].events[0].kind", "not a known event kind"),
    (("activities", 0, "kind"), "party", "$.activities[0].kind", "not a known activity kind"),
    (("activities", 0, "needs", 0, "kind"), "moonlight", "$.activities[0].needs[0].kind", "not a known need kind"),
    (("missions", 0, "events", 1, "port"), "rassvet-zenith", "$.missions[0].events[1].port", "not a port of"),
    (("missions", 1, "events", 0, "from_port"), "mir-aft", "$.missions[1].events[0].from_port", "not a port of"),
    (("station", "port_blocks", 0, "blocked"), "kibo-nadir", "$.station.port_blocks[0].blocked", "not a port of"),
    (("element_sets", 0, "format"), "sp3", "$.element_sets[0].format", "not a known element set format"),
    (("station", "id"), "mir", "$.station.id", "not a station this planner knows"),
    (("station", "id"), "../stations/iss", "$.station.id", "not a station this planner knows"),
    # duplicate ids
    (("people", 1, "id"), "anton-shkaplerov", "$.people[1].id", "used twice"),
    (("missions", 1, "id"), "soyuz-ms-19", "$.missions[1].id", "used twice"),
    (("activities", 1, "id"), "shoot-1", "$.activities[1].id", "used twice"),
    (("sites", 1, "id"), "mcc-moscow", "$.sites[1].id", "used twice"),
    # the same person twice in one list
    (("missions", 0, "events", 0, "crew", 2), "anton-shkaplerov", "$.missions[0].events[0].crew[2]",
     "person 'anton-shkaplerov' is named twice in 'crew' (first at index 0)"),
    (("missions", 1, "events", 1, "crew", 2), "yulia-peresild", "$.missions[1].events[1].crew[2]", "named twice"),
    (("activities", 0, "people", 1), "yulia-peresild", "$.activities[0].people[1]",
     "person 'yulia-peresild' is named twice in 'people' (first at index 0)"),
    # references to missing ids
    (("missions", 0, "events", 0, "crew", 1), "tom-cruise", "$.missions[0].events[0].crew[1]", "no person"),
    (("activities", 1, "people", 0), "doug-liman", "$.activities[1].people[0]", "no person"),
    (("activities", 1, "needs", 0, "site"), "baikonur", "$.activities[1].needs[0].site", "no ground site"),
    (("activities", 1, "needs", 0, "site"), None, "$.activities[1].needs[0]", "names its ground site"),
    # events that cannot happen as written
    (("missions", 0, "events", 1, "port"), _DELETE, "$.missions[0].events[1]", "needs a 'port'"),
    (("missions", 1, "events", 0, "end_utc"), _DELETE, "$.missions[1].events[0]", "needs an 'end_utc'"),
    (("missions", 1, "events", 0, "end_utc"), "2021-09-27T00:00:00Z", "$.missions[1].events[0].end_utc", "before"),
    (("activities", 0, "end"), "2021-10-07T09:00:00Z", "$.activities[0].end", "'end' is before 'start'"),
    # absurd numbers
    (("sites", 0, "lat_deg"), 90.5, "$.sites[0].lat_deg", "outside -90 to 90"),
    (("sites", 0, "lon_deg"), -181, "$.sites[0].lon_deg", "outside -180 to 180"),
    (("sites", 0, "alt_m"), 1e7, "$.sites[0].alt_m", "outside"),
    (("activities", 1, "needs", 0, "min_elevation_deg"), 95, "$.activities[1].needs[0].min_elevation_deg", "outside"),
    (("missions", 0, "seats"), -1, "$.missions[0].seats", "outside 0 to 100"),
    (("element_sets", 0, "norad_id"), 0, "$.element_sets[0].norad_id", "outside"),
    (("station", "settings", "spacing_warning_hours"), -2, "$.station.settings.spacing_warning_hours", "outside"),
    (("missions", 0, "events", 0, "utc"), "1899-12-31T23:59:59Z", "$.missions[0].events[0].utc", "outside 1900-2200"),
    (("activities", 0, "start"), "2201-01-01T00:00:00Z", "$.activities[0].start", "outside 1900-2200"),
    (("activities", 0, "start"), "2021-10-07T10:00:00+03:00", "$.activities[0].start", "not a UTC time"),
    (("element_sets", 0, "epoch"), "2021-02-30T00:00:00Z", "$.element_sets[0].epoch", "not a real date"),
]


@pytest.mark.parametrize("path, value, json_path, problem", SEMANTIC_CASES,
                         ids=[f"{c[2]}={c[1]!r}"[:60] for c in SEMANTIC_CASES])
def test_semantic_problems_name_the_json_path_and_line(path, value, json_path, problem):
    doc = good_doc()
    _set(doc, path, value)
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    error = load_text(text)
    assert error.json_path == json_path
    assert problem in error.problem
    # The line points at the offending value (or the object it is missing from).
    assert error.line is not None
    shown = text.splitlines()[error.line - 1]
    if value is not _DELETE and json_path == format_json_path(path):
        assert shown[error.column - 1:].startswith(json.dumps(value, ensure_ascii=False))
        if isinstance(path[-1], str):
            assert shown.lstrip().startswith(json.dumps(path[-1]) + ":")
    else:
        assert shown.strip().endswith("{") and shown[error.column - 1] == "{"


def test_not_utf8_names_line_and_column(tmp_path):
    path = tmp_path / "latin1.issplan"
    text = project_to_json(film_project()).replace("Cupola scene", "Scène de la coupole")
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    error = info.value
    assert error.path == str(path) and "not UTF-8" in error.problem
    assert "Sc" in text.splitlines()[error.line - 1] and error.column > 1


def test_utf8_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "bom.issplan"
    path.write_bytes(b"\xef\xbb\xbf" + project_to_json(film_project()).encode("utf-8"))
    assert load_project(path) == film_project()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectFileError, match="no such file"):
        load_project(tmp_path / "nothing.issplan")
    with pytest.raises(ProjectFileError, match="folder"):
        load_project(tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.issplan"
    with open(path, "wb") as handle:  # sparse: costs no disk space, and must not be read
        handle.truncate(MAX_FILE_BYTES + 1)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("builtins.open", no_reading)
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert "256 MiB" in str(info.value) and info.value.path == str(path)
    assert MAX_FILE_BYTES == 256 * 2**20


def test_times_keep_their_fraction_of_a_second():
    doc = good_doc()
    doc["activities"][0]["start"] = "2021-10-07T10:00:00.250Z"
    project = project_from_json(json.dumps(doc))
    assert project.activities[0].start.microsecond == 250_000


def test_iso_week_dates_are_not_times():
    doc = good_doc()
    doc["activities"][0]["start"] = "2021-W40-1T08:55:02Z"
    error = load_doc(doc)
    assert error.json_path == "$.activities[0].start"
