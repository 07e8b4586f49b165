"""The LLM client: structured calls to any OpenAI-compatible endpoint (openai + instructor),
with one retry layer per concern, a total deadline per call, usage records and quiet,
scrubbed logs. It sits below every step package: drafting, critique and synthesis import
it; it imports none of them.

    client.py   StructuredLLM (call, acall, explain) and plain_client
    retry.py    what is retried, Retry-After, and the total deadline
    usage.py    CallRecord, Usage, PROCESS_USAGE, CostEstimate
    logs.py     quiet library loggers, the key scrubber, the CLI's log setup

Importing this package is cheap: the client (tenacity, jinja, then openai and instructor on
the first call) loads when `StructuredLLM` or `plain_client` is first asked for.
"""

from typing import Any

from guideagent.llm.usage import PROCESS_USAGE, CallRecord, CostEstimate, Usage

__all__ = [
    "PROCESS_USAGE",
    "CallRecord",
    "CostEstimate",
    "StructuredLLM",
    "Usage",
    "plain_client",
]


def __getattr__(name: str) -> Any:
    if name in ("StructuredLLM", "plain_client"):
        from guideagent.llm import client

        return getattr(client, name)
    raise AttributeError(f"module 'guideagent.llm' has no attribute {name!r}")
