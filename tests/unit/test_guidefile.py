"""guide.md reads like a guide, edits by hand, and round-trips exactly."""

from __future__ import annotations

import random

import pytest

from guideagent.errors import StudyError
from guideagent.guidefile import dumps_guide, loads_guide
from guideagent.schemas import Guide, Probe, Question, Revision, Section, SectionKind

HAND_WRITTEN = """\
# Checkout interviews

Thank them and confirm consent to record.

## Warm-up

1. Tell me a bit about your role.
2. What does a typical week look like for you?

## Paying online

> Ask for stories, not opinions.

1. Tell me about the last time you bought something online.
   - What happened next?
   - How did you feel when the payment went through?
   > Watch for workarounds.
2. Walk me through how you chose the delivery option.
   * What made you pick that one?

## Wrap-up

- What else should we have asked you about?
- Who else should we talk to?
"""


def rich_guide() -> Guide:
    return Guide(
        title="Shift handoff: interview guide",
        intro=["Confirm consent to record.", "There are no right or wrong answers."],
        sections=[
            Section(
                id="s1",
                title="Warm-up",
                kind=SectionKind.warm_up,
                notes=["Keep it light."],
                questions=[Question(id="q1", text="Tell me a bit about your role.", minutes=2)],
            ),
            Section(
                id="s2",
                title="Handing off patients",
                objective_ids=["o1", "o2"],
                questions=[
                    Question(
                        id="q2",
                        text="Tell me about the last time you handed off a patient.",
                        probes=[
                            Probe(text="What happened next?"),
                            Probe(text="How did you feel then?"),
                        ],
                        objective_ids=["o1"],
                        minutes=4.5,
                        note="Listen for what gets written down.",
                    ),
                    Question(
                        id="q3", text="Who else was involved?", objective_ids=[], minutes=None
                    ),
                ],
            ),
            Section(
                id="s3",
                title="Wrap-up",
                kind=SectionKind.wrap_up,
                questions=[Question(id="q4", text="Who else should we talk to?", minutes=2)],
            ),
        ],
        revisions=[
            Revision(
                question_id="q2",
                before="How much do you love the handoff board?",
                after="Tell me about the last time you handed off a patient.",
                reason="leading: it presumes a feeling (love).",
                round=1,
            )
        ],
    )


def tricky_guide() -> Guide:
    """Texts that look like Markdown syntax or metadata must survive the round trip."""
    odd = [
        "1. Starts with a number",
        "- starts like a bullet",
        "> starts like a note",
        "# starts like a heading",
        "Ends with a comment <!-- TODO -->",
        "*stars* and _underscores_ and (~5 min)",
        "Unicode: é 日本語 🎉",
    ]
    return Guide(
        title="Odd (~3 min)",
        intro=odd[:3],
        sections=[
            Section(
                id="s1",
                title=odd[4],
                notes=odd,
                questions=[
                    Question(id=f"q{i}", text=t, probes=[Probe(text=t)], note=t, minutes=1.25)
                    for i, t in enumerate(odd, 1)
                ],
            ),
            Section(
                id="s2",
                title="Empty texts",
                kind=SectionKind.wrap_up,
                questions=[Question(id="q9", text="", probes=[Probe(text="")], note=None)],
            ),
            Section(id="s3", title="Empty section", kind=SectionKind.wrap_up),
        ],
    )


@pytest.mark.parametrize(
    "guide", [rich_guide(), tricky_guide(), Guide(), Guide(title="Only a title")]
)
def test_round_trip(guide):
    text = dumps_guide(guide)
    parsed = loads_guide(text)
    assert parsed.model_dump() == guide.model_dump()
    assert dumps_guide(parsed) == text


TOKENS = [
    "Tell",
    "me",
    "about",
    "the",
    "last",
    "time",
    "#",
    "##",
    ">",
    "-",
    "*",
    "_",
    "1.",
    "2)",
    "+",
    "<!--",
    "-->",
    "id=q1",
    "kind=main",
    "objectives=o1",
    "(~3",
    "min)",
    "(round",
    "1):",
    "before:",
    "é",
    "日本",
    "🎉",
    "`code`",
    "|",
    "C#",
    "**bold**",
    "_it_",
    "\\",
    '"',
    "~",
    "=",
    "...",
]


def random_text(rng: random.Random, empty_ok: bool = True) -> str:
    n = rng.randint(0 if empty_ok else 1, 8)
    return " ".join(rng.choice(TOKENS) for _ in range(n))


def random_guide(rng: random.Random) -> Guide:
    sections = []
    for s in range(rng.randint(0, 4)):
        questions = [
            Question(
                id=f"q{s}x{q}",
                text=random_text(rng),
                probes=[Probe(text=random_text(rng)) for _ in range(rng.randint(0, 3))],
                objective_ids=rng.sample(["o1", "o2", "o3"], rng.randint(0, 2)),
                minutes=rng.choice([None, 1.0, 2.5, 4.0, 0.1]),
                note=rng.choice([None, random_text(rng, empty_ok=False)]),
            )
            for q in range(rng.randint(0, 4))
        ]
        sections.append(
            Section(
                id=f"s{s}",
                title=random_text(rng),
                kind=rng.choice(list(SectionKind)),
                objective_ids=rng.sample(["o1", "o2"], rng.randint(0, 2)),
                notes=[random_text(rng) for _ in range(rng.randint(0, 2))],
                questions=questions,
            )
        )
    ids = [q.id for s in sections for q in s.questions] or ["q1"]
    return Guide(
        title=random_text(rng, empty_ok=False) if rng.random() < 0.8 else "",
        intro=[random_text(rng) for _ in range(rng.randint(0, 3))],
        sections=sections,
        revisions=[
            Revision(
                question_id=rng.choice(ids),
                before=random_text(rng),
                after=random_text(rng),
                reason=random_text(rng),
                round=rng.randint(1, 3),
            )
            for _ in range(rng.randint(0, 2))
        ],
    )


@pytest.mark.parametrize("seed", range(200))
def test_round_trip_property(seed):
    guide = random_guide(random.Random(seed))
    parsed = loads_guide(dumps_guide(guide))
    assert parsed.model_dump() == guide.model_dump()


def test_round_trip_of_offline_drafts():
    from test_drafting import invoicing_study, nurse_study

    from guideagent.drafting.offline import draft_guide

    for study in (nurse_study(), invoicing_study()):
        guide = draft_guide(study)
        assert loads_guide(dumps_guide(guide)).model_dump() == guide.model_dump()


def test_the_file_reads_like_a_guide():
    text = dumps_guide(rich_guide())
    assert text.startswith("# Shift handoff: interview guide\n")
    assert "## Handing off patients (~4.5 min) <!-- id=s2 kind=main objectives=o1,o2 -->" in text
    assert (
        "1. Tell me about the last time you handed off a patient. <!-- id=q2 objectives=o1 minutes=4.5 -->"
        in text
    )
    assert "   - What happened next?" in text
    assert "   > Listen for what gets written down." in text
    assert "- q2 (round 1): leading: it presumes a feeling (love)." in text


def test_a_hand_written_guide_without_metadata_loads():
    guide = loads_guide(HAND_WRITTEN)
    assert guide.title == "Checkout interviews"
    assert guide.intro == ["Thank them and confirm consent to record."]
    assert [s.id for s in guide.sections] == ["s1", "s2", "s3"]
    assert [s.kind for s in guide.sections] == [
        SectionKind.warm_up,
        SectionKind.main,
        SectionKind.wrap_up,
    ]
    assert [q.id for q in guide.questions()] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    main = guide.sections[1]
    assert main.notes == ["Ask for stories, not opinions."]
    first = main.questions[0]
    assert [p.text for p in first.probes] == [
        "What happened next?",
        "How did you feel when the payment went through?",
    ]
    assert first.note == "Watch for workarounds."
    assert [p.text for p in main.questions[1].probes] == ["What made you pick that one?"]
    assert guide.sections[2].questions[1].text == "Who else should we talk to?"


def test_a_question_added_by_hand_gets_a_new_id_and_its_sections_objectives():
    text = dumps_guide(rich_guide()).replace(
        "2. Who else was involved?", "2. What did you write down?\n3. Who else was involved?"
    )
    guide = loads_guide(text)
    added = guide.sections[1].questions[1]
    assert added.text == "What did you write down?"
    assert added.id == "q5"  # after the highest id in the file, so no id is reused
    assert added.objective_ids == ["o1", "o2"]
    assert len({q.id for q in guide.questions()}) == 5


def test_a_duplicated_line_gets_a_fresh_id():
    line = "1. Tell me a bit about your role. <!-- id=q1 minutes=2 -->"
    guide = loads_guide(dumps_guide(rich_guide()).replace(line, line + "\n" + line))
    assert [q.id for q in guide.sections[0].questions] == ["q1", "q5"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Guide\n\n## Part\n\n   - a probe with no question\n", 5, "probe"),
        ("# Guide\n\n## Part\n\n1. Q? <!-- id=q1 minutes=soon -->\n", 5, "minutes"),
        ("# Guide\n\n## Part <!-- id=s1 kind=middle -->\n", 3, "kind"),
        ("# Guide\n# Another title\n", 2, "one title"),
        ("# Guide\n\n## Part\n\n1. Q? <!-- id=q1 minute=3 -->\n", 5, "minute=3"),
        ("# G\n\n## Revision log <!-- revisions -->\n\n- q1 changed\n", 5, "revision"),
    ],
)
def test_errors_name_file_and_line(text, line, words):
    with pytest.raises(StudyError) as caught:
        loads_guide(text, "study/guide.md")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"study/guide.md:{line}:")
    assert words in caught.value.message
