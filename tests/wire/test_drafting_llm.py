"""LLM drafting and the revise loop, over the wire to the loopback OpenAI server."""

from __future__ import annotations

import json

from fakes import Reply, prompt_text
from fakes.answers import DRAFT, FIXED, LEADING, NO_FINDINGS, PROBES, question

from guideagent.drafting.revise import draft_and_revise
from guideagent.engines.llm import LLMEngine
from guideagent.schemas import Context, Objective, SectionKind, Study

STUDY = Study(
    title="Splitting bills",
    context=Context(product="Splitly", audience="young adults who share flats"),
    objectives=[
        Objective(
            id="o1", text="Understand how flatmates split shared bills", kind="discover_needs"
        ),
        Objective(id="o2", text="Improve the bill reminders feature", kind="improve_feature"),
    ],
    session_minutes=30,
)


def chat_prompt(request) -> str:
    return prompt_text(request.body)


def test_llm_draft_becomes_a_guide_with_ids_from_code(fake_openai, fast_llm):
    fake_openai.push(Reply(DRAFT))
    guide = LLMEngine(fast_llm.settings, fast_llm).draft_guide(STUDY)

    assert [s.id for s in guide.sections] == ["s1", "s2", "s3", "s4"]
    assert [q.id for q in guide.questions()] == [f"q{i}" for i in range(1, 8)]
    assert [s.kind for s in guide.sections][0] == SectionKind.warm_up
    assert guide.sections[1].objective_ids == ["o1"]  # the invented "o7" is dropped
    assert guide.question("q3").objective_ids == ["o1"]  # and "o9"
    assert guide.sections[2].notes == ["Ask them to show you."]
    assert [p.text for p in guide.question("q2").probes] == PROBES[:2]
    prompt = chat_prompt(fake_openai.chat_requests[0])
    assert "Understand how flatmates split shared bills" in prompt and "30 minutes" in prompt


def test_a_leading_question_in_the_draft_is_revised_and_recorded(fake_openai, fast_llm):
    fake_openai.push(
        Reply(DRAFT),  # draft
        Reply(NO_FINDINGS),  # critique: the rules critic alone flags the leading question
        Reply(
            {
                "rewrites": [
                    {"reasoning": "It presumes love.", "question_id": "q3", "text": FIXED},
                    {
                        "reasoning": "Not asked for.",
                        "question_id": "q2",
                        "text": "Do you split bills?",
                    },
                ]
            }
        ),  # revise
        Reply(NO_FINDINGS),  # critique of the revised guide
    )
    engine = LLMEngine(fast_llm.settings, fast_llm)
    result = draft_and_revise(engine, STUDY, rounds=2)

    assert len(fake_openai.chat_requests) == 4  # no second round: nothing left to fix
    assert fake_openai.remaining == 0
    [revision] = result.guide.revisions
    assert (revision.question_id, revision.before, revision.after, revision.round) == (
        "q3",
        LEADING,
        FIXED,
        1,
    )
    assert "leading" in revision.reason
    assert result.revisions == [revision] and result.rounds == 1
    assert result.guide.question("q3").text == FIXED
    assert not result.critique.has_errors

    # Only the flagged question went to the model; the others stayed exactly as drafted.
    revise_prompt = chat_prompt(fake_openai.chat_requests[2])
    assert LEADING in revise_prompt and "leading" in revise_prompt
    drafted = [q["text"] for s in DRAFT["sections"] for q in s["questions"] if q["text"] != LEADING]
    for text in drafted:
        assert text not in revise_prompt
    assert result.guide.question("q2").text == DRAFT["sections"][1]["questions"][0]["text"]
    assert [q.text for q in result.guide.questions() if q.id != "q3"] == drafted


def test_no_errors_means_no_revise_call(fake_openai, fast_llm):
    clean = json.loads(json.dumps(DRAFT))
    clean["sections"][1]["questions"][1]["text"] = (
        "Walk me through how the last bill was shared out."
    )
    fake_openai.push(Reply(clean), Reply(NO_FINDINGS))
    result = draft_and_revise(LLMEngine(fast_llm.settings, fast_llm), STUDY, rounds=2)
    assert len(fake_openai.chat_requests) == 2
    assert result.revisions == [] and result.rounds == 0


def test_rounds_zero_keeps_the_draft_as_is(fake_openai, fast_llm):
    fake_openai.push(Reply(DRAFT), Reply(NO_FINDINGS))
    result = draft_and_revise(LLMEngine(fast_llm.settings, fast_llm), STUDY, rounds=0)
    assert len(fake_openai.chat_requests) == 2
    assert result.guide.question("q3").text == LEADING
    assert result.critique.has_errors


def drafted_guide(fake_openai, engine):
    fake_openai.push(Reply(DRAFT))
    return engine.draft_guide(STUDY)


def test_llm_regenerate_a_question_leaves_the_rest_unchanged(fake_openai, fast_llm):
    engine = LLMEngine(fast_llm.settings, fast_llm)
    guide = drafted_guide(fake_openai, engine)
    fake_openai.push(
        Reply(
            question("Tell me about the last time a reminder came at a bad moment.", ["o2", "o5"])
        )
    )
    redrafted = engine.regenerate(guide, STUDY, "q5")

    fresh = redrafted.question("q5")
    assert fresh.text == "Tell me about the last time a reminder came at a bad moment."
    assert fresh.objective_ids == ["o2"]
    for before, after in zip(guide.questions(), redrafted.questions(), strict=True):
        if before.id != "q5":
            assert before.model_dump() == after.model_dump()
    prompt = chat_prompt(fake_openai.chat_requests[-1])
    assert (
        "Tell me about the last time a bill reminder reached you." in prompt
    )  # the current wording
    assert "Who else should we talk to about this?" in prompt  # the rest, so it is not repeated


def test_llm_regenerate_a_section_keeps_ids_and_other_sections(fake_openai, fast_llm):
    engine = LLMEngine(fast_llm.settings, fast_llm)
    guide = drafted_guide(fake_openai, engine)
    fake_openai.push(
        Reply(
            {
                "title": "Bill reminders",
                "kind": "wrap_up",
                "objective_ids": ["o2"],
                "questions": [
                    question("Tell me about the last reminder you acted on.", ["o2"]),
                    question("Tell me about a reminder you ignored.", ["o2"]),
                    question("Walk me through where reminders reach you.", ["o2"]),
                ],
            }
        )
    )
    redrafted = engine.regenerate(guide, STUDY, "s3")

    section = redrafted.sections[2]
    assert section.id == "s3" and section.title == "Bill reminders"
    assert section.kind == SectionKind.main  # a main section stays a main section
    assert [q.id for q in section.questions] == [
        "q5",
        "q6",
        "q8",
    ]  # a third question gets a fresh id
    for index in (0, 1, 3):
        assert redrafted.sections[index].model_dump() == guide.sections[index].model_dump()
