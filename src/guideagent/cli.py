"""The command line: parses arguments and hands off to guideagent.commands.<name>.run.

`guideagent` alone opens the app; `guideagent STUDY` opens that study in it.
Errors print as one line (title: message) with an exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from pathlib import Path

from guideagent import __version__
from guideagent.errors import GuideAgentError

COMMANDS = ("critique", "new", "draft", "export", "synthesize", "demo", "config", "tui", "redact")


def _provider_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("provider")
    group.add_argument(
        "--engine",
        choices=["auto", "offline", "llm"],
        help="default: llm when a key or base URL is set",
    )
    group.add_argument("--model", help="model name, e.g. gpt-4o-mini or llama3.1")
    group.add_argument(
        "--base-url", dest="base_url", help="OpenAI-compatible endpoint (Ollama, vLLM, LM Studio)"
    )
    group.add_argument(
        "--mode", choices=["auto", "tools", "json", "md_json"], help="instructor mode"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guideagent",
        description="Plan, critique and synthesize user interviews. Run with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"guideagent {__version__}")
    _verbose_flag(parser, default=0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("critique", help="critique an interview guide (file or study folder)")
    p.add_argument("path", type=Path, help="a .md, .txt or .docx guide, or a study folder")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="TERM",
        help="a term participants know (not jargon); repeatable",
    )
    _provider_flags(p)

    p = sub.add_parser("new", help="create a study folder")
    p.add_argument("path", type=Path, help="folder to create")
    p.add_argument("--brief", type=Path, help="a study brief (JSON) to start from")
    p.add_argument("--title", help="study title (default: the folder name)")

    p = sub.add_parser("draft", help="draft the study's guide, critique it and revise it")
    p.add_argument("path", type=Path, help="a study folder")
    p.add_argument("--rounds", type=int, help="revision rounds in LLM mode (default from settings)")
    p.add_argument("--force", action="store_true", help="replace an existing guide.md")
    _provider_flags(p)

    p = sub.add_parser("export", help="export the study's guide")
    p.add_argument("path", type=Path, help="a study folder")
    p.add_argument("--format", choices=["md", "docx", "json"], default="md")
    p.add_argument(
        "-o", "--output", type=Path, help="output file (default: in the study's exports/)"
    )

    p = sub.add_parser("redact", help="write redacted copies of transcripts, to share")
    p.add_argument("path", type=Path, help="a transcript file, a folder or study, or - for stdin")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="where copies go (default: NAME.redacted.EXT beside a file, FOLDER-redacted/)",
    )
    p.add_argument(
        "--name", action="append", default=[], metavar="NAME", help="a name to redact; repeatable"
    )

    p = sub.add_parser("synthesize", help="turn transcripts into grounded themes")
    p.add_argument("path", type=Path, help="a study folder, or a folder of transcripts")
    p.add_argument("--concurrency", type=int, help="interviews processed at once (LLM engine)")
    p.add_argument("--yes", action="store_true", help="skip the cost confirmation")
    p.add_argument(
        "--redact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="redact PII before it leaves the machine",
    )
    p.add_argument("--fresh", action="store_true", help="ignore cached per-interview notes")
    p.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="if another run holds the study, wait this long for it (default: refuse at once)",
    )
    _provider_flags(p)

    p = sub.add_parser("demo", help="open a bundled example study on the offline engine")
    p.add_argument(
        "--no-tui", action="store_true", help="run the whole flow and print the report instead"
    )
    p.add_argument(
        "--dir", type=Path, help="where to put the demo study (default: a fresh temp folder)"
    )

    p = sub.add_parser("config", help="show the settings in force and where each came from")
    _provider_flags(p)

    p = sub.add_parser("tui", help="open the app (the default)")
    p.add_argument("path", type=Path, nargs="?", help="a study folder to open")
    _provider_flags(p)
    for command in sub.choices.values():
        _verbose_flag(command, default=argparse.SUPPRESS)
    return parser


def _verbose_flag(parser: argparse.ArgumentParser, default: object) -> None:
    """-v/--verbose works before or after the command; the command's copy adds nothing
    unless given (SUPPRESS), so `guideagent -v draft X` keeps the top-level count."""
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default,
        help="show each LLM call and the libraries' warnings on stderr (-vv: debug)",
    )


def _normalise(argv: list[str]) -> list[str]:
    """`guideagent` -> `guideagent tui`; `guideagent STUDY` -> `guideagent tui STUDY`."""
    if not argv:
        return ["tui"]
    first = argv[0]
    if first in COMMANDS or first.startswith("-"):
        return argv
    return ["tui", *argv]


def main(argv: list[str] | None = None) -> int:
    code = _main(argv)
    if argv is None:  # the program itself, not a caller in-process
        _leave_abandoned_work(code)
    return code


def _leave_abandoned_work(code: int) -> None:
    """After a cancel or a quit, work abandoned in a daemon thread (an embedding batch
    inside onnxruntime, say; synthesis/cancel.py) must not hold up or crash the exit:
    the interpreter's shutdown would wait on it or abort in native code. Its finished
    results are already on disk (atomic writes), so leave at once."""
    import threading

    if any(t.name.startswith("guideagent-") and t.is_alive() for t in threading.enumerate()):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def _main(argv: list[str] | None) -> int:
    argv = _normalise(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    from guideagent.llm.logs import setup_cli_logging

    setup_cli_logging(getattr(args, "verbose", 0) or 0)
    try:
        from guideagent.config import load_settings

        overrides = {
            k: getattr(args, k, None)
            for k in ("engine", "model", "base_url", "mode", "concurrency", "redact")
        }
        settings = load_settings(overrides)
        module = importlib.import_module(f"guideagent.commands.{args.command}")
        code = int(module.run(args, settings) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
        return code
    except GuideAgentError as exc:
        print(f"{exc.title}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted. Finished work was saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _quiet_broken_pipe()


def _quiet_broken_pipe() -> int:
    """The reader closed the pipe (`... | head -1`): stop quietly, the shell's way (141).

    stdout is pointed at devnull so the interpreter's final flush at exit does not raise
    a second BrokenPipeError and print a traceback (the recipe in Python's signal docs).
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


if __name__ == "__main__":
    sys.exit(main())
