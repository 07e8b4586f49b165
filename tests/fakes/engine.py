"""A deterministic engine at guideagent's own protocol, for pipeline, face and app tests.

    engine = FakeEngine(delay=0.2, fail_on=3)   # interview 3 raises ProviderError
    run = synthesize_study(transcripts, engine, cache_dir=tmp_path)

It implements the whole `guideagent.protocol.Engine`: notes are one insight per substantive
participant answer, quoting its first clause (so grounding keeps them); themes put every
insight in one group; the critique is the rules critic's; drafts and regenerations are
small fixed guides. Each extraction is recorded as a provider call in `usage` (tokens:
characters / 4), so token accounting can be checked. Tell it to be slow (`delay`, seconds
per interview), to fail on the N-th interview it starts (`fail_on`, 1-based, with
`failure`), or to look like a paid remote model (`capabilities`, `cost_usd`).
"""

from __future__ import annotations

import asyncio
import threading
import time

from guideagent.errors import ProviderError
from guideagent.llm.usage import CallRecord, CostEstimate, Usage
from guideagent.protocol import Capabilities
from guideagent.schemas import (
    Critique,
    Guide,
    Question,
    Section,
    SectionKind,
    Study,
    Transcript,
)
from guideagent.schemas.synthesis import Insight, InterviewNotes, Quote, Synthesis
from guideagent.schemas.transcript import Role

OFFLINE_LIKE = Capabilities()
PAID_REMOTE = Capabilities(
    abstract_labels=True, sends_text=True, off_machine=True, metered=True, concurrent=True
)


class FakeEngine:
    name = "fake"

    def __init__(
        self,
        *,
        delay: float = 0.0,
        fail_on: int | None = None,
        failure: Exception | None = None,
        capabilities: Capabilities = OFFLINE_LIKE,
        cost_usd: float = 0.25,
        tag: str = "fake|1",
    ) -> None:
        self.delay = delay
        self.fail_on = fail_on
        self.failure = failure
        self.capabilities = capabilities
        self.cost_usd = cost_usd
        self.tag = tag
        self.usage = Usage()
        self.extracted: list[str] = []  # transcript ids, in the order extraction started
        self.seen_text: list[str] = []  # every utterance text the engine was sent
        self.started = threading.Event()  # set when the first interview starts
        self.in_flight = self.in_flight_max = 0  # interviews being extracted at one moment
        self._lock = threading.Lock()

    # -- what running it means ------------------------------------------------------------
    def cache_tag(self) -> str:
        return self.tag

    def estimate_cost(self, pending, *, study=None, guide=None, participants=0):
        if not self.capabilities.metered:
            return None
        tokens = sum(len(u.text) for t in pending for u in t.utterances) // 4
        return CostEstimate(
            interviews=len(pending),
            calls=len(pending) + 1,
            prompt_tokens=tokens,
            completion_tokens=len(pending) * 100,
            usd=self.cost_usd * len(pending),
            model="fake-model",
            local=not self.capabilities.off_machine,
        )

    # -- guides ---------------------------------------------------------------------------
    def critique_guide(self, guide: Guide, study: Study | None = None) -> Critique:
        from guideagent.critique.rules import critique_guide

        critique = critique_guide(guide, study)
        return critique.model_copy(update={"engine": self.name})

    def draft_guide(self, study: Study) -> Guide:
        ids = [o.id for o in study.objectives]
        main = [
            Question(id="", text=f"Tell me about the last time you dealt with {o.text.lower()}.")
            for o in study.objectives
        ]
        for question, oid in zip(main, ids, strict=True):
            question.objective_ids = [oid]
        return Guide(
            title=f"{study.title}: interview guide",
            sections=[
                Section(
                    id="",
                    title="Warm-up",
                    kind=SectionKind.warm_up,
                    questions=[Question(id="", text="Tell me a bit about your role.")],
                ),
                Section(id="", title="Main", objective_ids=ids, questions=main),
                Section(
                    id="",
                    title="Wrap-up",
                    kind=SectionKind.wrap_up,
                    questions=[Question(id="", text="What else should we have asked?")],
                ),
            ],
        ).renumbered()

    def revise_guide(self, guide: Guide, critique: Critique, study: Study | None = None) -> Guide:
        return guide

    def regenerate(self, guide: Guide, study: Study, target_id: str) -> Guide:
        redrafted = guide.model_copy(deep=True)
        question = redrafted.question(target_id)
        if question is not None:
            question.text = f"Walk me through the last time that happened ({target_id})."
        return redrafted

    # -- synthesis ------------------------------------------------------------------------
    def _begin(self, transcript: Transcript) -> None:
        with self._lock:
            self.extracted.append(transcript.id)
            self.seen_text += [u.text for u in transcript.utterances]
            number = len(self.extracted)
        self.started.set()
        if self.fail_on is not None and number == self.fail_on:
            raise self.failure or ProviderError(
                f"FakeEngine: injected failure on interview {number} ({transcript.id})."
            )

    def extract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        self._begin(transcript)
        time.sleep(self.delay)
        return self._notes(transcript)

    async def aextract_notes(
        self, transcript: Transcript, study: Study | None = None, guide: Guide | None = None
    ) -> InterviewNotes:
        self._begin(transcript)
        with self._lock:
            self.in_flight += 1
            self.in_flight_max = max(self.in_flight_max, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            with self._lock:
                self.in_flight -= 1
        return self._notes(transcript)

    def _notes(self, transcript: Transcript) -> InterviewNotes:
        from guideagent.synthesis.grounding import ground_notes

        insights = []
        for u in transcript.utterances:
            if u.role != Role.participant or len(u.text) <= 5:
                continue
            pid = transcript.participant_id(u.speaker)
            insights.append(
                Insight(
                    id=f"{pid}-i{len(insights) + 1}",
                    transcript_id=transcript.id,
                    participant_id=pid,
                    kind="pain_point",
                    text=u.text,
                    objective_ids=["o1"],
                    quotes=[
                        Quote(
                            transcript_id=transcript.id,
                            utterance_id=u.id,
                            participant_id=pid,
                            text=u.text.split(",")[0],
                        )
                    ],
                )
            )
        sent = sum(len(u.text) for u in transcript.utterances)
        with self._lock:
            self.usage.calls.append(
                CallRecord("extract_notes", "fake", "fake-model", sent // 4, 25, self.delay, 1)
            )
        notes = InterviewNotes(
            transcript_id=transcript.id,
            participant_ids=transcript.participant_ids(),
            insights=insights,
            summary=insights[0].text if insights else "",
            engine=self.name,
        )
        return ground_notes(notes, transcript)

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis:
        from guideagent.synthesis.llm import ThemeGroup, ThemesAnswer, assemble_synthesis

        ids = [i.id for n in notes for i in n.insights]
        group = ThemeGroup(reasoning="", insight_ids=ids, label="Everything", description="")
        synthesis = assemble_synthesis(ThemesAnswer(groups=[group]), notes, study)
        return synthesis.model_copy(update={"engine": self.name})


class SlowThemesEngine(FakeEngine):
    """Notes at once; a themes step that runs until cancelled, checking the cancel event
    as the offline engine does (bounded at 30 s, so a broken cancel fails a test rather
    than hanging it)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.themes_started = threading.Event()
        self.themes_cancelled = threading.Event()

    def synthesize_themes(
        self, notes: list[InterviewNotes], study: Study | None = None
    ) -> Synthesis:
        from guideagent.synthesis import cancel

        self.themes_started.set()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                cancel.check()
            except cancel.Cancelled:
                self.themes_cancelled.set()
                raise
            time.sleep(0.01)
        return super().synthesize_themes(notes, study)
