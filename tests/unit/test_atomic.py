"""Atomic writes keep permissions a user expects and leave no half-written file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from guideagent.atomic import atomic_write_text


def test_new_file_gets_default_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        target = tmp_path / "study.toml"
        atomic_write_text(target, "a = 1\n")
        assert target.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def test_existing_permissions_are_kept(tmp_path):
    target = tmp_path / "guide.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["guide.md"]  # no temp file left


def _old(path, seconds=3600):
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_stale_temps_from_killed_writes_go_on_the_next_write(tmp_path):
    stale = [tmp_path / ".guide.md.ab12cd_9.tmp", tmp_path / ".study.toml.zz00yy11.tmp"]
    for path in stale:
        path.write_text("half")
        _old(path)
    fresh = tmp_path / ".guide.md.qq12ww34.tmp"  # a concurrent writer's, seconds old
    fresh.write_text("in progress")
    others = [tmp_path / "notes.tmp", tmp_path / ".guide.md.swp", tmp_path / "x.abcdefgh.tmp"]
    for path in others:
        path.write_text("not ours")
        _old(path)

    atomic_write_text(tmp_path / "guide.md", "new")

    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"guide.md", fresh.name} | {p.name for p in others}


def test_kill_9_mid_write_leaves_a_temp_the_next_write_removes(tmp_path):
    target = tmp_path / "guide.md"
    script = (
        "import os, sys\n"
        "from guideagent import atomic\n"
        "def stall(src, dst):\n"
        "    print('writing', flush=True); sys.stdin.read()\n"  # killed here, temp on disk
        "os.replace = stall\n"
        f"atomic.atomic_write_text({str(target)!r}, 'x' * 100)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout.readline() == b"writing\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.stdin.close()
        proc.stdout.close()
    (temp,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    atomic_write_text(target, "one")
    assert temp.exists()  # too fresh to tell from a writer still at work
    _old(temp)
    atomic_write_text(target, "two")
    assert [p.name for p in tmp_path.iterdir()] == ["guide.md"]
    assert target.read_text() == "two"
