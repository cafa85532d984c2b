"""Crash-safe file writes: a temporary file in the same folder, flushed, then renamed over the target.

A crash at any moment leaves either the old file or the new one, never half of either. The previous
version is kept as ``NAME~`` beside the file (``keep_backup``).

What the rename would get wrong is handled first: a symbolic link is followed, so the file it points
to is replaced (and backed up beside it) while the link stays; anything that exists and is not a
regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written straight into, since it cannot be
replaced; a read-only file is refused rather than silently replaced.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + "~")


def atomic_write_bytes(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; keep the old content as :func:`backup_path`."""
    atomic_write_chunks(path, (data,), keep_backup=keep_backup)


def atomic_write_chunks(path: Path, chunks, keep_backup: bool = True) -> None:
    """:func:`atomic_write_bytes` for content given as an iterable of ``bytes`` pieces.

    Lets big documents be written without holding all their bytes at once. If producing a piece
    raises, the target and its backup are left untouched. Problems (including a read-only target,
    as ``PermissionError``) raise ``OSError``.
    """
    path = Path(path)
    try:
        info = os.stat(path)  # follows links: what a write would reach
    except FileNotFoundError:
        info = None  # nothing there yet (or a link to nothing: the file is created where it points)
    if info is not None and (not stat.S_ISREG(info.st_mode) or _through_descriptor_link(path)):
        _write_in_place(path, chunks)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    if info is not None:
        _refuse_read_only(target, info)
    folder = target.parent if str(target.parent) else Path(".")
    mode = (info.st_mode & 0o7777) if info is not None else (0o666 & ~_umask())
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            try:  # mkstemp makes 0600: give the file the mode it keeps (or a new file's usual one)
                os.fchmod(handle.fileno(), mode)
            except OSError:
                pass
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None and keep_backup:
            backup = backup_path(target)
            # A hard link keeps the old bytes under the backup name without a window where the
            # target is missing; fall back to a copy where links are not supported.
            try:
                if backup.exists():
                    backup.unlink()
                os.link(target, backup)
            except OSError:
                backup.write_bytes(target.read_bytes())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def atomic_write_text(path: Path, text: str, keep_backup: bool = True) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text (newlines written as ``\\n`` on every system)."""
    atomic_write_bytes(path, text.encode("utf-8"), keep_backup=keep_backup)


def _refuse_read_only(target: Path, info: os.stat_result) -> None:
    # Replacing needs only the folder's permission, so a protected file would be overwritten without
    # a word; refuse as an editor does. Root passes os.access, hence the look at the mode bits too.
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, f"{target} is read-only", str(target))


def _write_in_place(path: Path, chunks) -> None:
    # A device or pipe cannot be replaced by renaming (and has no use for a backup): write into it.
    # Appending, not truncating: /dev/stdout may lead to the file a shell opened with ">>".
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "wb") as handle:  # closing flushes, so ENOSPC from /dev/full surfaces here
        for chunk in chunks:
            handle.write(chunk)


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
