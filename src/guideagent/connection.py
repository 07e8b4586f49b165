"""Test the provider connection: list its models, the cheapest call that proves the URL and
the key work. It lives in the core so the TUI's settings tab, the CLI and tests share it.

Errors are explained by the engine's own `guideagent.llm.StructuredLLM.explain`, so a failed test says
exactly what a failed draft would. openai is imported only when the test runs.
"""

from __future__ import annotations

from guideagent.config import Settings

SHOWN = 8
TIMEOUT = 20.0  # a test should answer quickly even when drafting is allowed to take longer


def list_models(settings: Settings) -> list[str]:
    """The provider's model ids, sorted. One try, no retries: the user is waiting.
    Failures raise ProviderError with a message that says what to do."""
    from guideagent.llm import StructuredLLM, plain_client

    client = plain_client(settings, timeout=min(settings.timeout, TIMEOUT))
    try:
        return sorted(model.id for model in client.models.list())
    except Exception as exc:
        raise StructuredLLM(settings).explain(exc, 1) from None
    finally:
        client.close()


def describe_models(settings: Settings, models: list[str]) -> str:
    """One line for the user: where, how many models, and whether the configured one is there."""
    where = settings.base_url or "https://api.openai.com/v1"
    shown = ", ".join(models[:SHOWN]) + (
        f" and {len(models) - SHOWN} more" if len(models) > SHOWN else ""
    )
    detail = f"Connected to {where}: {len(models)} models ({shown or 'none listed'})."
    if models and settings.model not in models:
        detail += f" Model {settings.model!r} is not among them: check the name."
    return detail
