"""What a synthesis run will cost, said before any LLM call so the user can decline.

Tokens are estimated from the text (about 4 characters a token) plus a fixed overhead per
call: the prompt's instructions and the response schema, measured by rendering the real
prompt with an empty transcript. Only interviews not already cached are counted.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from guideagent.config import Settings
from guideagent.llm.usage import CostEstimate
from guideagent.schemas import Guide, Study, Transcript
from guideagent.synthesis.chunking import (
    chunk_utterances,
    estimate_tokens,
    render_utterances,
)

# US dollars per million tokens (input, output), list prices as published in 2025. Longer
# names win, so "gpt-4o-mini" is not priced as "gpt-4o"; dated snapshots match by prefix.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "o4-mini": (1.10, 4.40),
    "o3-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
}
NOTES_PER_INTERVIEW = 12  # insights the map step typically returns, for the reduce estimate
TOKENS_PER_INSIGHT = 30
NOTES_COMPLETION = (300, 0.15, 2_000)  # floor, share of the chunk's tokens, ceiling
THEMES_COMPLETION = 1_200


def price_of(model: str) -> tuple[float, float] | None:
    name = model.lower().rsplit("/", 1)[-1]
    for known in sorted(PRICES, key=len, reverse=True):
        if name == known or name.startswith(known + "-"):
            return PRICES[known]
    return None


def call_overhead(prompt: str, response_model: type[BaseModel], **variables) -> int:
    """Tokens one call costs besides its data: rendered instructions plus the schema."""
    from guideagent.prompts import render

    rendered = render(prompt, **variables)
    schema = json.dumps(response_model.model_json_schema())
    return estimate_tokens(rendered.system + rendered.user + schema)


def estimate_cost(
    pending: list[Transcript],
    settings: Settings,
    *,
    study: Study | None = None,
    guide: Guide | None = None,
    participants: int = 0,
) -> CostEstimate:
    """The map calls for `pending` plus one reduce call over every participant's insights."""
    from guideagent.synthesis.llm import NotesAnswer, ThemesAnswer

    objectives = [{"id": o.id, "text": o.text} for o in (study.objectives if study else [])]
    questions = [{"id": q.id, "text": q.text} for q in (guide.questions() if guide else [])]
    notes_overhead = call_overhead(
        "extract_notes",
        NotesAnswer,
        title=study.title if study else "",
        objectives=objectives,
        questions=questions,
        transcript_id="P00",
        speakers="Interviewer (interviewer); P00 (participant)",
        part=1,
        parts=1,
        transcript="",
    )
    budget = settings.context_tokens
    floor, share, ceiling = NOTES_COMPLETION
    calls = prompt = completion = 0
    for transcript in pending:
        for chunk in chunk_utterances(transcript, budget) or [[]]:
            data = estimate_tokens(render_utterances(chunk))
            calls += 1
            prompt += notes_overhead + data
            completion += int(min(ceiling, max(floor, share * data)))
    insights = max(participants, len(pending)) * NOTES_PER_INTERVIEW
    calls += 1
    prompt += (
        call_overhead(
            "synthesize_themes",
            ThemesAnswer,
            title=study.title if study else "",
            objectives=objectives,
            participants=participants,
            insights="",
        )
        + insights * TOKENS_PER_INSIGHT
    )
    completion += THEMES_COMPLETION
    price = price_of(settings.model)
    usd = None if price is None else (prompt * price[0] + completion * price[1]) / 1_000_000
    return CostEstimate(
        interviews=len(pending),
        calls=calls,
        prompt_tokens=prompt,
        completion_tokens=completion,
        usd=usd,
        model=settings.model,
        local=settings.is_local(),
    )
