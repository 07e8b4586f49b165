"""Offline drafting: sound guides about each study's own topics, that pass their own critic."""

from __future__ import annotations

import pytest
from paths import ROOT

from guideagent.critique.rules import critique_guide
from guideagent.drafting.offline import (
    draft_guide,
    main_minutes,
    plan_for,
    regenerate,
    revise_guide,
)
from guideagent.drafting.revise import draft_and_revise, revise_loop
from guideagent.drafting.topic import topic_of
from guideagent.engines.offline import OfflineEngine
from guideagent.schemas import (
    Code,
    Context,
    Guide,
    Objective,
    Question,
    Section,
    SectionKind,
    Severity,
    Study,
)

BRIEFS = sorted((ROOT / "evals" / "datasets" / "briefs").glob("*.json"))
EVAL_STUDIES = sorted((ROOT / "evals" / "datasets" / "studies").glob("*/study.json"))


def nurse_study() -> Study:
    return Study(
        title="Shift handoff",
        context=Context(product="WardBoard", audience="ward nurses on inpatient units"),
        objectives=[
            Objective(
                id="o1",
                text="Understand how nurses hand off patients between shifts",
                kind="discover_needs",
            ),
            Objective(
                id="o2",
                text="Find out what stops nurses from finishing charting on time",
                kind="discover_needs",
            ),
        ],
        session_minutes=45,
    )


def invoicing_study() -> Study:
    return Study(
        title="Invoicing for freelancers",
        context=Context(product="Ledgerly", audience="freelance designers"),
        objectives=[
            Objective(
                id="o1",
                text="Validate whether freelancers would pay for automated invoicing",
                kind="validate_idea",
            ),
            Objective(
                id="o2", text="Improve the recurring invoices feature", kind="improve_feature"
            ),
            Objective(id="o3", text="Learn how freelancers chase late payments", kind="other"),
        ],
        session_minutes=60,
    )


def studies() -> list[tuple[str, Study]]:
    found = [(p.stem, Study.model_validate_json(p.read_text())) for p in BRIEFS]
    found += [(p.parent.name, Study.model_validate_json(p.read_text())) for p in EVAL_STUDIES]
    return [("nurses", nurse_study()), ("invoicing", invoicing_study()), *found]


def main_questions(guide: Guide) -> list[Question]:
    return [q for s in guide.sections if s.kind == SectionKind.main for q in s.questions]


@pytest.mark.parametrize(("name", "study"), studies(), ids=[n for n, _ in studies()])
def test_offline_draft_is_sound(name, study):
    guide = draft_guide(study)
    critique = critique_guide(guide, study)
    errors = [f for f in critique.findings if f.severity == Severity.error]
    assert errors == [], f"{name}: {errors}"
    assert guide.sections[0].kind == SectionKind.warm_up and guide.sections[0].questions
    assert guide.sections[-1].kind == SectionKind.wrap_up and guide.sections[-1].questions
    for objective in study.objectives:
        serving = [q for q in main_questions(guide) if objective.id in q.objective_ids]
        assert len(serving) >= 2, f"{name}: {objective.id} has {len(serving)} questions"
    assert guide.total_minutes() <= study.session_minutes
    for question in main_questions(guide):
        assert question.probes and question.minutes
    assert len({q.text for q in guide.questions()}) == sum(1 for _ in guide.questions())
    assert [q.id for q in guide.questions()] == [
        f"q{i}" for i in range(1, sum(1 for _ in guide.questions()) + 1)
    ]


def test_two_studies_get_two_different_guides_about_their_own_topics():
    nurses, invoicing = draft_guide(nurse_study()), draft_guide(invoicing_study())
    nurse_text = " ".join(q.text for q in main_questions(nurses))
    invoice_text = " ".join(q.text for q in main_questions(invoicing))
    assert "handing off patients between shifts" in nurse_text
    assert "finishing charting on time" in nurse_text
    assert "invoicing" in invoice_text and "the recurring invoices feature" in invoice_text
    assert "chasing late payments" in invoice_text
    assert "invoic" not in nurse_text and "patients" not in invoice_text
    assert {q.text for q in main_questions(nurses)}.isdisjoint(
        q.text for q in main_questions(invoicing)
    )


def test_questions_ask_about_past_experience_with_probes_for_examples_and_feelings():
    guide = draft_guide(nurse_study())
    first = main_questions(guide)[0]
    assert first.text == "Tell me about the last time you were handing off patients between shifts."
    probes = " ".join(p.text for q in main_questions(guide) for p in q.probes).lower()
    assert "specific example" in probes and "feel" in probes and "what happened next" in probes


def test_a_validate_idea_section_shows_the_concept_last():
    guide = draft_guide(invoicing_study())
    section = next(s for s in guide.sections if s.objective_ids == ["o1"])
    assert "automated invoicing" in section.questions[-1].note
    assert "concept" in section.questions[-1].text
    assert section.questions[-1].probes[0].text == "What makes you say that?"
    assert all("would" not in q.text.lower() for q in section.questions)


@pytest.mark.parametrize(
    ("objective", "topic"),
    [
        (
            "Understand how nurses hand off patients between shifts",
            "handing off patients between shifts",
        ),
        ("Learn how people currently split bills with friends", "splitting bills with friends"),
        (
            "Understand how nurses prepare for and run shift handoff today.",
            "preparing for shift handoff",
        ),
        (
            "Find out what stops freelancers from sending invoices on time",
            "sending invoices on time",
        ),
        ("Understand how customers feel about the new pricing", "the new pricing"),
        ("Validate whether freelancers would pay for automated invoicing", "invoicing"),
    ],
)
def test_the_topic_comes_from_the_objectives_own_words(objective, topic):
    assert topic_of(objective, idea=objective.startswith("Validate")).subject == topic


def test_a_short_session_trims_but_keeps_two_questions_per_objective():
    study = nurse_study().model_copy(update={"session_minutes": 20})
    study.objectives.append(
        Objective(id="o3", text="Learn how nurses escalate a deteriorating patient")
    )
    guide = draft_guide(study)
    for objective in study.objectives:
        assert sum(objective.id in q.objective_ids for q in main_questions(guide)) == 2
    assert guide.total_minutes() > study.session_minutes  # even the minimum does not fit
    assert Code.over_time in {f.code for f in critique_guide(guide, study).findings}


def test_the_plan_fits_every_session_long_enough_for_the_minimum():
    smallest = plan_for(3, 1)[0].minutes(3)
    for minutes in range(int(smallest), 121, 5):
        plan, counts = plan_for(3, minutes)
        total = plan.minutes(3) + sum(c - plan.questions for c in counts) * main_minutes(
            plan.probes
        )
        assert total <= minutes and min(counts) >= 2
    assert sum(plan_for(2, 90)[1]) > sum(plan_for(2, 30)[1])


def leading_guide() -> Guide:
    """A drafted guide with one leading question planted in the first main section."""
    guide = draft_guide(nurse_study())
    section = guide.sections[1]
    section.questions[1].text = "How much do you love the handoff board?"
    return guide


def test_offline_revise_rewrites_only_the_flagged_question_and_records_why():
    study, guide = nurse_study(), leading_guide()
    critique = critique_guide(guide, study)
    flagged = guide.sections[1].questions[1]
    assert Code.leading in critique.codes_for(flagged.id)

    revised = revise_guide(guide, critique, study)
    assert len(revised.revisions) == 1
    revision = revised.revisions[0]
    assert (revision.question_id, revision.before, revision.round) == (flagged.id, flagged.text, 1)
    assert "leading" in revision.reason
    assert revised.question(flagged.id).text == revision.after != flagged.text
    assert not critique_guide(revised, study).has_errors
    for before, after in zip(guide.questions(), revised.questions(), strict=True):
        if before.id != flagged.id:
            assert before.model_dump() == after.model_dump()


def test_the_loop_revises_until_clean_offline():
    study, guide = nurse_study(), leading_guide()
    engine = OfflineEngine()
    result = revise_loop(engine, guide, engine.critique_guide(guide, study), study, rounds=2)
    assert result.rounds == 1 and len(result.revisions) == 1
    assert not result.critique.has_errors
    assert result.guide.revisions == result.revisions


def test_draft_and_revise_offline_reports_progress():
    seen: list[str] = []
    result = draft_and_revise(
        OfflineEngine(), nurse_study(), 2, lambda done, total, label: seen.append(label)
    )
    assert not result.critique.has_errors and result.revisions == []
    assert seen[0] == "Drafting the guide" and seen[-1] == "Done"


def test_regenerate_a_question_changes_only_that_question():
    study = nurse_study()
    guide = draft_guide(study)
    target = guide.sections[1].questions[0]
    redrafted = regenerate(guide, study, target.id)
    fresh = redrafted.question(target.id)
    assert fresh.text != target.text and fresh.objective_ids == target.objective_ids
    assert [p.text for p in fresh.probes] != [p.text for p in target.probes]
    assert not any(
        f.severity == Severity.error
        for f in critique_guide(redrafted, study).for_question(target.id)
    )
    for before, after in zip(guide.questions(), redrafted.questions(), strict=True):
        if before.id != target.id:
            assert before.model_dump() == after.model_dump()


@pytest.mark.parametrize("index", [0, 1, -1])
def test_regenerate_a_section_changes_only_that_section(index):
    study = nurse_study()
    guide = draft_guide(study)
    target = guide.sections[index]
    redrafted = regenerate(guide, study, target.id)
    new = next(s for s in redrafted.sections if s.id == target.id)
    assert [q.id for q in new.questions] == [q.id for q in target.questions]
    assert {q.text for q in new.questions}.isdisjoint(q.text for q in target.questions)
    for before, after in zip(guide.sections, redrafted.sections, strict=True):
        if before.id != target.id:
            assert before.model_dump() == after.model_dump()
    assert not critique_guide(redrafted, study).has_errors


def test_regenerate_an_unknown_id_says_so():
    from guideagent.errors import GuideAgentError

    with pytest.raises(GuideAgentError, match="q99"):
        regenerate(draft_guide(nurse_study()), nurse_study(), "q99")


def test_a_study_without_objectives_still_gets_a_guide():
    study = Study(title="Open exploration", context=Context(product="Ledgerly"), session_minutes=30)
    guide = draft_guide(study)
    assert [s.kind for s in guide.sections] == [
        SectionKind.warm_up,
        SectionKind.main,
        SectionKind.wrap_up,
    ]
    assert "Ledgerly" in " ".join(q.text for q in guide.sections[1].questions)
    assert not critique_guide(guide, study).has_errors
    assert guide.total_minutes() <= 30


def test_without_a_study_revise_uses_the_critics_own_rewrite():
    guide = Guide(
        sections=[
            Section(id="s1", title="Misc", questions=[Question(id="q1", text="Do you like it?")])
        ]
    )
    critique = critique_guide(guide, None)
    suggested = next(f.rewrite for f in critique.for_question("q1") if f.code == Code.closed)
    revised = revise_guide(guide, critique, None)
    assert [(r.before, r.after) for r in revised.revisions] == [("Do you like it?", suggested)]
    assert revised.question("q1").text == suggested
