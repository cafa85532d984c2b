"""Containers that make their values when first read: a full check of a big plan reads columns and makes few
Python objects; a view or an edit that asks for one track gets it made then, and kept."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

import numpy as np

from planner.station.columns import coded

_MISSING = object()


class Groups:
    """Values grouped by key, each group made into a container only when asked for (:meth:`make`).

    ``keys`` lists the distinct keys in the order they first appear; ``make(i)`` applies ``container`` to
    the values of ``keys[i]`` in their original order.
    """

    def __init__(self, keys: list, values: list, container=list):
        self.keys, codes = coded(keys)
        self._order = np.argsort(codes, kind="stable").tolist()
        bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(self.keys)))]).tolist()
        self._bounds = bounds
        self._values = values
        self._container = container

    def members(self, i: int) -> list:
        """The values of group ``i``, in their original order."""
        values = self._values
        return [values[j] for j in self._order[self._bounds[i]:self._bounds[i + 1]]]

    def make(self, i: int):
        """The container of group ``i``."""
        values = self._values
        return self._container([values[j] for j in self._order[self._bounds[i]:self._bounds[i + 1]]])

    def lazy(self) -> "LazyTracks":
        """A :class:`LazyTracks` of key -> container."""
        return LazyTracks(zip(self.keys, range(len(self.keys))), self.make)


class LazyTracks(MutableMapping):
    """A dict in which some keys hold an int placeholder until first read: ``make(placeholder)`` then makes
    the value, which is kept. Values themselves are never ints. Keys keep their insertion order.

    ``in``, ``len`` and iterating keys never make a value; ``values()``/``items()`` make them all.
    """

    def __init__(self, items, make: Callable):
        self._d: dict = dict(items)
        self._make = make

    def __getitem__(self, key):
        value = self._d[key]
        if type(value) is int:
            value = self._d[key] = self._make(value)
        return value

    def get(self, key, default=None):
        value = self._d.get(key, _MISSING)
        if value is _MISSING:
            return default
        if type(value) is int:
            value = self._d[key] = self._make(value)
        return value

    def __setitem__(self, key, value) -> None:
        self._d[key] = value

    def __delitem__(self, key) -> None:
        del self._d[key]

    def __contains__(self, key) -> bool:
        return key in self._d

    def __iter__(self):
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def placeholder(self, key) -> int | None:
        """The int standing for the value while it is not made yet, else None."""
        value = self._d.get(key)
        return value if type(value) is int else None

    def made(self, key):
        """The value if it has been made already, else None (never makes one)."""
        value = self._d.get(key)
        return None if type(value) is int else value
