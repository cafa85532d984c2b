"""The domain model: plain Python objects, no Qt.

Everything a project holds (missions, people, activities, ground sites, element sets) and the station
catalogue it is planned against.
"""

from planner.model.activity import Activity, ActivityKind, ActivityStatus, Need, NeedKind
from planner.model.catalogue import Mechanism, Module, Port, PortBlock, Station, StationSettings, VehicleType
from planner.model.elements import ElementSet, ElementFormat
from planner.model.mission import DYNAMIC_EVENTS, Event, EventKind, Mission
from planner.model.people import Person
from planner.model.project import Project, ProjectMeta
from planner.model.site import GroundSite
from planner.model.times import format_utc, parse_utc

__all__ = [
    "Activity", "ActivityKind", "ActivityStatus", "Need", "NeedKind",
    "Mechanism", "Module", "Port", "PortBlock", "Station", "StationSettings", "VehicleType",
    "ElementSet", "ElementFormat",
    "DYNAMIC_EVENTS", "Event", "EventKind", "Mission",
    "Person", "Project", "ProjectMeta", "GroundSite",
    "format_utc", "parse_utc",
]
