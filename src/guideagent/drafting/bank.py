"""The offline question bank: templates for each part of a guide, filled with a study's words.

Every main question asks about past experience ("Tell me about the last time…", "Walk me
through…"), never predictions, and carries no "and"/"or" of its own, so it asks one thing.
Templates are listed best first; later ones are the variants `regenerate` reaches for.
A template needs `{x}` to be an activity ("handing off patients"), a thing ("the export
screen"), or either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from guideagent.drafting.topic import Topic
from guideagent.schemas import ObjectiveKind

ANY = frozenset({"activity", "thing", "idea"})
ACTIVITY, THING, IDEA = frozenset({"activity"}), frozenset({"thing"}), frozenset({"idea"})
NOT_IDEA = frozenset({"activity", "thing"})


@dataclass(frozen=True)
class Template:
    text: str
    shapes: frozenset[str] = ANY  # the topic shapes whose words fit the sentence
    note: str | None = None
    probes: tuple[str, ...] = ()  # its own probes, where the usual ones would not fit


class Candidate(NamedTuple):
    """A question the bank offers: its words, a note to the interviewer, its own probes."""

    text: str
    note: str | None = None
    probes: tuple[str, ...] = ()


def shape(topic: Topic) -> str:
    """ "activity" (handing off patients), "idea" (only the concept is known: a weekly
    goal), or "thing" (the export screen; or the problem area of a concept: invoicing)."""
    if topic.activity is not None:
        return "activity"
    if topic.idea is not None and topic.idea == topic.subject:
        return "idea"
    return "thing"


MAIN: dict[ObjectiveKind, list[Template]] = {
    ObjectiveKind.discover_needs: [
        Template("Tell me about the last time you were {x}.", ACTIVITY),
        Template("Tell me about the last time you dealt with {x}.", THING),
        Template("Walk me through, step by step, the most recent time {x} came up for you."),
        Template("Tell me about a time when {x} did not go the way you expected."),
        Template("Who else was involved the last time {x} came up?"),
        Template("What have you tried to change about how you approach {x}?"),
        Template("How do you usually get ready for {x}?", ACTIVITY),
        Template("What workarounds, if any, have you used for {x}?"),
    ],
    ObjectiveKind.validate_idea: [
        Template("Tell me about the last time you were {x}.", ACTIVITY),
        Template("Tell me about the last time you dealt with {x}.", THING),
        Template("Tell me about the last time you needed something like {x}.", IDEA),
        Template("Walk me through how you go about {x} today, from start to finish.", ACTIVITY),
        Template("Walk me through how you handle {x} today, from start to finish.", THING),
        Template("Walk me through what you do today when you need something like {x}.", IDEA),
        Template("Tell me about a time when {x} took more effort than you expected.", NOT_IDEA),
        Template("What have you already tried for {x}?", NOT_IDEA),
        Template("What have you already tried that comes close to {x}?", IDEA),
        Template("What, if anything, have you paid for to help with {x}?", NOT_IDEA),
        Template("What, if anything, have you paid for that does something like {x}?", IDEA),
        Template(
            "What comes to mind as you look at this concept?",
            note="Ask this only after showing the concept of {idea}; watch what they do, not what they predict.",
            probes=(
                "What makes you say that?",
                "What does it remind you of from the last time you dealt with this?",
                "What questions does it raise for you?",
            ),
        ),
    ],
    ObjectiveKind.improve_feature: [
        Template("Tell me about the last time you used {x}.", THING),
        Template("Tell me about the last time you were {x}.", ACTIVITY),
        Template(
            "Walk me through what you were trying to get done the last time you used {x}.", THING
        ),
        Template(
            "Walk me through what you were trying to get done the last time you were {x}.", ACTIVITY
        ),
        Template("Tell me about a moment when {x} did not do what you expected.", THING),
        Template("Tell me about a moment when {x} did not go the way you expected.", ACTIVITY),
        Template("Tell me about the first time you tried {x}."),
        Template("How does {x} fit into the rest of your week?"),
        Template("What did you do the last time {x} fell short of what you needed?"),
    ],
    ObjectiveKind.other: [
        Template("Tell me about your most recent experience with {x}."),
        Template("Walk me through what happened the last time {x} came up."),
        Template("What stood out to you the last time you dealt with {x}?"),
        Template("Who else was involved the last time {x} came up?"),
        Template("Tell me about a time when {x} surprised you."),
        Template("How has your approach to {x} changed over time?"),
    ],
}

WARM_UP: list[str] = [
    "To start, tell me a bit about your role.",
    "What does a typical day look like for you?",
    "What took up most of your time last week?",
    "To begin, tell me a little about what you do.",
    "Walk me through a typical week for you.",
    "How did you come to be doing what you do now?",
]

WRAP_UP: list[str] = [
    "What else should we have asked you about today?",
    "Who else should we talk to about this?",
    "What questions do you have for us?",
    "Looking back on everything we talked about, what stands out most to you?",
    "What is one thing from our conversation the team should remember?",
    "Whom do you know who does this very differently from you?",
]

# A warm-up question about the product, for studies whose participants already use it.
WARM_UP_PRODUCT = "How did you first start using {product}?"

# Probes ask for a specific example, a feeling, and what happened next (the seed's
# "Uncover insights"); question n takes entry n of each list, so probes vary down a guide.
PROBES: dict[str, list[str]] = {
    "example": [
        "What is a specific example of that?",
        "Tell me more about that particular moment.",
        "Walk me through exactly what you did there.",
        "What did that look like the last time it happened?",
    ],
    "feeling": [
        "How did you feel when that happened?",
        "What was going through your mind at that point?",
        "How did that affect the rest of your day?",
        "What was that like for you?",
    ],
    "next": [
        "What happened next?",
        "What did you do after that?",
        "How did it turn out in the end?",
        "What did you do differently the next time?",
    ],
}
PROBE_ORDER = ("example", "feeling", "next")

INTRO: list[str] = [
    "Thank them for their time; introduce yourself and anyone taking notes.",
    "Confirm consent to record. The session lasts about {minutes} minutes.",
    "There are no right or wrong answers: we are learning from their experience, not testing them.",
    "Listen more than you talk: let pauses run, follow unexpected threads, and do not interrupt.",
]

SECTION_NOTE: dict[ObjectiveKind, str] = {
    ObjectiveKind.discover_needs: "Ask for stories, not opinions; use the participant's own words when you probe.",
    ObjectiveKind.validate_idea: "Talk about their own past experience first; show the concept of {idea} only at the end of this section.",
    ObjectiveKind.improve_feature: "If you can, ask them to show you the last time they used it.",
    ObjectiveKind.other: "Ask for specific past examples; follow the threads that surprise you.",
}
WRAP_NOTE = "Thank them, explain what happens next, then stop the recording."


def main_questions(kind: ObjectiveKind, topic: Topic) -> list[Candidate]:
    """Every main question the bank has for one objective, best first."""
    idea = topic.idea or topic.subject
    out = []
    for template in MAIN[kind]:
        if shape(topic) not in template.shapes:
            continue
        note = template.note.format(idea=idea) if template.note else None
        out.append(Candidate(template.text.format(x=topic.subject), note, template.probes))
    return out


def probes(n: int, count: int) -> list[str]:
    """`count` probes for the n-th main question: example, feeling, next (in that order)."""
    return [PROBES[kind][n % len(PROBES[kind])] for kind in PROBE_ORDER[:count]]
