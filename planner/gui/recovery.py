"""Autosave to a recovery file while there is unsaved work, and recovery after a crash.

Recovery files live in the user's data folder, one per project path (or one for an untitled project),
as a plain project file plus a small JSON note of which file it belongs to. A clean save, a discard or a
normal close deletes them; finding one at start means the app did not close normally.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox

from planner.store.atomic import atomic_write_text


def recovery_dir() -> Path:
    """Where recovery files are kept."""
    override = os.environ.get("PLANNER_CONFIG_DIR")
    base = Path(override) if override else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return base / "recovery"


@dataclass(frozen=True)
class Recovery:
    """A recovery file left by an earlier run."""

    file: Path  # the autosaved project
    original: Path | None  # the project file it belongs to (None: was untitled)
    saved_at: str  # when it was written, as text


def _key(original: Path | None) -> str:
    text = str(original.resolve()) if original else "untitled"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def write_recovery(project_json: str, original: Path | None, saved_at: str) -> Path:
    """Write the autosave of a project; return its path."""
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = _key(original)
    target = folder / f"{key}.issplan"
    atomic_write_text(target, project_json, keep_backup=False)
    note = {"original": str(original.resolve()) if original else None, "saved_at": saved_at}
    atomic_write_text(folder / f"{key}.json", json.dumps(note), keep_backup=False)
    return target


def discard_recovery(original: Path | None) -> None:
    """Delete the autosave of a project (after a save, a discard or a normal close)."""
    key = _key(original)
    for suffix in (".issplan", ".json"):
        try:
            (recovery_dir() / f"{key}{suffix}").unlink()
        except FileNotFoundError:
            pass


def pending_recoveries() -> list[Recovery]:
    """Autosaves left behind by a run that did not close normally."""
    folder = recovery_dir()
    found = []
    for note_file in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        project_file = note_file.with_suffix(".issplan")
        if not project_file.is_file():
            continue
        try:
            note = json.loads(note_file.read_text(encoding="utf-8"))
            original = Path(note["original"]) if note.get("original") else None
            found.append(Recovery(project_file, original, str(note.get("saved_at", ""))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def recovery_question(parent, found: Recovery) -> QMessageBox:
    """The question asked at start about one recovery file, not yet shown.

    Recover is the default button, so Enter keeps the work; throwing it away takes a click on Discard.
    """
    label = str(found.original) if found.original else "an untitled project"
    box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                      f"The planner did not close normally. Recover the unsaved changes to {label} "
                      f"(autosaved {found.saved_at})?", QMessageBox.StandardButton.NoButton, parent)
    recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(recover)
    box.setEscapeButton(recover)  # closing the question must not lose the work either
    return box


def ask_to_recover(parent, found: Recovery) -> bool:
    """Ask whether to recover ``found``; False only when the user chose Discard."""
    box = recovery_question(parent, found)
    box.exec()
    clicked = box.clickedButton()
    return clicked is None or box.buttonRole(clicked) != QMessageBox.ButtonRole.DestructiveRole
