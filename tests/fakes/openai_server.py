"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol.

Why: the LLM engine talks to any OpenAI-compatible endpoint through the ``openai`` SDK
(wrapped by ``instructor``). Mocking the client object would skip the SDK's request
building, retries, timeouts and response parsing, which is exactly what breaks in
production; respx does not intercept openai 3.x (it uses httpx2). So tests point the
real SDK at this server and script what it answers, faults included.

    with FakeOpenAI() as server:
        server.push(Fault(429, headers={"Retry-After": "1"}), Reply({"title": "x"}))
        client = openai.OpenAI(base_url=server.base_url, api_key=server.api_key)
        ...
        assert len(server.chat_requests) == 2

Each chat-completions request consumes one scripted answer (FIFO, see ``push``); when the
queue is empty ``server.responder(request_dict)`` is asked; with neither, the answer is a
500 "FakeOpenAI: no scripted answer left" (with ``x-should-retry: false`` so the SDK does
not retry it).

Token usage is a deterministic estimate, so tests can compute the expected totals:
``prompt_tokens = ceil(len(prompt_text(request)) / 4)`` where ``prompt_text`` joins, in
order, every message's text content (string content, or the ``text`` of each content
part), the ``arguments`` of every tool call in those messages, and finally
``json.dumps(request["tools"], sort_keys=True)`` when tools are present;
``completion_tokens = ceil(len(text) / 4)`` of the answer's content, tool-call arguments
JSON or refusal message. ``total_tokens`` is their sum.

Streaming (``stream=True``) is not supported: such a request gets a clear 400.
"""

from __future__ import annotations

import itertools
import json
import math
import socket
import socketserver
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

CHAT_PATH = "/v1/chat/completions"
MODELS_PATH = "/v1/models"

# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class ToolCall:
    """Assistant message whose ``tool_calls[0]`` calls ``name`` with ``arguments``.

    A str ``arguments`` is sent verbatim (use it to send invalid JSON). With ``name=None``
    the function named by the request's ``tool_choice`` is used, else its first tool.
    """

    arguments: dict[str, Any] | str
    name: str | None = None


@dataclass(frozen=True)
class Content:
    """Plain assistant content (dict/list JSON-encoded), finish_reason "stop"."""

    content: dict[str, Any] | list[Any] | str


@dataclass(frozen=True)
class Reply:
    """``obj`` as a ToolCall if the request has ``tools`` (instructor TOOLS), else as
    Content (instructor JSON / MD_JSON / JSON_SCHEMA): the mode-agnostic answer."""

    obj: dict[str, Any] | list[Any]


@dataclass(frozen=True)
class Refusal:
    """Assistant message with ``refusal`` set and ``content`` None."""

    message: str = "I can't help with that."


@dataclass(frozen=True)
class Fault:
    """An HTTP error status. ``body`` defaults to an OpenAI-style error JSON; a str body is
    sent as text/plain. ``headers`` e.g. ``{"Retry-After": "1"}``."""

    status: int
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] | None = None


@dataclass(frozen=True)
class Delay:
    """Sleep ``seconds`` then send ``then``: client timeouts, concurrency measurements.
    ``stop()`` cuts the sleep short and drops the connection."""

    seconds: float
    then: Answer


@dataclass(frozen=True)
class Held:
    """Send ``then`` only once the test calls ``release()``: a call that must still be in
    flight when the test looks, with no timing luck. ``stop()`` drops the connection."""

    then: Answer
    gate: threading.Event = field(default_factory=threading.Event, compare=False)

    def release(self) -> None:
        self.gate.set()


@dataclass(frozen=True)
class Malformed:
    """A 200 application/json response whose body is not valid JSON."""

    body: bytes = b'{"choices": ['


@dataclass(frozen=True)
class Truncated:
    """Headers promise a longer Content-Length than the body written, then the connection
    closes."""


@dataclass(frozen=True)
class Drop:
    """The connection is closed without any response."""


Answer = ToolCall | Content | Reply | Refusal | Fault | Delay | Held | Malformed | Truncated | Drop
ANSWER_TYPES: tuple[type, ...] = (
    ToolCall,
    Content,
    Reply,
    Refusal,
    Fault,
    Delay,
    Held,
    Malformed,
    Truncated,
    Drop,
)


@dataclass
class RecordedRequest:
    """One request as received. ``time`` is ``time.monotonic()`` at arrival; ``usage`` is
    what a successful chat completion reported back (None otherwise)."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    time: float
    usage: dict[str, int] | None = None


# --------------------------------------------------------------------------- helpers


def estimate_tokens(text: str) -> int:
    """The fake's token count: ceil(len(text) / 4)."""
    return math.ceil(len(text) / 4)


def prompt_text(request: dict[str, Any]) -> str:
    """The text whose estimate is ``usage.prompt_tokens`` (see the module docstring)."""
    parts: list[str] = []
    for message in request.get("messages") or []:
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(p.get("text") or "" for p in content if isinstance(p, dict))
        for call in message.get("tool_calls") or []:
            parts.append(call.get("function", {}).get("arguments") or "")
    if request.get("tools"):
        parts.append(json.dumps(request["tools"], sort_keys=True))
    return "".join(parts)


def prompt_tokens(request: dict[str, Any]) -> int:
    """``usage.prompt_tokens`` the fake reports for this request body."""
    return estimate_tokens(prompt_text(request))


def openai_error(
    message: str, type_: str = "invalid_request_error", code: str | None = None
) -> dict[str, Any]:
    """An error body shaped like OpenAI's, so the SDK extracts ``message`` and ``code``."""
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


def _default_fault_body(status: int) -> dict[str, Any]:
    if status == 429:
        return openai_error(
            "FakeOpenAI: rate limit (injected 429)", "requests", "rate_limit_exceeded"
        )
    kind = "server_error" if status >= 500 else "invalid_request_error"
    return openai_error(f"FakeOpenAI: injected HTTP {status}", kind)


def _tool_name(request: dict[str, Any]) -> str:
    choice = request.get("tool_choice")
    if isinstance(choice, dict) and choice.get("function", {}).get("name"):
        return choice["function"]["name"]
    tools = request.get("tools") or []
    if not tools:
        raise ValueError("FakeOpenAI: ToolCall without a name, and the request has no tools")
    return tools[0]["function"]["name"]


# --------------------------------------------------------------------------- server


class FakeOpenAI:
    """Scriptable OpenAI-compatible server; see the module docstring.

    ``require_key`` (default: ``api_key``) is the bearer token every request must carry;
    set it to None to accept any key. ``in_flight_max`` is the most chat requests that
    were being handled at the same moment, to prove calls ran concurrently.
    """

    def __init__(self, api_key: str = "sk-test-fake", models: list[str] | None = None) -> None:
        self.api_key = api_key
        self.require_key: str | None = api_key
        self.models: list[str] = list(models or ["fake-model"])
        self.responder: Callable[[dict[str, Any]], Answer] | None = None
        self.in_flight = 0
        self.in_flight_max = 0
        self._queue: deque[Answer] = deque()
        self._records: list[RecordedRequest] = []
        self._errors: list[Exception] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        """Bind 127.0.0.1 on a free port and serve from a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAI is already started")
        self._stopping.clear()
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.fake = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeOpenAI",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port; pending Delays are cut short. Idempotent."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("FakeOpenAI is not started")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """What to pass as the OpenAI client's ``base_url``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # scripting -------------------------------------------------------------

    def push(self, *answers: Answer) -> None:
        """Queue answers; each chat-completions request consumes the oldest one."""
        for answer in answers:
            if not isinstance(answer, ANSWER_TYPES):
                raise TypeError(f"FakeOpenAI.push: not an answer: {answer!r}")
        with self._lock:
            self._queue.extend(answers)

    @property
    def remaining(self) -> int:
        """Scripted answers not consumed yet."""
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Forget queued answers, recorded requests, errors and the concurrency peak."""
        with self._lock:
            self._queue.clear()
            self._records.clear()
            self._errors.clear()
            self.in_flight_max = self.in_flight

    # inspection ------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Snapshot of every request received, in arrival order."""
        with self._lock:
            return list(self._records)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == CHAT_PATH]

    @property
    def served_usage(self) -> dict[str, int]:
        """Sum of the ``usage`` blocks sent in chat completions (a Delay answer whose client
        already timed out still counts: the server cannot know)."""
        total = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        for record in self.requests:
            for key in total:
                total[key] += (record.usage or {}).get(key, 0)
        return total

    @property
    def errors(self) -> list[Exception]:
        """Exceptions raised inside the server (bad answer, responder bug): each also
        became a 500 to the client. Look here when a test gets an unexpected 500."""
        with self._lock:
            return list(self._errors)

    # used by the handler ---------------------------------------------------

    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self._records.append(record)

    def _next_answer(self, request: dict[str, Any]) -> Answer | None:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        return self.responder(request) if self.responder is not None else None

    @contextmanager
    def _tracking_in_flight(self) -> Iterator[None]:
        with self._lock:
            self.in_flight += 1
            self.in_flight_max = max(self.in_flight_max, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler stuck in a Delay never blocks shutdown
    request_queue_size = 128  # bursts of concurrent clients must not be refused
    fake: FakeOpenAI

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can
        # stall for seconds on a machine without network.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients hanging up (timeouts, drops) are expected here."""


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.0: one request per connection, so Drop/Truncated affect only their request."""

    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: no access log on stderr."""

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _handle(self) -> None:
        fake = self.server.fake
        try:
            self._route(fake)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (e.g. its timeout fired)
        except Exception as exc:
            with fake._lock:
                fake._errors.append(exc)
            self._send_json(
                500,
                openai_error(f"FakeOpenAI internal error: {exc!r}", "server_error"),
                {"x-should-retry": "false"},
            )

    def _route(self, fake: FakeOpenAI) -> None:
        arrived = time.monotonic()
        path = urlsplit(self.path).path.rstrip("/")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in self.headers.items()}
        record = RecordedRequest(self.command, path, headers, body, arrived)
        fake._record(record)

        if (self.command, path) not in {("GET", MODELS_PATH), ("POST", CHAT_PATH)}:
            self._send_json(
                404, openai_error(f"FakeOpenAI: unknown endpoint {self.command} {path}")
            )
            return
        given = headers.get("authorization", "").removeprefix("Bearer ").strip()
        if fake.require_key is not None and given != fake.require_key:
            message = f"Incorrect API key provided: {given[:5]}***"
            self._send_json(401, openai_error(message, code="invalid_api_key"))
            return
        if path == MODELS_PATH:
            data = [
                {"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in fake.models
            ]
            self._send_json(200, {"object": "list", "data": data})
            return
        if not isinstance(body, dict):
            self._send_json(400, openai_error("FakeOpenAI: request body is not a JSON object"))
            return
        if body.get("stream"):
            self._send_json(400, openai_error("FakeOpenAI: stream=True is not supported"))
            return
        with fake._tracking_in_flight():
            answer = fake._next_answer(body)
            if answer is None:
                self._send_json(
                    500,
                    openai_error("FakeOpenAI: no scripted answer left", "server_error"),
                    {"x-should-retry": "false"},
                )
                return
            self._send_answer(answer, body, record)

    def _send_answer(
        self, answer: Answer, request: dict[str, Any], record: RecordedRequest
    ) -> None:
        fake = self.server.fake
        match answer:
            case Delay(seconds=seconds, then=then):
                if fake._stopping.wait(seconds):
                    self._drop()
                else:
                    self._send_answer(then, request, record)
            case Held(then=then, gate=gate):
                while not gate.wait(0.05):
                    if fake._stopping.is_set():
                        self._drop()
                        return
                self._send_answer(then, request, record)
            case Fault(status=status, body=body, headers=headers):
                if isinstance(body, str):
                    self._send_bytes(status, body.encode(), "text/plain; charset=utf-8", headers)
                else:
                    self._send_json(
                        status, body if body is not None else _default_fault_body(status), headers
                    )
            case Malformed(body=body):
                self._send_bytes(200, body, "application/json")
            case Truncated():
                partial = b'{"id": "chatcmpl-truncated", "object": "chat.completion", "choi'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(partial) + 200))
                self.end_headers()
                self.wfile.write(partial)
                self.wfile.flush()
                self._drop()
            case Drop():
                self._drop()
            case _:
                completion = self._completion(answer, request)
                record.usage = completion["usage"]
                self._send_json(200, completion)

    def _completion(self, answer: Answer, request: dict[str, Any]) -> dict[str, Any]:
        """A chat.completion object as OpenAI returns it."""
        n = next(self.server.fake._ids)
        if isinstance(answer, Reply):
            answer = ToolCall(answer.obj) if request.get("tools") else Content(answer.obj)
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        if isinstance(answer, ToolCall):
            args = answer.arguments
            text = args if isinstance(args, str) else json.dumps(args)
            function = {"name": answer.name or _tool_name(request), "arguments": text}
            message["tool_calls"] = [
                {"id": f"call_fake_{n}", "type": "function", "function": function}
            ]
            finish = "tool_calls"
        elif isinstance(answer, Content):
            content = answer.content
            text = content if isinstance(content, str) else json.dumps(content)
            message["content"] = text
            finish = "stop"
        elif isinstance(answer, Refusal):
            text = message["refusal"] = answer.message
            finish = "stop"
        else:
            raise TypeError(f"FakeOpenAI: not an answer: {answer!r}")
        prompt, completion = prompt_tokens(request), estimate_tokens(text)
        return {
            "id": f"chatcmpl-fake-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model") or "fake-model",
            "system_fingerprint": "fp_fake",
            "choices": [
                {"index": 0, "message": message, "logprobs": None, "finish_reason": finish}
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(obj).encode(), "application/json", headers)

    def _send_bytes(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self) -> None:
        """Close the socket now, whatever has (not) been sent."""
        self.close_connection = True
        with suppress(OSError):  # already closed by the peer
            self.connection.shutdown(socket.SHUT_RDWR)
