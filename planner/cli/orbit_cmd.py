"""``planner track``, ``planner passes`` and ``planner windows``: the orbit engine on the command line."""

from __future__ import annotations

import argparse
import json
import sys

from planner.cli.output import fail, write_text_output

EXIT_OK = 0


def _add_elements(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tle", required=True, metavar="FILE",
                        help="element sets: TLE (2- or 3-line) or OMM (CelesTrak JSON, CSV or XML), "
                             "or a project file (.issplan) whose element sets are used")
    parser.add_argument("--sat", metavar="ID", help="catalogue number or name (default: the ISS, 25544)")


def _add_span(parser: argparse.ArgumentParser, hours: bool, required: bool = True) -> None:
    parser.add_argument("--start", required=required, metavar="UTC", help="start, e.g. 2021-10-05T00:00:00Z")
    if hours:
        parser.add_argument("--hours", type=float, default=3.0, help="length of the span in hours (default 3)")
    else:
        parser.add_argument("--days", type=float, default=1.0, help="length of the span in days (default 1)")


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


def _load(args):
    """The orbit and the span, or raise ValueError with a message for the user."""
    from datetime import timedelta

    from planner.model.times import parse_utc
    from planner.orbit import Orbit, select_satellite

    stay = getattr(args, "stay", None)
    if args.start is None and stay is None:
        raise ValueError("give --start (or --stay with a project file as --tle)")
    start = None
    if args.start is not None:
        try:
            start = parse_utc(args.start)
        except ValueError as exc:
            raise ValueError(f"--start: {exc}") from None
    length = timedelta(hours=args.hours) if hasattr(args, "hours") else timedelta(days=args.days)
    if length.total_seconds() <= 0:
        raise ValueError("the span must be longer than zero")
    sets, args.project = _read_sets(args.tle)
    end = start + length if start is not None else None
    if stay is not None:
        start, end = _stay_span(args.project, stay, start, end, args.tle)
    orbit = Orbit(select_satellite(sets, args.sat))
    for span in orbit.stale_spans(start, end):
        print(f"planner: warning: {span.message()}", file=sys.stderr)
    return orbit, start, end


def _stay_span(project, mission_id: str, start, end, path: str):
    """The time the mission is at the station (its first docking to its last undocking; 30 days when it never
    leaves), within ``[start, end]`` when those are given; ValueError naming the problem otherwise."""
    from datetime import timedelta

    from planner.model.times import from_epoch
    from planner.rules.timeline import derive_mission

    if project is None:
        raise ValueError("--stay needs a project file as --tle (the mission's dockings come from it)")
    mission = project.mission(mission_id)
    if mission is None:
        known = ", ".join(m.id for m in project.missions[:12]) + (" ..." if len(project.missions) > 12 else "")
        raise ValueError(f"{path}: no mission '{mission_id}' (missions: {known})")
    attached = derive_mission(mission, project.station).attached
    if not attached:
        raise ValueError(f"{path}: {mission.name} never docks at the station")
    first = from_epoch(attached[0][0])
    last = attached[-1][1]
    last = from_epoch(last) if last != float("inf") else first + timedelta(days=30)
    if start is not None:
        first, last = max(first, start), min(last, end)
        if first >= last:
            raise ValueError(f"{mission.name} is not at the station between {start:%Y-%m-%d %H:%M} and "
                             f"{end:%Y-%m-%d %H:%M} UTC")
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
        parser.add_argument("--step", type=float, default=10.0, help="seconds between points (default 10)")
        parser.add_argument("--format", choices=("csv", "geojson", "kml"), default="csv")
        parser.add_argument("-o", "--output", metavar="FILE", help="where to write (default: standard output)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Compute and write the track; exit 2 on unreadable input."""
        from planner.orbit import ElementSetError, ground_track, sunlit_at, time_grid
        from planner.orbit.export import track_csv, track_geojson, track_kml

        try:
            if not args.step > 0:
                raise ValueError("--step must be a positive number of seconds")
            orbit, start, end = _load(args)
            if (end - start).total_seconds() / args.step > 5_000_000:
                raise ValueError("more than 5 million points: use a larger --step or a shorter span")
        except (ElementSetError, ValueError) as exc:
            return fail(str(exc))
        times = time_grid(start, end, args.step)
        track = ground_track(orbit, times)
        if args.format == "csv":
            text = track_csv(track, sunlit_at(orbit, times))
        elif args.format == "geojson":
            text = track_geojson(track, orbit.name)
        else:
            text = track_kml(track, orbit.name)
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
        parser.add_argument("--site", required=True, metavar="LAT,LON[,ALT_M]", help="degrees, metres")
        _add_span(parser, hours=False)
        parser.add_argument("--min-elevation", type=float, default=0.0, metavar="DEG",
                            help="count a pass only above this elevation (default 0)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """List the passes; exit 2 on unreadable input."""
        from planner.orbit import ElementSetError, Site, find_passes

        try:
            lat, lon, alt = _parse_site(args.site)
            if not -90 <= args.min_elevation < 90:
                raise ValueError("--min-elevation must be within -90..90 degrees")
            orbit, start, end = _load(args)
        except (ElementSetError, ValueError) as exc:
            return fail(str(exc))
        found = find_passes(orbit, [Site(lat, lon, alt, args.min_elevation)], start, end)
        rows = [p.as_dict() for p in found]
        if args.json:
            print(json.dumps(rows, indent=1))
            return EXIT_OK
        print(f"{'rise':24} {'culminate':24} {'set':24} max_elevation_deg")
        for row in rows:
            print(f"{row['rise'] or '-':24} {row['culminate']:24} {row['set'] or '-':24} {row['max_elevation_deg']:.1f}")
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
        _add_span(parser, hours=False, required=False)
        parser.add_argument("--stay", metavar="MISSION",
                            help="search only while this mission is at the station (needs a project as --tle; "
                                 "with --start, within that span too)")
        parser.add_argument("--light", choices=("sunlit", "shadow"), help="the station in sunlight or in shadow")
        parser.add_argument("--site", metavar="LAT,LON[,ALT_M]", help="a ground site that must see the station")
        parser.add_argument("--min-elevation", type=float, default=10.0, metavar="DEG",
                            help="the site sees the station above this elevation (default 10)")
        parser.add_argument("--place", metavar="COUNTRY|LAT,LON",
                            help="a country (name or ISO code) or a point the station must be over")
        parser.add_argument("--radius-km", type=float, default=0.0,
                            help="how far from the place the point below may be (needed for a LAT,LON place)")
        parser.add_argument("--busy", action="append", default=[], metavar="START/END",
                            help="a time the station is busy (e.g. a docking), repeatable")
        parser.add_argument("--min-duration", type=float, default=60.0, metavar="S",
                            help="shortest useful window in seconds (default 60)")
        parser.add_argument("--rank", choices=("longest", "elevation", "earliest"), default="longest")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Search and list the windows, best first; exit 2 on unreadable input."""
        from planner.model.times import parse_utc
        from planner.orbit import ElementSetError, PlaceError, WindowRequest, filming_windows
        from planner.orbit.overflights import resolve_place

        try:
            site = _parse_site(args.site) if args.site else None
            place = None
            if args.place:
                place = _parse_site(args.place)[:2] if _looks_numeric(args.place) else args.place
                resolve_place(place)
                if not isinstance(place, str) and args.radius_km <= 0:
                    raise ValueError("--place LAT,LON needs --radius-km above 0")
            busy = []
            for text in args.busy:
                if "/" not in text:
                    raise ValueError(f"--busy '{text}': expected START/END, two UTC times")
                a, b = text.split("/", 1)
                try:
                    busy.append((parse_utc(a), parse_utc(b)))
                except ValueError as exc:
                    raise ValueError(f"--busy '{text}': {exc}") from None
            orbit, start, end = _load(args)
        except (ElementSetError, PlaceError, ValueError) as exc:
            return fail(str(exc))
        if args.project is not None:
            # A project's dockings, undockings and relocations keep the crew busy: no filming then.
            from planner.model.times import from_epoch
            from planner.orbit.windows import busy_around_dynamic_events

            busy += [(from_epoch(a), from_epoch(b)) for a, b in busy_around_dynamic_events(args.project.missions)]
        request = WindowRequest(light=args.light, place=place, radius_km=args.radius_km, site=site,
                                min_elevation_deg=args.min_elevation if site else None, busy=busy,
                                min_duration_s=args.min_duration)
        rows = [w.as_dict() for w in filming_windows(orbit, start, end, request, rank=args.rank)]
        if args.json:
            print(json.dumps(rows, indent=1))
            return EXIT_OK
        print(f"{'start':24} {'end':24} {'duration_s':>10} max_elevation_deg")
        for row in rows:
            el = "-" if row["max_elevation_deg"] is None else f"{row['max_elevation_deg']:.1f}"
            print(f"{row['start']:24} {row['end']:24} {row['duration_s']:>10.0f} {el}")
        return EXIT_OK


def _looks_numeric(text: str) -> bool:
    head = text.split(",")[0].strip()
    try:
        float(head)
    except ValueError:
        return False
    return "," in text


COMMANDS = (Track, Passes, Windows)
