"""What LLM calls cost: one record per call, and the running totals faces and evals read."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def since(self, mark: int) -> Usage:
        """The calls made after `mark` (an earlier `len(usage.calls)`)."""
        return Usage(calls=list(self.calls[mark:]))


# Every call in this process, across engines: the eval scoreboard reports tokens spent from it.
PROCESS_USAGE = Usage()
