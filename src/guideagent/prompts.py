"""Prompt templates: one Jinja file per LLM step in prompts/, rendered in a sandbox.

A template defines `{% block system %}` and `{% block user %}`. The root is, in order:
GUIDEAGENT_PROMPTS_DIR, the copy packaged in the wheel, the checkout's prompts/.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guideagent.errors import ConfigError

PACKAGED = Path(__file__).parent / "prompts"
CHECKOUT = Path(__file__).resolve().parents[2] / "prompts"


def prompts_root() -> Path:
    explicit = os.environ.get("GUIDEAGENT_PROMPTS_DIR")
    if explicit:
        return Path(explicit)
    if PACKAGED.is_dir():
        return PACKAGED
    return CHECKOUT


@dataclass(frozen=True)
class RenderedPrompt:
    name: str
    system: str
    user: str
    sha: str  # hash of the template file, logged with every call so runs are reproducible

    def messages(self) -> list[dict[str, str]]:
        out = []
        if self.system.strip():
            out.append({"role": "system", "content": self.system.strip()})
        out.append({"role": "user", "content": self.user.strip()})
        return out


@lru_cache(maxsize=64)
def _load(root: Path, name: str):
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    path = root / f"{name}.md"
    if not path.is_file():
        raise ConfigError(f"Prompt {name!r} not found at {path}.")
    source = path.read_text(encoding="utf-8")
    env = SandboxedEnvironment(
        undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    template = env.from_string(source)
    return template, hashlib.sha256(source.encode()).hexdigest()[:12]


def render(name: str, /, **variables) -> RenderedPrompt:
    template, sha = _load(prompts_root(), name)
    context = template.new_context(variables)
    parts = {}
    for block in ("system", "user"):
        if block not in template.blocks:
            raise ConfigError(f"Prompt {name!r} has no {{% block {block} %}}.")
        parts[block] = "".join(template.blocks[block](context))
    return RenderedPrompt(name=name, system=parts["system"], user=parts["user"], sha=sha)
