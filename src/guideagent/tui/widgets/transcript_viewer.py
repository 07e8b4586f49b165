"""One transcript, an utterance per line, speakers in their own colours; can jump to and
highlight the utterance a quote came from."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ListItem, ListView, Static

from guideagent.schemas import Role, Transcript, Utterance

SPEAKER_COLOURS = ("cyan", "magenta", "green", "yellow", "bright_blue", "red")


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class UtteranceItem(ListItem):
    def __init__(self, utterance: Utterance, text: Text) -> None:
        super().__init__(Static(text))
        self.utterance = utterance


class TranscriptViewer(Vertical):
    DEFAULT_CSS = """
    TranscriptViewer { height: 1fr; }
    TranscriptViewer > .viewer-title { color: $text-muted; padding: 0 1; }
    TranscriptViewer > ListView { height: 1fr; }
    TranscriptViewer UtteranceItem { padding: 0 1; }
    TranscriptViewer UtteranceItem.quoted { background: $warning 25%; }
    """

    transcript_id: str | None = None

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._showing = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Label("Select a transcript above to read it.", classes="viewer-title")
        yield ListView(id="utterances")

    def _speaker_styles(self, transcript: Transcript) -> dict[str, str]:
        styles: dict[str, str] = {}
        participants = [s for s in dict.fromkeys(u.speaker for u in transcript.utterances)]
        for i, speaker in enumerate(participants):
            styles[speaker] = f"bold {SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)]}"
        return styles

    def _line(self, utterance: Utterance, style: str, quote: str | None) -> Text:
        text = Text()
        when = clock(utterance.start)
        if when:
            text.append(f"{when} ", style="dim")
        speaker_style = style if utterance.role == Role.participant else f"{style} italic"
        text.append(f"{utterance.speaker}: ", style=speaker_style)
        body = Text(
            utterance.text, style="italic dim" if utterance.role == Role.interviewer else ""
        )
        if quote:
            start = utterance.text.lower().find(quote.lower().strip())
            if start >= 0:
                body.stylize("bold reverse", start, start + len(quote.strip()))
        text.append(body)
        return text

    async def show(
        self, transcript: Transcript, utterance_id: str | None = None, quote: str | None = None
    ) -> None:
        self.transcript_id = transcript.id
        async with self._showing:
            await self._show(transcript, utterance_id, quote)

    async def _show(
        self, transcript: Transcript, utterance_id: str | None, quote: str | None
    ) -> None:
        speakers = self._speaker_styles(transcript)
        roles = ", ".join(
            f"{s} ({r.value})"
            for s, r in dict.fromkeys((u.speaker, u.role) for u in transcript.utterances)
        )
        self.query_one(".viewer-title", Label).update(
            f"{transcript.id} · {transcript.format} · {roles}"
        )
        items = []
        target = None
        for i, u in enumerate(transcript.utterances):
            hit = u.id == utterance_id
            item = UtteranceItem(u, self._line(u, speakers[u.speaker], quote if hit else None))
            if hit:
                item.add_class("quoted")
                target = i
            items.append(item)
        view = self.query_one(ListView)
        await view.clear()
        await view.extend(items)
        view.index = target if target is not None else (0 if items else None)
        if target is not None:
            self.call_after_refresh(self._centre, target)

    def _centre(self, index: int) -> None:
        view = self.query_one(ListView)
        children = list(view.query(UtteranceItem))
        if index < len(children):
            view.scroll_to_center(children[index], animate=False)

    def focus_utterances(self) -> None:
        self.query_one(ListView).focus()
