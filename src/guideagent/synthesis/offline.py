"""The offline engine's synthesis: extractive notes per interview, then themes by clustering.

No key, no network. Notes are the participant's own substantive sentences (so every quote
verifies by construction, and still goes through `ground_notes`); themes are clusters of
insights embedded with the shipped MiniLM model. Nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from guideagent.language.sections import is_warm_up_prompt
from guideagent.language.sentences import sentence_spans, word_count
from guideagent.schemas import Guide, Study, Transcript
from guideagent.schemas.guide import SectionKind
from guideagent.schemas.synthesis import Insight, InterviewNotes, Quote, Synthesis
from guideagent.schemas.transcript import Role, Utterance
from guideagent.synthesis import cues
from guideagent.synthesis.embeddings import embed
from guideagent.synthesis.grounding import ground_notes
from guideagent.synthesis.keyphrases import content_words
from guideagent.synthesis.sentences import tidy

MIN_WORDS = 6
MIN_CONTENT_WORDS = 3
MAX_INSIGHTS = 40  # per participant: enough for a long interview, few enough to read
QUESTION_MATCH = 0.55  # interviewer question -> guide question
OBJECTIVE_MATCH = 0.35  # question or sentence -> objective text
WARM_UP_SHARE = 0.25  # without a guide, warm-up questions are looked for in the first quarter


@dataclass
class Candidate:
    utterance: Utterance
    participant_id: str
    text: str  # the exact sentence span, the quote
    question: str  # the interviewer's preceding question, "" when none
    score: float
    order: int


def _looks_like_warm_up(question: str, position: float) -> bool:
    """Without a guide: an early question about the person or the call, not the topic."""
    return position <= WARM_UP_SHARE and is_warm_up_prompt(question)


def _candidates(transcript: Transcript, guide: Guide | None) -> list[Candidate]:
    """Substantive participant sentences, each with the question it answers."""
    found: list[Candidate] = []
    question, asked = "", False
    total = max(len(transcript.utterances), 1)
    for n, utterance in enumerate(transcript.utterances):
        if utterance.role == Role.interviewer:
            question = utterance.text if not asked else f"{question} {utterance.text}"
            asked = True
            continue
        if utterance.role != Role.participant:  # observers and unknown speakers are no evidence
            continue
        asked = False
        if guide is None and _looks_like_warm_up(question, n / total):
            continue
        for start, end in sentence_spans(utterance.text):
            text = utterance.text[start:end]
            n_words = word_count(text)
            if (
                n_words < MIN_WORDS
                or content_words(text) < MIN_CONTENT_WORDS
                or text.rstrip().endswith("?")
                or cues.is_small_talk(text)
            ):
                continue
            score = 2.0 * min(cues.cue_count(text), 3) + min(content_words(text), 12) / 4
            found.append(
                Candidate(
                    utterance,
                    transcript.participant_id(utterance.speaker),
                    text,
                    question,
                    score,
                    len(found),
                )
            )
    return found


def _best(sim: np.ndarray, threshold: float) -> int | None:
    if sim.size == 0:
        return None
    i = int(np.argmax(sim))
    return i if sim[i] >= threshold else None


def _map_to_guide(
    chosen: list[Candidate], study: Study | None, guide: Guide | None
) -> list[tuple[list[str], list[str]]]:
    """(question ids, objective ids) per candidate, by embedding similarity."""
    questions = list(guide.questions()) if guide else []
    objectives = list(study.objectives) if study else []
    if not chosen or not (questions or objectives):
        return [([], []) for _ in chosen]
    asked = sorted({c.question for c in chosen})
    asked_vecs = dict(zip(asked, embed(asked), strict=True))
    sent_vecs = embed([c.text for c in chosen])
    guide_vecs = embed([q.text for q in questions])
    obj_vecs = embed([o.text for o in objectives])
    result = []
    for c, sent in zip(chosen, sent_vecs, strict=True):
        q_ids: list[str] = []
        o_ids: list[str] = []
        qi = _best(guide_vecs @ asked_vecs[c.question], QUESTION_MATCH) if c.question else None
        if qi is not None:
            q_ids = [questions[qi].id]
            o_ids = list(questions[qi].objective_ids)
        if not o_ids and objectives:
            sims = obj_vecs @ sent
            if c.question:
                sims = np.maximum(sims, obj_vecs @ asked_vecs[c.question])
            oi = _best(sims, OBJECTIVE_MATCH)
            o_ids = [objectives[oi].id] if oi is not None else []
        result.append((q_ids, o_ids))
    return result


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """The best-scoring sentences per participant, kept in interview order."""
    by_participant: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_participant.setdefault(c.participant_id, []).append(c)
    kept: list[Candidate] = []
    for group in by_participant.values():
        best = sorted(group, key=lambda c: (-c.score, c.order))[:MAX_INSIGHTS]
        kept.extend(best)
    return sorted(kept, key=lambda c: c.order)


def extract_notes(
    transcript: Transcript, study: Study | None = None, guide: Guide | None = None
) -> InterviewNotes:
    """Notes for one interview, from the participants' own substantive sentences."""
    candidates = _candidates(transcript, guide)
    mapped = dict(
        zip((c.order for c in candidates), _map_to_guide(candidates, study, guide), strict=True)
    )
    if guide is not None:
        warm_up = {
            q.id for s in guide.sections if s.kind == SectionKind.warm_up for q in s.questions
        }
        candidates = [c for c in candidates if not set(mapped[c.order][0]) & warm_up]
    chosen = _select(candidates)
    mapping = [mapped[c.order] for c in chosen]
    counters: dict[str, int] = {}
    insights = []
    for c, (q_ids, o_ids) in zip(chosen, mapping, strict=True):
        counters[c.participant_id] = counters.get(c.participant_id, 0) + 1
        quote = Quote(
            transcript_id=transcript.id,
            utterance_id=c.utterance.id,
            participant_id=c.participant_id,
            text=c.text,
            start=c.utterance.start,
        )
        insights.append(
            Insight(
                id=f"{c.participant_id}-i{counters[c.participant_id]}",
                transcript_id=transcript.id,
                participant_id=c.participant_id,
                kind=cues.classify(c.text),
                text=tidy(c.text),
                quotes=[quote],
                objective_ids=o_ids,
                question_ids=q_ids,
            )
        )
    top = sorted(zip(chosen, insights, strict=True), key=lambda t: (-t[0].score, t[0].order))[:3]
    notes = InterviewNotes(
        transcript_id=transcript.id,
        participant_ids=transcript.participant_ids(),
        summary=" ".join(i.text for _, i in top),
        insights=insights,
        answered_question_ids=sorted({q for i in insights for q in i.question_ids}),
        answered_objective_ids=sorted({o for i in insights for o in i.objective_ids}),
        engine="offline",
    )
    return ground_notes(notes, transcript)


def synthesize_themes(
    notes: list[InterviewNotes], study: Study | None = None, *, min_participants: int = 2
) -> Synthesis:
    """Themes across interviews; see `themes.build_synthesis` for how they are made."""
    from guideagent.synthesis.themes import build_synthesis

    return build_synthesis(notes, study, min_participants=min_participants, engine="offline")
