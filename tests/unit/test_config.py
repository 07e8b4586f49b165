"""Settings precedence: CLI flags > env > TOML file > defaults; the key never shows."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from paths import ROOT

from guideagent.config import is_loopback_url, load_settings, save_settings
from guideagent.errors import ConfigError


def test_defaults_mean_offline(isolated_config):
    settings = load_settings()
    assert settings.resolved_engine() == "offline"
    assert settings.source == {}


def test_precedence_flag_env_file(isolated_config, monkeypatch):
    isolated_config.write_text('model = "from-file"\nconcurrency = 7\ntimeout = 5\n')
    monkeypatch.setenv("GUIDEAGENT_MODEL", "from-env")
    monkeypatch.setenv("GUIDEAGENT_TIMEOUT", "9")
    settings = load_settings({"model": "from-flag"})
    assert settings.model == "from-flag" and settings.source["model"] == "flag"
    assert settings.timeout == 9 and settings.source["timeout"] == "env"
    assert settings.concurrency == 7 and settings.source["concurrency"] == "file"


def test_key_or_base_url_selects_llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    settings = load_settings()
    assert settings.resolved_engine() == "llm"
    assert settings.resolved_mode() == "tools"
    assert "sk-abc" not in repr(settings) and "sk-abc" not in str(settings.describe())


def test_local_server_means_json_mode_and_no_redaction(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    settings = load_settings()
    assert settings.resolved_engine() == "llm"
    assert settings.resolved_mode() == "json"
    assert settings.is_local() and not settings.redaction_on()
    assert load_settings({"base_url": "https://api.example.com/v1"}).redaction_on()


def test_broken_file_names_the_file(isolated_config):
    isolated_config.write_text("model = \n")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(isolated_config) in info.value.message


def test_bad_value_says_where_it_came_from(monkeypatch):
    monkeypatch.setenv("GUIDEAGENT_CONCURRENCY", "lots")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "concurrency" in info.value.message and "env" in info.value.message


def test_unknown_setting_is_refused(isolated_config):
    isolated_config.write_text('colour = "blue"\n')
    with pytest.raises(ConfigError, match="colour"):
        load_settings()


def test_save_never_writes_the_key(isolated_config):
    settings = load_settings({"api_key": "sk-secret", "model": "m1", "concurrency": 3})
    path = save_settings(settings)
    text = path.read_text()
    assert "sk-secret" not in text
    again = load_settings()
    assert again.model == "m1" and again.concurrency == 3 and again.api_key is None


def test_no_provider_or_guideagent_variable_leaks_in():
    """Run inside the suite, and by the test below with a polluted shell."""
    leaked = {
        var
        for var in os.environ
        if var.startswith(("GUIDEAGENT_", "OPENAI_"))
        and var not in {"GUIDEAGENT_CONFIG", "GUIDEAGENT_DATA_DIR"}
    }
    assert leaked == set()


def test_a_developers_shell_does_not_leak_into_tests():
    polluted = {
        **os.environ,
        "GUIDEAGENT_CONTEXT_TOKENS": "5",
        "GUIDEAGENT_MIN_PARTICIPANTS": "99",
        "GUIDEAGENT_SOMETHING_NEW": "x",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "OPENAI_ORG_ID": "org-leak",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_no_provider_or_guideagent_variable_leaks_in",
        ],
        env=polluted,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:11434/v1",
        "http://LOCALHOST/v1",
        "http://127.0.0.1:8000/v1",
        "http://127.8.9.10/v1",
        "http://[::1]:8080/v1",
        "https://user:pw@localhost/v1",
    ],
)
def test_loopback_hosts_are_local(url):
    assert is_loopback_url(url)
    assert not load_settings({"base_url": url}).redaction_on()


@pytest.mark.parametrize(
    "url",
    [
        "https://localhost.example.com/v1",
        "http://localhost:80@api.example.com/v1",
        "http://127.0.0.1.nip.io/v1",
        "http://0.0.0.0:8000/v1",
        "http://10.0.0.5/v1",
        "http://[::ffff:8.8.8.8]/v1",
        "http://[::1/v1",
        "localhost:11434/v1",
        "",
        None,
    ],
)
def test_anything_else_is_not_local_and_is_redacted(url):
    assert not is_loopback_url(url)
    if url:
        assert load_settings({"base_url": url}).redaction_on()
