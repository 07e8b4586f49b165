"""The LLM engine over the wire: a real loopback server speaking the OpenAI protocol.

Covers what a user meets: a good answer, a re-ask after invalid output, 429 with
Retry-After, 500 then success, a timeout, retries exhausted, and a wrong key.
"""

from __future__ import annotations

import time

import pytest
from fakes import Content, Delay, Fault, Malformed, Refusal, Reply

from guideagent.engines.llm import LLMEngine
from guideagent.errors import ProviderError, StructuredOutputError
from guideagent.schemas import Guide, Objective, Question, Section, SectionKind, Study
from guideagent.schemas.critique import Code, FindingSource

GUIDE = Guide(
    title="Checkout study",
    sections=[
        Section(
            id="s1",
            title="Warm-up",
            kind=SectionKind.warm_up,
            questions=[
                Question(id="q1", text="Tell me a bit about your role."),
            ],
        ),
        Section(
            id="s2",
            title="Checkout",
            questions=[
                Question(id="q2", text="Do you like our checkout?"),
                Question(
                    id="q3", text="Walk me through the last time you bought something online."
                ),
            ],
        ),
    ],
)
STUDY = Study(
    title="Checkout", objectives=[Objective(id="o1", text="Understand how people check out online")]
)

GOOD_ANSWER = {
    "findings": [
        {
            "reasoning": "Yes/no question about liking.",
            "verdict": "confirm",
            "code": "closed",
            "question_id": "q2",
            "explanation": "Answerable with yes or no; it tells you nothing about what happened.",
            "rewrite": "Tell me about the last time you checked out with us.",
        },
        {
            "reasoning": "Presumes liking.",
            "verdict": "add",
            "code": "leading",
            "question_id": "q2",
            "explanation": "It presumes the participant has a feeling about the checkout.",
            "rewrite": None,
        },
        {
            "reasoning": "Refers to a question that does not exist.",
            "verdict": "add",
            "code": "jargon",
            "question_id": "q99",
            "explanation": "Invented.",
            "rewrite": None,
        },
    ]
}


def engine(fast_llm) -> LLMEngine:
    return LLMEngine(fast_llm.settings, llm=fast_llm)


def test_good_answer_merges_rules_and_model(fake_openai, fast_llm):
    fake_openai.push(Reply(GOOD_ANSWER))
    critique = engine(fast_llm).critique_guide(GUIDE, STUDY)

    closed = [f for f in critique.findings if f.code == Code.closed and f.question_id == "q2"]
    assert closed and closed[0].source == FindingSource.confirmed
    assert closed[0].rewrite == "Tell me about the last time you checked out with us."
    added = [f for f in critique.findings if f.source == FindingSource.llm]
    assert [(f.code, f.question_id) for f in added] == [(Code.leading, "q2")]
    assert all(
        f.question_id != "q99" for f in critique.findings
    )  # the model references, code resolves
    assert critique.engine == "llm"
    # The rules findings and the guide reached the model as data.
    sent = fake_openai.chat_requests[0].body["messages"][-1]["content"]
    assert "[q2] Do you like our checkout?" in sent and "closed on q2" in sent
    assert fast_llm.usage.calls[0].prompt == "critique_guide"
    assert fast_llm.usage.prompt_tokens > 0


def test_invalid_output_is_re_asked(fake_openai, fast_llm):
    fake_openai.push(Reply({"findings": [{"verdict": "maybe"}]}), Reply(GOOD_ANSWER))
    critique = engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert len(fake_openai.chat_requests) == 2
    # The re-ask tells the model what was wrong.
    assert "verdict" in str(fake_openai.chat_requests[1].body["messages"])
    assert any(f.source == FindingSource.confirmed for f in critique.findings)


def test_429_honours_retry_after(fake_openai, fast_llm):
    fake_openai.push(Fault(429, headers={"Retry-After": "1"}), Reply(GOOD_ANSWER))
    started = time.monotonic()
    engine(fast_llm).critique_guide(GUIDE, STUDY)
    gap = fake_openai.chat_requests[1].time - fake_openai.chat_requests[0].time
    assert len(fake_openai.chat_requests) == 2
    assert gap >= 0.95, "the client must wait as long as Retry-After says"
    assert time.monotonic() - started < 5


def test_500_then_success(fake_openai, fast_llm):
    fake_openai.push(Fault(500), Fault(503), Reply(GOOD_ANSWER))
    critique = engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert len(fake_openai.chat_requests) == 3
    assert critique.findings
    assert fast_llm.usage.calls[-1].attempts == 3


def test_timeout_is_retried_then_explained(fake_openai, fast_llm):
    fast_llm.settings.timeout = 0.5
    fake_openai.push(*[Delay(3.0, Reply(GOOD_ANSWER)) for _ in range(3)])
    with pytest.raises(ProviderError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert len(fake_openai.chat_requests) >= 2  # retried, within the deadline
    assert "No answer from" in info.value.message and "GUIDEAGENT_TIMEOUT" in info.value.message


def test_a_hung_server_fails_within_twice_the_timeout(fake_openai, fast_llm):
    """However many retries are allowed, a call ends by its deadline: 2 x the timeout."""
    timeout = 0.5
    fast_llm.settings.timeout = timeout
    fast_llm.settings.max_retries = 20
    fake_openai.push(*[Delay(10.0, Reply(GOOD_ANSWER)) for _ in range(21)])
    started = time.monotonic()
    with pytest.raises(ProviderError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    elapsed = time.monotonic() - started
    assert elapsed < 2 * timeout + 1.0
    assert 2 <= len(fake_openai.chat_requests) <= 4
    assert "No answer from" in info.value.message and "1 s in all" in info.value.message


def test_a_hung_server_fails_within_the_deadline_in_async_calls(fake_openai, fast_llm):
    import asyncio

    from guideagent.critique.llm import CritiqueAnswer

    timeout = 0.5
    fast_llm.settings.timeout = timeout
    fast_llm.settings.max_retries = 20
    fake_openai.push(*[Delay(10.0, Reply(GOOD_ANSWER)) for _ in range(21)])
    started = time.monotonic()
    with pytest.raises(ProviderError):
        asyncio.run(
            fast_llm.acall(
                "critique_guide", CritiqueAnswer, guide=GUIDE, study=STUDY, rules_findings=[]
            )
        )
    assert time.monotonic() - started < 2 * timeout + 1.0


def test_retry_after_beyond_the_deadline_fails_at_once_and_says_the_wait(fake_openai, fast_llm):
    fake_openai.push(Fault(429, headers={"Retry-After": "3600"}), Reply(GOOD_ANSWER))
    started = time.monotonic()
    with pytest.raises(ProviderError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert time.monotonic() - started < 1.0
    assert len(fake_openai.chat_requests) == 1
    assert "asked to wait 60 min" in info.value.message


def test_a_slow_server_with_retry_after_is_bounded_too(fake_openai, fast_llm):
    """Delays and a Retry-After that fits: the call still ends by the deadline."""
    timeout = 1.0
    fast_llm.settings.timeout = timeout
    fast_llm.settings.max_retries = 20
    fake_openai.push(
        Delay(0.6, Fault(503, headers={"Retry-After": "0.5"})),
        *[Delay(10.0, Reply(GOOD_ANSWER)) for _ in range(20)],
    )
    started = time.monotonic()
    with pytest.raises(ProviderError):
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert time.monotonic() - started < 2 * timeout + 1.0


def test_timeout_then_success(fake_openai, fast_llm):
    fast_llm.settings.timeout = 0.3
    fake_openai.push(Delay(1.0, Reply(GOOD_ANSWER)), Reply(GOOD_ANSWER))
    assert engine(fast_llm).critique_guide(GUIDE, STUDY).findings


def test_retries_exhausted_gives_clear_message(fake_openai, fast_llm):
    fake_openai.push(Fault(500), Fault(500), Fault(500))
    with pytest.raises(ProviderError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert "HTTP 500" in info.value.message and "after 3 tries" in info.value.message
    assert len(fake_openai.chat_requests) == 3


def test_wrong_key_is_not_retried_and_not_leaked(fake_openai, fast_llm):
    from pydantic import SecretStr

    fast_llm.settings.api_key = SecretStr("sk-wrong-secret-123")
    with pytest.raises(ProviderError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert len(fake_openai.chat_requests) == 1
    assert "401" in info.value.message and "OPENAI_API_KEY" in info.value.message
    assert "sk-wrong-secret-123" not in info.value.message


def test_invalid_json_every_time_is_a_structured_output_error(fake_openai, fast_llm):
    fake_openai.push(*[Content("this is not json") for _ in range(3)])
    fast_llm.settings.mode = "json"
    with pytest.raises(StructuredOutputError) as info:
        engine(fast_llm).critique_guide(GUIDE, STUDY)
    assert "structured output" in info.value.message
    assert len(fake_openai.chat_requests) == 3  # first try + validation_retries=2


def test_malformed_body_then_success(fake_openai, fast_llm):
    fake_openai.push(Malformed(), Reply(GOOD_ANSWER))
    assert engine(fast_llm).critique_guide(GUIDE, STUDY).findings


def test_refusal_is_explained(fake_openai, fast_llm):
    fake_openai.push(*[Refusal() for _ in range(3)])
    with pytest.raises(StructuredOutputError):
        engine(fast_llm).critique_guide(GUIDE, STUDY)


def test_json_mode_for_ollama_style_servers(fake_openai, fast_llm):
    fast_llm.settings.mode = "json"
    fake_openai.push(Reply(GOOD_ANSWER))
    engine(fast_llm).critique_guide(GUIDE, STUDY)
    body = fake_openai.chat_requests[0].body
    assert body["response_format"] == {"type": "json_object"} and "tools" not in body
