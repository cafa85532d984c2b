"""A project: everything one planning file holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model.activity import Activity
from planner.model.catalogue import PortBlock, Station, StationSettings, load_station
from planner.model.crew_day import DayTemplate, SleepShift
from planner.model.elements import ElementSet
from planner.model.mission import Mission
from planner.model.people import Person
from planner.model.site import GroundSite


@dataclass(slots=True, eq=True)
class ProjectMeta:
    """What the project is about."""

    title: str = "Untitled plan"
    description: str = ""
    author: str = ""
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(slots=True, eq=True)
class Project:
    """Missions, people, activities, ground sites and element sets planned against one station.

    ``settings`` are this project's station thresholds (the catalogue's defaults unless changed);
    ``extra`` keeps top-level fields this version does not know, so that they survive a save.
    """

    meta: ProjectMeta = field(default_factory=ProjectMeta)
    station_id: str = "iss"
    settings: StationSettings | None = None
    port_blocks: tuple[PortBlock, ...] | None = None  # None: the catalogue's pairs
    missions: list[Mission] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    sites: list[GroundSite] = field(default_factory=list)
    element_sets: list[ElementSet] = field(default_factory=list)
    crew_day: DayTemplate | None = None  # None: the catalogue's day template
    sleep_shifts: list[SleepShift] = field(default_factory=list)
    extra: dict = field(default_factory=dict, compare=False)
    # Unknown fields of the file's ``station`` object and of its ``settings``, kept for saving.
    station_extra: dict = field(default_factory=dict, compare=False)
    settings_extra: dict = field(default_factory=dict, compare=False)

    @property
    def station(self) -> Station:
        """The station catalogue this project is planned against."""
        return load_station(self.station_id)

    @property
    def effective_settings(self) -> StationSettings:
        """The project's settings, or the catalogue's defaults when it sets none."""
        return self.settings if self.settings is not None else self.station.settings

    @property
    def effective_crew_day(self) -> DayTemplate:
        """The project's day template, or the catalogue's when it sets none."""
        return self.crew_day if self.crew_day is not None else self.station.crew_day

    @property
    def effective_port_blocks(self) -> tuple[PortBlock, ...]:
        """The project's port-blocking pairs, or the catalogue's when it sets none."""
        return self.port_blocks if self.port_blocks is not None else self.station.port_blocks

    def mission(self, mission_id: str) -> Mission | None:
        """The mission with this id, or None."""
        return next((m for m in self.missions if m.id == mission_id), None)

    def person(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return next((p for p in self.people if p.id == person_id), None)

    def person_names(self) -> dict[str, str]:
        """Person id -> display name."""
        return {p.id: p.name for p in self.people}
