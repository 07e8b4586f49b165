"""Structured LLM calls: a prompt file in, a validated pydantic model out.

Who retries what, in one place each:
- transport (429 honouring Retry-After, 5xx, timeouts, dropped connections): the tenacity
  policy here, with exponential backoff and jitter; the openai client's own retries are off.
- invalid output (JSON or schema errors): instructor re-asks, `validation_retries` times.
Every call is logged with prompt name and hash, model, usage, latency and attempts.
"""

from __future__ import annotations

import email.utils
import logging
import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from guideagent.config import Settings
from guideagent.errors import ProviderError, StructuredOutputError
from guideagent.prompts import RenderedPrompt, render

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("guideagent.llm")
MAX_RETRY_AFTER = 60.0


@dataclass
class CallRecord:
    prompt: str
    prompt_sha: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency: float
    attempts: int


@dataclass
class Usage:
    calls: list[CallRecord] = field(default_factory=list)

    @property
    def prompt_tokens(self) -> int:
        return sum(c.prompt_tokens for c in self.calls)

    @property
    def completion_tokens(self) -> int:
        return sum(c.completion_tokens for c in self.calls)


def _cause(exc: BaseException) -> BaseException:
    """instructor wraps transport errors in InstructorRetryException; look underneath."""
    seen = exc
    while seen.__cause__ is not None and type(seen).__name__ == "InstructorRetryException":
        seen = seen.__cause__
    return seen


def is_transient(exc: BaseException) -> bool:
    import openai

    exc = _cause(exc)
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    response = getattr(_cause(exc), "response", None)
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
        parsed = email.utils.parsedate_to_datetime(raw)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


class _Wait:
    """Exponential backoff with jitter, unless the server said how long to wait."""

    def __init__(self, initial: float, maximum: float) -> None:
        self.backoff = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        told = retry_after_seconds(exc) if exc else None
        if told is not None:
            return min(told, MAX_RETRY_AFTER)
        return self.backoff(state)


# Every call in this process, across engines: the eval scoreboard reports tokens spent from it.
PROCESS_USAGE = Usage()


class StructuredLLM:
    """The one place that talks to the provider. Build it lazily: openai costs ~1 s to import."""

    def __init__(self, settings: Settings, *, backoff: float = 1.0, backoff_max: float = 30.0):
        self.settings = settings
        self.usage = Usage()
        self._backoff = (backoff, backoff_max)
        self._sync = None
        self._async: dict[int, Any] = {}

    # -- clients -------------------------------------------------------------------------
    def _client_kwargs(self) -> dict[str, Any]:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        return {
            # Local servers (Ollama, vLLM) ignore the key but the SDK insists on one.
            "api_key": key or "not-needed",
            "base_url": self.settings.base_url or None,
            "timeout": self.settings.timeout,
            "max_retries": 0,
        }

    def _mode(self):
        import instructor

        return {
            "tools": instructor.Mode.TOOLS,
            "json": instructor.Mode.JSON,
            "md_json": instructor.Mode.MD_JSON,
        }[self.settings.resolved_mode()]

    def sync_client(self):
        if self._sync is None:
            import instructor
            import openai

            self._sync = instructor.from_openai(
                openai.OpenAI(**self._client_kwargs()), mode=self._mode()
            )
        return self._sync

    def async_client(self):
        """One async client per event loop: an httpx pool must not outlive the loop it was
        made in, and each synthesis run (CLI or TUI worker) may start a new loop."""
        import asyncio

        loop = asyncio.get_running_loop()
        entry = self._async.get(id(loop))
        if entry is None or entry[0] is not loop:
            import instructor
            import openai

            self._async = {k: v for k, v in self._async.items() if not v[0].is_closed()}
            client = instructor.from_openai(
                openai.AsyncOpenAI(**self._client_kwargs()), mode=self._mode()
            )
            entry = self._async[id(loop)] = (loop, client)
        return entry[1]

    def _policy(self, kind):
        return kind(
            retry=retry_if_exception(is_transient),
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=_Wait(*self._backoff),
            reraise=True,
        )

    # -- calls ---------------------------------------------------------------------------
    def call(self, prompt: str, response_model: type[T], /, **variables: Any) -> T:
        rendered = render(prompt, **variables)
        started, attempts = time.monotonic(), 0
        try:
            for attempt in self._policy(Retrying):
                with attempt:
                    attempts += 1
                    result = self.sync_client().chat.completions.create(
                        **self._request(rendered, response_model)
                    )
        except Exception as exc:
            raise self.explain(exc, attempts) from None
        return self._record(rendered, response_model, result, started, attempts)

    async def acall(self, prompt: str, response_model: type[T], /, **variables: Any) -> T:
        rendered = render(prompt, **variables)
        started, attempts = time.monotonic(), 0
        try:
            async for attempt in self._policy(AsyncRetrying):
                with attempt:
                    attempts += 1
                    result = await self.async_client().chat.completions.create(
                        **self._request(rendered, response_model)
                    )
        except Exception as exc:
            raise self.explain(exc, attempts) from None
        return self._record(rendered, response_model, result, started, attempts)

    def _request(self, rendered: RenderedPrompt, response_model: type[T]) -> dict[str, Any]:
        return {
            "model": self.settings.model,
            "messages": rendered.messages(),
            "response_model": response_model,
            "max_retries": self.settings.validation_retries,
        }

    def _record(
        self, rendered: RenderedPrompt, model: type[T], result: T, started: float, attempts: int
    ) -> T:
        usage = getattr(result, "_total_usage", None) or getattr(
            getattr(result, "_raw_response", None), "usage", None
        )
        record = CallRecord(
            prompt=rendered.name,
            prompt_sha=rendered.sha,
            model=self.settings.model,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            latency=time.monotonic() - started,
            attempts=attempts,
        )
        self.usage.calls.append(record)
        PROCESS_USAGE.calls.append(record)
        log.info("llm call %s", record)
        # instructor may return a subclass of the response model; hand back the plain model.
        return result if type(result) is model else model.model_validate(result.model_dump())

    # -- errors --------------------------------------------------------------------------
    def explain(self, exc: BaseException, attempts: int) -> ProviderError:
        """Turn whatever failed into a message that says what to do. Never leaks the key."""
        import openai

        cause = _cause(exc)
        where = self.settings.base_url or "https://api.openai.com/v1"
        model = self.settings.model
        tries = f"after {attempts} {'try' if attempts == 1 else 'tries'}"
        if isinstance(cause, openai.AuthenticationError):
            msg = f"The provider at {where} rejected the API key (401). Check OPENAI_API_KEY."
        elif isinstance(cause, openai.PermissionDeniedError):
            msg = f"The key has no access to model {model!r} at {where} (403)."
        elif isinstance(cause, openai.NotFoundError):
            msg = f"Model {model!r} or the endpoint was not found at {where} (404). Check GUIDEAGENT_MODEL and OPENAI_BASE_URL."
        elif isinstance(cause, openai.RateLimitError):
            msg = f"Rate-limited by the provider (429) {tries}. Wait a minute, or lower the concurrency."
        elif isinstance(cause, openai.APITimeoutError):
            msg = f"No answer from {where} within {self.settings.timeout:g} s {tries}. Raise GUIDEAGENT_TIMEOUT or check the server."
        elif isinstance(cause, openai.APIConnectionError):
            msg = f"Could not reach {where} {tries}: the connection failed or was cut. Is the server running and the URL right?"
        elif isinstance(cause, openai.APIStatusError) and cause.status_code >= 500:
            msg = f"The provider kept failing (HTTP {cause.status_code}) {tries}. Try again later."
        elif isinstance(cause, openai.BadRequestError):
            msg = f"The provider refused the request (400): {_short(cause)}. If it does not support tool calls, set GUIDEAGENT_MODE=json."
        elif isinstance(cause, openai.APIStatusError):
            msg = f"The provider answered HTTP {cause.status_code}: {_short(cause)}."
        else:
            n = getattr(exc, "n_attempts", attempts)
            return StructuredOutputError(
                self._scrub(
                    f"Model {model!r} did not return usable structured output after {n} attempts "
                    f"({_short(cause)}). Try a stronger model, or switch GUIDEAGENT_MODE (tools/json)."
                )
            )
        return ProviderError(self._scrub(msg))

    def _scrub(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else ""
        return text.replace(key, "***") if key else text


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text[:limit] + ("…" if len(text) > limit else "")


def plain_client(settings: Settings, *, timeout: float | None = None):
    """An openai client set up as the engine's is (key, URL, no SDK retries) but without
    instructor, for calls outside the structured flow such as the connection test."""
    import openai

    options = StructuredLLM(settings)._client_kwargs()
    if timeout is not None:
        options["timeout"] = timeout
    return openai.OpenAI(**options)
