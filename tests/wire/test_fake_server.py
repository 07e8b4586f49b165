"""Self-tests of FakeOpenAI through the real openai SDK and instructor (no mocks).

They also pin down what the engine will see for each fault, so a change in openai or
instructor behaviour shows up here first.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import instructor
import openai
import pytest
from fakes import fixtures
from fakes.openai_server import (
    Content,
    Delay,
    Drop,
    FakeOpenAI,
    Fault,
    Malformed,
    Refusal,
    Reply,
    ToolCall,
    Truncated,
    estimate_tokens,
    prompt_tokens,
)
from instructor.core import InstructorRetryException
from pydantic import BaseModel

# Registered here as well, so these self-tests need no conftest wiring.
fake_openai = fixtures.fake_openai

MESSAGES = [{"role": "user", "content": "Draft one interview question."}]


class Question(BaseModel):
    text: str
    open_ended: bool


QUESTION = {"text": "Tell me about the last time you planned a trip.", "open_ended": True}


def client(server: FakeOpenAI, **kwargs: Any) -> openai.OpenAI:
    """A real SDK client for the fake; no retries unless a test asks for them."""
    kwargs = {"max_retries": 0, "timeout": 5.0, **kwargs}
    return openai.OpenAI(base_url=server.base_url, api_key=server.api_key, **kwargs)


def chat(server: FakeOpenAI, **kwargs: Any) -> Any:
    with client(server, **kwargs) as c:
        return c.chat.completions.create(model="fake-model", messages=MESSAGES)


# 1
def test_content_answer_has_real_shape_and_usage(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Content("Hello there"))
    completion = chat(fake_openai)

    assert completion.choices[0].message.content == "Hello there"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "fake-model"
    body = fake_openai.chat_requests[0].body
    assert completion.usage is not None
    assert (
        completion.usage.prompt_tokens
        == prompt_tokens(body)
        == estimate_tokens(MESSAGES[0]["content"])
    )
    assert completion.usage.completion_tokens == estimate_tokens("Hello there")
    assert (
        completion.usage.total_tokens
        == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )
    assert fake_openai.served_usage["total_tokens"] == completion.usage.total_tokens


def test_requests_are_recorded_with_lowercase_headers(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Content("ok"))
    before = time.monotonic()
    chat(fake_openai)

    (record,) = fake_openai.requests
    assert record.method == "POST" and record.path == "/v1/chat/completions"
    assert record.headers["authorization"] == f"Bearer {fake_openai.api_key}"
    assert record.body["messages"] == MESSAGES
    assert before <= record.time <= time.monotonic()
    fake_openai.reset()
    assert fake_openai.requests == [] and fake_openai.remaining == 0


# 2
def test_instructor_tools_mode_parses_reply(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Reply(QUESTION))
    with client(fake_openai) as c:
        ic = instructor.from_openai(c, mode=instructor.Mode.TOOLS)
        result = ic.chat.completions.create(
            model="fake-model", response_model=Question, messages=MESSAGES, max_retries=0
        )

    assert result.model_dump() == QUESTION
    body = fake_openai.chat_requests[0].body
    assert body["tools"][0]["function"]["name"] == "Question"
    assert body["tool_choice"] == {"type": "function", "function": {"name": "Question"}}
    assert "response_format" not in body


# 3
def test_instructor_json_mode_parses_reply(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Reply(QUESTION))
    with client(fake_openai) as c:
        ic = instructor.from_openai(c, mode=instructor.Mode.JSON)
        result = ic.chat.completions.create(
            model="fake-model", response_model=Question, messages=MESSAGES, max_retries=0
        )

    assert result.model_dump() == QUESTION
    body = fake_openai.chat_requests[0].body
    assert body["response_format"] == {"type": "json_object"}
    assert "tools" not in body
    assert body["messages"][0]["role"] == "system"  # instructor puts the schema here


def test_instructor_retries_invalid_tool_arguments(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(ToolCall('{"text": 42'), Reply(QUESTION))
    with client(fake_openai) as c:
        ic = instructor.from_openai(c, mode=instructor.Mode.TOOLS)
        result = ic.chat.completions.create(
            model="fake-model", response_model=Question, messages=MESSAGES, max_retries=1
        )

    assert result.text == QUESTION["text"]
    assert len(fake_openai.chat_requests) == 2


# 4
def test_429_with_retry_after_is_retried_by_the_sdk(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Fault(429, headers={"Retry-After": "1"}), Content("ok"))
    started = time.monotonic()
    completion = chat(fake_openai, max_retries=1)

    assert completion.choices[0].message.content == "ok"
    first, second = fake_openai.chat_requests
    assert second.time - first.time >= 0.9  # the SDK honoured Retry-After
    assert second.headers["x-stainless-retry-count"] == "1"
    assert time.monotonic() - started < 3


def test_429_without_retries_raises_rate_limit_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Fault(429))
    with pytest.raises(openai.RateLimitError) as info:
        chat(fake_openai)
    assert info.value.code == "rate_limit_exceeded"


# 5
def test_500_raises_internal_server_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Fault(500))
    with pytest.raises(openai.InternalServerError):
        chat(fake_openai)


# 6
def test_delay_beyond_client_timeout_raises_timeout(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Delay(2, Content("too late")))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        chat(fake_openai, timeout=0.5)
    assert time.monotonic() - started < 1.5


# 7
@pytest.mark.parametrize("answer", [Truncated(), Drop()], ids=["truncated", "drop"])
def test_broken_connection_raises_api_connection_error(
    fake_openai: FakeOpenAI, answer: Truncated | Drop
) -> None:
    fake_openai.push(answer)
    with pytest.raises(openai.APIConnectionError) as info:
        chat(fake_openai)
    assert type(info.value) is openai.APIConnectionError  # not the APITimeoutError subclass


def test_malformed_json_raises_plain_json_decode_error(fake_openai: FakeOpenAI) -> None:
    """Not an openai exception: the SDK lets json.JSONDecodeError (a ValueError) escape."""
    fake_openai.push(Malformed())
    with pytest.raises(json.JSONDecodeError):
        chat(fake_openai)


@pytest.mark.parametrize(
    ("answer", "cause", "requests"),
    [
        (Fault(500), openai.InternalServerError, 1),
        (Drop(), openai.APIConnectionError, 1),
        (Malformed(), json.JSONDecodeError, 2),  # instructor retries parse errors
        (Refusal(), AssertionError, 1),  # 10: TOOLS mode, no tool call -> refusal text
    ],
    ids=["fault", "drop", "malformed", "refusal"],
)
def test_instructor_wraps_failures_in_retry_exception(
    fake_openai: FakeOpenAI, answer: Any, cause: type[BaseException], requests: int
) -> None:
    fake_openai.push(answer, answer)
    with client(fake_openai) as c:
        ic = instructor.from_openai(c, mode=instructor.Mode.TOOLS)
        with pytest.raises(InstructorRetryException) as info:
            ic.chat.completions.create(
                model="fake-model", response_model=Question, messages=MESSAGES, max_retries=1
            )
    assert isinstance(info.value.__cause__, cause)
    assert len(fake_openai.chat_requests) == requests


# 10
def test_refusal_reaches_sdk_and_instructor_raises(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Refusal("Not today."), Refusal("Not today."))
    completion = chat(fake_openai)
    message = completion.choices[0].message
    assert message.refusal == "Not today." and message.content is None

    with client(fake_openai) as c:
        ic = instructor.from_openai(c, mode=instructor.Mode.TOOLS)
        with pytest.raises(InstructorRetryException, match="Not today."):
            ic.chat.completions.create(
                model="fake-model", response_model=Question, messages=MESSAGES, max_retries=0
            )


# 8
def test_wrong_key_raises_authentication_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Content("never sent"))
    with openai.OpenAI(base_url=fake_openai.base_url, api_key="sk-wrong", max_retries=0) as c:
        with pytest.raises(openai.AuthenticationError) as info:
            c.chat.completions.create(model="fake-model", messages=MESSAGES)
        with pytest.raises(openai.AuthenticationError):
            c.models.list()
    assert info.value.code == "invalid_api_key"
    assert "sk-wr***" in info.value.message
    assert fake_openai.remaining == 1  # a rejected request consumes no answer


def test_models_endpoint_lists_models(fake_openai: FakeOpenAI) -> None:
    fake_openai.models = ["fake-model", "other-model"]
    with client(fake_openai) as c:
        assert [m.id for m in c.models.list()] == ["fake-model", "other-model"]


def test_unknown_path_is_404(fake_openai: FakeOpenAI) -> None:
    with client(fake_openai) as c, pytest.raises(openai.NotFoundError):
        c.embeddings.create(model="fake-model", input="x")


def test_empty_queue_is_a_clear_500_unless_a_responder_is_set(fake_openai: FakeOpenAI) -> None:
    with pytest.raises(openai.InternalServerError, match="no scripted answer left"):
        chat(fake_openai, max_retries=2)  # x-should-retry: false -> not retried
    assert len(fake_openai.chat_requests) == 1

    fake_openai.responder = lambda request: Content(request["messages"][-1]["content"].upper())
    assert chat(fake_openai).choices[0].message.content == MESSAGES[0]["content"].upper()


def test_responder_bug_becomes_500_and_is_kept_in_errors(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(ToolCall({"a": 1}))  # no name, and the request has no tools
    with pytest.raises(openai.InternalServerError, match="no tools"):
        chat(fake_openai)
    assert len(fake_openai.errors) == 1


# 9
def test_async_calls_run_concurrently(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(*(Delay(0.5, Content(f"answer {i}")) for i in range(4)))

    async def main() -> list[str | None]:
        async with openai.AsyncOpenAI(
            base_url=fake_openai.base_url, api_key=fake_openai.api_key, max_retries=0
        ) as c:
            calls = (
                c.chat.completions.create(model="fake-model", messages=MESSAGES) for _ in range(4)
            )
            return [r.choices[0].message.content for r in await asyncio.gather(*calls)]

    started = time.monotonic()
    answers = asyncio.run(main())
    assert time.monotonic() - started < 1.5
    assert sorted(answers) == [f"answer {i}" for i in range(4)]
    assert fake_openai.in_flight_max >= 4


def test_stop_is_prompt_even_with_a_pending_delay() -> None:
    server = FakeOpenAI().start()
    server.push(Delay(30, Content("never")))
    with pytest.raises(openai.APIConnectionError):
        chat(server, timeout=0.2)
    started = time.monotonic()
    server.stop()
    server.stop()  # idempotent
    assert time.monotonic() - started < 1
