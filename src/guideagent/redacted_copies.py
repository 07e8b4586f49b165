"""Redacted copies of transcripts, for sharing: the originals are never touched.

A file `P3.vtt` becomes `P3.redacted.vtt` beside it; a folder `transcripts/` becomes a
sibling `transcripts-redacted/` with the same layout; a study folder's `transcripts/`
becomes `<study>/transcripts-redacted/`. One `Redactor` serves every file of a run, so a
person keeps one placeholder across all the interviews. Names redacted: the ones given,
the study's own list when the source is in a study folder, and every speaker label that
looks like a person's name. The placeholder table is not written anywhere: the copies are
meant to leave the machine, the table is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guideagent.atomic import atomic_write_bytes, atomic_write_text
from guideagent.errors import GuideAgentError, InputError
from guideagent.ingest.transcripts import FORMATS, load_transcript
from guideagent.ingest.turns import Parsed
from guideagent.schemas.transcript import Transcript, Utterance
from guideagent.synthesis.redact import Redactor, default_names, speaker_names

SUFFIX_TAG = ".redacted"
FOLDER_TAG = "-redacted"


@dataclass
class RedactedCopies:
    """What a run wrote: (original, copy) pairs, files skipped and why, and counts by kind."""

    written: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def redact_text(text: str, names: Iterable[str] = ()) -> tuple[str, dict[str, int]]:
    """One text redacted (names plus speaker labels found in it), and counts by kind."""
    from guideagent.ingest.text import parse_text

    redactor = Redactor([*names, *_labels(parse_text(text))])
    return redactor.redact(text), _counts(redactor)


def default_output(source: Path) -> Path:
    if source.is_dir():
        if (source / "transcripts").is_dir():
            return source / f"transcripts{FOLDER_TAG}"
        return source.with_name(source.name + FOLDER_TAG)
    return source.with_name(source.stem + SUFFIX_TAG + source.suffix)


def write_redacted_copies(
    source: Path, output: Path | None = None, names: Iterable[str] = ()
) -> RedactedCopies:
    """Write redacted copies of a transcript file or every transcript in a folder."""
    source = Path(source).expanduser()
    if not source.exists():
        raise InputError("no such file or folder.", source)
    if source.is_dir() and (source / "transcripts").is_dir():
        source = source / "transcripts"
        output = output or source.with_name(f"transcripts{FOLDER_TAG}")
    output = Path(output).expanduser() if output else default_output(source)
    pairs = _pairs(source, output)
    if not pairs:
        raise InputError("holds no transcript files (.txt, .md, .vtt, .srt, .docx, .json).", source)
    result = RedactedCopies()
    transcripts = {}
    for original, _ in pairs:
        try:
            transcripts[original] = load_transcript(original)
        except GuideAgentError as exc:
            if source.is_file():
                raise
            result.skipped.append((original, exc.message))
    if not transcripts:
        first = result.skipped[0][1]
        raise InputError(
            f"none of its {len(pairs)} transcript files could be read ({first}).", source
        )
    redactor = Redactor(default_names([*names, *_study_names(source)], transcripts.values()))
    for original, copy in pairs:
        if original not in transcripts:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        if original.suffix.lower() == ".docx":
            atomic_write_bytes(copy, _redacted_docx(original, redactor))
        else:
            text = original.read_text(encoding="utf-8-sig", errors="replace")
            atomic_write_text(copy, redactor.redact(text))
        result.written.append((original, copy))
    result.counts = _counts(redactor)
    return result


def _pairs(source: Path, output: Path) -> list[tuple[Path, Path]]:
    """(original, copy) for each transcript file; refuses any copy that is an original."""
    if source.is_file():
        if source.suffix.lower() not in FORMATS:
            raise InputError(
                f"is not a transcript type guideagent reads ({', '.join(sorted(FORMATS))}).",
                source,
            )
        pairs = [(source, output)]
    else:
        if output.resolve() == source.resolve() or source.resolve() in output.resolve().parents:
            raise InputError("the copies must go outside the folder they come from.", output)
        pairs = [
            (path, output / path.relative_to(source))
            for path in sorted(source.rglob("*"))
            if path.is_file()
            and path.suffix.lower() in FORMATS
            and not any(part.startswith(".") for part in path.relative_to(source).parts)
        ]
    originals = {p.resolve() for p, _ in pairs}
    for _, copy in pairs:
        if copy.resolve() in originals:
            raise InputError("would overwrite an original; choose another output.", copy)
    return pairs


def _study_names(folder: Path) -> list[str]:
    for candidate in (folder, folder.parent):
        if (candidate / "study.toml").is_file() or (candidate / "study.json").is_file():
            from guideagent.store import open_study

            try:
                return list(open_study(candidate, load_guide=False).study.redact_names)
            except GuideAgentError:
                return []
    return []


def _labels(parsed: Parsed) -> list[str]:
    utterances = [
        Utterance(id=f"u{i}", speaker=t.speaker, text=t.text or "-")
        for i, t in enumerate(parsed.turns)
        if t.speaker
    ]
    return speaker_names([Transcript(id="text", utterances=utterances)])


def _redacted_docx(path: Path, redactor: Redactor) -> bytes:
    import io

    import docx

    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        redacted = redactor.redact(paragraph.text)
        if redacted != paragraph.text and paragraph.runs:
            paragraph.runs[0].text = redacted  # a span may cross runs: keep the first's style
            for run in paragraph.runs[1:]:
                run.text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _counts(redactor: Redactor) -> dict[str, int]:
    counts: dict[str, int] = {}
    for token in redactor.table:
        kind = token.strip("[]").rsplit("_", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return counts
