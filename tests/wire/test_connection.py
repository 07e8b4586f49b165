"""The connection test a user runs from settings: it lists the provider's models, or says
what is wrong in the same words a failed draft would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guideagent.config import load_settings
from guideagent.connection import SHOWN, describe_models, list_models
from guideagent.errors import ProviderError


def settings_for(base_url: str, api_key: str, model: str = "fake-model"):
    return load_settings(
        {"engine": "llm", "base_url": base_url, "api_key": api_key, "model": model}
    )


def test_lists_the_models_and_names_the_configured_one(fake_openai):
    fake_openai.models = ["zeta", "fake-model", "alpha"]
    settings = settings_for(fake_openai.base_url, fake_openai.api_key)

    models = list_models(settings)

    assert models == ["alpha", "fake-model", "zeta"]
    assert [r.path for r in fake_openai.requests] == ["/v1/models"]
    detail = describe_models(settings, models)
    assert detail.startswith(f"Connected to {fake_openai.base_url}: 3 models")
    assert "not among them" not in detail


def test_says_when_the_configured_model_is_not_offered(fake_openai):
    fake_openai.models = [f"m{i}" for i in range(SHOWN + 3)]
    settings = settings_for(fake_openai.base_url, fake_openai.api_key, model="gpt-typo")

    detail = describe_models(settings, list_models(settings))

    assert "and 3 more" in detail
    assert "Model 'gpt-typo' is not among them: check the name." in detail


def test_a_wrong_key_is_explained_once_without_leaking_it(fake_openai):
    settings = settings_for(fake_openai.base_url, "sk-wrong-key-123")

    with pytest.raises(ProviderError) as caught:
        list_models(settings)

    assert "rejected the API key (401)" in caught.value.message
    assert "sk-wrong-key-123" not in caught.value.message
    assert len(fake_openai.requests) == 1  # no retries while the user waits


def test_an_unreachable_server_is_explained_as_the_engine_would():
    settings = settings_for("http://127.0.0.1:9/v1", "sk-test")

    with pytest.raises(ProviderError) as caught:
        list_models(settings)

    assert caught.value.message == (
        "Could not reach http://127.0.0.1:9/v1 after 1 try: the connection failed or was cut. "
        "Is the server running and the URL right?"
    )


def test_importing_it_does_not_load_openai():
    code = "import sys, guideagent.connection; assert 'openai' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
