"""planner example: a copy of the bundled example to try the tools on (a wheel's user has no checkout to find it in),
and its path."""

from __future__ import annotations

from planner.cli import main
from planner.resources import example_project_path
from planner.store import load_project


def test_a_copy_of_the_example_is_written_where_asked_and_is_the_example(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["example"]) == 0
    written = tmp_path / "the-challenge-2021.issplan"
    assert written.read_bytes() == example_project_path().read_bytes()
    assert load_project(written).meta.title == "The Challenge, 2021"
    assert "planner check the-challenge-2021.issplan" in capsys.readouterr().out
    assert main(["check", str(written)]) == 0  # no conflicts: the example is a plan that works


def test_an_existing_file_is_replaced_only_with_force_and_kept_as_a_backup(tmp_path, capsys):
    target = tmp_path / "mine.issplan"
    target.write_text("my own plan", encoding="utf-8")
    assert main(["example", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: ") and "exists: pass --force" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "my own plan"
    assert main(["example", "-o", str(target), "--force"]) == 0
    assert target.read_bytes() == example_project_path().read_bytes()
    assert (tmp_path / "mine.issplan~").read_text(encoding="utf-8") == "my own plan"


def test_a_folder_that_cannot_be_written_is_said_in_one_line(tmp_path, capsys):
    assert main(["example", "-o", str(tmp_path / "missing" / "x.issplan")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planner: cannot write ") and err.count("\n") == 1


def test_path_prints_the_bundled_file(capsys):
    assert main(["example", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(example_project_path())
