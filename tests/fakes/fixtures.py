"""pytest fixture ``fake_openai``: a started FakeOpenAI, stopped after the test.

Wiring, in tests/conftest.py (tests/ has no __init__.py, so pytest's default "prepend"
import mode puts tests/ on sys.path and this package imports as ``fakes``)::

    from fakes.fixtures import fake_openai  # noqa: F401  (registers the fixture)

Importing the fixture works from any conftest; ``pytest_plugins`` would only be honoured
in the rootdir conftest. The relative import below keeps this module working whichever
name (``fakes`` or ``tests.fakes``) it is imported under.
"""

from collections.abc import Iterator

import pytest

from .openai_server import FakeOpenAI


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh server per test: no queued answers or recorded requests leak between tests."""
    with FakeOpenAI() as server:
        yield server
