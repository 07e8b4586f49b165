"""The synthesis run: every transcript to notes (map), notes to themes (reduce), then the
figures code owns (participants, cited shares, coverage, dropped quotes).

Nothing finished is lost (DESIGN rule 6): each interview's notes are written to the cache
the moment they exist, keyed by the transcript's content, the engine and model and the
prompt, so a crash, Ctrl-C or provider failure costs only the interviews in flight, and a
re-run spends no tokens on what is done. With a redactor, text is redacted before it goes
to the engine and restored before grounding against the original transcript (rule 7).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from guideagent.atomic import atomic_write_text
from guideagent.errors import GuideAgentError
from guideagent.llm.usage import Usage
from guideagent.protocol import Engine, Progress
from guideagent.schemas import Guide, Study, Transcript
from guideagent.schemas.synthesis import InterviewNotes, Synthesis
from guideagent.synthesis.cancel import Cancelled, cancellable, in_daemon_thread
from guideagent.synthesis.coverage import finish_synthesis
from guideagent.synthesis.redact import redact_transcript

# Called with (transcript_id, status): "cached", "running", "done", "failed", "cancelled".
InterviewStatus = Callable[[str, str], None]
POLL_SECONDS = 0.05


class Redactor(Protocol):
    def redact(self, text: str) -> str: ...

    def restore(self, text: str) -> str: ...


class SynthesisCancelled(GuideAgentError):
    """The user stopped the run; finished interviews are cached and a re-run resumes."""

    title = "Synthesis interrupted"
    exit_code = 130

    def __init__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        super().__init__(
            f"Stopped after {done} of {total} interviews. Their notes are saved; "
            "run the same command again to resume without paying for them twice."
        )


@dataclass
class SynthesisRun:
    synthesis: Synthesis
    status: dict[str, str] = field(default_factory=dict)  # transcript id -> "cached" | "done"
    cached: int = 0
    usage: Usage = field(default_factory=Usage)  # LLM calls made by this run only


# -- the cache (keyed by the engine's `cache_tag()`) ----------------------------------------
def cache_key(transcript: Transcript, tag: str, study: Study | None, guide: Guide | None) -> str:
    digest = hashlib.sha256()
    digest.update(transcript.model_dump_json(exclude={"source"}).encode())
    digest.update(tag.encode())
    objectives = [(o.id, o.text) for o in study.objectives] if study else []
    questions = [(q.id, q.text) for q in guide.questions()] if guide else []
    digest.update(json.dumps([objectives, questions]).encode())
    return digest.hexdigest()[:16]


def _cache_file(cache_dir: Path, transcript_id: str, key: str) -> Path:
    return cache_dir / f"{_safe(transcript_id)}.{key}.json"


def _safe(transcript_id: str) -> str:
    return re.sub(r"[^\w-]+", "_", transcript_id)


def load_cached(cache_dir: Path | None, transcript: Transcript, key: str) -> InterviewNotes | None:
    if cache_dir is None:
        return None
    path = _cache_file(cache_dir, transcript.id, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return InterviewNotes.model_validate(data["notes"])
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None  # missing or damaged: redo that interview


def save_cached(
    cache_dir: Path | None, transcript: Transcript, key: str, notes: InterviewNotes
) -> None:
    if cache_dir is None:
        return
    path = _cache_file(cache_dir, transcript.id, key)
    payload = {"transcript_id": transcript.id, "key": key, "notes": notes.model_dump(mode="json")}
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, indent=1))
    for stale in cache_dir.glob(f"{_safe(transcript.id)}.*.json"):
        if stale != path and _cached_id(stale) == transcript.id:
            stale.unlink(missing_ok=True)  # notes from an older version of this transcript


def _cached_id(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("transcript_id")
    except (OSError, ValueError, AttributeError):
        return None


def pending_transcripts(
    transcripts: list[Transcript],
    engine: Engine,
    *,
    cache_dir: Path | None,
    study: Study | None = None,
    guide: Guide | None = None,
    fresh: bool = False,
) -> list[Transcript]:
    """The transcripts a run would send to the engine: what costs money (see cost.py)."""
    if fresh or cache_dir is None:
        return list(transcripts)
    tag = engine.cache_tag()
    return [
        t for t in transcripts if load_cached(cache_dir, t, cache_key(t, tag, study, guide)) is None
    ]


# -- redaction -----------------------------------------------------------------------------
def _map_notes_text(
    notes: InterviewNotes, fn: Callable[[str], str], *, ids: bool = False
) -> InterviewNotes:
    insights = []
    for insight in notes.insights:
        quotes = [q.model_copy(update={"text": fn(q.text)}) for q in insight.quotes]
        update: dict[str, Any] = {"text": fn(insight.text), "quotes": quotes}
        if ids:
            update["id"] = fn(insight.id)
        insights.append(insight.model_copy(update=update))
    return notes.model_copy(update={"summary": fn(notes.summary), "insights": insights})


def restore_notes(
    notes: InterviewNotes, redactor: Redactor, original: Transcript
) -> InterviewNotes:
    """Put the real words back, then verify the quotes against the original transcript,
    which also re-attributes them to the real speakers. Earlier drops stay counted."""
    from guideagent.synthesis.grounding import ground_notes
    from guideagent.synthesis.llm import renumber

    restored = _map_notes_text(notes, redactor.restore, ids=True)
    grounded = ground_notes(
        restored.model_copy(update={"dropped_quotes": 0, "dropped_insights": 0}), original
    )
    grounded.dropped_quotes += notes.dropped_quotes
    grounded.dropped_insights += notes.dropped_insights
    return renumber(grounded)


def restore_synthesis(
    synthesis: Synthesis, redactor: Redactor, notes: list[InterviewNotes]
) -> Synthesis:
    """The reduce step saw redacted notes: restore its words and hand back the real notes."""
    fix = redactor.restore
    for theme in [*synthesis.themes, *synthesis.signals]:
        theme.label, theme.description = fix(theme.label), fix(theme.description)
        theme.disagreements = [fix(d) for d in theme.disagreements]
        theme.quotes = [q.model_copy(update={"text": fix(q.text)}) for q in theme.quotes]
    synthesis.recommendations = [fix(r) for r in synthesis.recommendations]
    synthesis.open_questions = [fix(q) for q in synthesis.open_questions]
    synthesis.notes = notes
    return synthesis


# -- the run -------------------------------------------------------------------------------
async def asynthesize_study(
    transcripts: list[Transcript],
    engine: Engine,
    *,
    study: Study | None = None,
    guide: Guide | None = None,
    cache_dir: Path | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
    on_interview: InterviewStatus | None = None,
    cancel: threading.Event | None = None,
    redactor: Redactor | None = None,
    fresh: bool = False,
) -> SynthesisRun:
    """See `synthesize_study`; this is the same run for callers already in an event loop."""
    cancel = cancel or threading.Event()
    first_call = len(engine.usage.calls)
    run = _Map(transcripts, engine, study, guide, cache_dir, progress, on_interview, redactor)
    with cancellable(cancel):  # blocking steps check it between batches (synthesis.cancel)
        notes = await run.all(concurrency, cancel, fresh)
        if cancel.is_set():  # honoured before the themes step starts
            raise SynthesisCancelled(len(notes), len(transcripts))
        if progress:
            progress(len(transcripts), len(transcripts), "themes")
        sent = [_map_notes_text(n, redactor.redact) for n in notes] if redactor else notes
        # A daemon thread, not the loop's executor: abandoned on cancel, it cannot hold up
        # asyncio.run's shutdown (the themes step checks the event and stops soon anyway).
        reduce = asyncio.ensure_future(in_daemon_thread(engine.synthesize_themes, sent, study))
        finished = await _until_done_or_cancelled(reduce, cancel)
        if not finished or isinstance(reduce.exception(), Cancelled):
            raise SynthesisCancelled(len(transcripts), len(transcripts))
        synthesis = reduce.result()
    if redactor:
        synthesis = restore_synthesis(synthesis, redactor, notes)
    synthesis = finish_synthesis(synthesis, notes, transcripts, study, guide)
    return SynthesisRun(
        synthesis=synthesis,
        status=dict(run.status),
        cached=run.cached,
        usage=engine.usage.since(first_call),
    )


def synthesize_study(
    transcripts: list[Transcript],
    engine: Engine,
    *,
    study: Study | None = None,
    guide: Guide | None = None,
    cache_dir: Path | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
    on_interview: InterviewStatus | None = None,
    cancel: threading.Event | None = None,
    redactor: Redactor | None = None,
    fresh: bool = False,
) -> SynthesisRun:
    """Transcripts in, grounded themes out.

    Interviews run `concurrency` at a time when the engine's capabilities say they may
    (one at a time otherwise). Setting `cancel` stops the run: in-flight calls are abandoned, finished
    interviews stay cached, and SynthesisCancelled is raised. A provider error stops new
    interviews, lets the ones in flight finish (and be cached), then is raised with a note
    on resuming. `fresh` ignores the cache (and overwrites it)."""
    return asyncio.run(
        asynthesize_study(
            transcripts,
            engine,
            study=study,
            guide=guide,
            cache_dir=cache_dir,
            concurrency=concurrency,
            progress=progress,
            on_interview=on_interview,
            cancel=cancel,
            redactor=redactor,
            fresh=fresh,
        )
    )


async def _until_done_or_cancelled(task: asyncio.Future, cancel: threading.Event) -> bool:
    while not task.done():
        if cancel.is_set():
            task.cancel()
            return False
        await asyncio.wait({task}, timeout=POLL_SECONDS)
    return True


class _Map:
    """The map step's state: which interview is where, and what each produced."""

    def __init__(
        self,
        transcripts: list[Transcript],
        engine: Engine,
        study: Study | None,
        guide: Guide | None,
        cache_dir: Path | None,
        progress: Progress | None,
        on_interview: InterviewStatus | None,
        redactor: Redactor | None,
    ) -> None:
        self.transcripts = transcripts
        self.engine, self.study, self.guide = engine, study, guide
        self.cache_dir, self.redactor = cache_dir, redactor
        self.progress, self.on_interview = progress, on_interview
        self.tag = engine.cache_tag()
        self.status: dict[str, str] = {}
        self.results: dict[str, InterviewNotes] = {}
        self.cached = 0
        self.failure: BaseException | None = None

    def _set(self, transcript_id: str, status: str) -> None:
        self.status[transcript_id] = status
        if self.on_interview:
            self.on_interview(transcript_id, status)
        if status in ("cached", "done") and self.progress:
            self.progress(len(self.results), len(self.transcripts), transcript_id)

    async def all(
        self, concurrency: int, cancel: threading.Event, fresh: bool
    ) -> list[InterviewNotes]:
        todo = []
        for t in self.transcripts:
            key = cache_key(t, self.tag, self.study, self.guide)
            notes = None if fresh else load_cached(self.cache_dir, t, key)
            if notes is None:
                todo.append((t, key))
                continue
            self.results[t.id] = notes
            self.cached += 1
            self._set(t.id, "cached")
        at_once = max(1, concurrency) if self.engine.capabilities.concurrent else 1
        gate = asyncio.Semaphore(at_once)
        tasks = [asyncio.ensure_future(self._one(t, key, gate, cancel)) for t, key in todo]
        everything = asyncio.ensure_future(asyncio.gather(*tasks, return_exceptions=True))
        finished = await _until_done_or_cancelled(everything, cancel)
        if not finished or (cancel.is_set() and len(self.results) < len(self.transcripts)):
            for task in tasks:
                task.cancel()
            # Await the gathering future itself, so its outcome is retrieved and asyncio
            # does not log "_GatheringFuture exception was never retrieved".
            everything.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await everything
            for t, _ in todo:
                if self.status.get(t.id) not in ("done", "failed"):
                    self._set(t.id, "cancelled")
            raise SynthesisCancelled(len(self.results), len(self.transcripts))
        if self.failure is not None:
            raise _with_resume_note(self.failure, len(self.results), len(self.transcripts))
        return [self.results[t.id] for t in self.transcripts]

    async def _one(
        self,
        transcript: Transcript,
        key: str,
        gate: asyncio.Semaphore,
        cancel: threading.Event,
    ) -> None:
        async with gate:
            if cancel.is_set() or self.failure is not None:
                return
            self._set(transcript.id, "running")
            sent = redact_transcript(transcript, self.redactor) if self.redactor else transcript  # type: ignore[arg-type]
            try:
                notes = await self.engine.aextract_notes(sent, self.study, self.guide)
            except Cancelled:
                return
            except Exception as exc:
                self.failure = self.failure or exc
                self._set(transcript.id, "failed")
                return
            if self.redactor:
                notes = restore_notes(notes, self.redactor, transcript)
            save_cached(self.cache_dir, transcript, key, notes)
            self.results[transcript.id] = notes
            self._set(transcript.id, "done")


def _with_resume_note(exc: BaseException, done: int, total: int) -> BaseException:
    note = f" {done} of {total} interviews are saved; run again to resume from there."
    if isinstance(exc, GuideAgentError):
        exc.message += note
        exc.args = (exc.message,)
    return exc
