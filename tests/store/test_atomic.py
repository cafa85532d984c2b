"""Atomic writes reach what the path names: the file behind a link, a device or pipe in place; never a protected file.

Devices are private copies made with mknod in the test's folder, so a regression can only ever replace
those, never the machine's real /dev/null or /dev/full.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from planner.store import load_project, project_to_json, save_project
from planner.store.atomic import atomic_write_bytes, atomic_write_text, backup_path

from store_examples import film_project  # noqa: E402


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A private character device node (1,3 is null, 1,7 is full); skips where nodes cannot be made."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        with open(path, "rb"):
            pass
    except (OSError, AttributeError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return path


# --- symbolic links --------------------------------------------------------------------------------------

def test_saving_through_a_link_updates_the_file_it_points_to(tmp_path):
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "plan.issplan"
    first, second = film_project(), film_project()
    second.meta.title = "Second draft"
    save_project(first, real)
    link = tmp_path / "plan.issplan"
    link.symlink_to(Path("real") / "plan.issplan")  # relative, as users usually make them

    save_project(second, link)
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "plan.issplan")
    assert load_project(real).meta.title == "Second draft"
    # The backup sits beside the real file; nothing is left beside the link.
    assert backup_path(real).read_text(encoding="utf-8") == project_to_json(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.issplan", "real"]
    assert _leftovers(real_folder) == []


def test_a_link_to_nothing_yet_creates_the_file_where_it_points(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "target.csv")
    atomic_write_text(link, "a,b\n", keep_backup=False)
    assert link.is_symlink()
    assert (tmp_path / "target.csv").read_text(encoding="utf-8") == "a,b\n"


def test_a_link_loop_is_an_os_error(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OSError) as info:
        atomic_write_text(loop, "x")
    assert info.value.errno == errno.ELOOP


# --- things that are not regular files ---------------------------------------------------------------------

def test_a_device_is_written_into_not_replaced(tmp_path):
    null = _device(tmp_path, "null", 1, 3)
    atomic_write_text(null, "thrown away\n")
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no backup, no temporary file


def test_a_full_device_raises_no_space_and_stays_a_device(tmp_path):
    full = _device(tmp_path, "full", 1, 7)
    with pytest.raises(OSError) as info:
        save_project(film_project(), full)
    assert info.value.errno == errno.ENOSPC
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_the_command_line_reports_a_full_device(tmp_path, capsys):
    from planner.cli import main

    full = _device(tmp_path, "full", 1, 7)
    project = tmp_path / "plan.issplan"
    save_project(film_project(), project)
    assert main(["export-traffic", str(project), "-o", str(full)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {full}" in err and os.strerror(errno.ENOSPC) in err
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_is_written_into(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        atomic_write_bytes(fifo, b"through the pipe\n")
    finally:
        if reader.is_alive() and not received:  # unblock the reader whatever happened
            with open(fifo, "wb", buffering=0):
                pass
        reader.join(timeout=30)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_folder_is_an_os_error(tmp_path):
    folder = tmp_path / "plan.issplan"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        save_project(film_project(), folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


_WRITE_TO = (
    "import sys\n"
    "from pathlib import Path\n"
    "from planner.store.atomic import atomic_write_text\n"
    "print('printed first', flush=True)\n"
    "atomic_write_text(Path(sys.argv[1]), 'written\\n', keep_backup=False)\n"
)


@pytest.mark.parametrize("mode", ["w", "a"])
def test_a_link_to_a_descriptor_reaches_the_file_the_shell_opened(tmp_path, mode):
    # What `planner ... -o /dev/stdout > out.txt` (or `>> out.txt`) does, with a link of our own to
    # /proc/self/fd/1 so that a regression could replace only that link, never the real /dev/stdout.
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc/self/fd on this system")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    out.write_text("kept from before\n" if mode == "a" else "truncated by the shell\n", encoding="utf-8")
    with open(out, mode, encoding="utf-8") as handle:
        subprocess.run([sys.executable, "-c", _WRITE_TO, str(link)], stdout=handle, check=True, timeout=120)
    expected = ("kept from before\n" if mode == "a" else "") + "printed first\nwritten\n"
    assert out.read_text(encoding="utf-8") == expected
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


# --- read-only files and new files' permissions ------------------------------------------------------------

def test_a_read_only_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "plan.issplan"
    save_project(film_project(), path)
    before = path.read_bytes()
    path.chmod(0o444)
    changed = film_project()
    changed.meta.title = "Overwritten?"
    with pytest.raises(PermissionError) as info:
        save_project(changed, path)
    assert str(path) in info.value.strerror and "read-only" in info.value.strerror
    assert info.value.filename == str(path)
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.issplan"]


def test_a_read_only_file_behind_a_link_is_refused_by_its_real_name(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o444)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(PermissionError, match="read-only") as info:
        atomic_write_text(link, "new\n")
    assert str(real) in info.value.strerror
    assert real.read_text(encoding="utf-8") == "old\n"


@pytest.fixture
def umask():
    """Set the process umask for one test, restoring it after."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield lambda value: os.umask(value)
    os.umask(saved)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_usual_mode_for_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    path = tmp_path / "plan.issplan"
    save_project(film_project(), path)
    assert path.stat().st_mode & 0o777 == expected
    umask(0o077)  # an existing file keeps its mode whatever the umask says now
    save_project(film_project(), path)
    assert path.stat().st_mode & 0o777 == expected
    assert backup_path(path).exists()
