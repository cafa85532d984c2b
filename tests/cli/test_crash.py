"""An internal error in a command exits 70 with one line naming a crash report, never 1 (conflicts)."""

from __future__ import annotations

import os
from pathlib import Path

from planner import cli
from planner.cli import check_cmd


def test_an_internal_error_exits_70_and_names_its_crash_report(monkeypatch, capsys, tmp_path):
    def broken(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(check_cmd, "run", broken)
    project = tmp_path / "plan.issplan"
    assert cli.main(["check", str(project)]) == 70
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("planner: internal error (ZeroDivisionError: a bug); a crash report is in ")
    report = err[0].split("a crash report is in ")[1].split(". Please")[0]
    assert report.startswith(os.environ["XDG_CACHE_HOME"])  # the test's own cache folder
    text = Path(report).read_text(encoding="utf-8")
    assert f"command: planner check {project}" in text
    assert "ZeroDivisionError: a bug" in text and "Traceback" in text


def test_conflicts_and_bad_input_keep_their_codes(tmp_path, capsys):
    missing = tmp_path / "missing.issplan"
    assert cli.main(["check", str(missing)]) == 2
    assert "internal error" not in capsys.readouterr().err
