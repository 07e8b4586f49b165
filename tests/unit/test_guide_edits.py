"""Hand edits to a guide: each gives a new guide, keeps ids stable, and the re-check keeps
what the model said about the questions an edit did not touch."""

from __future__ import annotations

import pytest

from guideagent import guide_edits as edits
from guideagent.schemas import (
    Code,
    Critique,
    Finding,
    FindingSource,
    Guide,
    Objective,
    Probe,
    Question,
    Section,
    Study,
)
from guideagent.schemas.guide import SectionKind

STUDY = Study(
    title="Handoff",
    objectives=[Objective(id="o1", text="Understand how nurses hand off patients between shifts")],
    session_minutes=30,
)


def guide() -> Guide:
    return Guide(
        title="Handoffs",
        sections=[
            Section(
                id="s1",
                title="Warm-up",
                kind=SectionKind.warm_up,
                questions=[Question(id="q1", text="Tell me about your role.", minutes=3)],
            ),
            Section(
                id="s2",
                title="Handoffs",
                objective_ids=["o1"],
                questions=[
                    Question(
                        id="q2",
                        text="How frustrating is the shift handoff for you?",
                        objective_ids=["o1"],
                        minutes=5,
                    ),
                    Question(
                        id="q3",
                        text="Tell me about the last time you handed off a patient.",
                        objective_ids=["o1"],
                        minutes=5,
                        probes=[Probe(text="What happened next?")],
                    ),
                ],
            ),
            Section(
                id="s3",
                title="Wrap-up",
                kind=SectionKind.wrap_up,
                questions=[Question(id="q4", text="What else should I have asked?", minutes=2)],
            ),
        ],
    )


def ids(g: Guide) -> dict[str, list[str]]:
    return {s.id: [q.id for q in s.questions] for s in g.sections}


EDITS = [
    lambda g: edits.set_question_text(g, "q2", "Walk me through your last handoff."),
    lambda g: edits.set_section_title(g, "s2", "Shift change"),
    lambda g: edits.add_question(g, "q2")[0],
    lambda g: edits.remove_question(g, "q3"),
    lambda g: edits.move_question(g, "q3", -1),
    lambda g: edits.move_section(g, "s3", -1),
    lambda g: edits.set_probe(g, "q3", 0, "And then?"),
    lambda g: edits.add_probe(g, "q2"),
    lambda g: edits.remove_probe(g, "q3", 0),
]


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_returns_a_new_guide_and_leaves_the_old_one_alone(edit):
    original = guide()
    edited = edit(original)
    assert edited != original
    assert original == guide()


def test_editing_a_question_keeps_its_id_and_everything_else():
    edited = edits.set_question_text(guide(), "q2", "Walk me through your last handoff.")
    assert edited.question("q2").text == "Walk me through your last handoff."
    assert edited.question("q2").objective_ids == ["o1"]
    assert ids(edited) == ids(guide())


def test_an_edit_to_an_unknown_id_or_index_changes_nothing():
    g = guide()
    assert edits.set_question_text(g, "q99", "x") == g
    assert edits.set_probe(g, "q3", 5, "x") == g
    assert edits.remove_probe(g, "q3", -1) == g
    assert edits.move_section(g, "s1", -1) == g


def test_a_new_question_goes_after_the_selected_one_with_the_next_free_id():
    g, new_id = edits.add_question(guide(), "q2")
    assert new_id == "q5"
    assert ids(g)["s2"] == ["q2", "q5", "q3"]
    assert g.question("q5").text == edits.NEW_QUESTION


def test_a_new_question_without_a_selection_ends_the_section_or_the_guide():
    g, new_id = edits.add_question(guide(), None, "s1")
    assert ids(g)["s1"] == ["q1", new_id]
    g, new_id = edits.add_question(guide(), None)
    assert ids(g)["s3"] == ["q4", new_id]
    assert edits.add_question(Guide(), None) == (Guide(), "")


def test_ids_stay_unique_after_deleting_and_adding():
    g = edits.remove_question(guide(), "q4")
    g, new_id = edits.add_question(g, "q3")
    assert new_id == "q4"  # the deleted id is free again; no two questions share one
    assert len({q.id for q in g.questions()}) == 4


def test_moving_a_question_past_its_section_edge_joins_the_next_section():
    up = edits.move_question(guide(), "q2", -1)
    assert ids(up) == {"s1": ["q1", "q2"], "s2": ["q3"], "s3": ["q4"]}
    down = edits.move_question(guide(), "q3", 1)
    assert ids(down) == {"s1": ["q1"], "s2": ["q2"], "s3": ["q3", "q4"]}
    assert ids(edits.move_question(guide(), "q2", 1))["s2"] == ["q3", "q2"]
    assert edits.move_question(guide(), "q1", -1) == guide()  # already first


def test_moving_a_section():
    moved = edits.move_section(guide(), "s3", -1)
    assert [s.id for s in moved.sections] == ["s1", "s3", "s2"]


def test_probes_can_be_added_edited_and_removed():
    g = edits.add_probe(guide(), "q2")
    assert [p.text for p in g.question("q2").probes] == [edits.NEW_PROBE]
    g = edits.set_probe(g, "q2", 0, "What did you do then?")
    assert [p.text for p in g.question("q2").probes] == ["What did you do then?"]
    g = edits.remove_probe(g, "q2", 0)
    assert g.question("q2").probes == []


def test_applying_a_rewrite_rewords_the_question_and_the_recheck_clears_the_finding():
    g = guide()
    critique = edits.recheck(g, STUDY, None, None)
    finding = next(f for f in critique.for_question("q2") if f.rewrite)
    assert Code.leading in critique.codes_for("q2")

    rewritten = edits.apply_rewrite(g, finding)

    assert rewritten.question("q2").text == finding.rewrite
    after = edits.recheck(rewritten, STUDY, critique, {"q2"})
    assert Code.leading not in after.codes_for("q2")


def test_a_finding_without_a_rewrite_changes_nothing():
    finding = Finding.make(Code.jargon, "SBAR may be unfamiliar.", question_id="q2")
    assert edits.apply_rewrite(guide(), finding) == guide()
    guide_level = Finding.make(Code.no_probes, "No probes.", rewrite="Add probes")
    assert edits.apply_rewrite(guide(), guide_level) == guide()


def model_critique(g: Guide) -> Critique:
    """The rules' findings plus what a model added about q3 and about the whole guide."""
    rules = edits.recheck(g, STUDY, None, None)
    by_model = [
        Finding.make(
            Code.jargon, "'Hand off' may be ward slang.", question_id="q3", source=FindingSource.llm
        ),
        Finding.make(Code.no_probes, "Add probes to q2.", source=FindingSource.llm),
    ]
    return Critique(findings=rules.findings + by_model, engine="llm")


def test_recheck_keeps_the_models_findings_on_questions_the_edit_did_not_touch():
    g = guide()
    before = model_critique(g)
    edited = edits.set_question_text(g, "q2", "Walk me through your last shift handoff.")

    after = edits.recheck(edited, STUDY, before, {"q2"})

    assert after.engine == "llm"
    assert Code.jargon in after.codes_for("q3")  # the model's, on an untouched question
    assert any(f.source == FindingSource.llm for f in after.guide_level())
    assert Code.leading not in after.codes_for("q2")  # the edited one is judged afresh


def test_recheck_drops_findings_on_deleted_questions_and_starts_over_when_told():
    g = guide()
    before = model_critique(g)
    without_q3 = edits.remove_question(g, "q3")
    assert edits.recheck(without_q3, STUDY, before, set()).for_question("q3") == []
    fresh = edits.recheck(g, STUDY, before, None)
    assert all(f.source == FindingSource.rules for f in fresh.findings)


def test_regenerating_a_section_changes_its_questions_too():
    assert edits.redrafted_ids(guide(), "s2") == {"s2", "q2", "q3"}
    assert edits.redrafted_ids(guide(), "q4") == {"q4"}
