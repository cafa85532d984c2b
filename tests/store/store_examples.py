"""A small hand-written project (the 2021 film flight) the store tests start from."""

from __future__ import annotations

from planner.model import (
    Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission, Need, NeedKind,
    Person, PortBlock, Project, ProjectMeta, StationSettings,
)
from planner.model.times import utc

TLE = (
    "ISS (ZARYA)\n"
    "1 25544U 98067A   21288.70144097  .00001354  00000-0  33014-4 0  9995\n"
    "2 25544  51.6435  91.2838 0004384 123.1986 339.3478 15.48723340307349\n"
)


def film_project() -> Project:
    """Soyuz MS-19 up with the film crew, MS-18 down with them; a shoot and a downlink; unknown fields."""
    people = [
        Person("anton-shkaplerov", "Anton Shkaplerov", "commander", "Roscosmos"),
        Person("yulia-peresild", "Yulia Peresild", "actress", "private"),
        Person("klim-shipenko", "Klim Shipenko", "director", "private", extra={"liner": "custom"}),
        Person("oleg-novitskiy", "Oleg Novitskiy", "commander", "Roscosmos"),
    ]
    film_crew = ("yulia-peresild", "klim-shipenko")
    missions = [
        Mission("soyuz-ms-19", "Soyuz MS-19", "soyuz-ms", [
            Event(EventKind.LAUNCH, utc(2021, 10, 5, 8, 55, 2), crew=("anton-shkaplerov",) + film_crew),
            Event(EventKind.DOCK, utc(2021, 10, 5, 12, 22, 31), port="rassvet-nadir",
                  crew=("anton-shkaplerov",) + film_crew, note="manual docking", extra={"docking_mode": "manual"}),
        ], seats=3),
        Mission("soyuz-ms-18", "Soyuz MS-18", "soyuz-ms", [
            Event(EventKind.RELOCATE, utc(2021, 9, 28, 8, 21), port="nauka-nadir", from_port="rassvet-nadir",
                  end_utc=utc(2021, 9, 28, 9, 2)),
            Event(EventKind.UNDOCK, utc(2021, 10, 17, 1, 14), port="nauka-nadir",
                  crew=("oleg-novitskiy",) + film_crew),
            Event(EventKind.LAND, utc(2021, 10, 17, 4, 35, 0.5), crew=("oleg-novitskiy",) + film_crew),
        ], tags=("film",), note="brings the film crew home"),
    ]
    sites = [
        GroundSite("mcc-moscow", "Mission Control Moscow", 55.91, 37.81, alt_m=150.0),
        GroundSite("houston", "Houston JSC", 29.56, -95.09, min_elevation_deg=5.0, note="MCC-H"),
    ]
    activities = [
        Activity("shoot-1", "Cupola scene", ActivityKind.FILM_SHOOT, utc(2021, 10, 7, 10), utc(2021, 10, 7, 11, 30),
                 people=film_crew, module="zvezda",
                 needs=(Need(NeedKind.DAYLIGHT), Need(NeedKind.NO_DYNAMIC_EVENT, extra={"why": "vibration"}))),
        Activity("downlink-1", "Live link to Moscow", ActivityKind.LIVE_DOWNLINK, utc(2021, 10, 8, 9),
                 utc(2021, 10, 8, 9, 15), people=("yulia-peresild",),
                 needs=(Need(NeedKind.SITE_IN_VIEW, "mcc-moscow", min_elevation_deg=15.0),), extra={"channel": 1}),
    ]
    element_sets = [
        ElementSet("iss-2021-10-15", ElementFormat.TLE, TLE, utc(2021, 10, 15, 16, 50, 4.9), norad_id=25544,
                   name="ISS (ZARYA)", source="CelesTrak"),
    ]
    return Project(
        meta=ProjectMeta("The Challenge", "Film flight, October 2021", "planner tests", extra={"color": "red"}),
        settings=StationSettings().updated(headcount_warning=10, spacing_warning_hours=12.5),
        port_blocks=(PortBlock("unity-nadir", "rassvet-nadir", occupant_tags=("cygnus-xl",), extra={"since": 2025}),),
        missions=missions, people=people, activities=activities, sites=sites, element_sets=element_sets,
        extra={"app_state": {"zoom": [1, 2.5, None, True]}, "a-first": "kept"},
        station_extra={"label": "ISS"}, settings_extra={"future_setting": 3},
    )
