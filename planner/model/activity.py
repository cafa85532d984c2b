"""On-board activities: film shoots, live downlinks, EVAs, experiments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class ActivityKind(str, Enum):
    """What sort of activity it is."""

    FILM_SHOOT = "film-shoot"
    LIVE_DOWNLINK = "live-downlink"
    EVA = "eva"
    EXPERIMENT = "experiment"
    OTHER = "other"


class NeedKind(str, Enum):
    """A condition an activity depends on."""

    DAYLIGHT = "daylight"  # the station in sunlight
    SHADOW = "shadow"  # the station in Earth's shadow
    SITE_IN_VIEW = "site-in-view"  # a ground site sees the station (needs ``site``)
    NO_DYNAMIC_EVENT = "no-dynamic-event"  # no docking/undocking/relocation during it


@dataclass(frozen=True, slots=True)
class Need:
    """One condition of an activity; ``site`` names a ground site for SITE_IN_VIEW."""

    kind: NeedKind
    site: str | None = None
    min_elevation_deg: float | None = None  # None: the site's own minimum
    extra: dict = field(default_factory=dict, compare=False)  # unknown file fields, kept for saving


@dataclass(slots=True, eq=True)
class Activity:
    """Something planned aboard, over a time span, by some people."""

    id: str
    title: str
    kind: ActivityKind
    start: datetime
    end: datetime
    people: tuple[str, ...] = ()
    module: str = ""
    needs: tuple[Need, ...] = ()
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return (self.end - self.start).total_seconds()
