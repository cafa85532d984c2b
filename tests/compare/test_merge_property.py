"""Any edits to different records or fields, shared out between ours and theirs in any way, merge cleanly into the
plan with all of them made (compared as records, whatever their order)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.compare import diff_projects, merge_projects
from planner.model import Person
from planner.resources import example_project_path
from planner.store import load_project


def _activity(plan, ident):
    return next(a for a in plan.activities if a.id == ident)


#: Edits of the example that touch different records, or different fields of one record.
EDITS = {
    "dock MS-19 later": lambda p: setattr(p.mission("soyuz-ms-19").events[1], "utc",
                                          p.mission("soyuz-ms-19").events[1].utc + timedelta(minutes=40)),
    "MS-19 dock note": lambda p: setattr(p.mission("soyuz-ms-19").events[1], "note", "Kurs fault"),
    "MS-19 tag": lambda p: setattr(p.mission("soyuz-ms-19"), "tags", ("film",)),
    "Crew-3 unknown field": lambda p: p.mission("crew-3").extra.update({"x-serial": "C210"}),
    "CRS-24 gone": lambda p: setattr(p, "missions", [m for m in p.missions if m.id != "crs-24"]),
    "shoot renamed": lambda p: setattr(_activity(p, "act-02"), "title", "First night"),
    "shoot module": lambda p: setattr(_activity(p, "act-02"), "module", "Zvezda"),
    "shoot gone": lambda p: setattr(p, "activities", [a for a in p.activities if a.id != "act-12"]),
    "role": lambda p: setattr(p.people[0], "role", "commander"),
    "new person": lambda p: p.people.append(Person("jared-isaacman", "Jared Isaacman")),
    "site note": lambda p: setattr(p.sites[0], "note", "main antenna"),
    "setting": lambda p: setattr(p, "settings", p.effective_settings.updated(spacing_warning_hours=20.0)),
    "title": lambda p: setattr(p.meta, "title", "The Challenge (revised)"),
    "top-level unknown field": lambda p: p.extra.update({"x-review": {"by": "ops"}}),
}


def _example():
    return load_project(example_project_path())


def _with(names):
    plan = _example()
    for name in names:
        EDITS[name](plan)
    return plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(EDITS)), st.sampled_from(["ours", "theirs", "both"]), min_size=1))
def test_edits_shared_out_any_way_merge_to_all_of_them(sides):
    ours = _with([n for n, side in sides.items() if side in ("ours", "both")])
    theirs = _with([n for n, side in sides.items() if side in ("theirs", "both")])
    result = merge_projects(_example(), ours, theirs, findings=False)
    assert result.conflicts == []
    assert diff_projects(result.project, _with(sides), findings=False).changes == []
