"""``planner check --fixes`` lists the live-link warning's fix: the activity moved to the nearest time with the link
for all of it, its other needs met (as text and as JSON); a plain check lists no fix."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.model import Need, NeedKind
from planner.store import save_project

FIX = ("move to 2021-10-07 10:14–10:44 UTC (13 min later), the nearest time with a US link (TDRS) for its whole "
       "length, in daylight")


@pytest.fixture
def shot_needs_a_link(example_plan, tmp_path, monkeypatch):
    """The example with its window shot (7 Oct 10:01-10:31, in daylight) needing a US live link, and only the TDRS at
    275 W in the relay catalogue (as if the others were out of service): it first sees the station at 10:13."""
    from planner.orbit import coverage

    kept = tuple(r for r in coverage.relays() if r.id == "tdrs-275w")
    monkeypatch.setattr(coverage, "_catalogue", lambda: kept)
    shot = next(a for a in example_plan.activities if a.id == "act-03")
    shot.needs = shot.needs + (Need(NeedKind.LIVE_LINK, network="us"),)
    path = tmp_path / "link.issplan"
    save_project(example_plan, path)
    return path


def test_check_fixes_lists_the_move_to_the_nearest_link(shot_needs_a_link, capsys):
    assert main(["check", str(shot_needs_a_link), "--fixes"]) == 0  # a warning: exit 0
    lines = capsys.readouterr().out.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("  [activity-link] 'Window shot: Earth in daylight'"))
    assert "12.4 min of its 30 without a US link (TDRS)" in lines[k]
    assert lines[k + 1] == f"      fix: {FIX}"
    assert main(["check", str(shot_needs_a_link)]) == 0
    plain = capsys.readouterr().out
    assert "[activity-link] 'Window shot" in plain and FIX not in plain


def test_check_fixes_json_names_the_activity_and_its_new_start(shot_needs_a_link, capsys):
    assert main(["check", str(shot_needs_a_link), "--fixes", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [warning] = [w for w in report["warnings"] if w["rule"] == "activity-link"]
    assert warning["activities"] == ["act-03"]
    assert warning["suggestions"] == [{"action": "move-activity", "text": FIX, "utc": "2021-10-07T10:14:00Z",
                                       "activity": "act-03"}]
