"""What a real CLI run prints on stderr when the provider fails: one line per retry, one
line for the error, and never the key, even when the server echoes it in its error body."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fakes import Fault, openai_error

GUIDE = (
    "# Guide\n\n## Warm-up\n1. Tell me a bit about your role.\n\n## Main\n2. Do you like the app?\n"
)


def run_cli(fake_openai, tmp_path, *extra: str) -> subprocess.CompletedProcess:
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE)
    env = {
        **os.environ,
        "OPENAI_API_KEY": fake_openai.api_key,
        "GUIDEAGENT_MAX_RETRIES": "2",
        "GUIDEAGENT_TIMEOUT": "10",
    }
    command = [sys.executable, "-m", "guideagent.cli", *extra, "critique", str(guide)]
    command += ["--engine", "llm", "--base-url", fake_openai.base_url, "--model", "fake-model"]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def echoing(status: int, key: str) -> Fault:
    return Fault(status, body=openai_error(f"upstream said no to token {key} (echoed)"))


@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_a_500_echoing_the_key_prints_one_line_per_retry_and_no_key(fake_openai, tmp_path, verbose):
    key = fake_openai.api_key
    fake_openai.push(*[echoing(500, key) for _ in range(3)])
    result = run_cli(fake_openai, tmp_path, *verbose)
    assert result.returncode == 3
    assert len(fake_openai.chat_requests) == 3
    assert key not in result.stderr and key not in result.stdout
    lines = result.stderr.splitlines()
    retries = [line for line in lines if "retrying after HTTP 500" in line]
    assert [r.split(": ", 1)[1] for r in retries] == [
        "retrying after HTTP 500 (try 2 of 3)…",
        "retrying after HTTP 500 (try 3 of 3)…",
    ]
    assert lines[-1].startswith("Provider error: The provider kept failing (HTTP 500)")
    if not verbose:
        assert len(lines) == len(retries) + 1  # nothing else: no raw library lines
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("verbose", [[], ["-vv"]])
def test_a_400_echoing_the_key_is_one_masked_line(fake_openai, tmp_path, verbose):
    key = fake_openai.api_key
    fake_openai.push(echoing(400, key))
    result = run_cli(fake_openai, tmp_path, *verbose)
    assert result.returncode == 3
    assert key not in result.stderr and key not in result.stdout
    lines = result.stderr.splitlines()
    assert "***" in lines[-1] and lines[-1].startswith("Provider error:")
    if not verbose:
        assert len(lines) == 1
