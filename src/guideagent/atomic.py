"""Atomic file writes: temp file in the same folder, fsync, rename. A reader sees the old
file or the new one, never half of either; a crash mid-write leaves the old one intact."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

# mkstemp's names here: "." + target name + "." + 8 random [a-z0-9_] + ".tmp".
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# Older than this, a temp file is left over from a killed write, not a write in progress
# (a write is one fsync'd file; even a slow disk finishes it in well under a minute).
STALE_AFTER_SECONDS = 120.0


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path | str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temps(path: Path | str, older_than: float = STALE_AFTER_SECONDS) -> int:
    """Delete temp files that killed writes left beside `path`; returns how many went.

    Only files named by our own pattern (".guide.md.k3j_x9a2.tmp") and untouched for
    `older_than` seconds, so a concurrent writer's fresh temp file and anyone else's
    files are left alone.
    """
    path = Path(path)
    removed = 0
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # another writer got there first, or it is not ours to remove
    return removed


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual default (0666 less the
    umask), not mkstemp's owner-only 0600, so shared study folders stay shared."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
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
