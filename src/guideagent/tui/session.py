"""What the app holds about the open study, and how it is loaded from the folder.

Plain Python (no Textual): workers call `load_session` off the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guideagent.schemas import Critique, Guide, Study, Transcript
from guideagent.schemas.synthesis import Synthesis


@dataclass
class StudySession:
    folder: Any  # guideagent.store.StudyFolder
    study: Study
    guide: Guide | None = None
    critique: Critique | None = None
    transcripts: list[Transcript] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    synthesis: Synthesis | None = None

    @property
    def path(self) -> Path:
        return Path(self.folder.path)

    def transcript(self, transcript_id: str) -> Transcript | None:
        return next((t for t in self.transcripts if t.id == transcript_id), None)


def load_session(path: Path, *, create: bool = False, title: str | None = None) -> StudySession:
    """Open (or create) the study folder and read its guide, transcripts and last synthesis."""
    from guideagent import store

    if create:
        study = Study(title=title or Path(path).name)
        folder = store.create_study(Path(path), study)
    else:
        folder = store.open_study(Path(path))
    session = StudySession(folder=folder, study=folder.study, guide=folder.guide)
    if session.guide is not None:
        from guideagent.critique.rules import critique_guide

        session.critique = critique_guide(session.guide, session.study)
    transcripts_dir = Path(folder.transcripts_dir)
    if transcripts_dir.is_dir() and any(transcripts_dir.iterdir()):
        from guideagent.ingest.transcripts import load_folder

        result = load_folder(transcripts_dir)
        session.transcripts = list(result.transcripts)
        session.problems = list(result.problems)
    session.synthesis = _last_synthesis(Path(folder.synthesis_dir))
    return session


def _last_synthesis(folder: Path) -> Synthesis | None:
    path = folder / "synthesis.json"
    if not path.is_file():
        return None
    try:
        return Synthesis.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
