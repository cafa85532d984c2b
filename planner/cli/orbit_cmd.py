"""``planner track``, ``planner passes`` and ``planner windows``: the orbit engine on the command line."""

from __future__ import annotations

import argparse
import json

from planner.cli.args import at_least_zero, elevation, positive
from planner.cli.output import fail, report_destination_problem, table_text, utc_to_the_second, write_text_output
from planner.cli.orbit_args import OPEN_STAY_DAYS, add_elements, add_span, load_orbit, looks_numeric, parse_site

EXIT_OK = 0

# The longest span one run searches. Time and memory grow with the span (measured on 2 cores, 2021 ISS
# elements): passes over 3,650 days take ~8 s and ~0.9 GB; windows over 1,000 days with a country, a site
# and the light ~13 s and ~1.5 GB, about what track's 5 million points cost (~100 s, ~1.6 GB).
MAX_PASSES_DAYS = 3650
MAX_WINDOWS_DAYS = 1000


class Track:
    """``planner track --tle FILE --start ISO --hours 3 --step 10 --format csv``."""

    NAME = "track"
    HELP = "Write the station's ground track (CSV utc,lat_deg,lon_deg,alt_km,sunlit; GeoJSON; or KML)."

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the span, the step and the format."""
        add_elements(parser)
        add_span(parser, hours=True)
        parser.add_argument("--step", type=positive("--step", "seconds"), default=10.0,
                            help="seconds between points (default 10)")
        parser.add_argument("--format", choices=("csv", "geojson", "kml"), default="csv")
        parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: standard output)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Compute and write the track; exit 2 on unreadable input."""
        import numpy as np

        from planner.orbit import CannotJudge, ElementSetError, ground_track, sunlit_at, time_grid
        from planner.orbit.horizon import sgp4_failure
        from planner.orbit.export import track_csv, track_geojson, track_kml

        try:
            problem = report_destination_problem(args.output)
            if problem:
                raise ValueError(problem)
            orbit, start, end = load_orbit(args)
            if (end - start).total_seconds() / args.step > 5_000_000:
                raise ValueError("more than 5 million points: use a larger --step or a shorter span")
            times = time_grid(start, end, args.step)
            track = ground_track(orbit, times)
            missing = sgp4_failure(orbit, times, np.stack((track.lat_deg, track.lon_deg)))
            if missing:
                raise CannotJudge(f"{args.tle}: cannot be judged: {missing}")
            if args.format == "csv":
                text = track_csv(track, sunlit_at(orbit, times))
            elif args.format == "geojson":
                text = track_geojson(track, orbit.name)
            else:
                text = track_kml(track, orbit.name)
        except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
            return fail(str(exc))
        try:
            write_text_output(text, args.output)
        except OSError as exc:
            return fail(f"cannot write {args.output} ({exc.strerror or exc})")
        return EXIT_OK


class Passes:
    """``planner passes --tle FILE --site LAT,LON[,ALT_M] --start ISO --days D``."""

    NAME = "passes"
    HELP = "List the station's passes over a ground site: rise, culmination, set (UTC), maximum elevation."

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the site, the span and the minimum elevation."""
        add_elements(parser)
        parser.add_argument("--site", required=True, metavar="LAT,LON[,ALT_M]|SITE",
                            help="degrees, metres; or a ground site's name or id, with a project as --tle")
        add_span(parser, hours=False, max_days=MAX_PASSES_DAYS)
        parser.add_argument("--min-elevation", type=elevation("--min-elevation"), default=0.0, metavar="DEG",
                            help="count a pass only above this elevation (default 0)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """List the passes; exit 2 on unreadable input."""
        from planner.orbit import ElementSetError, Site, find_passes

        try:
            orbit, start, end = load_orbit(args, MAX_PASSES_DAYS)
            lat, lon, alt = args.site_position
            found = find_passes(orbit, [Site(lat, lon, alt, args.min_elevation)], start, end)
        except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
            return fail(str(exc))
        if args.json:
            print(json.dumps([p.as_dict() for p in found], indent=1))
            return EXIT_OK
        if not found:
            above = f" above {args.min_elevation:g}°" if args.min_elevation else ""
            print(f"no passes{above} from {utc_to_the_second(start.timestamp())} to {utc_to_the_second(end.timestamp())}")
            return EXIT_OK
        rows = [[utc_to_the_second(p.rise), utc_to_the_second(p.culminate), utc_to_the_second(p.set),
                 f"{p.max_elevation_deg:.1f}"] for p in found]
        print(table_text(["rise", "culminate", "set", "max_elevation_deg"], rows, right=frozenset({3})), end="")
        return EXIT_OK


class Windows:
    """``planner windows --tle FILE --start ISO --days D --light sunlit --site LAT,LON --place Italy``."""

    NAME = "windows"
    HELP = ("Find filming windows: station sunlit or in shadow, a place below, a ground site in view, not busy "
            "(with a project file as --tle, its dockings and undockings count as busy).")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the constraints and the ranking."""
        add_elements(parser)
        add_span(parser, hours=False, required=False, max_days=MAX_WINDOWS_DAYS)
        parser.add_argument("--stay", metavar="MISSION",
                            help="search only while this mission (its name or id) is at the station (needs a project "
                                 "as --tle; "
                                 "with --start, within that span too; with only --days, its first days; "
                                 f"a stay that never ends: its first {OPEN_STAY_DAYS} days)")
        parser.add_argument("--light", choices=("sunlit", "shadow"), help="the station in sunlight or in shadow")
        parser.add_argument("--site", metavar="LAT,LON[,ALT_M]|SITE",
                            help="a ground site that must see the station: degrees and metres, or with a project as "
                                 "--tle a ground site's name or id")
        parser.add_argument("--min-elevation", type=elevation("--min-elevation"), metavar="DEG",
                            help="with --site: the site sees the station above this elevation (default 10)")
        parser.add_argument("--place", metavar="COUNTRY|LAT,LON",
                            help="a country (name or ISO code) or a point the station must be over")
        parser.add_argument("--radius-km", type=at_least_zero("--radius-km", "km"),
                            help="with --place: how far from it the point below may be (needed for a LAT,LON place)")
        parser.add_argument("--link", choices=("us", "ru", "any"),
                            help="a live link to the ground: through the TDRS relays (us), the Luch relays and, with a "
                                 "project as --tle, its Russian ground sites (ru), or either (any)")
        parser.add_argument("--busy", action="append", default=[], metavar="START/END",
                            help="a time the station is busy (e.g. a docking), repeatable")
        parser.add_argument("--min-duration", type=at_least_zero("--min-duration", "seconds"), default=60.0,
                            metavar="S",
                            help="shortest useful window in seconds (default 60)")
        parser.add_argument("--rank", choices=("longest", "elevation", "earliest"), default="longest")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Search and list the windows, best first; exit 2 on unreadable input."""
        from planner.orbit import CannotJudge, ElementSetError, PlaceError, WindowRequest, filming_windows
        from planner.orbit.overflights import resolve_place

        try:
            # A constraint's option without the constraint would be silently ignored: say so instead.
            if args.min_elevation is not None and not args.site:
                raise ValueError("--min-elevation needs --site (it is the elevation at which that site sees the "
                                 "station)")
            if args.radius_km is not None and not args.place:
                raise ValueError("--radius-km needs --place (it is the distance from that place)")
            min_elevation = 10.0 if args.min_elevation is None else args.min_elevation
            radius_km = args.radius_km or 0.0
            place = None
            if args.place:
                place = parse_site(args.place)[:2] if looks_numeric(args.place) else args.place
                resolve_place(place)
                if not isinstance(place, str) and radius_km <= 0:
                    raise ValueError("--place LAT,LON needs --radius-km above 0")
            busy = [_parse_busy(text) for text in args.busy]
            orbit, start, end = load_orbit(args, MAX_WINDOWS_DAYS)
        except (ElementSetError, PlaceError, ValueError) as exc:
            return fail(str(exc))
        site = getattr(args, "site_position", None)
        if args.project is not None:
            # A project's dockings, undockings and relocations keep the crew busy: no filming then.
            from planner.model.times import from_epoch
            from planner.orbit.windows import busy_around_dynamic_events

            busy += [(from_epoch(a), from_epoch(b)) for a, b in busy_around_dynamic_events(args.project.missions)]
        request = WindowRequest(light=args.light, place=place, radius_km=radius_km, site=site,
                                min_elevation_deg=min_elevation if site else None, busy=busy,
                                min_duration_s=args.min_duration, link=args.link,
                                link_sites=tuple(args.project.sites) if args.project is not None else ())
        try:
            found = filming_windows(orbit, start, end, request, rank=args.rank)
        except CannotJudge as exc:
            return fail(f"{args.tle}: cannot be judged: {exc}")
        if args.json:
            print(json.dumps([w.as_dict() for w in found], indent=1))
            return EXIT_OK
        if not found:
            print(f"no windows from {utc_to_the_second(start.timestamp())} to {utc_to_the_second(end.timestamp())} "
                  "meet the constraints")
            return EXIT_OK
        rows = [[utc_to_the_second(w.start), utc_to_the_second(w.end), f"{w.duration_s:.0f}",
                 "-" if w.max_elevation_deg is None else f"{w.max_elevation_deg:.1f}"] for w in found]
        print(table_text(["start", "end", "duration_s", "max_elevation_deg"], rows, right=frozenset({2, 3})), end="")
        return EXIT_OK


def _parse_busy(text: str):
    """START/END -> (start, end) UTC datetimes, or ValueError naming what is wrong."""
    from planner.model.times import parse_utc

    if "/" not in text:
        raise ValueError(f"--busy '{text}': expected START/END, two UTC times")
    a, b = text.split("/", 1)
    try:
        start, end = parse_utc(a), parse_utc(b)
    except ValueError as exc:
        raise ValueError(f"--busy '{text}': {exc}") from None
    if end < start:
        raise ValueError(f"--busy {text}: the end is before the start")
    return start, end


COMMANDS = (Track, Passes, Windows)
