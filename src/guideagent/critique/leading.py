"""leading: the question suggests the wanted answer or presumes a feeling, a judgement or a fact.

Signals, each a word class rather than a sentence: negative and tag questions ("Don't you
think…", "…, right?"), presuming adverbs ("surely", "obviously"), social proof and premises
("Most customers say…", "Given how slow…"), degree questions about a feeling ("How
frustrating…", "How much do you love…"), presumed effects ("How has X improved…"),
"Why is X so Y", praise-seeking ("What did you like best…"), and loaded adjectives.
"If anything" / "if at all" neutralise a presumption, and words the participant used
("the ticket you thought was unfair", "You said it was stressful. What made it so
stressful?") are theirs, not ours.

Further word classes and patterns: presupposed-size nouns ("How big a problem…"),
comparatives of states ("How much calmer…"), presumed benefits ("What benefits have you
noticed…", "In what ways has X helped…"), evaluative superlatives ("the most exciting
thing…"), feeling nouns taken as given ("the hassle of…", "your struggles with…"), stated
feelings ("It must be exhausting…", "I'm guessing…"), "finally" about a change, premises
that open a sentence ("Other parents have told us…"), the same presumptions embedded in an
open request ("Tell me how much easier…"), and a reason question answered for the
participant ("What made you switch? Was it the price?").

Longer than 400 lines because the word classes and the phrases that neutralise them must
be read together; the planned split is issue 10's registry (one module per check, the
lexicons as data files).
"""

from __future__ import annotations

import re

from guideagent.critique import rewrite as rw
from guideagent.critique.lexicon import (
    AUX,
    COMPARATIVE,
    DEGREE_VERBS,
    EFFECT_VERBS,
    EMOTIVE,
    FEELING_NOUNS,
    FEELING_VERBS,
    IMPRESS_VERBS,
    LOADED,
    LOADED_NOUNS,
    NEG_AUX,
    NEGATIVE_FEELING_VERBS,
    PEOPLE,
    PRESUMING,
    SPEECH_VERBS,
    STATES,
    STRONG_FEELING_VERBS,
    words,
)
from guideagent.critique.text import OPEN_REQUEST, Hit, Parsed, Sentence, parse

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
    rf"|\b(?:most|many|lots\s+of|plenty\s+of|so\s+many|a\s+lot\s+of|the\s+majority\s+of)\s+(?:our\s+|the\s+|your\s+|other\s+|these\s+)?"
    rf"(?:\w+\s+)?[a-z'-]{{3,}}s\s+(?:have\s+|keep\s+|often\s+|always\s+)?(?:{SPEECH_VERBS})\b"
    r"|\b(?:everyone|everybody)\b[^.?]*?\b(?:says?|said|tells?|told|finds?|found|loves?|loved|agrees?|knows?|hates?|thinks?|raves?|raved|swears?|adores?|praises?|complains?|complained)\b"
    r"|\blike\s+(?:most|many|everyone|all)\b(?:\s+(?:other|of\s+our|of\s+the))?(?:\s+\w+)?\s*,"
    r"|\b(?:research|studies|the data|our data)\s+(?:shows?|says|suggests|proves?)\b|\bgiven\s+(?:that|how|the fact)\b"
    r"|^given\s+(?:the|your|all\s+the)\s+(?:\w+\s+)?(?:long|high|rising|poor|huge|constant|endless|awful|terrible|bad|slow|crazy|soaring|spiralling|spiraling|ridiculous|obvious)\b"
)
# A premise that opens the sentence: "Other parents have told us…", "We've heard that…".
_PREMISE_START = re.compile(
    r"^(?:(?:so|and|but|now|ok|okay|well|look),?\s+)?(?:"
    rf"(?:other|some|several|our|a\s+few|loads\s+of)\s+(?:\w+\s+)?[a-z'-]{{3,}}s\s+(?:\w+\s+){{0,3}}?(?:have\s+|has\s+|keep\s+|often\s+|always\s+)?(?:{SPEECH_VERBS})\b"
    rf"|(?:other|some|several|our|a\s+few|loads\s+of)\s+(?:\w+\s+)?(?:{PEOPLE})\s+(?:\w+\s+){{0,3}}?(?:have\s+|has\s+|keep\s+|often\s+|always\s+)?"
    r"(?:said|says|told\s+us|tell\s+us|say|found|find|complained|complain|mentioned|mention|raved|rave|loved|love|hated|hate|struggled|struggle|reported|swear"
    r"|can't\s+get\s+enough|can't\s+stop\s+(?:talking|raving)|swear\s+by|are\s+obsessed\s+with|go\s+(?:mad|wild|crazy)\s+for)\b"
    r"|we(?:'ve|\s+have)?\s+(?:often\s+|always\s+|already\s+)?(?:heard|hear|been\s+told|found|learned|learnt)\s+(?:from\s+(?:\w+\s+){1,3})?(?:that|a\s+lot|lots|plenty|again)\b"
    r"|people\s+(?:often|always|usually|generally|keep|tend\s+to)\s+(?:say|tell|find|complain|mention|rave)\w*\b)"
)
_DEGREE = re.compile(
    r"^how\s+(?:much\s+|very\s+|really\s+)?([a-z'-]+)(?:\s+(or|and)\s+([a-z'-]+))?"
)
_HOW_MUCH_FEEL = re.compile(
    rf"\bhow\s+much\s+(?:(?:do|did|does|have|has|would)\s+)?(?:you|(?:the|your|our)\s+(?:[\w'-]+\s+){{0,2}}?[\w'-]+|they|people)\s+(?:really\s+|still\s+)?(?:{FEELING_VERBS}|{DEGREE_VERBS}|like|liked|value|valued)\b"
)
# "How big a problem is…", "How much of a hassle…": the size of a presumed problem or gain.
_DEGREE_NOUN = re.compile(
    r"^how\s+(?:big|much|serious|bad|major|great|huge)\s+(?:of\s+)?an?\s+(?:problem|issue|hassle|pain|headache|worry|concern"
    r"|nightmare|struggle|challenge|burden|barrier|obstacle|improvement|difference|help|relief|benefit|boost|deal|faff|chore)\b"
)
# "How much calmer…", "How much healthier…": a comparative presumes the change.
_HOW_MUCH_ER = re.compile(r"^how\s+much\s+([a-z]+?)(?:ier|er)\b")
_HOW_MUCH_EFFECT = re.compile(
    rf"^how\s+much\s+(?:(?:time|money|effort|stress|hassle|work|paperwork)\s+)?(?:has|have|did|does|do|is|was|will)\b.*\b(?:{EFFECT_VERBS})\b"
)
_EFFECT = re.compile(
    rf"^(?:how|in\s+(?:what|which)\s+ways?|what\s+ways)\s+(?:has|have|did|does|do|will|can|is|was|could)\s+(?!you\b)(?:[\w'-]+\s+){{1,5}}?(?:(?:{EFFECT_VERBS})\b"
    r"|(?:make|made|makes|making)\s+(?:[\w'-]+\s+){0,4}?(?:easier|better|simpler|faster|quicker|smoother|nicer|more\s+\w+)\b)"
)
# "Tell me how the new portal has made booking simpler": the same presumption, embedded.
_EFFECT_EMBEDDED = re.compile(
    rf"^(?:(?:tell|show)\s+(?:me|us)|describe|explain|share)\s+(?:how|in\s+what\s+ways?)\s+(?!you\b)(?:[\w'-]+\s+){{1,5}}?(?:has|have|had)\s+(?:really\s+)?"
    rf"(?:(?:{EFFECT_VERBS})\b|(?:made)\s+(?:[\w'-]+\s+){{0,4}}?(?:easier|better|simpler|faster|quicker|smoother|nicer|more\s+\w+)\b)"
)
# "What benefits have you noticed…": the gain is the premise.
_BENEFIT = re.compile(
    r"^what\s+(?:(?:other|real|main|big|biggest)\s+)?(?:benefits?|improvements?|advantages?|gains?|positive\s+(?:changes?|effects?|impact|difference))"
    r"\s+(?:have|has|did|do|does)\s+(?:you|it|they|the\s+[\w'-]+|our\s+[\w'-]+|this|that)\s+(?:[\w'-]+\s+)?"
    r"(?:noticed|notice|seen|see|felt|feel|experienced|gained|gain|enjoyed|found|brought|bring|delivered|made)\b"
)
_PRAISE = re.compile(
    rf"^what\s+(?:do|did|does|would)\s+you\s+(?:most\s+|really\s+)?(?:{FEELING_VERBS})\b"
    r"|\blike\s+(?:best|most)\b|\b(?:love|loved|enjoy|enjoyed|hate|hated)\s+(?:most|best|about)\b"
    r"|^what(?:'s|\s+(?:was|is|were|'s|are))\s+(?:the|your)\s+(?:very\s+)?(?:best|greatest|coolest|nicest|most\s+[a-z'-]+)\s+(?:part|thing|bit|feature|moment|aspect)s?\b"
    r"|^what(?:'s|\s+(?:was|is|were|'s|are))\s+(?:the|your)\s+(?:very\s+)?worst\s+(?:part|thing|bit|feature|moment|aspect)s?\s+(?:about|of|with)\s+(?:our|us|the\s+new)\b"
    rf"|^what\s+(?:\w+\s+)?(?:{IMPRESS_VERBS})\s+you\b"
    r"|\bwhat\s+you\s+(?:love|loved|enjoy|enjoyed|hate|hated)\b"
)
_FAVOURITE_OURS = re.compile(
    r"\bfavou?rite\s+(?:part|thing|bit|feature)s?\s+(?:of|about)\s+(?:our|us|the new)\b"
)
_BARE_FEELING = re.compile(
    rf"^what\s+(?:\w+\s+)?(?:{NEGATIVE_FEELING_VERBS}|confuses|confused|drives\s+you)\b"
    r"|^what\s+(?:\w+\s+)?(?:drove|drives|drive|sent|sends|gets|got|wound|winds)\s+you\s+(?:mad|crazy|nuts|up\s+the\s+wall|round\s+the\s+bend|potty|wild|down|up)\b"
    r"|^what\s+(?:\w+\s+)?(?:got|gets|get)\s+on\s+your\s+nerves\b"
    r"|^what(?:'s|\s+(?:was|is|were|'s|are))\s+(?:so\s+)?(?:frustrating|annoying|confusing|irritating|great|amazing|good|bad)\b"
    r"|^what\s+(?:do|did)\s+you\s+(?:find|found)\s+(?:most\s+|so\s+)?(?:frustrating|annoying|confusing|irritating)\b"
)
# "What did you find most useful…", "What was most helpful about…": the value is presumed.
# (Difficulty is left alone: "What's the hardest part…" is an accepted neutral probe.)
_FIND_MOST = re.compile(
    r"^what\s+(?:(?:do|did)\s+you\s+(?:find|found)|(?:was|is|were|'s)|'s)\s+(?:the\s+)?(?:most|so|particularly|especially|really)\s+([a-z'-]+)"
)

# Difficulty ("What's the hardest part…") is the accepted neutral probe, and priorities
# ("What's most important to you…") judge nothing.
_DIFFICULTY = words(
    """
    difficult hard tricky challenging complicated awkward slow time-consuming tiring
    exhausting important essential
    """
)
# "the most difficult part" is the accepted "hardest part" probe; "the most memorable
# part" judges nothing. Only an evaluative superlative presumes the verdict.
_NEUTRAL_SUPERLATIVE = re.compile(
    r"^what(?:'s|\s+(?:was|is|were|'s|are))\s+(?:the|your)\s+(?:very\s+)?most\s+(?!(?:"
    + "|".join(sorted(EMOTIVE - _DIFFICULTY))
    + r")\b)"
)
# "It must be exhausting…", "You must have been thrilled…": the feeling stated for them.
_MUST_FEEL = re.compile(
    r"\bmust\s+(?:be|have\s+been|feel|get|make\s+you\s+feel)\s+(?:so\s+|really\s+|quite\s+|pretty\s+|very\s+|a\s+bit\s+)?([a-z'-]+)"
    rf"|\b(?:you|they|people)\s+must\s+(?:really\s+|absolutely\s+)?(?:{FEELING_VERBS}|miss|dread)\b"
)
# Both sides offered: "What's good and bad about…", "what works and what doesn't".
_BALANCED = re.compile(
    r"\b(?:good|great|best|positive|easy|like)\s+(?:and|or)\s+(?:the\s+|what's\s+)?(?:bad|not\s+so\s+good|worst|negative|hard|dislike)\b"
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
    r"\b(?<!\bdo\s)(?<!\bdid\s)(?<!\bdoes\s)(?:you|they|he|she)\s+(?:thought|think|felt|feel|found|find|said|say|called|call|described|consider|considered|'d\s+call|mean|meant|mentioned|used)\b"
    r"|\b(?:any|anything|something)\b"
)


# "the hassle of…", "your struggles with…", "the stress of…": the feeling is taken as given.
_GIVEN_FEELING = re.compile(
    rf"\b(?:the|your|all\s+the|such|that|this)\s+(?:(?:constant|endless|daily|usual|whole|biggest|main|real|many|obvious)\s+)?"
    rf"(?:{FEELING_NOUNS})\s+(?:of|with|around|involved|that\s+comes)\b"
    r"|\byour\s+(?:\w+\s+)?struggles?\b"
)
# "Now that you can finally…", "…was finally fixed": the change is presumed welcome.
_FINALLY = re.compile(
    r"\b(?:now\s+that|since|with)\b[^?]*\bfinally\b"
    r"|\b(?:is|are|was|were|has|have|got|get|had)\s+finally\b"
    r"|\bfinally\s+(?:fixed|sorted|added|launched|arrived|here|available|able|working|works|listening|listens)\b"
)
# "What makes our checkout so much quicker…": "Why is X so Y" in another form.
_WHAT_MAKES_SO = re.compile(
    r"^what\s+(?:is\s+it\s+about\s+[^?]*?\s+that\s+makes?|makes|made|keeps|kept)\b[^?]*?"
    r"(?:\b(?:so|such)\s+(?:much\s+|a\s+)?[a-z'-]+|\b(?:our|us|we|the\s+new)\b[^?]*?(?:\bthe\s+(?:best|greatest|finest|top|number\s+one)\b|\bstand\s+out\b|\bspecial\b))"
)
# An open request wrapping the question: "Tell me how much easier…", "Paint me a picture
# of how helpful…". The embedded clause carries the same presumption.
_REQUEST_WRAP = re.compile(
    r"^(?:(?:can|could|would)\s+you\s+)?(?:tell\s+(?:me|us)|describe|explain|share|paint\s+(?:me\s+|us\s+)?a\s+picture\s+of"
    r"|(?:walk|talk|run|take)\s+(?:me|us)\s+through|go\s+through|give\s+(?:me|us)\s+a\s+sense\s+of)\s+(?=(?:how|what|why)\b)"
)
# A reason question answered for the participant: "What made you switch? Was it the price?"
_REASON = re.compile(
    r"^(?:why\b|how\s+come\b|what\s+(?:\w+\s+)?(?:made|makes|led|leads|prompted|caused|drove|pushed|got)\b)"
)
_GUESS = re.compile(
    r"^(?:was|is|were|did)\s+(?:it|that|this)\s+(?:(?:mainly|mostly|just|partly|really|all)\s+)?(?:because|the|due|down\s+to|too|your|their|a|an|about)\b"
    r"|^(?:maybe|perhaps|probably|i\s+guess)\b"
)
_GUESS_INLINE = re.compile(
    r",\s*(?:was|is)\s+(?:it|that)\s+(?:(?:mainly|mostly|just|partly|really)\s+)?(?:because|the|due|down\s+to|too)\b"
)


def _suggested_answer(p: Parsed) -> bool:
    for a, b in zip(p.sentences, p.sentences[1:], strict=False):
        if _REASON.match(a.head) and a.text.endswith("?") and _GUESS.match(b.head):
            return True
    return any(_REASON.match(s.head) and _GUESS_INLINE.search(s.head) for s in p.sentences)


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
        quoted = idx > 0 and text[idx - 1] in "'\""
        if idx >= 0 and not quoted and not _OWN_WORDS.search(text[max(0, idx - 40) : idx]):
            return phrase
    return None


# "Do you love how the app…?", "Did you enjoy the trip?", "How are you enjoying the new
# app?": whether or how the participant feels a strong feeling, which the question takes
# as given. (Open forms of the same presumption, "What do you love about…", are praise.)
_FEELING_ASKED = re.compile(
    r"^(?:how\s+)?(?:do|does|did|are|were|is|was|have|has|would|will)\s+"
    r"(?:you|they|your\s+[\w'-]+|the\s+[\w'-]+|people)\s+(?:(?:really|still|ever|actually|also|generally|usually)\s+)?"
    rf"(?:{STRONG_FEELING_VERBS})\b"
)
_RATING = re.compile(r"\bscale\b|\bout of (?:five|ten|5|10)\b|\brate\b")
_FEEL_HOW = re.compile(
    r"^how\s+(?!(?:often|many|long|frequently|far|soon|regularly|quickly|early|late)\b)[a-z'-]+\s+(?:did|do|does|would|will)\s+(?:you|they|it)\s+(?:feel|find)\b"
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
    other = m.group(3) or ""
    balanced = m.group(2) == "or" and (
        other in EMOTIVE
        or other in ("not", "otherwise")
        or other.endswith(word)
        or word.endswith(other)
    )
    if balanced:
        return None
    if word in EMOTIVE or word == "fun" or (head.startswith("how much") and word in COMPARATIVE):
        return word
    m = _DEGREE_NOUN.match(head)
    if m:
        return m.group(0)
    m = _HOW_MUCH_ER.match(head)
    if m:
        stem = m.group(1)
        for base in (stem, stem + "e", stem + "y", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
            if base in STATES or base in EMOTIVE:
                return m.group(0)
    return None


_INTO_CLAUSE = re.compile(
    r"^(?:\s*(?:me|us|through|about|of|to|back|a\s+bit|more|a\s+picture|picture))*\s*(?=(?:how|what|why)\b)"
)


def _embedded(head: str) -> str | None:
    """The wh-clause inside an open request ("tell me how much easier it got" -> "how much…")."""
    m = _REQUEST_WRAP.match(head)
    if m:
        return head[m.end() :]
    r = OPEN_REQUEST.match(head)
    if r:
        c = _INTO_CLAUSE.match(head[r.end() :])
        if c:
            return head[r.end() + c.end() :]
    return None


def is_degree_question(s: Sentence) -> bool:
    """ "How much do you love…", "How much has X improved…": leading, so not judged closed.
    A rating ("On a scale of 1 to 10, how fit do you feel?") is a scale, not a presumption."""
    if _RATING.search(s.text):
        return False
    return bool(_degree(s.head) or _HOW_MUCH_FEEL.search(s.text) or _HOW_MUCH_EFFECT.match(s.head))


def _embedded_signal(head: str) -> str | None:
    inner = _embedded(head)
    if not inner or inner.startswith(("how you", "what you", "why you")):
        return None
    if _degree(inner) or _HOW_MUCH_EFFECT.match(inner):
        return "degree"
    if _WHAT_MAKES_SO.match(inner):
        return "why"
    return None


# A yes/no question that carries a judgement ("Is the checkout page clear?", "Did the
# reminder emails help you?", "Were you satisfied with the outcome?") offers the answer it
# names: saying yes is easier than disagreeing. "Do you like the app?" asks for the
# participant's own feeling in a neutral verb and stays closed only (DESIGN.md).
_EVALUATIVE = words(
    """
    clear unclear easy easier hard harder difficult simple simpler useful helpful unhelpful
    help helps helped reliable unreliable intuitive confusing confused annoying frustrating
    frustrated fair unfair fast faster quick quicker slow slower good better bad worse great
    satisfied dissatisfied happy unhappy friendly valuable worth worthwhile convenient
    inconvenient accurate responsive smooth straightforward user-friendly clunky complicated
    effective pleasant enjoyable stressful painful seamless obvious
    """
)
_YES_NO_EVAL = re.compile(
    r"^(?:is|are|was|were|isn't|aren't|wasn't|weren't|did|does|do|didn't|doesn't|don't|has|have|hasn't|haven't)\s+"
    r"(?!(?:you|we)\s+(?:able|allowed|have|need|use|know)\b)"
    r"(?:[\w'-]+\s+){0,7}?([\w'-]+)\b"
)


def _evaluated(h: str) -> str | None:
    """The thing a yes/no evaluation judges: "is the booking form clear" -> "the booking
    form", "were you satisfied with the outcome" -> "the outcome"."""
    said = h.split()
    if not said or said[0] not in AUX:
        return None
    at = next(
        (i for i, w in enumerate(said) if w in _EVALUATIVE or w in ("make", "made", "makes")), None
    )
    if at is None:
        return None
    if said[1:2] == ["you"]:
        m = re.match(r"^(?:with|about|by|of)\s+(.+)$", " ".join(said[at + 1 :]))
        if m:
            return m.group(1)  # "were you satisfied with the outcome"
        if said[2:3] in (["find"], ["think"]) and at > 3:
            return " ".join(said[3:at])  # "did you find the tutorial helpful"
        return None
    thing = said[1:at]
    while thing and thing[-1] in (
        "really",
        "very",
        "so",
        "too",
        "more",
        "less",
        "actually",
        "easy",
    ):
        thing = thing[:-1]
    return " ".join(thing) or None


def _evaluative_yes_no(h: str) -> bool:
    m = _YES_NO_EVAL.match(h)
    if not m or _RATING.search(h) or re.search(r"\b(?:anything|something)\s+else\b", h):
        return False
    said = re.findall(r"[a-z'-]+", h)[1:12]
    return any(w in _EVALUATIVE for w in said) and not re.search(
        r"\b(?:how|what|which|whether)\b", h
    )


# Every form of _TAG contains one of these: a cheap test before the costly pattern.
_TAG_HINTS = ("n't", ",", "right", "agree", "fair")
# "…anything you expected to see that wasn't there?": a relative clause, not a tag.
_RELATIVE_NEG = re.compile(
    r"\b(?:that|which|who|what|where)\s+(?:isn't|aren't|wasn't|weren't|didn't|doesn't|don't)\s+\w+\s*[?.!]*$"
)


# A superlative judgement or a fault taken as given: "What are the biggest frustrations you
# face…", "What is the most successful aspect of…", "What do they get wrong?", "the last
# time you felt frustrated".
_PRESUMED_VERDICT = re.compile(
    r"^(?:what|which)\s+(?:is|are|was|were|'s)\s+(?:the|your)\s+(?:biggest|greatest|worst|main)\s+"
    r"(?:frustrations?|annoyances?|complaints?|gripes?|pain\s+points?|problems?)\b"
    r"|^(?:what|which)\s+(?:is|are|was|were|'s)\s+(?:the|your)\s+most\s+(?:successful|valuable|impressive|exciting|enjoyable|frustrating|annoying)\b"
    r"|^what\s+(?:do|does|did)\s+[\w' -]{2,40}?\s+get\s+wrong\b"
    r"|\bthe\s+last\s+time\s+you\s+(?:felt|were|got)\s+(?:really\s+|so\s+)?(?:frustrated|annoyed|angry|upset|stressed|confused|disappointed|delighted|happy)\b"
)


def sentence_signal(s: Sentence) -> str | None:
    """Which presumption a sentence makes, in a few words, or None."""
    h, t = s.head, s.text
    if _NEG_START.match(h):
        return "negative question"
    if any(k in t for k in _TAG_HINTS) and _TAG.search(t) and not _RELATIVE_NEG.search(t):
        return "tag"
    if _evaluative_yes_no(h):
        return "evaluation"
    if _PRESUMED_VERDICT.search(h):
        return "feeling"
    if _PRESUMING.search(t):
        return "presuming word"
    m = _MUST_FEEL.search(t)
    if m and (m.group(1) is None or m.group(1) in EMOTIVE or m.group(1) in LOADED):
        return "presuming word"
    if _SOCIAL.search(t) or _PREMISE_START.match(t):
        return "premise"
    if _NEUTRAL.search(t):
        return None
    if is_degree_question(s):
        return "degree"
    if _FEELING_ASKED.match(h):
        return "feeling verb"
    if _EFFECT.match(h):
        return "effect"
    if (_PRAISE.search(t) and not _NEUTRAL_SUPERLATIVE.search(h)) or _FAVOURITE_OURS.search(t):
        return "praise"
    if _EFFECT_EMBEDDED.match(h):
        return "effect"
    embedded = _embedded_signal(h)
    if embedded:
        return embedded
    if _BENEFIT.match(h):
        return "effect"
    if _BARE_FEELING.match(h) and not _BALANCED.search(h):
        return "feeling"
    m = _FIND_MOST.match(h)
    if m and m.group(1) in EMOTIVE and m.group(1) not in _DIFFICULTY:
        return "feeling"
    if s.is_question and _COMPARED.search(t):
        return "comparison"
    if _WHY.match(h) and "why not" not in h and (_WHY_PRESUMES.search(h) or _WHY_PREFER.match(h)):
        return "why"
    if _WHY_PREFER.match(h):
        return "why"
    if _WHAT_MAKES_SO.match(h) and not _OWN_WORDS.search(t):
        return "why"
    if _loaded(t):
        return "loaded"
    if _FINALLY.search(t):
        return "loaded"
    m = _GIVEN_FEELING.search(t)
    if (
        m
        and not _OWN_WORDS.search(t[max(0, m.start() - 40) : m.start()])
        and not _OWN_WORDS.search(t[m.end() : m.end() + 30])
    ):
        return "given feeling"
    return None


_EXPLAIN = {
    "negative question": 'A negative question ("Don\'t you think…") tells the participant which answer you expect.',
    "evaluation": 'A yes/no question that names the judgement ("Is it clear?", "Did it help?") invites the participant to agree with it rather than to describe what happened.',
    "tag": 'The tag ("…, right?", "…, isn\'t it?") asks the participant to agree rather than to tell you what happened.',
    "presuming word": 'Words like "surely" or "obviously" state the answer you expect.',
    "premise": "It opens with what others say or with a premise, which pushes the participant to agree.",
    "degree": 'Asking how much of a feeling ("How frustrating…", "How much do you love…") presumes the feeling is there.',
    "effect": "It presumes the product made things better; the participant may not have found that.",
    "praise": "It invites praise and presumes a positive (or negative) feeling the participant may not have.",
    "feeling": "It presumes the feeling; ask what, if anything, they felt instead.",
    "feeling verb": 'Asking whether or how much they love, enjoy or hate something ("Do you love…", "Did you enjoy…") presumes the feeling is there.',
    "comparison": 'It puts the comparison in the participant\'s mouth ("…easier than…"); let them make it.',
    "why": '"Why is X so…" presumes the judgement and asks the participant to justify it.',
    "loaded": "A loaded word in the question tells the participant what to think of the thing.",
    "given feeling": 'It takes the feeling as given ("the hassle of…", "your struggles with…"); the participant may not feel that way.',
    "suggested answer": 'It suggests the answer ("…? Was it the price?"), so the participant is likely to agree with it instead of giving their own reason.',
}


def _subject_before_be(statement: str) -> str | None:
    statement = re.sub(
        r"^(?:you(?:'d| would) agree that|(?:wouldn't|would|don't|do|didn't)\s+you\s+(?:say|agree|think|find|feel)(?:\s+that)?"
        r"|(?:isn't|wasn't)\s+it\s+(?:true|fair\s+to\s+say|obvious|clear)(?:\s+that)?|surely|obviously|clearly)\s+",
        "",
        statement,
    )
    m = re.match(r"^(.+?)\s+(?:is|are|was|were)\s+", statement)
    return m.group(1) if m else None


def _rewrite(p: Parsed, kind: str) -> str | None:
    q = next((s for s in p.questions if sentence_signal(s)), p.questions[0])
    h = q.head.rstrip("?.! ")
    candidates: list[str | None] = []
    if kind == "evaluation":
        # "Is the checkout page clear?" / "Did the reminder emails help you?" -> the
        # participant's experience of the thing, with the verdict left to them.
        thing = _evaluated(h)
        if thing:
            candidates.append(
                "Tell me about your experience with that."
                if thing in ("it", "that", "this", "they", "them")
                else rw.sentence(f"Tell me about your experience with {thing}")
            )
    # "How big a problem is damp in your flat?" -> the experience of damp in your flat
    m = re.match(
        r"^how\s+(?:big|much|serious|bad|major|great|huge)\s+(?:of\s+)?an?\s+[a-z'-]+\s+(?:is|was|are|were)\s+(.+)$",
        h,
    )
    if m:
        topic = m.group(1)
        candidates.append(
            rw.experience_of(topic)
            if topic.split(" ", 1)[0].endswith("ing")
            else rw.sentence(f"Tell me about the last time {topic} came up. What happened?", "")
        )
    # "How much calmer do you feel since you started…" -> what, if anything, changed since…
    m = re.match(
        r"^how\s+much\s+(?:more\s+)?[a-z'-]+\s+(?:do|did|are|were|is|was)\s+(you|your\s+[\w'-]+)\s+(?:feel\s+)?"
        r"((?:since|now\s+that|after)\s+.+)$",
        h,
    )
    if m:
        candidates.append(
            rw.sentence(f"What, if anything, has changed for {m.group(1)} {m.group(2)}", "?")
        )
    m = re.match(r"^how\s+(?:much\s+)?[a-z'-]+\s+(?:is|was|are|were)\s+(?:it\s+)?(.+)$", h)
    if m:
        rest = re.split(r"\s+than\s+", m.group(1))[0]
        when = re.match(r"^you\s+when\s+(.+)$", rest)
        candidates.append(
            rw.sentence(f"Tell me about when {when.group(1)}. How did you feel?", "")
            if when
            else rw.experience_of(rest)
        )
    m = re.match(r"^how\s+[a-z'-]+\s+(?:did|have|do)\s+you\s+(?:find|found)\s+(.+)$", h)
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
    # "You must have been relieved when the boiler was fixed": the event, not the feeling
    m = re.match(
        r"^(?:you|they)\s+must\s+(?:have\s+been|be|have\s+felt|feel)\s+(?:so\s+|really\s+)?[a-z'-]+\s+(?:when|after|that)\s+(.+)$",
        h,
    )
    if m:
        candidates.append(rw.sentence(f"Tell me about when {m.group(1)}. What was that like?", ""))
    if kind == "tag" or _TAG.search(q.text):
        h = q.text.rstrip("?.! ")
        statement = re.split(r",\s*(?:\w+n't\s+\w+|right|correct|yeah|true|am i right)\s*$", h)[0]
        subject = _subject_before_be(statement)
        candidates.append(rw.experience_of(subject) if subject else rw.from_you_clause(statement))
    if kind == "presuming word":
        candidates.append(rw.from_you_clause(_PRESUMING.sub("", h)))
    if kind in ("effect", "premise", "degree"):
        neutral = re.sub(
            r"^what\s+(?:(?:other|real|main|big|biggest)\s+)?(?:benefits?|improvements?|advantages?|gains?)\b",
            "what changes, if any,",
            h,
        )
        # "made it easier for you to keep…" -> "changed how you keep…"
        neutral = re.sub(
            r"\b(?:make|made|makes)\s+it\s+(?:easier|simpler|quicker|faster|harder)\s+for\s+you\s+to\s+",
            "changed how you ",
            neutral,
        )
        # "helped you hit your goals" -> "changed how you hit your goals"
        neutral = re.sub(
            rf"\b(?:{EFFECT_VERBS})\s+you\s+(?!(?:with|to|in|on|at|for|a|an|the|your|more|less)\b)(?=[a-z])",
            "changed how you ",
            neutral,
        )
        neutral = re.sub(rf"\b(?:{EFFECT_VERBS})\s+you\b", "changed things for you", neutral)
        neutral = re.sub(rf"\b(?:{EFFECT_VERBS})\b", "changed", neutral)
        neutral = re.sub(
            r"\b(make|made|makes)\s+((?:[\w'-]+\s+){0,4}?)(?:easier|better|simpler|faster|quicker|smoother|nicer)\b",
            r"changed \2",
            neutral,
        )
        # "did the price drop changed it" -> "did the price drop change it"
        neutral = re.sub(
            r"\b(did|does|do|will|can|could)\b(.*?)\bchanged\b", r"\1\2change", neutral, count=1
        )
        neutral = re.sub(
            r"^how\s+(?:much\s+)?(?=(?:has|have|had|did|does|do|is|was|were|are|will|can|could)\b)",
            "how, if at all, ",
            neutral,
        )
        neutral = re.sub(r"^in\s+(what|which)\s+ways?\s+", r"in \1 ways, if any, ", neutral)
        request = bool(OPEN_REQUEST.match(neutral))
        candidates.append(rw.sentence(neutral, "." if request else "?"))
    for c in candidates:
        if c and not any(sentence_signal(s) for s in parse(c).sentences):
            return c
    return None


# Signals that an earlier "You said it was stressful." turns into the participant's words.
_ECHOABLE = frozenset(["why", "loaded", "given feeling", "feeling", "degree"])
_REPORTED = re.compile(
    r"\b(?:you|they|he|she)\s+(?:said|mentioned|called|described|told\s+me|used\s+the\s+word)\b|\bearlier\s+you\b"
)


def _signal(p: Parsed) -> str | None:
    for i, s in enumerate(p.sentences):
        kind = sentence_signal(s)
        if kind is None:
            continue
        if kind in _ECHOABLE and any(_REPORTED.search(b.text) for b in p.sentences[:i]):
            continue  # "You said it was stressful. What made it so stressful?"
        return kind
    return None


def check(p: Parsed, *, suggest: bool = True) -> Hit | None:
    kind = _signal(p)
    if kind is None and _suggested_answer(p):
        kind = "suggested answer"
    if kind is None:
        return None
    return Hit(
        _EXPLAIN[kind] + " Ask neutrally about what actually happened.",
        _rewrite(p, kind) if suggest else None,
    )
