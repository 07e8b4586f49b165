"""Test doubles for guideagent's external services.

``openai_server.FakeOpenAI`` is a real OpenAI-compatible HTTP server on 127.0.0.1 with
scripted answers and injected faults; ``fixtures.fake_openai`` is its pytest fixture.
``engine.FakeEngine`` is a deterministic engine at guideagent's own protocol (slow, failing
on interview N, paid or free) for pipeline and app tests that need no wire.
"""

from .openai_server import (
    ANSWER_TYPES,
    Answer,
    Content,
    Delay,
    Drop,
    FakeOpenAI,
    Fault,
    Held,
    Malformed,
    RecordedRequest,
    Refusal,
    Reply,
    ToolCall,
    Truncated,
    estimate_tokens,
    openai_error,
    prompt_text,
    prompt_tokens,
)

__all__ = [
    "ANSWER_TYPES",
    "Answer",
    "Content",
    "Delay",
    "Drop",
    "FakeOpenAI",
    "Fault",
    "Held",
    "Malformed",
    "RecordedRequest",
    "Refusal",
    "Reply",
    "ToolCall",
    "Truncated",
    "estimate_tokens",
    "openai_error",
    "prompt_text",
    "prompt_tokens",
]
