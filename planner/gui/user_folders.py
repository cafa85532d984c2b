"""Where file dialogs open: the user's own folders, never the folder the app is installed in.

The bundled example lives among the app's resources; it is a template. A dialog for a project opened from
there (or for an untitled one) starts in the user's documents folder instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

import planner
from planner import resources


def documents_dir() -> Path:
    """The user's documents folder (their home folder when the system names none that exists)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def is_installed(path: Path | None) -> bool:
    """True for a file inside the app's own folders (its resources or its package): a template, not the user's."""
    if path is None:
        return False
    try:
        path = Path(path).resolve()
    except OSError:
        return False
    roots = (resources.resources_dir(), Path(planner.__file__).parent)
    return any(path.is_relative_to(root.resolve()) for root in roots)


def start_folder(doc_path: Path | None) -> Path:
    """The folder a file dialog opens in: the open project's, unless it is untitled or installed with the app."""
    if doc_path is not None and not is_installed(doc_path) and Path(doc_path).parent.is_dir():
        return Path(doc_path).parent
    return documents_dir()


def suggested_file(doc_path: Path | None, default_stem: str, suffix: str) -> Path:
    """A name to offer in a save dialog: the project's own name with ``suffix``, in :func:`start_folder`."""
    stem = Path(doc_path).stem if doc_path is not None else default_stem
    return start_folder(doc_path) / f"{stem}{suffix}"
