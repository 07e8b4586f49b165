"""Import an interview guide as PMs actually write it: Markdown, plain text or .docx.

Headings become sections (no headings: one section); numbered ("1.", "1)", "Q1:",
"[Q1]") or bulleted lines and paragraphs that ask something become questions; indented
lines under a question become its probes (or its note, when they do not ask anything);
everything else the interviewer reads or does (consent scripts, "[share link]", italic
asides, "Note:" lines) is kept as a section note, so nothing the PM wrote is lost.
Procedural checks ("Is that okay?", "Do you have any questions?") are notes, not
interview questions. Ids run q1..qN and s1..sN in reading order.

Every failure is an InputError naming the file: missing, empty, binary, undecodable,
unsupported, a corrupt .docx, or no questions in it.

Longer than 400 lines because guides arrive in many layouts (Markdown headings, numbered
and bulleted lists, probes and notes, .docx styles and numbering) and each needs its
own reading; they share one block model here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from guideagent.critique.text import open_request, strip_notes
from guideagent.errors import InputError
from guideagent.ingest.decode import decode_bytes
from guideagent.language.sections import section_kind
from guideagent.schemas import Guide, Probe, Question, Section, SectionKind

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
SUFFIXES = TEXT_SUFFIXES | {".docx"}

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_ITEM = re.compile(
    r"^(?P<marker>[-*+•◦▪●○]|\d+[.)]|[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)]|\(\d+\)|Q\d+(?:\.\d+)*[:.)]?|\[Q[\w.]+\]|Question\s+\d+[:.])\s+(?P<text>.+)$"
)
_Q_MARKER = re.compile(r"^(?:Q\d|\[Q|Question\s)")
_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*:?$|^__([^_]+)__:?$")
_ITALIC_LINE = re.compile(r"^(?:\*(?!\*)[^*]+\*|_(?!_)[^_]+_)[.!]?$")
_NOTE_LINE = re.compile(r"^(?:>|\(|\[|\{|note\b|notes\b|nb\b|tip\b|reminder\b)", re.I)
_SPEAKER = re.compile(r"^(?:INTERVIEWER|MODERATOR|FACILITATOR|Interviewer|Moderator)\s*:\s*")
_CONDITION = re.compile(
    r"^(?:\[(?P<b>(?:if|yes|no|when|only|optional|for)\b[^\]]{0,40})\]|\((?P<p>(?:if|yes|no|when|only|optional)\b[^)]{0,40})\)"
    r"|(?P<i>if\s+(?:yes|no|so|not|they\s+\w+)),)\s*",
    re.I,
)
_ID_LABEL = re.compile(r"^(?:\[Q[\w.]+\]|Q\d+(?:\.\d+)*[:.)])\s*")
_PROCEDURAL = re.compile(
    r"\b(?:is\s+(?:that|it|this)\s+(?:ok|okay|alright|all\s+right)|do\s+you\s+have\s+any\s+questions(?:\s+(?:for\s+me|before\s+we\s+(?:start|begin)))?\s*\?"
    r"|any\s+questions\s*\?|can\s+you\s+(?:see|hear)\s+(?:my|me)|are\s+you\s+(?:ready|comfortable\s+if|ok\s+with|okay\s+with)"
    r"|(?:share|shared|sharing)\s+(?:your|the)\s+screen|okay\s+to\s+(?:start|record)|ok\s+to\s+(?:start|record)|permission\s+to\s+record"
    r"|(?:send|sending)\s+(?:that|the|you)\s+(?:gift|link)|ready\s+to\s+(?:start|begin)|does\s+that\s+(?:sound|work))",
    re.I,
)
_TIMING = re.compile(
    r"\s*(?:[-–—:]\s*)?\(?~?\s*\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?|mins?)\.?\)?\s*$", re.I
)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INSTRUCTION = re.compile(
    r"^(?:probe|note|if\b|ask|only|skip|listen|interviewer|moderator|e\.g\.|optional|wait|answer|allow|tests?\b|pm\b|don't|do not|watch|look for|backup|for\s+\w+\s+only)",
    re.I,
)


# Labels inside a section, not sections: "**Probes:**" puts the lines after it under the
# question before it; "**Main Question 1.1:**" or "**Ice-breaker:**" announces the question
# that follows (often a blockquote).
_PROBE_LABEL = re.compile(
    r"^(?:probes?|probing(?:\s+questions)?|follow[- ]?ups?(?:\s+(?:questions|prompts))?|prompts?|sub-?questions|"
    r"(?:example|optional|possible)\s+(?:probes|prompts|follow[- ]?ups))(?:\s+if\s+needed)?\s*:?$",
    re.I,
)
_QUESTION_LABEL = re.compile(
    r"^(?:(?:main|key|big\s+open|opening|warm[- ]?up|wrap[- ]?up|closing|final|core|follow[- ]?up)\s+)?question\s*[\d.]*\s*:?$"
    r"|^ice[- ]?breaker\s*:?$",
    re.I,
)
_PROBE_PREFIX = re.compile(r"^(?:probe|follow[- ]?up|prompt)\s*:\s*", re.I)
_QUOTED = re.compile(r'^["“](.+)["”]$')


def _unquote(text: str) -> str:
    m = _QUOTED.match(text.strip())
    return m.group(1).strip() if m else text


@dataclass
class _Block:
    kind: str  # "heading", "item", "para"
    text: str
    indent: int = 0
    level: int = 0
    marker: str = ""
    lines: list[str] = field(default_factory=list)


def load_guide(path: Path) -> Guide:
    """Read a guide file; raise InputError (exit code 2) naming the file when it cannot."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file.", path)
    if path.is_dir():
        raise InputError(
            "is a folder; give a guide file (.md, .txt or .docx) or a study folder.", path
        )
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        shown = suffix or "no extension"
        raise InputError(f"unsupported file type ({shown}); use a .md, .txt or .docx guide.", path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("the file is empty.", path)
    text = _docx_text(path, data) if suffix == ".docx" else decode_bytes(data, path).text
    guide = parse_guide(text, default_title=path.stem)
    if not any(True for _ in guide.questions()):
        raise InputError(
            f"no interview questions found in {path.name} (questions end with '?' or start with "
            "'Tell me…', 'Describe…', 'Walk me through…').",
            path,
        )
    return guide


def _docx_text(path: Path, data: bytes) -> str:
    """Paragraphs as Markdown-ish lines: headings keep their level, list paragraphs their depth."""
    import io
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"not a readable .docx file ({type(exc).__name__}); it may be corrupt.", path
        ) from None
    lines: list[str] = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            lines.append("")
            continue
        style = (para.style.name if para.style is not None else "") or ""
        level_match = re.match(r"Heading\s*(\d)", style)
        if style == "Title" or level_match:
            lines.append("#" * (int(level_match.group(1)) + 1 if level_match else 1) + " " + text)
            continue
        num = para._p.pPr.numPr if para._p.pPr is not None else None
        level = getattr(num, "ilvl", None)  # python-docx's stubs do not know this child
        depth = int(level.val) if level is not None else 0
        styled_depth = re.search(r"List.*?(\d)$", style)  # "List Bullet 2" is the second level
        depth = max(depth, int(styled_depth.group(1)) - 1 if styled_depth else 0)
        if num is not None or "List" in style:
            marker = "1." if "Number" in style else "-"
            lines.append("    " * depth + f"{marker} {text}")
        elif para.runs and all(r.italic for r in para.runs if r.text.strip()):
            lines.append(f"_{text}_")
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text.strip() for p in cell.paragraphs if p.text.strip()]
    return "\n".join(lines)


def _clean_lines(text: str) -> tuple[list[str], str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\t", "    ")
    title = ""
    fm = _FRONT_MATTER.match(text)
    if fm:
        m = re.search(r"^title:\s*(.+)$", fm.group(1), re.M)
        title = re.sub(r"^script:\s*", "", m.group(1).strip(), flags=re.I) if m else ""
        text = text[fm.end() :]
    text = _COMMENT.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    # Page headers and footers of PDF exports: the same short line, page number aside, repeated.
    counts: dict[str, int] = {}
    for line in lines:
        key = re.sub(r"\s*\d+\s*$", "", line.strip())
        if key and len(key) < 60:
            counts[key] = counts.get(key, 0) + 1
    footers = {k for k, n in counts.items() if n >= 3}
    lines = [
        ln
        for ln in lines
        if not (re.search(r"\d+\s*$", ln) and re.sub(r"\s*\d+\s*$", "", ln.strip()) in footers)
    ]
    return lines, title


_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


def _plain(text: str) -> str:
    """Markdown emphasis removed: "**Are you ok?**" reads as "Are you ok?"."""
    return _EMPHASIS.sub("", text).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", _BRACKETED.sub(" ", _plain(text))) if s.strip()]


def _asked(text: str) -> list[str]:
    """The sentences that ask something: a question mark, or an interview prompt ("Tell me…")."""
    return [
        s
        for s in _sentences(text)
        if s.rstrip().endswith("?") or open_request(strip_notes(s).lower())
    ]


def _is_question(text: str) -> bool:
    return bool(_asked(text)) or "?" in _BRACKETED.sub(" ", text)


def _blocks(lines: list[str], plain: bool) -> list[_Block]:
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    base = min(indents) if indents else 0
    blocks: list[_Block] = []
    prev_blank = True
    for i, raw in enumerate(lines):
        if not raw.strip():
            prev_blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            _SETEXT.match(line)
            and blocks
            and blocks[-1].kind == "para"
            and not prev_blank
            and len(blocks[-1].lines) == 1
        ):
            blocks[-1].kind, blocks[-1].level = "heading", 1 if line[0] == "=" else 2
            continue
        quoted = re.match(r"^>\s*(.+)$", line)
        if quoted:
            said = _unquote(quoted.group(1))
            if said != quoted.group(1) and _asked(said) and not _PROCEDURAL.search(said):
                line = said  # > "Tell me about…": the question to read out
        heading = _HEADING.match(line)
        bold = _BOLD_LINE.match(line)
        item = _ITEM.match(line)
        if heading:
            blocks.append(_Block("heading", heading.group(2), level=len(heading.group(1))))
        elif bold and len(line.split()) <= 8 and "?" not in line:
            blocks.append(_Block("heading", (bold.group(1) or bold.group(2)).strip(), level=7))
        elif (
            item
            and _Q_MARKER.match(item.group("marker"))
            and not _is_question(item.group("text"))
            and len(item.group("text").split()) <= 8
        ):
            blocks.append(_Block("heading", item.group("text"), level=8))
        elif item:
            text = _ID_LABEL.sub("", item.group("text")) or item.group("text")
            blocks.append(_Block("item", text, indent, marker=item.group("marker"), lines=[line]))
        elif plain and indent == base and _looks_like_heading(line, nxt):
            blocks.append(_Block("heading", line.rstrip(":"), level=9))
        elif (
            blocks
            and not prev_blank
            and blocks[-1].kind in ("item", "para")
            and _continues(blocks[-1], line, indent)
        ):
            blocks[-1].text += " " + line
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block("para", line, indent, lines=[line]))
        prev_blank = False
    return blocks


def _looks_like_heading(line: str, nxt: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 6
        and not re.search(r"[.?!,;]$", line)
        and line[:1].isupper()
        and not _is_question(line)
        and not _ITEM.match(line)
        and not _NOTE_LINE.match(line)
    )


def _continues(block: _Block, line: str, indent: int) -> bool:
    """A wrapped line: the previous one did not end a sentence, or this one is indented under it."""
    if _ITEM.match(line) or _HEADING.match(line):
        return False
    ended = re.search(r"[.?!:)\]]$", block.lines[-1])
    return (not ended and (line[:1].islower() or indent > block.indent)) or (
        block.kind == "item" and indent > block.indent and not ended
    )


def _split_note(text: str) -> tuple[str, str | None]:
    """ "Q? (probe: …)" -> ("Q?", "probe: …"): instructions after the question become its note."""
    notes: list[str] = []
    m = _CONDITION.match(text)
    if m and _is_question(text[m.end() :]):
        notes.append((m.group("b") or m.group("p") or m.group("i")).strip())
        text = text[m.end() :]
    speaker = _SPEAKER.match(text)
    if speaker:
        text = text[speaker.end() :]
    while True:
        m = re.search(r"\s*(\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\})\s*$", text)
        if not m:
            break
        inner = m.group(1)[1:-1].strip()
        before = text[: m.start()].rstrip()
        if before.endswith("?") or _INSTRUCTION.match(inner) or not before:
            notes.insert(0 if not notes else len(notes), inner)
            text = before
        else:
            break
    m = re.search(r"\s+(?:—|–|-|>>)\s+(.+)$|\s+(?:NOTE|Note|MODERATOR|Moderator)\s*:\s*(.+)$", text)
    if m and (
        m.group(2)
        or _INSTRUCTION.match(m.group(1) or "")
        or text[: m.start()].rstrip().endswith("?")
    ):
        notes.append((m.group(1) or m.group(2)).strip())
        text = text[: m.start()].rstrip()
    return text.strip(), ("; ".join(n for n in notes if n) or None)


def _is_note(block: _Block) -> bool:
    text = block.text.strip()
    if _ITALIC_LINE.match(text) or _NOTE_LINE.match(text) and not _CONDITION.match(text):
        return True
    if not _is_question(text):
        return True
    asked = _asked(text)
    return bool(asked) and all(_PROCEDURAL.search(s) for s in asked)


def parse_guide(text: str, default_title: str = "") -> Guide:
    """Lines to a Guide. Pure: the caller decides what a guide without questions means."""
    lines, fm_title = _clean_lines(text)
    plain = not any(_HEADING.match(ln.strip()) for ln in lines)
    blocks = _blocks(lines, plain)
    headings = [b for b in blocks if b.kind == "heading"]
    title = fm_title
    if headings and headings[0] is blocks[0]:
        first = headings[0]
        outranks = len(headings) > 1 and all(h.level > first.level for h in headings[1:])
        # Plain text: a first line like "Interview guide: commuting" names the guide.
        names_guide = plain and section_kind(first.text) == SectionKind.main
        if outranks or names_guide:
            title = title or first.text
            blocks = blocks[1:]
    guide = Guide(title=title or default_title)
    section: Section | None = None
    question: Question | None = None
    anchor = -1  # indent of the current question
    after_para_question = False
    probing = False  # after a "Probes:" label, until the next heading
    for block in blocks:
        label = block.text.strip().rstrip(":").strip() + ":"
        if block.kind == "heading" and block.level >= 7 and _PROBE_LABEL.match(label):
            probing = question is not None
            continue
        if block.kind == "heading" and block.level >= 7 and _QUESTION_LABEL.match(label):
            question, probing = None, False
            continue
        if block.kind == "heading":
            probing = False
            section = Section(
                id="",
                title=_TIMING.sub("", block.text).strip() or block.text,
                kind=section_kind(block.text),
            )
            guide.sections.append(section)
            question, after_para_question = None, False
            continue
        follow_up = _PROBE_PREFIX.match(_plain(block.text))
        if question is not None and follow_up and block.indent > anchor:
            said = re.sub(r'["“”]', "", _plain(block.text)[follow_up.end() :]).strip(" *_")
            if _asked(said):
                question.probes += [Probe(text=a.strip()) for a in _asked(said)]
                continue
        if _is_note(block):
            if question is not None and block.indent > anchor:
                question.note = "; ".join(filter(None, [question.note, _plain(block.text)]))
                continue
            question, after_para_question = None, False
            aside = re.sub(r"^>\s?", "", _plain(block.text))
            if aside:
                (section.notes if section is not None else guide.intro).append(aside)
            continue
        body, note = _split_note(_unquote(_plain(block.text)))
        conditional = _CONDITION.match(block.text) is not None
        nested = question is not None and (
            block.indent > anchor
            or probing
            or (after_para_question and block.kind == "item" and block.marker[:1] in "-*+•")
        )
        if question is not None and (nested or conditional):
            body = _unquote(_PROBE_PREFIX.sub("", body))
            question.probes.append(Probe(text=body if not note else f"{body} ({note})"))
            continue
        if section is None:
            section = Section(id="", title=guide.title or "Questions")
            guide.sections.append(section)
        question = Question(id="", text=body, note=note)
        section.questions.append(question)
        anchor = block.indent
        after_para_question = block.kind == "para"
    guide.sections = [s for s in guide.sections if s.questions or s.notes]
    return guide.renumbered()
