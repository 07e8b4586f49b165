"""A Critique as the CLI shows it: rich text, Markdown, or JSON. Rendering only, no judging.

Findings are grouped under the question they are about, in reading order, with the
guide-level findings last and a one-line summary; each finding shows severity, code,
principle, the explanation and the suggested rewrite ("→ …").
"""

from __future__ import annotations

import json
from typing import Any

from guideagent.schemas import Critique, Finding, Guide
from guideagent.schemas.critique import Severity

COLOURS = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "blue"}
ARROW = "→"


def summary(guide: Guide, critique: Critique) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in critique.findings:
        counts[f.severity.value] += 1
    return {
        "questions": sum(1 for _ in guide.questions()),
        **{f"{k}s": v for k, v in counts.items()},
    }


def summary_line(guide: Guide, critique: Critique) -> str:
    s = summary(guide, critique)
    flagged = len({f.question_id for f in critique.findings if f.question_id})
    return (
        f"{s['questions']} questions ({flagged} with findings), {s['errors']} errors, "
        f"{s['warnings']} warnings, {s['infos']} info · engine: {critique.engine}"
    )


def _grouped(guide: Guide, critique: Critique):
    for question in guide.questions():
        found = critique.for_question(question.id)
        if found:
            yield question, found


def render_text(guide: Guide, critique: Critique, console) -> None:
    """Print to a rich Console."""
    from rich.markup import escape

    def finding(f: Finding, indent: str) -> None:
        colour = COLOURS[f.severity]
        origin = "" if f.source.value == "rules" else f" [dim]({f.source.value})[/]"
        console.print(
            f"{indent}[bold {colour}]{f.severity.value:<7}[/] [bold]{f.code.value}[/] · [dim]{escape(f.principle)}[/]{origin}"
        )
        console.print(f"{indent}  {escape(f.explanation)}")
        if f.rewrite:
            console.print(f"{indent}  [green]{ARROW} {escape(f.rewrite)}[/]")

    title = guide.title or "Interview guide"
    console.print(f"[bold]Critique of {escape(title)}[/]\n")
    for question, found in _grouped(guide, critique):
        console.print(f"[bold cyan]{question.id}[/]  {escape(question.text)}")
        for f in found:
            finding(f, "    ")
        console.print()
    guide_level = critique.guide_level()
    if guide_level:
        console.print("[bold]Whole guide[/]")
        for f in guide_level:
            finding(f, "    ")
        console.print()
    console.print(f"[bold]{escape(summary_line(guide, critique))}[/]")


def render_markdown(guide: Guide, critique: Critique) -> str:
    def item(f: Finding) -> list[str]:
        lines = [f"- **{f.severity.value} · {f.code.value}** ({f.principle}): {f.explanation}"]
        if f.rewrite:
            lines.append(f"  - Suggested: {ARROW} {f.rewrite}")
        return lines

    out = [
        f"# Critique: {guide.title or 'Interview guide'}",
        "",
        f"_{summary_line(guide, critique)}_",
        "",
    ]
    grouped = list(_grouped(guide, critique))
    if grouped:
        out += ["## Questions", ""]
    for question, found in grouped:
        out += [f"### {question.id}: {question.text}", ""]
        for f in found:
            out += item(f)
        out.append("")
    if critique.guide_level():
        out += ["## Whole guide", ""]
        for f in critique.guide_level():
            out += item(f)
        out.append("")
    if not critique.findings:
        out += ["No findings: every question is open, neutral and about one thing.", ""]
    return "\n".join(out)


def to_json(guide: Guide, critique: Critique, source: str = "") -> str:
    data: dict[str, Any] = critique.model_dump(mode="json")
    data["source"] = source
    data["title"] = guide.title
    data["questions"] = [
        {
            "id": q.id,
            "section": section.title,
            "text": q.text,
            "probes": [p.text for p in q.probes],
            "note": q.note,
        }
        for section in guide.sections
        for q in section.questions
    ]
    data["summary"] = summary(guide, critique)
    return json.dumps(data, indent=2, ensure_ascii=False)
