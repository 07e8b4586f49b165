"""Speaker turns from JSON: {"participant": "P3", "utterances": [...]} or a bare list.

Each utterance: {"speaker", "text", "role"?: "interviewer"|"participant", "start"?:
seconds or "00:01:23"}. A bad item is skipped with a warning naming its index, so one
typo does not lose the interview.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guideagent.errors import InputError
from guideagent.ingest.turns import Parsed, Turn, clean_speaker, clock_seconds
from guideagent.schemas.transcript import Role


def parse_json(text: str, path: Path) -> Parsed:
    """Turns from JSON text; raises InputError when it is not JSON of the expected shape."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"not valid JSON ({error.msg}, column {error.colno})", path, error.lineno
        ) from error
    items = data.get("utterances") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError('expected {"utterances": [...]} or a list of utterances', path)
    parsed = Parsed()
    for index, item in enumerate(items):
        turn, problem = _turn(item)
        if turn is None:
            parsed.warnings.append(f"utterance {index}: {problem}; skipped")
        else:
            parsed.turns.append(turn)
            if problem:
                parsed.warnings.append(f"utterance {index}: {problem}")
    return parsed


def _turn(item: Any) -> tuple[Turn | None, str | None]:
    """A turn, or None and why not; a second value alongside a turn is a lesser problem."""
    if not isinstance(item, dict):
        return None, "not an object"
    speaker, text = item.get("speaker"), item.get("text")
    if not isinstance(speaker, str) or not speaker.strip():
        return None, "no speaker"
    if not isinstance(text, str) or not text.strip():
        return None, "no text"
    role, problem = _role(item.get("role"))
    start, start_problem = _start(item.get("start"))
    turn = Turn(clean_speaker(speaker), text.strip(), start, None, role)
    return turn, problem or start_problem


def _role(value: Any) -> tuple[Role | None, str | None]:
    if value is None:
        return None, None
    try:
        return Role(str(value).strip().lower()), None
    except ValueError:
        return (
            None,
            f"unknown role {value!r} (expected 'interviewer' or 'participant'); role guessed",
        )


def _start(value: Any) -> tuple[float | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return round(float(value), 3), None
    seconds = clock_seconds(value) if isinstance(value, str) else None
    if seconds is None:
        return None, f"cannot read start {value!r}; kept without a start time"
    return seconds, None
