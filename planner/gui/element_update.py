"""Element Sets > Update From Source…: download the station's current element set and add it as one undo step.

The download (:func:`planner.orbit.fetch.fetch_element_set`) runs in a worker thread, so the window stays usable;
a bar shows its progress and Cancel stops it. The worker holds no Qt object nor the dialog: it leaves its
progress and outcome in a dict that a timer on the GUI thread reads. Cancel lets go of the download at once
(nothing of it is used); a worker still waiting on a silent server ends by itself within the timeout.

Nothing is ever downloaded unless the user asks here. A failure is said in one sentence and changes nothing.
The source address and the timeout are the user's settings (``elements/source``, ``elements/timeout_seconds``),
remembered when a download starts.
"""

from __future__ import annotations

import threading
import urllib.parse

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QSizePolicy, QSpinBox,
    QVBoxLayout,
)

from planner.gui.widgets import kept_dialog, show_kept

TITLE = "Update Element Sets From Source"
UPDATE = "Update"
CANCEL = "Cancel"
CLOSE = "Close"
#: how often the GUI thread looks at the download
POLL_MS = 30
#: the longest timeout the dialog offers, seconds
MAX_TIMEOUT_S = 600


def timeout_editor(parent, seconds: int) -> QSpinBox:
    """The field of the download timeout (the user's setting ``elements/timeout_seconds``), as this dialog and
    Edit > Settings… show it."""
    spin = QSpinBox(parent)
    spin.setAccessibleName("Timeout")
    spin.setRange(1, MAX_TIMEOUT_S)
    spin.setSuffix(" s")
    spin.setValue(min(MAX_TIMEOUT_S, max(1, seconds)))
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number, not a line
    spin.setToolTip("How long a download of element sets may take before it is given up")
    return spin


def default_source() -> str:
    """CelesTrak's OMM JSON of the ISS (:data:`planner.orbit.fetch.DEFAULT_SOURCE`)."""
    from planner.orbit.fetch import DEFAULT_SOURCE

    return DEFAULT_SOURCE


class UpdateDialog(QDialog):
    """The source address and timeout, Update, progress and Cancel; a set downloaded is added in one undo step."""

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window_, self.doc = window, window.doc
        self.setWindowTitle(TITLE)
        self.added = None  # the element set added, once one is
        self._stop: threading.Event | None = None
        self._box: dict = {}
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._build()
        self.finished.connect(lambda _r: self.cancel())
        self._update_buttons()

    def _build(self) -> None:
        settings = self.window_.settings
        intro = QLabel("Download the station's current element set and add it to the plan (one step to undo). "
                       "The address may serve OMM JSON, CSV or XML, or TLE text.", self)
        intro.setWordWrap(True)
        self.source_edit = QLineEdit(settings.get("elements/source") or default_source(), self)
        self.source_edit.setAccessibleName("Source address")
        self.source_edit.setMinimumWidth(520)
        self.source_edit.setCursorPosition(0)  # the address's start (its server) in view
        self.source_edit.setClearButtonEnabled(True)
        self.source_edit.returnPressed.connect(lambda: self.start())
        self.default_button = QPushButton("Default", self)
        self.default_button.setToolTip("CelesTrak's current element set of the ISS (25544), as OMM JSON")
        self.default_button.setAutoDefault(False)
        self.default_button.clicked.connect(lambda: self.source_edit.setText(default_source()))
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.default_button)
        self.timeout_spin = timeout_editor(self, settings.get("elements/timeout_seconds"))
        source_label = QLabel("&Source:", self)
        source_label.setBuddy(self.source_edit)  # the row is a layout: the form cannot find the buddy itself
        form = QFormLayout()
        form.addRow(source_label, source_row)
        form.addRow("&Timeout:", self.timeout_spin)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Download progress")
        self.progress.setTextVisible(False)
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # hidden, it keeps its room: the buttons stay button-sized
        self.progress.setSizePolicy(policy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.update_button = QPushButton(UPDATE, self)
        self.update_button.setDefault(True)
        self.update_button.clicked.connect(lambda: self.start())
        self.cancel_button = QPushButton(CANCEL, self)
        self.cancel_button.setToolTip("Stop the download (Esc); nothing is changed")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(lambda: self.cancel())
        self.close_button = QPushButton(CLOSE, self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addLayout(buttons)

    # ------------------------------------------------------------------ the download

    def downloading(self) -> bool:
        """Whether a download is running (started and neither ended nor cancelled)."""
        return self._stop is not None

    def start(self) -> bool:
        """Download from the address typed, in a worker thread (False when one is running already)."""
        if self.downloading():
            return False
        url = self.source_edit.text().strip()
        timeout = float(self.timeout_spin.value())
        self.window_.settings.set("elements/source", "" if url == default_source() else url)
        self.window_.settings.set("elements/timeout_seconds", int(timeout))
        self._stop, self._box = threading.Event(), {}
        threading.Thread(target=download, args=(url, timeout, self._stop, self._box), daemon=True,
                         name="element-set-download").start()
        self.progress.setRange(0, 0)  # busy until the size is known
        self._say(f"Downloading from {_host(url)}… (Esc or Cancel to stop)")
        self._poll.start()
        self._update_buttons()
        return True

    def cancel(self) -> None:
        """Stop the download: nothing it brings is used, and the plan is as it was."""
        if not self.downloading():
            return
        self._stop.set()
        self._stop = None
        self._poll.stop()
        self._say("Cancelled: nothing changed.")
        self._update_buttons()

    def _collect(self) -> None:
        """The timer, on the GUI thread: show the progress; once the worker is done, add what it brought."""
        box = self._box
        received, total = box.get("progress", (0, None))
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(received, total))
        if "outcome" not in box:
            return
        self._stop = None
        self._poll.stop()
        element_set, error = box["outcome"]
        if error is not None:
            self._say(f"Nothing changed: {error}.", problem=True)
        else:
            self._add(element_set)
        self._update_buttons()

    def _add(self, element_set) -> None:
        from planner.gui.commands import InsertItem
        from planner.orbit.fetch import describe, kept_already

        kept = kept_already(self.doc.project.element_sets, element_set)
        if kept is not None:
            self._say(f"The plan already holds the element set {describe(element_set)} (as '{kept.id}'): nothing "
                      "added.")
            return
        host = _host(element_set.source)
        self.doc.undo_stack.push(InsertItem(self.doc, "element_sets", element_set,
                                            text=f"Update element sets from {host}"))
        self.added = element_set
        said = f"Added the element set {describe(element_set)} from {host}"
        self.window_.statusBar().showMessage(said, 8000)
        self._say(said + ".")
        self.accept()

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if problem else "")

    def _update_buttons(self) -> None:
        busy = self.downloading()
        self.update_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        self.source_edit.setReadOnly(busy)
        self.timeout_spin.setEnabled(not busy)
        self.default_button.setEnabled(not busy)
        if not busy:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.downloading():
            self.cancel()  # Esc stops the download; a second Esc closes
            event.accept()
            return
        super().keyPressEvent(event)


def download(url: str, timeout: float, stop: threading.Event, box: dict) -> None:
    """The worker thread's work: ``box["progress"] = (bytes, total)`` as the answer comes in, then
    ``box["outcome"] = (element_set, None)`` or ``(None, one sentence)``. It holds no Qt object."""
    from planner.orbit.fetch import FetchError, fetch_element_set

    def progress(received: int, total: int | None) -> None:
        box["progress"] = (received, total)

    try:
        box["outcome"] = (fetch_element_set(url, timeout, progress=progress, cancelled=stop.is_set), None)
    except FetchError as exc:
        box["outcome"] = (None, str(exc))
    except Exception as exc:  # noqa: BLE001 (said in the dialog rather than lost in a thread)
        box["outcome"] = (None, f"the download failed: {type(exc).__name__}: {exc}")


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def open_update(window) -> UpdateDialog:
    """Open the dialog over ``window`` (a MainWindow), non-modal, kept as ``window.element_update_dialog``."""
    old = kept_dialog(window, "element_update_dialog")
    if old is not None:  # perhaps downloading: brought to the front as it is
        old.raise_()
        old.activateWindow()
        return old
    return show_kept(window, "element_update_dialog", UpdateDialog(window))
