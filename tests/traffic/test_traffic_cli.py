"""``planner import-traffic`` and ``planner export-traffic``, through ``planner.cli.main`` and once as a process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planner.cli import main
from planner.model import Person
from planner.store import load_project, save_project
from planner.traffic import read_traffic_csv, write_traffic_csv


@pytest.fixture
def project_file(events_csv, tmp_path):
    path = tmp_path / "plan.issplan"
    assert main(["import-traffic", str(events_csv), "-o", str(path)]) == 0
    return path


def test_import_writes_the_project(events_csv, tmp_path, capsys):
    out = tmp_path / "plan.issplan"
    assert main(["import-traffic", str(events_csv), "-o", str(out), "--title", "ISS traffic, 2nd half of 2021"]) == 0
    assert capsys.readouterr().out == f"wrote {out}: 15 vehicles, 44 events, 17 people\n"
    loaded = load_project(out)
    assert loaded == read_traffic_csv(events_csv, title="ISS traffic, 2nd half of 2021")
    assert loaded.meta.title == "ISS traffic, 2nd half of 2021"


def test_import_title_and_output_default_from_the_file_name(events_csv, tmp_path):
    source = events_csv.rename(tmp_path / "autumn-2021.csv")
    assert main(["import-traffic", str(source)]) == 0
    assert load_project(tmp_path / "autumn-2021.issplan").meta.title == "autumn-2021"


def test_import_of_a_broken_csv_exits_2_and_writes_nothing(events_csv, tmp_path, capsys):
    text = events_csv.read_text(encoding="utf-8").replace("2021-10-05T12:22:31Z", "2021-13-05T12:22:31Z", 1)
    events_csv.write_text(text, encoding="utf-8")
    out = tmp_path / "plan.issplan"
    assert main(["import-traffic", str(events_csv), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # Soyuz MS-19's docking is on line 22 of the file (grep -n).
    assert captured.err.startswith(f"planner: {events_csv}, line 22, column utc: '2021-13-05T12:22:31Z' is not a real date")
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_import_of_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["import-traffic", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "p.issplan")]) == 2
    assert capsys.readouterr().err == f"planner: {tmp_path / 'nope.csv'}: the file cannot be read (No such file or directory)\n"


@pytest.mark.parametrize("dest", [None, "-"])
def test_export_to_stdout(project_file, capsys, dest):
    capsys.readouterr()
    assert main(["export-traffic", str(project_file)] + (["-o", dest] if dest else [])) == 0
    assert capsys.readouterr().out == write_traffic_csv(load_project(project_file))


def test_export_to_a_file_round_trips_the_real_traffic(project_file, events_csv, tmp_path, capsys):
    out = tmp_path / "again.csv"
    assert main(["export-traffic", str(project_file), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    # Same rows as the original (the file is sorted by time already, up to ties), same project on re-import.
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(events_csv.read_text(encoding="utf-8").splitlines())
    assert read_traffic_csv(out, title="events") == load_project(project_file)


def test_export_of_an_unreadable_project_exits_2(tmp_path, capsys):
    broken = tmp_path / "broken.issplan"
    broken.write_text("{ not json", encoding="utf-8")
    assert main(["export-traffic", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"planner: cannot load {broken}")
    assert main(["export-traffic", str(tmp_path / "missing.issplan")]) == 2
    assert "missing.issplan" in capsys.readouterr().err


def test_export_refuses_a_name_the_csv_cannot_hold(project_file, tmp_path, capsys):
    project = load_project(project_file)
    project.people.append(Person(id="odd", name="Semi;Colon"))
    odd = tmp_path / "odd.issplan"
    save_project(project, odd)
    out = tmp_path / "odd.csv"
    assert main(["export-traffic", str(odd), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"planner: cannot export {odd}: person 'odd' has the name 'Semi;Colon'")
    assert not out.exists()


def test_import_runs_as_a_process(events_csv, tmp_path):
    out = tmp_path / "process.issplan"
    done = subprocess.run(
        [sys.executable, "-m", "planner", "import-traffic", str(events_csv), "-o", str(out), "--title", "Vyzov"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "15 vehicles" in done.stdout
    assert load_project(out) == read_traffic_csv(events_csv, title="Vyzov")


def test_import_into_a_project_merges_the_flights_it_holds(project_file, events_csv, tmp_path, capsys):
    """``--into``: the plan knew Soyuz MS-19 up to its docking; the CSV brings its return, nothing doubles."""
    plan = load_project(project_file)
    ms19 = next(m for m in plan.missions if m.name == "Soyuz MS-19")
    ms19.events = [e for e in ms19.events if e.utc.year == 2021]
    save_project(plan, project_file)
    out = tmp_path / "merged.issplan"
    capsys.readouterr()

    assert main(["import-traffic", str(events_csv), "--into", str(project_file), "-o", str(out)]) == 0

    assert capsys.readouterr().out == (
        f"Imported 0 vehicles from {events_csv.name}; merged 1 flight already in the plan (Soyuz MS-19: 2 events "
        "added (undock, land)); 14 already in the plan were left as they are.\n"
        f"wrote {out}: 15 vehicles, 44 events, 17 people\n")
    merged = load_project(out)
    assert merged.missions == read_traffic_csv(events_csv).missions
    assert merged.meta.title == plan.meta.title  # the plan's own, not the CSV's name
    assert load_project(project_file) == plan  # the plan given is left as it was


def test_import_into_a_project_writes_over_it_only_with_force(project_file, events_csv, capsys):
    before = project_file.read_bytes()
    assert main(["import-traffic", str(events_csv), "--into", str(project_file)]) == 2
    assert capsys.readouterr().err.startswith(f"planner: {project_file} exists: pass --force to replace it")
    assert project_file.read_bytes() == before
    assert main(["import-traffic", str(events_csv), "--into", str(project_file), "--force"]) == 0
    assert "15 already in the plan were left as they are" in capsys.readouterr().out
    assert project_file.with_name(project_file.name + "~").read_bytes() == before  # the previous version is kept


def test_import_into_a_project_that_cannot_be_read_exits_2(events_csv, tmp_path, capsys):
    broken = tmp_path / "broken.issplan"
    broken.write_text("{ not json", encoding="utf-8")
    out = tmp_path / "out.issplan"
    assert main(["import-traffic", str(events_csv), "--into", str(broken), "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"planner: cannot load {broken}")
    assert not out.exists()
    assert main(["import-traffic", str(events_csv), "--into", str(broken), "-o", str(out), "--title", "x"]) == 2
    assert "with --into the project keeps its own title" in capsys.readouterr().err
