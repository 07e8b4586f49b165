"""Issue 11: what the study's files show the user, and that nothing the user wrote is lost.

Each test drives the CLI (`guideagent.cli.main`) and checks what is printed and what is
on disk, as a user would see it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guideagent.cli import main
from guideagent.store import last_good_path, open_study
from guideagent.workspace import prepare_demo as prepare


@pytest.fixture
def demo(tmp_path) -> Path:
    """The bundled demo study, converted to study.toml the way `guideagent new` writes it."""
    path = prepare(tmp_path / "demo")
    folder = open_study(path)
    (path / "study.json").unlink()
    folder.study_path = path / "study.toml"
    folder.save_study(folder.study)
    open_study(path)  # keeps the last good copies
    return path


@pytest.mark.parametrize(
    ("name", "emptied"),
    [
        ("guide.md", ""),
        ("guide.md", "\n\n<!-- nothing here yet -->\n"),
        ("study.toml", ""),
        ("study.toml", "# only a comment\n"),
    ],
)
def test_an_emptied_file_is_broken_and_its_safety_copy_survives(demo, capsys, name, emptied):
    path = demo / name
    keep = last_good_path(path)
    good = keep.read_bytes()
    assert len(good) > 100
    path.write_text(emptied)
    for command in (["critique", str(demo)], ["export", str(demo), "--format", "md"]):
        assert main(command) == 2
        out, err = capsys.readouterr()
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"{name}:1:" in err and "empty" in err and keep.name in err
        assert "Exported" not in out
    assert keep.read_bytes() == good
    assert not (demo / "exports").exists()


def test_export_refuses_a_guide_without_questions(demo, capsys):
    (demo / "guide.md").write_text("# Only a title\n\n> A note, and no questions yet.\n")
    assert main(["export", str(demo), "--format", "md"]) == 2
    out, err = capsys.readouterr()
    assert "no questions" in err and "nothing to export" in err and "Exported" not in out
    assert not (demo / "exports").exists()
    # The guide with questions is still the one kept to restore.
    assert "?" in last_good_path(demo / "guide.md").read_text()


def _critique_ids(capsys, target: Path) -> list[tuple[str, str]]:
    import json

    main(["critique", str(target), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    return [(q["id"], q["text"]) for q in data["questions"]]


def test_the_cli_and_the_app_read_guide_md_alike(tmp_path, capsys):
    path = prepare(tmp_path / "demo")
    app = [(q.id, q.text) for q in open_study(path).guide.questions()]
    assert len(app) == 13 and app[0] == ("q1", "To start, tell me a bit about your role.")
    assert _critique_ids(capsys, path) == app
    assert _critique_ids(capsys, path / "guide.md") == app
    # Renamed, it is still read by the study's reader: it carries the metadata comments.
    copy = tmp_path / "shared-guide.md"
    copy.write_text((path / "guide.md").read_text())
    assert _critique_ids(capsys, copy) == app
    # The text report counts the same questions.
    assert main(["critique", str(path / "guide.md")]) in (0, 1)
    assert "13 questions" in capsys.readouterr().out


def test_a_guide_md_without_questions_is_bad_input(tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_text("# Draft\n\n> Consent script goes here.\n")
    assert main(["critique", str(guide)]) == 2
    assert "no interview questions" in capsys.readouterr().err


def test_new_prints_brackets_as_written(tmp_path, capsys):
    assert main(["new", str(tmp_path / "s"), "--title", "Checkout [beta] study"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # rich wraps long lines
    assert "Created study Checkout [beta] study" in out
    assert "one [[objectives]] table each" in out


def test_a_misspelt_brief_key_is_refused_with_a_suggestion(tmp_path, capsys):
    brief = tmp_path / "brief.toml"
    brief.write_text('title = "Weekly shop"\nsesion_minutes = 30\n')
    assert main(["new", str(tmp_path / "s"), "--brief", str(brief)]) == 2
    err = capsys.readouterr().err
    assert "brief.toml:2:" in err and "sesion_minutes" in err
    assert "did you mean session_minutes?" in err
    assert not (tmp_path / "s").exists()
    nested = tmp_path / "brief.json"
    nested.write_text('{"title": "T", "context": {"prodcut": "Pocketwise"}}')
    assert main(["new", str(tmp_path / "s"), "--brief", str(nested)]) == 2
    assert "context.prodcut: unknown key; did you mean product?" in capsys.readouterr().err


def test_a_misspelt_config_key_is_refused_with_a_suggestion(isolated_config, capsys):
    isolated_config.write_text("concurency = 2\n")
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert "Unknown setting 'concurency'" in err and "did you mean concurrency?" in err


def test_saving_settings_writes_only_what_the_user_set(isolated_config):
    from guideagent.config import load_settings, save_settings

    isolated_config.write_text("revise_rounds = 2\n")  # a default, pinned by hand: kept
    settings = load_settings().model_copy(
        update={"model": "llama3.1", "base_url": "http://localhost:11434/v1"}
    )
    save_settings(settings)
    lines = [line for line in isolated_config.read_text().splitlines() if not line.startswith("#")]
    assert sorted(lines) == [
        'base_url = "http://localhost:11434/v1"',
        'model = "llama3.1"',
        "revise_rounds = 2",
    ]
    assert load_settings().model == "llama3.1"


def test_the_demo_brief_is_filled_in(tmp_path, capsys):
    folder = open_study(prepare(tmp_path / "demo"))
    study = folder.study
    assert "budgeting app" in study.context.product and study.context.audience
    assert study.participants.total() == 5 and len(study.participants.segments) == 2
    assert {o.kind.value for o in study.objectives} >= {
        "discover_needs",
        "improve_feature",
        "validate_idea",
    }
    assert "other" not in {o.kind.value for o in study.objectives}


def test_the_demo_guide_has_flawed_questions_with_rewrites_to_apply(tmp_path, capsys):
    import json

    path = prepare(tmp_path / "demo")
    assert main(["critique", str(path), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    flagged = {(f["question_id"], f["code"]) for f in findings if f["rewrite"]}
    assert {("q7", "leading"), ("q7", "closed"), ("q9", "double_barreled")} <= flagged
    # The brief says who takes part, so the guide-level diversity finding is gone.
    assert not any(f["code"] == "participants_not_diverse" for f in findings)


def test_the_demo_opens_with_a_synthesis_to_browse(tmp_path):
    import json

    path = prepare(tmp_path / "demo")
    shipped = json.loads((path / "synthesis" / "synthesis.json").read_text())
    assert len(shipped["themes"]) >= 3 and shipped["participant_ids"] == [
        "P1",
        "P2",
        "P3",
        "P4",
        "P5",
    ]
    # Anchored in the copy, so reports written from it link to its transcripts.
    assert shipped["transcript_sources"]["P1"] == str((path / "transcripts" / "P1.txt").resolve())
    report = (path / "synthesis" / "report.md").read_text()
    assert "4 of 5 participants" in report and "(<../transcripts/P1.txt>)" in report


def test_the_shipped_demo_synthesis_is_what_the_offline_engine_computes(tmp_path):
    """Fails when the demo's transcripts, guide or the offline engine change without the
    shipped synthesis being recomputed: run `python -m guideagent.commands.demo`."""
    from guideagent.workspace import bundle_demo_synthesis as bundle_synthesis
    from guideagent.workspace.sources import BUNDLED_DEMO as BUNDLED

    fresh = bundle_synthesis(tmp_path)
    for name in ("synthesis.json", "report.md", "themes.csv", "quotes.csv"):
        assert (fresh / name).read_text() == (BUNDLED / "synthesis" / name).read_text(), name
