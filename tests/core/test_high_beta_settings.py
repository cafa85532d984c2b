"""The high-beta thresholds a rule on dynamic events will use: station settings with documented defaults, one per
way a vehicle attaches, each vehicle type mapped to one."""

from __future__ import annotations

import json

from planner.model import StationSettings
from planner.model.catalogue import load_station
from planner.resources import resource_path

NAMES = ("high_beta_docking_deg", "high_beta_berthing_deg", "high_beta_russian_deg")


def test_defaults_are_documented_with_their_sources():
    docs = json.loads(resource_path("stations", "iss.json").read_text(encoding="utf-8"))["settings"]
    settings = load_station().settings
    for name in NAMES:
        assert docs[name]["unit"] == "degrees" and docs[name]["doc"].startswith("Planner default")
        assert getattr(settings, name) == docs[name]["default"] == getattr(StationSettings(), name)
    assert "Space Shuttle" in docs["high_beta_docking_deg"]["doc"]
    assert "CRS-5" in docs["high_beta_berthing_deg"]["doc"]
    assert "no orbital night" in docs["high_beta_russian_deg"]["doc"]


def test_each_vehicle_type_has_the_threshold_of_the_way_it_attaches():
    station = load_station()
    settings = station.settings.updated(high_beta_docking_deg=61.0, high_beta_berthing_deg=62.0,
                                        high_beta_russian_deg=63.0)
    limits = {v.id: settings.high_beta_limit_deg(v) for v in station.vehicle_types}
    assert limits == {"soyuz-ms": 63.0, "progress-ms": 63.0, "module": 63.0, "crew-dragon": 61.0,
                      "cargo-dragon": 61.0, "starliner": 61.0, "cygnus": 62.0, "htv-x": 62.0, "dream-chaser": 62.0}
