"""A skipped activity will not happen: the rules leave it out (no clash, no finding of its own), in a full check
and in a re-check after its status changes; a done one is still checked."""

from __future__ import annotations

from datetime import datetime, timezone

from planner.model import Activity, ActivityKind, ActivityStatus, Project
from planner.rules.engine import RuleEngine


def _at(hour: int) -> datetime:
    return datetime(2021, 10, 6, hour, tzinfo=timezone.utc)


def _project() -> Project:
    # Two activities of a person nobody flies: each is outside the person's stay, and they overlap.
    one = Activity("a1", "Shoot", ActivityKind.FILM_SHOOT, _at(10), _at(12), people=("p",))
    two = Activity("a2", "Downlink", ActivityKind.LIVE_DOWNLINK, _at(11), _at(13), people=("p",))
    return Project(activities=[one, two])


def _about(engine: RuleEngine) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for finding in engine.findings():
        for aid in finding.activities:
            out.setdefault(aid, set()).add(finding.rule)
    return out


def test_a_skipped_activity_raises_nothing_in_a_full_check():
    project = _project()
    before = _about(RuleEngine(project))
    assert "activity-outside-stay" in before["a1"] and "activity-overlap" in before["a1"] & before["a2"]
    project.activities[1].status = ActivityStatus.SKIPPED
    after = _about(RuleEngine(project))
    assert "a2" not in after
    assert after["a1"] == before["a1"] - {"activity-overlap"}


def test_skipping_and_taking_back_rechecks_as_a_full_check_does():
    project = _project()
    engine = RuleEngine(project)
    for status in (ActivityStatus.SKIPPED, ActivityStatus.DONE, ActivityStatus.IN_PROGRESS, ActivityStatus.PLANNED):
        project.activities[1] = Activity(**{**{f: getattr(project.activities[1], f) for f in
                                                ("id", "title", "kind", "start", "end", "people")}, "status": status})
        engine.activity_changed("a2")
        assert engine.findings() == RuleEngine(project).findings()
        skipped = status is ActivityStatus.SKIPPED
        assert ("a2" in _about(engine)) is not skipped


def test_a_done_activity_is_still_checked():
    project = _project()
    project.activities[0].status = ActivityStatus.DONE
    assert "activity-overlap" in _about(RuleEngine(project))["a1"]
