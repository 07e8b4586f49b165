"""Warm-up / main / wrap-up: one reading of section titles and of opening and closing questions.

Guide import, the critic and offline synthesis each used to carry their own patterns for
this, and they disagreed (an imported "Closing" section was a wrap-up, a "Briefing" was a
warm-up only on import). A section is a warm-up or wrap-up by its kind or, when the PM
left the kind unset, by its title.
"""

from __future__ import annotations

import re

from guideagent.schemas import Section, SectionKind

WARM_TITLE = re.compile(
    r"warm|intro|rapport|background|about you|getting started|icebreak|welcome|briefing", re.I
)
WRAP_TITLE = re.compile(
    r"wrap|\bclos(?:e|ing)\b|\bfinal\b|thank|conclu|debrief|anything else|\bend\b", re.I
)

# A question that builds rapport: the person, their role, a typical day.
RAPPORT_QUESTION = re.compile(
    r"\babout\s+(?:yourself|you\b|your\s+(?:role|job|work|day|week|background|team|business|family|home))"
    r"|\bwhat\s+(?:do\s+you\s+do|does\s+a\s+(?:typical|normal|usual)|is\s+your\s+(?:role|job))"
    r"|\bhow\s+did\s+you\s+(?:get|come)\s+(?:into|to)\b|\bintroduce\s+yourself\b|\byour\s+(?:role|job)\b|\btypical\s+(?:day|week)\b",
    re.I,
)
# The open invitation at the end (matched on lowercased text): "Is there anything else…?"
WRAP_UP_QUESTION = re.compile(
    r"\banything else\b|\banything (?:i|we) (?:should|didn't|did not|haven't|have not|missed|forgot)"
    r"|\bsomething (?:on your mind|else)\b|\bwe (?:haven't|have not|didn't) (?:covered|touched|talked|asked|discussed)"
    r"|\bbefore we (?:wrap|finish|close|end|stop)|\bquestions? for (?:me|us)\b"
    r"|\bany (?:other |final |last |more )?(?:questions|thoughts|comments)\b"
    r"|\banything\s+(?:(?:else|more|further)\s+)?(?:that\s+)?you(?:'d|\s+would)?\s+(?:like|want|wish)\s+to\s+"
    r"(?:add|share|ask|say|mention|tell|raise|cover)\b"
)
# Other closing questions: referrals, "what should we have asked", the one thing to change.
_CLOSING_QUESTION = re.compile(
    r"\bwho\s+else\s+should\b|\bwhat\s+(?:else\s+)?should\s+(?:i|we)\s+have\s+asked\b|\bone\s+thing\b.*\bchange\b|\bwrap\b",
    re.I,
)
# In a transcript with no guide: an interviewer's question about the person or the call.
WARM_UP_PROMPT = re.compile(
    r"yourself|about you\b|your (?:role|job|work|team|studio|business|agency|company|practice|day|week)\b"
    r"|what (?:do )?you do\b|how are you|how's your|background|introduce|for work|how long have you"
    r"|where are you|record\b|hear me|coming through|see and hear|what got you into|start your own",
    re.I,
)


def section_kind(title: str) -> SectionKind:
    """The kind a section title suggests: "Warm-up" -> warm_up, "Wrap-up" -> wrap_up."""
    if WARM_TITLE.search(title):
        return SectionKind.warm_up
    if WRAP_TITLE.search(title):
        return SectionKind.wrap_up
    return SectionKind.main


def is_warm_up(section: Section) -> bool:
    return section.kind == SectionKind.warm_up or bool(WARM_TITLE.search(section.title))


def is_wrap_up(section: Section) -> bool:
    return section.kind == SectionKind.wrap_up or bool(WRAP_TITLE.search(section.title))


def is_rapport_question(text: str) -> bool:
    return bool(RAPPORT_QUESTION.search(text))


def is_wrap_up_question(text: str) -> bool:
    return bool(WRAP_UP_QUESTION.search(text.lower()) or _CLOSING_QUESTION.search(text))


def is_warm_up_prompt(question: str) -> bool:
    return bool(WARM_UP_PROMPT.search(question.replace("’", "'")))
