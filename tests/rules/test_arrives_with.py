"""A vehicle that arrives attached to another (the Progress M-UM tug with Prichal): one physical event, so no
spacing warning between the two arrivals; the field survives a save and a load, and a bad reference is named."""

from __future__ import annotations

import json

import pytest

from planner.model import Event, EventKind, Mission, Project, parse_utc
from planner.resources import resource_path
from planner.rules import RuleEngine
from planner.store import ProjectFileError
from planner.store.encode import project_to_dict
from planner.store.files import project_from_json, project_to_json
from planner.traffic import read_traffic_csv


def spacing(project):
    return sorted((f.vehicles, f.message) for f in RuleEngine(project).findings() if f.rule == "spacing")


@pytest.fixture
def traffic(data_dir):
    return read_traffic_csv(data_dir / "iss-traffic-2021h2.csv")


def test_the_csv_import_knows_nothing_of_it_and_the_pair_warns(traffic):
    assert all(m.arrives_with is None for m in traffic.missions)
    found = dict(spacing(traffic))
    assert list(found) == [("crs-24", "progress-m-um"), ("prichal", "progress-m-um")]
    assert "14.4 h apart" in found["crs-24", "progress-m-um"] and "0.0 h apart" in found["prichal", "progress-m-um"]


@pytest.mark.parametrize("who, with_whom", [("progress-m-um", "prichal"), ("prichal", "progress-m-um")])
def test_arriving_attached_removes_only_that_pair(traffic, who, with_whom):
    traffic.mission(who).arrives_with = with_whom
    found = spacing(traffic)
    assert [v for v, _m in found] == [("crs-24", "progress-m-um")]
    assert "14.4 h apart" in found[0][1]


def visit(mid, kind, hours, port, arrives_with=None):
    at = parse_utc("2030-01-01T00:00:00Z").timestamp() + hours * 3600
    from planner.model.times import from_epoch

    return Mission(id=mid, name=mid.upper(), vehicle_type="progress-ms", arrives_with=arrives_with,
                   events=[Event(kind, from_epoch(at), port=port)])


def test_only_two_arrivals_at_the_same_instant_count_as_one():
    tug = "progress-m-um"
    # A second apart, or the tug's undocking at the module's docking time: still two events.
    apart = Project(missions=[visit("module", EventKind.DOCK, 0, "poisk-zenith"),
                              visit(tug, EventKind.DOCK, 1 / 3600, "zvezda-aft", arrives_with="module")])
    leaving = Project(missions=[visit("module", EventKind.DOCK, 0, "poisk-zenith"),
                                visit(tug, EventKind.UNDOCK, 0, "zvezda-aft", arrives_with="module")])
    together = Project(missions=[visit("module", EventKind.DOCK, 0, "poisk-zenith"),
                                 visit(tug, EventKind.BERTH, 0, "zvezda-aft", arrives_with="module")])
    assert len(spacing(apart)) == 1
    assert len(spacing(leaving)) == 1
    assert spacing(together) == []


def test_an_edit_of_either_mission_rechecks_the_pair(traffic):
    engine = RuleEngine(traffic)
    tug = traffic.mission("progress-m-um")
    tug.arrives_with = "prichal"
    engine.mission_changed("progress-m-um")
    assert [f.vehicles for f in engine.findings() if f.rule == "spacing"] == [("crs-24", "progress-m-um")]
    traffic.missions = [m for m in traffic.missions if m.id != "prichal"]
    engine.mission_changed("prichal")
    assert [f.vehicles for f in engine.findings() if f.rule == "spacing"] == \
        [f.vehicles for f in RuleEngine(traffic).findings() if f.rule == "spacing"]


def test_the_field_survives_a_save_and_a_load(traffic):
    traffic.mission("progress-m-um").arrives_with = "prichal"
    text = project_to_json(traffic)
    # The fast writer and the reference form agree, with the key between tags and note.
    assert text == json.dumps(project_to_dict(traffic), indent=2, ensure_ascii=False) + "\n"
    back = project_from_json(text)
    assert back.mission("progress-m-um").arrives_with == "prichal"
    assert back.mission("prichal").arrives_with is None
    assert back == traffic
    keys = list(json.loads(text)["missions"][[m.id for m in traffic.missions].index("progress-m-um")])
    assert keys.index("arrives_with") == keys.index("name") + 2


@pytest.mark.parametrize("value, message", [
    ('"nauka-x"', "cannot arrive attached to 'nauka-x', which is not a mission of this plan"),
    ('"tug"', "cannot arrive attached to itself"),
    ("3", "must be a non-empty text or null"),
])
def test_a_bad_reference_is_named_with_its_place(value, message):
    text = ('{"format": "iss-visit-planner", "schema_version": 1, "missions": [\n'
            '{"id": "tug", "name": "Tug", "vehicle_type": "progress-ms", "arrives_with": ' + value + '}]}')
    with pytest.raises(ProjectFileError) as info:
        project_from_json(text, "plan.issplan")
    assert "missions[0].arrives_with" in str(info.value) and message in str(info.value)


def test_the_bundled_example_marks_the_tug_and_keeps_the_crs_24_warning():
    example = resource_path("examples", "the-challenge-2021.issplan")
    project = project_from_json(example.read_text(encoding="utf-8"))
    assert project.mission("progress-m-um").arrives_with == "prichal"
    found = spacing(project)
    assert [v for v, _m in found] == [("crs-24", "progress-m-um")] and "14.4 h apart" in found[0][1]
