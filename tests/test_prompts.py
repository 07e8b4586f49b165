"""Prompts are files: sandboxed, strict, and shipped inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guideagent.errors import ConfigError
from guideagent.prompts import render

ROOT = Path(__file__).resolve().parents[1]


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
def test_wheel_ships_every_prompt(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("guideagent-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for prompt in (ROOT / "prompts").glob("*.md"):
        assert f"guideagent/prompts/{prompt.name}" in names, prompt.name
