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
    LIVE_LINK = "live-link"  # a link to the ground through a network's relays or sites (``network``)


class ActivityStatus(str, Enum):
    """Where an activity stands on the day: set by the user (the crew or the ground says it started, ended or was
    dropped), never derived from the clock: a shoot planned for 10:00 that has not begun at 10:05 is late, not in
    progress, and only a person can tell."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"  # dropped from the day: the rules leave it out (it will not happen, so it cannot clash)

    @property
    def label(self) -> str:
        """``In progress``: how the status reads in the app."""
        return self.value.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Need:
    """One condition of an activity; ``site`` names a ground site for SITE_IN_VIEW, ``network`` the network of
    LIVE_LINK (``us``, ``ru`` or ``any``; None: any)."""

    kind: NeedKind
    site: str | None = None
    min_elevation_deg: float | None = None  # None: the site's own minimum
    network: str | None = None
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
    status: ActivityStatus = ActivityStatus.PLANNED
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def in_plan(self) -> bool:
        """False for a skipped activity: the rules (and anything counting a person's planned time) leave it out."""
        return self.status is not ActivityStatus.SKIPPED

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return (self.end - self.start).total_seconds()
