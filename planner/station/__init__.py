"""The station's state over time, derived from a project's missions: stays at ports, dynamic events, people
aboard and their lifeboats, the headcount. The rules check it; the timeline, calendar, map and exports draw it.

- :mod:`planner.station.tracks`: the value types (a stay, an event, a flight, a mission's and a person's track);
- :mod:`planner.station.derive`: one mission's track and one person's stays, from the model;
- :mod:`planner.station.columns`: the whole plan as columns, read once for a full check;
- :mod:`planner.station.timeline`: :class:`StationTimeline`, all of it indexed by port and by person.
"""

from planner.station.derive import derive_mission, derive_person, lifeboat_pieces
from planner.station.timeline import StationTimeline
from planner.station.tracks import (INF, CrewMove, DynamicEvent, Flight, HeadcountStep, MissionTrack, PersonStay,
                                    PersonTrack, PortStay, Problem)

__all__ = ["INF", "CrewMove", "DynamicEvent", "Flight", "HeadcountStep", "MissionTrack", "PersonStay", "PersonTrack",
           "PortStay", "Problem", "StationTimeline", "derive_mission", "derive_person", "lifeboat_pieces"]
