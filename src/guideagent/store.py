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
  error names file and line and the last good copy is there beside it. An emptied file
  (blank, or only comments) is broken too, and no copy is ever replaced by one without
  content (a guide with no questions).
- Saving never destroys what we did not write: if the file on disk is broken, or was
  edited since we loaded it, it is first kept beside as `<name>.broken-<time>` or
  `<name>.edited-<time>`. `save_guide(..., backup=True)` also keeps `guide.md.bak`.
- Adding transcripts never replaces one: a file whose interview id (its stem) the study
  already has is skipped and reported, as is a file that cannot be read as a transcript.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from guideagent.atomic import atomic_write_bytes, atomic_write_text
from guideagent.errors import InputError, StudyError
from guideagent.guidefile import dumps_guide, loads_guide
from guideagent.ingest.transcripts import IngestProblem, load_folder, load_transcript
from guideagent.schemas import Guide, Study, Transcript
from guideagent.studyfile import dumps_study, loads_study

STUDY_TOML = "study.toml"
STUDY_JSON = "study.json"
GUIDE_MD = "guide.md"


class ImportReport(BaseModel):
    """What `add_transcripts` did: each file was either added or skipped, with the reason."""

    added: list[Transcript] = Field(default_factory=list)
    skipped: list[IngestProblem] = Field(default_factory=list)


def last_good_path(path: Path) -> Path:
    """Where the last copy of `path` that parsed is kept (hidden, beside it)."""
    return path.with_name(f".{path.name}.last-good")


class StudyFolder:
    """An open study. `.study` and `.guide` are what the files held when opened or saved."""

    def __init__(self, path: Path, *, load_guide: bool = True) -> None:
        self.path = Path(path)
        self._seen: dict[Path, bytes] = {}  # bytes last read or written, per file
        self._stamps: dict[Path, tuple[int, int]] = {}  # (mtime_ns, size) of those bytes
        self._noticed: dict[Path, bytes] = {}  # foreign bytes already reported (broken ones)
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
        text = (
            dumps_study(study)
            if self.study_path.suffix == ".toml"
            else study.model_dump_json(indent=2) + "\n"
        )
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

    # -- changes made by others (an editor, the CLI) -------------------------------------
    def changed_on_disk(self) -> set[Path]:
        """The study and guide files whose bytes on disk are not what we last read or wrote
        (a new, changed or deleted file), leaving out changes already `noticed`. An
        unchanged file costs one stat."""
        return {p for p in (self.study_path, self.guide_path) if self._changed(p)}

    def _changed(self, path: Path) -> bool:
        try:
            st = path.stat()
        except FileNotFoundError:
            return path in self._seen
        if self._stamps.get(path) == (st.st_mtime_ns, st.st_size):
            return False
        current = path.read_bytes()
        if current == self._seen.get(path) or current == self._noticed.get(path):
            self._stamps[path] = (st.st_mtime_ns, st.st_size)
            return False
        return True

    def notice(self, path: Path) -> None:
        """Stop reporting the file's current bytes as a change (a broken edit, reported once)."""
        if path.is_file():
            self._noticed[path] = path.read_bytes()

    def reload_study(self) -> Study:
        """Read study.toml again (StudyError when it no longer parses)."""
        self.study = self._load(self.study_path, loads_study)
        return self.study

    def reload_guide(self) -> Guide | None:
        """Read guide.md again; None when it was deleted."""
        if not self.guide_path.is_file():
            self._seen.pop(self.guide_path, None)
            self._stamps.pop(self.guide_path, None)
            self.guide = None
        else:
            self.guide = self._load(self.guide_path, loads_guide)
        return self.guide

    def keep_copy(self, path: Path, text: str, tag: str) -> Path:
        """Write `text` beside `path` as `<name>.<tag>-<time>` (never over a file)."""
        target = _free_name(path, tag)
        atomic_write_text(target, text)
        return target

    def add_transcripts(self, sources: Iterable[Path | str]) -> ImportReport:
        """Copy transcript files (a folder gives every file in it) into transcripts/.

        Each file is read first (guideagent.ingest), so only usable transcripts are copied,
        atomically. A file is skipped, and reported, when it cannot be read or when its
        interview id (file stem, compared ignoring case) is already in the study or earlier
        in this import: an interview is never replaced or counted twice."""
        report = ImportReport()
        have = {p.stem.casefold() for p in self._transcript_files()}
        for transcript in _readable(sources, report.skipped):
            if transcript.id.casefold() in have:
                message = f"the study already has interview '{transcript.id}'; skipped"
                report.skipped.append(IngestProblem(path=transcript.source, message=message))
                continue
            source = Path(transcript.source)
            target = self.transcripts_dir / source.name
            try:
                atomic_write_bytes(target, source.read_bytes())
            except OSError as exc:
                message = f"could not copy it ({exc.strerror or exc}); skipped"
                report.skipped.append(IngestProblem(path=transcript.source, message=message))
                continue
            have.add(transcript.id.casefold())
            report.added.append(transcript.model_copy(update={"source": str(target)}))
        return report

    # -- internals ------------------------------------------------------------------------
    def _transcript_files(self) -> list[Path]:
        folder = self.transcripts_dir
        if not folder.is_dir():
            return []
        return [p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))]

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
        if isinstance(value, Guide) and value == Guide():
            raise self._broken(path, "the file is empty (or holds only comments)", 1)
        self._remember(path, data)
        self._keep_last_good(path, data, value)
        return value

    def _remember(self, path: Path, data: bytes) -> None:
        self._seen[path] = data
        self._noticed.pop(path, None)
        try:
            st = path.stat()
            self._stamps[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            self._stamps.pop(path, None)

    def _keep_last_good(self, path: Path, data: bytes, value: Study | Guide) -> None:
        if isinstance(value, Guide) and not any(True for _ in value.questions()):
            return  # a copy with no questions would save nothing worth restoring
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
        self._remember(path, data)
        self._keep_last_good(path, data, parse(text, path))

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


def _readable(sources: Iterable[Path | str], skipped: list[IngestProblem]) -> Iterable[Transcript]:
    """The transcripts among `sources` (files, or folders of files); the rest go to `skipped`."""
    for source in sources:
        source = Path(source).expanduser()
        if source.is_dir():
            found = load_folder(source)
            skipped += found.problems
            yield from found.transcripts
            continue
        try:
            if not source.exists():
                raise InputError("no such file or folder; skipped", source)
            yield load_transcript(source)
        except InputError as exc:
            skipped.append(IngestProblem(path=str(source), message=exc.reason))


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
