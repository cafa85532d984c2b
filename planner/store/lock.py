"""An advisory lock held while a project is saved, so two programs never save one project at once.

The lock is a hidden file ``.NAME.lock`` beside the project, locked with ``flock`` (POSIX) or
``msvcrt.locking`` (Windows) and holding who took it, so the one refused can be told who it was. The
operating system lets go of the lock when its holder exits, even when killed; the file itself is
removed when the save is done (on POSIX; Windows cannot remove an open file, so it stays there).
Where the folder cannot hold a lock file, or its file system has no locks, saves go on without one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


class ProjectLocked(OSError):
    """Another program (or another save in this one) is saving the project; ``holder`` says who."""

    def __init__(self, path, holder: str):
        self.holder = holder
        super().__init__(errno.EBUSY, f"it is being saved by {holder}; try again when that save has finished",
                         str(path))

    def __str__(self) -> str:
        return f"{self.filename} is being saved by {self.holder}; try again when that save has finished"

    def __reduce__(self):
        return (type(self), (self.filename, self.holder))


def lock_path(path: Path) -> Path:
    """The lock file of the project at ``path``."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def project_lock(path: Path):
    """Hold the project's save lock for the ``with`` block; :class:`ProjectLocked` when another holds it.

    Yields whether the lock is held: False where no lock can be taken (the block runs all the same).
    """
    path = Path(path)
    fd = _acquire(path)
    try:
        yield fd is not None
    finally:
        if fd is not None:
            _release(lock_path(path), fd)


def _acquire(path: Path) -> int | None:
    lock = lock_path(path)
    for _ in range(20):  # a holder may remove the file between our open and our lock: open again
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except OSError:
            return None  # a read-only folder or a special place: nothing to lock with, so no lock
        try:
            _lock(fd)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
                holder = _read_holder(fd)
                os.close(fd)
                raise ProjectLocked(path, holder) from None
            _close_and_remove(lock, fd)  # this file system has no locks
            return None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except OSError:
            same = False
        if same:
            _write_holder(fd)
            return fd
        os.close(fd)  # locked a file its holder had just removed: that lock guards nothing
    return None


def _release(lock: Path, fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        os.close(fd)  # closing lets go of the lock; an open file cannot be removed on Windows
        return
    _close_and_remove(lock, fd)  # removed while still held, so no one can lock the old file and think it current


def _close_and_remove(lock: Path, fd: int) -> None:
    try:
        os.unlink(lock)
    except OSError:
        pass
    os.close(fd)


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0 only: the holder's name after it stays readable
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _write_holder(fd: int) -> None:
    text = f"\nprocess {os.getpid()} on {socket.gethostname()}\n"
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8", "replace"))
    except OSError:
        pass  # who holds it is only for the message


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 1, os.SEEK_SET)
        text = os.read(fd, 500).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return f"another program ({text})" if text else "another program"
