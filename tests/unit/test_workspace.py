"""guideagent.workspace, as a face (or a script) uses it: each step of the flow on a
temp study, on the offline engine (the LLM engine only where planning needs its
settings, through the loopback server's settings; no call is made)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from docx import Document
from paths import ROOT

import guideagent
from guideagent.config import load_settings
from guideagent.errors import GuideAgentError, InputError, StudyError
from guideagent.schemas import Guide, Objective, ParticipantPlan, Segment, Study
from guideagent.synthesis.pipeline import SynthesisCancelled
from guideagent.workspace import (
    Workspace,
    critique_target,
    demo_engine,
    engine_notice,
    export_guide,
    prepare_demo,
)

BRIEF = ROOT / "evals" / "datasets" / "briefs" / "city-permits-portal.json"
DEMO = Path(guideagent.__file__).parent / "demo" / "study"


@pytest.fixture
def settings():
    return load_settings({"engine": "offline"})


@pytest.fixture
def demo(tmp_path) -> Path:
    """The demo study with two of its interviews (a .txt and a .vtt): quick to synthesize, and not yet synthesized."""
    target = tmp_path / "demo"
    shutil.copytree(
        DEMO, target, ignore=shutil.ignore_patterns("P2.*", "P4.*", "P5.*", "synthesis")
    )
    return target


# -- create, open, reload ---------------------------------------------------------------------
def test_create_from_a_brief(tmp_path, settings):
    ws = Workspace.create(tmp_path / "permits", brief=BRIEF, settings=settings)
    brief = json.loads(BRIEF.read_text())
    assert ws.study.title == brief["title"]
    assert [o.id for o in ws.study.objectives] == [o["id"] for o in brief["objectives"]]
    assert (tmp_path / "permits" / "study.toml").is_file()
    assert ws.guide is None and ws.transcripts == [] and ws.synthesis is None
    reopened = Workspace.open(tmp_path / "permits", settings)
    assert reopened.study == ws.study


def test_create_titles_and_refuses_an_existing_study(tmp_path, settings):
    ws = Workspace.create(tmp_path / "plain", settings=settings)
    assert ws.study.title == "plain"
    titled = Workspace.create(tmp_path / "t", Study(title="x"), title="Shift handoff")
    assert titled.study.title == "Shift handoff"
    with pytest.raises(StudyError, match="already a study"):
        Workspace.create(tmp_path / "plain")
    with pytest.raises(StudyError, match="no such brief"):
        Workspace.create(tmp_path / "nobrief", brief=tmp_path / "missing.json")


def test_open_reads_guide_critique_transcripts_and_last_synthesis(demo, settings):
    ws = Workspace.open(demo, settings)
    assert ws.study.title.startswith("Pocketwise")
    assert ws.guide is not None and ws.critique is not None
    assert ws.critique.engine == "offline"
    assert sorted(t.id for t in ws.transcripts) == ["P1", "P3"]
    assert ws.transcript("P3") is not None and ws.transcript("P9") is None
    assert ws.synthesis is None
    lean = Workspace.open(demo, settings, full=False)  # a one-shot step: brief and guide
    assert lean.guide is not None and lean.critique is None and lean.transcripts == []
    assert Workspace.open(demo, settings, load_guide=False).guide is None


def test_open_reports_a_broken_file_by_line(tmp_path, demo):
    (demo / "study.json").write_text('{"title": "x",\n  "objectives": 3}\n')
    with pytest.raises(StudyError) as caught:
        Workspace.open(demo)
    assert caught.value.path == demo / "study.json"
    with pytest.raises(StudyError, match="not a study folder"):
        Workspace.open(tmp_path)


def test_reload_drops_unsaved_edits_and_reads_the_disk(demo, settings):
    ws = Workspace.open(demo, settings)
    ws.set_study(ws.study.model_copy(update={"title": "Unsaved"}))
    other = Workspace.open(demo, settings)
    other.set_study(other.study.model_copy(update={"title": "Saved elsewhere"}))
    other.save_study()
    ws.reload()
    assert ws.study.title == "Saved elsewhere"


# -- edits ---------------------------------------------------------------------------------------
def test_edit_objectives_and_participants_then_save(demo, settings):
    ws = Workspace.open(demo, settings)
    objectives = [*ws.study.objectives, Objective(id="o9", text="Learn how couples split bills")]
    assert ws.set_objectives(objectives)
    assert not ws.set_objectives(objectives)  # nothing changed
    plan = ParticipantPlan(segments=[Segment(name="couples", count=3)])
    assert ws.set_participants(plan)
    # The new objective has no question serving it: the critique follows the brief.
    assert any(f.code.value == "objective_uncovered" for f in ws.critique.guide_level())
    ws.save_study()
    saved = Workspace.open(demo, settings).study
    assert saved.objectives[-1].id == "o9"
    assert saved.participants.segments[0].name == "couples"
    assert [f.code.value for f in ws.plan_findings()] == ["participants_not_diverse"]


def test_edit_the_guide_rechecks_and_saves_with_a_backup(demo, settings):
    ws = Workspace.open(demo, settings)
    ws.set_question_text("q3", "Do you like the app?")
    assert "closed" in {c.value for c in ws.critique.codes_for("q3")}
    new_id = ws.add_question("q3")
    assert ws.guide.question(new_id) is not None
    ws.remove_question(new_id)
    assert ws.guide.question(new_id) is None
    finding = next(f for f in ws.critique.for_question("q3") if f.rewrite)
    ws.apply_rewrite(finding)
    assert ws.guide.question("q3").text == finding.rewrite
    before = (demo / "guide.md").read_text()
    ws.save_guide(backup=True)
    assert (demo / "guide.md.bak").read_text() == before
    assert Workspace.open(demo, settings).guide.question("q3").text == finding.rewrite


def test_guide_edits_each_say_whether_they_changed_anything(demo, settings):
    ws = Workspace.open(demo, settings)
    section = ws.guide.section_of("q3")
    assert ws.set_section_title(section.id, "Money, week by week")
    assert ws.guide.section_of("q3").title == "Money, week by week"
    assert ws.add_probe("q3")
    probes = len(ws.guide.question("q3").probes)
    assert ws.set_probe("q3", probes - 1, "What happened next?")
    assert not ws.set_probe("q3", 99, "nothing there")
    assert ws.remove_probe("q3", probes - 1)
    assert len(ws.guide.question("q3").probes) == probes - 1
    order = [q.id for q in ws.guide.section_of("q3").questions]
    if order.index("q3") + 1 < len(order):
        assert ws.move_question("q3", 1)
        assert [q.id for q in ws.guide.section_of("q3").questions] != order
    first = ws.guide.sections[0].id
    assert not ws.move_section(first, -1)  # already first
    assert ws.move_section(first, 1) and ws.guide.sections[1].id == first
    regenerated = ws.regenerate("q3")
    ws.adopt_regenerated(regenerated, "q3")
    assert ws.guide is regenerated


def test_guide_edits_need_a_guide(tmp_path, settings):
    ws = Workspace.create(tmp_path / "s", settings=settings)
    with pytest.raises(StudyError, match="no guide.md yet"):
        ws.set_question_text("q1", "Tell me about it.")


# -- draft, critique, regenerate -------------------------------------------------------------
def test_draft_returns_a_result_that_the_face_adopts(tmp_path, settings):
    ws = Workspace.create(tmp_path / "permits", brief=BRIEF, settings=settings)
    steps: list[str] = []
    result = ws.draft(progress=lambda done, total, label: steps.append(label))
    assert steps[0] == "Drafting the guide" and steps[-1] == "Done"
    assert ws.guide is None  # a step changes nothing until adopted
    ws.adopt_draft(result, save=True, backup=False)
    assert ws.guide is result.guide and ws.critique is result.critique
    assert Workspace.open(ws.path, settings).guide.title == result.guide.title
    with pytest.raises(GuideAgentError, match="already exists") as caught:
        ws.guard_guide(replace=False)
    assert caught.value.title == "Guide exists"
    ws.guard_guide(replace=True)


def test_critique_and_regenerate_leave_the_study_alone(demo, settings):
    ws = Workspace.open(demo, settings)
    guide = ws.guide
    critique = ws.critique_guide()
    assert critique.engine == "offline"
    other = ws.critique_guide(Guide(title="empty"))
    assert other.findings != critique.findings
    regenerated = ws.regenerate("q3")
    assert regenerated.question("q3") is not None
    assert ws.guide is guide


# -- the engine ------------------------------------------------------------------------------
def test_engine_is_built_on_first_use_and_follows_settings(demo, settings):
    ws = Workspace.open(demo, settings)
    assert ws._engine is None and ws.engine_name == "offline"
    assert ws.engine.name == "offline"
    ws.use_settings(load_settings({"engine": "offline", "revise_rounds": 0}))
    assert ws._engine is None and ws.settings.revise_rounds == 0
    fixed = demo_engine()
    pinned = Workspace.open(demo, settings, engine=fixed)
    pinned.use_settings(settings)
    assert pinned.engine is fixed


def test_importing_the_workspace_stays_cheap():
    code = (
        "import sys, guideagent.workspace\n"
        "heavy = [m for m in ('openai', 'instructor', 'onnxruntime', 'textual', 'docx')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_engine_notice_only_when_nothing_is_configured():
    assert "offline engine" in engine_notice(load_settings({}))
    assert engine_notice(load_settings({"engine": "offline"})) is None


# -- transcripts and synthesis ----------------------------------------------------------------
def test_import_transcripts_adds_new_and_skips_the_rest(demo, tmp_path, settings):
    ws = Workspace.open(demo, settings)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    shutil.copy(DEMO / "transcripts" / "P2.md", incoming)
    shutil.copy(DEMO / "transcripts" / "P1.txt", incoming)  # already in the study
    (incoming / "notes.xyz").write_text("not a transcript")
    report = ws.import_transcripts([incoming])
    assert [t.id for t in report.added] == ["P2"]
    assert len(report.skipped) == 2
    assert sorted(t.id for t in ws.transcripts) == ["P1", "P2", "P3"]
    assert (demo / "transcripts" / "P2.md").is_file()


def test_plan_offline_costs_nothing_and_asks_nothing(demo, settings):
    ws = Workspace.open(demo, settings)
    plan = ws.plan_synthesis()
    assert plan.estimate is None and not plan.needs_confirmation
    assert [t.id for t in plan.pending] == [t.id for t in ws.transcripts]


def test_plan_for_a_model_estimates_cost_and_redacts(demo, llm_settings):
    ws = Workspace.open(demo, llm_settings)
    plan = ws.plan_synthesis()
    assert plan.needs_confirmation and plan.estimate is not None
    assert plan.redactor is None  # the loopback server is local: nothing leaves the machine
    ws.use_settings(llm_settings.model_copy(update={"redact": True}))
    plan = ws.plan_synthesis()
    assert plan.redactor is not None
    assert any("redacted" in line for line in plan.describe())


def test_no_transcripts_is_an_input_error(tmp_path, settings):
    ws = Workspace.create(tmp_path / "empty", settings=settings)
    with pytest.raises(InputError, match="no transcript could be read"):
        ws.require_transcripts()


def test_synthesize_reports_progress_writes_reports_and_resumes(demo, settings):
    ws = Workspace.open(demo, settings)
    statuses: list[tuple[str, str]] = []
    steps: list[tuple[int, int, str]] = []
    outcome = ws.synthesize(
        progress=lambda done, total, label: steps.append((done, total, label)),
        on_interview=lambda tid, status: statuses.append((tid, status)),
    )
    assert ("P1", "done") in statuses and ("P3", "done") in statuses
    assert steps and steps[-1][1] == 2
    assert outcome.synthesis.themes and ws.synthesis is outcome.synthesis
    assert outcome.files.report == demo / "synthesis" / "report.md"
    assert outcome.files.report.is_file() and outcome.files.json.is_file()
    assert Workspace.open(demo, settings).synthesis == outcome.synthesis

    statuses.clear()
    again = ws.synthesize(on_interview=lambda tid, status: statuses.append((tid, status)))
    assert {s for _, s in statuses} == {"cached"} and again.run.cached == 2


def test_synthesize_cancel_keeps_finished_interviews(demo, settings):
    ws = Workspace.open(demo, settings)
    cancel = threading.Event()

    def on_interview(transcript_id: str, status: str) -> None:
        if status == "done":
            cancel.set()

    with pytest.raises(SynthesisCancelled) as caught:
        ws.synthesize(on_interview=on_interview, cancel=cancel)
    assert caught.value.done == 1 and caught.value.total == 2
    assert ws.synthesis is None
    assert not (demo / "synthesis" / "report.md").exists()
    plan = ws.plan_synthesis()
    outcome = ws.synthesize(plan)
    assert outcome.run.cached == 1


def test_a_plain_folder_of_transcripts(tmp_path, settings):
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(DEMO / "transcripts" / "P1.txt", folder)
    shutil.copy(DEMO / "transcripts" / "P3.vtt", folder)
    (folder / "bad.xyz").write_text("junk")
    ws = Workspace.for_transcripts(folder, settings)
    assert ws.folder is None and ws.study.title == "calls" and ws.guide is None
    assert [str(p.path) for p in ws.problems] == [str(folder / "bad.xyz")]
    outcome = ws.synthesize()
    assert outcome.files.report == folder / "synthesis" / "report.md"
    with pytest.raises(StudyError, match="no such folder"):
        Workspace.for_transcripts(tmp_path / "missing")


# -- exports ----------------------------------------------------------------------------------
def test_export_the_guide_in_every_format(demo, tmp_path, settings):
    ws = Workspace.open(demo, settings)
    md = ws.export_guide()
    assert md == demo / "exports" / "guide.md"
    assert Workspace.open(demo, settings).guide.model_dump() == ws.guide.model_dump()
    data = json.loads(ws.export_guide("json").read_text())
    assert data["title"] == ws.guide.title
    docx = ws.export_guide("docx", tmp_path)  # a folder: guide.docx inside
    assert docx == tmp_path / "guide.docx"
    assert Document(str(docx)).paragraphs[0].text == ws.guide.title
    named = ws.export_guide("md", tmp_path / "handout.md")
    assert named.read_text() == md.read_text()
    assert export_guide(ws.guide, "json", tmp_path / "g.json").is_file()
    with pytest.raises(InputError, match="unknown guide export format"):
        ws.export_guide("pdf")


def test_export_the_synthesis_in_every_format(demo, settings):
    ws = Workspace.open(demo, settings)
    with pytest.raises(StudyError, match="no synthesis yet"):
        ws.export_synthesis("report")
    ws.synthesize()
    assert ws.export_synthesis("report") == demo / "synthesis" / "report.md"
    assert ws.export_synthesis("json") == demo / "synthesis" / "synthesis.json"
    folder = ws.export("synthesis", "csv")
    assert folder == demo / "exports"
    assert (folder / "themes.csv").is_file() and (folder / "quotes.csv").is_file()
    assert ws.export("guide", "docx") == demo / "exports" / "guide.docx"


def test_export_without_a_guide(tmp_path, settings):
    ws = Workspace.create(tmp_path / "s", settings=settings)
    with pytest.raises(StudyError, match="no guide.md yet"):
        ws.export_guide("docx")


# -- a loose guide file, and the demo -----------------------------------------------------------
def test_critique_a_guide_file_or_a_study(demo, settings):
    loose = critique_target(demo / "guide.md", settings=settings)
    assert loose.study is None
    assert "no_objectives" in {f.code.value for f in loose.critique.guide_level()}
    in_study = critique_target(demo, settings=settings)
    assert in_study.study is not None and in_study.study.title.startswith("Pocketwise")
    (demo / "study.json").unlink()  # a folder with only a guide.md is that file
    assert critique_target(demo, settings=settings).study is None


def test_prepare_demo_copies_once_and_refuses_a_busy_folder(tmp_path):
    path = prepare_demo(tmp_path / "demo")
    assert (path / "study.json").is_file()
    (path / "marker").write_text("kept")
    assert prepare_demo(path) == path and (path / "marker").is_file()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    with pytest.raises(StudyError, match="not empty"):
        prepare_demo(busy)
