"""Where a face's input comes from, when it is not an open study: a study brief, a loose
guide file to critique, the bundled demo study, and the note every face shows when the
offline engine is used because nothing is configured."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import guideagent
from guideagent.errors import InputError, StudyError
from guideagent.schemas import Critique, Guide, Study

if TYPE_CHECKING:
    from guideagent.config import Settings
    from guideagent.engines.base import Engine

BUNDLED_DEMO = Path(guideagent.__file__).parent / "demo" / "study"
DEMO_FOLDER_NAME = "pocketwise-study"
OFFLINE_NOTICE = (
    "guideagent: no provider configured (OPENAI_API_KEY / OPENAI_BASE_URL); "
    "using the offline engine."
)


def engine_notice(settings: Settings) -> str | None:
    """What to tell the user once when the offline engine runs because nothing is configured."""
    if settings.engine == "auto" and settings.resolved_engine() == "offline":
        return OFFLINE_NOTICE
    return None


def load_brief(path: Path) -> Study:
    """A study brief (DESIGN.md's JSON, or TOML); a bad one is reported with file and line."""
    from guideagent.studyfile import loads_study

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StudyError("no such brief file.", path) from None
    except UnicodeDecodeError:
        raise StudyError("the brief is not UTF-8 text.", path) from None
    return loads_study(text, path, "toml" if path.suffix == ".toml" else "json")


@dataclass
class CritiqueResult:
    guide: Guide
    critique: Critique
    study: Study | None  # None for a loose guide file


def read_guide(path: Path) -> Guide:
    """A guide file as the app sees it.

    A study's `guide.md`, or any Markdown carrying guidefile's metadata comments, is read
    by guidefile, the reader the study and the app use, so ids and questions match;
    anything else a PM wrote (plain Markdown, text, .docx) goes through the importer."""
    from guideagent import guidefile, store
    from guideagent.ingest.guide import load_guide

    path = Path(path)
    if path.suffix.lower() in {".md", ".markdown"}:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return load_guide(path)  # the importer names what is wrong with the file
        if path.name == store.GUIDE_MD or guidefile.is_guidefile(text):
            guide = guidefile.loads_guide(text, path)
            if not any(True for _ in guide.questions()):
                raise InputError("no interview questions found in it.", path)
            return guide
    return load_guide(path)


def critique_target(
    path: Path,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    allow: list[str] | tuple[str, ...] = (),
) -> CritiqueResult:
    """Critique a guide file (.md, .txt, .docx), or a study folder's guide (a folder with
    only a guide.md counts as that file). `allow` lists terms participants know (not
    jargon). The engine is built from `settings` unless one is given."""
    from guideagent import store

    path = Path(path)
    allowed = [t for t in allow if t.strip()]
    study: Study | None = None
    if not path.is_dir():
        guide = read_guide(path)
    elif not _is_study(path) and (path / store.GUIDE_MD).is_file():
        guide = read_guide(path / store.GUIDE_MD)
    else:
        folder = store.open_study(path)
        if folder.guide is None:
            raise InputError("the study has no guide.md yet; run `guideagent draft` first.", path)
        if not any(True for _ in folder.guide.questions()):
            raise InputError("no interview questions found in guide.md.", folder.guide_path)
        guide, study = folder.guide, folder.study
    if study is not None and allowed:
        study = study.model_copy(update={"jargon_allowed": [*study.jargon_allowed, *allowed]})
    if engine is None:
        from guideagent.factory import build_engine

        engine = build_engine(settings)
    critique = engine.critique_guide(guide, study)
    if study is None and allowed:
        from guideagent.critique.rules import without_allowed_jargon

        critique = without_allowed_jargon(critique, guide, allowed)
    return CritiqueResult(guide=guide, critique=critique, study=study)


def _is_study(path: Path) -> bool:
    from guideagent import store

    return any((path / name).is_file() for name in (store.STUDY_TOML, store.STUDY_JSON))


def prepare_demo(target: Path | None = None) -> Path:
    """Copy the bundled demo study to `target` (default: a new temp folder); return its path.
    A target that already holds a study is reused as it is, so edits there survive."""
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="guideagent-demo-")) / DEMO_FOLDER_NAME
    target = Path(target).expanduser()
    if _is_study(target):
        return target
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StudyError("exists and is not empty; give --dir a new or empty folder.", target)
    shutil.copytree(
        BUNDLED_DEMO, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*", "__pycache__")
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


def bundle_demo_synthesis(target: Path = BUNDLED_DEMO) -> Path:
    """Recompute the shipped demo synthesis with the offline engine; write it to
    `target`/synthesis (default: the bundle itself) and return that folder."""
    from guideagent.engines.offline import OfflineEngine
    from guideagent.ingest.transcripts import load_folder
    from guideagent.store import open_study
    from guideagent.synthesis.pipeline import synthesize_study
    from guideagent.synthesis.report import write_reports

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / DEMO_FOLDER_NAME
        shutil.copytree(BUNDLED_DEMO, copy, ignore=shutil.ignore_patterns(".*", "synthesis"))
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


def demo_engine() -> Engine:
    """The demo always runs on the offline engine: no key, no network, the same every time."""
    from guideagent.engines.offline import OfflineEngine

    return OfflineEngine()
