"""The report files as a PM opens them: report.md reads right, the CSVs import cleanly."""

from __future__ import annotations

import csv

from guideagent.schemas.synthesis import (
    CoverageCell,
    CoverageRow,
    Insight,
    InterviewNotes,
    Quote,
    Synthesis,
    Theme,
)
from guideagent.synthesis.csv_export import QUOTE_COLUMNS, THEME_COLUMNS
from guideagent.synthesis.report import timestamp, write_reports


def quote(pid: str, uid: str, text: str, start: float | None) -> Quote:
    return Quote(transcript_id=pid, utterance_id=uid, participant_id=pid, text=text, start=start)


def synthesis(tmp_path, dropped: int = 0) -> Synthesis:
    q1 = quote("P1", "u4", 'I paste hours into a sheet, then "fix" it, every Friday.', 75.4)
    q2 = quote("P2", "u8", "Chasing late payers | takes me a whole morning\nevery month.", 3725.0)
    q3 = quote("P3", "u2", "Ich schreibe Rechnungen auf Papier — ehrlich.", None)
    notes = [
        InterviewNotes(
            transcript_id="P1",
            participant_ids=["P1"],
            insights=[
                Insight(
                    id="P1-i1",
                    transcript_id="P1",
                    participant_id="P1",
                    kind="workaround",
                    text="Copies hours by hand.",
                    quotes=[q1],
                ),
                Insight(
                    id="P1-i2",
                    transcript_id="P1",
                    participant_id="P1",
                    kind="need",
                    text="Wants reminders sent for them.",
                    quotes=[],
                ),
            ],
        ),
        InterviewNotes(
            transcript_id="P2",
            participant_ids=["P2"],
            insights=[
                Insight(
                    id="P2-i1",
                    transcript_id="P2",
                    participant_id="P2",
                    kind="pain_point",
                    text="Late payers.",
                    quotes=[q2],
                ),
            ],
        ),
        InterviewNotes(
            transcript_id="P3",
            participant_ids=["P3"],
            insights=[
                Insight(
                    id="P3-i1",
                    transcript_id="P3",
                    participant_id="P3",
                    kind="behaviour",
                    text="Paper invoices.",
                    quotes=[q3],
                ),
            ],
        ),
    ]
    transcripts = tmp_path / "study" / "transcripts"
    return Synthesis(
        title="Invoicing",
        engine="llm",
        participant_ids=["P1", "P2", "P3", "P4"],
        notes=notes,
        themes=[
            Theme(
                id="t1",
                label="Manual bookkeeping",
                description="Invoices are assembled by hand.",
                insight_ids=["P1-i1", "P2-i1"],
                participant_ids=["P1", "P2"],
                quotes=[q1, q2],
                disagreements=["P1 wants automation; P2 prefers control."],
            )
        ],
        signals=[
            Theme(
                id="sig1",
                label="Paper as backup",
                insight_ids=["P3-i1"],
                participant_ids=["P3"],
                quotes=[q3],
            )
        ],
        unthemed_insight_ids=["P1-i2"],
        recommendations=["Automate the Friday export."],
        open_questions=["How do agencies invoice?"],
        dropped_quotes=dropped,
        cited_share={"P1": 0.25, "P2": 0.5, "P3": 0.1, "P4": 0.0},
        objective_coverage=[
            CoverageRow(
                id="o1",
                text="How invoices are prepared",
                cells=[
                    CoverageCell(participant_id="P1", answered=True, quote=q1),
                    CoverageCell(participant_id="P2", answered=True),
                    CoverageCell(participant_id="P3", answered=False),
                    CoverageCell(participant_id="P4", answered=False),
                ],
            )
        ],
        question_coverage=[
            CoverageRow(
                id="q1",
                text="Walk me through your last invoice.",
                cells=[
                    CoverageCell(
                        participant_id=p, answered=p == "P2", quote=q2 if p == "P2" else None
                    )
                    for p in ["P1", "P2", "P3", "P4"]
                ],
            )
        ],
        transcript_sources={p: str(transcripts / f"{p}.vtt") for p in ["P1", "P2", "P3"]},
    )


def test_report_reads_like_a_research_report(tmp_path):
    files = write_reports(synthesis(tmp_path), tmp_path / "study" / "synthesis")
    report = files.report.read_text(encoding="utf-8")
    assert report.startswith("# Invoicing: synthesis")
    assert "Participants: 4 (P1, P2, P3, P4)" in report
    assert "### 1. Manual bookkeeping — 2 of 4 participants" in report
    assert "Invoices are assembled by hand." in report
    assert "> — P1, 01:15 ([P1.vtt](<../transcripts/P1.vtt>), turn 4)" in report
    assert "P2, 1:02:05" in report  # past an hour: h:mm:ss
    assert "P1 wants automation; P2 prefers control." in report
    assert "## Signals" in report and "Paper as backup — 1 of 4 participants" in report
    assert "- Automate the Friday export." in report and "- How do agencies invoice?" in report


def test_grids_show_where_each_objective_and_question_was_answered(tmp_path):
    report = write_reports(synthesis(tmp_path), tmp_path / "out").report.read_text(encoding="utf-8")
    grid = report.split("## Objectives × participants", 1)[1].split("##", 1)[0]
    assert "| Objective | P1 | P2 | P3 | P4 |" in grid
    row = next(line for line in grid.splitlines() if line.startswith("| o1"))
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[0] == "o1: How invoices are prepared"
    assert cells[1].startswith('"I paste hours into a sheet') and cells[1].endswith(
        "(P1.vtt, turn 4, 01:15)"
    )
    assert cells[2:] == ["answered", "—", "—"]
    questions = report.split("## Guide questions × participants", 1)[1]
    assert (
        "Chasing late payers \\| takes me a whole morning" in questions
    )  # a pipe cannot break the table


def test_left_out_section_is_plain_even_when_nothing_was_dropped(tmp_path):
    report = write_reports(synthesis(tmp_path), tmp_path / "a").report.read_text(encoding="utf-8")
    left_out = report.split("## What was left out", 1)[1]
    assert "| P2 | 50% |" in left_out and "| P4 | 0% |" in left_out
    assert "- P1 (need): Wants reminders sent for them." in left_out
    assert "Grounding dropped 0 quotes" in left_out
    one = write_reports(synthesis(tmp_path, dropped=1), tmp_path / "b").report.read_text(
        encoding="utf-8"
    )
    assert "Grounding dropped 1 quote that" in one


def test_csv_files_import_cleanly(tmp_path):
    files = write_reports(synthesis(tmp_path), tmp_path / "out")
    with files.themes_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == THEME_COLUMNS
        themes = list(reader)
    assert [
        (r["theme_id"], r["participants_count"], r["participants_total"], r["participants"])
        for r in themes
    ] == [("t1", "2", "4", "P1; P2"), ("sig1", "1", "4", "P3")]
    with files.quotes_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == QUOTE_COLUMNS
        quotes = list(reader)
    assert [r["quote"] for r in quotes] == [
        'I paste hours into a sheet, then "fix" it, every Friday.',
        "Chasing late payers | takes me a whole morning\nevery month.",
        "Ich schreibe Rechnungen auf Papier — ehrlich.",
    ]
    assert [r["start"] for r in quotes] == ["75.4", "3725", ""]
    assert quotes[0]["utterance_id"] == "u4" and quotes[0]["transcript_id"] == "P1"


def test_timestamps():
    assert [timestamp(s) for s in (None, 0, 59.9, 61, 3600)] == [
        "",
        "00:00",
        "00:59",
        "01:01",
        "1:00:00",
    ]
