"""``planner beta`` and ``planner landings``: the station's solar beta angle and landing opportunities at a zone."""

from __future__ import annotations

import argparse
import json

from planner.cli.args import positive
from planner.cli.orbit_args import add_elements, add_span, load_orbit
from planner.cli.output import fail, table_text, utc_to_the_second

EXIT_OK = 0
# The longest span one run covers (as passes: landing opportunities are passes over the zone), and the most
# samples one beta run prints.
MAX_DAYS = 3650
MAX_SAMPLES = 1_000_000
DEFAULT_THRESHOLD_DEG = 60.0  # the Space Shuttle's docked limit (the station settings' high_beta_* defaults)


def _threshold(text: str) -> float:
    """--threshold: degrees from 0 up to (not including) 90."""
    wanted = "a number of degrees from 0 up to (not including) 90"
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--threshold must be {wanted}, not '{text}'") from None
    if not 0 <= value < 90:
        raise argparse.ArgumentTypeError(f"--threshold must be {wanted}, not '{text}'")
    return value


def _span_text(start, end) -> str:
    return f"from {utc_to_the_second(start.timestamp())} to {utc_to_the_second(end.timestamp())}"


class Beta:
    """``planner beta --tle FILE --start ISO --days D [--step-hours H] [--threshold DEG] [--json]``."""

    NAME = "beta"
    HELP = ("The station's solar beta angle over time, the length of the orbital night of each sampled orbit, and "
            "the spans when |beta| is above a threshold.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the span, the step and the threshold."""
        add_elements(parser)
        add_span(parser, hours=False, max_days=MAX_DAYS)
        parser.add_argument("--step-hours", type=positive("--step-hours", "hours"), default=1.0, metavar="H",
                            help="hours between samples (default 1); the spans are looked for at least hourly")
        parser.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD_DEG, metavar="DEG",
                            help=f"list the spans when |beta| is above this (default {DEFAULT_THRESHOLD_DEG:g}: the "
                                 "Space Shuttle could not stay docked above it)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of tables")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Sample beta and find the high-beta spans; exit 2 on unreadable input."""
        from planner.orbit import ElementSetError
        from planner.orbit.beta import beta_samples, high_beta_spans

        try:
            if args.days * 24 / args.step_hours > MAX_SAMPLES:
                raise ValueError(f"{args.days:g} days every {args.step_hours:g} h is more than {MAX_SAMPLES:,} "
                                 "samples: use a larger --step-hours or a shorter span")
            orbit, start, end = load_orbit(args, MAX_DAYS)
            samples = beta_samples(orbit, start, end, args.step_hours * 3600.0)
            spans = high_beta_spans(orbit, start, end, args.threshold, samples)
        except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
            return fail(str(exc))
        if args.json:
            print(json.dumps({"samples": samples.as_dicts(), "high_beta": [s.as_dict() for s in spans]}, indent=1))
            return EXIT_OK
        rows = [[s["utc"], f"{s['beta_deg']:.2f}", f"{s['night_min']:.1f}" if s["night_min"] else "none"]
                for s in samples.as_dicts()]
        print(table_text(["utc", "beta_deg", "night_min"], rows, right=frozenset({1, 2})), end="")
        print()
        if not spans:
            print(f"|beta| stays at or below {args.threshold:g}° {_span_text(start, end)}")
            return EXIT_OK
        print(f"|beta| above {args.threshold:g}°:")
        rows = [[d["start"], d["end"], f"{d['peak_deg']:.2f}"] for d in (s.as_dict() for s in spans)]
        print(table_text(["start", "end", "peak_deg"], rows, right=frozenset({2})), end="")
        return EXIT_OK


class Landings:
    """``planner landings --tle FILE --zone ZONE --start ISO --days D [--json]``."""

    NAME = "landings"
    HELP = ("Landing opportunities at a zone: each estimated landing time (the station's pass over the zone plus the "
            "zone's lead), the Sun's elevation there then, and whether it is daylight.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the element sets, the zone and the span."""
        from planner.model.landing_zones import landing_zones

        add_elements(parser)
        names = ", ".join(z.id for z in landing_zones())
        parser.add_argument("--zone", required=True, metavar="ZONE|LAT,LON",
                            help=f"a landing zone by id or name, any case ({names}); or a point LAT,LON (degrees), "
                                 "with the soyuz zone's reach and lead, passes flown either way")
        add_span(parser, hours=False, max_days=MAX_DAYS)
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """List the opportunities in time order; exit 2 on unreadable input."""
        from planner.model.landing_zones import ZoneNotFound, find_zone
        from planner.orbit import ElementSetError
        from planner.orbit.landing import landing_opportunities

        try:
            zone = find_zone(args.zone)
        except ZoneNotFound as exc:
            return fail(f"--zone: {exc}")
        try:
            orbit, start, end = load_orbit(args, MAX_DAYS)
            found = landing_opportunities(orbit, zone, start, end)
        except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
            return fail(str(exc))
        if args.json:
            print(json.dumps({"opportunities": [o.as_dict() for o in found]}, indent=1))
            return EXIT_OK
        if not found:
            print(f"no landing opportunities at {zone.name} ({zone.id}) {_span_text(start, end)}")
            return EXIT_OK
        rows = [[o.zone, utc_to_the_second(o.landing), utc_to_the_second(o.station_pass), f"{o.off_track_km:.0f}",
                 f"{o.sun_elevation_deg:.1f}", "yes" if o.daylight else "no"] for o in found]
        print(table_text(["zone", "landing", "station_pass", "off_track_km", "sun_elevation_deg", "daylight"], rows,
                         right=frozenset({3, 4})), end="")
        return EXIT_OK


COMMANDS = (Beta, Landings)
