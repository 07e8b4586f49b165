"""guide.md: the interview guide as Markdown a PM reads, edits by hand, and shares.

    # Onboarding interviews

    > Confirm consent to record before you start.

    ## Warm-up (~4 min) <!-- id=s1 kind=warm_up -->

    1. Tell me a bit about your role. <!-- id=q1 minutes=2 -->

    ## Handing off patients (~10 min) <!-- id=s2 kind=main objectives=o1 -->

    > Listen for workarounds; do not interrupt.

    1. Tell me about the last time you handed off a patient. <!-- id=q2 objectives=o1 minutes=5 -->
       - What happened next?
       > Note to the interviewer, not read aloud.

    ## Revision log <!-- revisions -->

    - q2 (round 1): leading: the question presumed a feeling.
      - before: How much do you love the handoff screen?
      - after: Tell me about the last time you handed off a patient.

`# ` is the title; `> ` lines are interviewer notes (before the first section: the intro);
`## ` starts a section; numbered lines (or top-level bullets) are main questions; indented
bullets are probes. Ids, kinds, objective ids and minutes ride in a trailing HTML comment,
invisible when the Markdown is rendered. Everything in it is optional: a guide written
by hand without any loads, with ids assigned in order and section kinds guessed from
titles. The "(~N min)" after a section title is computed on writing and ignored on reading.

Writing puts each text on one line (inner whitespace collapsed); for such guides
`loads_guide(dumps_guide(g)) == g`. Errors name the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from guideagent.errors import StudyError
from guideagent.schemas import Guide, Probe, Question, Revision, Section, SectionKind

_META = re.compile(r"^(?P<body>.*?)\s*<!--(?P<meta>(?:(?!<!--).)*?)-->\s*$")
_META_KEY = re.compile(r"^(id|kind|objectives|minutes)=")
_MINUTES_SUFFIX = re.compile(r"\s*\(~\d+(?:\.\d+)? min\)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*+](?:\s+(.*))?$")
_ITALIC = re.compile(r"^(?:\*(?!\*)(.+)\*|_(.+)_)$")
_REVISION = re.compile(r"^- (\S+) \(round (\d+)\):\s*(.*)$")
_REVISION_PART = re.compile(r"^\s+- (before|after):\s?(.*)$")
_WARM = re.compile(r"warm|intro|rapport|background|getting started|about you", re.I)
_WRAP = re.compile(r"wrap|clos|final|thank|\bend\b|anything else", re.I)
REVISIONS = "revisions"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def dumps_guide(guide: Guide) -> str:
    """guide.md text for a guide."""
    out: list[str] = []
    if guide.title:
        title = _one_line(guide.title)
        # A title ending in " #" would read as a closing sequence: add one to be read off.
        out += [f"# {title} #" if re.search(r"\s#+$", title) else f"# {title}", ""]
    for note in guide.intro:
        out += [f"> {_one_line(note)}", ""]
    for section in guide.sections:
        meta = [f"id={section.id}", f"kind={section.kind.value}"]
        if section.objective_ids:
            meta.append("objectives=" + ",".join(section.objective_ids))
        total = sum(q.minutes or 0.0 for q in section.questions)
        out += [
            f"## {_one_line(section.title)} (~{_minutes(round(total, 1))} min) <!-- {' '.join(meta)} -->",
            "",
        ]
        for note in section.notes:
            out += [f"> {_one_line(note)}", ""]
        for n, question in enumerate(section.questions, 1):
            meta = [f"id={question.id}"]
            if question.objective_ids:
                meta.append("objectives=" + ",".join(question.objective_ids))
            if question.minutes is not None:
                meta.append(f"minutes={_minutes(question.minutes)}")
            out.append(f"{n}. {_one_line(question.text)} <!-- {' '.join(meta)} -->")
            out += [f"   - {_one_line(p.text)}" for p in question.probes]
            if question.note:
                out.append(f"   > {_one_line(question.note)}")
            out.append("")
    if guide.revisions:
        out += [f"## Revision log <!-- {REVISIONS} -->", ""]
        for r in guide.revisions:
            out.append(f"- {r.question_id} (round {r.round}): {_one_line(r.reason)}")
            out.append(f"  - before: {_one_line(r.before)}")
            out.append(f"  - after: {_one_line(r.after)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


_OUR_META = re.compile(r"<!--\s*(?:id=|revisions\s*-->)")


def is_guidefile(text: str) -> bool:
    """Whether Markdown text carries this module's metadata comments, i.e. we wrote it."""
    return bool(_OUR_META.search(text))


def load_guide(path: Path | str) -> Guide:
    path = Path(path)
    return loads_guide(path.read_text(encoding="utf-8"), path)


def loads_guide(text: str, path: Path | str = "guide.md") -> Guide:
    """Parse guide.md text; raise StudyError(message, path, line) on what cannot be read."""
    return _Parser(Path(path)).parse(text)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.guide = Guide()
        self.section: Section | None = None
        self.question: Question | None = None
        self.in_revisions = False
        self.titled = False
        self.explicit: set[int] = set()  # id() of questions whose metadata was written
        self.last_note: list[str] | None = None  # the note list a plain line continues

    def fail(self, message: str, line: int) -> StudyError:
        return StudyError(message, self.path, line)

    def parse(self, text: str) -> Guide:
        lines = text.splitlines()
        in_comment = False
        for n, raw in enumerate(lines, 1):
            raw = raw.expandtabs(4)
            stripped = raw.strip()
            if in_comment:
                in_comment = "-->" not in stripped
                continue
            if stripped.startswith("<!--"):
                in_comment = "-->" not in stripped
                continue
            if not stripped:
                self.last_note = None
                continue
            if self.in_revisions and not raw.startswith("#"):
                self.revision_line(raw, n)
            else:
                self.line(raw, stripped, n)
        return self.finish()

    # -- one line -------------------------------------------------------------------------
    def line(self, raw: str, stripped: str, n: int) -> None:
        indent = len(raw) - len(raw.lstrip())
        if stripped.startswith("#"):
            self.heading(stripped, n)
            return
        if stripped.startswith(">"):
            self.note(stripped[1:].strip(), indented=indent >= 2, n=n)
            return
        italic = _ITALIC.match(stripped)
        if italic:
            self.note(italic.group(1) or italic.group(2), indented=indent >= 2, n=n)
            return
        item = _NUMBERED.match(stripped) or _BULLET.match(stripped)
        if item and indent >= 2:
            if self.question is None:
                raise self.fail("a probe (indented bullet) must come under a main question", n)
            self.question.probes.append(Probe(text=(item.group(1) or "").strip()))
            self.last_note = None
            return
        if item:
            self.new_question(item.group(1) or "", n)
            return
        if indent >= 2 and self.question is not None:
            # A wrapped line continues the question, or its last probe.
            target = self.question.probes[-1] if self.question.probes else self.question
            target.text = f"{target.text} {stripped}"
            return
        self.note(stripped, indented=False, n=n, plain=True)

    def heading(self, stripped: str, n: int) -> None:
        level = len(stripped) - len(stripped.lstrip("#"))
        body, meta = self.split_meta(stripped[level:].strip(), n)
        body = re.sub(r"\s+#+$", "", body).strip()
        if level == 1:
            if self.titled or self.guide.sections:
                raise self.fail("a guide has one title (`# `); start sections with `## `", n)
            self.guide.title, self.titled = body, True
            return
        self.question, self.last_note = None, None
        if meta.get(REVISIONS) is not None:
            self.in_revisions, self.section = True, None
            return
        self.in_revisions = False
        title = _MINUTES_SUFFIX.sub("", body, count=1)
        kind = meta.get("kind") or self.guess_kind(title)
        try:
            kind = SectionKind(kind)
        except ValueError:
            options = ", ".join(k.value for k in SectionKind)
            raise self.fail(f"unknown section kind {kind!r}; use one of {options}", n) from None
        self.section = Section(
            id=meta.get("id") or "",
            title=title,
            kind=kind,
            objective_ids=meta.get("objectives") or [],
        )
        self.guide.sections.append(self.section)

    def guess_kind(self, title: str) -> str:
        if not self.guide.sections and _WARM.search(title):
            return SectionKind.warm_up.value
        if _WRAP.search(title):
            return SectionKind.wrap_up.value
        return SectionKind.main.value

    def new_question(self, text: str, n: int) -> None:
        body, meta = self.split_meta(text.strip(), n)
        if self.section is None:
            # Questions before any `## ` heading still count: they get a section of their own.
            self.section = Section(id="", title="Questions")
            self.guide.sections.append(self.section)
        minutes = None
        if meta.get("minutes") not in (None, ""):
            try:
                minutes = float(meta["minutes"])
            except ValueError:
                raise self.fail(f"minutes must be a number, not {meta['minutes']!r}", n) from None
            if minutes < 0:
                raise self.fail("minutes cannot be negative", n)
        # A question added by hand (no metadata) serves its section's objectives.
        objectives = meta.get("objectives", [] if meta else list(self.section.objective_ids))
        self.question = Question(
            id=meta.get("id") or "",
            text=body,
            objective_ids=objectives,
            minutes=minutes,
        )
        self.section.questions.append(self.question)
        self.last_note = None

    def note(self, text: str, *, indented: bool, n: int, plain: bool = False) -> None:
        if indented and self.question is not None:
            self.question.note = f"{self.question.note} {text}" if self.question.note else text
            return
        target = self.section.notes if self.section is not None else self.guide.intro
        if self.last_note is target and target:
            target[-1] = f"{target[-1]} {text}"  # a paragraph that spans several lines
        else:
            target.append(text)
        self.last_note = target

    def split_meta(self, text: str, n: int) -> tuple[str, dict]:
        """Split `text <!-- id=q1 objectives=o1,o2 minutes=3 -->` into text and metadata."""
        found = _META.match(text)
        if not found:
            return text, {}
        body = found.group("meta").strip()
        if body == REVISIONS:
            return found.group("body"), {REVISIONS: True}
        tokens = body.split()
        if not tokens or not _META_KEY.match(tokens[0]):
            return text, {}  # an ordinary comment the PM wrote: keep it as text
        meta: dict = {}
        for token in tokens:
            key, sep, value = token.partition("=")
            if not sep or not _META_KEY.match(token):
                raise self.fail(
                    f"cannot read {token!r} in the metadata comment; use id=, kind=, objectives=, minutes=",
                    n,
                )
            meta[key] = [v for v in value.split(",") if v] if key == "objectives" else value
        return found.group("body"), meta

    # -- revision log ---------------------------------------------------------------------
    def revision_line(self, raw: str, n: int) -> None:
        head = _REVISION.match(raw)
        if head:
            self.guide.revisions.append(
                Revision(
                    question_id=head.group(1),
                    round=int(head.group(2)),
                    reason=head.group(3),
                    before="",
                    after="",
                )
            )
            return
        part = _REVISION_PART.match(raw)
        if part and self.guide.revisions:
            setattr(self.guide.revisions[-1], part.group(1), part.group(2).strip())
            return
        raise self.fail(
            "a revision log entry reads `- q3 (round 1): reason`, then `- before:` and `- after:` lines",
            n,
        )

    # -- ids ------------------------------------------------------------------------------
    def finish(self) -> Guide:
        _assign_ids(self.guide.sections, "s")
        _assign_ids(list(self.guide.questions()), "q")
        return self.guide


def _assign_ids(items: list, prefix: str) -> None:
    """Keep given ids; give missing or repeated ones the next free `<prefix>N`, in order."""
    numbers = [int(m.group(1)) for i in items if (m := re.fullmatch(rf"{prefix}(\d+)", i.id))]
    counter = max(numbers, default=0)
    seen: set[str] = set()
    for item in items:
        if not item.id or item.id in seen:
            counter += 1
            item.id = f"{prefix}{counter}"
        seen.add(item.id)
