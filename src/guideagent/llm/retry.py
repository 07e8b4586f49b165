"""Transport retries and the total deadline of one structured call.

One place owns each concern: this policy retries transport failures (429, 5xx, 408/409,
timeouts, dropped connections) with exponential backoff and jitter, or as long as the
server's Retry-After says; the openai client's own retries are off; instructor re-asks on
invalid output only.

The deadline: a call gives up after `total` seconds in all, tries and waits included
(`StructuredLLM` uses twice the timeout). Each try's timeout is shrunk to what is left, no
retry starts when its wait would pass the deadline, and a Retry-After longer than what is
left fails at once, saying how long the provider asked to wait.
"""

from __future__ import annotations

import email.utils
import logging
import time

from tenacity import RetryCallState, wait_exponential_jitter

log = logging.getLogger("guideagent.llm")


def cause(exc: BaseException) -> BaseException:
    """instructor wraps transport errors in InstructorRetryException; look underneath."""
    seen = exc
    while seen.__cause__ is not None and type(seen).__name__ == "InstructorRetryException":
        seen = seen.__cause__
    return seen


def is_transient(exc: BaseException) -> bool:
    import openai

    exc = cause(exc)
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    response = getattr(cause(exc), "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return float(raw) / 1000
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
        return max(0.0, parsed.timestamp() - time.time())


def describe_failure(exc: BaseException) -> str:
    """A few words on why a try failed, for the retry line. Never the error body."""
    import openai

    exc = cause(exc)
    if isinstance(exc, openai.APITimeoutError):
        return "a timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "a failed connection"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__


def say_wait(seconds: float) -> str:
    if seconds >= 7200:
        return f"{seconds / 3600:.3g} h"
    if seconds >= 120:
        return f"{round(seconds / 60)} min"
    return f"{seconds:.3g} s"


class Deadline:
    """One call's budget: at most `attempts` tries within `total` seconds from the start.

    Use `wait` and `stop` in a tenacity policy, `try_timeout()` as each try's timeout, and
    `before_sleep` to log one line per retry. After a stop, `out_of_time` says the deadline
    (not the attempt cap) ended the call, and `refused_wait` holds the Retry-After that did
    not fit (None otherwise)."""

    def __init__(
        self, total: float, attempts: int, *, backoff: float = 1.0, backoff_max: float = 30.0
    ) -> None:
        self.total = total
        self.attempts = max(1, attempts)
        # A try with less time than this left is not worth starting.
        self.min_try = min(1.0, total / 8)
        self.started = time.monotonic()
        self.refused_wait: float | None = None
        self.out_of_time = False
        self._backoff = wait_exponential_jitter(multiplier=backoff, max=backoff_max, jitter=backoff)

    def left(self) -> float:
        return self.total - (time.monotonic() - self.started)

    def try_timeout(self) -> float:
        return max(self.min_try, self.left())

    def wait(self, state: RetryCallState) -> float:
        """Exponential backoff with jitter, unless the server said how long to wait."""
        exc = state.outcome.exception() if state.outcome else None
        told = retry_after_seconds(exc) if exc else None
        return told if told is not None else self._backoff(state)

    def stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.attempts:
            return True
        room = self.left() - self.min_try
        exc = state.outcome.exception() if state.outcome else None
        told = retry_after_seconds(exc) if exc else None
        if told is not None and told > room:
            self.refused_wait = told
            return True
        self.out_of_time = state.upcoming_sleep > room
        return self.out_of_time

    def before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        why = describe_failure(exc) if exc else "a failure"
        log.warning(
            "retrying after %s (try %d of %d)…", why, state.attempt_number + 1, self.attempts
        )
