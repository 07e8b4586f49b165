"""Suggested rewrites: turn a flawed question into a request for a specific past story.

The seed's advice is to ask about experiences and to "encourage them to provide specific
examples", so most rewrites end up as "Tell me about the last time you…". These are
suggestions the PM edits; when a sentence is too tangled to rewrite safely, the checks
return no rewrite rather than a wrong one.
"""

from __future__ import annotations

import re

from guideagent.critique.lexicon import AUX, words
from guideagent.critique.morph import IRREGULAR, base_of_gerund, participle_to_past, past

_TAIL = re.compile(
    r"\s*\b(?:any\s?time|(?:every|each|per|most)\s+(?:single\s+)?(?:day|week|month|night|morning|evening|year|time|weekend)"
    r"|this\s+(?:year|week|month|morning|term)|at\s+all|ever|yet|before|regularly|often|any\s?more"
    r"|these\s+days|nowadays|right\s+now|currently|usually|normally|always)\s*$"
)
_ADVERBS = r"(?:ever|still|usually|normally|currently|often|typically|already|actually|really|regularly|also|always|sometimes|generally)"
_NOT_VERBS = words(
    """
    on in at to for with from by of about up out off into there here now then not no all
    a an the your my when if and or so too also more less ever really just only still
    yet able
    """
)
_PAST_FORMS = frozenset(past_form for past_form, _ in IRREGULAR.values()) - set(IRREGULAR)
_STATIVE = words(
    """
    think feel believe know remember mind agree see understand wish hope expect care
    matter
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
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    if end:
        text = text.rstrip("?.!") + end
    return text[:1].upper() + text[1:] if text else text


def restore_case(rewrite: str, original: str) -> str:
    """Rewrites are built from lowercased text: give names and acronyms back their case."""
    cased: dict[str, str] = {}
    for m in re.finditer(r"\b([A-Za-z][\w&+'-]*)", original):
        word = m.group(1)
        marked = sum(c.isupper() for c in word) >= 2 or not word[:1].isupper()
        if word != word.lower() and (m.start() > 0 or marked):
            cased.setdefault(word.lower(), word)
    return re.sub(
        r"\b[A-Za-z][\w&+'-]*",
        lambda m: cased.get(m.group(0).lower(), m.group(0)) if m.start() > 0 else m.group(0),
        rewrite,
    )


def clean_rest(rest: str) -> str:
    """Drop what made the question closed: offered options, frequency and time tails."""
    rest = rest.strip().rstrip("?.!")
    rest = re.split(r"\s+or\s+|,\s*(?:or|and)\s+", rest, maxsplit=1)[0]
    rest = re.split(
        r"(?:^|\s+)(?:if|once|unless)\s+|\s+when\s+(?:it|they|we)\s+", rest, maxsplit=1
    )[0]
    previous = None
    while previous != rest:
        previous = rest
        rest = _TAIL.sub("", rest).strip(" ,")
    return rest


def last_time(verb: str, rest: str, *, participle: bool = False) -> str | None:
    """ "use", "the app" -> "Tell me about the last time you used the app."."""
    v = verb.lower()
    if v in AUX or v in _STATIVE or v in _NOT_VERBS:
        return None
    if v.endswith("ing") and not participle:
        v = base_of_gerund(v) or v
    rest = clean_rest(rest)
    if v in _LIKING and rest.startswith("to "):
        return None  # "would you like to share…" is a wish, not a liking
    if not rest and not participle:
        return None
    if v in _LIKING:
        return (
            sentence(f"Tell me about the last time you used {rest}. What was that like?", "")
            if rest
            else None
        )
    if v in ("have", "own", "got"):
        thing = _DETERMINER.sub("", rest)
        return sentence(f"Tell me about your {thing}") if thing else None
    if participle:
        if v == "been" and rest.startswith(("to ", "in ", "at ", "on ")):
            done = "went" if rest.startswith("to ") else "were"
        else:
            done = participle_to_past(v)
    elif v.endswith("ed") or v in _PAST_FORMS:
        done = v  # already past: "you needed", "you saw"
    else:
        done = past(v)
    return sentence(f"Tell me about the last time you {done} {rest}")


def from_you_clause(text: str) -> str | None:
    """Find "you <verb> …" anywhere and ask for the last time it happened."""
    m = re.search(rf"\b(have|has|had)?\s*you\s+(?:{_ADVERBS}\s+)*([a-z][a-z'-]*)\b(.*)$", text)
    if not m:
        return None
    verb, rest = m.group(2), m.group(3)
    if verb in AUX and verb not in ("have", "do", "did"):
        return None
    return last_time(verb, rest, participle=bool(m.group(1)))


def try_to(verb: str, rest: str) -> str:
    """Ability questions: "Could you find X?" -> "Walk me through … you tried to find X."."""
    return sentence(
        f"Walk me through what happened the last time you tried to {verb} {clean_rest(rest)}"
    )


def experience_of(subject: str) -> str | None:
    """A topic noun phrase or gerund -> a request for the last experience of it."""
    s = subject.strip(" ,.?")
    s = re.sub(r"^(?:it|that|this)\s+(?:is|was)\s+\w+\s+", "", s)
    if not s:
        return None
    first, _, rest = s.partition(" ")
    if first == "to" and rest:
        verb, _, obj = rest.partition(" ")
        return sentence(
            f"Tell me about the last time you tried to {verb} {obj}. What was that like?", ""
        )
    base = base_of_gerund(first)
    if base:
        return sentence(
            f"Tell me about the last time you {past(base)} {rest}. What was that like?", ""
        )
    if _PROCESS.search(s):
        return sentence(
            f"Tell me about the last time you went through {s}. What was that like?", ""
        )
    return sentence(f"Tell me about the last time you used {s}. What was that like?", "")


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
