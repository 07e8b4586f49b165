"""`guideagent demo`: a bundled example study (a budgeting app, five interviews in five
formats), copied to a fresh folder and opened on the offline engine.

With --no-tui it runs the whole flow without the app (draft the guide if there is none,
critique it, synthesize the transcripts, write the reports) and prints where the report
is and the top themes: the README's quick start and a smoke test.

The bundled study ships a finished synthesis (synthesis/), so the app's synthesis tab has
themes to browse on first open. It is what our own offline engine computes from the
bundled transcripts, never written by hand: `python -m guideagent.commands.demo`
recomputes it, and a test fails when the shipped copy drifts from a fresh run. In the
bundle its transcript paths are relative to the study; `prepare` anchors them in the copy.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import guideagent
from guideagent.config import Settings
from guideagent.errors import StudyError

BUNDLED = Path(guideagent.__file__).parent / "demo" / "study"
FOLDER_NAME = "pocketwise-study"
TOP_THEMES = 5


def prepare(target: Path | None = None) -> Path:
    """Copy the bundled study to `target` (default: a new temp folder) and return its path.
    A target that already holds a study is reused as it is, so edits there survive."""
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="guideagent-demo-")) / FOLDER_NAME
    target = target.expanduser()
    if (target / "study.json").is_file() or (target / "study.toml").is_file():
        return target
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StudyError("exists and is not empty; give --dir a new or empty folder.", target)
    shutil.copytree(
        BUNDLED, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*", "__pycache__")
    )
    _anchor_sources(target / "synthesis" / "synthesis.json", target)
    return target


def _anchor_sources(path: Path, study: Path) -> None:
    """Make a synthesis.json's transcript paths absolute within `study` (report links)."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    sources = data.get("transcript_sources") or {}
    data["transcript_sources"] = {
        k: str((study / v).resolve()) if not Path(v).is_absolute() else v
        for k, v in sources.items()
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def bundle_synthesis(target: Path = BUNDLED) -> Path:
    """Recompute the shipped demo synthesis with the offline engine; write it to
    `target`/synthesis (default: the bundle itself) and return that folder."""
    from guideagent.engines.offline import OfflineEngine
    from guideagent.ingest.transcripts import load_folder
    from guideagent.store import open_study
    from guideagent.synthesis.pipeline import synthesize_study
    from guideagent.synthesis.report import write_reports

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / FOLDER_NAME
        shutil.copytree(BUNDLED, copy, ignore=shutil.ignore_patterns(".*", "synthesis"))
        folder = open_study(copy)
        transcripts = load_folder(folder.transcripts_dir).transcripts
        run = synthesize_study(
            transcripts, OfflineEngine(), study=folder.study, guide=folder.guide, concurrency=1
        )
        # Rendered inside the copy, the report's links are relative: ../transcripts/P1.txt.
        files = write_reports(run.synthesis, folder.synthesis_dir)
        relative = {
            k: f"transcripts/{Path(v).name}" for k, v in run.synthesis.transcript_sources.items()
        }
        shipped = run.synthesis.model_copy(update={"transcript_sources": relative})
        files.json.write_text(shipped.model_dump_json(indent=2) + "\n", encoding="utf-8")
        out = Path(target) / "synthesis"
        out.mkdir(parents=True, exist_ok=True)
        for made in (files.report, files.json, files.themes_csv, files.quotes_csv):
            shutil.copyfile(made, out / made.name)
    return out


def run(args, settings: Settings) -> int:
    from guideagent.engines.offline import OfflineEngine

    path = prepare(args.dir)
    engine = OfflineEngine()
    if args.no_tui:
        return run_flow(path, engine, settings)
    from guideagent.tui import run_app

    return run_app(settings, path, engine=engine)


def run_flow(path: Path, engine, settings: Settings) -> int:
    from guideagent.drafting.revise import draft_and_revise
    from guideagent.ingest.transcripts import load_folder
    from guideagent.store import open_study
    from guideagent.synthesis.pipeline import synthesize_study
    from guideagent.synthesis.report import write_reports

    say = print
    folder = open_study(path)
    say(f"Demo study: {folder.study.title}\n  folder: {path}")
    guide = folder.guide
    if guide is None:
        result = draft_and_revise(engine, folder.study, settings.revise_rounds)
        guide = result.guide
        folder.save_guide(guide)
        say(f"Drafted a guide: {folder.guide_path}")
    critique = engine.critique_guide(guide, folder.study)
    counts = [
        _plural(sum(f.severity.value == severity for f in critique.findings), noun)
        for severity, noun in (("error", "error"), ("warning", "warning"), ("info", "note"))
    ]
    questions = sum(1 for _ in guide.questions())
    say(
        f"Guide: {questions} questions, ~{guide.total_minutes():.0f} of {folder.study.session_minutes} min; "
        f"critique: {', '.join(counts)}"
    )
    ingested = load_folder(folder.transcripts_dir)
    for problem in ingested.problems:
        say(f"  skipped {problem}")
    run = synthesize_study(
        ingested.transcripts,
        engine,
        study=folder.study,
        guide=guide,
        cache_dir=folder.synthesis_dir / "cache",
        concurrency=settings.concurrency,
    )
    synthesis = run.synthesis
    files = write_reports(synthesis, folder.synthesis_dir)
    say(
        f"Synthesized {len(ingested.transcripts)} interviews into {len(synthesis.themes)} themes. Top themes:"
    )
    ranked = sorted(synthesis.themes, key=lambda t: -len(t.participant_ids))
    for theme in ranked[:TOP_THEMES]:
        say(f"  {synthesis.prevalence(theme):>7}  {theme.label}")
    say(f"Report: {files.report}")
    say(f"Open it in the app: guideagent {path}")
    return 0


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


if __name__ == "__main__":
    print(f"Wrote {bundle_synthesis()}")
