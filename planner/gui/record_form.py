"""A small form editor for the simple records: people, ground sites and element sets."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from planner.gui.commands import Naming, ReplaceItem
from planner.gui.document import ProjectDocument
from planner.gui.widgets import heading_label, set_plain_text
from planner.model import edits


@dataclass(frozen=True)
class Field:
    """One field of a form: the record's attribute, how it is edited, and its limits."""

    label: str
    attr: str
    kind: str = "text"  # text, number, multiline, readonly
    minimum: float = -1e9
    maximum: float = 1e9
    decimals: int = 4
    suffix: str = ""


FORMS: dict[str, tuple[str, list[Field]]] = {
    "people": ("person", [
        Field("&Name:", "name"), Field("&Role:", "role"), Field("&Agency:", "agency"),
        Field("N&ote:", "note", "multiline"),
    ]),
    "sites": ("ground site", [
        Field("&Name:", "name"),
        Field("&Latitude:", "lat_deg", "number", -90, 90, 4, "°"),
        Field("L&ongitude:", "lon_deg", "number", -180, 180, 4, "°"),
        Field("&Altitude:", "alt_m", "number", -1000, 100000, 0, " m"),
        Field("&Minimum elevation:", "min_elevation_deg", "number", -90, 90, 1, "°"),
        Field("N&ote:", "note", "multiline"),
    ]),
    "element_sets": ("element set", [
        Field("&Name:", "name"), Field("&Source:", "source"),
        Field("Epoch:", "epoch", "readonly"), Field("NORAD number:", "norad_id", "readonly"),
        Field("Elements (as imported):", "text", "readonly"),
    ]),
}


class RecordForm(QWidget):
    """Edits one record of ``collection``; every change is one undo command (typing merges)."""

    def __init__(self, doc: ProjectDocument, collection: str, parent=None):
        super().__init__(parent)
        self.doc, self.collection = doc, collection
        self.noun, self.fields = FORMS[collection]
        self.item_id: str | None = None
        self.naming = Naming(doc, collection)
        self.editors: dict[str, QWidget] = {}
        self.heading = heading_label(self)
        form = QFormLayout()
        for field in self.fields:
            form.addRow(field.label, self._editor(field))
        self.body = QWidget(self)
        self.body.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)
        doc.itemReplaced.connect(self._replaced)
        doc.itemRemoved.connect(lambda collection, _row: collection == self.collection and self.refresh())
        doc.projectReset.connect(lambda: self.set_item(None))
        self.set_item(None)

    def _editor(self, field: Field) -> QWidget:
        if field.kind == "number":
            editor = QDoubleSpinBox(self)
            editor.setRange(field.minimum, field.maximum)
            editor.setDecimals(field.decimals)
            editor.setSuffix(field.suffix)
            editor.setKeyboardTracking(False)
            editor.valueChanged.connect(lambda value, f=field: self._edit(f, float(value), merge=False))
        elif field.kind == "multiline":
            editor = QPlainTextEdit(self)
            editor.setFixedHeight(self.fontMetrics().height() * 3 + 14)
            editor.textChanged.connect(lambda f=field, e=editor: self._edit(f, e.toPlainText(), merge=True))
        elif field.kind == "readonly":
            editor = QLabel(self)
            editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            editor.setWordWrap(True)
            if field.attr == "text":
                font = editor.font()
                font.setFamily("monospace")
                editor.setFont(font)
        else:
            editor = QLineEdit(self)
            editor.textEdited.connect(lambda text, f=field: self._edit(f, text, merge=True))
            if field.attr == "name":
                editor.editingFinished.connect(lambda: self.naming.finish())
        editor.setAccessibleName(field.label.replace("&", "").rstrip(":"))
        self.editors[field.attr] = editor
        return editor

    def item(self):
        """The record being edited, or None."""
        if self.item_id is None:
            return None
        try:
            return edits.get_item(self.doc.project, self.collection, self.item_id)
        except KeyError:
            return None

    def set_item(self, item_id: str | None) -> None:
        """Edit another record (None: nothing)."""
        if item_id != self.item_id:
            self.naming.finish()
        self.item_id = item_id
        self.refresh()

    def edit_name(self) -> None:
        """Put the keyboard in the name field with the name selected, ready to be typed over."""
        editor = self.editors["name"]
        editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        editor.selectAll()

    def _replaced(self, collection: str, row: int) -> None:
        if collection != self.collection:
            return
        if self.item_id is not None and self.item() is None:  # its id followed its new name: follow the row
            self.item_id = edits.items(self.doc.project, collection)[row].id
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the model."""
        item = self.item()
        self.body.setVisible(item is not None)
        if item is None:
            self.heading.setText(f"No {self.noun} selected")
            return
        self.heading.setText(getattr(item, "name", "") or item.id)
        for field in self.fields:
            editor, value = self.editors[field.attr], getattr(item, field.attr)
            editor.blockSignals(True)
            if field.kind == "number":
                editor.setValue(float(value))
            elif field.kind == "multiline":
                set_plain_text(editor, value or "")
            elif field.kind == "readonly":
                editor.setText(value.strftime("%Y-%m-%d %H:%M:%S UTC") if hasattr(value, "strftime") else str(value or ""))
            elif editor.text() != (value or ""):
                editor.setText(value or "")
            editor.blockSignals(False)

    def _edit(self, field: Field, value, merge: bool) -> None:
        item = self.item()
        if item is None or getattr(item, field.attr) == value:
            return
        new = copy.deepcopy(item)
        setattr(new, field.attr, value)
        label = field.label.replace("&", "").rstrip(":").lower()
        text = f"Change {label} of {getattr(item, 'name', item.id)}"
        key = f"{self.collection}:{item.id}:{field.attr}" if merge else None
        if field.attr == "name":
            self.naming.push(item, new, text, key)
        else:
            self.doc.undo_stack.push(ReplaceItem(self.doc, self.collection, item.id, new, text, key))
