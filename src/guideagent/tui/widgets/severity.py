"""How severities look, shared by every widget that shows findings."""

from __future__ import annotations

from rich.text import Text

from guideagent.schemas import Critique, Finding, Guide, Severity

ICON = {Severity.error: "✖", Severity.warning: "▲", Severity.info: "●"}
STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


def worst(findings: list[Finding]) -> Severity | None:
    return min((f.severity for f in findings), key=ORDER.__getitem__, default=None)


def badge(findings: list[Finding]) -> Text:
    """A coloured mark and count for a tree label, e.g. '✖2'."""
    top = worst(findings)
    if top is None:
        return Text("")
    return Text(f"{ICON[top]}{len(findings)}", style=STYLE[top])


def finding_text(finding: Finding, *, with_rewrite: bool = True) -> Text:
    text = Text()
    text.append(
        f"{ICON[finding.severity]} {finding.code.value.replace('_', ' ')}",
        style=STYLE[finding.severity],
    )
    text.append(f"  {finding.principle}", style="italic dim")
    if finding.source.value != "rules":
        text.append(f"  [{finding.source.value}]", style="dim")
    text.append(f"\n{finding.explanation}")
    if with_rewrite and finding.rewrite:
        text.append("\nTry: ", style="bold green")
        text.append(finding.rewrite, style="green")
    return text


def summary(guide: Guide, critique: Critique | None) -> Text:
    """'13 questions · 1 error · 2 warnings', coloured."""
    findings = critique.findings if critique else []
    errors = sum(f.severity == Severity.error for f in findings)
    warnings = sum(f.severity == Severity.warning for f in findings)
    text = Text(f"{sum(1 for _ in guide.questions())} questions · ")
    text.append(
        f"{errors} error{'s' if errors != 1 else ''}", style="bold red" if errors else "green"
    )
    text.append(" · ")
    text.append(
        f"{warnings} warning{'s' if warnings != 1 else ''}", style="yellow" if warnings else "green"
    )
    return text
