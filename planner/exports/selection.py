"""A planner's part of the plan: some missions, activities, ground sites and filming windows, to export alone.

    chosen = select(project, missions=["soyuz-ms-19"])      # + the crew's activities + the sites they need
    chosen.stem                                              # "soyuz-ms-19": the file is named after it
    chosen.summary()                                         # "1 mission, 12 activities, 2 ground sites"

:mod:`planner.exports.selection_files` writes a selection as .ics, KML or GeoJSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from planner.model import Activity, GroundSite, Mission, NeedKind, Project
from planner.model.people import slug


class ChosenWindow(NamedTuple):
    """A filming window picked from a search: ``[start, end]`` in epoch seconds, with the search's label."""

    start: float
    end: float
    label: str = ""

    @property
    def uid(self) -> str:
        """Stable across exports of the same window: made from its times (to the second)."""
        return f"window-{round(self.start)}-{round(self.end)}"


@dataclass(frozen=True)
class Selection:
    """The records of a project to export, in the project's order, and what the selection is called."""

    name: str
    missions: tuple[Mission, ...] = ()
    activities: tuple[Activity, ...] = ()
    sites: tuple[GroundSite, ...] = ()
    windows: tuple[ChosenWindow, ...] = ()

    @property
    def stem(self) -> str:
        """The file name the selection suggests, without extension ("soyuz-ms-19")."""
        return slug(self.name)

    @property
    def empty(self) -> bool:
        """True when nothing is selected."""
        return not (self.missions or self.activities or self.sites or self.windows)

    def summary(self) -> str:
        """What the selection holds, in words: "1 mission, 12 activities, 2 ground sites"."""
        counts = ((len(self.missions), "mission", "missions"), (len(self.activities), "activity", "activities"),
                  (len(self.sites), "ground site", "ground sites"),
                  (len(self.windows), "filming window", "filming windows"))
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return ", ".join(parts) if parts else "nothing"

    def focus(self) -> tuple[float, float] | None:
        """The span the selection is about, in epoch seconds: its activities' and windows' when it has any (a
        film crew's ten days, not their vehicle's half year), else its missions' events at the station."""
        spans = [(a.start.timestamp(), a.end.timestamp()) for a in self.activities]
        spans += [(w.start, w.end) for w in self.windows]
        if not spans:
            spans = [(e.utc.timestamp(), e.end.timestamp()) for e in station_events(self.missions)]
        if not spans:
            return None
        return min(s for s, _e in spans), max(e for _s, e in spans)


def station_events(missions: Iterable[Mission]):
    """The events of ``missions`` that happen at the station (dockings, undockings, relocations...), in order."""
    from planner.model.mission import DYNAMIC_EVENTS

    return [event for mission in missions for event in mission.events if event.kind in DYNAMIC_EVENTS]


def select(project: Project, missions: Iterable[str] = (), activities: Iterable[str] = (), sites: Iterable[str] = (),
           windows: Iterable[ChosenWindow] = (), crew_activities: bool = True, name: str | None = None) -> Selection:
    """The selection of the records with these ids, and with them:

    - with ``crew_activities``, the activities of each mission's crew (anyone its events name) between its
      first and its last event (to the end of time when it never leaves);
    - the ground sites the selected activities need in view.

    ``name`` (default: made from the first records chosen, "Soyuz MS-19", "Soyuz MS-19 and Crew-3") names the
    calendar, the map document and the file. Unknown ids raise KeyError naming them.
    """
    mission_ids, activity_ids, site_ids = _known(project.missions, missions, "mission"), \
        _known(project.activities, activities, "activity"), _known(project.sites, sites, "ground site")
    chosen_missions = [m for m in project.missions if m.id in mission_ids]
    wanted = set(activity_ids)
    if crew_activities and chosen_missions:
        by_person: dict[str, list[Activity]] = {}  # read once, however many missions are chosen
        for activity in project.activities:
            for person in activity.people:
                by_person.setdefault(person, []).append(activity)
        for mission in chosen_missions:
            if not mission.events:
                continue
            first = min(e.utc for e in mission.events).timestamp()
            last = max(e.end for e in mission.events).timestamp() if _leaves(mission) else math.inf
            crew = {person for event in mission.events for person in event.crew}
            wanted.update(a.id for person in crew for a in by_person.get(person, ())
                          if a.start.timestamp() < last and a.end.timestamp() > first)
    chosen_activities = [a for a in project.activities if a.id in wanted]
    needed = set(site_ids)
    needed.update(n.site for a in chosen_activities for n in a.needs if n.kind is NeedKind.SITE_IN_VIEW and n.site)
    if any(n.kind is NeedKind.LIVE_LINK and n.network != "us" for a in chosen_activities for n in a.needs):
        from planner.orbit.coverage import russian_sites  # a Russian link goes through them too

        needed.update(s.id for s in russian_sites(project.sites))
    chosen_sites = [s for s in project.sites if s.id in needed]
    windows = tuple(sorted(windows, key=lambda w: (w.start, w.end)))
    if name is None:
        name = _name_of([m.name for m in project.missions if m.id in mission_ids]
                        or [a.title for a in project.activities if a.id in activity_ids]
                        or [s.name or s.id for s in project.sites if s.id in site_ids]
                        or (["Filming windows"] if windows else [project.meta.title or "plan"]))
    return Selection(name, tuple(chosen_missions), tuple(chosen_activities), tuple(chosen_sites), windows)


def whole_plan(project: Project) -> Selection:
    """Every mission, activity and ground site of the project, named after its title."""
    return Selection(project.meta.title or "plan", tuple(project.missions), tuple(project.activities),
                     tuple(project.sites))


def _known(records, ids: Iterable[str], noun: str) -> set[str]:
    ids = list(ids)
    have = {r.id for r in records}
    missing = [i for i in ids if i not in have]
    if missing:
        raise KeyError(f"no {noun} with id {', '.join(map(repr, missing))}")
    return set(ids)


def _leaves(mission: Mission) -> bool:
    """False when the mission's last event leaves it at the station (a docking, berthing or relocation)."""
    from planner.model.mission import EventKind

    last = max(mission.events, key=lambda e: e.utc)
    return not (last.kind.arrives or last.kind is EventKind.RELOCATE)


def _name_of(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} and {len(names) - 1} more"
