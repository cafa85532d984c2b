"""A project's element sets load only if the orbit engine reads their text, of the epoch and satellite they claim."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import ElementFormat
from planner.model.times import format_utc
from planner.orbit.elements import ElementSetError, parse_elements
from planner.store import ProjectFileError, project_from_json, project_to_json

from store_examples import ELEMENT_TEXTS, TLE, TLE_EPOCH, film_project  # noqa: E402

LINE1, LINE2 = TLE.splitlines()[1:3]


def _doc(fmt: ElementFormat = ElementFormat.TLE, text: str | None = None, epoch=TLE_EPOCH, **changes) -> str:
    doc = json.loads(project_to_json(film_project()))
    entry = doc["element_sets"][0]
    entry.update(format=fmt.value, text=ELEMENT_TEXTS[fmt] if text is None else text, epoch=format_utc(epoch))
    entry.update(changes)
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _error(text: str) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as info:
        project_from_json(text, source="plan.issplan")
    return info.value


def _line_of(text: str, error: ProjectFileError) -> str:
    return text.splitlines()[error.line - 1][error.column - 1:]


@pytest.mark.parametrize("fmt", list(ElementFormat))
def test_each_form_of_the_real_element_set_loads(fmt):
    project = project_from_json(_doc(fmt))
    loaded = project.element_sets[0]
    assert loaded.format is fmt and loaded.text == ELEMENT_TEXTS[fmt] and loaded.epoch == TLE_EPOCH


def _with_checksum(line: str) -> str:
    # Builds a line whose only fault is elsewhere: the TLE checksum rule, digits summed and '-' as 1, mod 10.
    return line[:68] + str(sum(int(c) if c.isdigit() else c == "-" for c in line[:68]) % 10)


BAD_NUMBER = _with_checksum(LINE2.replace("15.48692786", "15.4869X786"))
BAD_TEXTS = [
    # (format, text, words of the problem)
    (ElementFormat.TLE, "garbage\nmore garbage\n", "not a valid TLE element set: text line 2: expected line 1"),
    (ElementFormat.TLE, f"ISS (ZARYA)\n{LINE1}\n{LINE2[:-1]}9\n", "text line 3: checksum mismatch"),
    (ElementFormat.TLE, f"{LINE1}\n{BAD_NUMBER}\n", "text line 2, columns 53-63: mean motion '15.4869X786' is not a number"),
    (ElementFormat.TLE, f"{LINE1}\n", "expected line 2"),
    (ElementFormat.TLE, "   ", "no element sets found"),
    (ElementFormat.OMM_JSON, TLE, "not a valid OMM JSON element set: text line 1, column 1: not valid JSON"),
    (ElementFormat.OMM_JSON, ELEMENT_TEXTS[ElementFormat.OMM_JSON].replace('"BSTAR": 0.00012985, ', ""),
     "missing OMM field(s) BSTAR"),
    (ElementFormat.OMM_JSON, "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (ElementFormat.OMM_CSV, ELEMENT_TEXTS[ElementFormat.OMM_XML], "not a valid OMM CSV element set"),
    # CR-only line ends: the csv module's own error (not a ValueError) was a traceback once
    (ElementFormat.OMM_CSV, "\r" + ELEMENT_TEXTS[ElementFormat.OMM_CSV], "not a valid OMM CSV element set: "),
    (ElementFormat.OMM_XML, ELEMENT_TEXTS[ElementFormat.OMM_XML][:-6], "not well-formed XML"),
    (ElementFormat.TLE, ELEMENT_TEXTS[ElementFormat.OMM_JSON], "the text looks like OMM JSON: is 'format' right?"),
]


@pytest.mark.parametrize("fmt, text, problem", BAD_TEXTS, ids=[f"{c[0].value}:{c[2][:30]}" for c in BAD_TEXTS])
def test_unreadable_text_names_the_json_path_and_the_problem(fmt, text, problem):
    document = _doc(fmt, text)
    error = _error(document)
    assert error.json_path == "$.element_sets[0].text"
    assert problem in error.problem
    assert _line_of(document, error).startswith(json.dumps(text, ensure_ascii=False)[:60])
    assert str(error).startswith(f"cannot load plan.issplan, line {error.line}, column {error.column}, "
                                 "at $.element_sets[0].text: not a valid ")


def test_the_problem_is_the_orbit_readers_own_words():
    text = f"ISS (ZARYA)\n{LINE1}\n{LINE2[:-1]}9\n"
    with pytest.raises(ElementSetError) as reference:
        parse_elements(text, fmt=ElementFormat.TLE)
    assert str(reference.value).startswith("line 3: checksum mismatch")
    assert _error(_doc(text=text)).problem == f"not a valid TLE element set: text {reference.value}"


def test_the_text_holds_one_element_set():
    csv = ELEMENT_TEXTS[ElementFormat.OMM_CSV]
    document = _doc(ElementFormat.OMM_CSV, csv + "\n" + csv.splitlines()[1])
    error = _error(document)
    assert error.json_path == "$.element_sets[0].text" and "holds 2 element sets" in error.problem
    error = _error(_doc(text=TLE + TLE))
    assert "holds 2 element sets" in error.problem


@pytest.mark.parametrize("fmt", list(ElementFormat))
@pytest.mark.parametrize("offset_us, loads", [(0, True), (999, True), (-1000, True), (1001, False), (-2000, False),
                                              (86_400_000_000, False)])
def test_the_stored_epoch_agrees_with_the_text_within_a_millisecond(fmt, offset_us, loads):
    epoch = TLE_EPOCH + timedelta(microseconds=offset_us)
    document = _doc(fmt, epoch=epoch)
    if loads:
        assert project_from_json(document).element_sets[0].epoch == epoch
        return
    error = _error(document)
    assert error.json_path == "$.element_sets[0].epoch"
    assert error.problem == (f"'epoch' is {format_utc(epoch)} but the {fmt.name.replace('_', ' ')} text's epoch "
                             "is 2021-10-15T16:50:04.958592Z")
    assert _line_of(document, error).startswith(json.dumps(format_utc(epoch)))


def test_the_stored_satellite_agrees_with_the_text():
    document = _doc(norad_id=25545)
    error = _error(document)
    assert error.json_path == "$.element_sets[0].norad_id"
    assert error.problem == "'norad_id' is 25545 but the TLE text is of satellite 25544"
    assert project_from_json(_doc(norad_id=25544)).element_sets[0].norad_id == 25544


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list(ElementFormat)), st.text(max_size=8), st.integers(0, 2000), st.integers(0, 4))
def test_any_spliced_text_loads_or_is_refused_with_a_message(fmt, junk, at, cut):
    original = ELEMENT_TEXTS[fmt]
    at = at % (len(original) + 1)
    try:
        project = project_from_json(_doc(fmt, original[:at] + junk + original[at + cut:]))
    except ProjectFileError as error:
        assert error.json_path.startswith("$.element_sets[0].")
        return
    # Whatever loads is an element set the orbit engine reads.
    assert len(parse_elements(project.element_sets[0].text, fmt=fmt)) == 1
