"""Importing guides as PMs write them, and every way a file can be unusable."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import DATA, REALDATA

from guideagent.errors import InputError
from guideagent.ingest.guide import load_guide
from guideagent.schemas import SectionKind

GUIDES = DATA / "guides"
REALDATA = REALDATA


def texts(guide) -> list[str]:
    return [q.text for q in guide.questions()]


def test_markdown_with_headings_numbered_questions_probes_and_notes():
    guide = load_guide(GUIDES / "onboarding.md")
    assert guide.title == "Savings app onboarding interviews"
    assert guide.intro == ["Confirm consent to record before you start."]
    assert [(s.id, s.title, s.kind) for s in guide.sections] == [
        ("s1", "Warm-up", SectionKind.warm_up),
        ("s2", "Saving money", SectionKind.main),
        ("s3", "Wrap-up", SectionKind.wrap_up),
    ]
    assert [q.id for q in guide.questions()] == [f"q{i}" for i in range(1, 8)]
    q3 = guide.question("q3")
    assert q3.text == "Tell me about the last time you moved money into savings."
    assert [p.text for p in q3.probes] == [
        "What happened next?",
        "Can you give me a specific example?",
    ]
    q4 = guide.question("q4")
    assert (q4.text, q4.note) == ("Do you use a budgeting app?", "probe: which one, how often")
    notes = guide.sections[1].notes
    assert "Listen for workarounds; do not interrupt." in notes
    assert "[Interviewer: show the prototype now]" in notes
    assert any(n.startswith("Note: skip the next section") for n in notes)


def test_plain_text_without_headings_is_one_section():
    guide = load_guide(GUIDES / "plain-guide.txt")
    assert guide.title == "Interview guide: commuting"
    assert len(guide.sections) == 1
    assert texts(guide) == [
        "Tell me about your commute this morning.",
        "How do you decide between the bus and cycling?",
        "Describe the last time your train was cancelled.",
    ]
    assert [p.text for p in guide.question("q1").probes] == [
        "What went well?",
        "What got in the way?",
    ]
    assert "(Interviewer: thank them and stop the recording)" in guide.sections[0].notes


def test_bulleted_markdown_with_a_paragraph_question_and_its_probes():
    guide = load_guide(GUIDES / "bulleted.md")
    assert [s.kind for s in guide.sections] == [
        SectionKind.warm_up,
        SectionKind.main,
        SectionKind.wrap_up,
    ]
    q3 = guide.question("q3")
    assert q3.text == "Tell me about the last big order you baked for."
    assert [p.text for p in q3.probes] == [
        "What was the hardest part?",
        "How did you feel when it was delivered?",
    ]
    assert "Give them time to think before the next question." in guide.sections[1].notes
    assert guide.question("q4").text == "How do you and your partner split the work?"


def test_procedural_checks_are_notes_not_questions(tmp_path):
    path = tmp_path / "g.md"
    path.write_text(
        "## Intro\n\nWe will record this session. Is that okay?\n\nDo you have any questions?\n\n"
        "## Topic\n\nTell me about your last delivery.\n",
        encoding="utf-8",
    )
    guide = load_guide(path)
    assert texts(guide) == ["Tell me about your last delivery."]
    assert len(guide.sections[0].notes) == 2


def test_docx_with_headings_lists_and_italic_notes(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Checkout interviews", 0)
    document.add_heading("Warm-up", 1)
    document.add_paragraph("Tell me about your role.", style="List Number")
    document.add_heading("Checkout", 1)
    document.add_paragraph("Walk me through your last online order.", style="List Number")
    document.add_paragraph("What happened next?", style="List Bullet 2")
    document.add_paragraph().add_run("Watch their face when the total appears.").italic = True
    path = tmp_path / "guide.docx"
    document.save(path)

    guide = load_guide(path)
    assert guide.title == "Checkout interviews"
    assert [s.title for s in guide.sections] == ["Warm-up", "Checkout"]
    assert texts(guide) == ["Tell me about your role.", "Walk me through your last online order."]
    assert [p.text for p in guide.question("q2").probes] == ["What happened next?"]
    assert guide.sections[1].notes == ["Watch their face when the total appears."]


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8-sig", "1. Tell me about your café visits.\n".encode("utf-8-sig")),
        ("utf-16", "1. Tell me about your café visits.\n".encode("utf-16")),
        ("cp1252", "1. Tell me about your café visits.\n".encode("cp1252")),
    ],
)
def test_encodings_pms_actually_save(tmp_path, encoding, data):
    path = tmp_path / "guide.txt"
    path.write_bytes(data)
    assert texts(load_guide(path)) == ["Tell me about your café visits."]


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_guide(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.md", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("binary.md", b"\x00\x01\x02PNG\x00\x00data", "binary"),
        ("controls.txt", bytes(range(1, 32)) * 20, "binary"),
        ("noise.txt", bytes(range(128, 256)) * 20, "binary"),
        ("notes.md", b"# Plan\n\nBook the room.\n", "no interview questions found in notes.md"),
        ("guide.pdf", b"%PDF-1.4", "unsupported file type (.pdf)"),
        ("guide.docx", b"this is not a zip file", "not a readable .docx"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_bad_files_raise_one_line_input_errors_naming_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in _error(path)


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.md")
    assert "folder" in _error(tmp_path)


def test_input_errors_exit_with_code_2(tmp_path):
    with pytest.raises(InputError) as info:
        load_guide(tmp_path / "nope.md")
    assert info.value.exit_code == 2


@pytest.mark.skipif(not REALDATA.exists(), reason="shared real guides not present")
@pytest.mark.parametrize(
    "relative, at_least",
    [
        ("va-facility-locator-discovery-2019/conversation-guide.md", 6),
        ("mathesar-discovery-scripts-2021/health-dashboard-questions.md", 10),
        ("18f-website-research/0-sprint/interview-script.md", 3),
    ],
)
def test_real_guides_import_sensibly(relative, at_least):
    path = REALDATA / relative
    if not path.exists():
        pytest.skip(f"{relative} not present")
    guide = load_guide(path)
    questions = texts(guide)
    assert len(questions) >= at_least
    assert all(q.strip() for q in questions)
    # Consent scripts and "Do you have any questions?" stay notes, not interview questions.
    assert not any(q.startswith(("Do you have any questions", "Hi there")) for q in questions)
