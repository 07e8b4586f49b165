"""themes.csv and quotes.csv: the synthesis as flat tables for spreadsheets and research
repositories. UTF-8 with a header row, written by the csv module (RFC 4180 quoting), so
commas, quotation marks and line breaks inside quotes survive an import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from guideagent.atomic import atomic_write_text
from guideagent.schemas.synthesis import Synthesis

THEME_COLUMNS = [
    "theme_id",
    "label",
    "participants_count",
    "participants_total",
    "participants",
    "description",
]
QUOTE_COLUMNS = [
    "theme_id",
    "participant_id",
    "transcript_id",
    "utterance_id",
    "start",
    "quote",
    "source",
]


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def themes_csv(synthesis: Synthesis) -> str:
    """One row per theme, then per signal (ids t…, sig…); counts are the computed ones."""
    total = len(synthesis.participant_ids)
    rows: list[list[object]] = [[*THEME_COLUMNS]]
    for theme in [*synthesis.themes, *synthesis.signals]:
        rows.append(
            [
                theme.id,
                theme.label,
                len(theme.participant_ids),
                total,
                "; ".join(theme.participant_ids),
                theme.description,
            ]
        )
    return _csv(rows)


def quotes_csv(synthesis: Synthesis) -> str:
    """One row per quote shown in the report; `start` in seconds, empty when unknown;
    `source` says where to find it ("P1.txt, turn 12, 03:05")."""
    from guideagent.synthesis.report import quote_source  # report imports this module

    rows: list[list[object]] = [[*QUOTE_COLUMNS]]
    for theme in [*synthesis.themes, *synthesis.signals]:
        for q in theme.quotes:
            start = "" if q.start is None else f"{q.start:.3f}".rstrip("0").rstrip(".")
            rows.append(
                [
                    theme.id,
                    q.participant_id,
                    q.transcript_id,
                    q.utterance_id,
                    start,
                    q.text,
                    quote_source(synthesis, q),
                ]
            )
    return _csv(rows)


def write_csvs(synthesis: Synthesis, folder: Path) -> tuple[Path, Path]:
    themes, quotes = folder / "themes.csv", folder / "quotes.csv"
    atomic_write_text(themes, themes_csv(synthesis))
    atomic_write_text(quotes, quotes_csv(synthesis))
    return themes, quotes
