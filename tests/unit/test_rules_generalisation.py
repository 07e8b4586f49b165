"""The rules critic on wordings the original rules did not anticipate.

Each case is a question a researcher would recognise from real guides: leading questions
that presume a feeling in other words, jargon from product and growth teams asked of lay
participants, double-barrels in other shapes, and good questions that look like them.
"""

from __future__ import annotations

import sys

import pytest
from paths import ROOT

from guideagent.critique.rules import critique_question

DEV2 = ROOT / "evals" / "datasets" / "questions-dev2.jsonl"


def codes(text: str) -> set[str]:
    return {f.code.value for f in critique_question(text, "q1")}


@pytest.mark.parametrize(
    "text",
    [
        # the size of a presumed problem, or a comparative that presumes the change
        "How big a problem is damp in your rented flat?",
        "How much of a hassle is renewing your parking permit?",
        "How much calmer do you feel since you started our sleep programme?",
        # presumed benefits, including inside an open request
        "In what ways has our coaching helped you hit your running goals?",
        "What benefits have you noticed since switching to our meal kits?",
        "Tell me how the new portal has made booking repairs simpler.",
        "Paint me a picture of how much easier our app has made your mornings.",
        # evaluative superlatives and presumed liking
        "What's the best thing about the new opening hours at the gym?",
        "What impressed you most about the new menu?",
        "What did you find most useful about the workshop?",
        "What makes our new checkout so much quicker for you?",
        # feelings taken as given or stated for the participant
        "How do you deal with the hassle of returning parcels?",
        "Tell me about your struggles with the new parking permit website.",
        "It must be exhausting working double shifts. How do you manage?",
        "I'm guessing the paper forms drove you mad. What happened last time?",
        "Now that you can finally pay by card on the bus, how has your commute changed?",
        # premises and a suggested answer
        "Other volunteers have told us the rota is a mess. What's your experience?",
        "Plenty of drivers found the charging map confusing; how did you get on with it?",
        "What made you switch energy suppliers? Was it the price?",
    ],
)
def test_leading_in_other_words(text):
    assert "leading" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "How big a problem is damp in your rented flat?",
        "How much calmer do you feel since you started our sleep programme?",
        "In what ways has our coaching helped you hit your running goals?",
        "Plenty of drivers found the charging map confusing; how did you get on with it?",
    ],
)
def test_open_form_leading_is_not_closed(text):
    assert "closed" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "What, if anything, annoyed you about the booking process?",
        "In what ways, if any, has the savings app changed how you put money aside?",
        "How easy or hard was it to find a parking space near the stadium?",
        "How satisfied or dissatisfied were you with the repair?",
        "What's most important to you when you choose a school?",
        "What's the hardest part of getting three kids to school on time?",
        "What finally made you switch?",
        "What benefits do you get through your employer?",
        "Could you say more about what you mean by 'a faff'?",
        "You mentioned it was stressful. What made it so stressful?",
        "How has your shopping changed since the new supermarket opened?",
    ],
)
def test_neutral_wordings_are_not_leading(text):
    assert "leading" not in codes(text)


@pytest.mark.parametrize(
    "text, term",
    [
        ("At what point in our funnel did you decide not to book?", "funnel"),
        ("How did you find it when the feature flag switched on the new menu?", "feature flag"),
        ("Walk me through how you set up the webhook for your flower shop's orders.", "webhook"),
        ("What did you make of the upgrade modal that popped up at checkout?", "modal"),
        ("How did the A/B test on the lunch menu change what you ordered?", "a/b test"),
        ("How did our CDP-driven recommendations land with you?", "CDP"),
        ("How was your experience with the Atlas-2 beta of our banking app?", "Atlas-2"),
        ("How did our last-mile partner handle your parcel?", "last-mile"),
    ],
)
def test_product_team_jargon_with_lay_participants(text, term):
    [f] = [f for f in critique_question(text, "q1") if f.code.value == "jargon"]
    assert term in f.explanation


@pytest.mark.parametrize(
    "text",
    [
        "As a physio, how do you write up your SOAP notes after a session?",
        "Walk me through what happens when a webhook fails during a deploy.",
        "Tell me about the last time you used a funnel in the brewery.",
        "How did Covid-19 change your visits to the surgery?",
    ],
)
def test_trade_terms_and_plain_words_are_not_jargon(text):
    assert "jargon" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "How did you choose your electricity supplier? How do you read your meter?",
        "What did you think of the training course and would you recommend it?",
        "How do you pay for parking in town, or do you avoid driving in altogether?",
        "Is the helpline easy to reach and friendly?",
        "What's good and bad about the bus service here?",
        "What do you think about parking and pricing at the venue?",
        "How do you keep track of your medication and talk to your GP about side effects?",
    ],
)
def test_double_barreled_in_other_shapes(text):
    assert "double_barreled" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Which part of the form took you longest, and what was going on at that point?",
        "Who did you talk to before you signed the contract, and what did they say?",
        "Tell me about a purchase you were unsure about and how you made up your mind.",
        "Tell me about the last deploy that went wrong and what you did about it.",
        "How did you decide on the venue, and what tipped it?",
        "What happened at the vet? Who did you see?",
        "What do you make of the stop and search policy?",
        "How do you keep on top of bills, receipts and warranty cards?",
    ],
)
def test_follow_ups_lists_and_compounds_are_not_double_barreled(text):
    assert "double_barreled" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "When you worked nights at the depot, what would a typical shift involve?",
        "What were you hoping the new phone contract would fix?",
        "Is there anything else you'd like me to know?",
    ],
)
def test_past_scenes_expectations_and_wrap_ups_are_not_hypothetical(text):
    assert "hypothetical" not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Before we finish, is there anything you expected me to ask about?",
        "Suppose your landlord let you paint the walls; what colours would you choose?",
        "How often do you find a plumber?",
    ],
)
def test_closed_reads_the_whole_question(text):
    found = codes(text)
    if text.startswith("How often"):
        assert found == {"closed"}  # a frequency, not a presumed feeling
    else:
        assert "closed" not in found


def test_new_leading_kinds_get_a_neutral_rewrite():
    [f] = [
        f
        for f in critique_question("How big a problem is damp in your flat?")
        if f.code.value == "leading"
    ]
    assert f.rewrite and "problem" not in f.rewrite.lower()
    [f] = [
        f
        for f in critique_question(
            "What benefits have you noticed since switching to our meal kits?"
        )
        if f.code.value == "leading"
    ]
    assert f.rewrite == "What changes, if any, have you noticed since switching to our meal kits?"


@pytest.mark.skipif(not DEV2.exists(), reason="second development set not present")
def test_second_development_set_stays_above_the_bar():
    sys.path.insert(0, str(ROOT))  # evals/ is a top-level folder, not part of the package
    from evals.critique_suite import evaluate

    result = evaluate(DEV2)
    for code, scores in result["codes"].items():
        assert scores["f1"] >= 0.9, (code, scores)
    assert result["false_positive_rate"] <= 0.03
