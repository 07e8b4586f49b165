"""The command palette's main actions: each screen lists its own as (name, help, action)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

APP_COMMANDS: list[tuple[str, str, str]] = [
    ("Toggle light/dark theme", "Switch between the light and the dark theme", "app.toggle_theme"),
]


class GuideAgentCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        listing = getattr(self.screen, "palette_commands", None)
        own = listing() if callable(listing) else []
        return [*own, *APP_COMMANDS]

    def _run(self, action: str) -> None:
        self.screen.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
