"""`guideagent new`, `draft` and `export`, end to end in a temp folder, on the offline engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document
from paths import ROOT

from guideagent.cli import main
from guideagent.store import open_study

BRIEF = {
    "title": "Shift handoff",
    "context": {"product": "WardBoard", "audience": "ward nurses"},
    "objectives": [
        {
            "id": "o1",
            "text": "Understand how nurses hand off patients between shifts",
            "kind": "discover_needs",
        },
        {"id": "o2", "text": "Improve the handoff board", "kind": "improve_feature"},
    ],
    "session_minutes": 40,
    "participants": {
        "segments": [{"name": "day shift", "count": 3}, {"name": "night shift", "count": 3}]
    },
}


def write_brief(tmp_path: Path, data: dict | str = BRIEF) -> Path:
    path = tmp_path / "brief.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
    return path


def test_new_draft_export_end_to_end(tmp_path, capsys):
    study = tmp_path / "handoff"
    assert main(["new", str(study), "--brief", str(write_brief(tmp_path))]) == 0
    assert (study / "study.toml").is_file() and (study / "transcripts").is_dir()
    assert "guideagent draft" in capsys.readouterr().out

    assert main(["draft", str(study)]) == 0
    out, err = capsys.readouterr()
    assert "offline engine" in err
    assert "4 sections" in out and "of 40 minutes" in out and "0 errors" in out
    guide = open_study(study).guide
    assert guide is not None
    assert "handing off patients between shifts" in (study / "guide.md").read_text()

    for fmt in ("md", "docx", "json"):
        assert main(["export", str(study), "--format", fmt]) == 0
    exports = study / "exports"
    assert sorted(p.name for p in exports.iterdir()) == ["guide.docx", "guide.json", "guide.md"]
    numbered = [
        p.text
        for p in Document(str(exports / "guide.docx")).paragraphs
        if p.style.name == "List Number"
    ]
    assert numbered == [q.text for q in guide.questions()]
    assert json.loads((exports / "guide.json").read_text())["title"] == guide.title

    custom = tmp_path / "shared" / "handoff-guide.docx"
    assert main(["export", str(study), "--format", "docx", "-o", str(custom)]) == 0
    assert custom.is_file()


def test_draft_never_overwrites_a_guide_without_force(tmp_path, capsys):
    study = tmp_path / "s"
    main(["new", str(study), "--brief", str(write_brief(tmp_path))])
    main(["draft", str(study)])
    edited = (study / "guide.md").read_text().replace("# Shift handoff", "# My own edits")
    (study / "guide.md").write_text(edited)
    capsys.readouterr()

    assert main(["draft", str(study)]) != 0
    assert "--force" in capsys.readouterr().err
    assert (study / "guide.md").read_text() == edited

    assert main(["draft", str(study), "--force", "--rounds", "0"]) == 0
    assert (study / "guide.md.bak").read_text() == edited
    assert "# My own edits" not in (study / "guide.md").read_text()


def test_draft_force_replaces_a_hand_broken_guide_and_keeps_it(tmp_path, capsys):
    study = tmp_path / "s"
    main(["new", str(study), "--brief", str(write_brief(tmp_path))])
    (study / "guide.md").write_text("# Guide\n\n   - a probe before any question\n")
    assert main(["export", str(study)]) == 2
    assert "guide.md:3:" in capsys.readouterr().err

    assert main(["draft", str(study), "--force"]) == 0
    assert (study / "guide.md.bak").read_text() == "# Guide\n\n   - a probe before any question\n"
    assert open_study(study).guide is not None
    assert sorted(p.name for p in study.glob("guide.md*")) == ["guide.md", "guide.md.bak"]


def test_new_without_a_brief_uses_the_title_and_points_at_the_next_step(tmp_path, capsys):
    assert main(["new", str(tmp_path / "research"), "--title", "Onboarding research"]) == 0
    assert open_study(tmp_path / "research").study.title == "Onboarding research"
    assert "objectives" in capsys.readouterr().out


def test_new_with_a_broken_brief_names_file_and_line(tmp_path, capsys):
    text = json.dumps(BRIEF, indent=2).replace('"session_minutes": 40', '"session_minutes": 40,,')
    brief = write_brief(tmp_path, text)
    line = next(i for i, raw in enumerate(text.splitlines(), 1) if ",," in raw)
    assert main(["new", str(tmp_path / "s"), "--brief", str(brief)]) == 2
    assert f"{brief}:{line}:" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_new_with_an_invalid_brief_value_names_its_line(tmp_path, capsys):
    text = json.dumps({**BRIEF, "session_minutes": "forty"}, indent=2)
    brief = write_brief(tmp_path, text)
    line = next(i for i, raw in enumerate(text.splitlines(), 1) if "forty" in raw)
    assert main(["new", str(tmp_path / "s"), "--brief", str(brief)]) == 2
    assert f"{brief}:{line}: session_minutes" in capsys.readouterr().err


def test_commands_on_a_folder_that_is_not_a_study(tmp_path, capsys):
    assert main(["draft", str(tmp_path)]) == 2
    assert "not a study folder" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing")]) == 2


def test_export_before_drafting_says_what_to_do(tmp_path, capsys):
    main(["new", str(tmp_path / "s")])
    capsys.readouterr()
    assert main(["export", str(tmp_path / "s")]) == 2
    assert "guideagent draft" in capsys.readouterr().err


def test_draft_with_a_configured_provider_uses_the_llm(tmp_path, capsys, monkeypatch, fake_openai):
    from fakes import Reply
    from fakes.answers import DRAFT, NO_FINDINGS

    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", fake_openai.api_key)
    monkeypatch.setenv("GUIDEAGENT_MODE", "tools")
    monkeypatch.setenv("GUIDEAGENT_MAX_RETRIES", "0")
    fake_openai.push(Reply(DRAFT), Reply(NO_FINDINGS))
    study = tmp_path / "s"
    main(["new", str(study), "--brief", str(write_brief(tmp_path))])
    capsys.readouterr()

    assert main(["draft", str(study), "--rounds", "0"]) == 0
    out, err = capsys.readouterr()
    assert "offline" not in err
    assert "Splitting bills: interview guide" in (study / "guide.md").read_text()
    assert "1 error" in out  # the planted leading question, left as drafted with --rounds 0
    assert len(fake_openai.chat_requests) == 2


def test_draft_works_on_an_eval_study_folder(tmp_path):
    shutil.copytree(
        ROOT / "evals" / "datasets" / "studies" / "nurse-shift-handoff", tmp_path / "nurses"
    )
    assert main(["draft", str(tmp_path / "nurses")]) == 0
    assert len(open_study(tmp_path / "nurses").guide.sections) == 6
