"""Settings, from (lowest to highest) defaults, a TOML file, the environment and CLI flags.

The file lives in the user config dir (platformdirs) unless GUIDEAGENT_CONFIG names one;
nothing is created at import time. The API key is a SecretStr so it never prints.
"""

from __future__ import annotations

import ipaddress
import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, ValidationError

from guideagent.errors import ConfigError, did_you_mean

EngineName = Literal["auto", "offline", "llm"]
ModeName = Literal["auto", "tools", "json", "md_json"]

# Environment variable -> settings field. OPENAI_* are the names every tool shares.
ENV_VARS: dict[str, str] = {
    "OPENAI_API_KEY": "api_key",
    "OPENAI_BASE_URL": "base_url",
    "GUIDEAGENT_API_KEY": "api_key",
    "GUIDEAGENT_BASE_URL": "base_url",
    "GUIDEAGENT_ENGINE": "engine",
    "GUIDEAGENT_MODEL": "model",
    "GUIDEAGENT_MODE": "mode",
    "GUIDEAGENT_TIMEOUT": "timeout",
    "GUIDEAGENT_MAX_RETRIES": "max_retries",
    "GUIDEAGENT_VALIDATION_RETRIES": "validation_retries",
    "GUIDEAGENT_CONCURRENCY": "concurrency",
    "GUIDEAGENT_REDACT": "redact",
    "GUIDEAGENT_REVISE_ROUNDS": "revise_rounds",
    "GUIDEAGENT_CONTEXT_TOKENS": "context_tokens",
    "GUIDEAGENT_MIN_PARTICIPANTS": "min_participants",
}


class Settings(BaseModel):
    engine: EngineName = "auto"
    api_key: SecretStr | None = None
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    mode: ModeName = Field(
        default="auto",
        description="instructor mode: tools for OpenAI, json for Ollama and other servers.",
    )
    timeout: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=4, ge=0, description="Transport retries: 429, 5xx, timeouts.")
    validation_retries: int = Field(default=2, ge=0, description="Re-asks on invalid output.")
    concurrency: int = Field(default=4, ge=1, le=64)
    redact: bool | None = Field(default=None, description="None: on for any non-local provider.")
    revise_rounds: int = Field(default=2, ge=0, le=10)
    context_tokens: int = Field(
        default=12000, ge=1000, description="Transcript tokens per call; longer ones are chunked."
    )
    min_participants: int = Field(
        default=2, ge=1, description="A theme needs this many participants; fewer is a signal."
    )
    source: dict[str, str] = Field(default_factory=dict, exclude=True)

    def resolved_engine(self) -> Literal["offline", "llm"]:
        if self.engine != "auto":
            return self.engine
        return "llm" if (self.api_key or self.base_url) else "offline"

    def resolved_mode(self) -> Literal["tools", "json", "md_json"]:
        if self.mode != "auto":
            return self.mode
        return "tools" if self.is_openai() else "json"

    def is_openai(self) -> bool:
        return not self.base_url or "api.openai.com" in self.base_url

    def is_local(self) -> bool:
        return is_loopback_url(self.base_url)

    def redaction_on(self) -> bool:
        return self.redact if self.redact is not None else not self.is_local()

    def describe(self) -> dict[str, Any]:
        """What a user may see: everything but the key, which is only said to be present."""
        data = self.model_dump(exclude={"api_key"})
        data["api_key"] = "set" if self.api_key else "not set"
        data["engine"] = self.resolved_engine()
        return data


def is_loopback_url(url: str | None) -> bool:
    """True only when the URL's parsed host is loopback: 127.0.0.0/8, ::1 or `localhost`.

    The host is what urllib parses, not a prefix of the text, so
    "https://localhost.example.com" and "http://localhost:80@api.example.com" (whose host is
    api.example.com) are not local, and text for them is redacted by default.
    """
    if not url:
        return False
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return False
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_path() -> Path:
    explicit = os.environ.get("GUIDEAGENT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path

    return user_config_path("guideagent") / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix or delete the file.") from exc
    # Accept both a flat file and one with a [guideagent] table.
    return dict(data.get("guideagent", data))


def _read_env(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for var, field in ENV_VARS.items():
        raw = environ.get(var)
        if raw is None or raw == "":
            continue
        if field == "redact":
            values[field] = raw.strip().lower() in {"1", "true", "yes", "on"}
        else:
            values[field] = raw
    return values


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    environ: dict[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """Merge the sources; CLI flags beat env, env beats the file, the file beats defaults."""
    environ = dict(os.environ) if environ is None else environ
    file_path = path or config_path()
    layers = [
        ("file", _read_toml(file_path)),
        ("env", _read_env(environ)),
        ("flag", {k: v for k, v in (overrides or {}).items() if v is not None}),
    ]
    merged: dict[str, Any] = {}
    source: dict[str, str] = {}
    for name, layer in layers:
        for key, value in layer.items():
            if key not in Settings.model_fields or key == "source":
                known = [k for k in Settings.model_fields if k != "source"]
                raise ConfigError(
                    f"Unknown setting {key!r} (from {name}: {file_path if name == 'file' else name}): "
                    + did_you_mean(key, known)
                )
            merged[key] = value
            source[key] = name
    try:
        return Settings(**merged, source=source)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']} (from {source.get(str(e['loc'][0]), '?')})"
            for e in exc.errors()
        )
        raise ConfigError(f"Invalid settings: {problems}") from exc


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write what the user set (never the key) as TOML, atomically.

    A setting is written when it differs from the default or the file already held it;
    the rest stay out, so a later release's better default still reaches this user."""
    from guideagent.atomic import atomic_write_text

    path = path or config_path()
    try:
        held = _read_toml(path)
    except ConfigError:
        held = {}  # a broken file is being replaced by the form's values
    defaults = Settings()
    data = {
        key: value
        for key, value in settings.model_dump(exclude={"api_key", "source"}).items()
        if value is not None and (key in held or value != getattr(defaults, key))
    }
    lines = ["# guideagent settings. The API key is read from OPENAI_API_KEY, never stored here."]
    for key, value in data.items():
        rendered = json.dumps(value) if not isinstance(value, bool) else str(value).lower()
        lines.append(f"{key} = {rendered}")
    atomic_write_text(path, "\n".join(lines) + "\n")
    return path
