"""Typed access to our App from screens and widgets.

Textual types `self.app` as `App[object]`, so the type checker cannot see what our app
offers. Screens and panes mix in `UsesApp` and reach the app as `self.guideagent`, which
is the same object, typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from guideagent.tui.app import GuideAgentApp


class UsesApp(MessagePump):
    @property
    def guideagent(self) -> GuideAgentApp:
        return cast("GuideAgentApp", self.app)
