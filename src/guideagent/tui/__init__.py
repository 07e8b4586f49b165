"""The Textual face of guideagent: screens and widgets over the core.

This is the only package that imports Textual. `run_app` is its entry point; the
modules below are imported lazily so `import guideagent.tui` stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guideagent.config import Settings
    from guideagent.engines.base import Engine


def run_app(settings: Settings, study: Path | None = None, *, engine: Engine | None = None) -> int:
    """Open the app (on `study` if given) and block until it quits."""
    from guideagent.tui.app import GuideAgentApp

    app = GuideAgentApp(settings, study=study, engine=engine)
    app.run()
    return app.return_code or 0
