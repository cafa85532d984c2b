"""The activity editor: title, kind, time span, people, module, orbit needs and notes of one activity."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from planner.gui.commands import Naming, ReplaceItem
from planner.gui.document import ProjectDocument
from planner.gui.widgets import heading_label, set_plain_text
from planner.gui.time_edit import UtcDateTimeEdit
from planner.model import Activity, ActivityKind, ActivityStatus, Need, NeedKind

_KIND_LABELS = {
    ActivityKind.FILM_SHOOT: "Film shoot",
    ActivityKind.LIVE_DOWNLINK: "Live downlink",
    ActivityKind.EVA: "EVA (spacewalk)",
    ActivityKind.EXPERIMENT: "Experiment",
    ActivityKind.OTHER: "Other",
}

#: Where aboard things happen; free text is allowed too.
MODULES = ("Zvezda", "Nauka", "Poisk", "Rassvet", "Prichal", "Zarya", "Unity", "Destiny", "Harmony",
           "Tranquility", "Cupola", "Columbus", "Kibo", "Quest", "outside (EVA)")

#: The live-link need's networks as the editor offers them (``planner.orbit.coverage``).
LINK_CHOICES = (("any", "any network"), ("us", "US (TDRS)"), ("ru", "Russian (Luch, Russian sites)"))


class ActivityEditor(QWidget):
    """Edits one activity; every change is one undo command (typing merges)."""

    def __init__(self, doc: ProjectDocument, zone: Callable[[], str], parent=None):
        super().__init__(parent)
        self.doc, self.zone = doc, zone
        self.activity_id: str | None = None
        self.naming = Naming(doc, "activities")
        self._build()
        doc.itemReplaced.connect(self._replaced)
        doc.itemRemoved.connect(lambda collection, _row: self._maybe_gone(collection))
        doc.itemsChanged.connect(self._others_changed)
        doc.projectReset.connect(lambda: self.set_activity(None))
        self.set_activity(None)

    def _build(self) -> None:
        self.heading = heading_label(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Activity title")
        self.title_edit.textEdited.connect(self._title_edited)
        self.title_edit.editingFinished.connect(lambda: self.naming.finish())
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Activity kind")
        for kind, label in _KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        # (The list gives its entries' data back as text: Qt keeps a str enum so.)
        self.kind_combo.activated.connect(
            lambda _: self._edit("kind", lambda a: setattr(a, "kind", ActivityKind(self.kind_combo.currentData()))))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Activity status")
        for status in ActivityStatus:
            self.status_combo.addItem(status.label, status.value)  # (Qt would keep the enum as its text anyway)
        self.status_combo.setToolTip("Where it stands on the day; a skipped activity is left out of the checks")
        self.status_combo.activated.connect(lambda _: self._edit(
            "status", lambda a: setattr(a, "status", ActivityStatus(self.status_combo.currentData()))))
        self.start_edit = UtcDateTimeEdit(self)
        self.start_edit.undo_stack = self.doc.undo_stack
        self.start_edit.setAccessibleName("Start (UTC)")
        self.start_edit.utcChanged.connect(self._start_changed)
        self.end_edit = UtcDateTimeEdit(self)
        self.end_edit.undo_stack = self.doc.undo_stack
        self.end_edit.setAccessibleName("End (UTC)")
        self.end_edit.utcChanged.connect(lambda when: self._edit("end", lambda a: setattr(a, "end", when)))
        self.duration_label = QLabel(self)
        self.module_combo = QComboBox(self)
        self.module_combo.setEditable(True)
        self.module_combo.setAccessibleName("Module")
        self.module_combo.addItems(MODULES)
        self.module_combo.lineEdit().editingFinished.connect(
            lambda: self._edit("module", lambda a: setattr(a, "module", self.module_combo.currentText().strip())))
        self.module_combo.activated.connect(
            lambda _: self._edit("module", lambda a: setattr(a, "module", self.module_combo.currentText().strip())))
        self.people_list = QListWidget(self)
        self.people_list.setAccessibleName("People in this activity")
        self.people_list.setMinimumHeight((self.fontMetrics().height() + 4) * 6)
        self.people_list.itemChanged.connect(self._person_toggled)

        self.need_daylight = QCheckBox("Station in &daylight", self)
        self.need_shadow = QCheckBox("Station in &shadow", self)
        self.need_quiet = QCheckBox("No docking or undocking &during it", self)
        self.need_site = QCheckBox("Ground site in &view:", self)
        self.site_combo = QComboBox(self)
        self.site_combo.setAccessibleName("Ground site that must see the station")
        for box in (self.need_daylight, self.need_shadow, self.need_quiet, self.need_site):
            box.toggled.connect(self._needs_changed)
        self.site_combo.activated.connect(lambda _: self._needs_changed())
        self.need_link = QCheckBox("Live &link to the ground:", self)
        self.link_combo = QComboBox(self)
        self.link_combo.setAccessibleName("Network the live link goes through")
        for network, label in LINK_CHOICES:
            self.link_combo.addItem(label, network)
        self.need_link.toggled.connect(self._needs_changed)
        self.link_combo.activated.connect(lambda _: self._needs_changed())
        for combo in (self.site_combo, self.link_combo):  # beside their check boxes: they give way in a narrow dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        needs = QVBoxLayout()
        needs.addWidget(self.need_daylight)
        needs.addWidget(self.need_shadow)
        needs.addWidget(self.need_quiet)
        site_row = QHBoxLayout()
        site_row.addWidget(self.need_site)
        site_row.addWidget(self.site_combo, 1)
        needs.addLayout(site_row)
        link_row = QHBoxLayout()
        link_row.addWidget(self.need_link)
        link_row.addWidget(self.link_combo, 1)
        needs.addLayout(link_row)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Activity note")
        self.note_edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.note_edit.textChanged.connect(
            lambda: self._edit("note", lambda a: setattr(a, "note", self.note_edit.toPlainText()), True))

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("St&atus:", self.status_combo)
        form.addRow("&Start:", self.start_edit)
        form.addRow("&End:", self.end_edit)
        form.addRow("", self.duration_label)
        form.addRow("&Module:", self.module_combo)
        form.addRow("&People:", self.people_list)
        form.addRow(QLabel("Needs:", self))
        form.addRow(needs)  # (across the form: the needs' sentences want the width a narrow dock has)
        form.addRow("N&ote:", self.note_edit)
        self.body = QWidget(self)
        self.body.setLayout(form)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        self.placeholder = QLabel("Select an activity to edit it, or choose Edit ▸ New Activity.", self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.placeholder, 1)  # top-aligned: fills the space only while no activity is shown
        layout.addWidget(self.scroll, 1)  # the form gets the whole dock

    # ------------------------------------------------------------------ showing

    def activity(self) -> Activity | None:
        """The activity being edited (the model's object: never change it in place)."""
        if self.activity_id is None:
            return None
        return next((a for a in self.doc.project.activities if a.id == self.activity_id), None)

    def set_activity(self, activity_id: str | None) -> None:
        """Edit another activity (None: nothing)."""
        if activity_id != self.activity_id:
            self.naming.finish()
        self.activity_id = activity_id
        self.refresh()

    def edit_name(self) -> None:
        """Put the keyboard in the title field with the title selected, ready to be typed over."""
        self.scroll.ensureWidgetVisible(self.title_edit)
        self.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.title_edit.selectAll()

    def refresh(self) -> None:
        """Redraw every field from the model."""
        activity = self.activity()
        self.scroll.setVisible(activity is not None)
        self.placeholder.setVisible(activity is None)
        if activity is None:
            self.heading.setText("No activity selected")
            return
        self.heading.setText(activity.title)
        if self.title_edit.text() != activity.title:
            self.title_edit.setText(activity.title)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(activity.kind))
        self.status_combo.setCurrentIndex(self.status_combo.findData(activity.status.value))
        self.start_edit.set_utc(activity.start)
        self.end_edit.set_utc(activity.end)
        minutes = activity.duration_s / 60
        self.duration_label.setText(f"{int(minutes // 60)} h {int(minutes % 60):02d} min"
                                    if minutes >= 0 else "ends before it starts")
        if self.module_combo.currentText() != activity.module:
            self.module_combo.setEditText(activity.module)
        set_plain_text(self.note_edit, activity.note)
        self._fill_people(activity)
        self._fill_needs(activity)

    def _fill_people(self, activity: Activity) -> None:
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in sorted(self.doc.project.people, key=lambda p: p.name):
            item = QListWidgetItem(person.name + (f" ({person.role})" if person.role else ""))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in activity.people else Qt.CheckState.Unchecked)
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)

    def _fill_needs(self, activity: Activity) -> None:
        kinds = {n.kind for n in activity.needs}
        site = next((n.site for n in activity.needs if n.kind is NeedKind.SITE_IN_VIEW), None)
        link = next((n for n in activity.needs if n.kind is NeedKind.LIVE_LINK), None)
        boxes = (self.need_daylight, self.need_shadow, self.need_quiet, self.need_site, self.site_combo,
                 self.need_link, self.link_combo)
        for box in boxes:
            box.blockSignals(True)
        self.need_daylight.setChecked(NeedKind.DAYLIGHT in kinds)
        self.need_shadow.setChecked(NeedKind.SHADOW in kinds)
        self.need_quiet.setChecked(NeedKind.NO_DYNAMIC_EVENT in kinds)
        self.need_site.setChecked(NeedKind.SITE_IN_VIEW in kinds)
        self.site_combo.clear()
        for ground_site in self.doc.project.sites:
            self.site_combo.addItem(ground_site.name, ground_site.id)
        self.site_combo.setCurrentIndex(self.site_combo.findData(site) if site else 0)
        self.site_combo.setEnabled(bool(self.doc.project.sites))
        self.need_site.setEnabled(bool(self.doc.project.sites))
        self.need_link.setChecked(link is not None)
        self.link_combo.setCurrentIndex(self.link_combo.findData((link and link.network) or "any"))
        for box in boxes:
            box.blockSignals(False)

    # ------------------------------------------------------------------ following the document

    def _replaced(self, collection: str, row: int) -> None:
        if collection == "activities" and self.activity_id is not None:
            if self.activity() is None:
                self.activity_id = self.doc.project.activities[row].id
            self.refresh()

    def _maybe_gone(self, collection: str) -> None:
        if collection == "activities" and self.activity_id is not None and self.activity() is None:
            self.set_activity(None)

    def _others_changed(self, collection: str, _ids) -> None:
        if collection in ("people", "sites") and self.activity() is not None:
            self.refresh()

    # ------------------------------------------------------------------ editing

    def _edit(self, field: str, change, merge: bool = False) -> None:
        activity = self.activity()
        if activity is None:
            return
        new = copy.deepcopy(activity)
        change(new)
        if new != activity:
            key = f"{activity.id}:{field}" if merge else None
            self.doc.undo_stack.push(ReplaceItem(self.doc, "activities", activity.id, new,
                                                 f"Change {field} of {activity.title}", key))

    def _title_edited(self, text: str) -> None:
        activity = self.activity()
        if activity is None or activity.title == text:
            return
        new = copy.deepcopy(activity)
        new.title = text
        self.naming.push(activity, new, f"Change title of {activity.title}", f"{activity.id}:title")

    def _start_changed(self, when) -> None:
        # Moving the start keeps the duration: that is what a planner dragging a shoot around expects.
        def change(activity: Activity) -> None:
            length = activity.end - activity.start
            activity.start = when
            activity.end = when + max(length, timedelta(0))

        self._edit("start", change)

    def _person_toggled(self, item: QListWidgetItem) -> None:
        person = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked

        def change(activity: Activity) -> None:
            people = [p for p in activity.people if p != person]
            if checked:
                people.append(person)
            activity.people = tuple(people)

        self._edit("people", change)

    def _needs_changed(self) -> None:
        activity = self.activity()
        if activity is None:
            return
        kept = {n.kind: n for n in activity.needs}
        needs = []
        for box, kind in ((self.need_daylight, NeedKind.DAYLIGHT), (self.need_shadow, NeedKind.SHADOW),
                          (self.need_quiet, NeedKind.NO_DYNAMIC_EVENT)):
            if box.isChecked():
                needs.append(kept.get(kind, Need(kind)))
        if self.need_site.isChecked() and self.site_combo.currentData():
            old = kept.get(NeedKind.SITE_IN_VIEW)
            elevation = old.min_elevation_deg if old else None
            needs.append(Need(NeedKind.SITE_IN_VIEW, self.site_combo.currentData(), elevation))
        if self.need_link.isChecked():
            old, network = kept.get(NeedKind.LIVE_LINK), self.link_combo.currentData()
            needs.append(old if old is not None and (old.network or "any") == network
                         else Need(NeedKind.LIVE_LINK, network=network))
        self._edit("needs", lambda a: setattr(a, "needs", tuple(needs)))
