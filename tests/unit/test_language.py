"""The language module: one inflection source, and every rewrite template spells verbs right.

Inflection comes from lemminflect; these tests pin the forms users see for 200+ common
verbs, including the doubling and irregular cases the old hand-written rules got wrong
("commited", "controled", "prefered").
"""

from __future__ import annotations

import re

import pytest
from lemminflect import getInflection

from guideagent.critique import rewrite as rw
from guideagent.critique.rules import critique_question
from guideagent.drafting.bank import main_questions
from guideagent.drafting.topic import kind_of, topic_of
from guideagent.language import inflection as inf
from guideagent.language import sections

COMMON_VERBS = """
accept access add adjust admit agree allow analyse answer apply approve argue arrange
ask assess assign attach attend avoid book borrow break bring browse budget build buy
calculate call cancel care carry catch change charge chat check choose claim clean close
collect come commit compare complain complete configure confirm connect consider contact
control copy cost cover create cut deal decide delete deliver describe design develop
dig discover discuss download draw drink drive drop earn eat edit email enter estimate
explain explore fail fall feed feel fight file fill find finish fit fix fly follow
forget format get give go grow handle hang happen hear help hide hire hit hold hope hurt
ignore imagine import improve install invest invite join keep know label learn leave
lend let lie listen load log look lose make manage mean measure meet miss monitor move
need notice occur offer omit open order organise organize own pack pay permit pick plan
play post prefer prepare print prioritise put quit rank rate reach read receive record
refer regret reject remember remove renew rent repair reply report request review ride
ring rise run save say scan schedule search see sell send set settle share ship shop
shut sign sit sleep sort speak spend split start stay stop store study submit support
swim switch take talk teach tell test text think throw track train transfer travel try
turn understand update upload use visit wait wake walk want watch wear win worry write
""".split()  # noqa: SIM905

# Forms a user must see, whatever the library does in future versions.
KNOWN_GOOD = {
    "commit": ("committed", "committed", "committing", "commits"),
    "control": ("controlled", "controlled", "controlling", "controls"),
    "prefer": ("preferred", "preferred", "preferring", "prefers"),
    "plan": ("planned", "planned", "planning", "plans"),
    "travel": ("traveled", "traveled", "traveling", "travels"),
    "go": ("went", "gone", "going", "goes"),
    "buy": ("bought", "bought", "buying", "buys"),
    "submit": ("submitted", "submitted", "submitting", "submits"),
    "refer": ("referred", "referred", "referring", "refers"),
    "occur": ("occurred", "occurred", "occurring", "occurs"),
    "stop": ("stopped", "stopped", "stopping", "stops"),
    "try": ("tried", "tried", "trying", "tries"),
    "lie": ("lay", "lied", "lying", "lies"),
    "visit": ("visited", "visited", "visiting", "visits"),
    "open": ("opened", "opened", "opening", "opens"),
    "budget": ("budgeted", "budgeted", "budgeting", "budgets"),
    "quit": ("quit", "quit", "quitting", "quits"),
    "write": ("wrote", "written", "writing", "writes"),
    "see": ("saw", "seen", "seeing", "sees"),
    "have": ("had", "had", "having", "has"),
    "enrol": ("enrolled", "enrolled", "enrolling", "enrols"),
}
TAGS = ("VBD", "VBN", "VBG", "VBZ")
FORMS = (inf.past, inf.participle, inf.gerund, inf.third_person)


def expected(verb: str) -> tuple[str, ...]:
    if verb in KNOWN_GOOD:
        return KNOWN_GOOD[verb]
    return tuple(getInflection(verb, tag)[0] for tag in TAGS)


def test_enough_common_verbs() -> None:
    assert len(set(COMMON_VERBS)) >= 200


@pytest.mark.parametrize("verb", sorted(set(COMMON_VERBS) | set(KNOWN_GOOD)))
def test_inflections(verb: str) -> None:
    assert tuple(form(verb) for form in FORMS) == expected(verb)
    if verb != "enrol":  # "enrolling" reads back as American "enroll"
        assert inf.base_of_gerund(inf.gerund(verb)) == verb


def test_reverse_forms() -> None:
    assert inf.base_of_third("tidies") == "tidy"
    assert inf.base_of_third("has") == "have"
    assert inf.participle_to_past("been") == "were"
    assert inf.participle_to_past("gone") == "went"
    assert inf.participle_to_past("run") == "ran"
    assert inf.participle_to_past("used") == "used"
    assert inf.is_past("saw") and inf.is_past("used") and inf.is_past("wonked")
    assert not inf.is_past("read") and not inf.is_past("need") and not inf.is_past("feed")
    assert inf.is_irregular_participle("written") and not inf.is_irregular_participle("used")


def _inflected_words(text: str, verb: str) -> list[str]:
    """Words in a rewrite that look like an inflection of `verb` (its stem plus a suffix)."""
    stem = verb[:-1] if verb.endswith(("e", "y")) else verb
    return [
        w
        for w in re.findall(r"[a-z]+", text.lower())
        if w.startswith(stem) and w != verb and w.endswith(("ed", "ing", "s"))
    ]


@pytest.mark.parametrize("verb", sorted(set(COMMON_VERBS)))
def test_last_time_template(verb: str) -> None:
    """The critic's main template: "Tell me about the last time you <past> …"."""
    out = rw.last_time(verb, "the report")
    if out and out.startswith("Tell me about the last time you ") and out.endswith(" the report."):
        assert out == f"Tell me about the last time you {expected(verb)[0]} the report."


@pytest.mark.parametrize("verb", sorted(set(COMMON_VERBS)))
def test_every_critic_rewrite_spells_the_verb(verb: str) -> None:
    """Whatever template the critic picks, an inflected verb in a rewrite is spelt right."""
    good = set(expected(verb)) | {verb}
    questions = [
        f"Do you usually {verb} the report?",
        f"Have you ever {expected(verb)[1]} the report?",
        f"Would you {verb} the report?",
        f"Does your manager {verb} the report?",
        f"Do you enjoy {expected(verb)[2]} the report?",
        f"How much do you love {expected(verb)[2]} the report?",
    ]
    for question in questions:
        for finding in critique_question(question, "q1"):
            for word in _inflected_words(finding.rewrite or "", verb):
                if word in ("reports",) or word.startswith("report") and verb != "report":
                    continue
                assert word in good, f"{question!r} -> {finding.rewrite!r}"


@pytest.mark.parametrize("verb", sorted(set(COMMON_VERBS)))
def test_drafting_templates_spell_the_verb(verb: str) -> None:
    """An objective's verb becomes a gerund topic; every bank template renders it right."""
    objective = f"Understand how freelancers {verb} their invoices"
    topic = topic_of(objective, "freelancers")
    rendered = [c.text for c in main_questions(kind_of(objective), topic)]
    for text in [topic.subject, *rendered]:
        for word in _inflected_words(text, verb):
            if word.startswith("invoice"):
                continue
            assert word in set(expected(verb)), text


def test_the_reported_misspellings_are_gone() -> None:
    rewrites = {
        f.rewrite for f in critique_question("Do you usually commit to a budget?", "q1")
    } | {f.rewrite for f in critique_question("Do you control your spending?", "q1")}
    text = " ".join(r for r in rewrites if r)
    assert "committed to a budget" in text and "controlled your spending" in text
    assert not re.search(r"\b(?:commited|controled|prefered)\b", text)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Warm-up", "warm_up"),
        ("Introduction (5 min)", "warm_up"),
        ("Briefing", "warm_up"),
        ("Closing", "wrap_up"),
        ("Final thoughts", "wrap_up"),
        ("Wrap up & thanks", "wrap_up"),
        ("Budgeting today", "main"),
        ("Closed beta features", "main"),
    ],
)
def test_section_kind(title: str, kind: str) -> None:
    assert sections.section_kind(title).value == kind


def test_opening_and_closing_questions() -> None:
    assert sections.is_rapport_question("Tell me a bit about your role.")
    assert sections.is_wrap_up_question("Is there anything else you'd like to add?")
    assert sections.is_wrap_up_question("Who else should we talk to?")
    assert not sections.is_wrap_up_question("Tell me about the last time you paid rent.")
    assert sections.is_warm_up_prompt("Can you hear me OK?")
