"""A small hand-written project (the 2021 film flight) the store tests start from."""

from __future__ import annotations

from planner.model import (
    Activity, ActivityKind, ElementFormat, ElementSet, Event, EventKind, GroundSite, Mission, Need, NeedKind,
    Person, PortBlock, Project, ProjectMeta, StationSettings,
)
from planner.model.times import utc

# The real ISS element set of tests/data/iss-2021-10-15.tle, and the same elements in the three OMM forms:
# a project loads only element sets the orbit engine can read, of the epoch and satellite they claim.
TLE = (
    "ISS (ZARYA)\n"
    "1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991\n"
    "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278\n"
)
TLE_EPOCH = utc(2021, 10, 15, 16, 50, 4.958592)  # day 288.70144628 of 2021
OMM_JSON = (
    '{"OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A", "EPOCH": "2021-10-15T16:50:04.958592", '
    '"MEAN_MOTION": 15.48692786, "ECCENTRICITY": 0.0003768, "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285, '
    '"ARG_OF_PERICENTER": 107.2156, "MEAN_ANOMALY": 352.5939, "EPHEMERIS_TYPE": 0, "CLASSIFICATION_TYPE": "U", '
    '"NORAD_CAT_ID": 25544, "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 30727, "BSTAR": 0.00012985, '
    '"MEAN_MOTION_DOT": 6.635e-05, "MEAN_MOTION_DDOT": 0}'
)
OMM_CSV = (
    "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,"
    "MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,"
    "MEAN_MOTION_DOT,MEAN_MOTION_DDOT\n"
    "ISS (ZARYA),1998-067A,2021-10-15T16:50:04.958592,15.48692786,.0003768,51.643,106.8285,107.2156,352.5939,"
    "0,U,25544,999,30727,.12985e-3,.6635e-4,0"
)
OMM_XML = (
    "<omm><body><segment><metadata><OBJECT_NAME>ISS (ZARYA)</OBJECT_NAME></metadata><data><meanElements>"
    "<EPOCH>2021-10-15T16:50:04.958592</EPOCH><MEAN_MOTION>15.48692786</MEAN_MOTION>"
    "<ECCENTRICITY>.0003768</ECCENTRICITY><INCLINATION>51.643</INCLINATION>"
    "<RA_OF_ASC_NODE>106.8285</RA_OF_ASC_NODE><ARG_OF_PERICENTER>107.2156</ARG_OF_PERICENTER>"
    "<MEAN_ANOMALY>352.5939</MEAN_ANOMALY></meanElements><tleParameters><NORAD_CAT_ID>25544</NORAD_CAT_ID>"
    "<BSTAR>.12985e-3</BSTAR><MEAN_MOTION_DOT>.6635e-4</MEAN_MOTION_DOT><MEAN_MOTION_DDOT>0</MEAN_MOTION_DDOT>"
    "</tleParameters></data></segment></body></omm>"
)
ELEMENT_TEXTS = {ElementFormat.TLE: TLE, ElementFormat.OMM_JSON: OMM_JSON, ElementFormat.OMM_CSV: OMM_CSV,
                 ElementFormat.OMM_XML: OMM_XML}


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
        ElementSet("iss-2021-10-15", ElementFormat.TLE, TLE, TLE_EPOCH, norad_id=25544,
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
