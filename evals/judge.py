"""The LLM judge: a rubric that scores drafted guides and syntheses 1-5 per principle.

Why it exists: the deterministic metrics (open share, theme recall, grounding) say whether
the output has the right shape and the right evidence; they cannot say whether a guide
would get a PM good stories, or whether a synthesis reads honestly. A judge can, roughly.
Its scores are reported as `judge.*` rows beside the deterministic metrics, never in
place of them, and never enter the --check baseline (the offline engine has no judge).

Guides are scored on the seed's five key principles; syntheses on four criteria that fit
a synthesis (grounded in quotes, honest counts, covers objectives, actionable). Each
score comes after its reasoning in the response model, so the model argues first.
GUIDEAGENT_JUDGE_MODEL picks a different model for the judge than for the engine, which
avoids a model grading its own work.
"""

from __future__ import annotations

import os
from pathlib import Path
from statistics import mean

from pydantic import BaseModel, Field

from guideagent.config import Settings
from guideagent.llm import StructuredLLM
from guideagent.schemas import Guide, Study
from guideagent.schemas.synthesis import Synthesis


class Score(BaseModel):
    reasoning: str = Field(
        description="Think first: the evidence for and against, citing question or theme ids."
    )
    score: int = Field(
        ge=1, le=5, description="1 fails the criterion, 3 adequate with clear gaps, 5 exemplary."
    )


class GuideVerdict(BaseModel):
    """One score per key principle of the seed (user-interviews.md)."""

    clear_objectives: Score = Field(description="Define clear objectives.")
    right_participants: Score = Field(description="Identify the right participants.")
    open_ended_questions: Score = Field(description="Ask open-ended questions.")
    listen_actively: Score = Field(description="Listen actively: room for probes and follow-ups.")
    adaptability: Score = Field(description="Adaptability: warm-up, exploration, open wrap-up.")


class SynthesisVerdict(BaseModel):
    grounded_in_quotes: Score = Field(description="Themes say no more than their quotes show.")
    honest_counts: Score = Field(description="Wording matches the computed participant counts.")
    covers_objectives: Score = Field(description="Every objective answered or named as open.")
    actionable: Score = Field(description="Recommendations follow from the themes; a team can act.")


def judge_llm(settings: Settings) -> StructuredLLM:
    """The judge's own client: the engine's provider, or GUIDEAGENT_JUDGE_MODEL on it."""
    model = os.environ.get("GUIDEAGENT_JUDGE_MODEL")
    return StructuredLLM(settings.model_copy(update={"model": model}) if model else settings)


def judge_guide(llm: StructuredLLM, guide: Guide, study: Study) -> GuideVerdict:
    return llm.call("judge_guide", GuideVerdict, guide=guide, study=study)


def synthesis_variables(synthesis: Synthesis, study: Study | None) -> dict:
    """What the judge sees: themes with their computed prevalence and quotes; no transcripts
    (too long, and grounding against them is the deterministic metric's job)."""
    return {
        "title": synthesis.title or (study.title if study else ""),
        "objectives": [{"id": o.id, "text": o.text} for o in (study.objectives if study else [])],
        "participants": len(synthesis.participant_ids),
        "themes": [
            {
                "id": t.id,
                "label": t.label,
                "description": t.description,
                "prevalence": synthesis.prevalence(t),
                "objective_ids": t.objective_ids,
                "disagreements": t.disagreements,
                "quotes": [{"participant_id": q.participant_id, "text": q.text} for q in t.quotes],
            }
            for t in synthesis.themes
        ],
        "signals": len(synthesis.signals),
        "recommendations": synthesis.recommendations,
        "open_questions": synthesis.open_questions,
        "dropped_quotes": synthesis.dropped_quotes,
    }


def judge_synthesis(
    llm: StructuredLLM, synthesis: Synthesis, study: Study | None
) -> SynthesisVerdict:
    return llm.call("judge_synthesis", SynthesisVerdict, **synthesis_variables(synthesis, study))


def mean_scores(prefix: str, verdicts: list[BaseModel]) -> dict[str, float]:
    """`{prefix}.{criterion}`: the mean score over verdicts, plus their overall mean."""
    if not verdicts:
        return {}
    names = list(type(verdicts[0]).model_fields)
    rows = {f"{prefix}.{n}": mean(getattr(v, n).score for v in verdicts) for n in names}
    rows[f"{prefix}.overall"] = mean(rows.values())
    return {k: round(v, 3) for k, v in rows.items()}


def synthesize_for_judge(study_dir: Path, settings: Settings) -> tuple[Study | None, Synthesis]:
    """The synthesis suite scores without handing its Synthesis back, so the judge runs the
    real pipeline itself on the study (the same path the app takes)."""
    from guideagent.engines.llm import LLMEngine
    from guideagent.ingest.transcripts import load_folder
    from guideagent.synthesis.pipeline import synthesize_study

    study_file = study_dir / "study.json"
    study = (
        Study.model_validate_json(study_file.read_text(encoding="utf-8"))
        if study_file.exists()
        else None
    )
    transcripts = list(load_folder(study_dir / "transcripts").transcripts)
    engine = LLMEngine(settings)
    run = synthesize_study(transcripts, engine, study=study, concurrency=settings.concurrency)
    return study, run.synthesis


def judge_all(
    settings: Settings, guides: list[tuple[Study, Guide]], study_dirs: list[Path]
) -> dict[str, float]:
    """Every `judge.*` row: guides as drafted by the drafting suite, syntheses of study_dirs."""
    llm = judge_llm(settings)
    guide_verdicts: list[BaseModel] = [judge_guide(llm, g, s) for s, g in guides]
    synthesis_verdicts: list[BaseModel] = []
    for folder in study_dirs:
        study, synthesis = synthesize_for_judge(folder, settings)
        synthesis_verdicts.append(judge_synthesis(llm, synthesis, study))
    return {
        **mean_scores("judge.guide", guide_verdicts),
        **mean_scores("judge.synthesis", synthesis_verdicts),
    }
