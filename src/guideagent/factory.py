"""The one composition root: settings in, engine out. CLI, TUI and tests all use it."""

from __future__ import annotations

from typing import Any

from guideagent.config import Settings, load_settings
from guideagent.protocol import Engine


def build_engine(settings: Settings | None = None, **overrides: Any) -> Engine:
    settings = settings or load_settings(overrides)
    if settings.resolved_engine() == "llm":
        from guideagent.engines.llm import LLMEngine

        return LLMEngine(settings)
    from guideagent.engines.offline import OfflineEngine

    return OfflineEngine(min_participants=settings.min_participants)
