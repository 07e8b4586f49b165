"""The guide as a tree: sections, their questions (badged by worst finding) and probes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from guideagent.schemas import Critique, Finding, Guide, Question, Section
from guideagent.tui.widgets.severity import badge

NodeData = tuple[str, str, int]  # (kind "g"/"s"/"q"/"p", id, probe index)


def _findings(critique: Critique | None, question_id: str) -> list[Finding]:
    return critique.for_question(question_id) if critique else []


def question_label(question: Question, critique: Critique | None) -> Text:
    label = Text(f"{question.id} ", style="dim")
    mark = badge(_findings(critique, question.id))
    if mark.plain:
        label.append(mark)
        label.append(" ")
    label.append(question.text or "…")
    return label


def section_label(section: Section, critique: Critique | None) -> Text:
    minutes = sum(q.minutes or 0 for q in section.questions)
    label = Text.assemble((section.title, "bold"), (f"  ~{minutes:.0f} min", "dim"))
    mark = badge([f for q in section.questions for f in _findings(critique, q.id)])
    if mark.plain:
        label.append("  ")
        label.append(mark)
    return label


def probe_label(text: str) -> Text:
    return Text(f"↳ {text}", style="italic dim")


class GuideTree(Tree[NodeData]):
    DEFAULT_CSS = """
    GuideTree { height: 1fr; overflow-x: hidden; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("Guide", **kwargs)
        self.auto_expand = False
        self.by_id: dict[str, TreeNode[NodeData]] = {}

    def show(
        self, guide: Guide, critique: Critique | None, select: str | None
    ) -> TreeNode[NodeData]:
        """Rebuild from the guide, keeping expanded questions; returns the node to select."""
        expanded = {
            nid for nid, node in self.by_id.items() if node.is_expanded and nid.startswith("q")
        }
        self.clear()
        self.by_id = {}
        self.root.set_label(Text(guide.title or "Guide", style="bold"))
        self.root.data = ("g", "", 0)
        self.root.expand()
        for section in guide.sections:
            snode = self.root.add(
                section_label(section, critique), data=("s", section.id, 0), expand=True
            )
            self.by_id[section.id] = snode
            for question in section.questions:
                qnode = snode.add(question_label(question, critique), data=("q", question.id, 0))
                self.by_id[question.id] = qnode
                for i, probe in enumerate(question.probes):
                    qnode.add_leaf(probe_label(probe.text), data=("p", question.id, i))
                if question.id in expanded:
                    qnode.expand()
        first = next((self.by_id[q.id] for q in guide.questions()), self.root)
        return self.by_id.get(select or "") or first

    def relabel(self, guide: Guide, critique: Critique | None) -> None:
        for section in guide.sections:
            if section.id in self.by_id:
                self.by_id[section.id].set_label(section_label(section, critique))
            for question in section.questions:
                if question.id in self.by_id:
                    self.by_id[question.id].set_label(question_label(question, critique))

    def relabel_probe(self, question_id: str, index: int, text: str) -> None:
        node = self.by_id.get(question_id)
        if node is not None and index < len(node.children):
            node.children[index].set_label(probe_label(text))

    def expand_question(self, question_id: str) -> None:
        node = self.by_id.get(question_id)
        if node is not None:
            node.expand()

    def select_id(self, item_id: str) -> None:
        node = self.by_id.get(item_id)
        if node is not None:
            self.move_cursor(node)

    @property
    def cursor_data(self) -> NodeData | None:
        return self.cursor_node.data if self.cursor_node is not None else None
