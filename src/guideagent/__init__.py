"""guideagent: plan, critique and synthesize user interviews.

The library never imports Textual; `guideagent.tui` is the only face that does.
"""

__version__ = "0.1.0"
