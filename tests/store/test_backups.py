"""The previous version survives every step of a save, a file that vanishes mid-save, file systems without
hard links, a full disk, leftovers of killed saves, and a second program saving at the same time."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.store import ProjectLocked, load_project, project_to_json, save_project
from planner.store import atomic
from planner.store.atomic import backup_path
from planner.store.lock import project_lock

from store_examples import film_project  # noqa: E402


def _version(title: str):
    project = film_project()
    project.meta.title = title
    return project


@pytest.fixture
def saved_twice(tmp_path):
    """A project saved as "First" then "Second": the file says Second, its backup First."""
    path = tmp_path / "plan.issplan"
    save_project(_version("First"), path)
    save_project(_version("Second"), path)
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- at every step of a save, a complete backup -------------------------------------------------------------

@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
def test_the_backup_is_complete_after_every_file_operation_of_a_save(saved_twice, monkeypatch, links):
    backup = backup_path(saved_twice)
    first, second = project_to_json(_version("First")), project_to_json(_version("Second"))
    seen, missing = [], []

    def check():
        # Between any two operations a reader finds a backup, and it is a whole earlier version.
        # (Noted, not raised: the code under test might catch the error and hide the moment.)
        try:
            text = backup.read_text(encoding="utf-8")
        except OSError as exc:
            missing.append(exc)
            return
        assert text in (first, second)
        seen.append(text == second)

    def watched(real):
        def call(*args, **kwargs):
            check()
            result = real(*args, **kwargs)
            check()
            return result
        return call

    if not links:
        monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    for name in ("replace", "unlink", "rename", "fsync"):
        monkeypatch.setattr(os, name, watched(getattr(os, name)))
    if links:
        monkeypatch.setattr(os, "link", watched(os.link))
    save_project(_version("Third"), saved_twice)
    monkeypatch.undo()
    assert missing == []
    assert seen and not seen[0] and seen[-1]  # First at the start, Second once swapped in
    assert backup.read_text(encoding="utf-8") == second
    assert load_project(saved_twice).meta.title == "Third"
    assert _listing(saved_twice.parent) == ["plan.issplan", "plan.issplan~"]


def test_without_hard_links_the_backup_is_a_copy_with_the_files_mode(saved_twice, monkeypatch):
    saved_twice.chmod(0o640)
    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    save_project(_version("Third"), saved_twice)
    assert load_project(backup_path(saved_twice)).meta.title == "Second"
    assert backup_path(saved_twice).stat().st_ino != saved_twice.stat().st_ino
    assert backup_path(saved_twice).stat().st_mode & 0o777 == 0o640


def test_a_full_disk_while_copying_the_backup_leaves_everything_as_it_was(saved_twice, monkeypatch):
    before = {p.name: p.read_bytes() for p in saved_twice.parent.iterdir()}
    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    real_write_temp = atomic.write_temp

    def full_disk(target, data, mode, backup=False):
        if backup:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_temp(target, data, mode, backup)

    monkeypatch.setattr(atomic, "write_temp", full_disk)
    with pytest.raises(OSError) as info:
        save_project(_version("Third"), saved_twice)
    assert info.value.errno == errno.ENOSPC
    assert {p.name: p.read_bytes() for p in saved_twice.parent.iterdir()} == before


# --- another program deletes or renames the file while it is saved ---------------------------------------

@pytest.mark.parametrize("links", [True, False], ids=["hard links", "no hard links"])
@pytest.mark.parametrize("what", ["deleted", "renamed"])
def test_a_file_that_vanishes_mid_save_is_written_anew_and_nothing_else_is_touched(saved_twice, monkeypatch,
                                                                                  what, links):
    backup_before = backup_path(saved_twice).read_bytes()
    file_before = saved_twice.read_bytes()
    moved = saved_twice.with_name("moved.issplan")
    real_write_temp = atomic.write_temp

    def meanwhile(target, data, mode, backup=False):
        name = real_write_temp(target, data, mode, backup)
        if not backup and saved_twice.exists():  # the other program acts while the new bytes are written
            saved_twice.unlink() if what == "deleted" else saved_twice.rename(moved)
        return name

    monkeypatch.setattr(atomic, "write_temp", meanwhile)
    if not links:
        monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EPERM, "no links")))
    save_project(_version("Third"), saved_twice)
    monkeypatch.undo()
    assert load_project(saved_twice).meta.title == "Third"
    assert backup_path(saved_twice).read_bytes() == backup_before  # the older backup is kept as it was
    if what == "renamed":
        assert moved.read_bytes() == file_before
    expected = ["moved.issplan"] if what == "renamed" else []
    assert _listing(saved_twice.parent) == sorted(expected + ["plan.issplan", "plan.issplan~"])


# --- leftovers of killed saves ----------------------------------------------------------------------------

STALE = [".plan.issplan.abcd_123.tmp", ".plan.issplan~.zz9yy8xx.tmp"]
NOT_OURS = [".other.issplan.abcd1234.tmp", ".plan.issplan.abcd1234.tmp.keep", "plan.issplan.abcd1234.tmp",
            ".plan.issplan.abc.tmp", ".plan.issplan.ABCD1234.tmp", ".plan.issplan.lock.abcd1234.tmp",
            ".plan.issplan.x.abcd1234.tmp"]


def _litter(folder: Path) -> None:
    for name in STALE + NOT_OURS:
        (folder / name).write_bytes(b'{"half": ')
    (folder / ".plan.issplan.dir12345.tmp").mkdir()  # a folder is never ours to remove


@pytest.mark.parametrize("how", ["save", "open"])
def test_the_next_save_or_open_removes_the_temporary_files_of_killed_saves(saved_twice, how):
    _litter(saved_twice.parent)
    if how == "save":
        save_project(_version("Third"), saved_twice)
    else:
        assert load_project(saved_twice).meta.title == "Second"
    assert _listing(saved_twice.parent) == sorted(NOT_OURS + [".plan.issplan.dir12345.tmp", "plan.issplan",
                                                              "plan.issplan~"])


def test_opening_while_another_program_saves_leaves_its_temporary_files(saved_twice):
    _litter(saved_twice.parent)
    with _held_elsewhere(saved_twice):
        load_project(saved_twice)
    assert set(STALE) <= set(_listing(saved_twice.parent))


# --- two programs saving one project --------------------------------------------------------------------

_HOLD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from planner.store.lock import project_lock\n"
    "with project_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


class _held_elsewhere:
    """Another process holds the project's save lock for the ``with`` block (``.pid``)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.child = subprocess.Popen([sys.executable, "-c", _HOLD, str(self.path)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
        assert self.child.stdout.readline() == "held\n"
        self.pid = self.child.pid
        return self

    def __exit__(self, *exc):
        self.child.stdin.close()
        self.child.wait(timeout=60)
        self.child.stdout.close()


def test_a_save_while_another_program_saves_is_refused_naming_it(saved_twice):
    before = {p.name: p.read_bytes() for p in saved_twice.parent.iterdir()}
    with _held_elsewhere(saved_twice) as other:
        with pytest.raises(ProjectLocked) as info:
            save_project(_version("Third"), saved_twice)
        assert {p.name: p.read_bytes() for p in saved_twice.parent.iterdir() if p.name != ".plan.issplan.lock"} == before
    error = info.value
    assert isinstance(error, OSError) and error.errno == errno.EBUSY and error.filename == str(saved_twice)
    assert f"process {other.pid} on " in error.holder
    message = str(error)
    assert message.startswith(f"{saved_twice} is being saved by another program (process {other.pid} on ")
    assert message.endswith("try again when that save has finished") and "\n" not in message
    # Once the other program is done, saving works and leaves no lock file behind.
    save_project(_version("Third"), saved_twice)
    assert load_project(saved_twice).meta.title == "Third"
    assert _listing(saved_twice.parent) == ["plan.issplan", "plan.issplan~"]


def test_a_killed_holder_lets_go_of_the_lock(saved_twice):
    holder = _held_elsewhere(saved_twice).__enter__()
    holder.child.kill()
    holder.child.wait(timeout=60)
    holder.child.stdout.close()
    holder.child.stdin.close()
    assert (saved_twice.parent / ".plan.issplan.lock").exists()  # left by the killed process
    save_project(_version("Third"), saved_twice)
    assert load_project(saved_twice).meta.title == "Third"
    assert _listing(saved_twice.parent) == ["plan.issplan", "plan.issplan~"]


def test_a_second_save_within_one_program_is_refused_too(saved_twice):
    with project_lock(saved_twice):
        with pytest.raises(ProjectLocked, match=f"process {os.getpid()} on "):
            save_project(_version("Third"), saved_twice)
    assert load_project(saved_twice).meta.title == "Second"


def test_a_link_and_its_target_share_one_lock(saved_twice):
    link = saved_twice.with_name("link.issplan")
    link.symlink_to(saved_twice.name)
    with project_lock(saved_twice):
        with pytest.raises(ProjectLocked):
            save_project(_version("Third"), link)


def test_where_no_lock_can_be_taken_saves_go_on_but_leave_temporary_files_alone(saved_twice, monkeypatch):
    # A file system without locks: a save still works, but another save might own what looks stale.
    from planner.store import lock

    def no_locks(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock, "_lock", no_locks)
    _litter(saved_twice.parent)
    save_project(_version("Third"), saved_twice)
    load_project(saved_twice)
    assert load_project(saved_twice).meta.title == "Third"
    assert set(STALE) <= set(_listing(saved_twice.parent))
    assert ".plan.issplan.lock" not in _listing(saved_twice.parent)
