"""Crash-safe file writes: a temporary file in the same folder, flushed, then renamed over the target.

A crash at any moment leaves either the old file or the new one, never half of either. The previous
version is kept as ``NAME~`` beside the file (``keep_backup``), and it too only ever changes by a rename:
the new backup is made beside the old one (a hard link to the file, or where links are not supported a
flushed copy) and renamed over it, so some complete earlier version is there at every instant. A file
that vanished while it was saved (deleted or renamed by another program) is written anew and its
backup left as it was.

What the rename would get wrong is handled first: a symbolic link is followed, so the file it points
to is replaced (and backed up beside it) while the link stays; anything that exists and is not a
regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written straight into, since it cannot be
replaced; a read-only file is refused rather than silently replaced.

Temporary files are named ``.NAME.XXXXXXXX.tmp`` (``.NAME~.XXXXXXXX.tmp`` for a backup on its way);
:func:`remove_stale_temps` removes those a killed save left behind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + "~")


def atomic_write_bytes(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; keep the old content as :func:`backup_path`.

    Problems (including a read-only target, as ``PermissionError``) raise ``OSError`` and leave the
    target and its backup as they were.
    """
    path = Path(path)
    try:
        info = os.stat(path)  # follows links: what a write would reach
    except FileNotFoundError:
        info = None  # nothing there yet (or a link to nothing: the file is created where it points)
    if info is not None and (not stat.S_ISREG(info.st_mode) or _through_descriptor_link(path)):
        _write_in_place(path, data)
        return
    target = real_target(path)
    if info is not None:
        _refuse_read_only(target, info)
    mode = (info.st_mode & 0o7777) if info is not None else (0o666 & ~_umask())
    tmp_name = write_temp(target, data, mode)
    try:
        if info is not None and keep_backup:
            _refresh_backup(target, mode)
        os.replace(tmp_name, target)
    except BaseException:
        _unlink_quietly(tmp_name)
        raise
    _fsync_folder(target.parent)


def real_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: the one a symbolic link leads to, else ``path`` itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def write_temp(target: Path, data: bytes, mode: int, backup: bool = False) -> str:
    """A flushed temporary file beside ``target`` holding ``data``; its name (every byte a save writes goes
    through here: tests stand a full disk or another program in its place)."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}{'~' if backup else ''}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            try:  # mkstemp makes 0600: give the file the mode it keeps (or a new file's usual one)
                os.fchmod(handle.fileno(), mode)
            except (OSError, AttributeError):
                pass
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink_quietly(tmp_name)
        raise
    return tmp_name


def _refresh_backup(target: Path, mode: int) -> None:
    """Make the file's current content the backup: beside the old backup first, then renamed over it."""
    try:
        beside = _link_beside(target)
    except FileNotFoundError:
        return  # the file vanished meanwhile: it is written anew, and its old backup stays as it was
    except (OSError, AttributeError, NotImplementedError):
        try:  # no hard links here (FAT, exFAT, some shares): a flushed copy, renamed the same way
            beside = write_temp(target, target.read_bytes(), mode, backup=True)
        except FileNotFoundError:
            return
    try:
        os.replace(beside, backup_path(target))
    except BaseException:
        _unlink_quietly(beside)
        raise


def _link_beside(target: Path) -> str:
    """A hard link to ``target`` under a temporary backup name: the same bytes under a second name."""
    folder = target.parent if str(target.parent) else Path(".")
    while True:
        # mktemp only picks a name; os.link refuses one that exists, so nothing can be taken over.
        name = tempfile.mktemp(prefix=f".{target.name}~.", suffix=".tmp", dir=folder)
        try:
            os.link(target, name)
            return name
        except FileExistsError:
            continue


_STALE = "^\\.{name}~?\\.[a-z0-9_]{{8}}\\.tmp$"  # mkstemp's eight random characters


def remove_stale_temps(path: Path) -> int:
    """Remove the temporary files an interrupted save of ``path`` left beside it; how many were removed.

    Only call it where no other save of the same file can be running (under its project lock).
    """
    target = real_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(_STALE.format(name=re.escape(target.name)))
    removed = 0
    try:
        names = [entry.name for entry in os.scandir(folder) if pattern.match(entry.name)
                 and entry.is_file(follow_symlinks=False)]
    except OSError:
        return 0
    for name in names:
        try:
            os.unlink(folder / name)
            removed += 1
        except OSError:
            pass
    return removed


def _unlink_quietly(name) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write_text(path: Path, text: str, keep_backup: bool = True) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text (newlines written as ``\\n`` on every system)."""
    atomic_write_bytes(path, text.encode("utf-8"), keep_backup=keep_backup)


def _refuse_read_only(target: Path, info: os.stat_result) -> None:
    # Replacing needs only the folder's permission, so a protected file would be overwritten without
    # a word; refuse as an editor does. Root passes os.access, hence the look at the mode bits too.
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, f"{target} is read-only", str(target))


def _write_in_place(path: Path, data: bytes) -> None:
    # A device or pipe cannot be replaced by renaming (and has no use for a backup): write into it.
    # Appending, not truncating: /dev/stdout may lead to the file a shell opened with ">>".
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "wb") as handle:  # closing flushes, so ENOSPC from /dev/full surfaces here
        handle.write(data)


def _through_descriptor_link(path: Path) -> bool:
    """True when following ``path``'s links passes through ``/proc/.../fd`` or ``/dev/fd`` (e.g. /dev/stdout).

    Such a link names an open file descriptor, perhaps a file a shell opened for this process:
    replacing the file it leads to would cut the descriptor off from the name, so it is written into.
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        try:
            current = os.path.join(os.path.dirname(current), os.readlink(current))
        except OSError:
            return False
        current = os.path.abspath(current)
    return False


def _umask() -> int:
    """The process's umask; read from /proc on Linux, else set and restored once."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # os.umask can only be read by setting it: set the strictest value meanwhile, so a file another
    # thread creates in that instant gets fewer permissions, never more.
    current = os.umask(0o077)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
