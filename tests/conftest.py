"""Shared fixtures. Tests never read the user's real config or environment."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fakes.fixtures import fake_openai  # noqa: F401  (registers the fixture)

# Every variable guideagent or the openai client reads: a developer's shell never leaks in.
ISOLATED_PREFIXES = ("GUIDEAGENT_", "OPENAI_")


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory, monkeypatch):
    """Point config and user data at temp paths and clear provider variables."""
    for var in [v for v in os.environ if v.startswith(ISOLATED_PREFIXES)]:
        monkeypatch.delenv(var)
    config = tmp_path_factory.mktemp("config") / "config.toml"
    monkeypatch.setenv("GUIDEAGENT_CONFIG", str(config))
    # The app's recent-studies list and other user data: never the user's real ones.
    monkeypatch.setenv("GUIDEAGENT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    return config


@pytest.fixture
def llm_settings(fake_openai):  # noqa: F811
    """Settings that point the LLM engine at the loopback server, with fast retries."""
    from guideagent.config import load_settings

    return load_settings(
        {
            "engine": "llm",
            "base_url": fake_openai.base_url,
            "api_key": fake_openai.api_key,
            "model": "fake-model",
            "mode": "tools",
            "timeout": 2.0,
            "max_retries": 2,
        }
    )


@pytest.fixture
def fast_llm(llm_settings):
    """A StructuredLLM with millisecond backoff so fault tests stay fast."""
    from guideagent.llm import StructuredLLM

    return StructuredLLM(llm_settings, backoff=0.01, backoff_max=0.05)


@pytest.fixture(scope="session")
def wheel_names(tmp_path_factory) -> set[str]:
    """The files in a wheel built from this checkout, built once per test run."""
    outdir = tmp_path_factory.mktemp("wheel")
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(outdir),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    return set(zipfile.ZipFile(next(outdir.glob("guideagent-*.whl"))).namelist())
