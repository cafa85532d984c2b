"""The JSON syntax of a project file: nothing Python's reader would drop or hide gets through, and every refusal names its place."""

from __future__ import annotations

import json

import pytest

from planner.store import ProjectFileError, project_from_json, project_to_json

from store_examples import film_project  # noqa: E402

GOOD = project_to_json(film_project())


def refused(text: str) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as info:
        project_from_json(text, source="plan.issplan")
    error = info.value
    assert str(error).startswith("cannot load plan.issplan") and "\n" not in str(error)
    return error


def _at(text: str, error: ProjectFileError) -> str:
    """The text from the line and column the error names."""
    return text.splitlines()[error.line - 1][error.column - 1:]


def test_a_key_given_twice_is_refused_with_its_path_and_line():
    # Python keeps the last of the two, and the first would silently vanish on the next save.
    text = GOOD.replace('"name": "Yulia Peresild",', '"name": "Yulia Peresild",\n      "name": "Julia",', 1)
    error = refused(text)
    assert error.json_path == "$.people[1].name"
    assert error.problem.startswith('the key "name" is given twice in one object')
    assert _at(text, error).startswith('"name": "Julia"')


def test_a_key_given_twice_at_the_top_or_in_unknown_fields_is_refused_too():
    error = refused('{"format": "iss-visit-planner", "schema_version": 1, "format": "iss-visit-planner"}')
    assert error.json_path == "$.format" and (error.line, error.column) == (1, 54)
    doc = json.loads(GOOD)
    text = json.dumps(doc, indent=2).replace('"zoom": [', '"zoom": 1, "zoom": [', 1)
    error = refused(text)
    assert error.json_path == "$.app_state.zoom" and _at(text, error).startswith('"zoom": [')


def test_the_same_key_in_two_objects_is_fine():
    assert project_from_json(GOOD) == film_project()


@pytest.mark.parametrize("number", [str(2**63), str(-2**63 - 1), "1" + "0" * 39])
def test_whole_numbers_beyond_64_bits_are_refused_at_their_place(number):
    text = GOOD.replace('"a-first": "kept"', f'"a-first": {number}')
    error = refused(text)
    assert error.problem == f"the whole number {number} is too big (a project's whole numbers fit in 64 bits)"
    assert _at(text, error).startswith(number) and error.json_path == "$"


def test_the_edges_of_the_64_bit_range_load_and_save_back():
    for number in (2**63 - 1, -2**63):
        text = GOOD.replace('"a-first": "kept"', f'"a-first": {number}')
        project = project_from_json(text)
        assert project.extra["a-first"] == number and project_to_json(project) == text


def test_a_number_longer_than_python_converts_is_named_without_pythons_words():
    digits = "9" * 5000
    text = GOOD.replace('"a-first": "kept"', f'"a-first": {digits}')
    error = refused(text)
    assert "set_int_max_str_digits" not in str(error) and "4300" not in str(error)
    assert "(5,000 characters)" in error.problem and len(str(error)) < 200
    assert _at(text, error).startswith(digits)


def test_a_file_cut_inside_a_text_gets_the_truncation_hint():
    cut = GOOD[: GOOD.index("Yulia Peresild") + 4]
    error = refused(cut)
    assert error.problem.startswith("not valid JSON: Unterminated string")
    assert error.problem.endswith("(the file ends too early: is it truncated?)")
    assert _at(cut, error) == '"Yuli'


def test_a_stray_quote_in_the_middle_is_not_called_a_truncation():
    error = refused(GOOD.replace('"Yulia Peresild"', '"Yulia "Peresild"', 1))
    assert "truncated" not in error.problem


@pytest.mark.parametrize("text", ["", "\n\n  \t", "\ufeff"])
def test_an_empty_file_names_the_file(text):
    error = refused(text)
    assert str(error) == "cannot load plan.issplan: the file is empty, not a planner project."


def test_a_lone_surrogate_is_refused_at_its_path():
    text = GOOD.replace('"Cupola scene"', '"Cupola \\ud83d scene"')
    error = refused(text)
    assert error.json_path == "$.activities[0].title" and "lone surrogate" in error.problem
    assert _at(text, error).startswith('"Cupola \\ud83d')
    # A pair of surrogate escapes is one character, and fine.
    pair = GOOD.replace('"Cupola scene"', '"Cupola \\ud83d\\ude80 scene"')
    assert project_from_json(pair).activities[0].title == "Cupola \U0001F680 scene"


def test_nesting_too_deep_for_the_reader_names_the_place():
    text = GOOD.replace('"a-first": "kept"', '"a-first": ' + "[" * 5000 + "]" * 5000)
    error = refused(text)
    assert "nested more than 200 levels deep here" in error.problem
    line = text.splitlines()[error.line - 1]
    assert line[:error.column - 1].endswith('"a-first": ' + "[" * 200) and line[error.column - 1] == "["
