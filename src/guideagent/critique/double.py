"""double_barreled: two separate topics or activities asked at once.

Within one sentence, "and" (or "plus", "as well as") joining two question clauses with
their own question words ("How do you X and how do you Y?"), two activities after one
stem ("How do you plan lessons and grade assignments?"), two things to give an opinion
on ("our fees and our support"), or a topic list answered "each". A second part that
follows up the same event (its reason, outcome or feeling: ", and why?", ", and what
happened next?") is one question, and so is a binomial ("friends and family").

Also: a yes/no question tacked onto a wh-question ("What did you think of it and would you
recommend it?", "…, or did your landlord sort it?"), two qualities judged at once ("Was
the guide patient and well prepared?", "good and bad"), two things after an opinion frame
("What do you think about parking and pricing?"), and two wh-questions in a row where the
second neither refers back to the first nor probes the episode it opened.

Longer than 400 lines because each coordination shape (verbs, objects, adverbs,
adjectives, wh-nouns) has its own detector and its own splitter into two questions, and
they share the helpers here.
"""

from __future__ import annotations

import re

from guideagent.critique import rewrite as rw
from guideagent.critique.lexicon import (
    AUX,
    BINOMIALS,
    DISCOURSE,
    EMOTIVE,
    QUALITIES,
    SERIAL,
    words,
)
from guideagent.critique.text import Hit, Parsed
from guideagent.language.inflection import base_of_gerund
from guideagent.language.verbs import VERBS

_FOLLOW_UP = re.compile(
    r"^(?:then\s+|also\s+)?(?:why\b|how\s*\??$|how\s+come\b|how\s+so\b"
    r"|what\s+(?:\w+\s+)?(?:made|makes|led|leads|prompted|prompts|drove|drives|pushed|kept|keeps|got|gets|caused|brought|"
    r"convinced|inspired|motivated|triggered|stopped|helped)\s+(?:you|it|them|that|this|those|the|your)\b"
    r"|what\s+happened\b|what\s+did\s+you\s+do\s+(?:about|with|then|next|after|afterwards|as\s+a\s+result)\b"
    r"|what\s+(?:do|did)\s+you\s+(?:put|think)\s+(?:that|it|this)\s+(?:was\s+)?down\s+to\b"
    r"|how\s+did\s+(?:that|it|this|they)\s+(?:go|feel|work\s+out|turn\s+out|leave\s+you|make\s+you|end)\b"
    r"|(?:what|how)\s+(?:did|does|do|was|were|is)\s+(?:that|it|this|those)\s+(?:feel|like|make\s+you|leave\s+you|go|matter)\b"
    r"|how\s+(?:that|it|this|things)\s+(?:went|felt|worked\s+out|turned\s+out|ended|played\s+out)\b"
    r"|what\s+(?:that|it)\s+was\s+like\b|what\s+(?:was|is)\s+(?:that|it)\s+like\b|how\s+did\s+you\s+feel\s+(?:about\s+(?:it|that|this)|afterwards|then)?\s*\??$"
    r"|what\s+(?:\w+\s+)?(?:were|are)\s+you\s+(?:trying|hoping|looking|wanting|aiming)\s+to\b"
    r"|(?:how|why)\s+did\s+you\s+(?:pick|choose|decide\s+on|settle\s+on|go\s+with|end\s+up\s+with)\s+(?:it|that|them|that\s+one|this\s+one|those|these)\b"
    r"|what\s+(?:was|were)\s+the\s+(?:result|outcome|reason|reasons|upshot)\b|who\s+(?:else\s+)?(?:was\s+involved|helped)\b"
    r"|what\s+did\s+you\s+(?:learn|take\s+away)\s+from\s+(?:it|that|this)\b"
    r"|what\s+you\s+did\s+(?:about|with|then|next|after|afterwards)\b|how\s+you\s+(?:felt|handled\s+it|dealt\s+with\s+it|sorted\s+it|got\s+on)\b"
    r"|what\s+(?:\w+\s+)?(?:tipped|swung|clinched|sealed|settled|decided|won)\s+(?:it|you|the\s+[\w'-]+|things|that)\b"
    r"|why\s+you\b|what\s+(?:\w+\s+)?(?:made|led|prompted|drove|pushed)\s+you\b|how\s+(?:it|that|things)\s+(?:went|ended|turned\s+out|worked\s+out)\b"
    r"|what\s+did\s+(?:they|he|she|it|that|the\s+[\w'-]+)\s+(?:say|do|think|make\s+of\s+it|tell\s+you|suggest|recommend|reply|offer|come\s+back\s+with)\b"
    r"|how\s+(?:did\s+)?(?:you|your\s+[\w'-]+|they|we|the\s+[\w'-]+)\s+(?:sort(?:ed)?|fix(?:ed)?|handle[d]?|deal(?:t)?\s+with|resolve[d]?|solve[d]?|manage[d]?|respond(?:ed)?\s+to|react(?:ed)?\s+to|cope[d]?\s+with|got\s+round|get\s+round)\s+(?:it|that|this|them)\b"
    r"|(?:how|why)\s+(?:did\s+)?you\s+(?:make|made)\s+up\s+your\s+mind\b"
    r"|(?:how|why)\s+(?:did\s+)?you\s+(?:decided?|came?\s+to\s+(?:a|that|your)\s+decision)\s*(?:in\s+the\s+end\s*)?\??$"
    r"|[^?]*\b(?:at\s+(?:that|the|this)\s+(?:point|moment|stage)|at\s+the\s+time|back\s+then|right\s+then|in\s+that\s+moment"
    r"|when\s+(?:that|it|this)\s+happened)\b)"
)
# Two wh-questions in a row where the second neither refers back nor follows up:
# "How did you choose your supplier? How do you read your meter?"
_ANAPHORA = re.compile(
    r"\b(?:it|its|that|this|they|them|their|those|these|there|then|he|she|him|her|his|one|ones|next|after|afterwards"
    r"|before|first|so|such|same|else|again|example|instance|now|typical|usual|normal|average)\b"
)
# A question that opens one episode; what follows it probes that episode.
_EPISODE = re.compile(
    r"^(?:what\s+happened|what\s+was\s+(?:it|that)\s+like|how\s+did\s+(?:it|that|the\s+[\w'-]+)\s+go|what\s+did\s+you\s+do\s+(?:when|after|then))\b"
)
# "What did you think of X and would you recommend it?": a yes/no question tacked onto a
# wh-question; "…, or do you avoid it altogether?" likewise asks a second thing.
_AUX_AFTER = re.compile(
    r"(?:,\s*|\s+)(?:and|or)\s+(?:would|do|does|is|are|was|were|have|has|can|could|will|should)\s+(?:you|they|your|we)\b"
    r"|(?:,\s*|\s+)or\s+did\s+(?:you|they|your|we|someone|somebody|anyone)\b"
)
_WH_AFTER_AND = re.compile(
    r"(?:,\s*|\s+)(?:and|plus)\s+(?:then\s+|also\s+)?(?=(?:what|what's|how|why|when|where|who|which|whether)\b)"
)
_AS_WELL_AS = re.compile(r"\bas well as\b|,\s*plus\b")
_EACH = re.compile(r"\band\b[^:?]*:\s*(?:.*\b(?:each|both|either)\b)")
_NP_AND = re.compile(
    r"\b(the|our|your|their|its|his|her|my)\s+([\w'-]+(?:\s+[\w'-]+){0,3}?)\s+and\s+(?:with\s+|about\s+|of\s+|for\s+)?(the|our|your|their|its|his|her|my)\s+"
)
_ADJ_PAIR = re.compile(
    r"\b(first|best|fast|quick|easy|cheap|simple|reliable|clear|useful|secure|safe|accurate|affordable)\s+and\s+"
    r"(last|worst|easy|simple|reliable|secure|safe|cheap|clear|useful|accurate|intuitive|fast|quick|affordable)\b"
)
# Both sides of a judgement at once: "like and dislike", "good and bad", "what works and what doesn't".
_OPINION_TWO = re.compile(
    r"\b(?:like|love|enjoy|good|best|positive|easiest|strengths?|upsides?)\s+and\s+(?:the\s+|your\s+)?(?:dislike|hate|don't\s+like|bad|worst|negative|hardest|weakness(?:es)?|downsides?)\b"
)
# Two qualities judged at once: "Was the instructor patient and well prepared?"
_QUALITY_PAIR = re.compile(r"\b([a-z'-]+)(?:\s+to\s+[a-z'-]+)?\s+and\s+(?:well[- ])?([a-z'-]+)\b")


def _quality_pair(s: str) -> re.Match[str] | None:
    for m in _QUALITY_PAIR.finditer(s):
        a, b = m.group(1), m.group(2)
        if (a in QUALITIES or a in EMOTIVE) and (
            b in QUALITIES or b in EMOTIVE or b.endswith("ed")
        ):
            return m
    return None


# Two things to judge after an opinion frame, even without determiners: "What do you think
# about parking and pricing?", "How do you feel about buying and selling online?"
_OPINION_FRAME = re.compile(
    r"\b(?:think|feel|opinion|views?|make|experience|going\s+on|satisfied|happy|unhappy|impressions?|thoughts)\s+(?:of|about|on|with)\s+"
    r"(?:the\s+|your\s+|our\s+|their\s+)?([\w'-]+(?:\s+[\w'-]+)?)\s+and\s+(?:the\s+|your\s+|our\s+|their\s+)?([\w'-]+)"
    # …and the second noun ends the phrase ("stop and search policy" is one thing)
    r"(?=\s*(?:$|[?,.!;:]|(?:at|in|on|for|with|of|from|when|since|so|these|this|that|now|today|overall|lately|recently|generally|here|there|online|offline|locally|abroad)\b))"
)
_SPLIT_NOTE = re.compile(r"\s+(?:—|–|-)\s+.*$")


def _protect(text: str) -> str:
    """Hide the "and" of binomials and of "you and your partner" from the coordination checks."""
    if " and " not in text:
        return text
    for phrase in BINOMIALS:
        text = text.replace(phrase, phrase.replace(" and ", " and\x00"))
    return re.sub(r"\byou and (?=(?:your|my|the|a|an|his|her|their)\s)", "you and\x00", text)


def _question(text: str) -> str:
    return rw.sentence(text.strip(" ,"), "?")


def _wh_pair(s: str) -> tuple[str, str] | None:
    for m in _WH_AFTER_AND.finditer(s):
        left, right = s[: m.start()], s[m.end() :]
        said = [w for w in left.replace(",", " ").split() if w not in DISCOURSE]
        if len(said) < 3 or _FOLLOW_UP.match(right):
            continue  # "Yeah, and when…": nothing was asked before the "and"
        return left, right
    return None


def _aux_pair(s: str) -> tuple[str, str] | None:
    if s.split(" ", 1)[0] not in _WH_FIRST:
        return None
    m = _AUX_AFTER.search(s)
    if not m or len(s[: m.start()].split()) < 4:
        return None
    return s[: m.start()], re.sub(r"^[,\s]*(?:and|or)\s+", "", s[m.start() :])


# Two yes/no questions joined: "Would you pay for alerts and would you share them?",
# "Did you call them, and did they help?". Joined by "or", the two are offered
# alternatives ("Are you renting or do you own?", closed) unless the second asks in another
# mood: "Do you use it, or would you rather pay someone?" asks about fact, then a wish.
_YES_NO_JOIN = re.compile(
    r"(?:,\s*|\s+)(and|or)\s+(?:then\s+|also\s+)?(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|may|might)"
    r"\s+(?:you|they|we|he|she|it|there|your|the|our|their|this|that|people|anyone|someone)\b"
)
_MOODS = (
    frozenset(["do", "does", "did", "is", "are", "was", "were", "have", "has", "had"]),
    frozenset(["can", "could", "will", "would", "should", "shall", "may", "might"]),
)


def _mood(aux: str) -> int:
    base = {"won't": "will", "can't": "can"}.get(aux, aux.removesuffix("n't"))
    return 0 if base in _MOODS[0] else 1


def _yes_no_pair(s: str) -> tuple[str, str] | None:
    first = s.split(" ", 1)[0]
    if first not in AUX:
        return None
    for m in _YES_NO_JOIN.finditer(s):
        left = s[: m.start()]
        if len(left.split()) < 3:
            continue
        if m.group(1) == "or" and _mood(first) == _mood(m.group(2)):
            continue  # offered alternatives: closed, not two questions
        return left, s[m.start() :].lstrip(" ,")[len(m.group(1)) :].lstrip()
    return None


def _verb_pair(s: str) -> tuple[str, str] | None:
    """ "how do you plan lessons and grade assignments" -> the stem and both activities."""
    m = re.match(r"^(.*?\byou\s+(?:usually\s+|normally\s+|currently\s+)?)([a-z'-]+)\b(.*)$", s)
    if not m or m.group(2) not in VERBS:
        return None
    stem, rest = m.group(1), m.group(2) + m.group(3)
    for a in re.finditer(r"\s+and\s+([a-z'-]+)\b", rest):
        verb = a.group(1)
        before = rest[: a.start()].split()
        if (
            verb in VERBS
            and before
            and before[-1] not in SERIAL
            and not verb.endswith("ing")
            and not re.search(r"\bbetween\b", rest[: a.start()])
        ):
            if len(before) == 1:  # "like and dislike about the app": the object is shared
                return stem + before[0] + rest[a.end() :], stem + rest[a.end() - len(verb) :]
            return stem + rest[: a.start()], stem + rest[a.end() - len(verb) :]
    return None


_SUBORDINATE = re.compile(
    r"\b(?:between|when|whenever|if|while|whether|because|once|after|before|until|as)\b"
)
_RELATION = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:clash|clashes|overlap|conflict|differ|compare|match|interact|fit|meet|connect)\b"
)


def _np_pair(s: str) -> tuple[str, str] | None:
    """Two things to judge in one breath: "what do you think of our fees and our support"."""
    m = _NP_AND.search(s)
    if not m or _SUBORDINATE.search(s[: m.start()]) or _RELATION.match(s[m.end() :]):
        return None
    # Split at the noun phrase right before "and": in "how the app checks your budget and
    # your savings" the two things are "your budget" and "your savings".
    for d in re.finditer(r"\b(?:the|our|your|their|its|his|her|my)\s", s[m.start() + 1 : m.end(2)]):
        later = _NP_AND.match(s, m.start() + 1 + d.start())
        if later and not _RELATION.match(s[later.end() :]):
            m = later
    left = s[: m.end(2)]
    right = s[: m.start()] + s[m.end(2) + len(" and ") :].lstrip()
    right = re.sub(r"^(.*?)\b(?:with|about|of|for)\s+(?:with|about|of|for)\s+", r"\1", right)
    return left, right


# Coordinated activities, things and manners the stem applies to both of: "setting up and
# sharing", "what device and browser", "cheaply and safely", "well-maintained and
# sustainable". Each is two questions in one.
_GERUND_PAIR = re.compile(
    r"\b([a-z]+ing)((?:\s+(?:up|out|in|off|on|down|back))?)\s+and\s+(?!then\b)([a-z]+ing)\b"
)
_ADVERB_PAIR = re.compile(r"\b([a-z]{3,}ly)\s+and\s+([a-z]{3,}ly)\b")
_NOT_ADVERBS = words(
    """
    only early family daily weekly monthly yearly nightly hourly really likely lovely
    friendly holy ugly silly belly jelly reply supply apply rely fly italy july ally
    elderly costly lonely lively orderly timely
    """
)
_WH_NOUN_PAIR = re.compile(
    r"^(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+)?([a-z'-]{3,})\s+and\s+([a-z'-]{3,})\s+"
    r"(?:are|do|did|does|is|was|were|have|has|would|will)\s+(?:you|your|they|we)\b"
)
_BE_ADJ_PAIR = re.compile(
    r"\b(?:be|is|are|was|were|been|being|seem|seems|seemed|feel|feels|felt|look|looks|looked)\s+"
    r"(?:so\s+|very\s+|more\s+|really\s+)?([a-z-]{4,})\s+and\s+(?:so\s+|very\s+|more\s+)?([a-z-]{4,})\b"
)
_ADJ_ENDINGS = ("able", "ible", "ful", "ive", "ous", "ent", "ant", "ical", "less")


def _adjective(word: str) -> bool:
    return (
        word in QUALITIES
        or word in EMOTIVE
        or word.startswith("well-")
        or (word.endswith(_ADJ_ENDINGS) and word not in VERBS)
    )


def _coordinated(s: str) -> tuple[str, str | None] | None:
    """Coordinated gerunds, adverbs, wh-objects or predicate adjectives: (the question
    with the first, the question with the second) where both can be asked apart."""
    for m in _GERUND_PAIR.finditer(s):
        a, b = base_of_gerund(m.group(1)), base_of_gerund(m.group(3))
        if re.search(r"\bbetween\s+$", s[: m.start()]):
            continue  # "decide between cooking and ordering in": one choice
        if a in VERBS and b in VERBS and a != b:
            first = s[: m.end(2)] + s[m.end() :]
            second = s[: m.start()] + m.group(3) + s[m.end() :]
            return first, second
    for m in _ADVERB_PAIR.finditer(s):
        if m.group(1) not in _NOT_ADVERBS and m.group(2) not in _NOT_ADVERBS:
            return s[: m.end(1)] + s[m.end() :], s[: m.start()] + m.group(2) + s[m.end() :]
    pair = _WH_NOUN_PAIR.match(s)
    if pair and pair.group(1) not in EMOTIVE and pair.group(2) not in EMOTIVE:
        return s[: pair.end(1)] + s[pair.end(2) :], s[: pair.start(1)] + s[pair.start(2) :]
    pair = _BE_ADJ_PAIR.search(s)
    if pair and _adjective(pair.group(1)) and _adjective(pair.group(2)):
        return s[: pair.end(1)] + s[pair.end(2) :], None
    return None


def _first_only(s: str) -> str | None:
    """The question with the second of two joined things left out: "Is the app fast and easy
    to use?" -> "is the app fast to use", "as well as your meals" dropped. None for a topic
    list ("…: what's going on with each?"), which has no first part to keep."""
    m = _AS_WELL_AS.search(s)
    if m:
        return s[: m.start()].rstrip(" ,")
    m = _ADJ_PAIR.search(s)
    if m:
        return s[: m.end(1)] + s[m.end() :]
    m = _OPINION_TWO.search(s)
    if m:
        return s[: m.start()] + m.group(0).split(" and ", 1)[0] + s[m.end() :]
    m = _quality_pair(s)
    if m:
        return s[: m.end(1)] + s[m.end() :]
    m = _OPINION_FRAME.search(s)
    if m:
        return s[: m.end(1)] + s[m.end(2) :]
    return None


def _pair(sentence: str) -> tuple[str | None, str | None] | None:
    """(first part, second part) of a double-barreled sentence; the second is None when
    the two things cannot be asked apart as they stand (two qualities, a topic list)."""
    s = _protect(_SPLIT_NOTE.sub("", sentence)).rstrip("?.! ")
    if _EACH.search(s):
        return None, None
    if _AS_WELL_AS.search(s):
        return _first_only(s), None
    if _WARM_UP_PAIR.match(s):
        return None  # "Tell me about yourself: where you work, what a day looks like"
    for finder in (_wh_pair, _aux_pair, _yes_no_pair, _verb_pair, _coordinated, _np_pair):
        found = finder(s)
        if found:
            return found
    if (
        _ADJ_PAIR.search(s)
        or _OPINION_TWO.search(s)
        or _quality_pair(s)
        or _OPINION_FRAME.search(s)
    ):
        return _first_only(s), None
    return None


# The warm-up's "about yourself and your role / where you work and what a day looks like"
# is one invitation to introduce themselves.
_WARM_UP_PAIR = re.compile(
    r"^(?:(?:can|could|would)\s+you\s+)?(?:tell|share\s+with)\s+(?:me|us)\s+(?:a\s+(?:bit|little)\s+|briefly\s+)?about\s+"
    r"(?:yourself|your\s+(?:role|work|job|background))\b"
    r"|^where\s+do\s+you\s+work,?\s+and\s+what\s+does\s+a\s+typical\b"
)
# A second question about the first one's consequence or its other side ("What worked?
# What didn't?", "…? What was the impact?") probes the same thing.
_SAME_THING = re.compile(
    r"^(?:what|what's|how)\s+(?:\w+\s+)?(?:didn't|doesn't|don't|wasn't|isn't|not)\b"
    r"|\b(?:impact|effect|result|consequence|outcome|difference)\b"
    r"|^what\s+(?:was|were|is)\s+missing\b"
)
# A yes/no question after a wh-question about something else: "What keeps you involved?
# Do you have long-term plans?" (not an invitation: "…? Can you give me an example?").
_YES_NO_AFTER = re.compile(r"^(?:do|does|did|have|has|is|are|was|were)\s+(?:you|your|they)\b")


_NEXT_TOPIC = re.compile(
    r"^(?:and|also|plus)\s+(?:also\s+)?(?=(?:what|what's|how|why|when|where|who|which)\b)"
)


def _sentence_pair(p: Parsed) -> tuple[str, str] | None:
    """ "How do you plan trips? And how do you pay for them?": a second topic tacked on.
    Without the "and", two wh-questions still ask two things when the second neither
    refers back to the first nor probes an episode the first opened ("How did you choose
    your supplier? How do you read your meter?")."""
    asked = [s.text for s in p.sentences]
    for before, after in zip(asked, asked[1:], strict=False):
        m = _NEXT_TOPIC.match(after)
        if m and before.endswith("?") and not _FOLLOW_UP.match(after[m.end() :]):
            return before.rstrip("?"), after[m.end() :]
        if (
            before.endswith("?")
            and after.endswith("?")
            and before.split(" ", 1)[0] in _WH_FIRST
            and after.split(" ", 1)[0] in _WH_FIRST
            and not before.startswith("why ")
            and len(before.split()) > 2
            and not _EPISODE.match(before)
            and not _FOLLOW_UP.match(after)
            and not _SAME_THING.search(after)
            and not _ANAPHORA.search(after)
        ):
            return before.rstrip("?"), after
        if (
            before.endswith("?")
            and after.endswith("?")
            and before.split(" ", 1)[0] in _WH_FIRST
            and _YES_NO_AFTER.match(after)
            and len(after.split()) > 4
            and not _FOLLOW_UP.match(after)
        ):
            return before.rstrip("?"), after
    return None


_WH_FIRST = frozenset(["what", "what's", "how", "how's", "why", "when", "where", "who", "which"])


def check(p: Parsed, *, suggest: bool = True) -> Hit | None:
    """The finding; its rewrite is the first part asked on its own, and `parts` holds both
    parts so the caller can repair each before quoting them."""
    if _EACH.search(_protect(p.low)):
        return Hit(
            "It lists several topics and asks about each, so answers will be thin on all of them. Ask about one topic at a time."
        )
    pairs = [_pair(s.text) for s in p.sentences] + [_sentence_pair(p)]
    for found in pairs:
        if not found:
            continue
        left, right = found
        first = _question(left.replace("\x00", " ")) if left else None
        if right is None:
            return Hit(
                "It asks about two things at once, so the participant will answer one and skip the other. Ask about each separately.",
                first,
            )
        later = _question(right.replace("\x00", " "))
        why = (
            "It asks two things at once, so the participant will answer one and skip the other. "
            f'Ask "{first}" now and "{later}" separately.'
        )
        return Hit(why, first, (first, later) if first else ())
    return None
