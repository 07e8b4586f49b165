"""A study folder never loses work: atomic saves, last good copies, clear errors."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from paths import ROOT

from guideagent.errors import StudyError
from guideagent.schemas import (
    Context,
    Guide,
    Objective,
    ParticipantPlan,
    Question,
    Section,
    Segment,
    Study,
)
from guideagent.store import create_study, last_good_path, open_study
from guideagent.studyfile import dumps_study

EVAL_STUDY = ROOT / "evals" / "datasets" / "studies" / "nurse-shift-handoff"

TRICKY = [
    'Quotes "inside" and a back\\slash',
    "Tabs\tand\nnewlines",
    "Unicode: é, ß, 日本語, emoji 🎉",
    "Control \x01 and DEL \x7f characters",
    "= [not a table] # not a comment",
    "",
]


def nurse_study(title: str = "Shift handoff") -> Study:
    return Study(
        title=title,
        context=Context(product="WardBoard", audience="ward nurses"),
        objectives=[
            Objective(
                id="o1",
                text="Understand how nurses hand off patients between shifts",
                kind="discover_needs",
            ),
            Objective(
                id="o2",
                text="Validate whether charge nurses would use a shared handoff board",
                kind="validate_idea",
            ),
        ],
        session_minutes=40,
        participants=ParticipantPlan(
            segments=[Segment(name="day shift", count=3), Segment(name="night shift", count=2)],
            screener=["Works at least two shifts a week"],
            diversity=["tenure", "ward type"],
        ),
        jargon_allowed=["SBAR", "EHR"],
    )


def small_guide(title: str = "Guide") -> Guide:
    return Guide(
        title=title,
        sections=[
            Section(
                id="s1",
                title="Handoffs",
                objective_ids=["o1"],
                questions=[
                    Question(
                        id="q1",
                        text="Tell me about your last handoff.",
                        objective_ids=["o1"],
                        minutes=5,
                    )
                ],
            )
        ],
    )


def test_create_makes_the_folder_and_open_reads_it_back(tmp_path):
    folder = create_study(tmp_path / "handoff", nurse_study())
    assert (tmp_path / "handoff" / "study.toml").is_file()
    assert folder.transcripts_dir.is_dir() and folder.synthesis_dir.is_dir()
    opened = open_study(tmp_path / "handoff")
    assert opened.study == nurse_study()
    assert opened.guide is None
    assert opened.guide_path == tmp_path / "handoff" / "guide.md"


def test_create_refuses_an_existing_study(tmp_path):
    create_study(tmp_path / "s", nurse_study())
    with pytest.raises(StudyError, match="already a study"):
        create_study(tmp_path / "s", nurse_study())


def test_create_without_a_study_names_it_after_the_folder(tmp_path):
    assert create_study(tmp_path / "onboarding-research").study.title == "onboarding-research"


def test_open_a_folder_that_is_not_a_study(tmp_path):
    with pytest.raises(StudyError) as caught:
        open_study(tmp_path)
    assert caught.value.path == tmp_path
    assert "study.toml" in caught.value.message
    with pytest.raises(StudyError, match="no such study folder"):
        open_study(tmp_path / "missing")


@pytest.mark.parametrize("text", TRICKY)
def test_study_toml_round_trips_through_tomllib(text):
    study = nurse_study(title=text).model_copy(update={"redact_names": [text, "Ann"]})
    study.objectives[0].text = text
    written = dumps_study(study)
    assert Study.model_validate(tomllib.loads(written)) == study


def test_study_toml_is_readable_by_hand(tmp_path):
    text = (create_study(tmp_path / "s", nurse_study()).study_path).read_text()
    assert text.startswith("# guideagent study")
    assert text.count("[[objectives]]") == 2
    assert 'text = "Understand how nurses hand off patients between shifts"' in text


def test_eval_study_json_is_accepted_and_stays_json(tmp_path):
    shutil.copytree(EVAL_STUDY, tmp_path / "nurses")
    folder = open_study(tmp_path / "nurses")
    assert folder.study_path.name == "study.json"
    assert len(folder.study.objectives) == 4
    folder.save_study(folder.study.model_copy(update={"session_minutes": 50}))
    assert not (tmp_path / "nurses" / "study.toml").exists()
    assert open_study(tmp_path / "nurses").study.session_minutes == 50


def test_hand_broken_study_toml_names_file_and_line_and_keeps_last_good(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    good = folder.study_path.read_text()
    open_study(tmp_path / "s")  # a successful load keeps the last good copy
    keep = last_good_path(folder.study_path)
    assert keep.read_text() == good

    lines = good.splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("session_minutes"))
    lines[n] = "session_minutes = forty"  # not valid TOML
    folder.study_path.write_text("\n".join(lines) + "\n")
    for _ in range(2):  # a second failed open must not overwrite the good copy either
        with pytest.raises(StudyError) as caught:
            open_study(tmp_path / "s")
        assert caught.value.path == folder.study_path
        assert caught.value.line == n + 1
        assert f"study.toml:{n + 1}:" in str(caught.value)
        assert keep.name in str(caught.value)
    assert keep.read_text() == good
    assert Study.model_validate(tomllib.loads(keep.read_text())) == nurse_study()


def test_a_bad_value_is_reported_on_its_own_line(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    lines = folder.study_path.read_text().splitlines()
    n = [i for i, line in enumerate(lines) if line.startswith("kind =")][1]
    lines[n] = 'kind = "validate"'
    folder.study_path.write_text("\n".join(lines) + "\n")
    with pytest.raises(StudyError) as caught:
        open_study(tmp_path / "s")
    assert caught.value.line == n + 1
    assert "objectives.1.kind" in caught.value.message


def test_saving_over_a_file_broken_since_loading_keeps_it(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    folder.study_path.write_text("title = 'half an edit\n")
    folder.save_study(nurse_study(title="Saved"))
    kept = list((tmp_path / "s").glob("study.toml.broken-*"))
    assert len(kept) == 1 and kept[0].read_text() == "title = 'half an edit\n"
    assert open_study(tmp_path / "s").study.title == "Saved"


def test_saving_over_a_guide_edited_by_hand_keeps_the_edit(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    folder.save_guide(small_guide("First"))
    edited = folder.guide_path.read_text().replace("# First", "# Edited by hand")
    folder.guide_path.write_text(edited)
    folder.save_guide(small_guide("Second"))
    kept = list((tmp_path / "s").glob("guide.md.edited-*"))
    assert [p.read_text() for p in kept] == [edited]
    assert open_study(tmp_path / "s").guide.title == "Second"


def test_save_guide_with_backup_keeps_the_old_one(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    folder.save_guide(small_guide("Old"))
    folder.save_guide(small_guide("New"), backup=True)
    assert "# Old" in (tmp_path / "s" / "guide.md.bak").read_text()
    assert open_study(tmp_path / "s").guide.title == "New"


def test_a_hand_broken_guide_is_reported_with_line(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    folder.save_guide(small_guide())
    open_study(tmp_path / "s")
    text = folder.guide_path.read_text().replace("minutes=5", "minutes=five")
    folder.guide_path.write_text(text)
    with pytest.raises(StudyError) as caught:
        open_study(tmp_path / "s")
    line = next(i for i, raw in enumerate(text.splitlines(), 1) if "minutes=five" in raw)
    assert (caught.value.path.name, caught.value.line) == ("guide.md", line)
    assert "minutes=five" not in last_good_path(folder.guide_path).read_text()


WRITER = textwrap.dedent(
    """
    import sys
    from guideagent.schemas import Guide, Probe, Question, Section
    from guideagent.store import open_study

    folder = open_study(sys.argv[1])
    def big(tag):
        return Guide(title=tag, sections=[
            Section(id=f"s{s}", title=f"Section {s} " + tag * 40, questions=[
                Question(id=f"q{s}-{q}", text=f"Tell me about the last time number {q}. " + tag * 60,
                         probes=[Probe(text="What happened next? " + tag * 20)], minutes=3)
                for q in range(40)])
            for s in range(60)])
    guides = [big("A"), big("B")]
    n = 0
    while True:
        folder.save_guide(guides[n % 2])
        n += 1
        if n == 1:
            print("ready", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_during_saves_leaves_a_loadable_guide(tmp_path):
    folder = create_study(tmp_path / "s", nurse_study())
    folder.save_guide(small_guide("Before"))
    for delay in (0.03, 0.1, 0.2, 0.35, 0.5):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder.path)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(delay)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=30)
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        guide = open_study(folder.path).guide
        assert guide is not None and guide.title in {"A", "B"}
        assert sum(1 for _ in guide.questions()) == 60 * 40


# -- adding transcripts ------------------------------------------------------------------------
DEMO_TRANSCRIPTS = ROOT / "src" / "guideagent" / "demo" / "study" / "transcripts"


def test_add_transcripts_copies_a_folder_and_reports_what_it_skipped(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(DEMO_TRANSCRIPTS, source)
    (source / "notes.pdf").write_bytes(b"%PDF-1.4 not a transcript")
    (source / "empty.txt").write_text("")
    (source / ".DS_Store").write_bytes(b"\0\0")
    folder = create_study(tmp_path / "study", nurse_study())

    report = folder.add_transcripts([source])

    assert [t.id for t in report.added] == ["P1", "P2", "P3", "P4", "P5"]
    assert {Path(p.path).name for p in report.skipped} == {"notes.pdf", "empty.txt"}
    assert "unsupported file type" in next(p.message for p in report.skipped if "pdf" in p.path)
    copied = sorted(p.name for p in folder.transcripts_dir.iterdir())
    assert copied == ["P1.txt", "P2.md", "P3.vtt", "P4.json", "P5.docx"]  # no temp files left
    for t in report.added:
        assert Path(t.source).parent == folder.transcripts_dir
        assert Path(t.source).read_bytes() == (source / Path(t.source).name).read_bytes()


def test_add_transcripts_never_replaces_an_interview_the_study_has(tmp_path):
    folder = create_study(tmp_path / "study", nurse_study())
    folder.add_transcripts([DEMO_TRANSCRIPTS / "P1.txt"])
    before = (folder.transcripts_dir / "P1.txt").read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "p1.md").write_text("Interviewer: Hi?\nDana: A different interview.\n")
    (other / "P1.txt").write_text("Interviewer: Hi?\nDana: Yet another.\n")

    report = folder.add_transcripts([other / "p1.md", other / "P1.txt"])

    assert report.added == []
    assert [p.message for p in report.skipped] == [
        "the study already has interview 'p1'; skipped",
        "the study already has interview 'P1'; skipped",
    ]
    assert (folder.transcripts_dir / "P1.txt").read_bytes() == before
    assert not (folder.transcripts_dir / "p1.md").exists()


def test_add_transcripts_takes_the_first_of_two_files_for_one_interview(tmp_path):
    folder = create_study(tmp_path / "study", nurse_study())
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "P7.txt").write_text(f"Interviewer: Hi?\nDana: From {name}.\n")

    report = folder.add_transcripts([tmp_path / "a" / "P7.txt", tmp_path / "b"])

    assert [t.id for t in report.added] == ["P7"]
    assert "From a." in (folder.transcripts_dir / "P7.txt").read_text()
    assert [Path(p.path).parent.name for p in report.skipped] == ["b"]


def test_add_transcripts_reports_missing_and_unreadable_files(tmp_path):
    folder = create_study(tmp_path / "study", nurse_study())
    binary = tmp_path / "P8.txt"
    binary.write_bytes(bytes(range(256)) * 10)

    report = folder.add_transcripts([tmp_path / "nowhere.txt", binary])

    assert report.added == []
    messages = {Path(p.path).name: p.message for p in report.skipped}
    assert messages["nowhere.txt"] == "no such file or folder; skipped"
    assert messages["P8.txt"]  # says why, in words
    assert list(folder.transcripts_dir.iterdir()) == []


def test_add_transcripts_goes_on_after_a_failed_copy(tmp_path, monkeypatch):
    import guideagent.store as store

    folder = create_study(tmp_path / "study", nurse_study())
    real = store.atomic_write_bytes

    def full_disk(path, data):
        if Path(path).name == "P1.txt":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(store, "atomic_write_bytes", full_disk)
    report = folder.add_transcripts([DEMO_TRANSCRIPTS / "P1.txt", DEMO_TRANSCRIPTS / "P2.md"])

    assert [t.id for t in report.added] == ["P2"]
    assert report.skipped[0].message == "could not copy it (No space left on device); skipped"
    assert sorted(p.name for p in folder.transcripts_dir.iterdir()) == ["P2.md"]
