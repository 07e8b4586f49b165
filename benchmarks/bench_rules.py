"""Throughput of the rules critic: `python benchmarks/bench_rules.py [N]`.

Builds a guide of N (default 10,000) varied questions from templates (open, closed,
leading, double-barreled, hypothetical and jargon-laden forms over many activities and
objects, with probes and notes), then times critique_question over every question and
critique_guide over the whole guide. Not a pytest test: it prints questions/second.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from guideagent.critique.rules import critique_guide, critique_question
from guideagent.schemas import Guide, Objective, Probe, Question, Section, SectionKind, Study

ACTIVITIES = [
    ("pay", "paid", "your rent"),
    ("book", "booked", "a table"),
    ("plan", "planned", "a trip"),
    ("track", "tracked", "your spending"),
    ("fix", "fixed", "the boiler"),
    ("hire", "hired", "a cleaner"),
    ("order", "ordered", "groceries"),
    ("learn", "learned", "a new tool"),
    ("cancel", "cancelled", "a subscription"),
    ("share", "shared", "photos"),
    ("find", "found", "a plumber"),
    ("compare", "compared", "insurance quotes"),
]
TEMPLATES = [
    "Tell me about the last time you {past} {obj}.",
    "Walk me through how you {past} {obj}, from start to finish.",
    "Could you walk me through the last time you {past} {obj}? (probe: who helped)",
    "Do you {base} {obj} online?",
    "Have you ever {past} {obj} on your phone?",
    "How often do you {base} {obj}?",
    "How frustrating is it to {base} {obj}?",
    "Why is it so hard to {base} {obj}?",
    "Would you {base} {obj} through our app if we offered it?",
    "How much would you pay to {base} {obj} faster?",
    "How do you {base} {obj} and how do you keep records of it?",
    "What do you think of our fees and our support when you {base} {obj}?",
    "What would you usually do when you need to {base} {obj}?",
    "What did you do when you couldn't {base} {obj}, and why?",
    "How has the Project Falcon v2 flow changed how you {base} {obj}?",
    "Imagine you could {base} {obj} in one tap. What would change?",
]


def build_guide(n: int, seed: int = 7) -> Guide:
    rng = random.Random(seed)
    combos = itertools.cycle(itertools.product(TEMPLATES, ACTIVITIES))
    questions = []
    for i in range(n):
        template, (base, past, obj) = next(combos)
        text = template.format(base=base, past=past, obj=obj)
        probes = [Probe(text="What happened next?")] if rng.random() < 0.5 else []
        questions.append(Question(id=f"q{i + 1}", text=text, probes=probes))
    sections = [Section(id="s0", title="Warm-up", kind=SectionKind.warm_up, questions=[])]
    for start in range(0, n, 50):
        sections.append(
            Section(
                id=f"s{len(sections)}",
                title=f"Topic {len(sections)}",
                questions=questions[start : start + 50],
            )
        )
    return Guide(title="Benchmark guide", sections=sections)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    guide = build_guide(n)
    study = Study(
        objectives=[Objective(id="o1", text="Understand how people pay their rent")],
        session_minutes=60,
    )
    questions = list(guide.questions())

    started = time.perf_counter()
    findings = sum(len(critique_question(q.text, q.id)) for q in questions)
    per_question = time.perf_counter() - started

    started = time.perf_counter()
    critique = critique_guide(guide, study)
    whole = time.perf_counter() - started

    print(
        f"{n} questions ({len({q.text for q in questions})} distinct texts), {findings} question-level findings"
    )
    print(f"critique_question: {n / per_question:,.0f} questions/s ({per_question:.2f} s)")
    print(
        f"critique_guide:    {n / whole:,.0f} questions/s ({whole:.2f} s, {len(critique.findings)} findings)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
