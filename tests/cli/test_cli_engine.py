"""Which engine runs, and what the user is told about it."""

from __future__ import annotations

from guideagent.cli import main

GUIDE = (
    "# Guide\n\n## Warm-up\n1. Tell me a bit about your role.\n\n## Main\n2. Do you like the app?\n"
)


def test_no_provider_means_offline_said_once_on_stderr(tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE)
    assert (
        main(["critique", str(guide), "--format", "json"]) == 1
    )  # the closed question is an error
    out, err = capsys.readouterr()
    assert err.count("using the offline engine") == 1
    assert "offline engine" not in out  # stdout stays clean JSON
    assert '"engine": "offline"' in out


def test_choosing_offline_explicitly_says_nothing(tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE)
    main(["critique", str(guide), "--engine", "offline"])
    assert "using the offline engine" not in capsys.readouterr().err


def test_config_shows_where_each_setting_came_from(monkeypatch, capsys):
    monkeypatch.setenv("GUIDEAGENT_MODEL", "llama3.1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-do-not-print")
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "llama3.1" in out and "env" in out
    assert "sk-do-not-print" not in out and "set" in out


def test_unreachable_provider_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GUIDEAGENT_MAX_RETRIES", "0")  # retries are tested over the wire elsewhere
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE)
    code = main(["critique", str(guide), "--engine", "llm", "--base-url", "http://127.0.0.1:9/v1"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Could not reach http://127.0.0.1:9/v1" in err and "after 1 try" in err
    assert "Traceback" not in err
