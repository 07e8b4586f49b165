"""`guideagent demo`: a bundled example study (a budgeting app, five interviews in five
formats), copied to a fresh folder and opened on the offline engine.

With --no-tui it runs the whole flow without the app (draft the guide if there is none,
critique it, synthesize the transcripts, write the reports) and prints where the report
is and the top themes: the README's quick start and a smoke test.

The bundled study ships a finished synthesis (synthesis/), so the app's synthesis tab has
themes to browse on first open. It is what our own offline engine computes from the
bundled transcripts, never written by hand: `python -m guideagent.commands.demo`
recomputes it (workspace.bundle_demo_synthesis), and a test fails when the shipped copy drifts from a fresh run. In the
bundle its transcript paths are relative to the study; `prepare_demo` anchors them in the copy.
"""

from __future__ import annotations

from pathlib import Path

from guideagent.config import Settings
from guideagent.workspace import Workspace, bundle_demo_synthesis, demo_engine, prepare_demo

TOP_THEMES = 5


def run(args, settings: Settings) -> int:
    path = prepare_demo(args.dir)
    engine = demo_engine()
    if args.no_tui:
        return run_flow(path, engine, settings)
    from guideagent.tui import run_app

    return run_app(settings, path, engine=engine)


def run_flow(path: Path, engine, settings: Settings) -> int:
    say = print
    workspace = Workspace.open(path, settings, engine=engine)
    study = workspace.study
    say(f"Demo study: {study.title}\n  folder: {path}")
    if workspace.guide is None:
        workspace.adopt_draft(workspace.draft(), save=True, backup=False)
        say(f"Drafted a guide: {workspace.guide_path}")
    guide = workspace.guide
    assert guide is not None  # drafted just above when the demo had none
    critique = workspace.critique_guide()
    counts = [
        _plural(sum(1 for f in critique.findings if f.severity.value == severity), noun)
        for severity, noun in (("error", "error"), ("warning", "warning"), ("info", "note"))
    ]
    questions = sum(1 for _ in guide.questions())
    say(
        f"Guide: {questions} questions, ~{guide.total_minutes():.0f} of {study.session_minutes} min; "
        f"critique: {', '.join(counts)}"
    )
    for problem in workspace.problems:
        say(f"  skipped {problem}")
    outcome = workspace.synthesize()
    synthesis = outcome.synthesis
    say(
        f"Synthesized {len(workspace.transcripts)} interviews into {len(synthesis.themes)} themes. Top themes:"
    )
    ranked = sorted(synthesis.themes, key=lambda t: -len(t.participant_ids))
    for theme in ranked[:TOP_THEMES]:
        say(f"  {synthesis.prevalence(theme):>7}  {theme.label}")
    say(f"Report: {outcome.files.report}")
    say(f"Open it in the app: guideagent {path}")
    return 0


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


if __name__ == "__main__":
    print(f"Wrote {bundle_demo_synthesis()}")
