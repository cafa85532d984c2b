"""Project files: one JSON document per project (``.issplan``), checked on load and written atomically.

The layout is documented in ``resources/schema/project.schema.json`` and ``planner/store/layout.py``.
"""

from planner.store.errors import ProjectFileError
from planner.store.files import (load_project, project_from_json, project_to_json, read_project,
                                 read_project_text, save_project)
from planner.store.layout import FORMAT, MAX_FILE_BYTES, SCHEMA_VERSION
from planner.store.lock import ProjectLocked

__all__ = [
    "FORMAT", "MAX_FILE_BYTES", "SCHEMA_VERSION", "ProjectFileError", "ProjectLocked",
    "load_project", "project_from_json", "project_to_json", "read_project", "read_project_text",
    "save_project",
]
