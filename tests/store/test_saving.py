"""Saving is atomic and keeps the previous version as NAME~."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.store import load_project, project_to_json, save_project
from planner.store.atomic import backup_path
from planner.store.encode import project_to_dict

from store_examples import film_project  # noqa: E402


def _versions():
    first = film_project()
    second = film_project()
    second.meta.title = "Second draft"
    third = film_project()
    third.meta.title = "Third draft"
    return first, second, third


def test_previous_version_is_kept_as_backup(tmp_path):
    first, second, _ = _versions()
    path = tmp_path / "plan.issplan"
    save_project(first, path)
    assert not backup_path(path).exists()
    save_project(second, path)
    assert backup_path(path).name == "plan.issplan~"
    assert backup_path(path).read_text(encoding="utf-8") == project_to_json(first)
    assert load_project(path).meta.title == "Second draft"
    assert load_project(backup_path(path)).meta.title == "The Challenge"


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failing", ["fsync", "backup rename", "final rename"])
def test_crash_mid_write_leaves_old_file_and_backup_intact(tmp_path, monkeypatch, failing):
    first, second, third = _versions()
    path = tmp_path / "plan.issplan"
    save_project(first, path)
    save_project(second, path)
    old_bytes, backup_bytes = path.read_bytes(), backup_path(path).read_bytes()
    real_replace = os.replace

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    def replace(source, destination):
        if Path(destination).name == ("plan.issplan~" if failing == "backup rename" else "plan.issplan"):
            crash()
        real_replace(source, destination)

    # fsync fails after the new bytes were (partly) written to the temporary file; the renames at the end.
    monkeypatch.setattr(os, "fsync", crash) if failing == "fsync" else monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        save_project(third, path)
    monkeypatch.undo()
    assert path.read_bytes() == old_bytes
    assert load_project(path).meta.title == "Second draft"
    # Until the last rename the backup is untouched; at the last one it already holds the file that is
    # still in place (the version before it is gone). Either way it is a complete earlier version.
    assert backup_path(path).read_bytes() == (old_bytes if failing == "final rename" else backup_bytes)
    assert _leftovers(tmp_path) == []


def test_write_failure_on_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    path = tmp_path / "new.issplan"
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        save_project(film_project(), path)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_save_keeps_file_permissions(tmp_path):
    path = tmp_path / "plan.issplan"
    save_project(film_project(), path)
    path.chmod(0o640)
    save_project(film_project(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_failure_while_producing_the_text_leaves_the_old_file(tmp_path):
    path = tmp_path / "plan.issplan"
    save_project(film_project(), path)
    before = path.read_bytes()
    broken = film_project()
    broken.activities[1].start = broken.activities[1].start.replace(tzinfo=None)  # naive: cannot be written
    with pytest.raises(ValueError, match="naive"):
        save_project(broken, path)
    assert path.read_bytes() == before
    assert not backup_path(path).exists() and _leftovers(tmp_path) == []


def test_saved_bytes_are_the_text_of_project_to_json(tmp_path):
    project = film_project()
    project.activities = project.activities * 700
    for index, activity in enumerate(project.activities):
        project.activities[index] = type(activity)(**{f: getattr(activity, f) for f in activity.__slots__})
        project.activities[index].id = f"a{index}"
    path = tmp_path / "plan.issplan"
    save_project(project, path)
    assert path.read_bytes() == project_to_json(project).encode("utf-8")
    reference = json.dumps(project_to_dict(project), indent=2, ensure_ascii=False) + "\n"
    assert path.read_bytes() == reference.encode("utf-8")
    assert load_project(path) == project
