"""Hostile project files: whatever the loader is given, it loads, or it refuses with one ProjectFileError that
names the file and the place (line and column, or the JSON path). Never another exception.

PLANNER_FUZZ_EXAMPLES sets the examples per strategy (default 60, about 500 cases in all); the counts seen
(tried, refused, loaded) are printed at the end of the module (``pytest -s``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.store import ProjectFileError, load_project, project_from_json, project_to_json
from planner.store.errors import format_json_path

from store_examples import ELEMENT_TEXTS, film_project  # noqa: E402
from store_strategies import DIRECTION_MARKS, json_values  # noqa: E402

EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "60"))
# A deadline per case, not a timing assertion: a case that takes seconds is a finding of its own.
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
GOOD_TEXT = project_to_json(film_project())
GOOD_DOC = json.loads(GOOD_TEXT)
COUNTS: Counter = Counter()
# Refusals of the whole file, whose place is the file itself.
WHOLE_FILE = ("the file is empty", "the file is not UTF-8", "the file holds a list", "the file holds a single value",
              "not a planner project")


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print(f"\nhostile project files: {COUNTS['tried']} tried, {COUNTS['refused']} refused with a place "
          f"({COUNTS['whole file']} of them the whole file; {COUNTS['place checked']} places checked apart from the "
          f"loader), {COUNTS['loaded']} loaded (and saved back byte for byte), 0 failed")


def _judge(text: str | None = None, path=None) -> ProjectFileError | None:
    """Load ``text`` (or the file at ``path``): it loads and round-trips, or is refused naming file and place."""
    COUNTS["tried"] += 1
    try:
        project = load_project(path) if path is not None else project_from_json(text, source="hostile.issplan")
    except ProjectFileError as error:
        message = str(error)
        assert message.startswith(f"cannot load {path if path is not None else 'hostile.issplan'}")
        assert "\n" not in message and "Traceback" not in message and len(message) < 2000
        placed = error.line is not None or error.json_path != "$"
        assert placed or error.problem.startswith(WHOLE_FILE), message
        COUNTS["refused"] += 1
        COUNTS["whole file"] += not placed
        return error
    saved = project_to_json(project)
    assert project_to_json(project_from_json(saved)) == saved
    COUNTS["loaded"] += 1
    return None


def _check_place(text: str, error: ProjectFileError | None, expected_start: str) -> None:
    """Where the refusal names a line and column, the text there starts as expected (checked apart from the loader)."""
    if error is None or error.line is None or error.column is None:
        return
    line = text.split("\n")[error.line - 1]  # not splitlines: JSON lines end at \n only, not at U+2028
    assert line[error.column - 1:].startswith(expected_start[:40]), str(error)
    COUNTS["place checked"] += 1


def _with(doc: dict, path: tuple, value) -> dict:
    doc = json.loads(json.dumps(doc))
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


def _places(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, path + (index,))


PLACES = [path for path, _ in _places(GOOD_DOC) if path]
TEXT_PLACES = [path for path, value in _places(GOOD_DOC) if isinstance(value, str)]
OBJECT_KEYS = [(path, key) for path, value in _places(GOOD_DOC) if isinstance(value, dict) for key in value]

# Values a hostile or careless hand writes where a text belongs.
hostile_texts = st.one_of(
    st.text(max_size=20),
    st.text(st.sampled_from("\x00\x1b\x7f\x9b\u2028\n\t" + DIRECTION_MARKS + "a-Z0"), max_size=8),
    st.sampled_from(["", " ", "x" * 5000, "2021-10-07T10:00:00+00:00", "2021-10-07 10:00:00Z",
                     "٢٠٢١-١٠-٠٧T١٠:٠٠:٠٠Z", "２０２１-１０-０７T１０:００:００Z", "2021-W40-4T10:00:00Z",
                     "2021-02-29T00:00:00Z", "9999-12-31T23:59:59Z", "2021-10-07T24:00:00Z",
                     "[" + ELEMENT_TEXTS[next(iter(ELEMENT_TEXTS))] + "]", "../../etc/passwd", "iss\x00"]),
    st.sampled_from(list(ELEMENT_TEXTS.values())).map(lambda t: "[" + t + "]"),
)
# Number tokens as they stand in the text (some are not JSON, some not numbers Python takes).
number_tokens = st.one_of(
    st.integers(-2**70, 2**70).map(str),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.sampled_from(["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "-0", "0.0", "1e-400", "01", "1.",
                     ".5", "+1", "0x10", "1_000"]),
)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path, data):
    path = tmp_path / "hostile.issplan"
    path.write_bytes(data)
    _judge(path=path)


@FUZZ
@given(st.binary(max_size=40), st.integers(0, len(GOOD_TEXT)), st.integers(0, 60))
def test_spliced_bytes_in_a_valid_file(tmp_path, junk, at, cut):
    raw = GOOD_TEXT.encode("utf-8")
    path = tmp_path / "hostile.issplan"
    path.write_bytes(raw[:at] + junk + raw[at + cut:])
    _judge(path=path)


@FUZZ
@given(st.integers(0, len(GOOD_TEXT) - 1))
def test_truncated_files(at):
    _judge(GOOD_TEXT[:at])


@FUZZ
@given(st.dictionaries(st.sampled_from(list(GOOD_DOC) + ["x"]), json_values, max_size=6) | json_values)
def test_random_json(doc):
    if isinstance(doc, dict):
        doc.setdefault("format", "iss-visit-planner")
        doc.setdefault("schema_version", 1)
    _judge(json.dumps(doc))


@FUZZ
@given(st.sampled_from(PLACES), st.sampled_from(["replace", "delete", "insert"]), json_values, st.text(max_size=6))
def test_mutated_valid_documents(path, action, value, key):
    doc = json.loads(GOOD_TEXT)
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
    _judge(json.dumps(doc))


@FUZZ
@given(st.sampled_from(TEXT_PLACES), hostile_texts)
def test_hostile_texts_in_a_valid_document(path, value):
    text = json.dumps(_with(GOOD_DOC, path, value), indent=2, ensure_ascii=False)
    error = _judge(text)
    if error is not None and error.json_path == format_json_path(path):
        _check_place(text, error, json.dumps(value, ensure_ascii=False))


@FUZZ
@given(st.sampled_from(PLACES), number_tokens)
def test_hostile_numbers_in_a_valid_document(path, token):
    marker = "\ue000number\ue000"
    text = json.dumps(_with(GOOD_DOC, path, marker), indent=2, ensure_ascii=False)
    text = text.replace(json.dumps(marker, ensure_ascii=False), token)
    error = _judge(text)
    if error is not None and (token in error.problem or error.json_path == format_json_path(path)):
        _check_place(text, error, token)


@FUZZ
@given(st.sampled_from(OBJECT_KEYS), json_values, st.booleans())
def test_a_key_given_twice(place, value, before):
    path, key = place
    marker = "\ue000twice\ue000"
    doc = _with(GOOD_DOC, path + (marker,), value) if path else dict(GOOD_DOC, **{marker: value})
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    _judge(text.replace(json.dumps(marker, ensure_ascii=False), json.dumps(key, ensure_ascii=False)))


@FUZZ
@given(st.sampled_from(PLACES), st.integers(1, 3000), st.sampled_from("[{"))
def test_deep_nesting(path, depth, bracket):
    marker = "\ue000deep\ue000"
    text = json.dumps(_with(GOOD_DOC, path, marker), indent=2, ensure_ascii=False)
    nested = ("[" * depth + "]" * depth) if bracket == "[" else ('{"a": ' * depth + "1" + "}" * depth)
    _judge(text.replace(json.dumps(marker, ensure_ascii=False), nested))
