"""The draft -> critique -> revise loop, the same for both engines.

Revision only rewrites questions, so it runs while a question carries an error finding
and rounds are left; guide-level errors (over_time, objective_uncovered) are left for the
PM, reported in the final critique. Every change lands in `guide.revisions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guideagent.protocol import Engine, Progress
from guideagent.schemas import Critique, Guide, Revision, Severity, Study


@dataclass
class DraftResult:
    guide: Guide
    critique: Critique
    revisions: list[Revision] = field(default_factory=list)  # made by this run, oldest first
    rounds: int = 0  # revision rounds that changed something


def _question_errors(critique: Critique) -> bool:
    return any(f.severity == Severity.error and f.question_id for f in critique.findings)


def _silent(done: int, total: int, label: str) -> None:
    return None


def revise_loop(
    engine: Engine,
    guide: Guide,
    critique: Critique,
    study: Study | None,
    rounds: int,
    progress: Progress | None = None,
) -> DraftResult:
    """Revise a critiqued guide until no question has an error or the rounds run out."""
    report = progress or _silent
    start = len(guide.revisions)
    done = 0
    for round_no in range(1, rounds + 1):
        if not _question_errors(critique):
            break
        report(round_no, rounds + 1, f"Revising flagged questions (round {round_no} of {rounds})")
        revised = engine.revise_guide(guide, critique, study)
        if revised.model_dump() == guide.model_dump():
            break  # nothing the engine could fix: stop rather than spend another round
        guide, done = revised, round_no
        critique = engine.critique_guide(guide, study)
    return DraftResult(
        guide=guide, critique=critique, revisions=guide.revisions[start:], rounds=done
    )


def draft_and_revise(
    engine: Engine, study: Study, rounds: int, progress: Progress | None = None
) -> DraftResult:
    """Draft the study's guide, critique it, and revise what the critic flags."""
    report = progress or _silent
    report(0, rounds + 2, "Drafting the guide")
    guide = engine.draft_guide(study)
    report(1, rounds + 2, "Critiquing the draft")
    critique = engine.critique_guide(guide, study)
    result = revise_loop(
        engine,
        guide,
        critique,
        study,
        rounds,
        lambda done, total, label: report(done + 1, rounds + 2, label),
    )
    report(rounds + 2, rounds + 2, "Done")
    return result
