"""Stopping long synthesis work promptly, from another thread.

A face sets a `threading.Event`; the pipeline makes it the current cancel event
(`cancellable`), and the CPU-heavy steps (embedding batches, the stages of theme
building) call `check()` between units of work, so a cancel is honoured within one
batch instead of after the whole step. `in_daemon_thread` runs a blocking call off the
event loop like `asyncio.to_thread`, but in a daemon thread outside the loop's executor:
a call abandoned on cancel never holds up `asyncio.run`'s shutdown or the process's exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_current: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar(
    "guideagent_cancel", default=None
)


class Cancelled(Exception):
    """Raised inside work whose cancel event was set; the pipeline turns it into
    SynthesisCancelled."""


def check() -> None:
    """Raise Cancelled when the current cancel event is set (a no-op outside a run)."""
    event = _current.get()
    if event is not None and event.is_set():
        raise Cancelled


@contextlib.contextmanager
def cancellable(event: threading.Event | None) -> Iterator[None]:
    """Make `event` the current cancel event for `check()` (threads started through
    `in_daemon_thread` inherit it)."""
    token = _current.set(event)
    try:
        yield
    finally:
        _current.reset(token)


async def in_daemon_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Await `fn(*args, **kwargs)` run in a daemon thread with the caller's context."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    context = contextvars.copy_context()

    def settle(ok: bool, value: Any) -> None:
        if future.done():  # abandoned: the awaiting task was cancelled
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

    def target() -> None:
        try:
            result = context.run(fn, *args, **kwargs)
        except BaseException as exc:  # handed to the awaiting task
            outcome: tuple[bool, Any] = (False, exc)
        else:
            outcome = (True, result)
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(settle, *outcome)

    name = getattr(fn, "__name__", "work")
    threading.Thread(target=target, name=f"guideagent-{name}", daemon=True).start()
    return await future
