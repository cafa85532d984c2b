"""The ISS catalogue holds the facts of DOMAIN.md's port and vehicle tables."""

from planner.model import Mechanism
from planner.model.catalogue import load_station
from planner.model.times import parse_utc


def test_every_port_of_the_domain_table_is_there():
    station = load_station("iss")
    assert {p.id for p in station.ports} == {
        "rassvet-nadir", "poisk-zenith", "zvezda-aft", "pirs-nadir", "zvezda-nadir", "nauka-nadir",
        "prichal-nadir", "harmony-forward", "harmony-zenith", "harmony-nadir", "unity-nadir",
    }


def test_ports_exist_only_when_their_module_is_there():
    station = load_station()
    pirs, nauka, prichal = station.port("pirs-nadir"), station.port("nauka-nadir"), station.port("prichal-nadir")
    assert pirs.exists_at(parse_utc("2021-07-26T10:55:33Z"))  # the instant it leaves, still there
    assert not pirs.exists_at(parse_utc("2021-07-26T10:55:34Z"))
    assert not nauka.exists_at(parse_utc("2021-07-29T13:29:00Z"))
    assert nauka.exists_at(parse_utc("2021-07-29T13:29:01Z"))
    assert not prichal.exists_at(parse_utc("2021-11-25T00:00:00Z"))
    assert prichal.exists_at(parse_utc("2021-11-26T15:19:39Z"))


def test_vehicles_use_only_ports_of_their_mechanism():
    station = load_station()
    assert {p.id for p in station.compatible_ports("crew-dragon")} == {"harmony-forward", "harmony-zenith"}
    assert {p.id for p in station.compatible_ports("cygnus")} == {"harmony-nadir", "unity-nadir"}
    assert "rassvet-nadir" in {p.id for p in station.compatible_ports("soyuz-ms")}
    assert "harmony-forward" not in {p.id for p in station.compatible_ports("progress-ms")}
    assert {p.id for p in station.compatible_ports("module")} >= {"zvezda-nadir", "nauka-nadir"}
    assert "zvezda-nadir" not in {p.id for p in station.compatible_ports("soyuz-ms")}
    assert station.port("harmony-nadir").mechanism is Mechanism.CBM


def test_seats_and_return_capability():
    station = load_station()
    seats = {v.id: (v.crew_seats, v.returns_crew) for v in station.vehicle_types}
    assert seats["soyuz-ms"] == (3, True)
    assert seats["crew-dragon"] == (4, True)
    assert seats["starliner"] == (4, True)
    assert seats["cargo-dragon"] == (0, False)
    assert station.vehicle_type("crew-dragon").max_stay_days == 210


def test_settings_defaults_are_the_documented_planner_defaults():
    settings = load_station().settings
    assert settings.spacing_warning_hours == 24
    assert settings.spacing_conflict_hours == 48
    assert settings.element_set_max_age_days == 14
    assert settings.headcount_limit == 13


def test_port_blocking_pair_is_data():
    block = load_station().port_blocks[0]
    assert (block.occupied, block.blocked) == ("unity-nadir", "rassvet-nadir")
    assert block.blocks("cygnus", ("cygnus-xl",))
    assert not block.blocks("cygnus", ())
