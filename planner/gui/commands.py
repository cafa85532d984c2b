"""Undo commands: each edit of a project is one of these, pushed on the document's undo stack.

Commands keep the items they put in and take out (items are never shared with views: an editor builds a
changed copy and pushes a :class:`ReplaceItem`). Several commands that form one user action go into one
macro (``QUndoStack.beginMacro``) or under one parent command, so they undo in one step.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from planner.gui.document import ProjectDocument

_REPLACE_ID = 1001


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
