"""What LLM calls cost: a record per call made, running totals faces and evals read, and
the estimate a face shows before a run (priced by guideagent.synthesis.cost)."""

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


@dataclass(frozen=True)
class CostEstimate:
    interviews: int  # interviews that will be sent (not cached)
    calls: int
    prompt_tokens: int
    completion_tokens: int
    usd: float | None  # None: no known price for this model
    model: str
    local: bool

    def describe(self) -> str:
        tokens = f"~{self.prompt_tokens:,} prompt + ~{self.completion_tokens:,} completion tokens"
        if self.usd is not None:
            money = f"about ${self.usd:.2f} at {self.model} list prices"
            if self.local:
                money += " (if your local endpoint bills at all)"
        elif self.local:
            money = "a local model: no per-token charge expected"
        else:
            money = f"unknown price for model {self.model!r}"
        return (
            f"{self.interviews} interview(s) to process in {self.calls} call(s): {tokens}; {money}."
        )


# Every call in this process, across engines: the eval scoreboard reports tokens spent from it.
PROCESS_USAGE = Usage()
