"""Run the LLM path end to end with no provider: a loopback OpenAI-compatible server
that answers every call with a schema-valid object built from the request itself.

Its numbers measure plumbing (prompts render, calls go out, answers parse, code
resolves ids, grounding runs), never quality. Ids and quotes are taken from the prompt
(`[u12] Speaker: text`, `[q3]`, `[o1]`, `[P2-i4]`) so code has real references to resolve.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

UTTERANCE = re.compile(r"\[(u\d+)\] ([^:\n]*):\s*(.+)")
ID_PATTERNS = {
    "question": re.compile(r"\[(q\d+)\]"),
    "objective": re.compile(r"\[(o\d+)\]"),
    "insight": re.compile(r"\[([A-Za-z0-9 _.-]+-i\d+)\]"),
    "section": re.compile(r"\[(s\d+)\]"),
}


class _Context:
    def __init__(self, prompt: str) -> None:
        legend = next((line for line in prompt.splitlines() if line.startswith("Speakers:")), "")
        roles = [part.strip() for part in legend.removeprefix("Speakers:").split(";")]
        interviewers = {
            r.removesuffix(" (interviewer)") for r in roles if r.endswith(" (interviewer)")
        }
        # Quote participants only, as a model following the prompt would: an interviewer
        # quote would be dropped by grounding and make the plumbing numbers look broken.
        self.utterances = [
            (m.group(1), m.group(3))
            for m in UTTERANCE.finditer(prompt)
            if m.group(2).strip() not in interviewers
        ]
        self.ids = {k: list(dict.fromkeys(p.findall(prompt))) for k, p in ID_PATTERNS.items()}
        self.counter = itertools.count()

    def pick(self, kind: str, n: int = 1) -> list[str]:
        pool = self.ids.get(kind) or []
        if not pool:
            return []
        start = next(self.counter)
        return [pool[(start + i) % len(pool)] for i in range(min(n, len(pool)))]

    def utterance(self) -> tuple[str, str]:
        if not self.utterances:
            return "u1", "example"
        uid, text = self.utterances[next(self.counter) % len(self.utterances)]
        return uid, " ".join(text.split()[:12])


def _resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        schema = _resolve(options[0], defs) if options else {"type": "null"}
    if "allOf" in schema and len(schema["allOf"]) == 1:
        schema = _resolve(schema["allOf"][0], defs)
    return schema


def fake_instance(schema: dict, defs: dict, ctx: _Context, name: str = "") -> Any:
    schema = _resolve(schema, defs)
    if "enum" in schema:
        return schema["enum"][next(ctx.counter) % len(schema["enum"])]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        out = {key: fake_instance(sub, defs, ctx, key) for key, sub in props.items()}
        if "utterance_id" in props:
            out["utterance_id"], quote = ctx.utterance()
            if "text" in props:
                out["text"] = quote
        return out
    if kind == "array":
        items = _resolve(schema.get("items", {}), defs)
        if items.get("type") == "string" and name.lower().endswith("ids"):
            for key in ID_PATTERNS:
                if key in name.lower():
                    return ctx.pick(key, 3 if key == "insight" else 1)
        return [fake_instance(items, defs, ctx, name) for _ in range(2)]
    if kind == "string":
        for key in ID_PATTERNS:
            if key in name.lower() and name.lower().endswith("id"):
                return (ctx.pick(key) or [f"{key[0]}1"])[0]
        if name in {"text", "question"}:
            return "Tell me about the last time that happened."
        return f"example {name}".strip()
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return 2.0
    if kind == "boolean":
        return True
    return None


def schema_responder(request: dict) -> Any:
    from fakes import ToolCall

    tool = request["tools"][0]["function"]
    params = tool["parameters"]
    prompt = "\n".join(str(m.get("content") or "") for m in request.get("messages", []))
    return ToolCall(
        fake_instance(params, params.get("$defs", {}), _Context(prompt)), name=tool["name"]
    )


def delayed_responder(seconds: float) -> Callable[[dict], Any]:
    """The schema responder, answering each call after `seconds`: a provider's latency,
    for measuring what concurrency buys."""
    from fakes import Delay

    return lambda request: Delay(seconds, schema_responder(request))


@contextmanager
def loopback_settings(**overrides: Any):
    """Settings for the LLM engine pointed at a schema-answering loopback server."""
    from fakes import FakeOpenAI

    from guideagent.config import load_settings

    with FakeOpenAI() as server:
        server.responder = schema_responder
        settings = load_settings(
            {
                "engine": "llm",
                "base_url": server.base_url,
                "api_key": server.api_key,
                "model": "loopback-plumbing",
                "mode": "tools",
                "redact": False,
                **overrides,
            },
            environ={},
        )
        yield settings, server


OFFLINE_MODEL = "rules + templates + all-MiniLM-L6-v2 (int8 ONNX)"
PLUMBING = "LLM path against a loopback server: these numbers measure plumbing, not quality"
LOOPBACK_ENV = (
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "GUIDEAGENT_ENGINE",
    "GUIDEAGENT_MODEL",
    "GUIDEAGENT_MODE",
    "GUIDEAGENT_REDACT",
)


@contextmanager
def llm_or_loopback(engine: str) -> Iterator[tuple[str, str]]:
    """Yield (model, note) for a suite run. For "llm" with no provider configured, point the
    environment at a loopback server for the duration, so every suite's LLM path runs end
    to end; the note then says the numbers are plumbing."""
    from guideagent.config import load_settings

    if engine == "offline":
        yield OFFLINE_MODEL, "offline engine"
        return
    configured = load_settings()
    if configured.api_key or configured.base_url:
        where = configured.base_url or "api.openai.com"
        yield configured.model, f"LLM engine: {configured.model} at {where}"
        return
    with loopback_settings() as (settings, _server):
        saved = {k: os.environ.get(k) for k in LOOPBACK_ENV}
        os.environ.update(
            OPENAI_BASE_URL=settings.base_url or "",
            OPENAI_API_KEY=settings.api_key.get_secret_value() if settings.api_key else "",
            GUIDEAGENT_ENGINE="llm",
            GUIDEAGENT_MODEL=settings.model,
            GUIDEAGENT_MODE="tools",
            GUIDEAGENT_REDACT="0",
        )
        try:
            yield settings.model, PLUMBING
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
