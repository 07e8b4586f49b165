"""Bytes to text for transcripts and guides, refusing what is not text and saying what was guessed.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then Windows-1252,
the usual encoding of files saved by older Windows tools, with a warning because the
guess may turn accented letters into the wrong ones.

Not text: more than 2% of the characters are control characters (other than whitespace), C1
controls or U+FFFD replacements. Real text has essentially none; random binary is about 12%
control characters, and high-byte noise read as Windows-1252 about 4% replacements, so 2%
refuses both while leaving room for a few stray bytes in a file that is really text.

Huge files: only the first `MAX_TEXT_BYTES` are read, cut at the last complete line, and a
warning says how much was skipped. An hour-long interview is about 60 KB of text, so a
file this size is most likely several sessions pasted together or the wrong file; reading
its start still shows the user what it holds instead of refusing with nothing to look at.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from guideagent.errors import InputError

MAX_TEXT_BYTES = 5 * 1024 * 1024
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_BAD_SHARE_LIMIT = 0.02


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False


def read_text(path: Path, limit: int | None = None) -> Decoded:
    """Read a text file, or raise InputError saying why it cannot be read as text."""
    limit = limit or MAX_TEXT_BYTES
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            raw = handle.read(limit)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror or error}", path) from error
    truncated = size > limit
    decoded = decode_bytes(raw, path, truncated=truncated)
    if truncated:
        decoded.truncated = True
        cut = decoded.text.rfind("\n")
        decoded.text = decoded.text[: cut + 1] if cut > 0 else decoded.text
        decoded.warnings.append(
            f"file is {size / 1024 / 1024:.1f} MB: only the first {limit / 1024 / 1024:g} MB "
            "were read and the rest was skipped"
        )
    return decoded


def decode_bytes(raw: bytes, path: Path, *, truncated: bool = False) -> Decoded:
    """Decode bytes the way `read_text` does; `truncated` means the end may cut a character."""
    if not raw.strip():
        raise InputError("empty file", path)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _decode(raw, encoding, truncated, errors="replace")
            return Decoded(_check_text(text, path), encoding)
    if b"\x00" in raw:
        raise InputError(
            "not a text file (it contains binary data; if it is UTF-16 text, "
            "save it as UTF-8 or with a byte-order mark)",
            path,
        )
    try:
        return Decoded(_check_text(_decode(raw, "utf-8", truncated), path), "utf-8")
    except UnicodeDecodeError:
        text = _check_text(_decode(raw, "cp1252", truncated, errors="replace"), path)
        return Decoded(
            text,
            "cp1252",
            [
                "not UTF-8: the encoding was guessed as Windows-1252 (cp1252); "
                "check accented letters, or save the file as UTF-8"
            ],
        )


def _decode(raw: bytes, encoding: str, truncated: bool, errors: str = "strict") -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    return decoder.decode(raw, final=not truncated)


def _check_text(text: str, path: Path) -> str:
    """Refuse text full of control or replacement characters: binary that decoded by luck."""
    if not text.strip():
        raise InputError("empty file", path)
    sample = text[:20000]
    bad = sum(1 for ch in sample if _is_bad(ch))
    if bad / len(sample) > _BAD_SHARE_LIMIT:
        raise InputError("not a text file (it contains binary data)", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_bad(ch: str) -> bool:
    code = ord(ch)
    return (code < 32 and ch not in "\t\n\r\f") or 0x80 <= code < 0xA0 or ch == "\ufffd"
