"""`guideagent draft STUDY [--rounds N] [--force]`: draft, critique and revise the guide.

guide.md is the PM's work: an existing one is replaced only with --force, and even then
the old one is kept as guide.md.bak.
"""

from __future__ import annotations

from collections import Counter

from guideagent.commands import announce_engine
from guideagent.config import Settings
from guideagent.errors import GuideAgentError
from guideagent.schemas import Severity
from guideagent.workspace import Workspace


def run(args, settings: Settings) -> int:
    from rich.console import Console

    # --force may replace a broken guide.md, so it is not read.
    workspace = Workspace.open(args.path, settings, load_guide=False, full=False)
    workspace.guard_guide(replace=args.force)
    if args.rounds is not None and args.rounds < 0:
        raise GuideAgentError("--rounds cannot be negative.", title="Bad option")
    announce_engine(settings)
    err = Console(stderr=True)
    with err.status("Drafting the guide…") as status:
        result = workspace.draft(args.rounds, lambda done, total, label: status.update(f"{label}…"))
    workspace.adopt_draft(result, save=True, backup=args.force)
    _summary(Console(), workspace, result)
    return 0


def _summary(console, workspace, result) -> None:
    guide, study = result.guide, workspace.study
    questions = sum(1 for _ in guide.questions())
    minutes = guide.total_minutes()
    severities = Counter(f.severity for f in result.critique.findings)
    console.print(f"Wrote {workspace.guide_path}", markup=False)
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
            f"  Run `guideagent critique {workspace.path}` to see what is left to fix.",
            markup=False,
        )
