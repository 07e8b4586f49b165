"""What a synthesis run is about to do, decided once for every face: which interviews
still need the model, what that costs, and whether text is redacted on the way out.

The CLI prints the plan and asks on the terminal; the app shows it in a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guideagent.config import Settings
from guideagent.llm.usage import CostEstimate
from guideagent.protocol import Engine
from guideagent.schemas import Guide, Study, Transcript
from guideagent.synthesis.pipeline import pending_transcripts
from guideagent.synthesis.redact import Redactor, default_names

REDACTION_NOTE = (
    "Emails, phone numbers, addresses, postcodes, ID and bank numbers, the names you listed and"
    " the speakers' names are redacted before they leave this machine."
)


@dataclass
class SynthesisPlan:
    transcripts: list[Transcript]
    pending: list[Transcript]
    estimate: CostEstimate | None  # None: the engine spends no tokens
    redactor: Redactor | None

    @property
    def cached(self) -> int:
        return len(self.transcripts) - len(self.pending)

    @property
    def needs_confirmation(self) -> bool:
        """Money is about to be spent: someone should say yes first."""
        return self.estimate is not None and bool(self.pending)

    def describe(self) -> list[str]:
        lines = [self.estimate.describe()] if self.estimate is not None else []
        if self.estimate is not None and self.cached:
            lines.append(f"{self.cached} cached interview(s) cost nothing.")
        if self.redactor is not None:
            lines.append(REDACTION_NOTE)
        return lines


def plan_synthesis(
    transcripts: list[Transcript],
    engine: Engine,
    settings: Settings,
    *,
    study: Study | None,
    guide: Guide | None,
    cache_dir: Path | None,
    fresh: bool = False,
) -> SynthesisPlan:
    """Decided by the engine's capabilities: a metered engine's run is estimated (cached
    interviews cost nothing) and needs a yes; text sent to a model server is redacted when
    the settings say so (by default, when the server is not on this machine)."""
    capabilities = engine.capabilities
    pending, estimate = list(transcripts), None
    if capabilities.metered:
        pending = pending_transcripts(
            transcripts, engine, cache_dir=cache_dir, study=study, guide=guide, fresh=fresh
        )
        participants = len({p for t in transcripts for p in t.participant_ids()})
        estimate = engine.estimate_cost(
            pending, study=study, guide=guide, participants=participants
        )
    redactor = None
    if capabilities.sends_text and settings.redaction_on():
        names = default_names(study.redact_names if study else (), transcripts)
        redactor = Redactor(names)
    return SynthesisPlan(list(transcripts), pending, estimate, redactor)
