"""How a transcript is shown to the model, and how a long one is cut to fit a context budget.

A transcript goes into the prompt as data, one line per utterance, `[u12] Ann: text`, after
a legend naming each speaker's role once (cheaper than repeating it on every line). The ids let the model cite an utterance instead of retyping who said it, and let
code verify every quote (DESIGN rule 1). Chunks are cut between turns, never inside one,
and preferably just before an interviewer turn so a question stays with its answer.
"""

from __future__ import annotations

import math
import re

from guideagent.schemas.transcript import Role, Transcript, Utterance

# Roughly four characters per token for English text; good enough for budgets and costs.
CHARS_PER_TOKEN = 4
_TAG = re.compile(r"</?\s*transcript\s*>", re.IGNORECASE)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def utterance_line(utterance: Utterance) -> str:
    text = " ".join(utterance.text.split())
    # A participant cannot close the data block early and speak to the model (rule 7).
    text = _TAG.sub(lambda m: m.group(0).replace("<", "< "), text)
    return f"[{utterance.id}] {utterance.speaker}: {text}"


def speaker_legend(transcript: Transcript) -> str:
    """`Interviewer (interviewer); Ann (participant)`: who is who, said once."""
    roles: dict[str, str] = {}
    for u in transcript.utterances:
        roles.setdefault(u.speaker, u.role.value)
    return "; ".join(f"{speaker} ({role})" for speaker, role in roles.items())


def render_utterances(utterances: list[Utterance]) -> str:
    return "\n".join(utterance_line(u) for u in utterances)


def transcript_tokens(transcript: Transcript) -> int:
    """The estimated tokens of the transcript as the model sees it."""
    return estimate_tokens(render_utterances(transcript.utterances))


def chunk_utterances(transcript: Transcript, budget_tokens: int) -> list[list[Utterance]]:
    """Split the utterances into runs of at most `budget_tokens` (estimated).

    An utterance longer than the budget is a chunk of its own: cutting a turn would cut a
    quote. When a chunk fills up, the cut moves back to the last interviewer turn in its
    second half, so the next chunk opens with a question rather than a stray answer.
    """
    budget = max(1, budget_tokens)
    chunks: list[list[Utterance]] = []
    current: list[Utterance] = []
    size = 0
    for utterance in transcript.utterances:
        cost = estimate_tokens(utterance_line(utterance)) + 1  # the newline
        while current and size + cost > budget:
            cut = _cut_point(current)
            chunks.append(current[:cut])
            current = current[cut:]
            size = sum(estimate_tokens(utterance_line(u)) + 1 for u in current)
        current.append(utterance)
        size += cost
    if current:
        chunks.append(current)
    return chunks


def _cut_point(chunk: list[Utterance]) -> int:
    """Index to cut at: the last interviewer turn in the chunk's second half, else the end."""
    for i in range(len(chunk) - 1, len(chunk) // 2, -1):
        if chunk[i].role == Role.interviewer:
            return i
    return len(chunk)
