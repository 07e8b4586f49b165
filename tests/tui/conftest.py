"""Fixtures for the app's tests; helpers they share are in tui_support.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch):
    """The recent-studies list lives in a temp dir, never the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("GUIDEAGENT_DATA_DIR", str(folder))
    return folder
