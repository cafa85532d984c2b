"""``planner update-elements`` against a local server: the set added with its source and fetch time (the previous
file kept), a set already there not added twice, and every failure exit 2 with one line and the file untouched."""

from __future__ import annotations

import pytest

from planner.cli import main
from planner.model import ElementFormat, Project
from planner.orbit import read_elements
from planner.store import load_project, save_project


@pytest.fixture
def plan(tmp_path, data_dir):
    """A project holding the 2021-10-15 element set, saved once."""
    path = tmp_path / "plan.issplan"
    save_project(Project(element_sets=read_elements(data_dir / "iss-2021-10-15.tle")), path)
    return path


def test_adds_the_set_with_its_source_and_keeps_the_previous_file(tmp_path, element_server, capsys):
    path = tmp_path / "empty.issplan"
    save_project(Project(), path)
    before = path.read_bytes()
    url = element_server.url("/moved")
    assert main(["update-elements", str(path), "--source", url, "--timeout", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: added the element set ISS (ZARYA) (25544), epoch 2021-10-15T16:50:04Z, fetched 2")
    assert out.rstrip().endswith(f"from {url}")
    (added,) = load_project(path).element_sets
    assert added.format is ElementFormat.OMM_JSON and added.source == url and added.fetched is not None
    assert added.fetched.isoformat()[:10] in out
    assert (tmp_path / "empty.issplan~").read_bytes() == before


def test_tle_text_added_beside_another_set(tmp_path, element_server, data_dir, capsys):
    path = tmp_path / "dec.issplan"
    save_project(Project(element_sets=read_elements(data_dir / "iss-2021-12-22.tle")), path)
    assert main(["update-elements", str(path), "--source", element_server.url("/iss.tle")]) == 0
    assert "added the element set ISS (ZARYA) (25544), epoch 2021-10-15T16:50:04Z" in capsys.readouterr().out
    assert [s.epoch.date().isoformat() for s in load_project(path).element_sets] == ["2021-12-22", "2021-10-15"]


def test_a_set_already_there_is_not_added_twice(plan, element_server, capsys):
    before = plan.read_bytes()
    assert main(["update-elements", str(plan), "--source", element_server.url("/omm.json")]) == 0
    out = capsys.readouterr().out
    assert "already holds the element set ISS (ZARYA) (25544), epoch 2021-10-15T16:50:04Z" in out
    assert "nothing added" in out
    assert plan.read_bytes() == before and not plan.with_name("plan.issplan~").exists()


@pytest.mark.parametrize("path, words", [
    ("/garbage", "is not element sets ("),
    ("/empty", "is empty"),
    ("/other.tle", "holds element sets of 25545 OTHER SAT, not of satellite 25544"),
    ("/nowhere", "the server answered HTTP 404 Not Found for "),
    ("/hang", "no answer from 127.0.0.1:"),
])
def test_a_failed_download_changes_nothing_and_exits_2(plan, element_server, path, words, capsys, one_line_error):
    before = plan.read_bytes()
    assert main(["update-elements", str(plan), "--source", element_server.url(path), "--timeout", "0.5"]) == 2
    line = one_line_error()
    assert line.startswith("planner: nothing changed: ") and words in line, line
    assert plan.read_bytes() == before and not plan.with_name("plan.issplan~").exists()


def test_bad_arguments_and_a_bad_project_exit_2(tmp_path, element_server, capsys, one_line_error):
    assert main(["update-elements", str(tmp_path / "none.issplan"), "--source", element_server.url("/iss.tle")]) == 2
    assert "none.issplan" in one_line_error()
    assert element_server.hits == []  # the project is read before anything is downloaded
    assert main(["update-elements", str(tmp_path / "x.issplan"), "--timeout", "0"]) == 2
    assert one_line_error() == "planner: --timeout must be a positive, finite number of seconds, not '0'"
    save_project(Project(), tmp_path / "x.issplan")
    assert main(["update-elements", str(tmp_path / "x.issplan"), "--source", "celestrak.org"]) == 2
    assert "'celestrak.org' is not a web address" in one_line_error()
