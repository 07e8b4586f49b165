"""The guide's estimated minutes against the session length, as a coloured bar."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class MinutesMeter(Widget):
    DEFAULT_CSS = """
    MinutesMeter { height: 1; width: 1fr; padding: 0 1; }
    """
    minutes: reactive[float] = reactive(0.0)
    limit: reactive[int] = reactive(45)

    def render(self) -> Text:
        label = f"{self.minutes:.0f} of {self.limit} min "
        width = max(10, self.size.width - len(label) - 8)
        share = self.minutes / self.limit if self.limit else 0.0
        filled = min(width, round(width * share))
        style = "green" if share <= 0.9 else ("yellow" if share <= 1.0 else "bold red")
        text = Text(label, style=style)
        text.append("█" * filled, style=style)
        text.append("░" * (width - filled), style="dim")
        if share > 1.0:
            text.append(" over", style="bold red")
        return text
