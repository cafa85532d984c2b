"""diff_projects: what changed between two plans in the planner's words, and the findings each side alone has."""

from __future__ import annotations

from datetime import timedelta

from planner.compare import diff_projects
from planner.compare.diff import ADDED, CHANGED, REMOVED
from planner.compare.text import plan_text
from planner.compare.words import ABSENT
from planner.model import GroundSite
from planner.rules import check_project
from planner.rules.orbit_link import orbit_conditions


def _change(diff, section, record_id):
    found = [c for c in diff.changes if c.section == section and c.record.id == record_id]
    assert len(found) == 1, [(c.section, c.record.id) for c in diff.changes]
    return found[0]


def test_a_plan_is_the_same_as_itself(example):
    diff = diff_projects(example(), example())
    assert diff.same and diff.changes == [] and diff.only_a == [] and diff.only_b == []
    assert diff.to_text("a.issplan", "b.issplan") == "a.issplan and b.issplan hold the same plan.\n"


def test_each_kind_of_record_is_named_with_its_fields_old_and_new(example):
    a, b = example(), example()
    ms19 = b.mission("soyuz-ms-19")
    ms19.events[1].utc += timedelta(hours=2)  # the docking, 12:22:31 -> 14:22:31
    ms19.extra["x-vehicle-serial"] = 749  # an unknown field is a field like the others
    b.activities[0].title = "Greeting Moscow"
    b.people = [p for p in b.people if p.id != "yozo-hirano"]
    b.missions = [m for m in b.missions if m.id != "soyuz-ms-20"]  # Hirano flew on it: gone with it
    b.sites.append(GroundSite("vostochny", "Vostochny", 51.88, 128.33))
    b.settings = b.effective_settings.updated(spacing_warning_hours=12.0)
    b.meta.title = "The Challenge, revised"

    diff = diff_projects(a, b, findings=False)
    dock = _change(diff, "events", "soyuz-ms-19/dock")
    assert dock.change == CHANGED and dock.label == "dock of Soyuz MS-19 (soyuz-ms-19)"
    assert [(f.field, f.old, f.new) for f in dock.fields] == [("utc", "2021-10-05T12:22:31Z", "2021-10-05T14:22:31Z")]
    mission = _change(diff, "missions", "soyuz-ms-19")
    assert [(f.field, f.old, f.new) for f in mission.fields] == [("x-vehicle-serial", ABSENT, 749)]
    act = _change(diff, "activities", "act-01")
    assert act.label == "Greeting Moscow (act-01)"
    assert _change(diff, "people", "yozo-hirano").change == REMOVED
    assert _change(diff, "missions", "soyuz-ms-20").change == REMOVED
    assert {c.record.id for c in diff.changes if c.section == "events" and c.change == REMOVED} == {
        "soyuz-ms-20/launch", "soyuz-ms-20/dock", "soyuz-ms-20/undock", "soyuz-ms-20/land"}
    assert _change(diff, "sites", "vostochny").change == ADDED
    settings = _change(diff, "settings", "settings")
    assert [(f.field, f.old, f.new) for f in settings.fields] == [("spacing_warning_hours", 24.0, 12.0)]
    assert [(f.field, f.old, f.new) for f in _change(diff, "meta", "meta").fields] == [
        ("title", "The Challenge, 2021", "The Challenge, revised")]
    assert not diff.same
    assert diff.changed_ids("missions") == {"soyuz-ms-19"}
    assert diff.changed_ids("activities") == {"act-01"}

    text = diff.to_text("old", "new")
    assert "  ~ event dock of Soyuz MS-19 (soyuz-ms-19)\n      time (UTC): 2021-10-05T12:22:31Z -> 2021-10-05T14:22:31Z\n" in text
    assert "  - mission Soyuz MS-20 (soyuz-ms-20) removed\n" in text
    assert "  - person Yozo Hirano (yozo-hirano) removed\n" in text
    assert "  + ground site Vostochny (vostochny) added\n" in text
    assert "      spacing warning hours: 24 -> 12\n" in text
    assert "      title: Live downlink: the film crew greets Mission Control Moscow -> Greeting Moscow\n" in text
    # grouped in the planner's order: the plan's settings, the traffic, then the people and what they do
    assert text.index("Settings:") < text.index("Missions:") < text.index("Events:") < text.index("People:") \
        < text.index("Activities:") < text.index("Ground sites:")


def test_crews_are_shown_by_name(example):
    a, b = example(), example()
    dock = b.mission("soyuz-ms-19").events[1]
    dock.crew = dock.crew[:2]  # Shipenko stays home
    line = diff_projects(a, b, findings=False).to_text()
    assert ("crew: Anton Shkaplerov, Yulia Peresild, Klim Shipenko -> Anton Shkaplerov, Yulia Peresild (without Klim "
            "Shipenko)\n") in line


def test_a_list_field_says_what_it_gained_and_lost():
    from planner.compare.words import ABSENT, list_change_words

    names = {"a": "Ann", "b": "Bob", "c": "Cy"}
    assert list_change_words(["a", "b"], ["b", "c"], "crew", names) == "with Cy, without Ann"
    assert list_change_words(ABSENT, ["a"], "people", names) == "with Ann"
    assert list_change_words(["x", "y"], ["y", "x"], "tags") == ""  # only the order
    assert list_change_words("old", "new", "title") == ""
    assert list_change_words([{"kind": "daylight"}], [], "needs") == "without daylight"


def test_findings_each_side_alone_has(example):
    # The example's one spacing warning: CRS-24 docks 14.4 h before Progress M-UM undocks (dynamic events
    # need 24 h, DOMAIN.md). Docking CRS-24 two days later clears it.
    a, b = example(), example()
    b.mission("crs-24").events[1].utc += timedelta(days=2)
    diff = diff_projects(a, b)
    assert [f.rule for f in diff.only_a] == ["spacing"]
    assert "CRS-24 docking (2021-12-22 08:41 UTC)" in diff.only_a[0].message
    assert diff.only_b == []
    # what planner check finds on each side, not something of the diff's own
    found_a, found_b = (check_project(p)[0] for p in (a, b))
    assert len(found_a) - len(found_b) == 1
    text = diff.to_text("a", "b")
    assert "Findings only in a: 1\n  warning [spacing] CRS-24 docking" in text and "Findings only in b" not in text


def test_json_form(example):
    a, b = example(), example()
    b.activities[0].people = ()
    data = diff_projects(a, b, findings=False).to_json()
    assert data["same"] is False and data["findings_only_a"] == [] and data["findings_only_b"] == []
    [change] = data["changes"]
    assert change == {"section": "activities", "kind": "activity", "id": "act-01",
                      "name": "Live downlink: the film crew greets Mission Control Moscow", "mission": None,
                      "change": "changed", "fields": [{"field": "people", "old": [
                          "yulia-peresild", "klim-shipenko", "anton-shkaplerov"], "new": None}]}


def test_plan_text_has_a_line_per_field_under_its_record(example):
    text = plan_text(example())
    assert "\nmission Soyuz MS-19 (soyuz-ms-19)\n  name: Soyuz MS-19\n  vehicle type: soyuz-ms\n" in text
    assert "\n  dock\n    kind: dock\n    time (UTC): 2021-10-05T12:22:31Z\n    port: rassvet-nadir\n" \
           "    crew: Anton Shkaplerov, Yulia Peresild, Klim Shipenko\n" in text
    assert "\nsettings\n  beds: 7\n" in text
    plan = example()
    found = check_project(plan, orbit_conditions(plan))[0]  # as planner check finds them
    assert f"\nfindings: {len(found)}\n  {found[0].severity.value} [{found[0].rule}] {found[0].message}\n" in text
    # record lines start at the first column, fields are indented: git's hunk headers name the record
    assert all(line.startswith(("  ", "mission ", "person ", "activity ", "ground site ", "element set ", "station",
                                "settings", "crew's day", "title and description", "findings"))
               for line in text.splitlines())


def test_changed_ids_of_either_side(example):
    a, b = example(), example()
    a.missions = [m for m in a.missions if m.id != "crs-24"]  # only in B
    b.missions = [m for m in b.missions if m.id != "prichal"]  # only in A
    b.mission("nauka").events[0].note = "a note"  # an event of a mission both have
    b.activities[3].module = "Tranquility"
    diff = diff_projects(a, b, findings=False)
    assert diff.changed_ids("missions", "b") == {"crs-24", "nauka"}
    assert diff.changed_ids("missions", "a") == {"prichal", "nauka"}
    assert diff.changed_ids("activities", "a") == diff.changed_ids("activities", "b") == {"act-04"}


def test_a_change_at_the_end_of_a_long_text_shows(example):
    """Values are cut at 100 characters on a line: cut where they start to differ, not both at their start."""
    a, b = example(), example()
    undock = b.mission("progress-ms-16").events[1]
    undock.note += " (checked)"
    assert len(undock.note) > 200
    diff = diff_projects(a, b, findings=False)
    line = diff.field_line(_change(diff, "events", "progress-ms-16/undock").fields[0])
    old, new = line.removeprefix("note: ").split(" -> ")
    assert new.endswith("free for Nauka. (checked)") and old.endswith("free for Nauka.") and old.startswith("…")
    assert len(old) <= 100 and len(new) <= 100


def test_values_that_read_alike_are_told_apart():
    from planner.compare.words import ABSENT, change_words

    assert change_words(ABSENT, [], "crew") == ("(none)", "[]")
    assert change_words("24", 24) == ('"24"', "24")
    assert change_words("short", "text") == ("short", "text")


def test_the_crews_day_and_sleep_shifts_are_named_in_the_planners_words(example):
    from datetime import date

    from planner.model.crew_day import SleepShift

    a, b = example(), example()
    a.sleep_shifts = [SleepShift("shift-ms18", day=date(2021, 10, 17), wake_delay_hours=-3.0)]
    b.crew_day = b.effective_crew_day.updated(wake_hour=5.5)
    b.sleep_shifts = [SleepShift("shift-ms18", day=date(2021, 10, 17), person="yulia-peresild", wake_delay_hours=-3.0),
                      SleepShift("shift-late", wake_delay_hours=0.5, person="klim-shipenko")]
    diff = diff_projects(a, b, findings=False)
    day = _change(diff, "crew_day", "crew_day")
    assert day.change == CHANGED and [(f.field, f.old, f.new) for f in day.fields] == [("wake_hour", 6.0, 5.5)]
    shift = _change(diff, "sleep_shifts", "shift-ms18")
    assert shift.change == CHANGED and shift.label == "2021-10-17 (shift-ms18)"
    assert [(f.field, f.old, f.new) for f in shift.fields] == [("person", ABSENT, "yulia-peresild")]
    assert _change(diff, "sleep_shifts", "shift-late").change == ADDED
    text = diff.to_text("a.issplan", "b.issplan")
    assert "The crew's day" in text and "wake (GMT hour): 6 -> 5.5" in text
    assert "sleep shift 2021-10-17 (shift-ms18)" in text and "person: (none) -> Yulia Peresild" in text
    assert not [c for c in diff.changes if c.section in ("plan", "station")]  # not as a whole list of the plan's
