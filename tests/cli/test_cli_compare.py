"""``planner diff`` and ``planner merge`` through main(), and as git's textconv and merge drivers in a real repository."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from planner.cli import main
from planner.model.times import utc
from planner.resources import example_project_path
from planner.store import load_project, save_project

README = Path(__file__).resolve().parents[2] / "README.md"


def _example():
    return load_project(example_project_path())


def _save(project, path):
    save_project(project, path)
    return str(path)


@pytest.fixture
def plans(tmp_path):
    """base.issplan (the example), ours.issplan (Soyuz MS-19 docks an hour later), theirs.issplan (the first
    activity renamed)."""
    base, ours, theirs = _example(), _example(), _example()
    ours.mission("soyuz-ms-19").events[1].utc += timedelta(hours=1)
    theirs.activities[0].title = "Greeting Moscow"
    return {name: _save(p, tmp_path / f"{name}.issplan") for name, p in
            (("base", base), ("ours", ours), ("theirs", theirs))}


def test_diff_exit_codes_and_words(plans, capsys):
    assert main(["diff", plans["base"], plans["base"]]) == 0
    assert "hold the same plan" in capsys.readouterr().out
    assert main(["diff", plans["base"], plans["ours"]]) == 1
    out = capsys.readouterr().out
    assert "Events:\n  ~ event dock of Soyuz MS-19 (soyuz-ms-19)\n      time (UTC): 2021-10-05T12:22:31Z -> " \
           "2021-10-05T13:22:31Z\n" in out


def test_diff_json(plans, capsys):
    assert main(["diff", plans["base"], plans["theirs"], "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is False
    assert [(c["section"], c["id"], c["change"]) for c in data["changes"]] == [("activities", "act-01", "changed")]
    assert data["changes"][0]["fields"][0]["new"] == "Greeting Moscow"


def test_diff_of_a_bad_file_is_one_line_naming_it(plans, tmp_path, capsys, one_line_error):
    bad = tmp_path / "bad.issplan"
    bad.write_text('{"format": "iss-visit-planner", "schema_version": 1, "missions": [{"id": 3}]}')
    assert main(["diff", plans["base"], str(bad)]) == 2
    line = one_line_error()
    assert line.startswith(f"planner: cannot load {bad}") and "missions[0]" in line
    assert main(["diff", plans["base"], str(tmp_path / "none.issplan")]) == 2
    assert "there is no such file" in one_line_error()
    assert main(["diff", plans["base"]]) == 2
    assert "two files" in one_line_error()


def test_textconv_writes_the_plan_as_lines_and_a_bad_file_as_it_is(plans, tmp_path, capsys):
    assert main(["diff", "--textconv", plans["ours"]]) == 0
    out = capsys.readouterr().out
    assert "mission Soyuz MS-19 (soyuz-ms-19)\n" in out and "    time (UTC): 2021-10-05T13:22:31Z\n" in out
    half = tmp_path / "half.issplan"
    half.write_text('{"format": "iss-visit-planner",\n<<<<<<< HEAD\n')
    assert main(["diff", "--textconv", str(half)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"(not a readable plan: cannot load {half}") and out.endswith("<<<<<<< HEAD\n")


def test_merge_clean(plans, tmp_path, capsys):
    out = tmp_path / "merged.issplan"
    assert main(["merge", plans["base"], plans["ours"], plans["theirs"], "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"Merged into {out}: no conflicts.")
    merged = load_project(out)
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert merged.activities[0].title == "Greeting Moscow"


def _dock_two_hours_later(path: str) -> None:
    """Their side docks Soyuz MS-19 at 14:22:31, where ours docks it at 13:22:31: the same field changed both ways."""
    theirs = load_project(path)
    theirs.mission("soyuz-ms-19").events[1].utc += timedelta(hours=2)
    _save(theirs, path)


def test_merge_conflict_keeps_ours_and_lists_it(plans, tmp_path, capsys):
    _dock_two_hours_later(plans["theirs"])
    out = tmp_path / "merged.issplan"
    assert main(["merge", plans["base"], plans["ours"], plans["theirs"], "-o", str(out), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["clean"] is False
    assert [(c["record"], c["field"], c["ours"], c["theirs"]) for c in data["conflicts"]] == [
        ("event dock of Soyuz MS-19 (soyuz-ms-19)", "utc", "2021-10-05T13:22:31Z", "2021-10-05T14:22:31Z")]
    # the record as planner diff --json names it, for a script to find it
    assert [(c["section"], c["id"], c["mission"]) for c in data["conflicts"]] == [
        ("events", "soyuz-ms-19/dock", "soyuz-ms-19")]
    merged = load_project(out)
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert merged.activities[0].title == "Greeting Moscow"


def test_merge_conflict_in_words_names_the_record_and_field(plans, tmp_path, capsys):
    _dock_two_hours_later(plans["theirs"])
    out = tmp_path / "merged.issplan"
    assert main(["merge", plans["base"], plans["ours"], plans["theirs"], "-o", str(out)]) == 1
    assert capsys.readouterr().out == (
        f"Merged into {out} with 1 conflict, ours kept for it:\n"
        "  event dock of Soyuz MS-19 (soyuz-ms-19), time (UTC): changed on both sides: ours 2021-10-05T13:22:31Z, theirs "
        "2021-10-05T14:22:31Z (was 2021-10-05T12:22:31Z); kept ours\n")


def test_a_long_text_changed_both_ways_shows_where_each_differs(plans, tmp_path, capsys):
    base = load_project(plans["base"])
    note = base.mission("progress-ms-16").events[1].note
    sides = []
    for name, tail in (("ours", " (ours)"), ("theirs", " (theirs)")):
        plan = load_project(plans["base"])
        plan.mission("progress-ms-16").events[1].note = note + tail
        sides.append(_save(plan, tmp_path / f"{name}-note.issplan"))
    assert main(["merge", plans["base"], *sides, "-o", str(tmp_path / "merged.issplan")]) == 1
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("  event undock")]
    assert "for Nauka. (ours), theirs …" in line and "for Nauka. (theirs) (was …" in line and "for Nauka.); kept" in line


def test_merge_reports_findings_new_to_it(plans, capsys, tmp_path):
    # ours: Soyuz MS-20 docks 12 h earlier; theirs: CRS-24 docks ten days earlier, into the days around it.
    ours, theirs = load_project(plans["base"]), load_project(plans["base"])
    for event in ours.mission("soyuz-ms-20").events[:2]:
        event.utc -= timedelta(hours=12)
    for event in theirs.mission("crs-24").events[:2]:
        event.utc -= timedelta(days=14)
    out = tmp_path / "merged.issplan"
    code = main(["merge", plans["base"], _save(ours, tmp_path / "o.issplan"), _save(theirs, tmp_path / "t.issplan"),
                 "-o", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "Findings new to the merge (in neither side): " in text and "  warning [spacing] " in text
    assert "Soyuz MS-20 docking (2021-12-08 01:40 UTC) and CRS-24 docking (2021-12-08 08:41 UTC)" in text


def test_merge_bad_input_writes_nothing(plans, tmp_path, capsys, one_line_error):
    out = tmp_path / "merged.issplan"
    out.write_text("left alone")
    bad = tmp_path / "bad.issplan"
    bad.write_text("[]")
    assert main(["merge", plans["base"], str(bad), plans["theirs"], "-o", str(out)]) == 2
    assert "not a planner project" in one_line_error()
    assert out.read_text() == "left alone"


# --- git ------------------------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, timeout=120)


def _readme_git_lines() -> tuple[str, list[tuple[str, str]]]:
    """The README's '### In git' lines: the .gitattributes line and each ``git config`` (key, value)."""
    section = README.read_text(encoding="utf-8").split("### In git", 1)[1].split("\n## ", 1)[0]
    attributes = [line for line in section.splitlines() if line.startswith("*.issplan ")]
    configs = [shlex.split(line)[2:] for line in section.splitlines() if line.startswith("git config ")]
    assert len(attributes) == 1 and configs and all(len(c) == 2 for c in configs), section
    return attributes[0], [(key, value) for key, value in configs]


@pytest.fixture
def repo(tmp_path):
    """A git repository with the drivers configured by the README's own lines (its ``planner`` being this Python's),
    and the example committed as plan.issplan."""
    repo = tmp_path / "repo"
    repo.mkdir()
    planner = f"{shlex.quote(sys.executable)} -m planner"
    _git(repo, "init", "-q", "-b", "main")
    attributes, configs = _readme_git_lines()
    for key, value in [("user.name", "Test"), ("user.email", "test@example.org"), ("commit.gpgsign", "false")] + [
            (key, planner + value[len("planner"):] if value.startswith("planner ") else value) for key, value in configs]:
        _git(repo, "config", key, value)
    (repo / ".gitattributes").write_text(attributes + "\n")
    save_project(_example(), repo / "plan.issplan")
    _git(repo, "add", ".gitattributes", "plan.issplan")
    _git(repo, "commit", "-q", "-m", "base")
    return repo


def _commit_edit(repo, branch, edit, message):
    _git(repo, "checkout", "-q", branch)
    plan = load_project(repo / "plan.issplan")
    edit(plan)
    save_project(plan, repo / "plan.issplan")
    (repo / "plan.issplan~").unlink()
    _git(repo, "add", "plan.issplan")
    _git(repo, "commit", "-q", "-m", message)


def _move_dock(hours):
    def edit(plan):
        plan.mission("soyuz-ms-19").events[1].utc += timedelta(hours=hours)
    return edit


def _rename_first_activity(plan):
    plan.activities[0].title = "Greeting Moscow"


@needs_git
def test_git_merge_of_edits_to_different_records_is_clean(repo):
    _git(repo, "branch", "theirs")
    _commit_edit(repo, "theirs", _rename_first_activity, "rename")
    _commit_edit(repo, "main", _move_dock(1), "dock later")
    done = _git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = load_project(repo / "plan.issplan")
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert merged.activities[0].title == "Greeting Moscow"
    assert _git(repo, "status", "--porcelain").stdout == ""  # nothing left over beside the plan


@needs_git
def test_git_merge_of_one_field_changed_both_ways_conflicts(repo):
    _git(repo, "branch", "theirs")
    _commit_edit(repo, "theirs", lambda p: (_move_dock(2)(p), _rename_first_activity(p)), "dock 2 h later")
    _commit_edit(repo, "main", _move_dock(1), "dock 1 h later")
    done = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode != 0
    assert "event dock of Soyuz MS-19 (soyuz-ms-19), time (UTC): changed on both sides: ours 2021-10-05T13:22:31Z, " \
           "theirs 2021-10-05T14:22:31Z" in done.stdout
    assert "CONFLICT (content): Merge conflict in plan.issplan" in done.stdout
    assert "Merged into plan.issplan with 1 conflict, ours kept for it:" in done.stdout  # not git's temporary name
    # the file is a plan (ours for the conflicting field, their other change merged), not conflict markers
    merged = load_project(repo / "plan.issplan")
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert merged.activities[0].title == "Greeting Moscow"
    assert _git(repo, "status", "--porcelain").stdout == "UU plan.issplan\n"


@needs_git
def test_git_diff_and_log_show_changes_in_the_planners_words(repo):
    _commit_edit(repo, "main", _move_dock(1), "dock later")
    for args in (("diff", "HEAD~1", "HEAD"), ("log", "-p", "-1")):
        shown = _git(repo, *args).stdout
        assert "@@ mission Soyuz MS-19 (soyuz-ms-19)" in shown  # the hunk is named by its mission
        assert "-    time (UTC): 2021-10-05T12:22:31Z\n+    time (UTC): 2021-10-05T13:22:31Z\n" in shown


def test_merge_without_a_common_base(plans, tmp_path, capsys):
    # git's merge driver gets an empty BASE when both branches added the plan: each record is then an addition
    # on both sides, the same where they agree and a conflict field by field where they do not
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    theirs = load_project(plans["theirs"])
    theirs.meta.title = "The Challenge (producer's copy)"  # the title too was added, not changed from an empty plan's
    _save(theirs, plans["theirs"])
    out = tmp_path / "merged.issplan"
    assert main(["merge", str(empty), plans["ours"], plans["theirs"], "-o", str(out)]) == 1
    text = capsys.readouterr().out
    assert "event dock of Soyuz MS-19 (soyuz-ms-19), time (UTC): added on both sides, differently: ours " \
           "2021-10-05T13:22:31Z, theirs 2021-10-05T12:22:31Z; kept ours" in text
    assert "title and description, title: added on both sides, differently: ours The Challenge, 2021, theirs The " \
           "Challenge (producer's copy); kept ours" in text
    assert text.count("\n  ") == 3  # those and the renamed activity's title
    merged = load_project(out)
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert len(merged.missions) == len(_example().missions)


@needs_git
def test_git_merge_of_a_plan_both_branches_added(repo):
    _git(repo, "rm", "-q", "plan.issplan")
    _git(repo, "commit", "-q", "-m", "no plan yet")
    _git(repo, "branch", "theirs")
    def add(branch, edit):
        _git(repo, "checkout", "-q", branch)
        plan = _example()
        edit(plan)
        save_project(plan, repo / "plan.issplan")
        _git(repo, "add", "plan.issplan")
        _git(repo, "commit", "-q", "-m", f"plan on {branch}")

    add("theirs", _rename_first_activity)
    add("main", _move_dock(1))
    done = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert done.returncode != 0  # the renamed title and the dock were added differently on each side
    assert "added on both sides, differently" in done.stdout
    merged = load_project(repo / "plan.issplan")
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
