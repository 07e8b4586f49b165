"""Structured LLM calls: a prompt file in, a validated pydantic model out.

Who retries what, in one place each:
- transport (429 honouring Retry-After, 5xx, timeouts, dropped connections): the tenacity
  policy in `retry.py`, with exponential backoff and jitter; the openai client's own
  retries are off.
- invalid output (JSON or schema errors): instructor re-asks, `validation_retries` times.

The total deadline: one call (every try and wait, re-asks included) gives up after at most
twice `settings.timeout` (GUIDEAGENT_TIMEOUT, default 60 s, so 120 s). Each try's timeout
is what is left of that, and a Retry-After longer than what is left fails at once with the
wait in the message. Every call is logged (INFO, `guideagent.llm`) with prompt name and
hash, model, usage, latency and tries; each retry is one WARNING line; the key never
appears in either, nor in the error message (see `logs.py`).
"""

from __future__ import annotations

import logging
import time
from typing import Any, TypeVar

from pydantic import BaseModel
from tenacity import AsyncRetrying, Retrying, retry_if_exception

from guideagent.config import Settings
from guideagent.errors import ProviderError, StructuredOutputError
from guideagent.llm.logs import quiet_libraries, register_secret, scrub
from guideagent.llm.retry import Deadline, cause, is_transient, say_wait
from guideagent.llm.usage import PROCESS_USAGE, CallRecord, Usage
from guideagent.prompts import RenderedPrompt, render

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("guideagent.llm")
DEADLINE_FACTOR = 2  # a call's total deadline, in timeouts


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
        key = self._key()
        quiet_libraries()
        return {
            # Local servers (Ollama, vLLM) ignore the key but the SDK insists on one.
            "api_key": key or "not-needed",
            "base_url": self.settings.base_url or None,
            "timeout": self.settings.timeout,
            "max_retries": 0,
        }

    def _key(self) -> str | None:
        """The API key, registered so no log line or message can show it."""
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        register_secret(key)
        return key

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

    @property
    def deadline_seconds(self) -> float:
        """The most one call may take, every try and wait included."""
        return DEADLINE_FACTOR * self.settings.timeout

    def _deadline(self) -> Deadline:
        return Deadline(
            self.deadline_seconds,
            self.settings.max_retries + 1,
            backoff=self._backoff[0],
            backoff_max=self._backoff[1],
        )

    @staticmethod
    def _policy(kind, deadline: Deadline):
        return kind(
            retry=retry_if_exception(is_transient),
            stop=deadline.stop,
            wait=deadline.wait,
            before_sleep=deadline.before_sleep,
            reraise=True,
        )

    # -- calls ---------------------------------------------------------------------------
    def call(self, prompt: str, response_model: type[T], /, **variables: Any) -> T:
        rendered = render(prompt, **variables)
        deadline, attempts = self._deadline(), 0
        try:
            for attempt in self._policy(Retrying, deadline):
                with attempt:
                    attempts += 1
                    result = self.sync_client().chat.completions.create(
                        **self._request(rendered, response_model, deadline)
                    )
        except Exception as exc:
            raise self.explain(exc, attempts, deadline) from None
        return self._record(rendered, response_model, result, deadline.started, attempts)

    async def acall(self, prompt: str, response_model: type[T], /, **variables: Any) -> T:
        rendered = render(prompt, **variables)
        deadline, attempts = self._deadline(), 0
        try:
            async for attempt in self._policy(AsyncRetrying, deadline):
                with attempt:
                    attempts += 1
                    result = await self.async_client().chat.completions.create(
                        **self._request(rendered, response_model, deadline)
                    )
        except Exception as exc:
            raise self.explain(exc, attempts, deadline) from None
        return self._record(rendered, response_model, result, deadline.started, attempts)

    def _request(
        self, rendered: RenderedPrompt, response_model: type[T], deadline: Deadline
    ) -> dict[str, Any]:
        return {
            "model": self.settings.model,
            "messages": rendered.messages(),
            "response_model": response_model,
            "max_retries": self.settings.validation_retries,
            # This try's share of the deadline: the SDK's request timeout, and instructor
            # stops re-asking when it has passed.
            "timeout": min(self.settings.timeout, deadline.try_timeout()),
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
    def explain(
        self, exc: BaseException, attempts: int, deadline: Deadline | None = None
    ) -> ProviderError:
        """Turn whatever failed into a message that says what to do. Never leaks the key."""
        import openai

        self._key()
        root = cause(exc)
        where = self.settings.base_url or "https://api.openai.com/v1"
        model = self.settings.model
        tries = f"after {attempts} {'try' if attempts == 1 else 'tries'}"
        gave_up = ""
        if deadline is not None and (deadline.out_of_time or deadline.left() <= deadline.min_try):
            gave_up = f" (guideagent gives up on a call after {deadline.total:g} s in all)"
        if deadline is not None and deadline.refused_wait is not None:
            msg = (
                f"The provider asked to wait {say_wait(deadline.refused_wait)} before the next "
                f"try (HTTP {getattr(root, 'status_code', '?')}); that is past this call's "
                f"{deadline.total:g} s deadline, so guideagent stopped {tries}. Try again later."
            )
        elif isinstance(root, openai.AuthenticationError):
            msg = f"The provider at {where} rejected the API key (401). Check OPENAI_API_KEY."
        elif isinstance(root, openai.PermissionDeniedError):
            msg = f"The key has no access to model {model!r} at {where} (403)."
        elif isinstance(root, openai.NotFoundError):
            msg = f"Model {model!r} or the endpoint was not found at {where} (404). Check GUIDEAGENT_MODEL and OPENAI_BASE_URL."
        elif isinstance(root, openai.RateLimitError):
            msg = f"Rate-limited by the provider (429) {tries}. Wait a minute, or lower the concurrency."
        elif isinstance(root, openai.APITimeoutError):
            msg = f"No answer from {where} within {self.settings.timeout:g} s {tries}{gave_up}. Raise GUIDEAGENT_TIMEOUT or check the server."
        elif isinstance(root, openai.APIConnectionError):
            msg = f"Could not reach {where} {tries}: the connection failed or was cut. Is the server running and the URL right?"
        elif isinstance(root, openai.APIStatusError) and root.status_code >= 500:
            msg = f"The provider kept failing (HTTP {root.status_code}) {tries}{gave_up}. Try again later."
        elif isinstance(root, openai.BadRequestError):
            msg = f"The provider refused the request (400): {_short(root)}. If it does not support tool calls, set GUIDEAGENT_MODE=json."
        elif isinstance(root, openai.APIStatusError):
            msg = f"The provider answered HTTP {root.status_code}: {_short(root)}."
        else:
            n = getattr(exc, "n_attempts", attempts)
            return StructuredOutputError(
                scrub(
                    f"Model {model!r} did not return usable structured output after {n} attempts "
                    f"({_short(root)}). Try a stronger model, or switch GUIDEAGENT_MODE (tools/json)."
                )
            )
        return ProviderError(scrub(msg))


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
