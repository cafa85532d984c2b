"""merge_projects: a three-way merge by record id, field by field, conflicts keeping ours, and the findings new to the
merge."""

from __future__ import annotations

from datetime import timedelta

from planner.compare import diff_projects, merge_projects
from planner.model import Activity, ActivityKind, GroundSite, Person
from planner.model.times import utc
from planner.store import project_from_json, project_to_json


def _round_trip(project):
    """The plan as it would be saved and opened again (extra fields included)."""
    return project_from_json(project_to_json(project))


def _without_hirano(plan) -> None:
    """Yozo Hirano taken out of the plan, and his seat on Soyuz MS-20 with him (a crew is a field of each event)."""
    plan.people = [p for p in plan.people if p.id != "yozo-hirano"]
    for event in plan.mission("soyuz-ms-20").events:
        event.crew = tuple(p for p in event.crew if p != "yozo-hirano")


def _same_plan(a, b) -> bool:
    return diff_projects(a, b, findings=False).same


def test_edits_of_different_records_merge(example):
    base, ours, theirs = example(), example(), example()
    ours.mission("soyuz-ms-19").events[1].utc += timedelta(hours=1)
    ours.mission("crew-3").extra["x-ours"] = {"kept": [1, 2]}
    theirs.activities[2].title = "Filming the cupola"
    theirs.extra["x-theirs"] = "top level"
    theirs.people[0].extra["x-call-sign"] = "Oleg"
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean and result.conflicts == []
    merged = _round_trip(result.project)
    assert merged.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 13, 22, 31)
    assert merged.activities[2].title == "Filming the cupola"
    # unknown fields, wherever they are, survive the merge and a save
    assert merged.mission("crew-3").extra == {"x-ours": {"kept": [1, 2]}}
    assert merged.extra == {"x-theirs": "top level"}
    assert merged.people[0].extra == {"x-call-sign": "Oleg"}


def test_different_fields_of_one_record_merge(example):
    base, ours, theirs = example(), example(), example()
    ours.mission("soyuz-ms-19").events[1].port = "poisk-zenith"
    theirs.mission("soyuz-ms-19").events[1].note = "docked by hand"
    theirs.mission("soyuz-ms-19").events[1].utc += timedelta(minutes=5)
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean
    dock = result.project.mission("soyuz-ms-19").events[1]
    assert (dock.port, dock.note, dock.utc) == ("poisk-zenith", "docked by hand", utc(2021, 10, 5, 12, 27, 31))


def test_the_same_field_changed_both_ways_is_a_conflict_keeping_ours(example):
    base, ours, theirs = example(), example(), example()
    ours.mission("soyuz-ms-19").events[1].utc += timedelta(hours=2)
    theirs.mission("soyuz-ms-19").events[1].utc += timedelta(hours=3)
    theirs.activities[0].module = "Nauka"  # a clean change beside it still merges
    result = merge_projects(base, ours, theirs, findings=False)
    [conflict] = result.conflicts
    assert (conflict.record, conflict.field) == ("event dock of Soyuz MS-19 (soyuz-ms-19)", "utc")
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        "2021-10-05T12:22:31Z", "2021-10-05T14:22:31Z", "2021-10-05T15:22:31Z")
    assert conflict.text() == ("event dock of Soyuz MS-19 (soyuz-ms-19), time (UTC): changed on both sides: ours "
                               "2021-10-05T14:22:31Z, theirs 2021-10-05T15:22:31Z (was 2021-10-05T12:22:31Z); kept ours")
    assert result.project.mission("soyuz-ms-19").events[1].utc == utc(2021, 10, 5, 14, 22, 31)
    assert result.project.activities[0].module == "Nauka"


def test_the_same_change_on_both_sides_is_no_conflict(example):
    base, ours, theirs = example(), example(), example()
    for side in (ours, theirs):
        side.mission("crs-24").note = "slipped a day"
        side.people.append(Person("jared-isaacman", "Jared Isaacman"))
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean and _same_plan(result.project, ours)


def test_merging_with_an_unchanged_side_gives_the_other(example):
    base, edited = example(), example()
    edited.mission("prichal").events[1].utc -= timedelta(hours=4)
    edited.activities = edited.activities[1:]
    edited.sites.append(GroundSite("vostochny", "Vostochny", 51.88, 128.33))
    for ours, theirs in ((edited, example()), (example(), edited)):
        result = merge_projects(base, ours, theirs, findings=False)
        assert result.clean and _same_plan(result.project, edited)


def test_lists_are_field_values(example):
    base, ours, theirs = example(), example(), example()
    ours.activities[1].people = ("yulia-peresild",)
    theirs.activities[1].people = ("klim-shipenko",)
    [conflict] = merge_projects(base, ours, theirs, findings=False).conflicts
    assert conflict.field == "people"
    assert "people: changed on both sides: ours Yulia Peresild, theirs Klim Shipenko" in conflict.text(
        {"yulia-peresild": "Yulia Peresild", "klim-shipenko": "Klim Shipenko"})


def test_removed_on_one_side_and_edited_on_the_other_is_a_conflict(example):
    base, ours, theirs = example(), example(), example()
    ours.activities = [a for a in ours.activities if a.id != "act-05"]
    next(a for a in theirs.activities if a.id == "act-05").note = "the spacewalk scene"
    result = merge_projects(base, ours, theirs, findings=False)
    [conflict] = result.conflicts
    assert conflict.record.startswith("activity ") and conflict.record.endswith("(act-05)")
    assert conflict.field is None and conflict.reason == "removed by ours, changed by theirs"
    assert "act-05" not in {a.id for a in result.project.activities}  # ours: removed

    # the other way round ours is the edited record, and it stays
    result = merge_projects(base, theirs, ours, findings=False)
    assert [c.reason for c in result.conflicts] == ["changed by ours, removed by theirs"]
    assert next(a for a in result.project.activities if a.id == "act-05").note == "the spacewalk scene"


def test_a_mission_goes_with_its_events(example):
    base, ours, theirs = example(), example(), example()
    ours.missions = [m for m in ours.missions if m.id != "crs-24"]
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean and result.project.mission("crs-24") is None

    theirs.mission("crs-24").events[1].utc += timedelta(days=1)  # their docking moved: removing it conflicts
    result = merge_projects(base, ours, theirs, findings=False)
    assert [(c.record, c.reason) for c in result.conflicts] == [
        ("mission CRS-24 (crs-24)", "removed by ours, its flight changed by theirs")]
    assert result.project.mission("crs-24") is None
    result = merge_projects(base, theirs, ours, findings=False)
    kept = result.project.mission("crs-24")
    assert kept is not None and kept.events[1].utc == utc(2021, 12, 23, 8, 41)


def test_a_removed_person_still_named_is_kept(example):
    base, ours, theirs = example(), example(), example()
    ours.activities.append(Activity("act-13", "Interview", ActivityKind.OTHER, utc(2021, 12, 10, 10),
                                    utc(2021, 12, 10, 11), people=("yozo-hirano",)))
    _without_hirano(theirs)
    result = merge_projects(base, ours, theirs, findings=False)
    assert [(c.record, c.reason) for c in result.conflicts] == [
        ("person Yozo Hirano (yozo-hirano)", "removed by theirs, still named by activity Interview (act-13)")]
    assert result.project.person("yozo-hirano") is not None
    assert _round_trip(result.project).activities[-1].people == ("yozo-hirano",)


def test_additions_of_both_sides_are_kept_in_their_places(example):
    base, ours, theirs = example(), example(), example()
    ours.people.append(Person("ours-new", "Ours New"))
    theirs.people.insert(3, Person("theirs-new", "Theirs New"))
    result = merge_projects(base, ours, theirs, findings=False)
    ids = [p.id for p in result.project.people]
    assert result.clean and ids.index("theirs-new") == 3 and ids[-1] == "ours-new"


def test_both_adding_one_id_differently_conflicts_field_by_field(example):
    base, ours, theirs = example(), example(), example()
    ours.people.append(Person("new-one", "Ann Lee", agency="NASA"))
    theirs.people.append(Person("new-one", "Ann Lee", agency="ESA"))
    [conflict] = merge_projects(base, ours, theirs, findings=False).conflicts
    assert (conflict.record, conflict.field, conflict.ours, conflict.theirs, conflict.reason) == (
        "person Ann Lee (new-one)", "agency", "NASA", "ESA", "added on both sides, differently")


def test_findings_new_to_the_merge(example):
    # Ours gives a film shoot to Oleg Novitskiy alone; theirs moves it onto the next day's shoot, which has Peresild
    # and Shipenko as it did (theirs: they are double-booked). Merged, it is Novitskiy who is double-booked: a
    # finding neither side has.
    base, ours, theirs = example(), example(), example()
    shoot = next(a for a in ours.activities if a.id == "act-03")
    shoot.people = ("oleg-novitskiy",)
    moved = next(a for a in theirs.activities if a.id == "act-03")
    moved.start, moved.end = utc(2021, 10, 8, 9), utc(2021, 10, 8, 9, 30)
    result = merge_projects(base, ours, theirs)
    assert result.clean
    overlaps = [f for f in result.new_findings if f.rule == "activity-overlap"]
    assert [(f.people, f.activities) for f in overlaps] == [(("oleg-novitskiy",), ("act-04", "act-03"))]
    assert "Oleg Novitskiy in" in overlaps[0].message


def test_changes_valid_alone_but_not_together_take_ours_of_that_record(example):
    # ours starts a shoot later, after the end theirs gives it: each is a valid plan, the two together are not
    base, ours, theirs = example(), example(), example()
    shoot = next(a for a in ours.activities if a.id == "act-04")  # 2021-10-08 08:30-12:30
    shoot.start = utc(2021, 10, 8, 11)
    cut = next(a for a in theirs.activities if a.id == "act-04")
    cut.end = utc(2021, 10, 8, 10)
    theirs.activities[0].module = "Nauka"  # merges as it should meanwhile
    result = merge_projects(base, ours, theirs, findings=False)
    [conflict] = result.conflicts
    assert conflict.record.endswith("(act-04)") and conflict.field is None
    assert conflict.reason == "both sides' changes together are not a valid plan ('end' is before 'start')"
    merged = next(a for a in result.project.activities if a.id == "act-04")
    assert (merged.start, merged.end) == (utc(2021, 10, 8, 11), utc(2021, 10, 8, 12, 30))
    assert result.project.activities[0].module == "Nauka"


def test_settings_merge_one_by_one(example):
    base, ours, theirs = example(), example(), example()
    ours.settings = ours.effective_settings.updated(spacing_warning_hours=12.0)
    theirs.settings = theirs.effective_settings.updated(headcount_warning=10)
    theirs.settings_extra = {"x-note": "agreed 2021-09"}
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean
    merged = _round_trip(result.project)
    assert (merged.effective_settings.spacing_warning_hours, merged.effective_settings.headcount_warning) == (12.0, 10)
    assert merged.settings_extra == {"x-note": "agreed 2021-09"}


def test_sleep_shifts_and_the_crews_day_merge_by_record_and_field(example):
    from datetime import date

    from planner.model.crew_day import SleepShift

    base, ours, theirs = example(), example(), example()
    shift = SleepShift("shift-ms18", day=date(2021, 10, 17), wake_delay_hours=-3.0)
    for plan in (base, ours, theirs):
        plan.sleep_shifts = [SleepShift(**{f: getattr(shift, f) for f in ("id", "day", "wake_delay_hours")})]
    ours.sleep_shifts[0].note = "MS-18 undocks 01:14"
    theirs.sleep_shifts[0].sleep_delay_hours = -1.5
    theirs.sleep_shifts.append(SleepShift("shift-klim", person="klim-shipenko", wake_delay_hours=0.5))
    ours.crew_day = ours.effective_crew_day.updated(wake_hour=5.5)
    theirs.crew_day = theirs.effective_crew_day.updated(sleep_hour=22.0)
    result = merge_projects(base, ours, theirs, findings=False)
    assert result.clean, [c.text() for c in result.conflicts]
    merged = _round_trip(result.project)
    first, added = merged.sleep_shifts
    assert (first.note, first.sleep_delay_hours, first.wake_delay_hours) == ("MS-18 undocks 01:14", -1.5, -3.0)
    assert (added.id, added.person) == ("shift-klim", "klim-shipenko")
    assert (merged.effective_crew_day.wake_hour, merged.effective_crew_day.sleep_hour) == (5.5, 22.0)


def test_a_person_removed_on_one_side_whose_sleep_shift_the_other_adds_is_kept(example):
    from planner.model.crew_day import SleepShift

    base, ours, theirs = example(), example(), example()
    ours.sleep_shifts = [SleepShift("shift-yozo", person="yozo-hirano", wake_delay_hours=1.0)]
    _without_hirano(theirs)
    result = merge_projects(base, ours, theirs, findings=False)
    assert [(c.record, c.reason) for c in result.conflicts] == [
        ("person Yozo Hirano (yozo-hirano)", "removed by theirs, still named by sleep shift shift-yozo")]
    assert _round_trip(result.project).sleep_shifts[0].person == "yozo-hirano"
