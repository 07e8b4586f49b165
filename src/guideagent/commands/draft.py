"""`guideagent draft STUDY [--rounds N] [--force]`: draft, critique and revise the guide.

guide.md is the PM's work: an existing one is replaced only with --force, and even then
the old one is kept as guide.md.bak.
"""

from __future__ import annotations

from collections import Counter

from guideagent.config import Settings
from guideagent.errors import GuideAgentError
from guideagent.schemas import Severity


def run(args, settings: Settings) -> int:
    from rich.console import Console

    from guideagent.cli import announce_engine
    from guideagent.drafting.revise import draft_and_revise
    from guideagent.factory import build_engine
    from guideagent.store import open_study

    folder = open_study(args.path, load_guide=False)  # --force may replace a broken one
    if folder.guide_path.exists() and not args.force:
        raise GuideAgentError(
            f"{folder.guide_path} already exists. Use --force to replace it (the old one is kept as guide.md.bak).",
            title="Guide exists",
        )
    if args.rounds is not None and args.rounds < 0:
        raise GuideAgentError("--rounds cannot be negative.", title="Bad option")
    rounds = settings.revise_rounds if args.rounds is None else args.rounds
    announce_engine(settings)
    engine = build_engine(settings)
    err = Console(stderr=True)
    with err.status("Drafting the guide…") as status:
        result = draft_and_revise(
            engine, folder.study, rounds, lambda done, total, label: status.update(f"{label}…")
        )
    folder.save_guide(result.guide, backup=args.force)
    _summary(Console(), folder, result)
    return 0


def _summary(console, folder, result) -> None:
    guide, study = result.guide, folder.study
    questions = sum(1 for _ in guide.questions())
    minutes = guide.total_minutes()
    severities = Counter(f.severity for f in result.critique.findings)
    console.print(f"Wrote {folder.guide_path}", markup=False)
    console.print(
        f"  {len(guide.sections)} sections, {questions} questions, "
        f"~{minutes:g} of {study.session_minutes} minutes"
    )
    console.print(
        "  findings: "
        + ", ".join(
            f"{severities.get(s, 0)} {s.value}{'s' if severities.get(s, 0) != 1 else ''}"
            for s in Severity
        )
    )
    console.print(f"  revisions: {len(result.revisions)}")
    for revision in result.revisions:
        console.print(
            f"    {revision.question_id}: {revision.before!r} -> {revision.after!r}",
            highlight=False,
            markup=False,
        )
    if result.critique.has_errors:
        console.print(
            f"  Run `guideagent critique {folder.path}` to see what is left to fix.", markup=False
        )
