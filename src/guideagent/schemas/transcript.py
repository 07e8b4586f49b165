"""A transcript: one interview session as utterances with speaker, role and time."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Role(StrEnum):
    """Who a speaker is. Only a participant's words are evidence; an observer (note-taker,
    colleague) and an unknown speaker ("???", "Unknown") are kept apart, never merged."""

    interviewer = "interviewer"
    participant = "participant"
    observer = "observer"
    unknown = "unknown"


class Utterance(BaseModel):
    id: str = Field(description="Id unique within the transcript, e.g. 'u12'.")
    speaker: str
    role: Role = Role.participant
    text: str
    start: float | None = Field(default=None, description="Seconds from the start, if known.")


class Transcript(BaseModel):
    """One session. `id` is the file stem; a session with several participant speakers
    yields one participant per speaker, named `<id>-<speaker>` (DESIGN.md)."""

    id: str
    source: str = ""
    format: str = "txt"
    utterances: list[Utterance] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def participant_speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for u in self.utterances:
            if u.role == Role.participant:
                seen.setdefault(u.speaker, None)
        return list(seen)

    def participant_id(self, speaker: str) -> str:
        """The participant id a speaker's words count for."""
        speakers = self.participant_speakers()
        if len(speakers) <= 1:
            return self.id
        return f"{self.id}-{speaker}"

    def participant_ids(self) -> list[str]:
        speakers = self.participant_speakers()
        if len(speakers) <= 1:
            return [self.id]
        return [f"{self.id}-{s}" for s in speakers]

    def utterance(self, utterance_id: str) -> Utterance | None:
        return next((u for u in self.utterances if u.id == utterance_id), None)

    def word_count(self, role: Role | None = None) -> int:
        return sum(len(u.text.split()) for u in self.utterances if role is None or u.role == role)
