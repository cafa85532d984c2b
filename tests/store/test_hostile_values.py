"""Values a careless hand or an attacker puts in a project: other spellings of a time, hidden characters in
names, a station id no catalogue has, CelesTrak's list around an OMM JSON set. Refused at their path, or
(the OMM list) kept in the one form the orbit engine reads."""

from __future__ import annotations

import json

import pytest

from planner.model import ElementFormat
from planner.model.times import utc
from planner.store import ProjectFileError, load_project, project_from_json, project_to_json

from store_examples import OMM_JSON, TLE_EPOCH, film_project  # noqa: E402


def good_doc() -> dict:
    return json.loads(project_to_json(film_project()))


def refused(doc) -> ProjectFileError:
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    with pytest.raises(ProjectFileError) as info:
        project_from_json(text, source="plan.issplan")
    error = info.value
    assert error.line is not None and "\n" not in str(error)
    return error


# --- times: one spelling --------------------------------------------------------------------------------

@pytest.mark.parametrize("written, hint", [
    ("2021-10-07T10:00:00+00:00", "a final Z, not an offset"),
    ("2021-10-07T10:00:00-00:00", "a final Z, not an offset"),
    ("2021-10-07T13:00:00+03:00", "a final Z, not an offset"),
    ("2021-10-07 10:00:00Z", "joined by T, not a space"),
    ("٢٠٢١-١٠-٠٧T١٠:٠٠:٠٠Z", "digits are written 0-9"),  # Arabic-Indic digits
    ("２０２１-１０-０７T１０:００:００Z", "digits are written 0-9"),  # full-width digits
    ("2021-10-07t10:00:00z", ""),
    (" 2021-10-07T10:00:00Z", ""),
    ("2021-10-07T10:00:00Z\n", ""),
    ("2021-W40-4T10:00:00Z", ""),
    ("20211007T100000Z", ""),
])
def test_other_spellings_of_a_time_are_refused_not_rewritten(written, hint):
    doc = good_doc()
    doc["activities"][0]["start"] = written
    error = refused(doc)
    assert error.json_path == "$.activities[0].start"
    assert error.problem.startswith(f"{written!r} is not a UTC time like 2021-10-05T08:55:02Z")
    assert hint in error.problem


@pytest.mark.parametrize("written, expected", [
    ("2021-10-07T10:00:00Z", utc(2021, 10, 7, 10)),
    ("2021-10-07T10:00Z", utc(2021, 10, 7, 10)),
    ("2021-10-07T10:00:00.250Z", utc(2021, 10, 7, 10, 0, 0.25)),
])
def test_the_schemas_own_forms_load(written, expected):
    doc = good_doc()
    doc["activities"][0]["start"] = written
    assert project_from_json(json.dumps(doc)).activities[0].start == expected


def test_an_offset_in_an_event_or_an_epoch_is_refused_too():
    doc = good_doc()
    doc["missions"][1]["events"][0]["end_utc"] = "2021-09-28T09:02:00+00:00"
    assert refused(doc).json_path == "$.missions[1].events[0].end_utc"
    doc = good_doc()
    doc["element_sets"][0]["epoch"] = doc["element_sets"][0]["epoch"].replace("Z", "+00:00")
    assert refused(doc).json_path == "$.element_sets[0].epoch"


# --- hidden characters in ids and names -------------------------------------------------------------------

HIDDEN = {
    "NUL": "\x00", "escape": "\x1b", "DEL": "\x7f", "C1 CSI": "\x9b", "line separator": "\u2028",
    "right-to-left override": "\u202e", "left-to-right embedding": "\u202a", "first-strong isolate": "\u2068",
    "right-to-left mark": "\u200f", "Arabic letter mark": "\u061c", "newline": "\n", "tab": "\t",
}
PLACES = [
    (("people", 1, "id"), "$.people[1].id"),
    (("people", 1, "name"), "$.people[1].name"),
    (("missions", 0, "id"), "$.missions[0].id"),
    (("missions", 0, "name"), "$.missions[0].name"),
    (("missions", 1, "tags", 0), "$.missions[1].tags[0]"),
    (("activities", 0, "id"), "$.activities[0].id"),
    (("activities", 0, "title"), "$.activities[0].title"),
    (("sites", 0, "id"), "$.sites[0].id"),
    (("sites", 0, "name"), "$.sites[0].name"),
    (("element_sets", 0, "id"), "$.element_sets[0].id"),
    (("element_sets", 0, "name"), "$.element_sets[0].name"),
    (("meta", "title"), "$.meta.title"),
    (("station", "port_blocks", 0, "occupant_tags", 0), "$.station.port_blocks[0].occupant_tags[0]"),
]


@pytest.mark.parametrize("char", list(HIDDEN.values()), ids=list(HIDDEN))
@pytest.mark.parametrize("path, json_path", PLACES, ids=[p[1] for p in PLACES])
def test_hidden_characters_in_ids_and_names_are_refused(path, json_path, char):
    doc = good_doc()
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = "evil" + char + "txt.exe"
    error = refused(doc)
    assert error.json_path == json_path
    what = f"'{path[-1]}'" if isinstance(path[-1], str) else "the text"
    assert error.problem.startswith(f"{what} holds the invisible character U+{ord(char):04X} at character 5;")


def test_notes_may_hold_line_breaks_and_tabs_and_names_any_visible_script():
    doc = good_doc()
    doc["people"][0]["note"] = "first line\nsecond line\twith a tab"
    doc["people"][0]["name"] = "Антон Шкаплеров"
    doc["activities"][0]["title"] = "مشهد القبة"  # right-to-left text itself is fine; only the marks are not
    doc["missions"][0]["name"] = "Союз МС-19 🚀"
    project = project_from_json(json.dumps(doc, ensure_ascii=False))
    assert project.people[0].note == "first line\nsecond line\twith a tab"
    assert project.activities[0].title == "مشهد القبة"


# --- the station id ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("station_id", ["x" * 1000, "iss" * 400, "../stations/iss", "iss\x00", "ISS", "mir", "stations"])
def test_a_station_id_no_catalogue_has_is_refused_with_its_path(tmp_path, station_id):
    doc = good_doc()
    doc["station"]["id"] = station_id
    path = tmp_path / "plan.issplan"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    error = info.value
    assert error.json_path == "$.station.id"
    assert len(str(error)) < 300  # a 1,000-character id is not repeated in full


# --- OMM JSON as CelesTrak writes it ----------------------------------------------------------------------

def _with_omm(text: str) -> str:
    doc = good_doc()
    doc["element_sets"][0].update(format="omm-json", text=text)
    return json.dumps(doc, indent=2)


def test_omm_json_in_celestraks_list_is_kept_as_its_one_object():
    project = project_from_json(_with_omm("[" + OMM_JSON + "]\n"))
    kept = project.element_sets[0]
    assert kept.format is ElementFormat.OMM_JSON and kept.epoch == TLE_EPOCH
    assert json.loads(kept.text) == json.loads(OMM_JSON)  # an object, the same keywords and values
    # What the orbit engine reads of a project's set (once failed on the list with a traceback).
    from planner.orbit.elements import omm_fields

    assert omm_fields(kept)["NORAD_CAT_ID"] == "25544"
    # Saved and loaded again it stays the same object.
    again = project_from_json(project_to_json(project))
    assert again.element_sets[0].text == kept.text


def test_omm_json_object_is_kept_verbatim():
    assert project_from_json(_with_omm(OMM_JSON)).element_sets[0].text == OMM_JSON


@pytest.mark.parametrize("text, problem", [
    ("[" + OMM_JSON + ", " + OMM_JSON + "]", "holds 2 element sets"),
    ("[]", "not a valid OMM JSON element set"),
    ("[[" + OMM_JSON + "]]", "not a valid OMM JSON element set"),
    ("[1]", "not a valid OMM JSON element set"),
])
def test_other_lists_are_refused_at_the_text(text, problem):
    with pytest.raises(ProjectFileError) as info:
        project_from_json(_with_omm(text))
    assert info.value.json_path == "$.element_sets[0].text" and problem in info.value.problem
