"""`Workspace`: one study, open, with the engine that works on it.

It holds what a face shows (the brief, the guide and its critique, the transcripts and
what could not be read, the last synthesis) and does every step of the flow on it.

Two kinds of method:
- Edits (`set_study`, `set_guide`, the guide edits in workspace/edits.py, `save_*`)
  change the open study. A
  face with an event loop calls them on that loop.
- Steps (`draft`, `critique`, `regenerate`, `plan_synthesis`) read the study and return a
  result without changing it, so they may run in a worker thread; the face then adopts
  the result (`adopt_draft`, `set_guide`, `set_critique`). `import_transcripts` and
  `synthesize` also write their own outputs (transcripts/, synthesis/) and keep them.

Longer than 400 lines because it is the one service both faces call; the guide edits
live in edits.py, the export table in exports.py and study sources in sources.py.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guideagent.errors import GuideAgentError, InputError, StudyError
from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import Synthesis
from guideagent.workspace.edits import StudyEdits
from guideagent.workspace.sync import DiskSync

if TYPE_CHECKING:  # heavy or engine-side modules load only when a step runs
    from guideagent.config import Settings
    from guideagent.drafting.revise import DraftResult
    from guideagent.engines.base import Engine, Progress
    from guideagent.ingest.status import IngestResult
    from guideagent.store import ImportReport, StudyFolder
    from guideagent.synthesis.pipeline import InterviewStatus, SynthesisRun
    from guideagent.synthesis.plan import SynthesisPlan
    from guideagent.synthesis.report import ReportFiles

# Files of a study that sit beside transcripts when a study keeps them in its own folder.
STUDY_FILES = {"study.toml", "study.json", "guide.md", "gold.json"}


@dataclass
class SynthesisOutcome:
    """A finished synthesis run and the report files written from it."""

    run: SynthesisRun
    files: ReportFiles

    @property
    def synthesis(self) -> Synthesis:
        return self.run.synthesis


class Workspace(StudyEdits, DiskSync):
    """An open study (or a plain folder of transcripts) and its engine, built on first use."""

    def __init__(
        self,
        folder: StudyFolder | None,
        study: Study,
        *,
        root: Path,
        settings: Settings | None = None,
        engine: Engine | None = None,
        transcripts_dir: Path | None = None,
    ) -> None:
        self.folder = folder
        self.path = Path(root)
        self.study = study
        self.guide: Guide | None = folder.guide if folder is not None else None
        self.critique: Critique | None = None
        self.transcripts: list[Transcript] = []
        self.problems: list[Any] = []  # IngestProblem: files that could not be read
        self.ingested: IngestResult | None = None  # the last read of transcripts/, per file
        self.synthesis: Synthesis | None = None
        self.transcripts_dir = Path(transcripts_dir or self.path / "transcripts")
        self._settings = settings
        self._engine = engine
        self._engine_fixed = engine is not None
        self._transcripts_stamp: tuple[tuple[str, int, int], ...] | None = None

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        settings: Settings | None = None,
        *,
        engine: Engine | None = None,
        load_guide: bool = True,
        full: bool = True,
    ) -> Workspace:
        """Open a study folder: its brief, guide (rules-critiqued), transcripts and last
        synthesis. A hand-broken file raises StudyError naming file and line.
        `load_guide=False` skips guide.md (about to be replaced); `full=False` reads only
        the brief and the guide, for a one-shot step (an export, a draft) that needs no more."""
        from guideagent import store

        folder = store.open_study(Path(path), load_guide=load_guide)
        workspace = cls(
            folder,
            folder.study,
            root=folder.path,
            settings=settings,
            engine=engine,
            transcripts_dir=folder.transcripts_dir,
        )
        if full:
            workspace._read()
        return workspace

    @classmethod
    def create(
        cls,
        path: Path | str,
        study: Study | None = None,
        *,
        brief: Path | None = None,
        title: str | None = None,
        settings: Settings | None = None,
        engine: Engine | None = None,
    ) -> Workspace:
        """Make a study folder from `study`, or a brief file (DESIGN.md's JSON), or nothing
        (titled after the folder); `title` overrides the title. The folder may exist (with
        transcripts in it, say) but must not be a study yet."""
        from guideagent import store
        from guideagent.workspace.sources import load_brief

        path = Path(path)
        if brief is not None:
            study = load_brief(brief)
        elif study is None:
            study = Study(title=path.resolve().name)
        if title:
            study = study.model_copy(update={"title": title})
        store.create_study(path, study)
        return cls.open(path, settings, engine=engine)

    @classmethod
    def for_transcripts(
        cls, path: Path | str, settings: Settings | None = None, *, engine: Engine | None = None
    ) -> Workspace:
        """A study folder, or a plain folder of transcripts (or one holding transcripts/),
        read for synthesis. A plain folder is a study titled after it, with no guide, and
        its reports go to its synthesis/."""
        from guideagent import store

        path = Path(path)
        if not path.is_dir():
            raise StudyError(
                "no such folder. Give a study folder or a folder of transcripts.", path
            )
        if (path / store.STUDY_TOML).is_file() or (path / store.STUDY_JSON).is_file():
            workspace = cls.open(path, settings, engine=engine, full=False)
            if not workspace.transcripts_dir.is_dir():
                workspace.transcripts_dir = path
        else:
            folder = path / "transcripts" if (path / "transcripts").is_dir() else path
            workspace = cls(
                None,
                Study(title=path.resolve().name),
                root=path,
                settings=settings,
                engine=engine,
                transcripts_dir=folder,
            )
        workspace.load_transcripts()
        return workspace

    def reload(self) -> None:
        """Read everything again from disk, dropping what was not saved."""
        if self.folder is None:
            self.load_transcripts()
            return
        from guideagent import store

        self.folder = store.open_study(self.path)
        self.study = self.folder.study
        self.guide = self.folder.guide
        self._read()

    def _read(self) -> None:
        self.critique = None
        if self.guide is not None:
            from guideagent.critique.rules import critique_guide

            self.critique = critique_guide(self.guide, self.study)
        self.transcripts, self.problems = [], []
        self._transcripts_stamp = self.transcripts_listing()
        if self.transcripts_dir.is_dir() and any(self.transcripts_dir.iterdir()):
            self.load_transcripts()
        self.synthesis = _last_synthesis(self.synthesis_dir)

    # -- where things are -------------------------------------------------------------------
    @property
    def guide_path(self) -> Path:
        return self.path / "guide.md"

    @property
    def synthesis_dir(self) -> Path:
        return self.path / "synthesis"

    @property
    def exports_dir(self) -> Path:
        return self.path / "exports"

    def transcript(self, transcript_id: str) -> Transcript | None:
        return next((t for t in self.transcripts if t.id == transcript_id), None)

    # -- the engine -------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from guideagent.config import load_settings

            self._settings = load_settings()
        return self._settings

    @property
    def engine(self) -> Engine:
        """Built on first use through the one composition root (guideagent.factory)."""
        if self._engine is None:
            from guideagent.factory import build_engine

            self._engine = build_engine(self.settings)
        return self._engine

    @property
    def engine_name(self) -> str:
        """The engine's name, without building it."""
        if self._engine is not None:
            return self._engine.name
        return self.settings.resolved_engine()

    def use_settings(self, settings: Settings) -> None:
        """New settings take effect for the next step; an engine given at opening stays."""
        self._settings = settings
        if not self._engine_fixed:
            self._engine = None

    # -- saving -----------------------------------------------------------------------------
    def save_study(self) -> None:
        self._need_folder().save_study(self.study)

    def save_guide(self, *, backup: bool = False) -> None:
        """Write guide.md atomically; `backup` first keeps the current one as guide.md.bak."""
        if self.guide is None:
            return
        self._need_folder().save_guide(self.guide, backup=backup)

    def save(self, *, backup: bool = False) -> None:
        self.save_study()
        self.save_guide(backup=backup)

    def _need_folder(self) -> StudyFolder:
        if self.folder is None:
            raise StudyError("not a study folder; create one with `guideagent new`.", self.path)
        return self.folder

    # -- steps: the guide -------------------------------------------------------------------
    def guard_guide(self, *, replace: bool) -> None:
        """Refuse to draft over the PM's guide.md unless told to replace it."""
        if self.guide_path.exists() and not replace:
            raise GuideAgentError(
                f"{self.guide_path} already exists. Use --force to replace it "
                "(the old one is kept as guide.md.bak).",
                title="Guide exists",
            )

    def draft(self, rounds: int | None = None, progress: Progress | None = None) -> DraftResult:
        """Draft a guide from the brief, critique it and revise what the critic flags
        (`rounds` revision rounds; default from settings). Changes nothing: adopt the
        result with `adopt_draft`."""
        from guideagent.drafting.revise import draft_and_revise

        rounds = self.settings.revise_rounds if rounds is None else rounds
        return draft_and_revise(self.engine, self.study, rounds, progress)

    def adopt_draft(self, result: DraftResult, *, save: bool = False, backup: bool = True) -> None:
        """Make a drafted guide the study's guide; with `save`, write guide.md now
        (keeping the old one as guide.md.bak when `backup`)."""
        self.set_guide(result.guide, critique=result.critique)
        if save:
            self.save_guide(backup=backup)

    def critique_guide(self, guide: Guide | None = None) -> Critique:
        """The engine's critique of the guide (default: the open one). Changes nothing:
        keep it with `set_critique`."""
        guide = guide if guide is not None else self._need_guide()
        return self.engine.critique_guide(guide, self.study)

    def regenerate(self, target_id: str) -> Guide:
        """The guide with one question (q-id) or section (s-id) redrafted. Changes nothing:
        adopt it with `set_guide(guide, changed=guide_edits.redrafted_ids(...))`."""
        return self.engine.regenerate(self._need_guide(), self.study, target_id)

    # -- steps: transcripts and synthesis ---------------------------------------------------
    def load_transcripts(self) -> list[Transcript]:
        """Read every transcript in transcripts/; files that do not read go to `problems`."""
        from guideagent.ingest.transcripts import load_folder

        self._transcripts_stamp = self.transcripts_listing()  # what reconcile compares to
        if not self.transcripts_dir.is_dir():
            self.transcripts, self.problems = [], []
            return self.transcripts
        ingested = load_folder(
            self.transcripts_dir,
            root=self.path,
            guide=self.guide,
            roles=self.study.roles,
            ignore=STUDY_FILES,
        )
        self.ingested = ingested  # every file's status, for the CLI table and the report
        self.problems = [p for p in ingested.problems if Path(p.path).name not in STUDY_FILES]
        self.transcripts = [
            t for t in ingested.transcripts if Path(t.source).name not in STUDY_FILES
        ]
        return self.transcripts

    def import_transcripts(self, paths: list[Path]) -> ImportReport:
        """Copy transcript files (a folder gives every file in it) into the study; an
        unreadable file or an interview id the study already has is skipped and reported."""
        report = self._need_folder().add_transcripts(paths)
        # Re-read the folder rather than append: files copied in by hand count too.
        self.load_transcripts()
        return report

    def require_transcripts(self) -> list[Transcript]:
        """The transcripts; InputError when none could be read."""
        if not self.transcripts:
            raise InputError(
                "no transcript could be read here (txt, md, vtt, srt, docx, json).",
                self.transcripts_dir,
            )
        return self.transcripts

    def plan_synthesis(self, *, fresh: bool = False) -> SynthesisPlan:
        """Which interviews still need the model, what that costs, whether text is redacted.
        `plan.needs_confirmation` says a face should ask before `synthesize`."""
        from guideagent.synthesis.plan import plan_synthesis

        return plan_synthesis(
            list(self.transcripts),
            self.engine,
            self.settings,
            study=self.study,
            guide=self.guide,
            cache_dir=self.cache_dir,
            fresh=fresh,
        )

    @property
    def cache_dir(self) -> Path:
        return self.synthesis_dir / "cache"

    def prepare_synthesis(self) -> None:
        """Load what the engine's synthesis needs before its first run: the offline engine's
        embedding model (about half a second; once a process). Slow, so a face runs it in a
        worker and says so; nothing to do for the LLM engine."""
        if self.engine_name == "offline":
            from guideagent.synthesis.embeddings import get_embedder

            get_embedder()

    def synthesize(
        self,
        plan: SynthesisPlan | None = None,
        *,
        fresh: bool = False,
        progress: Progress | None = None,
        on_interview: InterviewStatus | None = None,
        cancel: threading.Event | None = None,
        lock_wait: float = 0.0,
    ) -> SynthesisOutcome:
        """Notes per interview, then themes; writes report.md, synthesis.json and the CSVs
        and keeps the synthesis. `plan` (default: planned now) decides redaction. Setting
        `cancel` stops the run: finished interviews stay cached and SynthesisCancelled is
        raised. `progress(done, total, label)` and `on_interview(id, status)` report.
        The run holds the study's lock (workspace/lock.py): while another process holds
        it, this waits `lock_wait` seconds, then raises StudyBusy naming the holder."""
        from guideagent.workspace.lock import StudyLock

        with StudyLock(self.path, "synthesize", wait=lock_wait):
            return self._synthesize(plan, fresh, progress, on_interview, cancel)

    def _synthesize(
        self,
        plan: SynthesisPlan | None,
        fresh: bool,
        progress: Progress | None,
        on_interview: InterviewStatus | None,
        cancel: threading.Event | None,
    ) -> SynthesisOutcome:
        from guideagent.synthesis.pipeline import synthesize_study
        from guideagent.synthesis.report import write_reports

        plan = plan if plan is not None else self.plan_synthesis(fresh=fresh)
        run = synthesize_study(
            list(plan.transcripts),
            self.engine,
            study=self.study,
            guide=self.guide,
            cache_dir=self.cache_dir,
            concurrency=self.settings.concurrency,
            progress=progress,
            on_interview=on_interview,
            cancel=cancel,
            redactor=plan.redactor,
            fresh=fresh,
        )
        sources = self.ingested.files if self.ingested is not None else None
        files = write_reports(run.synthesis, self.synthesis_dir, sources)
        self.synthesis = run.synthesis
        return SynthesisOutcome(run, files)

    # -- exports ----------------------------------------------------------------------------
    def export_guide(self, fmt: str = "md", output: Path | None = None) -> Path:
        """Write the guide as md, docx or json: to `output` (a folder gets guide.<ext>
        inside), by default into the study's exports/. Returns the file written."""
        from guideagent.workspace.exports import export_guide, guide_file_name

        guide = self._need_guide()
        if not any(True for _ in guide.questions()):
            raise StudyError(
                "the guide has no questions, so there is nothing to export. Add questions to "
                f"guide.md or draft one with `guideagent draft {self.path} --force`.",
                self.guide_path,
            )
        name = guide_file_name(fmt)
        out = Path(output) if output is not None else self.exports_dir / name
        if out.is_dir():
            out = out / name
        return export_guide(guide, fmt, out)

    def export(self, subject: str, fmt: str) -> Path:
        """`export_guide(fmt)` for subject "guide", `export_synthesis(fmt)` for "synthesis"."""
        if subject == "guide":
            return self.export_guide(fmt)
        if subject == "synthesis":
            return self.export_synthesis(fmt)
        raise InputError(f"nothing to export called {subject!r}; use guide or synthesis.")

    def export_synthesis(self, fmt: str = "report") -> Path:
        """Write the last synthesis as report (report.md), json (synthesis.json) or csv
        (themes.csv and quotes.csv in exports/). Returns the file (or the csv folder)."""
        from guideagent.workspace.exports import export_synthesis

        if self.synthesis is None:
            raise StudyError(
                f"the study has no synthesis yet. Run `guideagent synthesize {self.path}`.",
                self.path,
            )
        return export_synthesis(
            self.synthesis, fmt, synthesis_dir=self.synthesis_dir, exports_dir=self.exports_dir
        )


def _last_synthesis(folder: Path) -> Synthesis | None:
    path = folder / "synthesis.json"
    if not path.is_file():
        return None
    try:
        return Synthesis.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
