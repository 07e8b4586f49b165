"""The per-study lock: one long write (a synthesis) at a time, across the CLI and the app.

The lock itself is an OS file lock (the `filelock` package: flock/LockFileEx), so it is
released when its process dies, however it dies. Beside it, `.guideagent.lock.json` names
the holder (pid, host, command, since) so a second run can say who holds the study. A
holder file left by a dead process (a stale lock) is simply taken over, and the takeover
is reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from guideagent.atomic import atomic_write_text
from guideagent.errors import GuideAgentError

LOCK_NAME = ".guideagent.lock"
HOLDER_NAME = ".guideagent.lock.json"


@dataclass(frozen=True)
class Holder:
    """Who holds a study's lock, and since when (an ISO time, UTC)."""

    pid: int
    host: str
    command: str
    since: str

    def describe(self) -> str:
        return f"`{self.command}` (pid {self.pid} on {self.host}, since {self.since})"

    def alive(self) -> bool:
        """Whether the holder process still runs (a holder on another host counts as alive)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class StudyBusy(GuideAgentError):
    """Another process holds the study's lock."""

    title = "Study busy"

    def __init__(self, path: Path, what: str, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "another guideagent process"
        super().__init__(
            f"cannot {what} {path}: {who} is working on it. Wait for it to finish, "
            "or stop it, then try again."
        )


def current_command() -> str:
    """This process's command line, as a user would recognise it."""
    args = [Path(sys.argv[0]).name or "python", *sys.argv[1:]] if sys.argv else ["python"]
    return " ".join(args)


def read_holder(folder: Path) -> Holder | None:
    """The holder named beside the lock, or None (no holder file, or an unreadable one)."""
    try:
        data = json.loads((Path(folder) / HOLDER_NAME).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["command"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def busy(folder: Path) -> Holder | None:
    """Whether another process holds the study now (and who), without taking the lock;
    for saying so before any work starts. The lock itself is what excludes."""
    probe = FileLock(Path(folder) / LOCK_NAME, thread_local=False)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        holder = read_holder(Path(folder))
        return holder if holder is None or holder.alive() else None
    except OSError:
        return None  # a read-only folder: nobody can be writing here through us
    probe.release()
    return None


class StudyLock:
    """`with StudyLock(folder, "synthesize"):` holds the study for one long write.

    `wait` seconds (0: refuse at once) are spent waiting for another holder before
    StudyBusy is raised. `taken_over` is the stale holder replaced, if any."""

    def __init__(self, folder: Path, what: str, *, wait: float = 0.0) -> None:
        self.folder = Path(folder)
        self.what = what
        self.wait = wait
        self.taken_over: Holder | None = None
        self._lock = FileLock(self.folder / LOCK_NAME, thread_local=False)

    def acquire(self) -> StudyLock:
        try:
            self._lock.acquire(timeout=self.wait)
        except Timeout:
            holder = read_holder(self.folder)
            if holder is None or holder.alive():
                raise StudyBusy(self.folder, self.what, holder) from None
            # A lock file that outlived its process (a filesystem without OS locks): take it.
            (self.folder / LOCK_NAME).unlink(missing_ok=True)
            self._lock.acquire(timeout=0)
        previous = read_holder(self.folder)
        if previous is not None and previous.pid != os.getpid():
            self.taken_over = previous  # its process died holding it: the OS freed the lock
        holder = Holder(
            os.getpid(),
            socket.gethostname(),
            current_command(),
            time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        )
        # In a read-only folder the lock still excludes; it just cannot say who holds it.
        with contextlib.suppress(OSError):
            atomic_write_text(self.folder / HOLDER_NAME, json.dumps(asdict(holder)) + "\n")
        return self

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        (self.folder / HOLDER_NAME).unlink(missing_ok=True)
        self._lock.release()

    def __enter__(self) -> StudyLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
