"""``planner track``, ``planner passes`` and ``planner windows``: the orbit engine on the command line."""

from __future__ import annotations

import argparse
import json
import sys

from planner.cli.args import at_least_zero, elevation, positive
from planner.cli.output import fail, report_destination_problem, table_text, utc_to_the_second, write_text_output
from planner.model.lookup import NotFound, find_element_set, find_mission, find_site

EXIT_OK = 0

# The longest span one run searches. Time and memory grow with the span (measured on 2 cores, 2021 ISS
# elements): passes over 3,650 days take ~8 s and ~0.9 GB; windows over 1,000 days with a country, a site
# and the light ~13 s and ~1.5 GB, about what track's 5 million points cost (~100 s, ~1.6 GB).
MAX_PASSES_DAYS = 3650
MAX_WINDOWS_DAYS = 1000
# A mission that never leaves (in the plan) is searched for this long from its docking, unless --days says.
OPEN_STAY_DAYS = 30


def _add_elements(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tle", required=True, metavar="FILE",
                        help="element sets: TLE (2- or 3-line) or OMM (CelesTrak JSON, CSV or XML), "
                             "or a project file (.issplan) whose element sets are used")
    parser.add_argument("--sat", metavar="ID",
                        help="catalogue number or satellite name, or with a project as --tle the id or name of one "
                             "of its element sets (default: the ISS, 25544)")


def _add_span(parser: argparse.ArgumentParser, hours: bool, required: bool = True,
              max_days: int | None = None) -> None:
    parser.add_argument("--start", required=required, metavar="UTC", help="start, e.g. 2021-10-05T00:00:00Z")
    if hours:
        parser.add_argument("--hours", type=positive("--hours", "hours"), default=3.0,
                            help="length of the span in hours (default 3)")
    else:
        limit = f", at most {max_days:,}" if max_days else ""
        # Without --start (windows --stay), None when not given: the whole stay is searched; else 1 day.
        parser.add_argument("--days", type=positive("--days", "days"), default=1.0 if required else None,
                            help=f"length of the span in days (default 1{limit})")


def _site(text: str, project, path: str):
    """--site: LAT,LON[,ALT_M], or the id or name of a ground site of the project given as --tle (any case)."""
    if _looks_numeric(text):
        return _parse_site(text)
    if project is None:
        raise ValueError(f"--site '{text}': expected LAT,LON or LAT,LON,ALT_M (degrees, metres), or the name of a "
                         "ground site with a project file as --tle")
    try:
        site = find_site(project, text)
    except NotFound as exc:
        raise ValueError(f"--site: {path}: {exc}") from None
    return site.lat_deg, site.lon_deg, site.alt_m


def _satellite(sets, sat: str | None, project):
    """--sat: an element set of the project by id or name; else a catalogue number or a satellite's name."""
    from planner.orbit import select_satellite

    if project is not None and sat is not None:
        try:
            return [find_element_set(project, sat)]
        except NotFound:
            pass  # a catalogue number, or a satellite's name that several epochs share
    return select_satellite(sets, sat)


def _parse_site(text: str):
    """LAT,LON[,ALT_M] -> (lat, lon, alt) or a message."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (2, 3):
        raise ValueError(f"--site '{text}': expected LAT,LON or LAT,LON,ALT_M (degrees, metres)")
    try:
        lat, lon, *alt = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"--site '{text}': LAT, LON and ALT_M must be numbers") from None
    if not -90 <= lat <= 90 or not -180 <= lon <= 360:
        raise ValueError(f"--site '{text}': latitude must be within -90..90 and longitude within -180..360")
    return lat, lon, (alt[0] if alt else 0.0)


def _load(args, max_days: int | None = None):
    """The orbit and the span, or raise ValueError with a message for the user.

    The span must be one the orbit engine can judge (``planner.orbit.Horizon``): within the ephemeris, near
    enough to an element set's epoch, where SGP4 flies the sets; else the file is named with the reason.

    ``max_days``: the longest span the command searches; asking for more is an error, a --stay longer than
    that is searched over its first ``max_days`` (with a warning).
    """
    from planner.model.times import parse_utc
    from planner.orbit import CannotJudge, Horizon, Orbit

    stay = getattr(args, "stay", None)
    if args.start is None and stay is None:
        raise ValueError("give --start (or --stay with a project file as --tle)")
    start = None
    if args.start is not None:
        try:
            start = parse_utc(args.start)
        except ValueError as exc:
            raise ValueError(f"--start: {exc}") from None
    days = args.hours / 24 if hasattr(args, "hours") else args.days
    if max_days is not None and days is not None and days > max_days:
        raise ValueError(f"--days {days:g} is more than {max_days:,} days ({max_days / 365.25:.2g} years): "
                         "use a shorter span, or several runs")
    sets, args.project = _read_sets(args.tle)
    if getattr(args, "site", None):  # a ground site's name needs the project: read here, before any warning
        args.site_position = _site(args.site, args.project, args.tle)
    end = _span_end(start, days, "--hours" if hasattr(args, "hours") else "--days")
    if stay is not None:
        start, end = _stay_span(args.project, stay, start, end, args.tle, days, max_days)
    orbit = Orbit(_satellite(sets, args.sat, args.project))
    problem = Horizon(orbit).reason(start, end)
    if problem:
        raise CannotJudge(f"{args.tle}: cannot be judged: {problem}")
    for span in orbit.stale_spans(start, end):
        print(f"planner: warning: {span.message()}", file=sys.stderr)
    return orbit, start, end


def _span_end(start, days: float | None, option: str):
    """``start`` plus ``days`` (None without a start), or ValueError when that is past what a date can hold."""
    from datetime import timedelta

    if start is None:
        return None
    try:
        return start + timedelta(days=1.0 if days is None else days)
    except OverflowError:
        value = (1.0 if days is None else days) * (24 if option == "--hours" else 1)
        raise ValueError(f"{option} {value:g}: the span would end after the year 9999") from None


def _stay_span(project, mission_id: str, start, end, path: str, days: float | None = None,
               max_days: int | None = None):
    """The time the mission is at the station (its first docking to its last undocking), within ``[start, end]``
    when those are given, or its first ``days`` when only those are; ValueError naming the problem otherwise.

    A stay that never ends (in the plan) is searched over its first 30 days, one longer than ``max_days``
    over its first ``max_days``: either cut is told on stderr, with the span searched.
    """
    from datetime import timedelta

    from planner.model.times import format_utc, from_epoch
    from planner.station import derive_mission

    if project is None:
        raise ValueError("--stay needs a project file as --tle (the mission's dockings come from it)")
    try:
        mission = find_mission(project, mission_id)
    except NotFound as exc:
        raise ValueError(f"{path}: {exc}") from None
    attached = derive_mission(mission, project.station).attached
    if not attached:
        raise ValueError(f"{path}: {mission.name} never docks at the station")
    first = from_epoch(attached[0][0])
    last = None if attached[-1][1] == float("inf") else from_epoch(attached[-1][1])
    if start is not None:
        first, last = max(first, start), end if last is None else min(last, end)
        if first >= last:
            raise ValueError(f"{mission.name} is not at the station between {start:%Y-%m-%d %H:%M} and "
                             f"{end:%Y-%m-%d %H:%M} UTC")
        return first, last
    if days is not None:  # asked for: the stay's first days
        wanted = first + timedelta(days=days)
        return first, wanted if last is None else min(last, wanted)
    if last is None:
        cut_days, why = OPEN_STAY_DAYS, f"{mission.name} does not leave the station in {path}"
    elif max_days is not None and last - first > timedelta(days=max_days):
        cut_days, why = max_days, f"{mission.name} stays longer than the {max_days:,} days searched at once"
    else:
        return first, last
    last = first + timedelta(days=cut_days)
    print(f"planner: warning: {why}: the search was cut to its first {cut_days:,} days, {format_utc(first)} to "
          f"{format_utc(last)} (give --days, or --start and --days, for another span)", file=sys.stderr)
    return first, last


def _read_sets(path: str):
    """(element sets, project): from a project file (.issplan), or from a TLE/OMM file (project None)."""
    from planner import PROJECT_SUFFIX
    from planner.orbit import read_elements

    if not path.lower().endswith(PROJECT_SUFFIX):
        return read_elements(path), None
    from planner.store import ProjectFileError, load_project

    try:
        project = load_project(path)
    except ProjectFileError as exc:
        raise ValueError(str(exc)) from None
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror or exc}") from None
    if not project.element_sets:
        raise ValueError(f"{path}: the project has no element sets (import a TLE or OMM file into it first)")
    return list(project.element_sets), project


class Track:
    """``planner track --tle FILE --start ISO --hours 3 --step 10 --format csv``."""

    NAME = "track"
    HELP = "Write the station's ground track (CSV utc,lat_deg,lon_deg,alt_km,sunlit; GeoJSON; or KML)."

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the span, the step and the format."""
        _add_elements(parser)
        _add_span(parser, hours=True)
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
            orbit, start, end = _load(args)
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
        _add_elements(parser)
        parser.add_argument("--site", required=True, metavar="LAT,LON[,ALT_M]|SITE",
                            help="degrees, metres; or a ground site's name or id, with a project as --tle")
        _add_span(parser, hours=False, max_days=MAX_PASSES_DAYS)
        parser.add_argument("--min-elevation", type=elevation("--min-elevation"), default=0.0, metavar="DEG",
                            help="count a pass only above this elevation (default 0)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """List the passes; exit 2 on unreadable input."""
        from planner.orbit import ElementSetError, Site, find_passes

        try:
            orbit, start, end = _load(args, MAX_PASSES_DAYS)
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
        _add_elements(parser)
        _add_span(parser, hours=False, required=False, max_days=MAX_WINDOWS_DAYS)
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
                place = _parse_site(args.place)[:2] if _looks_numeric(args.place) else args.place
                resolve_place(place)
                if not isinstance(place, str) and radius_km <= 0:
                    raise ValueError("--place LAT,LON needs --radius-km above 0")
            busy = [_parse_busy(text) for text in args.busy]
            orbit, start, end = _load(args, MAX_WINDOWS_DAYS)
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
                                min_duration_s=args.min_duration)
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


def _looks_numeric(text: str) -> bool:
    head = text.split(",")[0].strip()
    try:
        float(head)
    except ValueError:
        return False
    return "," in text


COMMANDS = (Track, Passes, Windows)
