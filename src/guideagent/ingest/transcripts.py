"""Load interview transcripts: one file, or a folder where every file is accounted for.

`load_transcript` reads .txt, .md, .vtt, .srt, .docx and .json into a `Transcript` (id =
file stem), or raises `InputError` saying why the file cannot be used. Anything it reads
only in part is listed in `Transcript.warnings`. Utterance ids follow the source's own turn
numbers when it has them ("12   Dan: …" becomes u12), so a cited turn is found in the
original; otherwise they count turns from u1.

`load_folder` gives every file a `FileStatus` (status.py: read, read with warnings,
skipped, or ignored, with the reason), refuses files and links that resolve outside the
study folder, and collects the skipped ones as `IngestProblem`s beside the transcripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from guideagent.errors import InputError
from guideagent.ingest import decode
from guideagent.ingest.captions import parse_captions
from guideagent.ingest.docx_transcript import parse_docx
from guideagent.ingest.json_transcript import parse_json
from guideagent.ingest.roles import assign_roles, explicit_role
from guideagent.ingest.script import Script
from guideagent.ingest.speakers import unify_speakers
from guideagent.ingest.status import (
    FileStatus,
    IngestProblem,
    IngestResult,
    Status,
    file_status,
    roles_for,
)
from guideagent.ingest.text import parse_text
from guideagent.ingest.turns import Parsed, Turn, merge_consecutive
from guideagent.schemas.guide import Guide
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
_GUIDE_SHARE = 0.6


def load_transcript(
    path: Path,
    *,
    roles: Mapping[str, Role] | None = None,
    script: Script | None = None,
) -> Transcript:
    """Read one transcript file; `roles` (speaker name -> role) overrides detected roles;
    `script` (the study's guide) marks unlabelled guide lines as the interviewer's.

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
    parsed, warnings = _parse(path, fmt, script or Script())
    turns = parsed.turns
    if not turns:
        expected = (
            "utterances with a speaker and text"
            if fmt == "json"
            else "'Name: text' lines, or notes with bold questions and italic answers; "
            "unlabelled notes are read only with the study's guide"
        )
        raise InputError(f"no speaker turns found (expected {expected})", path)
    labels = {t.speaker for t in turns}
    if len(labels) > 2 and len(labels) == len(turns):
        raise InputError(
            f"no conversation found: {len(labels)} labels, each used once "
            f"({', '.join(sorted(labels)[:3])}…): a document of 'Field: value' lines, "
            "not an interview",
            path,
        )
    for turn in turns:
        turn.role = turn.role or explicit_role(turn.speaker)
    turns, speaker_notes = unify_speakers(turns, fold_one_offs=fmt in {"txt", "md", "docx"})
    if fmt in _CAPTIONS:
        turns = merge_consecutive(turns)
    role_notes = assign_roles(turns, roles, file_id=path.stem)
    _name_script_turns(turns)
    ids = _turn_ids(turns)
    utterances = [
        Utterance(
            id=uid,
            speaker=t.speaker,
            role=t.role or Role.participant,
            text=t.text,
            start=t.start,
        )
        for uid, t in zip(ids, turns, strict=True)
    ]
    return Transcript(
        id=path.stem,
        source=str(path),
        format=fmt,
        utterances=utterances,
        warnings=warnings + parsed.warnings + speaker_notes + role_notes,
    )


def _turn_ids(turns: list[Turn]) -> list[str]:
    """u<source turn number> when every turn has one and they only go up; else u1, u2…"""
    numbers = [t.number for t in turns if t.number is not None]
    if len(numbers) == len(turns) and all(
        a < b for a, b in zip(numbers, numbers[1:], strict=False)
    ):
        return [f"u{n}" for n in numbers]
    return [f"u{i}" for i in range(1, len(turns) + 1)]


def _name_script_turns(turns: list[Turn]) -> None:
    """Guide lines found unlabelled belong to the file's interviewer, when there is one."""
    interviewers = {t.speaker for t in turns if t.role == Role.interviewer and not t.unlabelled}
    if len(interviewers) == 1:
        name = next(iter(interviewers))
        for turn in turns:
            if turn.unlabelled and turn.role == Role.interviewer:
                turn.speaker = name


def _parse(path: Path, fmt: str, script: Script) -> tuple[Parsed, list[str]]:
    if fmt == "docx":
        return parse_docx(path, script), []
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
    return parse_text(decoded.text, script), decoded.warnings


def load_folder(
    folder: Path,
    *,
    root: Path | None = None,
    guide: Guide | None = None,
    roles: Mapping[str, Role] | None = None,
    ignore: Iterable[str] = (),
) -> IngestResult:
    """Every transcript in a folder (not its subfolders), in natural order (P2 before P10).

    Every file gets a status: read, read with warnings, skipped (with why) or ignored (a
    subfolder, another format of an interview already read, the guide). Without `guide`,
    a file named like a guide in the folder serves to recognise unlabelled guide lines. Hidden files, Word's "~$"
    lock files and the `ignore` names (the study's own files) are passed over. A file or link that resolves outside `root` (the study
    folder; default: `folder`) is refused, so nothing outside the study is read or sent.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("folder not found", folder)
    boundary = Path(root or folder).resolve()
    if guide is None:
        guide = _guide_beside(folder, boundary)
    script = Script.from_guide(guide)
    ignored = set(ignore)
    result = IngestResult()
    seen: dict[str, str] = {}
    later: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir(), key=_natural):
        if path.name.startswith((".", "~$")):
            continue
        if path.name in ignored:  # the study's own files (study.toml, guide.md)
            continue
        outside = _outside(path, boundary)
        if outside:
            _skip(result, path, outside)
            continue
        if path.is_dir():
            result.files.append(_status(path, Status.ignored, "a folder: subfolders are not read"))
            continue
        if not path.exists():
            _skip(result, path, "a link to a file that does not exist")
            continue
        if path.suffix.lower() not in FORMATS:
            later.append((path, path.stem))
            continue
        if script and _is_the_guide(path, script):
            result.files.append(
                _status(path, Status.ignored, "the study's interview guide, not a transcript")
            )
            continue
        try:
            transcript = load_transcript(path, roles=roles_for(roles, path.stem), script=script)
        except InputError as error:
            _skip(result, path, error.reason)
            continue
        if transcript.id in seen:
            _skip(
                result,
                path,
                f"another file already gives interview '{transcript.id}' "
                f"({seen[transcript.id]}); skipped",
            )
            continue
        seen[transcript.id] = path.name
        result.transcripts.append(transcript)
        result.files.append(file_status(transcript))
    for path, stem in later:
        if stem in seen:
            result.files.append(
                _status(
                    path,
                    Status.ignored,
                    f"{path.suffix} is not read; {seen[stem]} holds the same interview",
                )
            )
        else:
            try:
                load_transcript(path)
            except InputError as error:
                _skip(result, path, error.reason)
    result.files.sort(key=lambda f: _natural(Path(f.path)))
    result.problems.sort(key=lambda f: _natural(Path(f.path)))
    return result


def _guide_beside(folder: Path, boundary: Path) -> Guide | None:
    """Without a study guide: a file named like one ("conversation-guide.md",
    "interview-script.txt") among the transcripts, so unlabelled notes can be read."""
    from guideagent.ingest.guide import SUFFIXES, load_guide

    for path in sorted(folder.iterdir(), key=_natural):
        stem = path.stem.casefold()
        if path.suffix.lower() not in SUFFIXES or not ("guide" in stem or "script" in stem):
            continue
        if not path.is_file() or _outside(path, boundary):
            continue
        try:
            guide = load_guide(path)
        except InputError:
            continue
        if any(True for _ in guide.questions()):
            return guide
    return None


def _is_the_guide(path: Path, script: Script) -> bool:
    """Most of the file's lines are the guide's: a copy of the guide, not an interview."""
    if path.suffix.lower() not in {".txt", ".md", ".markdown"}:
        return False
    try:
        text = decode.read_text(path).text
    except InputError:
        return False
    lines = [line for line in text.split("\n") if len(line.split()) >= 4]
    if not lines:
        return False
    return sum(1 for line in lines if script.matches(line)) >= _GUIDE_SHARE * len(lines)


def _status(path: Path, status: Status, reason: str) -> FileStatus:
    return FileStatus(path=str(path), status=status, reason=reason)


def _skip(result: IngestResult, path: Path, reason: str) -> None:
    result.problems.append(IngestProblem(path=str(path), message=reason))
    result.files.append(_status(path, Status.skipped, reason))


def _outside(path: Path, boundary: Path) -> str:
    """Why a path may not be read (it resolves outside the study folder), or ""."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return "a link that cannot be followed (a loop?); refused"
    if target == boundary or boundary in target.parents:
        return ""
    return (
        f"refused: it resolves to {target}, outside the study folder {boundary}; "
        "copy the file into the study to use it"
    )


def _natural(path: Path) -> list[object]:
    return [
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)
    ]
