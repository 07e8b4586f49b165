"""Prompts are files: sandboxed, strict, and shipped inside the wheel."""

from __future__ import annotations

import pytest
from paths import ROOT

from guideagent.errors import ConfigError
from guideagent.prompts import render


def test_missing_variable_fails_loudly():
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        render("critique_guide", guide=None)


def test_prompt_dir_override(tmp_path, monkeypatch):
    (tmp_path / "hello.md").write_text(
        "{% block system %}sys{% endblock %}{% block user %}Hi {{ name }}{% endblock %}"
    )
    monkeypatch.setenv("GUIDEAGENT_PROMPTS_DIR", str(tmp_path))
    rendered = render("hello", name="Ada")
    assert rendered.messages() == [
        {"role": "system", "content": "sys"},
        {"role": "user", "content": "Hi Ada"},
    ]
    with pytest.raises(ConfigError, match="not found"):
        render("nope")


def test_sandbox_blocks_attribute_escapes(tmp_path, monkeypatch):
    from jinja2.exceptions import SecurityError

    (tmp_path / "evil.md").write_text(
        "{% block system %}{% endblock %}{% block user %}{{ x.__class__.__mro__ }}{% endblock %}"
    )
    monkeypatch.setenv("GUIDEAGENT_PROMPTS_DIR", str(tmp_path))
    with pytest.raises(SecurityError):
        render("evil", x="s").user  # noqa: B018


@pytest.mark.slow
def test_wheel_ships_every_prompt(wheel_names):
    for prompt in (ROOT / "prompts").glob("*.md"):
        assert f"guideagent/prompts/{prompt.name}" in wheel_names, prompt.name


@pytest.mark.slow
def test_wheel_ships_the_embedding_tokenizer_and_its_notice(wheel_names):
    # Offline synthesis cannot embed without it, and nothing is downloaded at run time.
    assert "guideagent/synthesis/data/minilm-tokenizer.json" in wheel_names
    assert "guideagent/synthesis/data/NOTICE" in wheel_names
