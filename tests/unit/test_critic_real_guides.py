"""The critic on real guides (issue 10): probes, layouts, the audience's own words,
usability tasks, rating scales, evaluative yes/no, coordination, and rewrites."""

from __future__ import annotations

import json

import pytest
from paths import ROOT

from evals.critique_suite import load_questions, predict_offline
from guideagent.critique.rules import critique_guide, critique_question
from guideagent.guide_edits import apply_rewrite
from guideagent.ingest.guide import parse_guide
from guideagent.schemas import Guide, Objective, Probe, Question, Section, SectionKind, Study
from guideagent.schemas.critique import Code, Severity
from guideagent.schemas.study import Context

DATASETS = ROOT / "evals" / "datasets"


def codes(text: str, allowed=()) -> set[str]:
    return {f.code.value for f in critique_question(text, "q1", allowed)}


def _guide(*questions: Question, title: str = "Guide", intro=()) -> Guide:
    return Guide(
        title=title,
        intro=list(intro),
        sections=[
            Section(
                id="s1",
                title="Warm-up",
                kind=SectionKind.warm_up,
                questions=[Question(id="w1", text="Tell me a bit about your role.")],
            ),
            Section(id="s2", title="Main", questions=list(questions)),
            Section(
                id="s3",
                title="Wrap-up",
                kind=SectionKind.wrap_up,
                questions=[Question(id="z1", text="Is there anything else you'd like to share?")],
            ),
        ],
    )


# -- probes ------------------------------------------------------------------------------


def test_a_closed_probe_is_critiqued_one_severity_step_lower():
    guide = _guide(
        Question(
            id="q1",
            text="Walk me through the last time you filed an expense.",
            probes=[Probe(text="What happened next?"), Probe(text="Was the clustering useful?")],
        )
    )
    findings = [f for f in critique_guide(guide).findings if f.question_id == "q1"]
    assert {(f.code, f.probe) for f in findings} == {(Code.closed, 1), (Code.leading, 1)}
    assert all(f.severity == Severity.warning for f in findings)  # error on a main question


def test_applying_a_probe_finding_rewords_the_probe_not_the_question():
    guide = _guide(
        Question(
            id="q1",
            text="Walk me through the last time you filed an expense.",
            probes=[Probe(text="Was the form clear?")],
        )
    )
    finding = next(f for f in critique_guide(guide).findings if f.probe == 0 and f.rewrite)
    after = apply_rewrite(guide, finding)
    question = after.question("q1")
    assert question.text == "Walk me through the last time you filed an expense."
    assert question.probes[0].text == finding.rewrite


# -- guide layouts: probes found, so no "no probes" ------------------------------------------

MD_LABELLED = """# Clinic guide

## Opening (5 minutes)

**Ice-breaker:**
> "Before we dive in, could you tell me a little about yourself?"

## Practice

**Main Question 1.1:**
> "Tell me about the resources you use when you're uncertain about a decision."

**Probes:**
- How about colleagues or specialists?
- What do you do when the internet is down?

## Closing

> "Is there anything else about your needs that we haven't covered?"
"""

MD_FOLLOW_UP = """# Guide

## Problem exploration

4. "What's the hardest part about planning meals?"
   - *Follow up: "Can you tell me about a specific time that happened?"*

5. "Tell me about the last time a delivery went wrong."
   - *Follow up: "What happened? What did you do?"*

## Wrap-up

15. "Is there anything else about budgeting that I should have asked?"
"""

TXT_PROBES = """Warm-up
Tell me about your role.

Main
1. Walk me through the last time you filed a claim.
   Probe: What happened next?
   Probe: Can you give me a specific example?

Wrap-up
Anything else you'd like to share?
"""


@pytest.mark.parametrize("text", [MD_LABELLED, MD_FOLLOW_UP, TXT_PROBES])
def test_guides_with_probes_in_common_layouts_get_no_no_probes(text):
    guide = parse_guide(text)
    assert any(q.probes for q in guide.questions())
    assert Code.no_probes not in {f.code for f in critique_guide(guide).guide_level()}


def test_labelled_markdown_keeps_questions_and_probes_apart():
    guide = parse_guide(MD_LABELLED)
    texts = [q.text for q in guide.questions()]
    assert texts[1] == "Tell me about the resources you use when you're uncertain about a decision."
    assert [p.text for p in guide.questions().__next__().probes] == []
    assert [p.text for p in guide.question(guide.sections[1].questions[0].id).probes] == [
        "How about colleagues or specialists?",
        "What do you do when the internet is down?",
    ]
    assert all(s.title != "Probes" for s in guide.sections)


def test_probe_labels_are_dropped_from_probe_text():
    guide = parse_guide(TXT_PROBES)
    claim = next(q for q in guide.questions() if "claim" in q.text)
    assert [p.text for p in claim.probes] == [
        "What happened next?",
        "Can you give me a specific example?",
    ]


def test_a_guide_without_any_follow_up_still_gets_no_probes():
    guide = _guide(Question(id="q1", text="Walk me through the last time you filed a claim."))
    assert Code.no_probes in {f.code for f in critique_guide(guide).guide_level()}


# -- jargon that respects the audience -----------------------------------------------------


def test_the_studys_own_words_are_not_jargon():
    guide = _guide(Question(id="q1", text="Tell me about the last time you used the VA website."))
    study = Study(
        title="Facility finder",
        context=Context(product="VA facility locator", audience="Veterans"),
        objectives=[Objective(id="o1", text="Learn how Veterans find a VA clinic")],
    )
    assert Code.jargon not in critique_guide(guide, study).codes_for("q1")
    assert Code.jargon in critique_guide(guide).codes_for("q1")  # without the study: flagged


def test_a_term_the_guide_defines_is_not_jargon():
    question = Question(id="q1", text="What does it mean for a FOSS project to be maintained?")
    defined = _guide(question, intro=["We study Free and Open Source (FOSS) maintenance."])
    assert Code.jargon not in critique_guide(defined).codes_for("q1")
    assert Code.jargon in critique_guide(_guide(question)).codes_for("q1")


def test_an_organisations_name_used_throughout_its_guide_is_not_jargon():
    guide = _guide(
        Question(id="q1", text="Tell me about the last time you opened GSA Advantage."),
        Question(id="q2", text="Walk me through how you search on GSA Advantage."),
        Question(id="q3", text="What happened the last time a GSA order was late?"),
    )
    assert not any(f.code == Code.jargon for f in critique_guide(guide).findings)
    once = _guide(Question(id="q1", text="Tell me about the last time you opened GSA Advantage."))
    assert Code.jargon in critique_guide(once).codes_for("q1")


# -- usability tasks and think-aloud prompts -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Where would you go from here to change your address?",
        "What would you expect to see?",
        "What would you do next?",
        "Please try to add a new payee. Think aloud as you go.",
        "Using this prototype, find last month's statement.",
        "Imagine you need to book a hotel for a conference. Please go ahead and do that.",
        "Find and use the Practice Mode feature to practise signing letters.",
    ],
)
def test_usability_tasks_are_not_hypothetical(text):
    assert codes(text) == set()


@pytest.mark.parametrize(
    "text",
    ["Would you use a feature that tracks your spending?", "Imagine you could redesign the app."],
)
def test_near_miss_predictions_stay_hypothetical(text):
    assert "hypothetical" in codes(text)


# -- rating scales ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On a scale of 1 to 5, how satisfied are you with the app?",
        "Rate the checkout from 1 to 10.",
        "On a scale from good to excellent, how would you rate our service?",
        "How would you rate the delivery: excellent, very good or good?",
    ],
)
def test_unlabelled_or_one_way_scales_are_their_own_code_not_leading(text):
    found = codes(text)
    assert "rating_scale" in found
    assert "leading" not in found


@pytest.mark.parametrize(
    "text",
    [
        "From 1 (very difficult) to 5 (very easy), how easy was it to sign up?",
        "Rate your agreement from strongly disagree to strongly agree: the form was clear.",
        "On a scale where 1 is very poor and 5 is excellent, how was the delivery?",
    ],
)
def test_labelled_balanced_scales_pass(text):
    assert "rating_scale" not in codes(text)


# -- evaluative yes/no -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Is the checkout page clear?",
        "Did the reminder emails help you?",
        "Were you satisfied with the outcome?",
        "Did you find the tutorial helpful?",
        "Is it reliable?",
    ],
)
def test_evaluative_yes_no_is_leading_and_closed(text):
    assert {"closed", "leading"} <= codes(text)


@pytest.mark.parametrize(
    "text",
    ["Do you like the app?", "Was the engineer on time?", "Do you have data limits?"],
)
def test_plain_yes_no_is_closed_only(text):
    assert codes(text) == {"closed"}


def test_an_evaluative_rewrite_asks_about_the_experience():
    rewrite = critique_question("Did the reminder emails help you?")[0].rewrite
    assert rewrite == "Tell me about your experience with the reminder emails."


# -- coordination ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "How do you go about finding and comparing insurance quotes?",
        "Tell me about setting up and sharing your first calendar.",
        "How do you keep your records cheaply and safely?",
        "What device and browser are you using today?",
        "What does it mean for a project to be well-maintained and sustainable?",
    ],
)
def test_coordinated_predicates_objects_and_adverbs_are_double_barreled(text):
    assert "double_barreled" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "How do you decide between cooking and ordering in on a weeknight?",
        "Tell me about the last time you saw friends and family.",
        "What worked? What didn't?",
        "Why did this happen? What was missing?",
        "What happens when the sync fails? What's the impact?",
        "Could you tell me about yourself? Where do you work, and what does a typical day look like?",
    ],
)
def test_one_thing_asked_twice_is_not_double_barreled(text):
    assert "double_barreled" not in codes(text)


def test_a_double_barreled_finding_offers_both_halves_and_applying_it_keeps_both():
    guide = _guide(
        Question(
            id="q1", text="How do you choose and compare insurance quotes?", objective_ids=["o1"]
        )
    )
    finding = next(f for f in critique_guide(guide).findings if f.code == Code.double_barreled)
    assert finding.parts == [
        "How do you choose insurance quotes?",
        "How do you compare insurance quotes?",
    ]
    after = apply_rewrite(guide, finding)
    main = next(s for s in after.sections if s.id == "s2").questions
    assert [q.text for q in main] == finding.parts
    assert main[1].objective_ids == ["o1"]


# -- rewrites keep case; closing invitations -------------------------------------------------


def test_a_rewrite_keeps_the_case_of_a_name_with_digits():
    rewrite = critique_question("Do you use 18F guides for your website?")[0].rewrite
    assert rewrite and "18F" in rewrite and "18f" not in rewrite


@pytest.mark.parametrize(
    "text",
    [
        "Is there anything important I forgot to ask?",
        "Is there anything you'd like to emphasize from our conversation?",
        "Is there anything you said that you don't want included?",
    ],
)
def test_closing_invitations_pass(text):
    assert codes(text) == set()


# -- data ------------------------------------------------------------------------------------


def test_real_guide_rows_carry_their_sources_and_allowed_terms(tmp_path):
    rows = [json.loads(line) for line in (DATASETS / "questions-realguides.jsonl").open()]
    assert len(rows) >= 200 and all(r.get("source") for r in rows)
    data = tmp_path / "q.jsonl"
    data.write_text(
        json.dumps({"id": "a", "text": "How do you use SNAP today?", "labels": []})
        + "\n"
        + json.dumps(
            {
                "id": "b",
                "text": "How do you use SNAP today?",
                "labels": [],
                "allowed_terms": ["SNAP"],
            }
        )
        + "\n"
    )
    assert predict_offline(load_questions(data)) == [{"jargon"}, set()]


def test_the_sealed_holdout_is_not_read_by_default():
    from evals.scoreboard import Datasets

    assert Datasets().holdout is None
    assert (DATASETS / "holdout" / "questions-holdout-2.jsonl").exists()
