"""The figures code computes after the reduce step, whichever engine ran it (DESIGN rule 2).

Participants (including those who gave no insight), dropped-quote totals, the share of
each participant's words the final quotes cite, and the objective and guide-question
grids: for each participant, whether they answered, with a quote when one shows it.
"""

from __future__ import annotations

from guideagent.schemas import Guide, Study, Transcript
from guideagent.schemas.synthesis import (
    CoverageCell,
    CoverageRow,
    Insight,
    InterviewNotes,
    Quote,
    Synthesis,
)
from guideagent.schemas.transcript import Role


def finish_synthesis(
    synthesis: Synthesis,
    notes: list[InterviewNotes],
    transcripts: list[Transcript],
    study: Study | None = None,
    guide: Guide | None = None,
) -> Synthesis:
    participants = list(dict.fromkeys(p for t in transcripts for p in t.participant_ids()))
    for pid in synthesis.participant_ids:  # never lose one the engine knew about
        if pid not in participants:
            participants.append(pid)
    final_quotes = [q for theme in [*synthesis.themes, *synthesis.signals] for q in theme.quotes]
    insights = [i for n in notes for i in n.insights]
    return synthesis.model_copy(
        update={
            "title": synthesis.title or (study.title if study else ""),
            "participant_ids": participants,
            "notes": notes,
            "dropped_quotes": sum(n.dropped_quotes for n in notes),
            "dropped_insights": sum(n.dropped_insights for n in notes),
            "cited_share": cited_share(transcripts, final_quotes),
            "objective_coverage": objective_coverage(study, notes, participants, insights),
            "question_coverage": question_coverage(guide, notes, participants, insights),
            "transcript_sources": {t.id: t.source for t in transcripts if t.source},
        }
    )


def cited_share(transcripts: list[Transcript], quotes: list[Quote]) -> dict[str, float]:
    """Per participant: words in the report's quotes / words they said. Each utterance's
    cited words are capped at its length, so overlapping quotes cannot pass 100%."""
    spoken: dict[str, int] = {}
    lengths: dict[tuple[str, str], int] = {}
    for t in transcripts:
        for pid in t.participant_ids():
            spoken.setdefault(pid, 0)
        for u in t.utterances:
            if u.role == Role.participant:
                n = len(u.text.split())
                spoken[t.participant_id(u.speaker)] = spoken.get(t.participant_id(u.speaker), 0) + n
                lengths[(t.id, u.id)] = n
    cited: dict[tuple[str, str, str], int] = {}
    seen: set[tuple[str, str, str]] = set()
    for q in quotes:
        if (q.transcript_id, q.utterance_id, q.text) in seen:
            continue
        seen.add((q.transcript_id, q.utterance_id, q.text))
        slot = (q.participant_id, q.transcript_id, q.utterance_id)
        cap = lengths.get((q.transcript_id, q.utterance_id), 0)
        cited[slot] = min(cap, cited.get(slot, 0) + len(q.text.split()))
    share: dict[str, float] = {}
    for pid, total in spoken.items():
        words = sum(n for (p, _, _), n in cited.items() if p == pid)
        share[pid] = round(words / total, 3) if total else 0.0
    return share


def _best_quote(insights: list[Insight]) -> Quote | None:
    from guideagent.synthesis.llm import quote_strength

    quotes = [q for i in insights for q in i.quotes]
    return max(quotes, key=quote_strength) if quotes else None


def _row(
    row_id: str,
    text: str,
    participants: list[str],
    insights: list[Insight],
    answered_in: dict[str, set[str]],
    field: str,
) -> CoverageRow:
    cells = []
    for pid in participants:
        evidence = [i for i in insights if i.participant_id == pid and row_id in getattr(i, field)]
        quote = _best_quote(evidence)
        cells.append(
            CoverageCell(
                participant_id=pid,
                answered=bool(evidence) or row_id in answered_in.get(pid, set()),
                quote=quote,
            )
        )
    return CoverageRow(id=row_id, text=text, cells=cells)


def _answered(notes: list[InterviewNotes], attr: str) -> dict[str, set[str]]:
    """Ids an interview says were answered, credited to its participant when there is one:
    in a group session only a cited insight says who answered."""
    out: dict[str, set[str]] = {}
    for n in notes:
        if len(n.participant_ids) == 1:
            out.setdefault(n.participant_ids[0], set()).update(getattr(n, attr))
    return out


def objective_coverage(
    study: Study | None,
    notes: list[InterviewNotes],
    participants: list[str],
    insights: list[Insight],
) -> list[CoverageRow]:
    if study is None:
        return []
    answered = _answered(notes, "answered_objective_ids")
    return [
        _row(o.id, o.text, participants, insights, answered, "objective_ids")
        for o in study.objectives
    ]


def question_coverage(
    guide: Guide | None,
    notes: list[InterviewNotes],
    participants: list[str],
    insights: list[Insight],
) -> list[CoverageRow]:
    answered = _answered(notes, "answered_question_ids")
    if guide is not None:
        rows = [(q.id, q.text) for q in guide.questions()]
    else:  # no guide: the question ids the engine cited, without their text
        cited = {q for i in insights for q in i.question_ids} | {
            q for s in answered.values() for q in s
        }
        rows = [(q, "") for q in sorted(cited, key=_natural)]
    return [_row(q, text, participants, insights, answered, "question_ids") for q, text in rows]


def _natural(text: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))
