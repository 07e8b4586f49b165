"""Exports open in the tools a PM uses and hold the whole guide, in order."""

from __future__ import annotations

from docx import Document
from test_guidefile import rich_guide

from guideagent.export.docx import export_docx
from guideagent.export.json import export_json
from guideagent.export.markdown import export_markdown
from guideagent.guidefile import load_guide
from guideagent.schemas import Guide


def test_docx_opens_and_holds_every_question_in_order(tmp_path):
    guide = rich_guide()
    path = export_docx(guide, tmp_path / "out" / "guide.docx")
    document = Document(str(path))
    paragraphs = document.paragraphs
    by_style = lambda style: [p.text for p in paragraphs if p.style.name == style]  # noqa: E731

    assert by_style("Heading 1") == [guide.title]
    assert by_style("Heading 2") == [
        "Warm-up (~2 min)",
        "Handing off patients (~4.5 min)",
        "Wrap-up (~2 min)",
    ]
    assert by_style("List Number") == [q.text for q in guide.questions()]
    assert by_style("List Bullet 2") == [p.text for q in guide.questions() for p in q.probes]
    italic = [p.text for p in paragraphs if p.runs and all(r.italic for r in p.runs)]
    assert "Listen for what gets written down." in italic
    assert "Confirm consent to record." in italic


def test_docx_puts_probes_under_their_question(tmp_path):
    document = Document(str(export_docx(rich_guide(), tmp_path / "guide.docx")))
    texts = [p.text for p in document.paragraphs]
    question = texts.index("Tell me about the last time you handed off a patient.")
    assert texts[question + 1 : question + 3] == ["What happened next?", "How did you feel then?"]


def test_json_export_is_the_guide(tmp_path):
    path = export_json(rich_guide(), tmp_path / "guide.json")
    assert Guide.model_validate_json(path.read_text()).model_dump() == rich_guide().model_dump()


def test_markdown_export_opens_again_as_the_guide(tmp_path):
    path = export_markdown(rich_guide(), tmp_path / "guide.md")
    assert load_guide(path).model_dump() == rich_guide().model_dump()
