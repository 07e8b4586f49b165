"""A study on disk: the folder, its files, and the rules that keep the PM's work safe.

    my-study/
      study.toml          the brief (or study.json, as eval studies have it)
      guide.md            the interview guide, in guidefile's Markdown convention
      transcripts/        one file per interview
      synthesis/          per-interview notes and themes (resumable)
      exports/            what `guideagent export` writes

Safety rules (DESIGN rule 6):
- Every write is atomic (guideagent.atomic): a crash leaves the old file or the new one.
- Each successful load keeps a hidden copy of what parsed, `.study.toml.last-good` and
  `.guide.md.last-good`. A broken file never replaces it, so after a bad hand edit the
  error names file and line and the last good copy is there beside it.
- Saving never destroys what we did not write: if the file on disk is broken, or was
  edited since we loaded it, it is first kept beside as `<name>.broken-<time>` or
  `<name>.edited-<time>`. `save_guide(..., backup=True)` also keeps `guide.md.bak`.
"""

from __future__ import annotations

import time
from pathlib import Path

from guideagent.atomic import atomic_write_bytes, atomic_write_text
from guideagent.errors import StudyError
from guideagent.guidefile import dumps_guide, loads_guide
from guideagent.schemas import Guide, Study
from guideagent.studyfile import dumps_study, loads_study

STUDY_TOML = "study.toml"
STUDY_JSON = "study.json"
GUIDE_MD = "guide.md"


def last_good_path(path: Path) -> Path:
    """Where the last copy of `path` that parsed is kept (hidden, beside it)."""
    return path.with_name(f".{path.name}.last-good")


class StudyFolder:
    """An open study. `.study` and `.guide` are what the files held when opened or saved."""

    def __init__(self, path: Path, *, load_guide: bool = True) -> None:
        self.path = Path(path)
        self._seen: dict[Path, bytes] = {}  # bytes last read or written, per file
        self.study_path = self._find_study_file()
        self.study: Study = self._load(self.study_path, loads_study)
        self.guide: Guide | None = None
        if load_guide and self.guide_path.is_file():
            self.guide = self._load(self.guide_path, loads_guide)

    @property
    def guide_path(self) -> Path:
        return self.path / GUIDE_MD

    @property
    def transcripts_dir(self) -> Path:
        return self.path / "transcripts"

    @property
    def synthesis_dir(self) -> Path:
        return self.path / "synthesis"

    @property
    def exports_dir(self) -> Path:
        return self.path / "exports"

    def save_study(self, study: Study) -> None:
        text = dumps_study(study) if self.study_path.suffix == ".toml" else study.model_dump_json(indent=2) + "\n"
        self._write(self.study_path, text, loads_study)
        self.study = study

    def save_guide(self, guide: Guide, *, backup: bool = False) -> None:
        """Write guide.md; with `backup`, first keep the current one as guide.md.bak."""
        if backup and self.guide_path.is_file():
            current = self.guide_path.read_bytes()
            atomic_write_bytes(self.guide_path.with_name(GUIDE_MD + ".bak"), current)
            self._seen[self.guide_path] = current  # kept: no second copy needed
        text = dumps_guide(guide)
        self._write(self.guide_path, text, loads_guide)
        # What the user sees on reopening: parse what was written, so ids match the file.
        self.guide = loads_guide(text, self.guide_path)

    # -- internals ------------------------------------------------------------------------
    def _find_study_file(self) -> Path:
        if not self.path.is_dir():
            raise StudyError("no such study folder. Create one with `guideagent new`.", self.path)
        for name in (STUDY_TOML, STUDY_JSON):
            if (self.path / name).is_file():
                return self.path / name
        raise StudyError(
            f"not a study folder: it has no {STUDY_TOML} (or {STUDY_JSON}). "
            "Create one with `guideagent new`.",
            self.path,
        )

    def _load(self, path: Path, parse):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise self._broken(path, "not UTF-8 text", line) from None
        try:
            value = parse(text, path)
        except StudyError as exc:
            raise self._broken(path, exc.reason, exc.line) from None
        self._seen[path] = data
        self._keep_last_good(path, data)
        return value

    def _keep_last_good(self, path: Path, data: bytes) -> None:
        keep = last_good_path(path)
        try:
            if not keep.is_file() or keep.read_bytes() != data:
                atomic_write_bytes(keep, data)
        except OSError:
            pass  # a read-only study still opens; there is simply no new copy to keep

    def _broken(self, path: Path, reason: str, line: int | None) -> StudyError:
        keep = last_good_path(path)
        hint = f" The last good copy is kept at {keep.name}." if keep.is_file() else ""
        return StudyError(f"{reason}. Fix the file by hand or restore it.{hint}", path, line)

    def _write(self, path: Path, text: str, parse) -> None:
        data = text.encode("utf-8")
        self._keep_foreign(path, parse)
        atomic_write_text(path, text)
        self._seen[path] = data
        self._keep_last_good(path, data)

    def _keep_foreign(self, path: Path, parse) -> None:
        """Keep a copy of the file on disk if we did not write it and are about to replace it."""
        if not path.is_file():
            return
        current = path.read_bytes()
        if current == self._seen.get(path):
            return
        try:
            parse(current.decode("utf-8"), path)
            tag = "edited"
        except (StudyError, UnicodeDecodeError):
            tag = "broken"
        atomic_write_bytes(_free_name(path, tag), current)


def _free_name(path: Path, tag: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
    return candidate


def open_study(folder: Path | str, *, load_guide: bool = True) -> StudyFolder:
    """Open a study folder; a hand-broken file raises StudyError naming file and line.

    `load_guide=False` skips reading guide.md, for a command about to replace it."""
    return StudyFolder(Path(folder), load_guide=load_guide)


def create_study(folder: Path | str, study: Study | None = None) -> StudyFolder:
    """Make a study folder with study.toml, transcripts/ and synthesis/.

    The folder may exist (e.g. holding transcripts already) but must not be a study yet."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StudyError("exists and is not a folder.", folder)
    for name in (STUDY_TOML, STUDY_JSON):
        if (folder / name).exists():
            raise StudyError(f"already a study (it has {name}). Open it instead.", folder)
    study = study or Study(title=folder.name or "Untitled study")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "transcripts").mkdir(exist_ok=True)
    (folder / "synthesis").mkdir(exist_ok=True)
    text = dumps_study(study)
    atomic_write_text(folder / STUDY_TOML, text)
    return StudyFolder(folder)
