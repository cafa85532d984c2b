"""The orbit engine (no Qt): element sets, ground track, daylight, passes, what lies below, filming windows.

Times are UTC epoch seconds in numpy arrays (``epoch_seconds`` turns datetimes into them, ``as_datetimes``
back); intervals are (n, 2) arrays of such seconds (``intervals.as_datetimes`` gives (start, end) pairs).

    orbit = Orbit.from_sets(read_elements("iss.tle"))
    track = ground_track(orbit, time_grid(start, end, 10.0))
    for piece in track.segments(): ...                       # split at the antimeridian, ready to draw
    Daylight(orbit, start, end).sunlit                       # also .shadow, .penumbra, .umbra
    find_passes(orbit, [site], start, end, min_elevation_deg=10)
    sunlit_within(orbit, windows); in_view_within(orbit, site, windows, 10)   # many windows, one call
    below(lat, lon); overflights(orbit, "Italy", start, end, radius_km=100)
    filming_windows(orbit, start, end, WindowRequest(light="sunlit", site=site))
    beta_samples(orbit, start, end, 3600); high_beta_spans(orbit, start, end, 60.0)   # the solar beta angle
    landing_opportunities(orbit, find_zone("soyuz"), start, end)         # planner.model.landing_zones
    coverage_spans(orbit, "ru", start, end, sites=project.sites)          # links to the ground: relays and sites

The rules engine's entry points are ``sunlit_within`` and ``in_view_within``: the parts of many windows ((n, 2)
epoch seconds, sorted and disjoint) when the condition holds, worked out in one call whose work follows the
time the windows hold; ``sunlit_periods``, ``shadow_periods`` and ``site_in_view_periods`` take a project's
element sets and give (start, end) aware-UTC datetime pairs. ``Horizon(orbit).reason(start, end)``
says why a span cannot be judged (past the ephemeris, too far from every element set's epoch, too long);
the engine raises ``CannotJudge`` (a ValueError) rather than answer for such a span.
"""

from __future__ import annotations

import importlib

# Each name is loaded from its module when first asked for (PEP 562): reading a project's element sets needs
# only ``elements``, and a command that never propagates an orbit does not load skyfield for nothing.
_HOMES = {
    "intervals": None, "skydata": None,
    "Daylight": "daylight", "sunlit_at": "daylight", "sunlit_within": "daylight",
    "ISS_NORAD_ID": "elements", "ElementSetError": "errors", "guess_format": "elements",
    "parse_elements": "elements", "read_elements": "elements", "select_satellite": "elements",
    "tle_checksum": "elements", "validate_element_set": "elements", "CannotJudge": "errors",
    "Horizon": "horizon", "check_span": "horizon", "REACH_DAYS": "horizon", "MAX_SPAN_DAYS": "horizon",
    "BetaSamples": "beta", "HighBeta": "beta", "beta_angle": "beta", "beta_samples": "beta",
    "high_beta_spans": "beta", "LandingOpportunity": "landing", "landing_opportunities": "landing",
    "sun_elevation_deg": "landing",
    "Below": "geography", "below": "geography", "countries": "geography", "find_country": "geography",
    "ocean_at": "geography",
    "STALE_AFTER_DAYS": "orbit", "Orbit": "orbit", "StaleSpan": "orbit",
    "PlaceError": "overflights", "overflights": "overflights",
    "Pass": "passes", "Site": "passes", "find_passes": "passes", "in_view_intervals": "passes",
    "in_view_within": "passes",
    "earth_satellite_of": "propagator", "satrec_of": "propagator",
    "shadow_periods": "periods", "site_in_view_periods": "periods", "sunlit_periods": "periods",
    "as_datetimes": "timebase", "epoch_seconds": "timebase", "time_grid": "timebase", "to_datetime": "timebase",
    "GroundTrack": "track", "TrackSegment": "track", "ground_track": "track",
    "CoverageSpan": "coverage", "coverage_spans": "coverage", "link_within": "coverage", "relays": "coverage",
    "WindowRequest": "windows", "Window": "windows", "busy_around_dynamic_events": "windows",
    "filming_windows": "windows",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_HOMES[name] or name}")
    value = module if _HOMES[name] is None else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = list(_HOMES)
