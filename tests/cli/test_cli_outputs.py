"""Where the commands write: a project file is never replaced silently, by import-traffic or by a report."""

from __future__ import annotations

import shutil

import pytest

from planner.cli import main
from planner.resources import resource_path
from planner.store import load_project
from planner.traffic import TrafficCsvError, read_traffic_csv


@pytest.fixture
def existing(tmp_path):
    """A project with activities, sites and element sets: what an import must not wipe out."""
    path = tmp_path / "existing.issplan"
    shutil.copyfile(resource_path("examples", "the-challenge-2021.issplan"), path)
    return path


def test_import_refuses_to_replace_a_project(events_csv, existing, capsys, one_line_error):
    before = existing.read_bytes()
    assert main(["import-traffic", str(events_csv), "-o", str(existing)]) == 2
    assert one_line_error() == (f"planner: {existing} exists: pass --force to replace it "
                                       "(its previous version is kept as existing.issplan~)")
    assert existing.read_bytes() == before
    assert not existing.with_name("existing.issplan~").exists()


def test_import_with_force_replaces_it_and_keeps_the_previous_version(events_csv, existing, capsys):
    before = existing.read_bytes()
    assert main(["import-traffic", str(events_csv), "-o", str(existing), "--force"]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {existing}: 15 vehicles")
    assert load_project(existing) == read_traffic_csv(events_csv)
    assert existing.with_name("existing.issplan~").read_bytes() == before


def test_import_to_the_default_name_refuses_too(events_csv, existing, capsys, one_line_error):
    default = events_csv.with_suffix(".issplan")
    shutil.copyfile(existing, default)
    assert main(["import-traffic", str(events_csv)]) == 2
    assert one_line_error().startswith(f"planner: {default} exists: pass --force")
    assert default.read_bytes() == existing.read_bytes()


def test_import_of_a_project_file_says_what_it_is(existing, tmp_path, capsys, one_line_error):
    out = tmp_path / "new.issplan"
    assert main(["import-traffic", str(existing), "-o", str(out)]) == 2
    assert one_line_error().startswith(f"planner: {existing} is a project file, not a traffic CSV")
    assert not out.exists()


def test_import_reports_the_readers_problems_as_they_are(tmp_path, capsys):
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text("vehicle;vehicle_type;event;utc;end_utc;port;from_port;crew;note;source\n", encoding="utf-8")
    with pytest.raises(TrafficCsvError) as problem:
        read_traffic_csv(semicolons)
    assert main(["import-traffic", str(semicolons), "-o", str(tmp_path / "p.issplan")]) == 2
    assert capsys.readouterr().err == f"planner: {problem.value}\n"


@pytest.mark.parametrize("command", [
    ["export-traffic", "{project}", "-o", "{target}"],
    ["check", "{project}", "-o", "{target}"],
    ["track", "--tle", "{project}", "--start", "2021-10-15T00:00:00Z", "-o", "{target}"],
])
@pytest.mark.parametrize("target_name", ["other.issplan", "other.issplan~", "project-saved-as.json"])
def test_reports_never_replace_a_project(existing, tmp_path, capsys, command, target_name, one_line_error):
    target = tmp_path / target_name
    shutil.copyfile(existing, target)
    before = target.read_bytes()
    args = [a.format(project=existing, target=target) for a in command]
    assert main(args) == 2
    assert one_line_error() == (f"planner: {target} is a project file: write to another file "
                                       "(a project is never replaced by this output)")
    assert target.read_bytes() == before


def test_reports_may_replace_a_report(existing, tmp_path, capsys):
    out = tmp_path / "traffic.csv"
    out.write_text("yesterday's export\n", encoding="utf-8")
    assert main(["export-traffic", str(existing), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("vehicle,vehicle_type,event,utc")
