"""The core service every face calls: the whole flow on a study, with no UI in it.

The CLI (guideagent.commands), the Textual app (guideagent.tui) and any future face (an
MCP server, a web page) are thin files over this package: they parse input, call one
method, and show the result or the typed error (`GuideAgentError.title` and `.message`).
They hold no flow logic and no format dispatch; if a face needs a rule, it goes here.

    from guideagent.workspace import Workspace

    ws = Workspace.create("my-study", brief=Path("brief.json"))   # or Workspace.open(path)
    ws.adopt_draft(ws.draft(), save=True)        # draft, critique, revise; write guide.md
    critique = ws.critique_guide()               # the engine's critique of the guide
    ws.import_transcripts([Path("interviews/")])
    plan = ws.plan_synthesis()                   # cost estimate and pending interviews;
    if plan.needs_confirmation: ...              #   ask the user before money is spent
    outcome = ws.synthesize(plan, progress=..., on_interview=..., cancel=threading.Event())
    ws.export_guide("docx"); ws.export_synthesis("csv")

Edits (`set_study`, `set_guide`, ...) change the open study and belong on a face's
event loop; guide changes can be taken back (`undo`, `redo`; typing in one field is one
step); steps (`draft`, `critique_guide`, `regenerate`, `plan_synthesis`,
`synthesize`) may run in a worker thread and return results the face adopts. The engine
is built lazily through guideagent.factory.build_engine, so importing this package (and
starting the CLI) does not pay for openai, onnxruntime or Textual.
"""

from __future__ import annotations

from guideagent.workspace.exports import (
    GUIDE_FORMATS,
    SYNTHESIS_FORMATS,
    export_guide,
    export_synthesis,
)
from guideagent.workspace.sources import (
    CritiqueResult,
    bundle_demo_synthesis,
    critique_target,
    demo_engine,
    engine_notice,
    load_brief,
    prepare_demo,
    read_guide,
)
from guideagent.workspace.study import STUDY_FILES, SynthesisOutcome, Workspace

__all__ = [
    "GUIDE_FORMATS",
    "STUDY_FILES",
    "SYNTHESIS_FORMATS",
    "CritiqueResult",
    "SynthesisOutcome",
    "Workspace",
    "bundle_demo_synthesis",
    "critique_target",
    "demo_engine",
    "engine_notice",
    "export_guide",
    "export_synthesis",
    "load_brief",
    "prepare_demo",
    "read_guide",
]
