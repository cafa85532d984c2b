"""The few primitive edits every change to a project is made of (undo commands call these).

A project's records live in six lists, each item with a unique ``id``. An edit inserts, removes or
replaces one item; undoing it is the opposite edit, so undo commands only need to keep the items.
"""

from __future__ import annotations

from planner.model.project import Project

#: The lists of a project that hold records with ids.
COLLECTIONS = ("missions", "people", "activities", "sites", "element_sets", "sleep_shifts")


def items(project: Project, collection: str) -> list:
    """The list ``collection`` of ``project`` (``missions``, ``people``, ...)."""
    if collection not in COLLECTIONS:
        raise KeyError(f"no collection named {collection!r}")
    return getattr(project, collection)


def index_of(project: Project, collection: str, item_id: str) -> int:
    """Position of the item with this id; KeyError when there is none."""
    for index, item in enumerate(items(project, collection)):
        if item.id == item_id:
            return index
    raise KeyError(f"no item {item_id!r} in {collection}")


def get_item(project: Project, collection: str, item_id: str):
    """The item with this id; KeyError when there is none."""
    return items(project, collection)[index_of(project, collection, item_id)]


def insert_item(project: Project, collection: str, index: int, item) -> None:
    """Insert ``item`` at ``index`` (clamped to the list); its id must be new."""
    target = items(project, collection)
    if any(existing.id == item.id for existing in target):
        raise ValueError(f"{collection} already has an item {item.id!r}")
    target.insert(max(0, min(index, len(target))), item)


def remove_item(project: Project, collection: str, item_id: str) -> tuple[int, object]:
    """Remove the item with this id; return where it was and the item (to put it back on undo)."""
    index = index_of(project, collection, item_id)
    return index, items(project, collection).pop(index)


def replace_item(project: Project, collection: str, item_id: str, new_item) -> object:
    """Put ``new_item`` where the item ``item_id`` is; return the old item. Ids may change if unique."""
    target = items(project, collection)
    index = index_of(project, collection, item_id)
    if new_item.id != item_id and any(existing.id == new_item.id for existing in target):
        raise ValueError(f"{collection} already has an item {new_item.id!r}")
    old = target[index]
    target[index] = new_item
    return old
