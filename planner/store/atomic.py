"""Crash-safe file writes: a temporary file in the same folder, flushed, then renamed over the target.

A crash at any moment leaves either the old file or the new one, never half of either. The previous
version is kept as ``NAME~`` beside the file (``keep_backup``).
"""

from __future__ import annotations

import os
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
    raises, the target and its backup are left untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            try:
                os.chmod(tmp_name, path.stat().st_mode & 0o7777)
            except OSError:
                pass
            if keep_backup:
                backup = backup_path(path)
                # A hard link keeps the old bytes under the backup name without a window where the
                # target is missing; fall back to a copy where links are not supported.
                try:
                    if backup.exists():
                        backup.unlink()
                    os.link(path, backup)
                except OSError:
                    backup.write_bytes(path.read_bytes())
        os.replace(tmp_name, path)
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
