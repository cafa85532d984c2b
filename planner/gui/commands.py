"""Undo commands: each edit of a project is one of these, pushed on the document's undo stack.

Commands keep the items they put in and take out (items are never shared with views: an editor builds a
changed copy and pushes a :class:`ReplaceItem`). Several commands that form one user action go into one
macro (``QUndoStack.beginMacro``) or under one parent command, so they undo in one step.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from planner.gui.document import ProjectDocument
from planner.model import edits, ids

_REPLACE_ID = 1001
_REPLACE_MANY_ID = 1002


class InsertItem(QUndoCommand):
    """Add an item (mission, person, activity, ground site, element set)."""

    def __init__(self, doc: ProjectDocument, collection: str, item, index: int | None = None, text: str = "", parent=None):
        super().__init__(text or f"Add {getattr(item, 'name', None) or getattr(item, 'title', item.id)}", parent)
        self.doc, self.collection, self.item = doc, collection, copy.deepcopy(item)
        self.index = len(getattr(doc.project, collection)) if index is None else index

    def redo(self):
        self.doc.apply_insert(self.collection, self.index, copy.deepcopy(self.item))

    def undo(self):
        self.doc.apply_remove(self.collection, self.item.id)


class RemoveItem(QUndoCommand):
    """Delete an item; undo puts it back where it was."""

    def __init__(self, doc: ProjectDocument, collection: str, item_id: str, text: str = "", parent=None):
        super().__init__(text or f"Delete {item_id}", parent)
        self.doc, self.collection, self.item_id = doc, collection, item_id
        self.index, self.item = None, None

    def redo(self):
        self.index, self.item = self.doc.apply_remove(self.collection, self.item_id)

    def undo(self):
        self.doc.apply_insert(self.collection, self.index, self.item)


class ReplaceItem(QUndoCommand):
    """Change an item: put a changed copy in its place.

    With a ``merge_key`` (e.g. "title of activity X"), consecutive edits of the same key merge into one
    undo step, so typing a name is one step, not one per keystroke.
    """

    def __init__(self, doc: ProjectDocument, collection: str, item_id: str, new_item, text: str = "",
                 merge_key: str | None = None, parent=None):
        super().__init__(text or f"Change {item_id}", parent)
        self.doc, self.collection = doc, collection
        self.old_id, self.new_item = item_id, copy.deepcopy(new_item)
        self.old_item = None
        self.merge_key = merge_key

    def id(self):  # noqa: A003 (Qt name)
        return _REPLACE_ID if self.merge_key else -1

    def mergeWith(self, other):  # noqa: N802
        if not isinstance(other, ReplaceItem) or other.merge_key != self.merge_key or other.collection != self.collection:
            return False
        if other.old_id != self.new_item.id:
            return False
        self.new_item = other.new_item
        return True

    def redo(self):
        old = self.doc.apply_replace(self.collection, self.old_id, copy.deepcopy(self.new_item))
        if self.old_item is None:
            self.old_item = old

    def undo(self):
        self.doc.apply_replace(self.collection, self.new_item.id, copy.deepcopy(self.old_item))


class ReplaceItems(QUndoCommand):
    """Change several items as one step (a renamed record and the records that refer to it).

    ``changes`` are ``(collection, item id, changed copy)``, applied in order and undone in reverse. With a
    ``merge_key``, consecutive commands of the same key merge like :class:`ReplaceItem`'s.
    """

    def __init__(self, doc: ProjectDocument, changes: list[tuple[str, str, object]], text: str,
                 merge_key: str | None = None, parent=None):
        super().__init__(text, parent)
        self.doc, self.merge_key = doc, merge_key
        # [collection, id before, item after, item before (kept at the first redo)]
        self.changes = [[collection, item_id, copy.deepcopy(new), None] for collection, item_id, new in changes]

    def id(self):  # noqa: A003 (Qt name)
        return _REPLACE_MANY_ID if self.merge_key else -1

    def mergeWith(self, other):  # noqa: N802
        if not isinstance(other, ReplaceItems) or other.merge_key != self.merge_key:
            return False
        for collection, item_id, new, old in other.changes:
            mine = next((c for c in self.changes if c[0] == collection and c[2].id == item_id), None)
            if mine is None:  # an item this step had not touched: it was as ``old`` before this step too
                self.changes.append([collection, item_id, new, old])
            else:
                mine[2] = new
        return True

    def redo(self):
        for change in self.changes:
            collection, item_id, new, old = change
            replaced = self.doc.apply_replace(collection, item_id, copy.deepcopy(new))
            if old is None:
                change[3] = replaced

    def undo(self):
        for collection, _item_id, new, old in reversed(self.changes):
            self.doc.apply_replace(collection, new.id, copy.deepcopy(old))


class Naming:
    """Pushes the edits of a record's name field: while the record still has the id it was made with
    (``new-person-2``, ``...-copy``), the id follows the name being typed and the records that refer to it
    follow the id, all in the name's one undo step. Once the field is left (:meth:`finish`), the id stays.
    """

    def __init__(self, doc: ProjectDocument, collection: str):
        self.doc, self.collection = doc, collection
        self._following: str | None = None  # the id of the record being named, as it is now
        self._session = ""

    def finish(self) -> None:
        """The name field was left, or another record is shown: the next edit starts afresh."""
        self._following = None

    def push(self, item, new_item, text: str, merge_key: str) -> None:
        """Push ``new_item`` (``item`` with another name) as one undo step; ``merge_key`` merges the keystrokes
        of a record that is not being named."""
        name = getattr(new_item, "name", None) or getattr(new_item, "title", "")
        if self._following != item.id:
            self._following = item.id if ids.is_provisional(item.id) else None
            self._session = item.id
        if self._following is None:
            self.doc.undo_stack.push(ReplaceItem(self.doc, self.collection, item.id, new_item, text, merge_key))
            return
        if name.strip():  # a cleared field keeps the id until a name is typed
            taken = {other.id for other in edits.items(self.doc.project, self.collection)}
            new_item.id = ids.id_for_name(name, taken, own=item.id)
        changes = [(self.collection, item.id, new_item)]
        if new_item.id != item.id:
            changes += [(collection, other.id, other)
                        for collection, other in ids.retargeted(self.doc.project, self.collection, item.id, new_item.id)]
        self._following = new_item.id
        self.doc.undo_stack.push(ReplaceItems(self.doc, changes, text, f"{self.collection}:naming:{self._session}"))


class SetPart(QUndoCommand):
    """Change a top-level part of the project: station settings, metadata, port-blocking pairs."""

    def __init__(self, doc: ProjectDocument, part: str, value, text: str = "", parent=None):
        super().__init__(text or f"Change {part}", parent)
        self.doc, self.part, self.value = doc, part, copy.deepcopy(value)
        self.old = None

    def redo(self):
        self.old = self.doc.apply_part(self.part, copy.deepcopy(self.value))

    def undo(self):
        self.doc.apply_part(self.part, self.old)
