"""Suggested rewrites: turn a flawed question into a request for a specific past story.

The seed's advice is to ask about experiences and to "encourage them to provide specific
examples", so most rewrites end up as "Tell me about the last time you…". These are
suggestions the PM edits; when a sentence is too tangled to rewrite safely, the checks
return no rewrite rather than a wrong one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guideagent.critique.lexicon import AUX, INTRANSITIVE, words
from guideagent.language.inflection import (
    base_of_gerund,
    base_of_third,
    is_irregular_participle,
    is_past,
    participle_to_past,
    past,
)

_TAIL = re.compile(
    r"\s*\b(?:any\s?time|(?:every|each|per|most)\s+(?:single\s+)?(?:day|week|month|night|morning|evening|year|time|weekend)"
    r"|this\s+(?:year|week|month|morning|term)|at\s+all|ever|yet|before|regularly|often|any\s?more"
    r"|these\s+days|nowadays|right\s+now|currently|usually|normally|always|more|most|instead|again|too"
    r"|(?:next|this\s+coming|the\s+coming)\s+(?:year|week|month|quarter|term|season|spring|summer|autumn|winter)|tomorrow|soon"
    r"|in\s+the\s+future|one\s+day|some\s?day|last\s+(?:year|week|month|night|time|summer|winter|spring|autumn|weekend)"
    r"|yesterday|recently|lately)\s*$"
)
_ADVERBS = r"(?:ever|still|usually|normally|currently|often|typically|already|actually|really|regularly|also|always|sometimes|generally|last|first|rather|personally|honestly)"
_NOT_VERBS = words(
    """
    on in at to for with from by of about up out off into there here now then not no all
    a an the your my when if and or so too also more less ever really just only still
    yet able
    """
)
_STATIVE = words(
    """
    think feel believe know remember mind agree see understand wish hope expect care
    matter say guess suppose reckon imagine assume
    """
)
_LIKING = words(
    """
    like love enjoy prefer hate dislike trust value appreciate
    """
)
_PROCESS = re.compile(
    r"\b(?:checkout|check-out|sign-?up|onboarding|process|application|registration|booking|journey|"
    r"flow|form|returns?|setup|set-up|appointment|interview|move|trip|visit)\b"
)
_DETERMINER = re.compile(r"^(?:a|an|any|the|some)\s+")


def sentence(text: str, end: str = ".") -> str:
    """Capitalised, single-spaced, ending with `end` (or with its own ending when `end` is "")."""
    text = re.sub(r"\s+([.?!,;])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;")
    if end:
        text = text.rstrip("?.!") + end
    return text[:1].upper() + text[1:] if text else text


def restore_case(rewrite: str, original: str) -> str:
    """Rewrites are built from lowercased text: give names and acronyms back their case."""
    cased = _case_map(original)
    if not cased:
        return rewrite
    return re.sub(
        r"\b[A-Za-z0-9][\w&+'-]*",
        lambda m: cased.get(m.group(0).lower(), m.group(0)) if m.start() > 0 else m.group(0),
        rewrite,
    )


@lru_cache(maxsize=1024)
def _case_map(original: str) -> dict[str, str]:
    """Lowercased word -> its cased form, for the names and acronyms in `original`."""
    cased: dict[str, str] = {}
    for m in re.finditer(r"\b([A-Za-z0-9][\w&+'-]*)", original):
        word = m.group(1)
        if word == word.lower():
            continue  # also "18" or "2024": nothing to restore
        marked = sum(c.isupper() for c in word) >= 2 or not word[:1].isupper()
        opens = m.start() == 0 or bool(re.search(r"[.?!:]\s*[\"']?$", original[: m.start()]))
        if not opens or marked:
            cased.setdefault(word.lower(), word)
    return cased


def clean_rest(rest: str) -> str:
    """Drop what made the question closed: offered options, frequency and time tails."""
    rest = rest.strip().rstrip("?.!")
    # "on your phone or on a laptop", "by text or by email": both options go
    rest = re.sub(
        r"(?:^|\s+)(?:by|on|at|in|for|with|from|to|via)\s+[\w' -]{1,30}?\s+or\s+(?:by|on|at|in|for|with|from|to|via)\s+[\w' -]{1,30}$",
        "",
        rest,
    )
    rest = re.split(r"\s+or\s+|,\s*(?:or|and)\s+", rest, maxsplit=1)[0]
    rest = re.split(
        r"(?:^|\s+)(?:if|once|unless|because)\s+|\s+when\s+(?:it|they|we)\s+|(?<!\bfor)(?<!\bin)(?<!\bby)\s+(?:more|less|better|worse)\s+than\s+",
        rest,
        maxsplit=1,
    )[0]
    previous = None
    while previous != rest:
        previous = rest
        rest = _TAIL.sub("", rest).strip(" ,")
    return rest


def last_time(verb: str, rest: str, *, participle: bool = False) -> str | None:
    """ "use", "the app" -> "Tell me about the last time you used the app."."""
    v = verb.lower()
    if v.endswith("ing") and not participle:
        v = base_of_gerund(v) or v
    rest = clean_rest(rest)
    if v in ("have", "own", "got") or (v == "had" and re.match(r"(?:your|their|our|my)\s", rest)):
        if not rest:
            return None
        if re.match(r"(?:your|their|our|my|his|her)\s", rest):
            return sentence(f"Tell me about {rest}")  # "how long have you had your dog"
        return sentence(f"Tell me about your {_DETERMINER.sub('', rest)}")
    if v in AUX and not (participle and v == "had") or v in _STATIVE or v in _NOT_VERBS:
        return None
    if v in _LIKING and rest.startswith("to "):
        return None  # "would you like to share…" is a wish, not a liking
    if v in _LIKING:
        return feeling_about(rest)
    if not rest and not participle and v not in INTRANSITIVE:
        return None
    if participle:
        if v == "been" and rest.startswith(("to ", "in ", "at ", "on ")):
            done = "went" if rest.startswith("to ") else "were"
        else:
            done = participle_to_past(v)
    elif is_past(v):
        done = v  # already past: "you needed", "you saw"
    else:
        done = past(v)
    return sentence(f"Tell me about the last time you {done} {rest}")


def from_you_clause(text: str) -> str | None:
    """Find "you <verb> …" anywhere and ask for the last time it happened."""
    text = re.sub(r"\byou've\b", "you have", text)
    m = re.search(rf"\b(?:(have|has|had)\s+)?you\s+(?:{_ADVERBS}\s+)*([a-z][a-z'-]*)\b(.*)$", text)
    if not m:
        return None
    verb, rest = m.group(2), m.group(3)
    perfect = bool(m.group(1))
    after = re.match(rf"\s+(?:{_ADVERBS}\s+)*([a-z][a-z'-]*)\b(.*)$", rest)
    if verb in ("have", "had") and not perfect and after and _participle(after.group(1)):
        verb, rest, perfect = after.group(1), after.group(2), True  # "you have tried"
    if verb in AUX and verb not in ("have", "do", "did") and not (perfect and verb == "had"):
        return None
    return last_time(verb, rest, participle=perfect)


def _participle(word: str) -> bool:
    return (
        word == "been" or is_irregular_participle(word) or (word.endswith("ed") and len(word) > 4)
    )


def try_to(verb: str, rest: str, subject: str = "you") -> str:
    """Ability questions: "Could you find X?" -> "Walk me through … you tried to find X."."""
    return sentence(
        f"Walk me through what happened the last time {subject} tried to {verb} {clean_rest(rest)}"
    )


def feeling_about(thing: str) -> str | None:
    """What a feeling verb is about -> the experience itself: "how the app checks your
    budget" -> "the last time the app checked your budget"; "cooking" -> "the last time
    you cooked"; "it when the till freezes" -> "what it's like when the till freezes"."""
    t = clean_rest(thing)
    if not t:
        return None
    m = re.match(r"^(?:it|that)\s+when\s+(.+)$", t)
    if m:
        return sentence(f"What's it like for you when {m.group(1)}", "?")
    m = re.match(r"^how\s+(?:quickly|fast|well|easily|soon|smoothly|late|early)\s+(.+)$", t)
    if m:
        return sentence(f"Tell me about when {m.group(1)}. What was that like?", "")
    m = re.match(
        r"^how\s+((?:the|your|our|their|my|this|that)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+|it|they|people)\s+([a-z'-]+)\b(.*)$",
        t,
    )
    if m:
        subject, verb, more = m.group(1), m.group(2), m.group(3).strip()
        if verb in AUX or verb in _NOT_VERBS:
            return None
        done = past(base_of_third(verb)) if not verb.endswith("ed") else verb
        return sentence(
            f"Tell me about the last time {subject} {done} {more}. What was that like?", ""
        )
    if t.split(" ", 1)[0] in (
        "how",
        "what",
        "why",
        "when",
        "where",
        "who",
        "which",
        "whether",
        "if",
    ):
        return None
    return experience_of(t)


# Nouns ending in -ing that are not gerunds.
_ING_NOUNS = words(
    """
    something anything nothing everything thing things morning evening building
    clothing ceiling wedding king ring string spring during ping sibling pudding
    offering setting settings listing listings booking bookings meeting meetings
    """
)
# Gerunds that usually start a compound noun: "parking fines", "opening hours".
_COMPOUND_ING = words(
    """
    parking booking banking shopping cooking swimming running training spending housing
    waiting opening checking savings billing dining sleeping washing charging boarding
    landing learning marketing recycling listening reading writing
    """
)
# Head nouns of things used, of events taken part in, and of things dealt with.
_PRODUCT = re.compile(
    r"\b(?:app|apps|feature|features|tool|tools|site|website|portal|card|cards|dashboard|service|map|"
    r"locker|lockers|kiosk|kiosks|scanner|scanners|planner|tracker|tracking|system|screen|button|platform|"
    r"device|devices|software|redesign|design|version|update|search|timetable|pots|badges|menu|"
    r"calendar|account|wallet|machine|machines|reader|printer|till|tills|meter|statement|statements|"
    r"\w+book|\w+app|assistant|chatbot|widget|console|settings|notifications?|alerts?|reminders?)\b"
)
_EVENT = re.compile(
    r"\b(?:workshop|workshops|class|classes|course|courses|session|sessions|raid|match|matches|event|"
    r"events|lesson|lessons|tour|tours|concert|webinar|training|meeting|meetings|programme|program|"
    r"challenge|league|game|games|festival|fair|market|club)\b"
)


def experience_of(subject: str) -> str | None:
    """A topic noun phrase or gerund -> a request for the last experience of it."""
    s = subject.strip(" ,.?")
    s = re.sub(r"^(?:it|that|this)\s+(?:is|was)\s+\w+\s+", "", s)
    s = re.split(r"\s+(?:over|rather\s+than|instead\s+of|more\s+than|better\s+than)\s+", s)[0]
    if not s or s.split(" ", 1)[0] in (
        "you",
        "how",
        "what",
        "when",
        "why",
        "whether",
        "if",
        "us",
        "me",
        "him",
        "her",
    ):
        return None
    first, _, rest = s.partition(" ")
    if first == "to" and rest:
        verb, _, obj = rest.partition(" ")
        return sentence(
            f"Tell me about the last time you tried to {verb} {obj}. What was that like?", ""
        )
    compound = (
        first in _COMPOUND_ING
        and bool(re.match(r"^[a-z][\w'-]*", rest))
        and (rest.split(" ", 1)[0] not in _NOT_VERBS)
    )
    base = None if first in _ING_NOUNS or compound else base_of_gerund(first)
    if base:
        return sentence(
            f"Tell me about the last time you {past(base)} {rest}. What was that like?", ""
        )
    if _PROCESS.search(s):
        done = "went through"
    elif _PRODUCT.search(s) or s in ("it", "them"):
        done = "used"
    elif _EVENT.search(s):
        done = "took part in"
    else:
        done = "dealt with"
    return sentence(f"Tell me about the last time you {done} {s}. What was that like?", "")


def choice(text: str) -> str | None:
    """ "Tabs or spaces?" -> "Walk me through how you decide between tabs and spaces."."""
    m = re.search(r"(?:^|,\s*)(?:between\s+)?([\w' -]{1,40}?)\s+or\s+([\w' -]{1,40}?)\??$", text)
    if not m:
        return None
    a, b = m.group(1).strip(), m.group(2).strip()
    a = re.sub(r"^(?:which do you prefer,? |do you prefer )", "", a)
    if not a or not b or len(a.split()) > 3 or len(b.split()) > 3 or "you" in (a + " " + b).split():
        return None
    return sentence(f"Walk me through how you decide between {a} and {b}")
