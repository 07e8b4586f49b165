"""closed: questions answered by yes/no, a pick from offered options, a number or one fact.

A question is closed when every sentence that asks something is closed: "Have you ever
missed a payment? Tell me about it." invites the story, so it passes. Polite requests
("Could you walk me through…") and the wrap-up ("Is there anything else…?") are open.
"""

from __future__ import annotations

import re

from guideagent.critique import rewrite as rw
from guideagent.critique.leading import is_degree_question
from guideagent.critique.lexicon import AUX, EMOTIVE, QUALITIES, WH
from guideagent.critique.text import PREP_WH, Hit, Parsed, Sentence
from guideagent.language.sections import WRAP_UP_QUESTION

_WHETHER = re.compile(r"^(?:tell|let)\s+(?:me|us)\s+(?:know\s+)?(?:whether|if)\b")
_QUANTITY = re.compile(
    r"^how\s+(many|often|long|old|far|frequently|soon|big|tall|regularly|likely|much)\b"
)
_SCALE = re.compile(
    r"\bon a scale\b|\bscale (?:of|from) \w+ to\b|\bout of (?:five|ten|5|10|100)\b|\bscore (?:it|them|this|that|out of)\b"
    r"|\bgive (?:it|them|this|that) a (?:score|rating|mark|grade)\b|\bfrom (?:1|one|0|zero) to (?:5|10|five|ten)\b"
)
_FORCED = re.compile(r"\byes or no\b|\b(?:pick|choose) one\b")
_AMOUNT = re.compile(
    r"\bthe\s+(?:most|least|max(?:imum)?|minimum)\s+(?:you'd|you\s+would|would\s+you|you\s+will|you\s+can)\b"
)
_DATE = re.compile(
    r"^when\s+(?:did|do|does|was|is|were|will|have|has)\s+(?:you\s+|it\s+|they\s+)?(?:\w+\s+)?(?:last|first|next)\b"
    r"|^when\s+was\s+the\s+(?:last|first)\s+time\b"
    r"|^when\s+(?:did|do|does|will|is|was)\s+(?:you|it|they|the\s+\w+)\s+(?:start|begin|end|finish|open|close|happen)\b"
)
_FACT = re.compile(r"^what\s+(?:time|year|month|day|date|age|percentage|percent|size|brand)\b")
# "At what time…", "In which year…", "To how many…" ask for one fact; "In what ways…",
# "To what extent…", "At what point…" ask for an account.
_PREP_FACT = re.compile(
    r"^\w+\s+(?:(?:what|which)\s+(?:time|year|month|day|date|age|size|price|percentage|city|town|country|street|shop|store|branch)\b"
    r"|how\s+(?:many|much)\b)"
)
_WHY_FOLLOWS = re.compile(r"\band why\b|\bwhy\?$|,\s*and (?:how|what)\b")
_FRAGMENT = re.compile(
    r"^(?:and\s+)?(?:then|for example|for instance|such as|like what|meaning|in what way|how come|how so|why not"
    r"|go on|carry on|keep going|really|oh|right|mm+|uh-huh|and|so|anything more|more)\b"
)
_PREFER = re.compile(r"\b(?:prefer|rather|choose|pick|go for|more often|use more|use most)\b")
# "What do you prefer, paper or the app?"; not "…, or did your landlord sort it?", which
# adds a second question rather than offering options.
_TAIL_CHOICE = re.compile(
    r",\s+[^,?]*\bor\b(?!\s+(?:do|did|does|is|are|was|were|have|has|would|could|can|will)\s+(?:you|your|they|we|someone|anyone)\b)[^,?]*\?$"
)


# Closing invitations the shared pattern does not cover: "Is there anything important I
# forgot to ask?", "…anything you'd like to emphasise?", "…anything you said that you
# don't want included?"
WRAP_UP_MORE = re.compile(
    r"^is\s+there\s+anything\s+(?:\w+\s+)?(?:i|we)\s+(?:forgot|missed|didn't|should|haven't)\b"
    r"|^is\s+there\s+anything\s+(?:else\s+)?(?:that\s+)?you(?:'d|\s+would)?\s+(?:like|want)\s+to\s+"
    r"(?:emphasi[sz]e|highlight|stress|come\s+back\s+to|clarify|correct|change)\b"
    r"|^is\s+there\s+anything\s+you\s+said\s+that\b"
)


def sentence_closed(s: Sentence) -> bool:
    h = s.head
    if WRAP_UP_QUESTION.search(h) or WRAP_UP_QUESTION.search(s.text) or WRAP_UP_MORE.match(h):
        return False
    if _WHETHER.match(h) or _SCALE.search(s.text) or _AMOUNT.search(h) or _FORCED.search(s.text):
        return True
    if s.open_request:
        return False
    first = h.split(" ", 1)[0].rstrip(",?")
    if first in AUX:
        return True
    m = _QUANTITY.match(h)
    if m:
        # "How much do you love…", "How big a problem is…" presume a feeling or a
        # judgement: leading, judged there, not closed.
        return not is_degree_question(s)
    if PREP_WH.match(h):
        return bool(_PREP_FACT.match(h)) and not _WHY_FOLLOWS.search(h)
    if first == "which":
        return not _WHY_FOLLOWS.search(h)
    if _DATE.match(h) and not _WHY_FOLLOWS.search(h):
        return True  # "When did you last…?" asks for a date
    if _FACT.match(h):
        return True
    if first in WH:  # "What do you prefer, paper or the app?"
        return bool(_TAIL_CHOICE.search(h) and _PREFER.search(h)) and "why or why not" not in h
    # A statement or fragment spoken as a question: "Tabs or spaces?", "Ever been stung?"
    return h.endswith("?") and not _FRAGMENT.match(h)


def _rewrite(s: Sentence) -> str | None:
    h = s.head.rstrip("?. ")
    if re.search(r"\bor\b", h) and not re.match(r"^(?:do|does|did|have|has)\s+you\b", h):
        offered = rw.choice(h)
        if offered:
            return offered
    if h.startswith("which "):
        return None  # a pick from a list: the explanation says what to ask instead
    m = re.match(
        r"^(?:can|could|were|was)\s+you\s+(?:be\s+able\s+to\s+|able\s+to\s+)?([a-z'-]+)\s*(.*)$", h
    )
    if m and m.group(1) not in AUX:
        return rw.try_to(m.group(1), m.group(2))
    m = re.match(
        r"^(?:are|were|am)\s+you\s+(?:really\s+|generally\s+)?([a-z'-]+)\s+(?:with|about|by)\s+((?:the|your|our|their|this|that)\s+.+)$",
        h,
    )
    if m and (m.group(1) in EMOTIVE or m.group(1) in QUALITIES):
        # "Are you happy with your broadband?" -> the experience, not the feeling
        return rw.sentence(f"Tell me about your experience with {rw.clean_rest(m.group(2))}")
    m = re.match(r"^(?:are|were|am)\s+you\s+(.+)$", h)
    if m:
        rest = rw.clean_rest(m.group(1))
        verb, _, obj = rest.partition(" ")
        if verb.endswith("ing"):
            return rw.last_time(verb, obj)
        return rw.sentence(f"Tell me about your experience of being {rest}") if rest else None
    if re.match(
        r"^(?:how\s+(?:many|much)(?!\s+times\b)|which)\s+[a-z'-]+\s+(?:\w+\s+)?(?:do|did|does|have|would)\s+you\b",
        h,
    ):
        return None  # "How many apps do you use…": the object is the question, so no "you used…"
    return rw.from_you_clause(_WHETHER.sub("", h))


def check(p: Parsed, *, suggest: bool = True) -> Hit | None:
    asked = p.questions
    if not asked or not all(sentence_closed(s) for s in asked):
        return None
    s = asked[0]
    first = s.head.split(" ", 1)[0]
    if (
        _QUANTITY.match(s.head)
        or _SCALE.search(s.text)
        or _FACT.match(s.head)
        or _AMOUNT.search(s.head)
    ):
        why = "It asks for a number or a single fact, which a screener can collect; the interview should get the story behind it."
    elif (
        first == "which"
        or rw.choice(s.head.rstrip("?. "))
        or (_TAIL_CHOICE.search(s.head) and _PREFER.search(s.head))
    ):
        why = "It offers options to pick from, so the participant chooses instead of telling you what they actually do."
    else:
        why = "It can be answered with yes or no, which ends the story before it starts."
    return Hit(
        why + " Ask for a specific past experience instead.", _rewrite(s) if suggest else None
    )
