"""Atomic writes keep permissions a user expects and leave no half-written file."""

from __future__ import annotations

import os

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
