"""``planner launch-windows``: when a vehicle can launch from a site to the station, on the command line."""

from __future__ import annotations

import argparse
import json

from planner.cli.args import positive
from planner.cli.output import fail, table_text, utc_to_the_second

EXIT_OK = 0
# A year of opportunities takes a fraction of a second; the element sets' reach (90 days from an epoch) is the real
# limit, so this only keeps a typo from asking for centuries.
MAX_LAUNCH_DAYS = 3650


class LaunchWindows:
    """``planner launch-windows --tle FILE --site SITE --start ISO --days D [--vehicle TYPE] [--json]``."""

    NAME = "launch-windows"
    HELP = ("List the launch opportunities from a site to the station: each moment the site passes through the "
            "station's orbital plane, the ascent's direction and azimuth, and the estimated liftoff.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the site, the span, the vehicle type and the format."""
        parser.add_argument("--tle", required=True, metavar="FILE",
                            help="element sets: TLE (2- or 3-line) or OMM (CelesTrak JSON, CSV or XML), "
                                 "or a project file (.issplan) whose element sets are used")
        parser.add_argument("--site", required=True, metavar="SITE|LAT,LON", dest="launch_site",
                            help="a launch site by id, name or alias in any letter case (e.g. 'Baikonur Site 31', "
                                 "lc-39a, wallops), a ground site of the project given as --tle, or LAT,LON "
                                 "in degrees (which may launch either way)")
        parser.add_argument("--start", required=True, metavar="UTC", help="start, e.g. 2021-10-05T00:00:00Z")
        parser.add_argument("--days", type=positive("--days", "days"), default=1.0,
                            help=f"length of the span in days (default 1, at most {MAX_LAUNCH_DAYS:,})")
        parser.add_argument("--vehicle", metavar="TYPE",
                            help="vehicle type (id or name, e.g. soyuz-ms, 'Crew Dragon'): sets how long before the "
                                 "in-plane moment it lifts off (default: the lead of types without launch data)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.set_defaults(sat=None)  # the station (25544) or the project's one satellite, as the orbit commands

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """List the opportunities; exit 2 on unreadable input."""
        from planner.cli.orbit_args import load_orbit
        from planner.orbit import ElementSetError
        from planner.orbit.launch import launch_opportunities, out_of_reach

        try:
            orbit, start, end = load_orbit(args, MAX_LAUNCH_DAYS)
            site = _launch_site(args.launch_site, args.project)
            vehicle = _vehicle_type(args.vehicle, args.project)
            found = launch_opportunities(orbit, site, start, end, vehicle.id if vehicle else None)
        except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
            return fail(str(exc))
        if args.json:
            print(json.dumps({"opportunities": [o.as_dict() for o in found]}, indent=1))
            return EXIT_OK
        span = f"from {utc_to_the_second(start.timestamp())} to {utc_to_the_second(end.timestamp())}"
        if not found:
            why = out_of_reach(orbit, site, start)
            ways = " or ".join(site.directions) if site.directions else "either way"
            print(f"no launch opportunities from {site.name} {span}"
                  + (f": {why}" if why else f" (launches from there fly {ways})"))
            return EXIT_OK
        lead = found[0].lead
        whose = vehicle.name if vehicle else "a vehicle type without launch data"
        before = f"{abs(lead.seconds):.0f} s {'before' if lead.seconds >= 0 else 'after'}"
        where = site.name if not site.id else f"{site.name} ({site.lat_deg:.3f}, {site.lon_deg:.3f})"
        print(f"{where}, {span}; liftoff {before} the in-plane moment ({whose})")
        rows = [[utc_to_the_second(o.launch), utc_to_the_second(o.in_plane), o.direction, f"{o.azimuth_deg:.1f}"]
                for o in found]
        print(table_text(["launch", "in_plane", "direction", "azimuth_deg"], rows, right=frozenset({3})), end="")
        return EXIT_OK


def _launch_site(text: str, project):
    """--site: LAT,LON[,ALT_M] (either way), or a launch site of the catalogue or a ground site of the project."""
    from planner.cli.orbit_args import looks_numeric, parse_site
    from planner.model.launch_sites import LaunchSite, LaunchSiteNotFound, find_launch_site

    if looks_numeric(text):
        lat, lon, alt = parse_site(text)
        return LaunchSite("", f"{lat:g},{lon:g}", lat, (lon + 180.0) % 360.0 - 180.0, alt)
    try:
        return find_launch_site(text, project.sites if project is not None else ())
    except LaunchSiteNotFound as exc:
        hint = "; or give LAT,LON" if str(exc).startswith("no ") else ""
        raise ValueError(f"--site: {exc}{hint}") from None


def _vehicle_type(text: str | None, project):
    """--vehicle: a vehicle type of the station catalogue (the project's station with a project) by id or name."""
    if text is None:
        return None
    from planner.model.catalogue import load_station
    from planner.model.lookup import NotFound, find

    station = project.station if project is not None else load_station("iss")
    try:
        return find(list(station.vehicle_types), text, "vehicle type")
    except NotFound as exc:
        raise ValueError(f"--vehicle: {exc}") from None


COMMANDS = (LaunchWindows,)
