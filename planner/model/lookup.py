"""Finding a record of a project by what a user types: its id or its name, in any letter case.

The command line names missions, people, ground sites and element sets this way (``--stay "Soyuz MS-19"``,
``--stay soyuz-ms-19``, ``--site houston jsc``); a miss or an ambiguous name is a :class:`NotFound` whose
message lists what there is.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.model.project import Project

#: How many known records a message lists before "...".
_LISTED = 12


class NotFound(ValueError):
    """No record, or several, answer to the text typed; the message says which there are."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(item) -> str:
    return getattr(item, "name", None) or getattr(item, "title", None) or ""


def find(items: Sequence, text: str, noun: str, plural: str | None = None):
    """The item of ``items`` whose id or name (title for activities) is ``text``, ignoring letter case and
    repeated spaces. An id wins over a name; a name several items share is refused, naming their ids."""
    key = _key(text)
    plural = plural or f"{noun}s"
    by_id = [item for item in items if item.id.casefold() == key]
    if by_id:
        return by_id[0]
    by_name = [item for item in items if _key(_label(item)) == key]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        ids = ", ".join(item.id for item in by_name)
        raise NotFound(f"'{text}' names {len(by_name)} {plural} ({ids}): give the id")
    known = ", ".join(f"{_label(item)} ({item.id})" if _label(item) and _label(item) != item.id else item.id
                      for item in items[:_LISTED])
    more = " ..." if len(items) > _LISTED else ""
    there = f" ({plural}: {known}{more})" if items else f" (there are no {plural})"
    raise NotFound(f"no {noun} '{text}'{there}")


def find_mission(project: Project, text: str):
    """The mission with this id or vehicle name."""
    return find(project.missions, text, "mission")


def find_person(project: Project, text: str):
    """The person with this id or name."""
    return find(project.people, text, "person", "people")


def find_site(project: Project, text: str):
    """The ground site with this id or name."""
    return find(project.sites, text, "ground site")


def find_element_set(project: Project, text: str):
    """The element set with this id or name (a name several sets share, e.g. one satellite's epochs, is
    refused: give the id)."""
    return find(project.element_sets, text, "element set")
