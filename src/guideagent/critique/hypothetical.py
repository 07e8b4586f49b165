"""hypothetical: asks for predictions, imagined behaviour or an ideal instead of past experience.

People are poor predictors of what they will do; what they did last time is evidence.
The signals are grammatical: a scene opener ("Imagine…", "Suppose…", "Say we…"), a
conditional or predictive modal ("would", "'d", "will", "if you could"), or a stated
intention ("Are you planning to…", "How likely are you to…"). Habitual "would" ("What
would you usually do…"), the descriptive "would you say/describe", the wrap-up "anything
you'd like to add" and past expectations ("did you think it would…") are not predictions.
"""

from __future__ import annotations

import re

from guideagent.critique import rewrite as rw
from guideagent.critique.lexicon import COMMUNICATION, DISCOURSE, HABITUAL, NON_PREDICTIVE, words
from guideagent.critique.text import Hit, Parsed, Sentence
from guideagent.language.inflection import base_of_gerund, past

_SCENE = re.compile(
    r"^(?:imagine|imagining|suppose|supposing|picture|pretend|hypothetically|let's\s+(?:say|imagine|pretend|suppose)"
    r"|say\s+(?:we|you|there|your|the|a|an|someone|it|our)\b|in\s+an?\s+(?:ideal|perfect)\s+world|ideally|what\s+if"
    r"|if\s+you\s+had\s+a\s+magic\s+wand|if\s+money\s+were\s+no\s+object)\b"
)
_RECALL = re.compile(
    r"\bthe\s+last\s+time\b|\ba\s+recent\s+time\b|\bthe\s+day\s+you\b|\bthe\s+first\s+time\s+you\b|\bwhen\s+you\s+last\b|\bback\s+when\b"
)
_MODAL = re.compile(r"\b(would|wouldn't)\b|(?<=[a-z])'d\b")
_REFUSAL = re.compile(r"^(?:n't|not)\b(?!\s+(?:you|it\s+be|that\s+be|they)\b)")
_HAD = re.compile(r"^(?:been|had|got|gone|done|already|just|never|ever|\w+ed|\w+en)\b")
_WILL = re.compile(
    r"\b(?:will|won't)\s+(?:you|your|it|they|that|this|the|we)\b|\byou(?:'ll|\s+will)\b"
)
_INTENT = re.compile(
    r"\bare\s+you\s+(?:planning|going|likely|willing|intending|hoping|thinking\s+of|thinking\s+about)\s+(?:to|on)?\b"
    r"|\b(?:do|would)\s+you\s+(?:plan|intend|expect)\s+to\b|\bsee\s+yourself\b|\bhow\s+likely\b|\blikely\s+(?:are\s+you|to)\b"
    r"|^fancy\s+\w+ing\b|\bdream\s+(?:app|tool|product|service|solution|setup|system)\b|\bmagic\s+wand\b|\bdown\s+the\s+(?:line|road)\b"
    r"|\bwish\s+(?:you|there|it|we|i|they)\s+(?:could|had|was|were|would)\b|\bwhat\s+do\s+you\s+wish\b|\bin\s+the\s+future\b"
    r"|\bif\s+(?:you|we|they|it|there)\s+could\b|\bif\s+\w+\s+(?:were|was)\s+(?:free|cheaper|available|possible|easier|faster)\b"
)
# A past expectation ("Did you think it would…", "What were you hoping it would fix?") is
# a memory, not a prediction.
_PAST_EXPECTATION = re.compile(
    r"(?:\b(?:did|had)\s+you\s+(?:think|expect|hope|assume|imagine|guess|know|believe|worry|want)"
    r"|\b(?:were|was)\s+(?:you|they)\s+(?:hoping|expecting|thinking|assuming|worried|afraid|sure|told)"
    r"|\byou\s+(?:thought|expected|hoped|assumed|imagined|believed|knew|worried|feared|were\s+told))"
    r"\s+(?:that\s+|it\s+|they\s+|this\s+|you\s+|the\s+[\w'-]+(?:\s+[\w'-]+){0,2}\s+)*$"
)
# "When you worked nights, what would a shift involve?": a past scene, so "would" is habitual.
_HABITUAL_SCENE = re.compile(
    r"^(?:back\s+when|when\s+you\s+(?:were|used\s+to|was|had|did|lived|worked|ran|started|owned|studied|trained)"
    r"|in\s+the\s+days\s+when|in\s+your\s+(?:old|last|previous|first)\s+\w+|before\s+you\s+(?:had|used|started))\b"
)
_LEADING_HEDGE = re.compile(
    r"^(?:it\s+be\s+fair|(?:you\s+)?agree|you\s+say\s+that\s+(?:it|this|that)\s+is)"
)


def _lead(s: Sentence) -> str:
    words = s.text.split(" ")
    while words and words[0].rstrip(",") in DISCOURSE:
        words = words[1:]
    return " ".join(words)


def _predictive_modal(s: Sentence) -> bool:
    text = s.text
    if _HABITUAL_SCENE.match(_lead(s)):
        return False
    for m in _MODAL.finditer(text):
        before = text[: m.start()]
        after = text[m.end() :].strip()
        negated = "n't " + after if m.group(0) == "wouldn't" else after
        if _REFUSAL.match(negated):
            continue  # "the files wouldn't open": a past refusal, not a prediction
        words = re.findall(r"[a-z']+", after)[:4]
        if m.group(0) == "'d":
            subject = re.findall(r"[a-z]+$", before)
            if subject and subject[-1] in ("i", "we"):
                continue  # "I'd like to…": the interviewer speaking
            if _HAD.match(after):
                continue  # "you'd been" is "you had been"
        elif re.search(r"\b(?:i|we)\s+$", before):
            continue
        if any(w in HABITUAL for w in words[:3]):
            continue
        verb = (
            words[1]
            if words and words[0] in ("you", "they", "it", "we", "people") and len(words) > 1
            else (words[0] if words else "")
        )
        if verb in NON_PREDICTIVE:
            continue
        wish = re.match(r"(?:you\s+)?(?:like|love|want)\s+(?:me\s+|us\s+)?to\s+(\w+)", after)
        if wish and wish.group(1) in COMMUNICATION:
            continue
        if _LEADING_HEDGE.match(after):
            continue
        if s.open_request and m.start() == s.text.find(s.head):
            continue
        if _PAST_EXPECTATION.search(before):
            continue
        return True
    return False


# Every form of _INTENT contains one of these (the text is lowercased, single-spaced).
_INTENT_HINTS = (
    "are you", "you plan", "you intend", "you expect", "yourself", "likely", "fancy", "dream",
    "magic", "down the", "wish", "future", "if ",
)  # fmt: skip
# "What are you thinking of?" asks what they mean, not what they intend.
_MEANING = re.compile(r"^(?:what|who|which)\s+(?:are|were)\s+you\s+thinking\s+(?:of|about)\b")
# Forecasts and ideals: "Where do you see the community headed?", "your ideal setup",
# "anything you wish the app could do".
_FORECAST = re.compile(
    r"\bwhere\s+do\s+you\s+see\s+(?:[\w'-]+\s+){1,6}?(?:headed|heading|going|in\s+\w+\s+years)\b"
    r"|\b(?:your|an|the)\s+ideal\b|\bwish\s+(?:the|your|our|this|that)\s+[\w'-]+\s+(?:could|would|did|had|was|were)\b"
)


def sentence_hypothetical(s: Sentence) -> bool:
    lead = _lead(s)
    if _SCENE.match(lead) and not (_RECALL.search(lead) and not _MODAL.search(lead)):
        return True
    if _FORECAST.search(s.text):
        return True
    if (
        any(k in s.text for k in _INTENT_HINTS)
        and _INTENT.search(s.text)
        and not _MEANING.match(s.head)
    ):
        return True
    if _WILL.search(s.text) and not s.open_request:
        return True
    return _predictive_modal(s)


_BUY = words(
    """
    use try buy pay get switch download install wear adopt subscribe sign turn join
    """
)


def _story(text: str) -> str | None:
    m = re.search(r"\bif\s+((?:you|your)\b[^,?]*?)(?:,|\?|$)", text)
    if m and re.search(r"\bwhat would you do\b|\bhow would you\b", text):
        return rw.sentence(f"Tell me about a time when {m.group(1)}. What did you do?", "")
    m = re.search(r"\b(?:if|imagine|suppose)\s+you\s+could\s+([a-z'-]+)\s+([^,.?]*)", text)
    if m:
        return rw.last_time(m.group(1), m.group(2))
    m = re.search(
        r"\bif\s+(?:we|they|the \w+|our \w+)\s+(?:added|offered|built|introduced|launched|made|gave)\s+([^,?]+)",
        text,
    )
    if m:
        return rw.sentence(
            f"Tell me about the last time you needed something like {rw.clean_rest(m.group(1))}. What did you do?",
            "",
        )
    m = re.search(
        r"\bif\s+(?:we|they)\s+(?:removed|took away|dropped|stopped|got rid of)\s+([^,?]+)", text
    )
    if m:
        return rw.sentence(f"Walk me through how you use {rw.clean_rest(m.group(1))} today")
    m = re.search(
        r"\b(?:how much (?:would|will) you|the most you'd) (?:pay|spend) (?:\w+\s+){0,3}?(?:for|on) (.+)$",
        text,
    )
    if m:
        thing = rw.clean_rest(m.group(1))
        if re.match(r"(?:a|an)\s", thing):
            thing = "something like " + thing
        return rw.sentence(f"Tell me about the last time you paid for {thing}")
    m = re.search(
        r"\b(?:are|were)\s+you\s+(?:planning|going|hoping|intending|likely)\s+to\s+([a-z'-]+)\s*(.*)$",
        text,
    )
    if m:  # "Are you planning to move house?" -> the last time they moved
        return rw.last_time(m.group(1), m.group(2))
    m = re.search(r"\bwhat would (?:make|get|convince|persuade) you (?:to )?(\w+)\s*(.*)$", text)
    if m:
        told = rw.last_time(m.group(1), m.group(2))
        return f"{told} What led to it?" if told else None
    m = re.search(
        r"(?:^|,\s*)(?:would|will)\s+you\s+(?:ever\s+|still\s+|keep\s+|rather\s+|be\s+willing\s+to\s+)?([a-z'-]+)\s*(.*)$",
        text,
    )
    if m:
        return _yes_no_story(m.group(1), m.group(2))
    return None


def _yes_no_story(verb: str, rest: str) -> str | None:
    """ "Would you use a budgeting feature?" -> "Tell me about the last time you budgeted."."""
    g = re.match(
        r"(?:a|an|the|our)\s+(?:([\w]+)-)?(\w+ing)\s+(?:feature|tool|app|service|option|function|assistant|device)\b",
        rest,
    )
    if g:
        base = base_of_gerund(g.group(2))
        if base:
            obj = f" {g.group(1)}s" if g.group(1) else ""
            return rw.sentence(f"Tell me about the last time you {past(base)}{obj}")
    if verb in _BUY and re.match(r"(?:a|an|some)\s", rest):
        return rw.sentence(
            f"Tell me about the last time you {past(verb)} something like {rw.clean_rest(rest)}"
        )
    return rw.last_time(verb, rest)


def check(p: Parsed, *, suggest: bool = True) -> Hit | None:
    from guideagent.critique.closed import WRAP_UP_MORE  # closing invitations: not predictions

    if not any(sentence_hypothetical(s) and not WRAP_UP_MORE.match(s.head) for s in p.sentences):
        return None
    why = (
        "It asks the participant to predict or imagine, and people are poor predictors of their own "
        "behaviour. Ask about what they actually did the last time instead."
    )
    return Hit(why, _story(p.low.rstrip("?. ")) if suggest else None)
