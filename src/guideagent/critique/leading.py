"""leading: the question suggests the wanted answer or presumes a feeling, a judgement or a fact.

Signals, each a word class rather than a sentence: negative and tag questions ("Don't you
think…", "…, right?"), presuming adverbs ("surely", "obviously"), social proof and premises
("Most customers say…", "Given how slow…"), degree questions about a feeling ("How
frustrating…", "How much do you love…"), presumed effects ("How has X improved…"),
"Why is X so Y", praise-seeking ("What did you like best…"), and loaded adjectives.
"If anything" / "if at all" neutralise a presumption, and words the participant used
("the ticket you thought was unfair") are theirs, not ours.
"""

from __future__ import annotations

import re

from guideagent.critique import rewrite as rw
from guideagent.critique.lexicon import (
    COMPARATIVE,
    EFFECT_VERBS,
    EMOTIVE,
    FEELING_VERBS,
    LOADED,
    LOADED_NOUNS,
    NEG_AUX,
    NEGATIVE_FEELING_VERBS,
    PEOPLE,
    PRESUMING,
)
from guideagent.critique.text import Hit, Parsed, Sentence, parse

_NEUTRAL = re.compile(
    r"\bif (?:at all|anything|any|ever|so)\b|\bor not\b|\bwhether or not\b|\bif you do\b"
)
_SUBJECT = (
    r"(?:you|it|that|this|they|there|the|we|your|our|he|she|those|these|people|anyone|everyone)"
)
_NEG_START = re.compile(
    rf"^(?:{'|'.join(sorted(NEG_AUX))})\s+{_SUBJECT}\b|^(?:do|does|did|is|are|was|were)\s+(?:you|it)\s+not\b"
)
_TAG = re.compile(
    r"(?:,|(?<=\w\s\w{2})|\w\s)\s*(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|haven't|hasn't|can't|couldn't|shouldn't)"
    r"\s+(?:it|they|you|he|she|we|there|that|i)\s*[?.!]*$"
    r"|,\s*(?:right|correct|yeah|true|agreed|eh|huh|no|surely|ok|okay)\s*[?.!]*$"
    r"|\bam i right\b|\bwouldn't you (?:agree|say)\b|\bdon't you (?:agree|think)\b|\byou(?:'d|\s+would)\s+agree\b"
    r"|\bwould you agree\b|\b(?:would it be|is it)\s+fair\s+to\s+say\b|\bisn't that (?:so|right|true)\b"
)
_PRESUMING = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in PRESUMING) + r")\b")
_SOCIAL = re.compile(
    rf"\b(?:most|many|lots|plenty|all|so many|a lot|nearly all|almost all|the majority)\s+(?:of\s+)?(?:our\s+|the\s+|your\s+|other\s+|these\s+)?"
    rf"(?:\w+\s+)?(?:{PEOPLE})\s+(?:\w+\s+)?(?:say|said|tell|told|find|found|love|loved|agree|agreed|report|reported|"
    r"mention|mentioned|complain|complained|feel|felt|think|thought|prefer|preferred|hate|hated|struggle|struggled|"
    r"like|liked|enjoy|enjoyed|rave|swear)\b"
    r"|\beveryone\b[^.?]*?\b(?:says?|said|tells?|told|finds?|found|loves?|loved|agrees?|knows?|hates?|thinks?)\b"
    r"|\b(?:research|studies|the data|our data)\s+(?:shows?|says|suggests|proves?)\b|\bgiven\s+(?:that|how|the fact)\b"
)
_DEGREE = re.compile(
    r"^how\s+(?:much\s+|very\s+|really\s+)?([a-z'-]+)(?:\s+(or|and)\s+([a-z'-]+))?"
)
_HOW_MUCH_FEEL = re.compile(
    rf"\bhow\s+much\s+(?:(?:do|did|does|have|has|would)\s+)?you\s+(?:really\s+|still\s+)?(?:{FEELING_VERBS}|like|liked|value|valued)\b"
)
_HOW_MUCH_EFFECT = re.compile(
    rf"^how\s+much\s+(?:has|have|did|does|do|is|was|will)\b.*\b(?:{EFFECT_VERBS})\b"
)
_EFFECT = re.compile(
    rf"^how\s+(?:has|have|did|does|do|will|can|is|was|could)\s+(?!you\b)(?:[\w'-]+\s+){{1,5}}?(?:(?:{EFFECT_VERBS})\b"
    r"|(?:make|made|makes|making)\s+(?:[\w'-]+\s+){0,4}?(?:easier|better|simpler|faster|quicker|smoother|nicer|more\s+\w+)\b)"
)
_PRAISE = re.compile(
    rf"^what\s+(?:do|did|does|would)\s+you\s+(?:most\s+|really\s+)?(?:{FEELING_VERBS})\b"
    r"|\blike\s+(?:best|most)\b|\b(?:love|loved|enjoy|enjoyed|hate|hated)\s+(?:most|best|about)\b"
    r"|^what\s+(?:was|is|were|'s|are)\s+(?:the|your)\s+(?:very\s+)?(?:best|greatest|coolest|nicest)\s+(?:part|thing|bit|feature|moment)s?\b"
    r"|\bwhat\s+you\s+(?:love|loved|enjoy|enjoyed|hate|hated)\b"
)
_FAVOURITE_OURS = re.compile(
    r"\bfavou?rite\s+(?:part|thing|bit|feature)s?\s+(?:of|about)\s+(?:our|us|the new)\b"
)
_BARE_FEELING = re.compile(
    rf"^what\s+(?:\w+\s+)?(?:{NEGATIVE_FEELING_VERBS}|confuses|confused|drives\s+you)\b"
    r"|^what\s+(?:was|is|were|'s|are)\s+(?:so\s+)?(?:frustrating|annoying|confusing|irritating|great|amazing|good|bad)\b"
    r"|^what\s+(?:do|did)\s+you\s+(?:find|found)\s+(?:most\s+|so\s+)?(?:frustrating|annoying|confusing|irritating)\b"
)
_COMPARED = re.compile(
    r"\b(?:our|us|we)\b[^?]*?\b(?:easier|better|faster|simpler|quicker|clearer|nicer|smoother|cheaper)\s+than\b|"
    r"\b(?:find|think|feel|agree)\b(?:\s+[\w'-]+){0,6}?\s+(?:easier|better|faster|simpler|quicker|clearer|nicer|smoother|more\s+\w+|worse|slower|harder)\s+than\b"
)
_WHY = re.compile(r"^why\s+(?:is|are|was|were|does|do|did|'s|has|have)\b")
_WHY_PRESUMES = re.compile(
    r"\b(?:so|such|too|always|never)\b|\b(?:more|better|worse|less)\s+than\b|\bover\s+(?:the|other|our|their|your)\b"
)
_WHY_PREFER = re.compile(
    r"^why\s+(?:do|did|does)\s+you\s+(?:prefer|love|trust|enjoy|hate|like)\b.*\b(?:our|us|over|than|to)\b"
)
_OWN_WORDS = re.compile(
    r"\b(?:you|they|he|she)\s+(?:thought|think|felt|feel|found|find|said|say|called|call|described|consider|considered|'d\s+call)\b"
    r"|\b(?:any|anything|something)\b"
)


def _loaded(text: str) -> str | None:
    """A loaded word in our voice (not in the participant's framing, not neutralised)."""
    words = re.findall(r"[a-z'-]+", text)
    for i, w in enumerate(words):
        if w in LOADED:
            window = " ".join(words[max(0, i - 6) : i])
            if not _OWN_WORDS.search(window) and not _NEUTRAL.search(text):
                return w
    for phrase in LOADED_NOUNS:
        idx = text.find(phrase)
        if idx >= 0 and not _OWN_WORDS.search(text[max(0, idx - 40) : idx]):
            return phrase
    return None


_RATING = re.compile(r"\bscale\b|\bout of (?:five|ten|5|10)\b|\brate\b")
_FEEL_HOW = re.compile(
    r"^how\s+[a-z'-]+\s+(?:did|do|does|would|will)\s+(?:you|they|it)\s+(?:feel|find)\b"
)
_PARTICIPIAL = re.compile(
    r"^how\s+(?:much\s+)?([a-z'-]+(?:ing|ed))\s+(?:is|was|are|were|it|did|do)\b"
)


def _degree(head: str) -> str | None:
    m = _DEGREE.match(head)
    if not m or _NEUTRAL.search(head):
        return None
    word = m.group(1)
    if _FEEL_HOW.match(head) or _PARTICIPIAL.match(head):
        return word  # "How confident did you feel…", "How satisfying was…"
    balanced = m.group(2) == "or" and m.group(3) in EMOTIVE
    if balanced:
        return None
    if word in EMOTIVE or word == "fun" or (head.startswith("how much") and word in COMPARATIVE):
        return word
    return None


def is_degree_question(s: Sentence) -> bool:
    """ "How much do you love…", "How much has X improved…": leading, so not judged closed.
    A rating ("On a scale of 1 to 10, how fit do you feel?") is a scale, not a presumption."""
    if _RATING.search(s.text):
        return False
    return bool(_degree(s.head) or _HOW_MUCH_FEEL.search(s.text) or _HOW_MUCH_EFFECT.match(s.head))


def sentence_signal(s: Sentence) -> str | None:
    """Which presumption a sentence makes, in a few words, or None."""
    h, t = s.head, s.text
    if _NEG_START.match(h):
        return "negative question"
    if _TAG.search(t):
        return "tag"
    if _PRESUMING.search(t):
        return "presuming word"
    if _SOCIAL.search(t):
        return "premise"
    if _NEUTRAL.search(t):
        return None
    if is_degree_question(s):
        return "degree"
    if _EFFECT.match(h):
        return "effect"
    if _PRAISE.search(t) or _FAVOURITE_OURS.search(t):
        return "praise"
    if _BARE_FEELING.match(h):
        return "feeling"
    if s.is_question and _COMPARED.search(t):
        return "comparison"
    if _WHY.match(h) and "why not" not in h and (_WHY_PRESUMES.search(h) or _WHY_PREFER.match(h)):
        return "why"
    if _WHY_PREFER.match(h):
        return "why"
    if s.is_question and _loaded(t):
        return "loaded"
    return None


_EXPLAIN = {
    "negative question": 'A negative question ("Don\'t you think…") tells the participant which answer you expect.',
    "tag": 'The tag ("…, right?", "…, isn\'t it?") asks the participant to agree rather than to tell you what happened.',
    "presuming word": 'Words like "surely" or "obviously" state the answer you expect.',
    "premise": "It opens with what others say or with a premise, which pushes the participant to agree.",
    "degree": 'Asking how much of a feeling ("How frustrating…", "How much do you love…") presumes the feeling is there.',
    "effect": "It presumes the product made things better; the participant may not have found that.",
    "praise": "It invites praise and presumes a positive (or negative) feeling the participant may not have.",
    "feeling": "It presumes the feeling; ask what, if anything, they felt instead.",
    "comparison": 'It puts the comparison in the participant\'s mouth ("…easier than…"); let them make it.',
    "why": '"Why is X so…" presumes the judgement and asks the participant to justify it.',
    "loaded": "A loaded word in the question tells the participant what to think of the thing.",
}


def _subject_before_be(statement: str) -> str | None:
    statement = re.sub(
        r"^(?:you(?:'d| would) agree that|surely|obviously|clearly)\s+", "", statement
    )
    m = re.match(r"^(.+?)\s+(?:is|are|was|were)\s+", statement)
    return m.group(1) if m else None


def _rewrite(p: Parsed, kind: str) -> str | None:
    q = next((s for s in p.questions if sentence_signal(s)), p.questions[0])
    h = q.head.rstrip("?.! ")
    candidates: list[str | None] = []
    m = re.match(r"^how\s+(?:much\s+)?[a-z'-]+\s+(?:is|was|are|were)\s+(?:it\s+)?(.+)$", h)
    if m:
        rest = re.split(r"\s+than\s+", m.group(1))[0]
        when = re.match(r"^you\s+when\s+(.+)$", rest)
        candidates.append(
            rw.sentence(f"Tell me about when {when.group(1)}. How did you feel?", "")
            if when
            else rw.experience_of(rest)
        )
    m = re.match(r"^how\s+[a-z'-]+\s+did\s+you\s+find\s+(.+)$", h)
    if m:
        candidates.append(rw.experience_of(m.group(1)))
    m = re.search(rf"\b(?:{FEELING_VERBS}|like)\s+(?:most\s+|best\s+)?(?:about\s+)?(.+)$", h)
    if m and kind in ("degree", "praise"):
        candidates.append(rw.experience_of(re.sub(r"^about\s+", "", m.group(1))))
    m = re.match(r"^why\s+(?:is|was)\s+it\s+(?:so|such|always)\s+[a-z'-]+\s+(to\s+.+)$", h)
    if m:
        candidates.append(rw.experience_of(m.group(1)))
    m = re.match(r"^why\s+(?:is|are|was|were)\s+(?!it\b)(.+?)\s+(?:so|such|always)\b", h)
    if m:
        candidates.append(rw.experience_of(m.group(1)))
    m = re.match(
        r"^(?:don't|doesn't|didn't)\s+you\s+(?:think|find|feel|agree)\s+(?:that\s+)?(.+)$", h
    )
    if m:
        subject = _subject_before_be(m.group(1))
        candidates.append(rw.experience_of(subject) if subject else None)
    m = re.match(r"^(?:isn't|wasn't)\s+it\s+[a-z'-]+\s+when\s+(.+)$", h)
    if m:
        candidates.append(rw.sentence(f"What's it like for you when {m.group(1)}", "?"))
    if kind == "tag":
        statement = re.split(r",\s*(?:\w+n't\s+\w+|right|correct|yeah|true|am i right)\s*$", h)[0]
        subject = _subject_before_be(statement)
        candidates.append(rw.experience_of(subject) if subject else rw.from_you_clause(statement))
    if kind == "presuming word":
        candidates.append(rw.from_you_clause(_PRESUMING.sub("", h)))
    if kind in ("effect", "premise", "degree"):
        neutral = re.sub(rf"\b(?:{EFFECT_VERBS})\s+you\b", "changed things for you", h)
        neutral = re.sub(rf"\b(?:{EFFECT_VERBS})\b", "changed", neutral)
        neutral = re.sub(
            r"\b(make|made|makes)\s+((?:[\w'-]+\s+){0,4}?)(?:easier|better|simpler|faster|quicker|smoother|nicer)\b",
            r"changed \2",
            neutral,
        )
        neutral = re.sub(r"^how\s+(?:much\s+)?", "how, if at all, ", neutral)
        candidates.append(rw.sentence(neutral, "?"))
    for c in candidates:
        if c and not any(sentence_signal(s) for s in parse(c).sentences):
            return c
    return None


def check(p: Parsed) -> Hit | None:
    kind = next((k for s in p.sentences if (k := sentence_signal(s))), None)
    if kind is None:
        return None
    return Hit(_EXPLAIN[kind] + " Ask neutrally about what actually happened.", _rewrite(p, kind))
