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


def find(items: Sequence, text: str, noun: str, plural: str | None = None, names=None, hint: str = ""):
    """The item of ``items`` whose id or name (title for activities) is ``text``, ignoring letter case and
    repeated spaces. An id wins over a name; a name several items share is refused, naming them.

    ``names(item)`` gives an item's names when it has more than one (a launch site's aliases); ``hint`` ends
    the message of a miss (e.g. "or LAT,LON")."""
    key = _key(text)
    plural = plural or f"{noun}s"
    names = names or (lambda item: (_label(item),))
    by_id = [item for item in items if item.id.casefold() == key]
    if by_id:
        return by_id[0]
    by_name = [item for item in items if any(_key(name) == key for name in names(item) if name)]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise NotFound(f"'{text}' names {len(by_name)} {plural} ({_listed(by_name)}): give the id")
    more = " ..." if len(items) > _LISTED else ""
    there = f" ({plural}: {_listed(items[:_LISTED])}{more}{'; ' + hint if hint else ''})" if items else \
        f" (there are no {plural})"
    raise NotFound(f"no {noun} '{text}'{there}")


def _listed(items: Sequence) -> str:
    return ", ".join(f"{_label(item)} ({item.id})" if _label(item) and _label(item) != item.id else item.id
                     for item in items)


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
