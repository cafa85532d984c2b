"""Whatever bytes the loader is given, the only thing that may come out of it is a ProjectFileError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.store import ProjectFileError, load_project, project_from_json, project_to_json

from store_examples import film_project  # noqa: E402
from store_strategies import json_values  # noqa: E402

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
GOOD_TEXT = project_to_json(film_project())
GOOD_DOC = json.loads(GOOD_TEXT)


def _load_or_refuse(text: str) -> None:
    try:
        project = project_from_json(text)
    except ProjectFileError as error:
        assert str(error).startswith("cannot load ")
        return
    # Whatever loads must save and load again to the same bytes.
    saved = project_to_json(project)
    assert project_to_json(project_from_json(saved)) == saved


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "fuzz.issplan"
    path.write_bytes(data)
    try:
        load_project(path)
    except ProjectFileError:
        pass


@FUZZ
@given(st.binary(max_size=40), st.integers(0, len(GOOD_TEXT)), st.integers(0, 60))
def test_spliced_bytes_in_a_valid_file(tmp_path, junk, at, cut):
    raw = GOOD_TEXT.encode("utf-8")
    path = tmp_path / "fuzz.issplan"
    path.write_bytes(raw[:at] + junk + raw[at + cut:])
    try:
        load_project(path)
    except ProjectFileError:
        pass


@FUZZ
@given(st.dictionaries(st.sampled_from(list(GOOD_DOC) + ["x"]), json_values, max_size=6) | json_values)
def test_random_json(doc):
    if isinstance(doc, dict):
        doc.setdefault("format", "iss-visit-planner")
        doc.setdefault("schema_version", 1)
    _load_or_refuse(json.dumps(doc))


def _containers(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _containers(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _containers(child, path + (index,))


PLACES = list(_containers(GOOD_DOC))


@FUZZ
@given(st.sampled_from(PLACES), st.sampled_from(["replace", "delete", "insert"]), json_values, st.text(max_size=6))
def test_mutated_valid_documents(place, action, value, key):
    doc = json.loads(GOOD_TEXT)
    path, _ = place
    if not path:
        doc = value
    else:
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if action == "replace":
            parent[last] = value
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[key] = value
        else:
            parent.insert(last, value)
    _load_or_refuse(json.dumps(doc))
