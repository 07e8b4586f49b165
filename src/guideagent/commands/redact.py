"""`guideagent redact FILE|FOLDER|- [-o OUT] [--name NAME]`: redacted copies to share.

Copies go beside the original (`P3.redacted.vtt`, `transcripts-redacted/`) or to -o;
originals are never overwritten. `-` reads stdin and writes the redacted text to stdout.
"""

from __future__ import annotations

import sys

from guideagent.config import Settings


def run(args, settings: Settings) -> int:
    from guideagent.redacted_copies import redact_text, write_redacted_copies

    if str(args.path) == "-":
        text, counts = redact_text(sys.stdin.read(), args.name)
        sys.stdout.write(text)
        print(f"Redacted {_summary(counts)}.", file=sys.stderr)
        return 0
    result = write_redacted_copies(args.path, args.output, args.name)
    for path, reason in result.skipped:
        print(f"Skipped {path}: {reason}", file=sys.stderr)
    for original, copy in result.written:
        print(f"{original} -> {copy}")
    print(
        f"Wrote {len(result.written)} redacted cop{'y' if len(result.written) == 1 else 'ies'} "
        f"({_summary(result.counts)}); originals unchanged.",
        file=sys.stderr,
    )
    return 0 if result.written else 2


def _summary(counts: dict[str, int]) -> str:
    if not counts:
        return "nothing found to redact"
    return ", ".join(f"{n} {kind.lower()}" for kind, n in sorted(counts.items()))
