"""The orbit engine (no Qt): element sets, ground track, daylight, passes, what lies below, filming windows.

Times are UTC epoch seconds in numpy arrays (``epoch_seconds`` turns datetimes into them, ``as_datetimes``
back); intervals are (n, 2) arrays of such seconds (``intervals.as_datetimes`` gives (start, end) pairs).

    orbit = Orbit.from_sets(read_elements("iss.tle"))
    track = ground_track(orbit, time_grid(start, end, 10.0))
    for piece in track.segments(): ...                       # split at the antimeridian, ready to draw
    Daylight(orbit, start, end).sunlit                       # also .shadow, .penumbra, .umbra
    find_passes(orbit, [site], start, end, min_elevation_deg=10)
    below(lat, lon); overflights(orbit, "Italy", start, end, radius_km=100)
    filming_windows(orbit, start, end, WindowRequest(light="sunlit", site=site))

The rules engine's entry points are ``sunlit_periods``, ``shadow_periods`` and ``site_in_view_periods``:
a project's element sets in, (start, end) aware-UTC datetime pairs out.
"""

from __future__ import annotations

from planner.orbit import intervals, skydata
from planner.orbit.daylight import Daylight, sunlit_at
from planner.orbit.elements import (
    ISS_NORAD_ID, ElementSetError, guess_format, parse_elements, read_elements, select_satellite, tle_checksum,
)
from planner.orbit.geography import Below, below, countries, find_country, ocean_at
from planner.orbit.orbit import STALE_AFTER_DAYS, Orbit, StaleSpan
from planner.orbit.overflights import PlaceError, overflights
from planner.orbit.passes import Pass, Site, find_passes, in_view_intervals
from planner.orbit.propagator import earth_satellite_of, satrec_of
from planner.orbit.periods import shadow_periods, site_in_view_periods, sunlit_periods
from planner.orbit.timebase import as_datetimes, epoch_seconds, time_grid, to_datetime
from planner.orbit.track import GroundTrack, TrackSegment, ground_track
from planner.orbit.windows import WindowRequest, Window, busy_around_dynamic_events, filming_windows

__all__ = [
    "intervals", "skydata", "Daylight", "sunlit_at",
    "ISS_NORAD_ID", "ElementSetError", "guess_format", "parse_elements", "read_elements", "select_satellite",
    "tle_checksum", "Below", "below", "countries", "find_country", "ocean_at",
    "STALE_AFTER_DAYS", "Orbit", "StaleSpan", "PlaceError", "overflights",
    "Pass", "Site", "find_passes", "in_view_intervals", "earth_satellite_of", "satrec_of",
    "shadow_periods", "site_in_view_periods", "sunlit_periods",
    "as_datetimes", "epoch_seconds", "time_grid", "to_datetime",
    "GroundTrack", "TrackSegment", "ground_track",
    "WindowRequest", "Window", "busy_around_dynamic_events", "filming_windows",
]
