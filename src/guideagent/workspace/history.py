"""Undo and redo for guide edits: a bounded stack of (guide, critique) snapshots.

Guide edits are pure (guide_edits returns a new Guide each time), so a snapshot is the
objects themselves, not a copy. Consecutive edits of one field (typing in a question's
text, say) share a `key` and make one undo step, so undo takes back the whole edit of
that field rather than one keystroke.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass

from guideagent.schemas import Critique, Guide

UNDO_LIMIT = 100


@dataclass(frozen=True)
class GuideState:
    guide: Guide | None
    critique: Critique | None


class GuideHistory:
    """What `undo` and `redo` go back and forth through; the newest `limit` steps."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._undo: deque[GuideState] = deque(maxlen=limit)
        self._redo: list[GuideState] = []
        self._run: Hashable | None = None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def record(self, before: GuideState, key: Hashable | None = None) -> None:
        """An edit is about to replace `before`. An edit with the same non-None `key` as
        the one just recorded continues that step instead of starting a new one."""
        if key is None or key != self._run or not self._undo:
            self._undo.append(before)
        self._run = key
        self._redo.clear()

    def undo(self, current: GuideState) -> GuideState | None:
        """The state before the last step (None: nothing to undo); `current` goes to redo."""
        if not self._undo:
            return None
        self._redo.append(current)
        self._run = None
        return self._undo.pop()

    def redo(self, current: GuideState) -> GuideState | None:
        if not self._redo:
            return None
        self._undo.append(current)
        self._run = None
        return self._redo.pop()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._run = None
