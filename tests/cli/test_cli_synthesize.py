"""`guideagent synthesize` as a user runs it: a folder with one bad file still gives a
report; without a terminal to confirm the cost, the LLM engine refuses and sends nothing."""

from __future__ import annotations

import csv
import sys

import pytest
from fakes import Reply

from guideagent.cli import main
from guideagent.ingest.status import EXIT_SKIPPED

INTERVIEWS = {
    "P1": [
        "Every Friday I copy my hours from the calendar into a spreadsheet, which takes an hour.",
        "The worst part is chasing clients who pay late, I send three reminder emails on average.",
    ],
    "P2": [
        "I copy hours from my calendar into a spreadsheet every week and it eats my Friday afternoon.",
        "Clients pay late all the time and chasing them with reminder emails is exhausting.",
    ],
    "P3": [
        "Honestly I just export my calendar hours to a spreadsheet and tidy it up by hand each Friday.",
        "Late payments are the worst, I have to chase clients with reminders for weeks.",
    ],
}


def write_folder(folder, broken: bool = True):
    folder.mkdir(parents=True, exist_ok=True)
    for pid, answers in INTERVIEWS.items():
        lines = []
        for answer in answers:
            lines += ["Interviewer: Tell me about the last time you did that.", f"{pid}: {answer}"]
        (folder / f"{pid}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if broken:
        (folder / "P9.txt").write_bytes(b"\x00\x01\x02binary junk\xff\xfe")
    return folder


def test_one_broken_file_is_a_warning_not_the_end(tmp_path, capsys):
    folder = write_folder(tmp_path / "interviews")
    code = main(["synthesize", str(folder), "--engine", "offline"])
    out, err = capsys.readouterr()
    assert code == EXIT_SKIPPED == 4, err  # the report is written, and the skip is not silent
    assert "warning: skipped 1 file(s): P9.txt" in err
    p9 = next(line for line in err.splitlines() if line.startswith("P9.txt"))
    assert "skipped" in p9
    assert "not a text file (it contains binary data" in err
    assert "P1 (participant, 2)" in err and "Interviewer (interviewer, 2)" in err
    assert "of 3" in out  # themes counted over the three readable interviews
    assert "Grounding dropped 0 quotes" in out
    report = folder / "synthesis" / "report.md"
    assert report.is_file() and str(report) in out.replace("\n", "")
    sources = report.read_text(encoding="utf-8").split("## Sources")[1]
    assert "4 files: 3 read, 1 skipped." in sources
    assert "| P9.txt | skipped | — | not a text file (it contains binary data" in sources
    with (folder / "synthesis" / "themes.csv").open(encoding="utf-8", newline="") as handle:
        assert all(row["participants_total"] == "3" for row in csv.DictReader(handle))


def test_study_folder_writes_into_its_synthesis_folder(tmp_path, capsys):
    study = tmp_path / "study"
    write_folder(study / "transcripts", broken=False)
    (study / "study.json").write_text(
        '{"title": "Invoicing", "objectives": [{"id": "o1", "text": "How freelancers invoice"}]}'
    )
    assert main(["synthesize", str(study), "--engine", "offline"]) == 0
    report = (study / "synthesis" / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Invoicing: synthesis") and "o1: How freelancers invoice" in report
    assert len(list((study / "synthesis" / "cache").glob("*.json"))) == 3


def test_llm_engine_without_a_terminal_refuses_before_any_call(
    tmp_path, capsys, fake_openai, monkeypatch
):
    folder = write_folder(tmp_path / "interviews", broken=False)
    monkeypatch.setenv("OPENAI_API_KEY", fake_openai.api_key)
    (tmp_path / "empty").write_text("")
    with (tmp_path / "empty").open() as not_a_tty:
        monkeypatch.setattr(sys, "stdin", not_a_tty)
        code = main(
            [
                "synthesize",
                str(folder),
                "--engine",
                "llm",
                "--base-url",
                fake_openai.base_url,
                "--model",
                "gpt-4o-mini",
            ]
        )
    out, err = capsys.readouterr()
    assert code == 2
    assert "Estimate:" in out and "3 interview(s)" in out and "$" in out  # the cost came first
    assert "--yes" in err
    assert fake_openai.chat_requests == []
    assert not (folder / "synthesis" / "report.md").exists()


def test_llm_engine_with_yes_runs_and_reports_tokens(tmp_path, capsys, fake_openai, monkeypatch):
    folder = write_folder(tmp_path / "interviews", broken=False)
    monkeypatch.setenv("OPENAI_API_KEY", fake_openai.api_key)

    def model(request):
        user = request["messages"][-1]["content"]
        if "<transcript>" in user:
            block = user.split("<transcript>")[1]
            line = next(line for line in block.splitlines() if line.startswith("[u2]"))
            said = line.split(": ", 1)[1].split(",")[0]
            return Reply(
                {
                    "summary": "A freelancer.",
                    "insights": [
                        {
                            "quotes": [{"utterance_id": "u2", "text": said}],
                            "text": "Copies hours by hand.",
                            "kind": "workaround",
                        }
                    ],
                }
            )
        ids = [part.split("]")[0] for part in user.split("<insights>")[1].split("\n[")[1:]]
        return Reply(
            {
                "groups": [
                    {
                        "reasoning": "same chore",
                        "insight_ids": ids,
                        "label": "Manual hours",
                        "description": "Hours are copied by hand.",
                    }
                ]
            }
        )

    fake_openai.responder = model
    code = main(
        [
            "synthesize",
            str(folder),
            "--engine",
            "llm",
            "--base-url",
            fake_openai.base_url,
            "--yes",
            "--concurrency",
            "3",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "3 of 3" in out and "Manual hours" in out
    assert "prompt" in out and "4 calls" in out
    assert len(fake_openai.chat_requests) == 4


@pytest.mark.parametrize("name", ["missing", "file.txt"])
def test_not_a_folder_is_a_clear_error(tmp_path, capsys, name):
    (tmp_path / "file.txt").write_text("x")
    assert main(["synthesize", str(tmp_path / name), "--engine", "offline"]) == 2
    assert "folder" in capsys.readouterr().err


def test_ctrl_c_keeps_finished_interviews_and_says_how_to_resume(tmp_path, fake_openai):
    import os
    import signal
    import subprocess
    import time

    from fakes import Delay

    folder = write_folder(tmp_path / "interviews", broken=False)

    def model(request):
        user = request["messages"][-1]["content"]
        if "Interview P1:" in user:
            return Reply({"summary": "A freelancer.", "insights": []})
        return Delay(30, Reply({"summary": "never sent", "insights": []}))

    fake_openai.responder = model
    env = {**os.environ, "OPENAI_API_KEY": fake_openai.api_key}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "guideagent.cli",
            "synthesize",
            str(folder),
            "--engine",
            "llm",
            "--base-url",
            fake_openai.base_url,
            "--yes",
            "--concurrency",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    cache = folder / "synthesis" / "cache"
    deadline = time.monotonic() + 30
    while len(fake_openai.chat_requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(cache.glob("P1.*.json"))) == 1  # saved the moment it finished
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert "Stopped after 1 of 3 interviews" in err and "again to resume" in err
    assert list(cache.glob("*.json")) == list(cache.glob("P1.*.json"))


def test_study_files_beside_transcripts_are_not_read_as_interviews(tmp_path, capsys):
    folder = write_folder(tmp_path / "flat", broken=False)
    (folder / "study.json").write_text('{"title": "Flat study"}')
    assert main(["synthesize", str(folder), "--engine", "offline"]) == 0
    out, err = capsys.readouterr()
    assert "study.json" not in err and "across 3 participants" in out
