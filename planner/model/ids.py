"""Record ids: made from the first name a record is given, unique in their list, stable afterwards.

A record made in the app starts with a placeholder name ("New person") and an id made from it
(``new-person-2``); a copy gets ``...-copy``. Such an id is *provisional*: it follows the first name the
user types, so calendar UIDs and command-line references read like the plan. Once named, the id stays.
"""

from __future__ import annotations

import copy
import dataclasses
import re

from planner.model.people import slug, unique_slug
from planner.model.project import Project

#: The name a new record of each list starts with.
PLACEHOLDER_NAMES = {"missions": "New vehicle", "activities": "New activity", "people": "New person",
                     "sites": "New ground site"}

# Ids made from a placeholder name (including those earlier versions gave: ``activity``, ``new-site``),
# and ids of copies.
_PROVISIONAL = re.compile(
    r"(?:%s|activity|new-site)(?:-\d+)?|.+-copy(?:-\d+)?" % "|".join(slug(n) for n in PLACEHOLDER_NAMES.values()))


def placeholder_id(collection: str, taken: set[str]) -> str:
    """The id of a new record of ``collection`` before it is named (``new-person``, ``new-person-2``...)."""
    return unique_slug(PLACEHOLDER_NAMES[collection], taken)


def is_provisional(item_id: str) -> bool:
    """True for an id that was made from a placeholder name or for a copy: it follows the first real name."""
    return _PROVISIONAL.fullmatch(item_id) is not None


def id_for_name(name: str, taken: set[str], own: str | None = None) -> str:
    """The id a record named ``name`` gets: its slug, made unique among ``taken`` (``own`` does not count)."""
    return unique_slug(name, set(taken) - {own})


def retargeted(project: Project, collection: str, old_id: str, new_id: str) -> list[tuple[str, object]]:
    """Changed copies of the records that refer to ``old_id`` in ``collection``, referring to ``new_id`` instead.

    People are named in crews, activities and sleep shifts, missions by the vehicle another one arrives with, ground sites
    by activities' needs. Returns ``(collection, copy)`` pairs, in list order.
    """
    changed: list[tuple[str, object]] = []
    if collection == "people":
        for mission in project.missions:
            if any(old_id in event.crew for event in mission.events):
                new = copy.deepcopy(mission)
                for event in new.events:
                    event.crew = tuple(new_id if p == old_id else p for p in event.crew)
                changed.append(("missions", new))
        for activity in project.activities:
            if old_id in activity.people:
                new = copy.deepcopy(activity)
                new.people = tuple(new_id if p == old_id else p for p in activity.people)
                changed.append(("activities", new))
        for shift in project.sleep_shifts:
            if shift.person == old_id:
                new = copy.deepcopy(shift)
                new.person = new_id
                changed.append(("sleep_shifts", new))
    elif collection == "missions":
        for mission in project.missions:
            if mission.arrives_with == old_id:
                new = copy.deepcopy(mission)
                new.arrives_with = new_id
                changed.append(("missions", new))
    elif collection == "sites":
        for activity in project.activities:
            if any(need.site == old_id for need in activity.needs):
                new = copy.deepcopy(activity)
                new.needs = tuple(dataclasses.replace(n, site=new_id) if n.site == old_id else n for n in activity.needs)
                changed.append(("activities", new))
    return changed
