"""A mission launched at a chosen launch opportunity: its launch and its arrival set together.

    new = launch_at(mission, opportunity_arrival, site_name="Baikonur Site 31/6", in_plane=when)

``arrival`` is a :class:`planner.model.rendezvous.Arrival` (the liftoff and the profile's arrival times): the
mission's first launch moves to its liftoff and its first docking or berthing to its typical arrival; both are
added when the mission has none (the arrival at ``port``, docking or berthing as the profile arrives). Every other
event stays where it is, so a docking that would come at or after the mission's next event (a relocation, the
undocking, the landing) is refused with :class:`LaunchChoiceError` saying which, never reordered.
"""

from __future__ import annotations

import copy
from datetime import datetime

from planner.model.crew import flight_crew
from planner.model.event_words import event_noun as _words
from planner.model.event_words import second_text as _minute
from planner.model.mission import Event, EventKind, Mission
from planner.model.rendezvous import Arrival

_ARRIVALS = (EventKind.DOCK, EventKind.BERTH)


class LaunchChoiceError(ValueError):
    """The opportunity cannot be used for the mission as planned; the message says why and what to do."""


def launch_at(mission: Mission, arrival: Arrival, site_name: str = "", in_plane: datetime | None = None,
              port: str | None = None) -> Mission:
    """A copy of ``mission`` launched at ``arrival.launch`` and arriving at ``arrival.typical``.

    The new events' ``source`` says they are the planner's estimate (the site, the in-plane moment, the profile).
    ``port`` is where an arrival is added when the mission has none (None: none is added). Raises
    :class:`LaunchChoiceError` when the arrival would come at or after another event of the mission that follows
    its arrival."""
    new = copy.deepcopy(mission)
    launch = new.first(EventKind.LAUNCH)
    arrive = new.first(*_ARRIVALS)
    # The events after the arrival (all but the launch when there is none yet) stay: the arrival must come first.
    after = [e for e in new.events if e is not launch and e is not arrive and (arrive is None or e.utc >= arrive.utc)]
    first_after = min(after, key=lambda e: e.utc, default=None)
    kind = arrive.kind if arrive is not None else (EventKind.BERTH if arrival.profile.arrival == "berth"
                                                   else EventKind.DOCK)
    if first_after is not None and arrival.typical >= first_after.utc:
        raise LaunchChoiceError(
            f"{mission.name} would arrive ({_words(kind)}) at {_minute(arrival.typical)}, after its "
            f"{_words(first_after.kind)} at {_minute(first_after.utc)}: choose an earlier opportunity, or move the "
            f"{_words(first_after.kind)} first")
    where = f" from {site_name}" if site_name else ""
    plane = f" (in plane {_minute(in_plane)})" if in_plane is not None else ""
    crew = flight_crew(mission).up
    if launch is None:
        launch = Event(EventKind.LAUNCH, arrival.launch, crew=crew)
        new.events.append(launch)
    launch.utc = arrival.launch
    launch.source = f"Planner estimate: liftoff at a launch opportunity{where}{plane}"
    if arrive is None and port is not None:
        arrive = Event(kind, arrival.typical, port=port, crew=crew)
        new.events.append(arrive)
    if arrive is not None:
        arrive.utc = arrival.typical
        arrive.source = f"Planner estimate: {arrival.profile.name}, its typical {_words(kind)} time"
    new.sort_events()
    return new
