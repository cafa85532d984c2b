"""Numbers to Qt shapes for the map: polygons from numpy arrays, the land and the graticule as paths."""

from __future__ import annotations

import ctypes
import functools

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

_fast_ok: bool | None = None  # whether writing straight into a QPolygonF's storage works with this Qt


def _fast_polygon(x: np.ndarray, y: np.ndarray) -> QPolygonF:
    import shiboken6

    poly = QPolygonF()
    poly.resize(len(x))
    # A Qt 6 QList is {d, ptr, size}: the points are ``size`` pairs of doubles at ``ptr``.
    address = shiboken6.getCppPointer(poly)[0]
    data = ctypes.c_void_p.from_address(address + ctypes.sizeof(ctypes.c_void_p)).value
    view = np.ctypeslib.as_array((ctypes.c_double * (2 * len(x))).from_address(data))
    view[0::2] = x
    view[1::2] = y
    return poly


def polygon(x, y) -> QPolygonF:
    """A QPolygonF of the points (x[i], y[i]); thousands of points cost microseconds, not milliseconds."""
    global _fast_ok
    x = np.ascontiguousarray(x, dtype=float)
    y = np.ascontiguousarray(y, dtype=float)
    if len(x) == 0:
        return QPolygonF()
    if _fast_ok is None:
        # Check once that the storage layout is what we expect; otherwise build point by point.
        probe = _fast_polygon(np.array([1.5, -2.0, 3.25]), np.array([4.0, 5.5, -6.75]))
        _fast_ok = [(p.x(), p.y()) for p in (probe.at(0), probe.at(1), probe.at(2))] == \
            [(1.5, 4.0), (-2.0, 5.5), (3.25, -6.75)]
    if _fast_ok:
        return _fast_polygon(x, y)
    return QPolygonF([QPointF(a, b) for a, b in zip(x.tolist(), y.tolist())])


@functools.cache
def land_path() -> QPainterPath:
    """Every country of the bundled Natural Earth map as one path in degrees (x = longitude, y = -latitude)."""
    from planner.orbit.geography import countries

    path = QPainterPath()
    path.setFillRule(path.fillRule().OddEvenFill)
    for country in countries():
        for ring in country.rings:
            path.addPolygon(polygon(ring[:, 0], -ring[:, 1]))
            path.closeSubpath()
    return path


@functools.cache
def coastline_path() -> QPainterPath:
    """The land's outline without political borders: the ring edges that belong to one country only.

    Natural Earth's countries share their border vertices exactly, so an edge met twice is a border.
    """
    from collections import Counter

    from planner.orbit.geography import countries

    def edges(ring):
        return [frozenset(e) for e in zip(map(tuple, ring[:-1].tolist()), map(tuple, ring[1:].tolist()))]

    rings = [ring for country in countries() for ring in country.rings]
    seen = Counter(e for ring in rings for e in edges(ring))
    path = QPainterPath()
    for ring in rings:
        coast = np.array([seen[e] == 1 for e in edges(ring)] + [False])
        # Runs of coast edges become polylines: edge i joins point i to point i + 1.
        starts = np.flatnonzero(coast & ~np.concatenate(([False], coast[:-1])))
        for a in starts:
            b = a
            while coast[b]:
                b += 1
            path.addPolygon(polygon(ring[a:b + 1, 0], -ring[a:b + 1, 1]))
    return path


@functools.cache
def country_path(name: str) -> QPainterPath | None:
    """One country's outline in degrees (x = longitude, y = -latitude), or None when unknown."""
    from planner.orbit.geography import find_country

    country = find_country(name)
    if country is None:
        return None
    path = QPainterPath()
    for ring in country.rings:
        path.addPolygon(polygon(ring[:, 0], -ring[:, 1]))
        path.closeSubpath()
    return path


def graticule_step(degrees_per_100px: float) -> float:
    """A graticule spacing (degrees) that leaves lines about 60-200 pixels apart."""
    for step in (1.0, 2.0, 5.0, 10.0, 15.0, 30.0):
        if step / degrees_per_100px * 100.0 >= 60.0:
            return step
    return 30.0
