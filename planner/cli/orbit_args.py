"""The options the orbit commands share (``track``, ``passes``, ``windows``, ``launch-windows``, ``beta``,
``landings``): the element sets (``--tle``, ``--sat``), the span (``--start`` with ``--days`` or ``--hours``, or a
project's ``--stay``) and a ground site (``--site``); :func:`load_orbit` turns them into an orbit and a span the
engine can judge, or a message for the user."""

from __future__ import annotations

import argparse
import sys

from planner.cli.args import positive
from planner.model.lookup import NotFound, find_element_set, find_mission, find_site

# A mission that never leaves (in the plan) is searched for this long from its docking, unless --days says.
OPEN_STAY_DAYS = 30


def add_elements(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tle", required=True, metavar="FILE",
                        help="element sets: TLE (2- or 3-line) or OMM (CelesTrak JSON, CSV or XML), "
                             "or a project file (.issplan) whose element sets are used")
    parser.add_argument("--sat", metavar="ID",
                        help="catalogue number or satellite name, or with a project as --tle the id or name of one "
                             "of its element sets (default: the ISS, 25544)")


def add_span(parser: argparse.ArgumentParser, hours: bool, required: bool = True,
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


def site_position(text: str, project, path: str):
    """--site: LAT,LON[,ALT_M], or the id or name of a ground site of the project given as --tle (any case)."""
    if looks_numeric(text):
        return parse_site(text)
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


def parse_site(text: str):
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


def load_orbit(args, max_days: int | None = None):
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
        years = max_days / 365.25
        in_years = "about a year" if round(years, 1) == 1 else f"{years:.2g} years"
        raise ValueError(f"--days {days:g} is more than {max_days:,} days ({in_years}): "
                         "use a shorter span, or several runs")
    sets, args.project = _read_sets(args.tle)
    if getattr(args, "site", None):  # a ground site's name needs the project: read here, before any warning
        args.site_position = site_position(args.site, args.project, args.tle)
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


def looks_numeric(text: str) -> bool:
    head = text.split(",")[0].strip()
    try:
        float(head)
    except ValueError:
        return False
    return "," in text

