"""The critic's findings for one question (or the guide), coloured by severity."""

from __future__ import annotations

import asyncio

from textual.widgets import ListItem, ListView, Static

from guideagent.schemas import Finding
from guideagent.tui.widgets.severity import ORDER, finding_text


class FindingItem(ListItem):
    def __init__(self, finding: Finding) -> None:
        super().__init__(Static(finding_text(finding)), classes=f"finding {finding.severity.value}")
        self.finding = finding


class FindingsList(ListView):
    DEFAULT_CSS = """
    FindingsList { height: 1fr; }
    FindingsList > FindingItem { padding: 0 1; margin-bottom: 1; }
    FindingsList > FindingItem.error { border-left: thick $error; }
    FindingsList > FindingItem.warning { border-left: thick $warning; }
    FindingsList > FindingItem.info { border-left: thick $accent; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._showing = asyncio.Lock()

    async def show(self, findings: list[Finding]) -> None:
        async with self._showing:
            await self._show(findings)

    async def _show(self, findings: list[Finding]) -> None:
        await self.clear()
        ordered = sorted(findings, key=lambda f: (ORDER[f.severity], f.code.value))
        await self.extend(FindingItem(f) for f in ordered)
        self.index = 0 if ordered else None

    @property
    def selected(self) -> Finding | None:
        item = self.highlighted_child
        return item.finding if isinstance(item, FindingItem) else None

    def findings(self) -> list[Finding]:
        return [item.finding for item in self.query(FindingItem)]
