"""Load interview transcripts: one file, or a folder where one bad file never stops the rest.

`load_transcript` reads .txt, .md, .vtt, .srt, .docx and .json into a `Transcript` (id =
file stem), or raises `InputError` saying why the file cannot be used. Anything it reads
only in part is listed in `Transcript.warnings`. `load_folder` collects those errors as
`IngestProblem`s beside the transcripts that loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, Field

from guideagent.errors import InputError
from guideagent.ingest import decode
from guideagent.ingest.captions import parse_captions
from guideagent.ingest.docx_transcript import parse_docx
from guideagent.ingest.json_transcript import parse_json
from guideagent.ingest.roles import assign_roles, explicit_role
from guideagent.ingest.speakers import unify_speakers
from guideagent.ingest.text import parse_text
from guideagent.ingest.turns import Parsed, merge_consecutive
from guideagent.schemas.transcript import Role, Transcript, Utterance

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".vtt": "vtt",
    ".srt": "srt",
    ".docx": "docx",
    ".json": "json",
}
_CAPTIONS = {"vtt", "srt"}


class IngestProblem(BaseModel):
    """A file that could not be used at all, and why, in words for the user."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class IngestResult(BaseModel):
    """What a folder held: the transcripts that loaded and the files that did not."""

    transcripts: list[Transcript] = Field(default_factory=list)
    problems: list[IngestProblem] = Field(default_factory=list)


def load_transcript(path: Path, *, roles: Mapping[str, Role] | None = None) -> Transcript:
    """Read one transcript file; `roles` (speaker name -> role) overrides detected roles.

    Raises InputError for a file that cannot be used: unsupported type, empty, binary,
    not parseable, or without any speaker turns.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise InputError(
            f"unsupported file type {kind}: expected .txt, .md, .vtt, .srt, "
            ".docx or .json; skipped",
            path,
        )
    if not path.is_file():
        raise InputError("file not found", path)
    parsed, warnings = _parse(path, fmt)
    turns = parsed.turns
    if not turns:
        expected = "utterances with a speaker and text" if fmt == "json" else "'Name: text' lines"
        raise InputError(f"no speaker turns found (expected {expected})", path)
    for turn in turns:
        turn.role = turn.role or explicit_role(turn.speaker)
    turns, speaker_notes = unify_speakers(turns, fold_one_offs=fmt in {"txt", "md", "docx"})
    if fmt in _CAPTIONS:
        turns = merge_consecutive(turns)
    role_notes = assign_roles(turns, roles)
    utterances = [
        Utterance(
            id=f"u{i}",
            speaker=t.speaker,
            role=t.role or Role.participant,
            text=t.text,
            start=t.start,
        )
        for i, t in enumerate(turns, start=1)
    ]
    return Transcript(
        id=path.stem,
        source=str(path),
        format=fmt,
        utterances=utterances,
        warnings=warnings + parsed.warnings + speaker_notes + role_notes,
    )


def _parse(path: Path, fmt: str) -> tuple[Parsed, list[str]]:
    if fmt == "docx":
        return parse_docx(path), []
    decoded = decode.read_text(path)
    if fmt == "json":
        if decoded.truncated:
            raise InputError(
                f"file is larger than {decode.MAX_TEXT_BYTES / 1024 / 1024:g} MB: "
                "a JSON transcript cannot be read in part",
                path,
            )
        return parse_json(decoded.text, path), decoded.warnings
    if fmt in _CAPTIONS:
        return parse_captions(decoded.text, fmt, path), decoded.warnings
    return parse_text(decoded.text), decoded.warnings


def load_folder(folder: Path) -> IngestResult:
    """Every transcript in a folder (not its subfolders), in natural order (P2 before P10).

    Hidden files and Word's "~$" lock files are ignored; every other file either loads or
    becomes a problem, so the user sees each file accounted for.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("folder not found", folder)
    result = IngestResult()
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=_natural):
        if not path.is_file() or path.name.startswith((".", "~$")):
            continue
        try:
            transcript = load_transcript(path)
        except InputError as error:
            result.problems.append(IngestProblem(path=str(path), message=error.reason))
            continue
        if transcript.id in seen:
            result.problems.append(
                IngestProblem(
                    path=str(path),
                    message=f"another file already gives interview '{transcript.id}' "
                    f"({seen[transcript.id]}); skipped",
                )
            )
            continue
        seen[transcript.id] = path.name
        result.transcripts.append(transcript)
    return result


def _natural(path: Path) -> list[object]:
    return [
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)
    ]
