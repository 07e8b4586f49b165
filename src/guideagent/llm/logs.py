"""Log lines from the LLM path: quiet by default, never carrying a key.

- The libraries under the client (instructor, openai, httpx, httpcore) log every failed
  try, raw: instructor at ERROR, with the server's error body, which may echo the key.
  They are off unless the user asks for them (`guideagent -v`) or configured them.
- guideagent itself says at most one line per retry ("retrying after HTTP 500 (try 2 of
  4)…") on the `guideagent.llm` logger.
- Every key a client was built with is registered here; `ScrubFilter` masks it in any
  record (message, arguments, traceback) that reaches a handler it is attached to, and
  `scrub` does the same for the one-line error message.
"""

from __future__ import annotations

import logging
import sys

LIBRARIES = ("instructor", "openai", "httpx", "httpcore")
MASK = "***"
_secrets: set[str] = set()

# A library's convention: guideagent's lines go nowhere until an application (our CLI, or
# a program using the library) sets up logging.
logging.getLogger("guideagent").addHandler(logging.NullHandler())


def register_secret(secret: str | None) -> None:
    """Remember a secret (an API key) so that no log line or message shows it."""
    if secret and len(secret) >= 4:
        _secrets.add(secret)


def scrub(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class ScrubFilter(logging.Filter):
    """Masks registered secrets in a record before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _secrets:
            return True
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def quiet_libraries() -> None:
    """Silence the libraries' own log lines, unless someone configured those loggers.

    Called when a client is built, so a library user who never sets up logging does not
    get raw instructor errors on stderr (Python's last-resort handler prints them)."""
    for name in LIBRARIES:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.CRITICAL + 1)


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time, so a full-screen app that captures
    stderr while it runs also captures these lines."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):  # noqa: D102
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def setup_cli_logging(verbosity: int = 0) -> logging.Handler:
    """The command line's logging: one scrubbed stderr handler on the root logger.

    0: guideagent's warnings (one line per retry), the libraries off.
    1 (-v): guideagent's info (every call: prompt, hash, model, usage, latency, tries) and
       the libraries' warnings and errors.
    2 (-vv): everything at debug level."""
    handler = _Stderr()
    layout = "%(name)s: %(message)s" if verbosity else "guideagent: %(message)s"
    handler.setFormatter(logging.Formatter(layout))
    handler.addFilter(ScrubFilter())
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, _Stderr)]
    root.addHandler(handler)
    ours = logging.getLogger("guideagent")
    ours.setLevel({0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG))
    library_level = {0: logging.CRITICAL + 1, 1: logging.WARNING}.get(verbosity, logging.DEBUG)
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(library_level)
    return handler
