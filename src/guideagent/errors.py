"""Typed, presentable errors: every face shows `title` and `message`, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class GuideAgentError(Exception):
    """Base error. `message` says what happened and what to do about it."""

    title = "guideagent error"
    exit_code = 1

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class LocatedError(GuideAgentError):
    """An error about a file, optionally a line in it; the message starts with `path:line:`."""

    exit_code = 2

    def __init__(
        self, message: str, path: Path | str | None = None, line: int | None = None
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.reason = message
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line else f"{self.path}: "
        super().__init__(where + message)


class InputError(LocatedError):
    """Bad user input: a file that is empty, binary, mis-encoded or has no questions."""

    title = "Bad input"


class ConfigError(GuideAgentError):
    """Settings that cannot work: unknown engine, malformed config file, missing model."""

    title = "Configuration problem"
    exit_code = 2


class ProviderError(GuideAgentError):
    """The LLM provider failed after every retry: auth, rate limit, timeout, server error."""

    title = "Provider error"
    exit_code = 3


class StructuredOutputError(ProviderError):
    """The model kept answering with output that does not fit the schema, or refused."""

    title = "Model output problem"


class StudyError(LocatedError):
    """A study folder that is missing or whose files were broken by hand."""

    title = "Study problem"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """'did you mean …?' with the closest of `known` (difflib), else the list of them."""
    known = sorted(known)
    close = difflib.get_close_matches(word, known, n=2, cutoff=0.6)
    if close:
        return f"did you mean {' or '.join(close)}?"
    return f"use one of {', '.join(known)}"
