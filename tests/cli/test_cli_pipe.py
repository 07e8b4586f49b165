"""A reader that closes the pipe early (`guideagent critique --format json | head -1`) ends
the command quietly: no traceback, the shell's broken-pipe exit code."""

from __future__ import annotations

import subprocess
import sys


def test_closed_pipe_ends_quietly(tmp_path):
    guide = tmp_path / "big.md"
    questions = [f"- Do you like the export screen number {i}?" for i in range(300)]
    guide.write_text("# Guide\n\n## Questions\n\n" + "\n".join(questions) + "\n")
    # Far more JSON than a pipe buffer holds, so the writer is still writing at the close.
    proc = subprocess.Popen(
        [sys.executable, "-m", "guideagent.cli", "critique", str(guide), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().strip() == b"{"
    proc.stdout.close()  # what `head -1` does after its line
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert proc.returncode == 141
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert "Exception ignored" not in stderr
