"""Themes sorted by prevalence, each with an "n of N" bar; then single-participant signals.

One line a theme, clipped to the list's width (the full label heads the quotes beside
it), so a small terminal still shows a screenful of themes.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guideagent.schemas.synthesis import Synthesis, Theme

BAR = 8


def prevalence_bar(n: int, total: int, width: int = BAR) -> Text:
    filled = round(width * n / total) if total else 0
    text = Text(f"{n} of {total} ", style="bold")
    text.append("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    return text


def ranked(synthesis: Synthesis) -> list[Theme]:
    return sorted(synthesis.themes, key=lambda t: (-len(t.participant_ids), t.label.lower()))


class ThemeList(OptionList):
    DEFAULT_CSS = """
    ThemeList { height: 1fr; }
    """

    _synthesis: Synthesis | None = None
    _width = 0

    def show(self, synthesis: Synthesis | None, highlighted: int = 0) -> None:
        self._synthesis = synthesis
        self._width = self.scrollable_content_region.width
        self.clear_options()
        self.themes: dict[str, Theme] = {}
        if synthesis is None:
            return
        total = len(synthesis.participant_ids)
        bar = BAR if self._width == 0 or self._width >= 50 else BAR // 2  # room for the label
        for theme in ranked(synthesis):
            self.themes[theme.id] = theme
            prompt = Text.assemble(
                prevalence_bar(len(theme.participant_ids), total, bar),
                " ",
                (theme.label, "bold"),
            )
            self.add_option(Option(self._line(prompt), id=theme.id))
        if synthesis.signals:
            self.add_option(None)
            for signal in synthesis.signals:
                self.themes[signal.id] = signal
                who = ", ".join(signal.participant_ids)
                prompt = Text.assemble(("signal ", "dim"), signal.label, (f" ({who})", "dim"))
                self.add_option(Option(self._line(prompt), id=signal.id))
        if self.option_count:
            self.highlighted = min(highlighted, self.option_count - 1)

    def _line(self, prompt: Text) -> Text:
        if self._width > 8:
            prompt.truncate(self._width, overflow="ellipsis")
        return prompt

    def on_resize(self, event: events.Resize) -> None:
        if self._synthesis is not None and self.scrollable_content_region.width != self._width:
            self.show(self._synthesis, self.highlighted or 0)

    @property
    def current(self) -> Theme | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return getattr(self, "themes", {}).get(option.id or "")
