"""``planner check``: exit codes, text and JSON output, unreadable input on stderr."""

from __future__ import annotations

import json

import pytest

from planner.cli import main


def test_real_traffic_checks_clean_with_exit_0(data_dir, capsys):
    assert main(["check", str(data_dir / "iss-traffic-2021h2.csv")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Conflicts: none\nWarnings: 2\n")
    assert "2021-10-05T12:22:31Z   10 people   10 seats" in out


def test_json_output_and_exit_1_on_the_counterfactual(data_dir, tmp_path, capsys):
    lines = (data_dir / "iss-traffic-2021h2.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("Soyuz MS-18,soyuz-ms,relocate,")]
    assert len(kept) == len(lines) - 1
    csv = tmp_path / "no-relocation.csv"
    csv.write_text("".join(kept), encoding="utf-8")
    assert main(["check", str(csv), "--json", "--fixes"]) == 1
    data = json.loads(capsys.readouterr().out)
    first = data["conflicts"][0]
    assert (first["rule"], first["start"], first["end"], first["ports"]) == (
        "port-double-booking", "2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z", ["rassvet-nadir"])
    assert first["suggestions"] == []  # no move of MS-19 fixes it without new conflicts (see test_real_2021)
    assert len(data["headcount"]) == 9


def test_unreadable_inputs_exit_2_with_the_place_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("vehicle,vehicle_type,event,utc,end_utc,port,from_port,crew,note,source\n"
                   "X,soyuz-ms,dock,2021-13-01T00:00:00Z,,rassvet-nadir,,,,\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, line 2, column utc" in err and "Traceback" not in err
    assert main(["check", str(tmp_path / "missing.issplan")]) == 2
    assert "no such file" in capsys.readouterr().err
    broken = tmp_path / "broken.issplan"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "broken.issplan" in capsys.readouterr().err


def test_bundled_example_gives_domain_md_outcomes(capsys):
    from planner.resources import resource_path

    example = resource_path("examples", "the-challenge-2021.issplan")
    if not example.is_file():
        pytest.skip("the bundled example has not landed yet")
    code = main(["check", str(example), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["conflicts"] == []
    assert [(h["utc"], h["people"]) for h in data["headcount"]] == [
        ("2021-04-09T11:05:07Z", 3), ("2021-04-24T09:08:00Z", 7), ("2021-10-05T12:22:31Z", 10),
        ("2021-10-17T01:14:00Z", 7), ("2021-11-08T19:05:00Z", 3), ("2021-11-11T23:32:00Z", 7),
        ("2021-12-08T13:40:42Z", 10), ("2021-12-19T23:50:25Z", 7), ("2022-03-30T07:21:03Z", 4)]


def test_fixes_are_listed_when_asked(data_dir, capsys):
    """Fixes are re-checked before they are listed, which costs about an edit's re-check each: `check` lists the
    findings, `check --fixes` each with its fixes."""
    from planner.rules import RuleEngine, build_report
    from planner.traffic import read_traffic_csv

    traffic = read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")
    crew3 = traffic.mission("crew-3")
    for event in crew3.events:
        if event.port == "harmony-forward":
            event.port = "harmony-zenith"  # CRS-24 / Crew-2's port: a double booking with a fix
    engine = RuleEngine(traffic)
    plain, fixed = build_report(engine), build_report(engine, fixes=True)
    assert [f.message for f in plain.conflicts] == [f.message for f in fixed.conflicts] != []
    assert not any(f.suggestions for f in plain.conflicts)
    assert any(f.suggestions for f in fixed.conflicts)
