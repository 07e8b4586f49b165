"""What became of each file of a transcripts folder, in words for the user.

`load_folder` (transcripts.py) fills an `IngestResult`: the transcripts, a `FileStatus` for
every file (read, read with warnings, skipped, ignored; speakers with their roles), and
the skipped files as `IngestProblem`s. The CLI prints `source_lines`; report.md prints the
same as its "Sources" section. Nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field

from guideagent.errors import InputError
from guideagent.schemas.transcript import Role, Transcript

# `guideagent synthesize` exits with this when it wrote the report but skipped a file.
EXIT_SKIPPED = 4


class IngestProblem(BaseModel):
    """A file that could not be used at all, and why, in words for the user."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Status(StrEnum):
    read = "read"
    warnings = "read with warnings"
    skipped = "skipped"
    ignored = "ignored"


class SpeakerRow(BaseModel):
    speaker: str
    role: Role
    turns: int


class FileStatus(BaseModel):
    """One file of the transcripts folder and what became of it, in words for the user."""

    path: str
    status: Status
    reason: str = Field(default="", description="Why a file was skipped or ignored.")
    warnings: list[str] = Field(default_factory=list)
    transcript_id: str = ""
    speakers: list[SpeakerRow] = Field(default_factory=list)
    turns: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name


class IngestResult(BaseModel):
    """What a folder held: the transcripts that loaded, the files that did not, and a
    status for every file in it."""

    transcripts: list[Transcript] = Field(default_factory=list)
    problems: list[IngestProblem] = Field(default_factory=list)
    files: list[FileStatus] = Field(default_factory=list)

    @property
    def skipped(self) -> list[FileStatus]:
        return [f for f in self.files if f.status == Status.skipped]

    def participant_turns(self) -> int:
        return sum(1 for t in self.transcripts for u in t.utterances if u.role == Role.participant)


def source_lines(files: list[FileStatus]) -> list[str]:
    """The per-file table as plain lines for a terminal: file, status, speakers and roles,
    then each warning or reason indented below its file."""
    if not files:
        return []
    width = min(max(len(f.name) for f in files), 40)
    lines = [f"{'file':<{width}}  {'status':<18}  speakers (role, turns)"]
    for f in files:
        who = "; ".join(f"{s.speaker} ({s.role.value}, {s.turns})" for s in f.speakers)
        lines.append(f"{f.name:<{width}}  {f.status.value:<18}  {who or '-'}")
        if f.reason:
            lines.append(f"{'':<{width}}    {f.reason}")
        lines += [f"{'':<{width}}    warning: {' '.join(w.split())}" for w in f.warnings]
    return lines


def require_participants(result: IngestResult, folder: Path) -> None:
    """Raise InputError, saying why, when no file gave a single participant turn."""
    if result.participant_turns():
        return
    if not result.transcripts:
        read = [f for f in result.files if f.status != Status.ignored]
        why = (
            f"none of its {len(read)} file(s) could be read (see above)"
            if read
            else "it holds no transcript (txt, md, vtt, srt, docx, json)"
        )
    else:
        why = (
            f"{len(result.transcripts)} file(s) were read but no speaker in them is a "
            "participant; set [roles] in study.toml to say who the participants are"
        )
    raise InputError(f"nothing to synthesize: {why}.", folder)


def file_status(transcript: Transcript) -> FileStatus:
    rows: dict[str, SpeakerRow] = {}
    for u in transcript.utterances:
        row = rows.setdefault(u.speaker, SpeakerRow(speaker=u.speaker, role=u.role, turns=0))
        row.turns += 1
    return FileStatus(
        path=transcript.source,
        status=Status.warnings if transcript.warnings else Status.read,
        warnings=list(transcript.warnings),
        transcript_id=transcript.id,
        speakers=list(rows.values()),
        turns=len(transcript.utterances),
    )


def roles_for(roles: Mapping[str, Role] | None, file_id: str) -> dict[str, Role]:
    """The overrides that apply to one file: "Name" keys apply to every file, "file:Name"
    (file stem, colon, speaker) to that file only."""
    found: dict[str, Role] = {}
    for key, role in (roles or {}).items():
        stem, sep, name = key.rpartition(":")
        if not sep:
            found[key] = Role(role)
        elif stem.strip().casefold() == file_id.casefold():
            found[name.strip()] = Role(role)
    return found
