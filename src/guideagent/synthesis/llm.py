"""Synthesis on the LLM engine: notes per interview (map) and themes across them (reduce).

The model references, code resolves (DESIGN rule 3): it cites utterance ids and insight
ids; code attaches participants, timestamps, counts and quotes, and grounding verifies
every quote against the utterance it cites (rule 1). Transcripts travel as delimited data
(rule 7, see prompts/extract_notes.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from guideagent.config import Settings
from guideagent.llm import StructuredLLM
from guideagent.schemas import Guide, Study, Transcript
from guideagent.schemas.synthesis import (
    QUOTES_PER_PARTICIPANT,
    QUOTES_PER_THEME,
    Insight,
    InsightKind,
    InterviewNotes,
    Quote,
    Synthesis,
    Theme,
)
from guideagent.synthesis.chunking import (
    chunk_utterances,
    render_utterances,
    speaker_legend,
)

MIN_PARTICIPANTS = 2  # fewer distinct participants than this: a signal, not a theme


# -- what the model answers (field descriptions are its instructions) ---------------------
class QuoteRef(BaseModel):
    utterance_id: str = Field(
        description="Id of the participant utterance the words come from, e.g. 'u12'."
    )
    text: str = Field(
        description="Words copied exactly from that utterance; no paraphrase, no added words."
    )


class NoteInsight(BaseModel):
    quotes: list[QuoteRef] = Field(
        description="Evidence first: one to three exact quotes showing the point."
    )
    text: str = Field(description="The insight in one plain sentence.")
    kind: InsightKind
    objective_ids: list[str] = Field(
        default_factory=list, description="Ids of the objectives it informs."
    )
    question_ids: list[str] = Field(
        default_factory=list, description="Ids of the guide questions it answers."
    )


class NotesAnswer(BaseModel):
    summary: str = Field(
        description="Two or three sentences: who this participant is and what matters most to them."
    )
    insights: list[NoteInsight] = Field(default_factory=list)
    answered_question_ids: list[str] = Field(
        default_factory=list, description="Guide questions the participant actually answered."
    )
    answered_objective_ids: list[str] = Field(
        default_factory=list, description="Objectives this interview gave evidence for."
    )


class ThemeGroup(BaseModel):
    reasoning: str = Field(description="Think first: what these insights have in common.")
    insight_ids: list[str] = Field(
        description="Ids of the insights in this theme, exactly as given, e.g. 'P3-i2'."
    )
    label: str = Field(description="A short theme name, under eight words.")
    description: str = Field(description="One or two sentences on the pattern. No counts.")
    disagreements: list[str] = Field(
        default_factory=list,
        description="Where participants in this theme differ or contradict each other.",
    )


class ThemesAnswer(BaseModel):
    groups: list[ThemeGroup] = Field(default_factory=list)
    recommendations: list[str] = Field(
        default_factory=list, description="What the team should do next, from the themes."
    )
    open_questions: list[str] = Field(
        default_factory=list, description="What these interviews could not answer."
    )


# -- map: one transcript -> notes ---------------------------------------------------------
def cache_tag(settings: Settings) -> str:
    """What makes two runs' notes comparable: version, model, chunk budget, prompt text."""
    import hashlib

    from guideagent import __version__
    from guideagent.prompts import prompts_root

    parts = ["llm", __version__, str(settings.model), str(settings.context_tokens)]
    template = prompts_root() / "extract_notes.md"
    if template.is_file():
        parts.append(hashlib.sha256(template.read_bytes()).hexdigest()[:12])
    return "|".join(parts)


def context_budget(llm: StructuredLLM) -> int:
    """Transcript tokens per call, from settings (GUIDEAGENT_CONTEXT_TOKENS)."""
    return llm.settings.context_tokens


def notes_prompts(
    transcript: Transcript, study: Study | None, guide: Guide | None, budget: int
) -> list[dict[str, Any]]:
    """Template variables for each chunk of the transcript: one call per chunk."""
    chunks = chunk_utterances(transcript, budget) or [[]]
    common = {
        "title": study.title if study else "",
        "objectives": [{"id": o.id, "text": o.text} for o in (study.objectives if study else [])],
        "questions": [{"id": q.id, "text": q.text} for q in (guide.questions() if guide else [])],
        "transcript_id": transcript.id,
        "speakers": speaker_legend(transcript),
        "parts": len(chunks),
    }
    return [
        {**common, "part": n, "transcript": render_utterances(chunk)}
        for n, chunk in enumerate(chunks, 1)
    ]


def extract_notes(
    llm: StructuredLLM,
    transcript: Transcript,
    study: Study | None = None,
    guide: Guide | None = None,
) -> InterviewNotes:
    prompts = notes_prompts(transcript, study, guide, context_budget(llm))
    answers = [llm.call("extract_notes", NotesAnswer, **p) for p in prompts]
    return build_notes(transcript, answers, study, guide)


async def aextract_notes(
    llm: StructuredLLM,
    transcript: Transcript,
    study: Study | None = None,
    guide: Guide | None = None,
) -> InterviewNotes:
    # Chunks go one after another: the pipeline's semaphore bounds interviews, not calls.
    prompts = notes_prompts(transcript, study, guide, context_budget(llm))
    answers = [await llm.acall("extract_notes", NotesAnswer, **p) for p in prompts]
    return build_notes(transcript, answers, study, guide)


def build_notes(
    transcript: Transcript,
    answers: list[NotesAnswer],
    study: Study | None = None,
    guide: Guide | None = None,
) -> InterviewNotes:
    """Merge the chunk answers into one interview's notes, then ground them.

    Each quote is attributed to whoever spoke the utterance it cites, and an insight whose
    quotes come from several participants becomes one insight per participant, so counts
    stay honest (rule 2). Grounding then drops and counts what does not verify: invented
    words, unknown utterances, the interviewer's own words, insights left with no quote."""
    from guideagent.synthesis.grounding import ground_notes

    objective_ids = _known(study.objectives if study else [])
    question_ids = _known(guide.questions() if guide else [])
    fallback = transcript.participant_ids()[0] if transcript.participant_ids() else transcript.id
    insights: list[Insight] = []
    for answer in answers:
        for item in answer.insights:
            by_participant: dict[str, list[Quote]] = {}
            for ref in item.quotes:
                uid = ref.utterance_id.strip().strip("[]")  # models sometimes keep the brackets
                utterance = transcript.utterance(uid)
                pid = transcript.participant_id(utterance.speaker) if utterance else fallback
                by_participant.setdefault(pid, []).append(
                    Quote(
                        transcript_id=transcript.id,
                        utterance_id=uid,
                        participant_id=pid,
                        text=ref.text,
                        start=utterance.start if utterance else None,
                    )
                )
            for pid, quotes in (by_participant or {fallback: []}).items():
                insights.append(
                    Insight(
                        id=f"{pid}-i{len(insights) + 1}",
                        transcript_id=transcript.id,
                        participant_id=pid,
                        kind=item.kind,
                        text=item.text.strip(),
                        quotes=quotes,
                        objective_ids=_filter(item.objective_ids, objective_ids),
                        question_ids=_filter(item.question_ids, question_ids),
                    )
                )
    notes = InterviewNotes(
        transcript_id=transcript.id,
        participant_ids=transcript.participant_ids(),
        summary=" ".join(a.summary.strip() for a in answers if a.summary.strip()),
        insights=insights,
        answered_question_ids=_filter(
            (i for a in answers for i in a.answered_question_ids), question_ids
        ),
        answered_objective_ids=_filter(
            (i for a in answers for i in a.answered_objective_ids), objective_ids
        ),
        engine="llm",
    )
    return renumber(ground_notes(notes, transcript))


def renumber(notes: InterviewNotes) -> InterviewNotes:
    """Ids `<participant>-i<n>` in reading order, without the gaps grounding leaves."""
    counters: dict[str, int] = {}
    for insight in notes.insights:
        counters[insight.participant_id] = counters.get(insight.participant_id, 0) + 1
        insight.id = f"{insight.participant_id}-i{counters[insight.participant_id]}"
    return notes


def _known(items: Iterable[Any]) -> list[str]:
    return [item.id for item in items]


def _filter(ids: Iterable[str], known: list[str]) -> list[str]:
    """Ids the model cited that exist, once each, in the study's order."""
    cited = {i.strip().strip("[]") for i in ids}
    return [k for k in known if k in cited]


# -- reduce: all notes -> themes -----------------------------------------------------------
def insight_lines(notes: list[InterviewNotes]) -> str:
    return "\n".join(
        f"[{i.id}] ({i.kind.value}) {' '.join(i.text.split())}" for n in notes for i in n.insights
    )


def synthesize_themes(
    llm: StructuredLLM,
    notes: list[InterviewNotes],
    study: Study | None = None,
    *,
    min_participants: int = MIN_PARTICIPANTS,
) -> Synthesis:
    participants = _participants(notes)
    if not any(n.insights for n in notes):
        answer = ThemesAnswer()  # nothing to group: no call, no cost
    else:
        answer = llm.call(
            "synthesize_themes",
            ThemesAnswer,
            title=study.title if study else "",
            objectives=[{"id": o.id, "text": o.text} for o in (study.objectives if study else [])],
            participants=len(participants),
            insights=insight_lines(notes),
        )
    return assemble_synthesis(answer, notes, study, min_participants=min_participants)


def assemble_synthesis(
    answer: ThemesAnswer,
    notes: list[InterviewNotes],
    study: Study | None = None,
    *,
    min_participants: int = MIN_PARTICIPANTS,
) -> Synthesis:
    """Resolve the model's groups of ids into themes. Unknown ids are ignored; an insight
    counts in the first group that claims it; participants and quotes come from the
    insights; a group with too few distinct participants becomes a signal."""
    by_id = {i.id: i for n in notes for i in n.insights}
    order = {pid: k for k, pid in enumerate(_participants(notes))}
    objective_order = [o.id for o in (study.objectives if study else [])]
    used: set[str] = set()
    themes: list[Theme] = []
    signals: list[Theme] = []
    for group in answer.groups:
        ids = [
            i
            for i in dict.fromkeys(x.strip().strip("[]") for x in group.insight_ids)
            if i in by_id and i not in used
        ]
        if not ids:
            continue
        used.update(ids)
        insights = [by_id[i] for i in ids]
        pids = sorted({i.participant_id for i in insights}, key=lambda p: order.get(p, len(order)))
        cited = {o for i in insights for o in i.objective_ids}
        theme = Theme(
            id="",
            label=group.label.strip() or "Untitled theme",
            description=group.description.strip(),
            insight_ids=ids,
            participant_ids=pids,
            quotes=pick_quotes(insights, pids),
            objective_ids=[o for o in objective_order if o in cited] or sorted(cited),
            disagreements=[d.strip() for d in group.disagreements if d.strip()],
        )
        (themes if len(pids) >= min_participants else signals).append(theme)
    themes.sort(key=lambda t: -len(t.participant_ids))  # stable: the model's order breaks ties
    for n, theme in enumerate(themes, 1):
        theme.id = f"t{n}"
    for n, signal in enumerate(signals, 1):
        signal.id = f"sig{n}"
    return Synthesis(
        title=study.title if study else "",
        engine="llm",
        participant_ids=list(order),
        notes=notes,
        themes=themes,
        signals=signals,
        unthemed_insight_ids=[i for i in by_id if i not in used],
        recommendations=[r.strip() for r in answer.recommendations if r.strip()],
        open_questions=[q.strip() for q in answer.open_questions if q.strip()],
        dropped_quotes=sum(n.dropped_quotes for n in notes),
        dropped_insights=sum(n.dropped_insights for n in notes),
    )


def _participants(notes: list[InterviewNotes]) -> list[str]:
    seen: dict[str, None] = {}
    for n in notes:
        for pid in n.participant_ids or [i.participant_id for i in n.insights]:
            seen.setdefault(pid, None)
    return list(seen)


def quote_strength(quote: Quote) -> float:
    """Longer quotes carry more, up to about 30 words; past that they ramble."""
    words = len(quote.text.split())
    return min(words, 30) - max(0, words - 30) * 0.5


def pick_quotes(
    insights: list[Insight], participant_ids: list[str], limit: int = QUOTES_PER_THEME
) -> list[Quote]:
    """The strongest quote of each participant first, so a theme shows its breadth; then the
    next strongest overall, at most QUOTES_PER_PARTICIPANT from one person, up to `limit`."""
    pool: dict[tuple[str, str, str], Quote] = {}
    for insight in insights:
        for quote in insight.quotes:
            pool.setdefault((quote.utterance_id, quote.transcript_id, quote.text), quote)
    ranked = sorted(pool.values(), key=quote_strength, reverse=True)
    chosen: list[Quote] = []
    for pid in participant_ids:
        best = next((q for q in ranked if q.participant_id == pid), None)
        if best is not None and len(chosen) < limit:
            chosen.append(best)
    for quote in ranked:
        if len(chosen) >= limit:
            break
        taken = sum(q.participant_id == quote.participant_id for q in chosen)
        if quote not in chosen and taken < QUOTES_PER_PARTICIPANT:
            chosen.append(quote)
    return chosen
