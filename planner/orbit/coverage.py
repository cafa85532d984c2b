"""Links to the ground: when the station has a line of sight to a relay satellite or a ground site of a network.

    coverage_spans(orbit, "us", start, end)                        # [CoverageSpan(network, start, end, via)]
    coverage_spans(orbit, "ru", start, end, sites=project.sites)   # the Luch relays and the Russian ground sites
    link_within(orbit, "any", windows, sites)                      # the rule's question: covered times in windows

Networks (``NETWORKS``): ``us`` is NASA's TDRS relays, ``ru`` Russia's Luch-5 relays plus the project's Russian
ground sites (:func:`russian_sites`); ``any`` (for a need) is either. The relays are catalogue data
(``resources/relays/relays.json``, with its sources).

The model, stated where a planner can read it (also in ``docs/links-to-the-ground.md``):

- A relay is geostationary: a fixed point in the Earth-fixed frame at ``GEO_RADIUS_KM`` from the Earth's centre,
  above the equator at its longitude (station keeping holds it within about 0.1°).
- The station sees a relay when the straight line between them clears a sphere of the Earth's equatorial radius
  plus ``GRAZING_HEIGHT_KM`` of atmosphere (a line lower than that is blocked; the equatorial radius is the
  largest, so towards the poles the Earth is taken up to 21 km higher than it is: the answer errs to "no link"). The station's own structure (its
  modules, radiators and solar arrays, which shade its antennas at some attitudes) is **not** modelled, nor are
  the antennas' pointing limits or the relays' schedules: coverage is geometry, the best case.
- A ground site counts while it sees the station above its minimum elevation (the passes' own logic,
  :func:`planner.orbit.passes.in_view_within`).

Work: SGP4 runs on 60 s knots over the windows (cubic Hermite in between, :mod:`planner.orbit.sampling`); each
relay's margin and its rate are read at the knots, and where the margin changes sign the crossing is refined on
the interpolated track (halvings, then regula falsi) to well under a second. A step whose ends agree but whose margin could
dip across zero and back (near enough to zero for the station's speed, and the cubic through the ends' values and
rates comes near zero) is sampled every 10 s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from planner import intervals
from planner.orbit.geodesy import WGS84_A_KM
from planner.orbit.horizon import as_windows
from planner.orbit.orbit import Orbit
from planner.orbit.sampling import HermiteOrbit, Scan, secant
from planner.orbit.timebase import epoch_seconds

#: The networks a span belongs to; a need may also ask for ``any`` of them.
NETWORKS = ("us", "ru")
ANY = "any"
#: The geostationary radius: (GM / n^2)^(1/3) for one turn a sidereal day (km from the Earth's centre).
GEO_RADIUS_KM = 42164.17
#: The line of sight must clear this much atmosphere above the Earth's (equatorial) radius: planner default.
GRAZING_HEIGHT_KM = 100.0
#: Within a knot step the margin follows the cubic through its values and rates at the step's ends to metres (it is
#: smooth where it is near zero); a step whose cubic comes this near zero is sampled every ``_FINE_STEP_S``.
_DIP_SAFETY_KM = 5.0
#: Refining a crossing: halvings first (a grazing view's margin bends sharply, where regula falsi alone stalled
#: 7 s from the edge of a half-minute view), then regula falsi steps on the nearly straight rest.
_REFINE = dict(halvings=4, iterations=3)
_FINE_STEP_S = 10.0  # where a margin could dip across zero and back within a knot step, it is sampled this often


@dataclass(frozen=True)
class Relay:
    """A geostationary data-relay satellite of a network, at a longitude (degrees, east-positive)."""

    id: str
    name: str
    network: str
    lon_deg: float

    def position(self) -> np.ndarray:
        """Its Earth-fixed position (km, shape (3,)): on the equator at the geostationary radius."""
        lon = np.radians(self.lon_deg)
        return np.array([GEO_RADIUS_KM * np.cos(lon), GEO_RADIUS_KM * np.sin(lon), 0.0])


@lru_cache(maxsize=1)
def _catalogue() -> tuple[Relay, ...]:
    from planner.resources import resource_path

    with resource_path("relays", "relays.json").open(encoding="utf-8") as f:
        entries = json.load(f)["relays"]
    return tuple(Relay(e["id"], e["name"], e["network"], float(e["lon_deg"])) for e in entries)


def relays(network: str | None = None) -> tuple[Relay, ...]:
    """The bundled relays (``resources/relays/relays.json``), of one network or (None, ``any``) all of them."""
    return tuple(r for r in _catalogue() if network in (None, ANY) or r.network == network)


def check_network(network: str, allow_any: bool = False) -> str:
    """The network's name, or ValueError saying which names there are."""
    names = NETWORKS + ((ANY,) if allow_any else ())
    if network not in names:
        raise ValueError(f"unknown network {network!r}: expected {', '.join(names[:-1])} or {names[-1]}")
    return network


def russian_sites(sites) -> list:
    """The ground sites (``GroundSite``s) that count for the ``ru`` network: those whose project record says
    ``"network": "ru"``, and, unless the record names another network, those standing in Russia on the bundled
    Natural Earth map (Moscow's mission control does; Baikonur, in Kazakhstan, does not)."""
    chosen = []
    for site in sites:
        tag = site.extra.get("network") if isinstance(getattr(site, "extra", None), dict) else None
        if tag == "ru" or (tag is None and _in_russia(float(site.lat_deg), float(site.lon_deg))):
            chosen.append(site)
    return chosen


@lru_cache(maxsize=1024)
def _in_russia(lat_deg: float, lon_deg: float) -> bool:
    """Whether a place lies in Russia on the bundled Natural Earth map (kept: a map's every block asks again)."""
    from planner.orbit.geography import country_index_at, countries

    k = int(country_index_at(lat_deg, lon_deg)[0])
    return k >= 0 and countries()[k].iso_a3 == "RUS"


@dataclass(frozen=True)
class CoverageSpan:
    """A span of time (epoch seconds) in which the station sees the same relays and sites of ``network`` (at least
    one): ``via`` names them, in the order they came into view. Where one comes or goes, a new span begins, so
    that a continuous link reads as its hand-overs (TDRS-E until 10:14, TDRS-E and TDRS-W until 10:31, ...)."""

    network: str
    start: float
    end: float
    via: tuple[str, ...]

    def as_dict(self) -> dict:
        """The span with ISO UTC times to the second, as ``planner coverage --json`` prints it."""
        from planner.model.times import format_utc
        from planner.orbit.timebase import to_datetime

        return {"network": self.network, "start": format_utc(to_datetime(round(self.start))),
                "end": format_utc(to_datetime(round(self.end))), "via": list(self.via)}


def line_of_sight_margin(pos: np.ndarray, relay_pos: np.ndarray, grazing_km: float = GRAZING_HEIGHT_KM,
                         vel: np.ndarray | None = None):
    """How far (km) the straight line from each station position (3, n) to a relay (3,) or relays (3, n) passes
    above the Earth's radius plus ``grazing_km``: positive when the line is clear. With the station's velocity
    ``vel`` (3, n), also how fast that margin changes (km/s)."""
    g = relay_pos if relay_pos.ndim == 2 else relay_pos[:, None]
    u = g - pos
    s = np.clip(-(pos * u).sum(axis=0) / (u * u).sum(axis=0), 0.0, 1.0)
    closest = pos + s * u
    d = np.sqrt((closest * closest).sum(axis=0))
    margin = d - (WGS84_A_KM + grazing_km)
    if vel is None:
        return margin
    # The closest point is (1 - s) p + s g at the best s: moving the station moves it by (1 - s) v (envelope).
    return margin, (1.0 - s) * (closest * vel).sum(axis=0) / d


def _may_dip(m0, m1, d0, d1, h):
    """For steps of length ``h`` with margins ``m0``, ``m1`` of one sign at their ends and rates ``d0``, ``d1``:
    whether the cubic through them comes within ``_DIP_SAFETY_KM`` of zero inside (the margin then may cross and
    cross back within the step, a view or a gap shorter than a step, and is sampled finely there)."""
    sign = np.where(m0 > 0, 1.0, -1.0)
    m0, m1, d0, d1 = sign * m0, sign * m1, sign * d0 * h, sign * d1 * h
    a = 2 * (m0 - m1) + d0 + d1
    b = 3 * (m1 - m0) - 2 * d0 - d1
    lowest = np.minimum(m0, m1)
    disc = np.maximum(b * b - 3 * a * d0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for root in ((-b + np.sqrt(disc)) / (3 * a), (-b - np.sqrt(disc)) / (3 * a), -d0 / (2 * b)):
            inside = np.isfinite(root) & (root > 0) & (root < 1)
            r = np.where(inside, root, 0.0)
            lowest = np.where(inside, np.minimum(lowest, ((a * r + b) * r + d0) * r + m0), lowest)
    return lowest < _DIP_SAFETY_KM


def relays_in_view_within(orbit: Orbit, chosen, windows, grazing_km: float = GRAZING_HEIGHT_KM,
                          step_s: float = _FINE_STEP_S, track: HermiteOrbit | None = None) -> list[np.ndarray]:
    """For each relay of ``chosen``, the times inside ``windows`` ((n, 2) epoch seconds) when the station has a
    clear line of sight to it (an interval set each). ``track``: an Earth-fixed :class:`HermiteOrbit` over the
    windows, when the caller has one. Raises :class:`CannotJudge` where SGP4 cannot fly the element sets."""
    chosen = list(chosen)
    windows = as_windows(windows)
    if not chosen or not len(windows):
        return [intervals.EMPTY.copy() for _r in chosen]
    if track is None:
        track = HermiteOrbit(orbit, windows, frame="ecef")
    where = np.stack([r.position() for r in chosen], axis=1)  # (3, relays)

    def margins(t, which):
        return line_of_sight_margin(track.at(t), where[:, which], grazing_km)

    scan = Scan(track, windows)
    start_pos, start_vel = track.pv(windows[:, 0])
    t, s = scan.t, scan.steps
    h = t[s + 1] - t[s]
    # The margin changes no faster than the station moves (a segment's distance from a point changes no faster
    # than its ends move; the relay stands still): steps farther from zero than that cannot dip across.
    travel = 1.05 * float(np.nanmax(np.sqrt((track.vel * track.vel).sum(axis=0)))) * h
    lo, hi, f_lo, f_hi, kind, step, holds = [], [], [], [], [], [], []
    for k in range(len(chosen)):
        at_knots = line_of_sight_margin(track.pos, where[:, k], grazing_km, track.vel)
        at_starts = line_of_sight_margin(start_pos, where[:, k], grazing_km, start_vel)
        values, rates = (scan.merge(a, b) for a, b in zip(at_knots, at_starts))
        holds.append(values[scan.starts] > 0)
        v0, v1 = values[s], values[s + 1]
        flip = np.flatnonzero((v0 > 0) != (v1 > 0))
        # Same sign at both ends, but the margin may dip across and back within the step: sampled finely there.
        same = np.flatnonzero(((v0 > 0) == (v1 > 0)) & (np.abs(v0) + np.abs(v1) < travel))
        maybe = same[_may_dip(v0[same], v1[same], rates[s[same]], rates[s[same] + 1], h[same])]
        fine = np.minimum(t[s[maybe], None] + np.arange(0.0, track.step + step_s, step_s), t[s[maybe] + 1, None])
        f_fine = margins(fine.ravel(), np.full(fine.size, k)).reshape(fine.shape)
        m, j = np.nonzero((f_fine[:, 1:] > 0) != (f_fine[:, :-1] > 0))
        lo += [t[s[flip]], fine[m, j]]
        hi += [t[s[flip] + 1], fine[m, j + 1]]
        f_lo += [v0[flip], f_fine[m, j]]
        f_hi += [v1[flip], f_fine[m, j + 1]]
        kind.append(np.full(len(flip) + len(m), k))
        step += [flip, maybe[m]]
    kind, step = np.concatenate(kind), np.concatenate(step)
    crossings = secant(lambda x: margins(x, kind), *(np.concatenate(a) for a in (lo, hi, f_lo, f_hi)), **_REFINE)
    return [scan.within(holds[k], crossings[kind == k], step[kind == k]) for k in range(len(chosen))]


def sources_in_view(orbit: Orbit, network: str, windows, sites=(), grazing_km: float = GRAZING_HEIGHT_KM):
    """[(network, name, interval set)] for each relay and ground site of ``network`` (``us``, ``ru`` or ``any``):
    when the station sees it inside ``windows``. ``sites``: the project's ground sites (the Russian ones count for
    ``ru``). SGP4 runs once, for all the relays and sites."""
    from planner.orbit.passes import in_view_within

    check_network(network, allow_any=True)
    windows = as_windows(windows)
    chosen = relays(network)
    ground = russian_sites(sites) if network in ("ru", ANY) else []
    track = HermiteOrbit(orbit, windows, frame="ecef") if len(windows) and (chosen or ground) else None
    found = [(r.network, r.name, a)
             for r, a in zip(chosen, relays_in_view_within(orbit, chosen, windows, grazing_km, track=track))]
    found += [("ru", site.name or site.id, in_view_within(orbit, site, windows, track=track)) for site in ground]
    return found


def covered_at(network: str, pos: np.ndarray, sites=(), grazing_km: float = GRAZING_HEIGHT_KM) -> np.ndarray:
    """Whether the station at each Earth-fixed position (km, shape (3, n)) sees a relay or site of ``network``:
    the same tests as :func:`link_within`, at given samples (a map's track, whose points it has already)."""
    from planner.orbit.passes import Site, _sin_elevation, _site_vectors

    check_network(network, allow_any=True)
    seen = np.zeros(pos.shape[1], dtype=bool)
    for relay in relays(network):
        seen |= line_of_sight_margin(pos, relay.position(), grazing_km) > 0
    ground = russian_sites(sites) if network in ("ru", ANY) else []
    if ground:
        where, up, min_el = _site_vectors([Site.of(s) for s in ground])
        for k in range(len(ground)):
            seen |= _sin_elevation(pos, where[:, k:k + 1], up[:, k:k + 1]) > np.sin(min_el[k])
    return seen


def link_within(orbit: Orbit, network: str, windows, sites=(), grazing_km: float = GRAZING_HEIGHT_KM) -> np.ndarray:
    """The times inside ``windows`` when the station sees at least one relay or site of ``network`` (``us``,
    ``ru`` or ``any``): one interval set."""
    found = sources_in_view(orbit, network, windows, sites, grazing_km)
    return intervals.union(*(a for _net, _name, a in found)) if found else intervals.EMPTY.copy()


def spans_of(network: str, found) -> list[CoverageSpan]:
    """The times ``found`` ([(name, interval set)]) covers, as spans of one set of names in view each."""
    found = [(name, a) for name, a in found if len(a)]
    if not found:
        return []
    names = [name for name, _a in found]
    bounds = np.unique(np.concatenate([a.ravel() for _n, a in found]))
    mids = (bounds[:-1] + bounds[1:]) / 2
    # For each source and each piece between two consecutive bounds: the start of its interval holding the piece
    # (infinite where it is out of view), and which sources a piece sees as one number (the same for the same set).
    since = np.full((len(found), len(mids)), np.inf)
    for k, (_name, a) in enumerate(found):
        i = np.searchsorted(a[:, 0], mids, side="right") - 1
        inside = (i >= 0) & (mids < a[np.maximum(i, 0), 1])
        since[k, inside] = a[i[inside], 0]
    seen = np.isfinite(since)
    code = np.unique(seen, axis=1, return_inverse=True)[1].ravel()
    # A span is a run of pieces seeing the same sources (at least one).
    edges = np.flatnonzero(np.diff(code)) + 1
    first = np.concatenate(([0], edges))
    past = np.concatenate((edges, [len(code)]))
    keep = seen[:, first].any(axis=0)
    first, past = first[keep], past[keep]
    order = np.argsort(since[:, first], axis=0, kind="stable")  # in the order they came into view
    count = seen[:, first].sum(axis=0)
    via_of: dict[bytes, tuple[str, ...]] = {}
    spans = []
    for r, (lo, hi, n) in enumerate(zip(bounds[first].tolist(), bounds[past].tolist(), count.tolist())):
        ks = order[:n, r]
        key = ks.tobytes()
        via = via_of.get(key)
        if via is None:
            via = via_of[key] = tuple(names[k] for k in ks.tolist())
        spans.append(CoverageSpan(network, lo, hi, via))
    return spans


def coverage_spans(orbit: Orbit, network: str, start, end, sites=(), grazing_km: float = GRAZING_HEIGHT_KM
                   ) -> list[CoverageSpan]:
    """The spans of ``start..end`` in which the station sees at least one relay or site of ``network``: ``us``,
    ``ru``, or ``all`` (the spans of each network, labelled, in time order)."""
    if network != "all":
        check_network(network)
    windows = [[float(epoch_seconds(start)), float(epoch_seconds(end))]]
    found = sources_in_view(orbit, ANY if network == "all" else network, windows, sites, grazing_km)
    spans = [span for name in NETWORKS if network in (name, "all")
             for span in spans_of(name, [(source, a) for net, source, a in found if net == name])]
    return sorted(spans, key=lambda s: (s.start, NETWORKS.index(s.network)))
