"""Themes sorted by prevalence, each with an "n of N" bar; then single-participant signals."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guideagent.schemas.synthesis import Synthesis, Theme

BAR = 12


def prevalence_bar(n: int, total: int) -> Text:
    filled = round(BAR * n / total) if total else 0
    text = Text(f"{n} of {total} ", style="bold")
    text.append("█" * filled, style="green")
    text.append("░" * (BAR - filled), style="dim")
    return text


def ranked(synthesis: Synthesis) -> list[Theme]:
    return sorted(synthesis.themes, key=lambda t: (-len(t.participant_ids), t.label.lower()))


class ThemeList(OptionList):
    DEFAULT_CSS = """
    ThemeList { height: 1fr; }
    """

    def show(self, synthesis: Synthesis | None) -> None:
        self.clear_options()
        self.themes: dict[str, Theme] = {}
        if synthesis is None:
            return
        total = len(synthesis.participant_ids)
        for theme in ranked(synthesis):
            self.themes[theme.id] = theme
            prompt = Text.assemble(
                prevalence_bar(len(theme.participant_ids), total), " ", (theme.label, "bold")
            )
            self.add_option(Option(prompt, id=theme.id))
        if synthesis.signals:
            self.add_option(None)
            for signal in synthesis.signals:
                self.themes[signal.id] = signal
                who = ", ".join(signal.participant_ids)
                self.add_option(
                    Option(
                        Text.assemble(("signal ", "dim"), signal.label, (f" ({who})", "dim")),
                        id=signal.id,
                    )
                )
        if self.option_count:
            self.highlighted = 0

    @property
    def current(self) -> Theme | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return getattr(self, "themes", {}).get(option.id or "")
