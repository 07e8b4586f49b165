"""The settings tab's connection test: list the provider's models. Plain Python; openai is
imported only when the test runs."""

from __future__ import annotations

from guideagent.config import Settings

SHOWN = 8


def list_models(settings: Settings) -> list[str]:
    """Ask the provider for its models: the cheapest call that proves URL and key work.
    Failures come back as ProviderError with a message that says what to do."""
    import openai

    from guideagent.engines.structured import StructuredLLM

    key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
    client = openai.OpenAI(
        api_key=key,
        base_url=settings.base_url or None,
        timeout=min(settings.timeout, 20),
        max_retries=0,
    )
    try:
        return sorted(model.id for model in client.models.list())
    except Exception as exc:
        raise StructuredLLM(settings).explain(exc, 1) from None
    finally:
        client.close()


def describe_models(settings: Settings, models: list[str]) -> str:
    where = settings.base_url or "https://api.openai.com/v1"
    shown = ", ".join(models[:SHOWN]) + (
        f" and {len(models) - SHOWN} more" if len(models) > SHOWN else ""
    )
    detail = f"Connected to {where}: {len(models)} models ({shown or 'none listed'})."
    if models and settings.model not in models:
        detail += f" Model {settings.model!r} is not among them: check the name."
    return detail
