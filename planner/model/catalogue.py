"""The station catalogue: modules, docking ports, vehicle types and the station's settings.

The ISS catalogue is data (``resources/stations/iss.json``); this module holds its types and reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import Enum
from pathlib import Path

from planner.model.crew_day import DayTemplate, template_from_catalogue
from planner.model.times import parse_utc
from planner.resources import resource_path


class Mechanism(str, Enum):
    """How a vehicle attaches to a port."""

    SSVP = "ssvp"  # Russian probe/drogue docking system
    IDA = "ida"  # International Docking Adapter (IDSS)
    CBM = "cbm"  # Common Berthing Mechanism: captured by the robot arm, then berthed


@dataclass(frozen=True, slots=True)
class Port:
    """A place a vehicle can dock or berth, and the time span it exists."""

    id: str
    name: str
    module: str
    mechanism: Mechanism
    exists_from: datetime | None = None  # None: since before any plan
    exists_until: datetime | None = None  # None: still there
    vehicle_types: tuple[str, ...] = ()  # empty: any type whose mechanism fits
    note: str = ""

    def exists_at(self, when: datetime) -> bool:
        """True when the port is part of the station at ``when`` (ends inclusive)."""
        if self.exists_from is not None and when < self.exists_from:
            return False
        return self.exists_until is None or when <= self.exists_until

    def accepts(self, vehicle_type: "VehicleType") -> bool:
        """True when a vehicle of this type can use the port."""
        if self.mechanism not in vehicle_type.mechanisms:
            return False
        return not self.vehicle_types or vehicle_type.id in self.vehicle_types


@dataclass(frozen=True, slots=True)
class Module:
    """A station module (only the ones that own ports are listed)."""

    id: str
    name: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class VehicleType:
    """A kind of visiting vehicle."""

    id: str
    name: str
    crew_seats: int
    returns_crew: bool
    mechanisms: tuple[Mechanism, ...]
    max_stay_days: float | None = None
    crewed_capable: bool = False
    note: str = ""
    #: the seats' names in seat order where public sources name them (the catalogue's ``seat_source``)
    seat_names: tuple[str, ...] = ()
    seat_source: str = ""

    def seat_name(self, index: int) -> str:
        """The name of seat ``index`` (0: the first): its public name, or "Seat N" beyond the named ones."""
        return self.seat_names[index] if 0 <= index < len(self.seat_names) else f"Seat {index + 1}"


@dataclass(frozen=True, slots=True)
class PortBlock:
    """An occupant of ``occupied`` blocks arrivals at ``blocked`` (e.g. Cygnus at Unity nadir vs Rassvet)."""

    occupied: str
    blocked: str
    occupant_types: tuple[str, ...] = ()  # empty: any occupant blocks
    occupant_tags: tuple[str, ...] = ()  # empty: any occupant blocks; else only one carrying a tag
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)  # unknown project-file fields, kept for saving

    def blocks(self, vehicle_type: str, tags: tuple[str, ...]) -> bool:
        """True when an occupant of this type and tags blocks arrivals at ``blocked``."""
        if self.occupant_types and vehicle_type not in self.occupant_types:
            return False
        return not self.occupant_tags or any(t in self.occupant_tags for t in tags)


@dataclass(frozen=True, slots=True)
class PortRequirement:
    """A vehicle carrying ``tag`` must use one of ``ports`` (e.g. roll-out solar arrays need Harmony zenith)."""

    tag: str
    ports: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class StationSettings:
    """Thresholds the rules use. Defaults documented in ``resources/stations/iss.json``.

    None of these are hard physical facts: they are the planner's settings, per project.
    """

    beds: int = 7
    headcount_warning: int = 11  # warn when more people than this are aboard
    headcount_limit: int = 13  # conflict when more than this (the 2009 record)
    spacing_warning_hours: float = 24.0  # any two dynamic events closer than this: warning
    spacing_conflict_hours: float = 48.0  # two crewed dynamic events closer than this: conflict
    element_set_max_age_days: float = 14.0  # warn when a time is farther than this from its element set
    # Dynamic events when |beta| is above these are warned about, by how the vehicle attaches (see high_beta_limit_deg).
    high_beta_docking_deg: float = 60.0  # Crew Dragon, Cargo Dragon, Starliner (IDA ports)
    high_beta_berthing_deg: float = 60.0  # Cygnus, HTV-X, Dream Chaser (captured and berthed by the robot arm)
    high_beta_russian_deg: float = 70.0  # Soyuz, Progress, Russian modules (probe and drogue)

    def updated(self, **changes) -> "StationSettings":
        """A copy with some settings changed."""
        return replace(self, **changes)

    def high_beta_limit_deg(self, vehicle_type: "VehicleType") -> float:
        """The |beta| (degrees) above which a dynamic event of this vehicle type is warned about: the setting of
        the way it attaches (the lowest, when it has several)."""
        limits = {Mechanism.IDA: self.high_beta_docking_deg, Mechanism.CBM: self.high_beta_berthing_deg,
                  Mechanism.SSVP: self.high_beta_russian_deg}
        return min((limits[m] for m in vehicle_type.mechanisms), default=self.high_beta_docking_deg)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The setting names, in documentation order."""
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Station:
    """A station's catalogue: what a project is planned against."""

    id: str
    name: str
    modules: tuple[Module, ...]
    ports: tuple[Port, ...]
    vehicle_types: tuple[VehicleType, ...]
    port_blocks: tuple[PortBlock, ...] = ()
    port_requirements: tuple[PortRequirement, ...] = ()
    settings: StationSettings = field(default_factory=StationSettings)
    provenance: str = ""
    crew_day: DayTemplate = field(default_factory=DayTemplate)  # the crew's usual day (planner/model/crew_day.py)

    def port(self, port_id: str) -> Port | None:
        """The port with this id, or None."""
        return _index(self.ports).get(port_id)

    def vehicle_type(self, type_id: str) -> VehicleType | None:
        """The vehicle type with this id, or None."""
        return _index(self.vehicle_types).get(type_id)

    def compatible_ports(self, type_id: str) -> tuple[Port, ...]:
        """The ports a vehicle of this type can use."""
        vtype = self.vehicle_type(type_id)
        return tuple(p for p in self.ports if vtype is not None and p.accepts(vtype))


_INDEX_CACHE: dict[int, tuple[tuple, dict[str, object]]] = {}


def _index(items: tuple) -> dict:
    # Catalogues are frozen, so an id index can be cached per tuple object. The cache keeps the tuple
    # itself, so its id() cannot be reused by another object while the entry exists.
    cached = _INDEX_CACHE.get(id(items))
    if cached is None or cached[0] is not items:
        cached = (items, {item.id: item for item in items})
        _INDEX_CACHE[id(items)] = cached
    return cached[1]


def _opt_time(value):
    return None if value in (None, "") else parse_utc(value)


def port_block_from_dict(data: dict) -> PortBlock:
    """Build a :class:`PortBlock` from its JSON form (catalogue and project files share it)."""
    return PortBlock(
        occupied=data["occupied"],
        blocked=data["blocked"],
        occupant_types=tuple(data.get("occupant_types", ())),
        occupant_tags=tuple(data.get("occupant_tags", ())),
        note=data.get("note", ""),
    )


def station_from_dict(data: dict) -> Station:
    """Build a :class:`Station` from the catalogue's JSON form."""
    return Station(
        id=data["id"],
        name=data["name"],
        modules=tuple(Module(m["id"], m["name"], m.get("note", "")) for m in data["modules"]),
        ports=tuple(
            Port(
                id=p["id"],
                name=p["name"],
                module=p["module"],
                mechanism=Mechanism(p["mechanism"]),
                exists_from=_opt_time(p.get("exists_from")),
                exists_until=_opt_time(p.get("exists_until")),
                vehicle_types=tuple(p.get("vehicle_types", ())),
                note=p.get("note", ""),
            )
            for p in data["ports"]
        ),
        vehicle_types=tuple(
            VehicleType(
                id=v["id"],
                name=v["name"],
                crew_seats=int(v["crew_seats"]),
                returns_crew=bool(v["returns_crew"]),
                mechanisms=tuple(Mechanism(m) for m in v["mechanisms"]),
                max_stay_days=v.get("max_stay_days"),
                crewed_capable=bool(v.get("crewed_capable", v["crew_seats"] > 0)),
                note=v.get("note", ""),
                seat_names=tuple(v.get("seat_names", ())),
                seat_source=v.get("seat_source", ""),
            )
            for v in data["vehicle_types"]
        ),
        port_blocks=tuple(port_block_from_dict(b) for b in data.get("port_blocks", ())),
        port_requirements=tuple(
            PortRequirement(r["tag"], tuple(r["ports"]), r.get("note", "")) for r in data.get("port_requirements", ())
        ),
        settings=StationSettings(**{k: v["default"] for k, v in data.get("settings", {}).items()}),
        provenance=data.get("provenance", ""),
        crew_day=template_from_catalogue(data.get("crew_day", {})),
    )


_STATIONS: dict[str, Station] = {}


def load_station(station_id: str = "iss") -> Station:
    """The bundled catalogue of a station (cached; catalogues are immutable)."""
    if station_id not in _STATIONS:
        path: Path = resource_path("stations", f"{station_id}.json")
        if not path.is_file():
            raise KeyError(f"no station catalogue named '{station_id}'")
        _STATIONS[station_id] = station_from_dict(json.loads(path.read_text(encoding="utf-8")))
    return _STATIONS[station_id]
