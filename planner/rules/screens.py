"""Array screens over a fresh timeline's columns (:mod:`planner.station.columns`) for the full check: they pick the
missions, ports, port blocks, people and vehicles that may have a finding, so the exact rules run on those
alone. Like :mod:`planner.rules.prefilter`, each is conservative: it may pick one that turns out fine, never
skip one that is not. The full check of a plain plan thus makes no Python object per mission or person.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from planner import intervals
from planner.model.catalogue import PortBlock, Station
from planner.rules.prefilter import ranks
from planner.station import StationTimeline


def mission_suspects(tl: StationTimeline) -> list[str]:
    """Missions whose own rules (event order, type, stay limit, seats on departure) may find something."""
    v = tl.visits
    suspect = ~v.plain | ~v.known_all
    k = v.mission
    out = np.fromiter(map(len, v.crew_out), np.int64, len(v))
    bad = (v.t2 - v.t1 > v.max_stay_all[k]) | (out > np.maximum(v.seats, 0)) | ((out > 0) & ~v.returns_all[k])
    suspect[k[bad]] = True
    return [v.ids[i] for i in np.flatnonzero(suspect).tolist()]


class PortColumns(NamedTuple):
    """The stays at one port as columns: times, arrival windows, and each stay's vehicle type and tags."""

    start: np.ndarray
    end: np.ndarray
    first: np.ndarray  # arrival window
    last: np.ndarray
    types: list[str]
    tags: list[tuple[str, ...]]


def port_columns(tl: StationTimeline) -> dict[str, PortColumns]:
    """Every port's stays as columns, read from the fresh timeline's groups without making the stays."""
    v, groups = tl.visits, tl.ports
    found = {}
    for i, port in enumerate(groups.keys):
        members = groups.members(i)
        vis = np.fromiter((x for x in members if type(x) is int), np.int64)
        others = [x for x in members if type(x) is not int]
        k = v.mission[vis].tolist()
        heads = [tl.heads[s.mission] for s in others]
        start = np.concatenate([v.t1[vis], [s.start for s in others]])
        found[port] = PortColumns(
            start, np.concatenate([v.t2[vis], [s.end for s in others]]),
            np.concatenate([v.t1[vis], [s.arrival[0] for s in others]]),
            np.concatenate([v.t1[vis], [s.arrival[1] for s in others]]),
            [v.vtypes[m] for m in k] + [h.vehicle_type for h in heads], [v.tags[m] for m in k] + [h.tags for h in heads])
    return found


def port_suspects(tl: StationTimeline, station: Station, columns: dict[str, PortColumns]) -> list[str]:
    """Ports where two stays may overlap, or a stay may be outside the port's life, misfit, or miss a need."""
    found = []
    for port_id, cols in columns.items():
        if not len(cols.start):
            continue
        port = station.port(port_id)
        if port is None:
            found.append(port_id)
            continue
        start, end = cols.start, cols.end
        if port.exists_from is not None and start.min() < port.exists_from.timestamp():
            found.append(port_id)
            continue
        if port.exists_until is not None and end.max() > port.exists_until.timestamp():
            found.append(port_id)
            continue
        fits = all(_fits(station, port, t) for t in set(cols.types))
        tagged = station.port_requirements and any(cols.tags)
        if not fits or tagged or intervals.any_overlap(start, end):
            found.append(port_id)
    return found


def _fits(station: Station, port, vehicle_type: str) -> bool:
    vtype = station.vehicle_type(vehicle_type)
    return vtype is None or port.accepts(vtype)


def block_suspects(blocks: tuple[PortBlock, ...], columns: dict[str, PortColumns]) -> list[int]:
    """Port blocks (by position) where an arrival may meet a blocking occupant."""
    found = []
    for i, block in enumerate(blocks):
        occupied, arriving = columns.get(block.occupied), columns.get(block.blocked)
        if occupied is None or arriving is None or not len(arriving.start):
            continue
        verdict: dict = {}
        blocks_it = np.fromiter((verdict.setdefault((t, g), block.blocks(t, g)) if (t, g) not in verdict
                                 else verdict[(t, g)] for t, g in zip(occupied.types, occupied.tags)),
                                bool, len(occupied.types))
        keep = blocks_it & (occupied.end > occupied.start)
        if not keep.any():
            continue
        o_start, o_end = occupied.start[keep], occupied.end[keep]
        order = np.argsort(o_start, kind="stable")
        o_start, reach = o_start[order], np.maximum.accumulate(o_end[order])
        k = np.searchsorted(o_start, arriving.last, side="right")  # occupants there by the end of the arrival
        if ((k > 0) & (reach[np.maximum(k - 1, 0)] > arriving.first)).any():
            found.append(i)
    return found


def people_suspects(tl: StationTimeline) -> tuple[list[str], set[str]]:
    """People whose own rules (two places at once, leaving while not aboard, no seat home) may find something,
    and the vehicles that may be the lifeboat of more people than their seats."""
    plain, v = tl.plain, tl.visits
    n = len(plain.plain_names)
    suspect = np.zeros(n, dtype=bool)
    # Two places at once: the person's stay and flights, sorted, each against the furthest end before it.
    code, start, end = plain.places
    keep = end > start
    code, start, end = code[keep], start[keep], end[keep]
    if len(code) > 1:
        m = len(code)
        rank = ranks(start, end)
        span = np.int64(rank.max() + 1)
        k_start, k_end = code * span + rank[:m], code * span + rank[m:]
        order = np.argsort(k_start, kind="stable")
        k_start, k_end, code = k_start[order], k_end[order], code[order]
        clash = k_start[1:] < np.maximum.accumulate(k_end)[:-1]
        suspect[code[1:][clash]] = True
    # A seat home all along: the visit they leave on is docked for the whole stay and can carry them.
    lv = plain.leave_visit
    covered = lv >= 0
    at = np.maximum(lv, 0)
    if len(v):
        covered &= (v.t1[at] <= plain.arrive) & (plain.depart <= v.t2[at])
        boat = v.returns_all[v.mission[at]] & (v.seats[at] > 0)
    else:
        boat = np.zeros(n, dtype=bool)
    suspect |= ~(covered & boat)
    seated = lv[covered & boat]
    load = np.bincount(seated, minlength=len(v)) if len(v) else np.zeros(0, np.int64)
    vehicles = {v.ids[k] for k in v.mission[np.flatnonzero(load > v.seats)].tolist()} if len(v) else set()
    people = [plain.plain_names[i] for i in np.flatnonzero(suspect).tolist()] + list(plain.other_names)
    return people, vehicles
