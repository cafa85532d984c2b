"""Regenerate the bundled example project, "The Challenge, 2021" (resources/examples/).

Inputs: the real 2021 station traffic and ISS element set (tests/data/, see PROVENANCE.md there), public
facts about the people aboard (role, agency), the four ground sites of DOMAIN.md, and an ILLUSTRATIVE
shooting plan for the film crew's twelve days. The real shooting schedule was never published: the
activities below are made up for the example, placed by this script in real daylight, shadow and
ground-station windows computed with skyfield from the real element set.

Run: python scripts/make_example.py
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from planner.model import Activity, ActivityKind, ElementFormat, ElementSet, GroundSite, Need, NeedKind  # noqa: E402
from planner.model.project import ProjectMeta  # noqa: E402
from planner.orbit.skydata import ephemeris, timescale  # noqa: E402
from planner.store import save_project  # noqa: E402
from planner.traffic import read_traffic_csv  # noqa: E402

UTC = timezone.utc
OUT = REPO / "resources" / "examples" / "the-challenge-2021.issplan"
TLE = REPO / "tests" / "data" / "iss-2021-10-15.tle"
TRAFFIC = REPO / "tests" / "data" / "iss-traffic-2021h2.csv"

# Public facts: who flew, in which role, for which agency or company.
PEOPLE = {
    "Anton Shkaplerov": ("commander, Soyuz MS-19", "Roscosmos"),
    "Yulia Peresild": ("actress, film 'The Challenge'", "film crew (Channel One, Yellow, Black and White)"),
    "Klim Shipenko": ("director, film 'The Challenge'", "film crew (Channel One, Yellow, Black and White)"),
    "Oleg Novitskiy": ("commander, Soyuz MS-18; acted in the film", "Roscosmos"),
    "Pyotr Dubrov": ("flight engineer", "Roscosmos"),
    "Mark Vande Hei": ("flight engineer", "NASA"),
    "Shane Kimbrough": ("commander, Crew-2", "NASA"),
    "Megan McArthur": ("pilot, Crew-2", "NASA"),
    "Akihiko Hoshide": ("mission specialist, Crew-2", "JAXA"),
    "Thomas Pesquet": ("mission specialist, Crew-2", "ESA"),
    "Raja Chari": ("commander, Crew-3", "NASA"),
    "Thomas Marshburn": ("pilot, Crew-3", "NASA"),
    "Kayla Barron": ("mission specialist, Crew-3", "NASA"),
    "Matthias Maurer": ("mission specialist, Crew-3", "ESA"),
    "Alexander Misurkin": ("commander, Soyuz MS-20", "Roscosmos"),
    "Yusaku Maezawa": ("spaceflight participant", "Space Adventures"),
    "Yozo Hirano": ("spaceflight participant (producer)", "Space Adventures"),
}

SITES = [
    GroundSite("mcc-moscow", "Mission Control Moscow (Korolyov)", 55.91, 37.81, 0.0, 10.0),
    GroundSite("jsc-houston", "Houston JSC", 29.56, -95.09, 0.0, 10.0),
    GroundSite("baikonur", "Baikonur", 45.96, 63.31, 0.0, 10.0),
    GroundSite("ksc-39a", "Kennedy LC-39A", 28.61, -80.60, 0.0, 10.0),
]

ILLUSTRATIVE = "Illustrative: the real shooting schedule was not published; placed by scripts/make_example.py."


def _satellite():
    from skyfield.api import EarthSatellite

    lines = TLE.read_text().splitlines()
    return EarthSatellite(lines[1], lines[2], lines[0].strip(), timescale())


def _sunlit_minutes(sat, day: datetime):
    """Per-minute sunlit flags over a day (skyfield's own is_sunlit)."""
    ts = timescale()
    minutes = np.arange(24 * 60)
    t = ts.utc(day.year, day.month, day.day, 0, minutes)
    return sat.at(t).is_sunlit(ephemeris()), minutes


def _first_run(flags: np.ndarray, want: bool, minimum: int, after_minute: int) -> tuple[int, int]:
    """First run of ``want`` flags at least ``minimum`` minutes long, starting after ``after_minute``."""
    start = None
    for minute in range(after_minute, len(flags)):
        if flags[minute] == want:
            start = minute if start is None else start
            if minute - start + 1 >= minimum + 2:  # a minute of margin at each end
                return start + 1, start + 1 + minimum
        else:
            start = None
    raise RuntimeError("no window found")


def _pass_over(sat, site: GroundSite, day: datetime, after_hour: int) -> tuple[datetime, datetime]:
    """The longest pass of the station over ``site`` on ``day`` after ``after_hour`` UTC (rise, set)."""
    from skyfield.api import wgs84

    ts = timescale()
    t0 = ts.utc(day.year, day.month, day.day, after_hour)
    t1 = ts.utc(day.year, day.month, day.day + 1)
    where = wgs84.latlon(site.lat_deg, site.lon_deg, site.alt_m)
    times, events = sat.find_events(where, t0, t1, altitude_degrees=site.min_elevation_deg)
    rise, passes = None, []
    for t, kind in zip(times, events):
        if kind == 0:
            rise = t.utc_datetime()
        elif kind == 2 and rise is not None:
            passes.append((rise, t.utc_datetime()))
    if not passes:
        raise RuntimeError(f"no pass over {site.name} on {day:%Y-%m-%d}")
    return max(passes, key=lambda p: p[1] - p[0])


def _shoots(people: dict[str, str]) -> list[Activity]:
    sat = _satellite()
    film = (people["Yulia Peresild"], people["Klim Shipenko"])
    shkaplerov, novitskiy = people["Anton Shkaplerov"], people["Oleg Novitskiy"]
    activities = []

    def add(title, kind, start, end, who, module, needs=(), note=""):
        activities.append(Activity(
            id=f"act-{len(activities) + 1:02d}", title=title, kind=kind,
            start=start.replace(microsecond=0), end=end.replace(microsecond=0),
            people=tuple(who), module=module, needs=tuple(needs), note=(note + " " + ILLUSTRATIVE).strip(),
        ))

    def day(n):
        return datetime(2021, 10, n, tzinfo=UTC)

    def timed(n, hour, minutes, hours_long):
        start = day(n) + timedelta(hours=hour, minutes=minutes)
        return start, start + timedelta(hours=hours_long)

    # A live downlink needs Mission Control Moscow in view: put it inside a real pass (1 min margin).
    rise, set_ = _pass_over(sat, SITES[0], day(6), 9)
    add("Live downlink: the film crew greets Mission Control Moscow", ActivityKind.LIVE_DOWNLINK,
        rise + timedelta(minutes=1), set_ - timedelta(minutes=1), film + (shkaplerov,), "Zvezda",
        [Need(NeedKind.SITE_IN_VIEW, "mcc-moscow")])
    add("Scene: first night aboard", ActivityKind.FILM_SHOOT, *timed(6, 16, 0, 3), film + (shkaplerov,), "Zvezda")
    flags, _ = _sunlit_minutes(sat, day(7))
    first, last = _first_run(flags, True, 30, 10 * 60)
    add("Window shot: Earth in daylight", ActivityKind.FILM_SHOOT, day(7) + timedelta(minutes=first),
        day(7) + timedelta(minutes=last), film, "Cupola", [Need(NeedKind.DAYLIGHT)],
        "Needs the station in sunlight for the view of Earth.")
    add("Scene: the cosmonaut falls ill", ActivityKind.FILM_SHOOT, *timed(8, 8, 30, 4), film + (novitskiy,), "Zvezda")
    add("Surgery scene, part 1", ActivityKind.FILM_SHOOT, *timed(9, 9, 0, 5), film + (novitskiy, shkaplerov), "Nauka")
    add("Surgery scene, part 2", ActivityKind.FILM_SHOOT, *timed(10, 9, 0, 5), film + (novitskiy, shkaplerov), "Nauka")
    flags, _ = _sunlit_minutes(sat, day(11))
    first, last = _first_run(flags, False, 25, 14 * 60)
    add("Window shot: night side and city lights", ActivityKind.FILM_SHOOT, day(11) + timedelta(minutes=first),
        day(11) + timedelta(minutes=last), film, "Cupola", [Need(NeedKind.SHADOW)],
        "Needs the station in Earth's shadow.")
    rise, set_ = _pass_over(sat, SITES[0], day(12), 8)
    add("Live downlink: press conference with Roscosmos", ActivityKind.LIVE_DOWNLINK,
        rise + timedelta(minutes=1), set_ - timedelta(minutes=1), film + (shkaplerov, novitskiy), "Zvezda",
        [Need(NeedKind.SITE_IN_VIEW, "mcc-moscow")])
    add("Scene: recovery in the Russian segment", ActivityKind.FILM_SHOOT, *timed(13, 10, 0, 4), film + (novitskiy,), "Poisk")
    add("Pick-up shots and sound", ActivityKind.FILM_SHOOT, *timed(14, 12, 0, 3), film, "Zvezda")
    add("Farewell scene", ActivityKind.FILM_SHOOT, *timed(15, 9, 0, 3), film + (novitskiy, shkaplerov), "Zvezda")
    add("Pack footage and kit for Soyuz MS-18", ActivityKind.OTHER, *timed(16, 8, 0, 4), film + (novitskiy,), "Nauka",
        note="Drives and cameras ride home with the film crew on Soyuz MS-18.")
    return activities


def build():
    """The example project."""
    project = read_traffic_csv(TRAFFIC, title="The Challenge, 2021")
    project.meta = ProjectMeta(
        title="The Challenge, 2021",
        description=(
            "The real July-December 2021 ISS traffic around the filming of 'The Challenge' (Vyzov): Soyuz "
            "MS-19 brought actress Yulia Peresild and director Klim Shipenko on 2021-10-05, and they came home "
            "12 days later on Soyuz MS-18 with Oleg Novitskiy. Traffic, people and element set are real "
            "(sources on every event). The activities are an ILLUSTRATIVE shooting plan, not the real one."
        ),
        author="ISS Visit Planner example",
    )
    people = {}
    for person in project.people:
        role, agency = PEOPLE.get(person.name, ("", ""))
        person.role, person.agency = role, agency
        people[person.name] = person.id
    crs22 = project.mission("crs-22")
    crs22.tags = ("roll-out-solar-arrays",)  # it carried the IROSA arrays, hence Harmony zenith
    # The tug came attached to Prichal's nadir port: one docking, not two 0 h apart (the CSV cannot say so).
    project.mission("progress-m-um").arrives_with = "prichal"
    text = TLE.read_text()
    lines = text.splitlines()
    year, day_of_year = 2000 + int(lines[1][18:20]), float(lines[1][20:32])
    epoch = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day_of_year - 1)
    epoch = epoch.replace(microsecond=epoch.microsecond // 1000 * 1000)  # the element set's precision
    project.element_sets = [ElementSet(
        id="iss-2021-10-15", format=ElementFormat.TLE, text=text, epoch=epoch,
        norad_id=25544, name="ISS (ZARYA)", source="Real ISS element set, epoch 2021-10-15 (tests/data/iss-2021-10-15.tle)",
    )]
    project.sites = list(SITES)
    project.activities = _shoots(people)
    return project


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    save_project(build(), OUT)
    backup = OUT.with_name(OUT.name + "~")
    if backup.exists():
        backup.unlink()
    print(f"wrote {OUT}")
